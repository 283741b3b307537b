"""Shared social agenda, stakeholder meetings, suggested themes and capacity per team."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from collectief.models import Role
from interviews.models import SuggestedTheme
from pilots.models import AgendaPriority, StakeholderMeeting
from tests.collective.factories import (
    CollectiveIssueFactory,
    SignalThemeFactory,
    WeeklyHoursFactory,
)
from tests.factories import MembershipFactory
from tests.interviews.factories import QuestionnaireFactory, ThemeFactory
from tests.pilots.factories import AgendaPriorityFactory, PilotFactory, StakeholderMeetingFactory

pytestmark = pytest.mark.django_db

AGENDA = reverse("pilots:agenda")


@pytest.fixture
def agenda(world):
    return {
        "own": AgendaPriorityFactory(area=world.area, title="Bereik van buurthuizen"),
        "far": AgendaPriorityFactory(area=world.far_area, title="Schulden in Noord"),
        "own_meeting": StakeholderMeetingFactory(area=world.area),
        "far_meeting": StakeholderMeetingFactory(area=world.far_area),
    }


@pytest.mark.parametrize(
    "role, status, sees",
    [
        ("member", 200, {"Bereik van buurthuizen"}),
        ("community_worker", 200, {"Bereik van buurthuizen"}),
        ("lead", 200, {"Bereik van buurthuizen"}),
        ("area_connector", 200, {"Bereik van buurthuizen"}),
        ("outsider", 200, {"Schulden in Noord"}),
        ("municipality", 403, None),
    ],
)
def test_each_role_sees_the_agenda_of_its_own_area(world, login, agenda, role, status, sees):
    response = login(world.people[role]).get(AGENDA)
    assert response.status_code == status
    if sees is not None:
        shown = {p.title for _area, priorities in response.context["areas"] for p in priorities}
        assert shown == sees


@pytest.mark.parametrize(
    "role, own, far",
    [
        ("area_connector", 200, 404),
        ("community_worker", 200, 404),
        ("lead", 200, 404),
        ("member", 403, 404),
        ("municipality", 404, 404),
    ],
)
@pytest.mark.parametrize("view", ["priority_update", "meeting_update", "meeting_send"])
def test_agenda_items_of_another_area_cannot_be_edited(world, login, agenda, role, own, far, view):
    client = login(world.people[role])
    own_obj, far_obj = (
        (agenda["own"], agenda["far"])
        if view == "priority_update"
        else (agenda["own_meeting"], agenda["far_meeting"])
    )
    assert client.get(reverse(f"pilots:{view}", args=[own_obj.pk])).status_code == own
    assert client.get(reverse(f"pilots:{view}", args=[far_obj.pk])).status_code == far
    assert client.post(reverse(f"pilots:{view}", args=[far_obj.pk])).status_code == far


@pytest.mark.parametrize(
    "role, status",
    [("area_connector", 200), ("lead", 200), ("member", 403), ("municipality", 403)],
)
@pytest.mark.parametrize("view", ["priority_create", "meeting_create"])
def test_who_may_add_to_the_agenda(world, login, role, status, view):
    assert login(world.people[role]).get(reverse(f"pilots:{view}")).status_code == status


def test_the_area_connector_adds_a_priority_linked_to_a_collective_issue(world, login):
    issue = CollectiveIssueFactory(team=world.team, title="Eenzaamheid in de Slachthuisbuurt")
    theme = ThemeFactory(questionnaire__team=world.team, title="Ontmoeten")
    signal_theme = SignalThemeFactory(team=world.team, name="Eenzaamheid")
    client = login(world.people["area_connector"])
    data = {
        "area": world.area.pk,
        "neighbourhood": world.team.neighbourhoods.get().pk,
        "title": "Minder eenzaamheid",
        "why": "Veel signalen",
        "collective_issues": [issue.pk],
        "conversation_themes": [theme.pk],
        "signal_themes": [signal_theme.pk],
        "carried_by": "Team, Dock, gebiedsverbinder",
        "progress": "planned",
        "order": 1,
    }
    assert client.post(reverse("pilots:priority_create"), data).status_code == 302
    priority = AgendaPriority.objects.get(title="Minder eenzaamheid")
    assert list(priority.collective_issues.all()) == [issue]
    assert list(priority.conversation_themes.all()) == [theme]
    page = client.get(AGENDA).content.decode()
    assert "Eenzaamheid in de Slachthuisbuurt" in page


def test_links_outside_the_area_fail_validation_and_input_is_kept(world, login):
    far_issue = CollectiveIssueFactory(team=world.far_team)
    client = login(world.people["area_connector"])
    data = {
        "area": world.area.pk,
        "title": "Mijn speerpunt",
        "why": "Omdat",
        "collective_issues": [far_issue.pk],
        "carried_by": "Team",
        "progress": "planned",
        "order": 1,
    }
    response = client.post(reverse("pilots:priority_create"), data)
    assert response.status_code == 200
    assert "collective_issues" in response.context["form"].errors
    assert response.context["form"]["title"].value() == "Mijn speerpunt"
    data["area"] = world.far_area.pk
    data["collective_issues"] = []
    response = client.post(reverse("pilots:priority_create"), data)
    assert "area" in response.context["form"].errors
    assert not AgendaPriority.objects.exists()


def test_meeting_themes_become_suggestions_the_community_worker_decides(world, client):
    questionnaire = QuestionnaireFactory(team=world.team, name="Wat speelt er?")
    client.force_login(world.people["area_connector"])
    data = {
        "area": world.area.pk,
        "held_on": "2017-11-14",
        "attended": "Wijkagent, Dock",
        "themes_raised": "Leefbaarheid\n\nVeiligheid\n",
    }
    response = client.post(reverse("pilots:meeting_create"), data)
    meeting = StakeholderMeeting.objects.get()
    assert response.url == reverse("pilots:meeting_send", args=[meeting.pk])
    send = reverse("pilots:meeting_send", args=[meeting.pk])
    # A questionnaire of a team in another area is not offered.
    far = QuestionnaireFactory(team=world.far_team)
    assert client.post(send, {"questionnaire": far.pk}).status_code == 200
    assert client.post(send, {"questionnaire": questionnaire.pk}).status_code == 302
    client.post(send, {"questionnaire": questionnaire.pk})  # twice: nothing doubles
    assert SuggestedTheme.objects.filter(questionnaire=questionnaire).count() == 2

    detail = reverse("interviews:questionnaire_detail", args=[questionnaire.pk])
    client.force_login(world.people["member"])
    assert not client.get(detail).context["suggestions"]
    safety = SuggestedTheme.objects.get(title="Veiligheid")
    decide = reverse("interviews:suggestion_decide", args=[questionnaire.pk, safety.pk])
    assert client.post(decide, {"decision": "accept"}).status_code == 403

    client.force_login(world.people["community_worker"])
    assert len(client.get(detail).context["suggestions"]) == 2
    assert client.post(decide, {"decision": "accept"}).status_code == 302
    theme = questionnaire.themes.get(title="Veiligheid")
    assert theme.from_stakeholder_meeting
    other = SuggestedTheme.objects.get(title="Leefbaarheid")
    url = reverse("interviews:suggestion_decide", args=[questionnaire.pk, other.pk])
    assert client.post(url, {"decision": "dismiss"}).status_code == 302
    assert not questionnaire.themes.filter(title="Leefbaarheid").exists()
    assert client.post(url, {"decision": "accept"}).status_code == 404  # already decided


def test_capacity_per_team_against_the_norm(world, login, settings):
    settings.COLLECTIEF_EXTRA_COMMUNITY_WORK_NORM_HOURS = 18
    MembershipFactory(team=world.team, role=Role.COMMUNITY_WORKER, hours_per_week=8)
    PilotFactory(
        team=world.team,
        start_date=datetime.date(2017, 1, 1),
        end_date=None,
        extra_capacity_hours=Decimal("4"),
    )
    PilotFactory(team=world.team, extra_capacity_hours=Decimal("30"))  # ended: not counted
    WeeklyHoursFactory(
        team=world.team, week=datetime.date(2018, 1, 1), collective_activating=Decimal(10)
    )
    client = login(world.people["area_connector"])
    rows = {row.team: row for row in client.get(reverse("pilots:capacity")).context["rows"]}
    assert set(rows) == {world.team, world.other_team}
    row = rows[world.team]
    # The world's community worker has the factory's hours; ours adds 8. Only the extra
    # capacity alongside the team counts towards the norm.
    assert row.alongside == 4
    assert not row.meets_norm and row.shortfall == 14
    far = login(world.people["municipality"]).get(reverse("pilots:capacity"))
    assert world.far_team in {row.team for row in far.context["rows"]}


def test_the_existing_community_worker_does_not_count_towards_the_extra_norm(world, login):
    """§5.2: at least 0.5 FTE community work *extra*, on top of the existing community work.
    A team with a full-time community worker and no extra capacity does not meet it."""
    MembershipFactory(team=world.team, role=Role.COMMUNITY_WORKER, hours_per_week=36)
    page = login(world.people["lead"]).get(reverse("pilots:capacity"))
    row = next(row for row in page.context["rows"] if row.team == world.team)
    assert row.inside >= 36 and row.alongside == 0
    assert not row.meets_norm and row.shortfall == 18
    html = page.content.decode()
    assert "18 uur tekort" in html and "Bestaand, binnen het team" in html


@pytest.mark.parametrize("size", [2, 40])
def test_capacity_and_agenda_use_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries, size
):
    for _n in range(size):
        AgendaPriorityFactory(area=world.area)
        PilotFactory(team=world.team)
    client = login(world.people["municipality"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("pilots:capacity")).status_code == 200
    client = login(world.people["area_connector"])
    with django_assert_max_num_queries(16):
        assert client.get(AGENDA).status_code == 200
