"""The city dashboard and report use a fixed number of queries, for 3 and for 300 pilots."""

import datetime
import uuid

import pytest
from django.urls import reverse

from collectief.models import Signal
from initiatives.models import Initiative, Session, Success
from interviews import rollups as interview_rollups
from interviews.models import Conversation, Referral, Resident
from pilots.models import FactorScore, JournalEntry, Lesson, Pilot, WorkingFactor
from pilots.views import DASHBOARD_PILOTS
from tests.collective.factories import (
    CollectiveIssueFactory,
    SignalThemeFactory,
    WeeklyHoursFactory,
)
from tests.factories import UserFactory
from tests.initiatives.factories import ActivityFactory, LabelApplicationFactory
from tests.interviews.factories import RoundFactory
from tests.pilots.factories import WorkshopFactory

pytestmark = pytest.mark.django_db
D = datetime.date
# session, user, scope (memberships, area connections, + connector teams for an area connector),
# the area choices, and the figures: pilots, phases, factors, journal, lessons, workshops (3),
# the pilots' teams, conversations (4: the rollup, and the residents of the period, shared by
# two sections), initiatives (2), participants (attendance, distinct participants), hours
# (targets, members, members with hours, hours), issues (signals, the signals in their
# windows, issues) and successes. The working-factor self-scores stay in the teams.
DASHBOARD_QUERIES = {"municipality": 29, "area_connector": 30}
# Without a period, the hours section first looks up the latest month with hours.
PILOT_PAGE_QUERIES = 34
PILOT_REPORT_QUERIES = 34
PILOT_LIST_QUERIES = 5


def _pilots(world, count):
    teams = [world.team, world.other_team, world.far_team]
    pilots = Pilot.objects.bulk_create(
        Pilot(
            team=teams[index % 3],
            title=f"Pilot {index}",
            goal="Doel",
            start_date=D(2017, 11, 1),
            design_started_on=D(2017, 11, 1),
            contact_started_on=D(2018, 1, 1) if index % 2 else None,
        )
        for index in range(count)
    )
    factor = WorkingFactor.objects.first()
    JournalEntry.objects.bulk_create(
        JournalEntry(pilot=pilot, date=D(2018, 2, 1), kind="obstacle", text="x") for pilot in pilots
    )
    Lesson.objects.bulk_create(
        Lesson(pilot=pilot, theme="team_role", title="x", recorded_on=D(2018, 2, 1))
        for pilot in pilots
    )
    FactorScore.objects.bulk_create(
        FactorScore(pilot=pilot, factor=factor, scored_on=D(2018, 2, 1), score="yes")
        for pilot in pilots
    )
    WorkshopFactory(teams=teams, residents_count=count)
    for team in teams:
        _team_work(team, count)
    return pilots


def _team_work(team, count):
    """Conversations, referrals, initiatives, sessions, successes, signals and hours that grow
    with `count`, so the tests prove the figures of the other apps do not add queries."""
    round_ = RoundFactory(team=team, number=1, starts_on=D(2018, 1, 1), ends_on=D(2018, 6, 30))
    author = UserFactory()
    residents = Resident.objects.bulk_create(
        Resident(team=team, name=f"Bewoner {team.pk}-{n}") for n in range(count)
    )
    conversations = Conversation.objects.bulk_create(
        Conversation(
            round=round_,
            team=team,
            resident=resident,
            held_on=D(2018, 2, 1),
            neighbourhood=team.neighbourhoods.first(),
            place_kind="doorstep",
            submission_token=uuid.uuid4(),
            created_by=author,
        )
        for resident in residents
    )
    Referral.objects.bulk_create(
        Referral(conversation=conversation, name="Buurvrouw") for conversation in conversations
    )
    interview_rollups.refresh(team_ids=[team.pk])  # bulk_create sends no signals
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            team=team,
            name=f"Initiatief {n}",
            kind="club",
            quadrant="collective_activating",
            status="running",
            status_since=D(2018, 1, 1),
            started_on=D(2018, 1, 1),
        )
        for n in range(count)
    )
    LabelApplicationFactory(programme__team=team, initiative=initiatives[0], status="granted")
    activity = ActivityFactory(initiative=initiatives[0])
    Session.objects.bulk_create(
        Session(activity=activity, date=D(2018, 2, 1) + datetime.timedelta(days=n), participants=6)
        for n in range(count)
    )
    Success.objects.bulk_create(
        Success(team=team, title=f"Succes {n}", happened_on=D(2018, 3, 1), shareable=True)
        for n in range(count)
    )
    theme = SignalThemeFactory(team=team)
    Signal.objects.bulk_create(
        Signal(
            team=team,
            theme=theme,
            neighbourhood=team.neighbourhoods.first(),
            households=1,
            recorded_on=D(2018, 3, 1),
        )
        for _n in range(count)
    )
    CollectiveIssueFactory(team=team)
    for week in (D(2018, 1, 1), D(2018, 2, 5)):
        WeeklyHoursFactory(team=team, week=week, collective_activating=4, individual_helping=12)


