"""The conversation export made in the background (interviews.ExportJob), with tasks run eagerly
as without a broker; tests/jobs runs the same on a real worker."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief.models import AccessRecord
from interviews import privacy
from interviews.models import ExportJob
from interviews.tasks import delete_expired_exports

pytestmark = pytest.mark.django_db


def _start(client, team, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interviews:export_start", args=[team.pk]), data)
    return response


def test_a_named_background_export_is_logged_when_downloaded(
    world, own, login, django_capture_on_commit_callbacks
):
    client = login(world.people["lead"])
    _start(client, world.team, django_capture_on_commit_callbacks, named="1", format="csv")
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE and not AccessRecord.objects.exists()
    response = client.get(reverse("interviews:export_download", args=[job.uuid]))
    assert own.resident.name in response.content.decode("utf-8-sig")
    record = AccessRecord.objects.get()
    assert record.user == world.people["lead"] and record.purpose == "interviews:export"
    assert AccessRecord.objects.for_resident(own.resident.uuid).exists()


def test_a_waiting_export_shows_its_progress_and_cannot_be_downloaded_yet(world, own, login):
    job = ExportJob.objects.create(requester=world.people["member"], team=world.team, progress=40)
    client = login(world.people["member"])
    page = client.get(reverse("interviews:export_job", args=[job.uuid])).content.decode()
    assert 'http-equiv="refresh"' in page and 'value="40"' in page
    assert client.get(reverse("interviews:export_download", args=[job.uuid])).status_code == 404


def test_someone_outside_the_team_cannot_start_an_export(
    world, own, login, django_capture_on_commit_callbacks
):
    client = login(world.people["outsider"])
    response = _start(client, world.team, django_capture_on_commit_callbacks)
    assert response.status_code == 404 and not ExportJob.objects.exists()


def test_exports_are_deleted_after_a_day(world):
    now = timezone.now()
    old = ExportJob.objects.create(
        requester=world.people["member"],
        team=world.team,
        created_at=now - datetime.timedelta(hours=25),
    )
    recent = ExportJob.objects.create(requester=world.people["member"], team=world.team)
    delete_expired_exports.delay()
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not ExportJob.objects.filter(pk=old.pk).exists()


def test_anonymising_a_resident_deletes_the_teams_background_exports(world, own):
    named = ExportJob.objects.create(
        requester=world.people["lead"], team=world.team, named=True, content=b"Bewoner"
    )
    elsewhere = ExportJob.objects.create(requester=world.people["outsider"], team=world.far_team)
    privacy.residents_anonymise(residents=[own.resident])
    assert not ExportJob.objects.filter(pk=named.pk).exists()
    assert ExportJob.objects.filter(pk=elsewhere.pk).exists()
