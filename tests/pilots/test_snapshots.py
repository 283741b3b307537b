"""The city dashboard reads its figures from snapshots (pilots/snapshots.py): they agree with
the figures computed live, last their maximum age, are recomputed on request and by
`refresh_rollups`, and never cross from one viewer's scope to another's."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from pilots import figures, snapshots
from pilots.models import FigureSnapshot, Pilot, Workshop
from tests.collective.factories import WeeklyHoursFactory
from tests.pilots.factories import LessonFactory, PilotFactory, WorkshopFactory

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("pilots:dashboard")


@pytest.fixture(autouse=True)
def snapshots_on(settings):
    settings.COLLECTIEF_FIGURES_MAX_AGE_SECONDS = 600


@pytest.fixture
def pilots(world):
    """A pilot in each team, with lessons, hours (decimal sums) and a workshop (dates)."""
    made = [PilotFactory(team=team) for team in (world.team, world.other_team, world.far_team)]
    for pilot in made:
        LessonFactory(pilot=pilot, shareable=True)
    for name in ("member", "community_worker", "lead"):  # a complete month of world.team
        WeeklyHoursFactory(
            team=world.team,
            user=world.people[name],
            week=datetime.date(2018, 1, 1),
            collective_activating=Decimal("4.5"),
        )
    WorkshopFactory(teams=[world.team, world.far_team], residents_count=7)
    return made


def _lessons(response):
    section = next(s for s in response.context["sections"] if s.key == "lessons")
    return sum(row[1] for row in section.rows)


def test_a_snapshot_renders_what_a_live_computation_shows(world, pilots, settings):
    ctx = figures.FigureContext(
        pilots=Pilot.objects.all(), workshops=Workshop.objects.all(), team_reflection=True
    )
    with translation.override("nl"):
        stored, _moment = snapshots.sections(ctx)
        read, _moment = snapshots.sections(ctx)  # from the row, through JSON
        settings.COLLECTIEF_FIGURES_MAX_AGE_SECONDS = 0
        live, _moment = snapshots.sections(ctx)
    assert FigureSnapshot.objects.count() == 1
    assert read == stored == live
    cells = [cell for section in read for row in section.rows for cell in row]
    # Dates and decimals keep their types, so they are formatted like live figures.
    assert any(isinstance(cell, datetime.date) for cell in cells)
    assert any(isinstance(cell, Decimal) for cell in cells)


def test_the_dashboard_shows_the_snapshot_until_recalculated(world, pilots, login):
    client = login(world.people["municipality"])
    first = client.get(DASHBOARD)
    assert _lessons(first) == 3
    assert "Cijfers van " in first.content.decode()
    LessonFactory(pilot=pilots[0])
    assert _lessons(client.get(DASHBOARD)) == 3  # the snapshot of a moment ago

    response = client.post(DASHBOARD)
    assert response.status_code == 302 and response.url == DASHBOARD
    page = client.get(DASHBOARD)
    assert _lessons(page) == 4
    assert "De cijfers zijn opnieuw berekend." in page.content.decode()


def test_a_snapshot_older_than_the_maximum_age_is_recomputed(world, pilots, login, settings):
    client = login(world.people["municipality"])
    client.get(DASHBOARD)
    LessonFactory(pilot=pilots[0])
    FigureSnapshot.objects.update(computed_at=timezone.now() - datetime.timedelta(seconds=601))
    assert _lessons(client.get(DASHBOARD)) == 4


def test_each_viewer_scope_and_filter_has_its_own_snapshot(world, pilots, login):
    municipality = login(world.people["municipality"]).get(DASHBOARD)
    connector = login(world.people["area_connector"]).get(DASHBOARD)
    # The connector sees the two teams of their area only, never the city's snapshot.
    assert (_lessons(municipality), _lessons(connector)) == (3, 2)
    filtered = login(world.people["municipality"]).get(DASHBOARD, {"area": world.far_area.pk})
    assert _lessons(filtered) == 1
    english = login(world.people["municipality"]).get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="en")
    assert FigureSnapshot.objects.count() == 4
    assert "Figures as of" in english.content.decode()


def test_export_and_city_report_share_one_snapshot_listing_every_pilot(world, pilots, login):
    client = login(world.people["municipality"])
    export = client.get(reverse("pilots:dashboard_export", args=["lessons"]), {"format": "csv"})
    assert export.status_code == 200
    report = client.get(reverse("pilots:city_report"))
    assert report.status_code == 200
    assert FigureSnapshot.objects.count() == 1


@pytest.mark.parametrize("command", ["refresh_figures", "refresh_rollups"])
def test_a_refresh_recomputes_todays_snapshots_and_drops_older_ones(world, pilots, login, command):
    client = login(world.people["municipality"])
    client.get(DASHBOARD)
    old = FigureSnapshot.objects.create(
        key="old",
        params={},
        sections=[],
        computed_at=timezone.now() - datetime.timedelta(days=2),
    )
    LessonFactory(pilot=pilots[0])
    call_command(command, verbosity=0)
    assert not FigureSnapshot.objects.filter(pk=old.pk).exists()
    assert FigureSnapshot.objects.count() == 1
    assert _lessons(client.get(DASHBOARD)) == 4  # recomputed by the refresh, read as is


def test_recalculating_needs_a_valid_filter(world, pilots, login):
    response = login(world.people["municipality"]).post(DASHBOARD + "?start=nonsense")
    assert response.status_code == 400
    assert not FigureSnapshot.objects.exists()


def test_the_pilot_report_keeps_a_snapshot_per_pilot_and_suppression(world, pilots, login):
    report = reverse("pilots:report", args=[pilots[0].pk])
    team_view = login(world.people["lead"]).get(report)
    assert "Cijfers van " in team_view.content.decode()
    LessonFactory(pilot=pilots[0])
    assert _lessons(login(world.people["lead"]).get(report)) == 1  # its snapshot
    # Outside the team small numbers are suppressed: never the team's snapshot.
    outside = login(world.people["municipality"]).get(report)
    assert _lessons(outside) == 2
    assert FigureSnapshot.objects.count() == 2
