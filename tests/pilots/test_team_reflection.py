"""Issue 17 §2, "team-internal reflection stays in the team" and "area connectors": what a
team writes about itself (self-scores, strubbelingen, emotions, workshop notes) leaves the
team only when the team shares it (report §2.2); the area connector sees figures only."""

import pytest
from django.urls import reverse

from pilots.models import JournalEntry, WorkingFactor
from tests.initiatives.factories import close_file
from tests.pilots.factories import FactorScoreFactory, JournalEntryFactory, PilotFactory

pytestmark = pytest.mark.django_db
K = JournalEntry.Kind
OUTSIDE = ["area_connector", "municipality"]


@pytest.fixture
def kitchen(world):
    """A pilot with the team's own reflection: unshared strubbelingen and emotions, one shared
    decision, and working-factor self-scores."""
    pilot = PilotFactory(team=world.team, title="De Wijkfabriek")
    for kind in (K.OBSTACLE, K.OBSTACLE, K.EMOTION):
        JournalEntryFactory(pilot=pilot, kind=kind, text="Binnen het team.")
    JournalEntryFactory(pilot=pilot, kind=K.DECISION, text="Gedeeld besluit.", shareable=True)
    factor = WorkingFactor.objects.filter(phase="design").first()
    FactorScoreFactory(pilot=pilot, factor=factor, score="not_yet")
    return pilot, factor


def _sections(response):
    return {section.key: section for section in response.context["sections"]}


def _journal_counts(response):
    return {row[0]: row[1] for row in _sections(response)["journal"].rows}


@pytest.mark.parametrize("role", OUTSIDE)
def test_outside_the_team_no_self_scores_and_no_unshared_strubbelingen(world, login, kitchen, role):
    pilot, factor = kitchen
    client = login(world.people[role])
    response = client.get(reverse("pilots:detail", args=[pilot.pk]))
    counts = _journal_counts(response)
    assert counts["Strubbeling"] == 0 and counts["Emotie of spanning in het team"] == 0
    assert counts["Besluit"] == 1
    assert _sections(response)["factors"].rows == []
    html = response.content.decode()
    assert factor.text not in html and "Nog niet" not in html
    report = client.get(reverse("pilots:report", args=[pilot.pk])).content.decode()
    assert factor.text not in report and "Openstaande aanbevelingen" not in report


def test_the_team_sees_its_own_reflection(world, login, kitchen):
    pilot, factor = kitchen
    response = login(world.people["member"]).get(reverse("pilots:detail", args=[pilot.pk]))
    counts = _journal_counts(response)
    assert counts["Strubbeling"] == 2 and counts["Emotie of spanning in het team"] == 1
    assert _sections(response)["factors"].rows
    assert factor.text in response.content.decode()


def test_the_city_dashboard_and_report_show_no_self_scores(world, login, kitchen):
    _pilot, factor = kitchen
    client = login(world.people["municipality"])
    dashboard = client.get(reverse("pilots:dashboard"))
    assert _journal_counts(dashboard)["Strubbeling"] == 0
    assert _sections(dashboard)["factors"].rows == []
    report = client.get(reverse("pilots:city_report")).content.decode()
    assert "Openstaande aanbevelingen" not in report and factor.text not in report


def test_a_team_workshops_notes_stay_in_the_team_until_shared(world, login, team_workshop):
    url = reverse("pilots:workshop_detail", args=[team_workshop.pk])
    connector = login(world.people["area_connector"])
    assert "Kees Koelewijn" not in connector.get(url).content.decode()
    assert "Kees Koelewijn" in login(world.people["lead"]).get(url).content.decode()
    team_workshop.notes_shareable = True
    team_workshop.save()
    assert "Kees Koelewijn" in login(world.people["area_connector"]).get(url).content.decode()


def _session_export(client):
    response = client.get(reverse("initiatives:session_export") + "?format=csv")
    return close_file(response).decode("utf-8-sig")


def test_the_area_connector_sees_session_figures_suppressed(world, login, resident_work):
    """Three participants at a session: the team sees 3, the area connector "<5"."""
    team_row = _session_export(login(world.people["community_worker"])).splitlines()[-1]
    assert ";3;" in team_row
    connector_row = _session_export(login(world.people["area_connector"])).splitlines()[-1]
    assert ";<5;" in connector_row and ";3;" not in connector_row
    activity = resident_work["initiative"].activities.get()
    page = login(world.people["area_connector"]).get(activity.get_absolute_url())
    assert "&lt;5" in page.content.decode()
    detail = login(world.people["area_connector"]).get(
        resident_work["initiative"].get_absolute_url()
    )
    assert detail.context["chart"]["datasets"][0]["data"] == ["<5"]