@pytest.mark.parametrize("count", [3, 300])
@pytest.mark.parametrize("role", ["municipality", "area_connector"])
def test_dashboard_queries_do_not_grow_with_pilots(
    world, login, django_assert_num_queries, count, role
):
    _pilots(world, count)
    client = login(world.people[role])
    url = reverse("pilots:dashboard") + "?start=2017-01-01&end=2018-12-31"
    with django_assert_num_queries(DASHBOARD_QUERIES[role]):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    shown = min(count * 2 // 3, DASHBOARD_PILOTS)  # the connector sees two of three teams
    assert page.count('<th scope="row"><a href="/pilots/') >= shown
    if count > DASHBOARD_PILOTS:
        assert f"De eerste {DASHBOARD_PILOTS} van" in page
        export = client.get(reverse("pilots:dashboard_export", args=["pilots"]) + "?format=csv")
        assert export.content.decode().count("\n") - 1 >= count * 2 // 3  # all, without header
    # The other apps' figures are there: the shared successes of the pilots' teams.
    successes = page.count("<td>Succes ")
    assert successes == min(count * (3 if role == "municipality" else 2), DASHBOARD_PILOTS)
    if count > DASHBOARD_PILOTS:
        assert f"De laatste {DASHBOARD_PILOTS} gedeelde successen" in page


# One area of the city (29, as above) and, to see that neither it nor the rest is 1–4, the
# figures of every pilot in view (25 more: no session, user, scope or area choices again).
AREA_DASHBOARD_QUERIES = 54


@pytest.mark.parametrize("count", [3, 300])
def test_an_area_dashboard_queries_do_not_grow_with_pilots(
    world, login, django_assert_num_queries, count
):
    _pilots(world, count)
    client = login(world.people["municipality"])
    url = reverse("pilots:dashboard") + f"?area={world.area.pk}&start=2017-01-01&end=2018-12-31"
    with django_assert_num_queries(AREA_DASHBOARD_QUERIES):
        assert client.get(url).status_code == 200


# Session, user, scope (as above), the area choices, the pilots and workshops in view (the
# snapshot's key) and the snapshot.
DASHBOARD_SNAPSHOT_QUERIES = {"municipality": 8, "area_connector": 9}


@pytest.mark.parametrize("count", [3, 300])
@pytest.mark.parametrize("role", ["municipality", "area_connector"])
def test_dashboard_read_from_its_snapshot_takes_a_few_queries(
    world, login, django_assert_num_queries, settings, count, role
):
    settings.COLLECTIEF_FIGURES_MAX_AGE_SECONDS = 600
    _pilots(world, count)
    client = login(world.people[role])
    url = reverse("pilots:dashboard") + "?start=2017-01-01&end=2018-12-31"
    computed = client.get(url).context["sections"]
    with django_assert_num_queries(DASHBOARD_SNAPSHOT_QUERIES[role]):
        response = client.get(url)
    assert response.context["sections"] == computed


@pytest.mark.parametrize("count", [3, 300])
def test_city_report_queries_do_not_grow_with_pilots(
    world, login, django_assert_num_queries, count
):
    _pilots(world, count)
    client = login(world.people["municipality"])
    # The dashboard's figures plus the shared lessons and successes.
    with django_assert_num_queries(30):
        assert client.get(reverse("pilots:city_report")).status_code == 200


@pytest.mark.parametrize("count", [2, 40])
def test_pilot_page_report_and_list_queries_do_not_grow_with_the_journal(
    world, login, django_assert_num_queries, count
):
    pilots = _pilots(world, 3)
    pilot = next(p for p in pilots if p.team_id == world.team.pk)
    JournalEntry.objects.bulk_create(
        JournalEntry(pilot=pilot, date=D(2018, 3, 1), kind="decision", text=f"regel {n}")
        for n in range(count)
    )
    client = login(world.people["lead"])
    with django_assert_num_queries(PILOT_PAGE_QUERIES):
        assert client.get(pilot.get_absolute_url()).status_code == 200
    with django_assert_num_queries(PILOT_REPORT_QUERIES):
        assert client.get(reverse("pilots:report", args=[pilot.pk])).status_code == 200
    with django_assert_num_queries(PILOT_LIST_QUERIES):
        assert client.get(reverse("pilots:list")).status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_workshop_list_queries_do_not_grow(world, login, django_assert_num_queries, count):
    for _n in range(count):
        WorkshopFactory(team=world.team, teams=[world.team, world.other_team])
    client = login(world.people["lead"])
    # session, user, scope (2), workshops, their participating teams
    with django_assert_num_queries(6):
        assert client.get(reverse("pilots:workshop_list")).status_code == 200
