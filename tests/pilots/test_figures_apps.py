"""The dashboard figures drawn from the other apps, on small, hand-checked data."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from collectief.disclosure import HIDDEN, Disclosure
from collectief.models import TeamBalanceSettings
from initiatives.models import Initiative
from pilots import figures
from pilots.models import Pilot, Workshop
from tests.collective.factories import CollectiveIssueFactory, SignalFactory, WeeklyHoursFactory
from tests.factories import MembershipFactory
from tests.initiatives.factories import (
    ActivityFactory,
    InitiativeFactory,
    LabelApplicationFactory,
    LabelProgrammeFactory,
    SessionFactory,
    SuccessFactory,
)
from tests.interviews.factories import (
    ConversationFactory,
    ReferralFactory,
    ResidentFactory,
    RoundFactory,
)
from tests.pilots.factories import PilotFactory

D = datetime.date
S = Initiative.Status
pytestmark = pytest.mark.django_db
APP_SECTIONS = ["conversations", "snowball", "initiatives", "participants", "hours", "issues"]
APP_SECTIONS += ["successes"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def teams(world):
    """world.team and world.other_team run a pilot; world.far_team has none, so its work never
    counts."""
    PilotFactory(team=world.team)
    PilotFactory(team=world.other_team)
    return world.team, world.other_team, world.far_team


YEAR_2018 = (datetime.date(2018, 1, 1), datetime.date(2018, 12, 31))


def _section(key, *, start=YEAR_2018[0], end=YEAR_2018[1], protect=False, team=None):
    pilots = Pilot.objects.filter(team=team) if team else Pilot.objects.all()
    ctx = figures.FigureContext(
        pilots=pilots,
        workshops=Workshop.objects.all(),
        start=start,
        end=end,
        disclosure=Disclosure(protect=protect),
    )
    return figures.compute(ctx, [key])[0]


@pytest.fixture
def conversations(teams):
    team, _other, far = teams
    first = RoundFactory(team=team, number=1, starts_on=D(2018, 1, 1), ends_on=D(2018, 2, 28))
    second = RoundFactory(team=team, number=2, starts_on=D(2018, 3, 1), ends_on=D(2019, 6, 1))
    anna, bert, carla = (ResidentFactory(team=team, name=name) for name in ("A", "B", "C"))
    anna_1 = ConversationFactory(round=first, resident=anna, held_on=D(2018, 1, 10))
    bert_1 = ConversationFactory(round=first, resident=bert, held_on=D(2018, 1, 12))
    ConversationFactory(round=first, resident=anna, held_on=D(2018, 1, 20))
    named = ReferralFactory(conversation=anna_1, name="C", resident=carla)
    ReferralFactory(conversation=bert_1, name="D")
    ConversationFactory(round=second, resident=carla, held_on=D(2018, 3, 5), source_referral=named)
    # After the period, and of a team without a pilot: neither counts.
    ConversationFactory(round=second, resident=bert, held_on=D(2019, 5, 1))
    ConversationFactory(round=RoundFactory(team=far, number=1), held_on=D(2018, 1, 10))


def test_conversations_and_residents_per_round(conversations):
    section = _section("conversations")
    # Round 1: Anna twice and Bert; round 2: Carla. In all 4 conversations with 3 residents.
    assert section.rows == [
        ["SWT Oost 1", "Round 1", 3, 2],
        ["SWT Oost 1", "Round 2", 1, 1],
        ["", "All rounds", 4, 3],
    ]
    assert section.chart["labels"] == ["SWT Oost 1 · Round 1", "SWT Oost 1 · Round 2"]
    assert section.chart["datasets"][0]["data"] == [3, 1]
    # Without a period the conversation of 2019 counts too: Bert again, so still 3 residents.
    assert _section("conversations", start=None, end=None).rows[-1] == ["", "All rounds", 5, 3]


def test_conversation_counts_are_suppressed_outside_the_team(conversations):
    assert _section("conversations", protect=True).rows == [
        ["SWT Oost 1", "Round 1", HIDDEN, HIDDEN],
        ["SWT Oost 1", "Round 2", HIDDEN, HIDDEN],
        ["", "All rounds", HIDDEN, HIDDEN],
    ]


def test_snowball_yield_per_round(conversations):
    # Round 1: 2 names in 3 conversations (0.7 each), one of which led to Carla's conversation;
    # round 2: no names, and its one conversation came through a name.
    assert _section("snowball").rows == [
        ["SWT Oost 1", "Round 1", 2, 0.7, 50.0, 0],
        ["SWT Oost 1", "Round 2", 0, 0.0, None, 1],
    ]


def test_initiatives_by_status_and_label_in_the_period(teams):
    team, other, far = teams
    running = InitiativeFactory(team=team, status=S.RUNNING)
    LabelApplicationFactory(
        programme__team=team, programme__name="Buurtlabel", initiative=running, status="granted"
    )
    InitiativeFactory(team=other, status=S.RUNNING)
    InitiativeFactory(team=other, status=S.IDEA, started_on=None)
    # Ended before the period; and a team without a pilot.
    InitiativeFactory(team=team, status=S.ENDED, started_on=D(2017, 1, 1), ended_on=D(2017, 6, 1))
    InitiativeFactory(team=far, status=S.RUNNING)
    section = _section("initiatives")
    assert section.rows == [
        ["Status: Idea", 0],  # created today, so not yet in 2018
        ["Status: Starting", 0],
        ["Status: Running", 2],
        ["Status: Paused", 0],
        ["Status: Ended", 0],
        ["Label: Buurtlabel", 1],
    ]
    assert section.chart["datasets"][0]["data"] == [0, 0, 2, 0, 0]
    assert _section("initiatives", end=None).rows[0] == ["Status: Idea", 1]
    # The pilot of world.team alone: its one running, labelled initiative.
    assert _section("initiatives", team=team).rows[2] == ["Status: Running", 1]


def test_the_dashboard_shows_the_labels_granted_most_and_says_so(teams):
    team, _other, _far = teams
    for name, granted in [("Aap", 1), ("Beer", 3), ("Cavia", 2)]:
        programme = LabelProgrammeFactory(team=team, name=name)
        for _n in range(granted):
            LabelApplicationFactory(
                programme=programme,
                initiative=InitiativeFactory(team=team, status=S.RUNNING),
                status="granted",
            )
    ctx = figures.FigureContext(
        pilots=Pilot.objects.all(), workshops=Workshop.objects.all(), overview_limit=2
    )
    section = figures.compute(ctx, ["initiatives"])[0]
    assert section.rows[5:] == [["Label: Beer", 3], ["Label: Cavia", 2]]
    assert "2 labels granted most of 3" in section.note
    ctx.overview_limit = None
    assert len(figures.compute(ctx, ["initiatives"])[0].rows) == 8


def test_participants_per_month(teams):
    team, other, far = teams
    SessionFactory(
        activity=ActivityFactory(initiative__team=team),
        date=D(2018, 2, 1),
        participants=6,
        volunteers=2,
    )
    SessionFactory(
        activity=ActivityFactory(initiative__team=other),
        date=D(2018, 2, 15),
        participants=4,
        volunteers=1,
    )
    SessionFactory(
        activity=ActivityFactory(initiative__team=team),
        date=D(2018, 3, 1),
        participants=10,
        volunteers=3,
    )
    SessionFactory(activity=ActivityFactory(initiative__team=far), date=D(2018, 3, 1))
    SessionFactory(activity=ActivityFactory(initiative__team=team), date=D(2019, 3, 1))
    # No registered participants: attendance only, no distinct people.
    assert _section("participants").rows == [["2018-02", 2, 10, 0, 3], ["2018-03", 1, 10, 0, 3]]
    assert _section("participants", protect=True).rows == [
        ["2018-02", 2, 10, 0, HIDDEN],
        ["2018-03", 1, 10, 0, HIDDEN],
    ]


def test_participants_are_people_and_attendance_is_visits(teams):
    """ "Deelnemers" summed attendance over sessions: the same six people at four weekly return
    mornings are 24 visits by 6 participants."""
    team, _other, _far = teams
    activity = ActivityFactory(initiative__team=team)
    people = [activity.initiative.participants.create(pseudonym=f"P{n}") for n in range(6)]
    for day in (1, 8, 15, 22):
        session = SessionFactory(activity=activity, date=D(2018, 2, day), participants=6)
        session.attendees.set(people)
    section = _section("participants")
    assert section.headers[2:4] == [
        "Attendance (visits over all sessions)",
        "Distinct registered participants",
    ]
    assert section.rows == [["2018-02", 4, 24, 6, 16]]  # and 4 volunteers each morning


def test_collective_share_of_hours_against_the_weighted_target(world, teams):
    team, other, far = teams
    TeamBalanceSettings.objects.create(team=other, collective_target=50)
    other_member = MembershipFactory(team=other).user
    # January, complete for both teams: world.team 10 of 40 hours collective (target 25: met,
    # its lead and community worker registered no hours), the other team 10 of 20 (target 50:
    # met). Together 20 of 60 = 33.3%, target (25×40 + 50×20) / 60 = 33.
    january = D(2018, 1, 8)
    WeeklyHoursFactory(
        team=team,
        user=world.people["member"],
        week=january,
        collective_activating=10,
        individual_helping=30,
    )
    for name in ("lead", "community_worker"):
        WeeklyHoursFactory(team=team, user=world.people[name], role=name, week=january)
    WeeklyHoursFactory(
        team=other,
        user=other_member,
        week=january,
        collective_helping=10,
        individual_activating=10,
    )
    # February: only world.team's lead saved a week, all collective: 1 of 3 members, so the
    # month is not complete and declares nothing.
    WeeklyHoursFactory(
        team=team,
        user=world.people["lead"],
        role="lead",
        week=D(2018, 2, 5),
        collective_activating=40,
    )
    WeeklyHoursFactory(team=far, week=january, collective_activating=40)
    section = _section("hours")
    assert section.rows == [
        ["2018-01", 20, 60, Decimal("33.3"), 33, "2 / 2", "2 / 2"],
        ["2018-02", 0, 0, None, None, "0 / 1", "0 / 0"],
        ["Each team's last complete month", "", "", None, None, "", "2 / 2"],
    ]
    assert section.chart["datasets"][1]["data"] == [33, None]
    assert "80%" in section.note
    # Without a period: the twelve months up to the latest month with hours.
    assert len(_section("hours", start=None, end=None).rows) == 3


def test_candidate_and_collective_issues(teams):
    team, other, far = teams
    # Five signals in three months on one theme and neighbourhood: a candidate (default 5/91).
    for day in (1, 5, 10, 15, 20):
        SignalFactory(team=team, recorded_on=D(2018, 3, day), households=2)
    SignalFactory(team=other, recorded_on=D(2018, 3, 1))
    SignalFactory(team=other, recorded_on=D(2017, 3, 1))  # before the period
    SignalFactory(team=far, recorded_on=D(2018, 3, 1))
    CollectiveIssueFactory(team=other, created_on=D(2018, 4, 1))
    assert _section("issues").rows == [
        ["Candidate collective issues", 1],
        ["Collective issues", 1],
        ["Open signals", 6],
        ["Households in open signals", 11],
    ]
    assert _section("issues", protect=True, team=other).rows[2:] == [
        ["Open signals", HIDDEN],
        ["Households in open signals", HIDDEN],
    ]


def test_only_shared_successes_in_the_period(teams):
    team, other, far = teams
    initiative = InitiativeFactory(team=team, name="Bakkie op het plein")
    SuccessFactory(
        team=team,
        initiative=initiative,
        title="Eerste bakkie",
        happened_on=D(2018, 3, 1),
        celebrated_on=D(2018, 3, 8),
        shareable=True,
    )
    SuccessFactory(team=other, title="Straatfeest", happened_on=D(2018, 6, 1), shareable=True)
    SuccessFactory(team=team, title="Niet gedeeld", happened_on=D(2018, 3, 1))
    SuccessFactory(team=team, title="Te vroeg", happened_on=D(2017, 3, 1), shareable=True)
    SuccessFactory(team=far, title="Ander team", happened_on=D(2018, 3, 1), shareable=True)
    assert _section("successes").rows == [
        [D(2018, 6, 1), "Straatfeest", other.name, "", ""],
        [D(2018, 3, 1), "Eerste bakkie", team.name, "Bakkie op het plein", D(2018, 3, 8)],
    ]


def test_the_dashboard_shows_the_latest_shared_successes_and_says_so(teams):
    team, _other, _far = teams
    for day in range(1, 5):
        SuccessFactory(
            team=team, title=f"Succes {day}", happened_on=D(2018, 3, day), shareable=True
        )
    ctx = figures.FigureContext(
        pilots=Pilot.objects.all(), workshops=Workshop.objects.all(), overview_limit=3
    )
    section = figures.compute(ctx, ["successes"])[0]
    assert [row[1] for row in section.rows] == ["Succes 4", "Succes 3", "Succes 2"]
    assert "latest 3 shared successes" in section.note
    ctx.overview_limit = 4
    assert figures.compute(ctx, ["successes"])[0].note == ""


def test_sections_without_data_have_no_rows_and_no_chart(teams):
    for key in APP_SECTIONS:
        section = _section(key)
        assert section.rows == [] and section.chart is None, key


def test_the_dashboard_says_plainly_when_an_app_has_no_data(world, login, teams):
    page = login(world.people["municipality"]).get("/pilots/dashboard/").content.decode()
    assert page.count("Niets in deze periode.") >= len(APP_SECTIONS)
