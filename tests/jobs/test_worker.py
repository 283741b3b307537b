"""Background jobs on a real Celery worker and Redis (issue 20 §2): a scheduled refresh updates
the dashboard's snapshot; a task whose worker process is killed runs again, and once to the end;
a background export finishes and only the person who asked for it can download it."""

import os
import signal

import pytest
from django.urls import reverse

from collectief.celery import app
from interviews.models import ExportJob
from pilots.models import FigureSnapshot
from tests.interviews.factories import ConversationFactory, RoundFactory
from tests.jobs.conftest import wait_for
from tests.pilots.factories import LessonFactory, PilotFactory

DASHBOARD = reverse("pilots:dashboard")


def _lessons_on_dashboard(client):
    response = client.get(DASHBOARD)
    section = next(s for s in response.context["sections"] if s.key == "lessons")
    return sum(row[1] for row in section.rows)


def test_a_scheduled_refresh_updates_the_dashboard_snapshot(world, login, settings, thread_worker):
    settings.COLLECTIEF_FIGURES_MAX_AGE_SECONDS = 600
    pilot = PilotFactory(team=world.team)
    LessonFactory(pilot=pilot, shareable=True)
    client = login(world.people["municipality"])
    assert _lessons_on_dashboard(client) == 1
    computed_at = FigureSnapshot.objects.get().computed_at
    LessonFactory(pilot=pilot, shareable=True)
    assert _lessons_on_dashboard(client) == 1  # the snapshot, not yet refreshed

    scheduled = app.conf.beat_schedule["refresh-figures"]
    app.send_task(scheduled["task"])
    wait_for(lambda: scheduled["task"] in thread_worker)
    assert FigureSnapshot.objects.get().computed_at > computed_at

    assert _lessons_on_dashboard(client) == 2


def test_a_killed_workers_task_is_retried_and_runs_once(redis_db, queue, process_worker):
    key = "killed-job"
    app.send_task("tests.slow_job", args=[key], queue=queue)
    wait_for(lambda: redis_db.llen(f"{key}:starts") == 1, timeout=40)
    first_process = int(redis_db.lindex(f"{key}:starts", 0))
    os.kill(first_process, signal.SIGKILL)  # the pool child running the task, mid-task

    wait_for(lambda: redis_db.get(f"{key}:finished") is not None, timeout=40)
    starts = [int(pid) for pid in redis_db.lrange(f"{key}:starts", 0, -1)]
    assert len(starts) == 2 and starts[1] != first_process
    assert int(redis_db.get(f"{key}:finished")) == 1


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_background_export_is_downloaded_by_its_requester_only(
    world, login, client, thread_worker, file_format
):
    round_ = RoundFactory(team=world.team)
    conversations = ConversationFactory.create_batch(3, round=round_)
    member = world.people["member"]
    response = login(member).post(
        reverse("interviews:export_start", args=[world.team.pk]), {"format": file_format}
    )
    job = ExportJob.objects.get()
    assert response.url == reverse("interviews:export_job", args=[job.uuid])
    wait_for(lambda: "interviews.run_export" in thread_worker)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE

    page = client.get(response.url)
    download = reverse("interviews:export_download", args=[job.uuid])
    assert download in page.content.decode()
    file = client.get(download)
    assert file.status_code == 200
    assert file["Content-Disposition"].endswith(f'.{file_format}"')
    if file_format == "csv":
        assert conversations[0].resident.pseudonym in file.content.decode()

    # The lead may see the same team's conversations, but not someone else's export.
    client.force_login(world.people["lead"])
    assert client.get(response.url).status_code == 404
    assert client.get(download).status_code == 404
