"""Every dashboard figure on small, hand-checked data."""

import datetime

import pytest

from collectief.disclosure import HIDDEN, Disclosure
from pilots import figures
from pilots.models import JournalEntry, Phase, Pilot, Theme, WorkingFactor, Workshop
from tests.factories import OrganisationFactory
from tests.pilots.factories import (
    FactorScoreFactory,
    JournalEntryFactory,
    LessonFactory,
    PilotFactory,
    WorkshopFactory,
)

D = datetime.date
K = JournalEntry.Kind
pytestmark = pytest.mark.django_db


def _ctx(start=None, end=None, protect=True, pilots=None, team_reflection=True):
    return figures.FigureContext(
        pilots=pilots if pilots is not None else Pilot.objects.all(),
        workshops=Workshop.objects.all(),
        start=start,
        end=end,
        disclosure=Disclosure(protect=protect),
        team_reflection=team_reflection,
    )


def _section(key, ctx):
    return figures.compute(ctx, [key])[0]


@pytest.fixture
def pilots(world):
    design = PilotFactory(team=world.team, title="Wijkfabriek", end_date=None)
    contact = PilotFactory(
        team=world.other_team, title="Rozenprieel", contact_started_on=D(2018, 3, 1)
    )
    execute = PilotFactory(
        team=world.far_team,
        title="Stop de schulden",
        start_date=D(2017, 12, 1),
        design_started_on=D(2017, 12, 1),
        contact_started_on=D(2017, 12, 10),
        execute_started_on=D(2018, 1, 1),
        end_date=D(2018, 3, 31),
    )
    return design, contact, execute


def test_pilots_overview_lists_team_area_phase_and_period(pilots):
    section = _section("pilots", _ctx(end=D(2018, 6, 1)))
    assert section.rows == [
        [
            "Stop de schulden",
            "SWT Noord",
            "Noord",
            str(Phase.EXECUTE.label),
            D(2017, 12, 1),
            D(2018, 3, 31),
        ],
        ["Wijkfabriek", "SWT Oost 1", "Oost", str(Phase.DESIGN.label), D(2017, 11, 1), ""],
        [
            "Rozenprieel",
            "SWT Oost 2",
            "Oost",
            str(Phase.CONTACT.label),
            D(2017, 11, 1),
            D(2018, 6, 30),
        ],
    ]
    assert section.links == [f"/pilots/{pilots[i].pk}/" for i in (2, 0, 1)]


def test_pilots_per_phase(pilots):
    section = _section("phases", _ctx(end=D(2018, 6, 1)))
    assert [row[1] for row in section.rows] == [1, 1, 1, 0]
    early = _section("phases", _ctx(end=D(2017, 12, 5)))
    # On 5 Dec 2017 every pilot that had started was still designing (the third started on 1 Dec).
    assert [row[1] for row in early.rows] == [3, 0, 0, 0]
    assert early.chart["datasets"][0]["data"] == [3, 0, 0, 0]


def test_a_period_keeps_only_pilots_that_ran_in_it(pilots):
    section = _section("pilots", _ctx(start=D(2018, 4, 1), end=D(2018, 12, 31)))
    assert [row[0] for row in section.rows] == ["Wijkfabriek", "Rozenprieel"]


def test_journal_entries_per_type_in_the_period(pilots):
    design, contact, execute = pilots
    JournalEntryFactory(pilot=design, kind=K.OBSTACLE, date=D(2018, 1, 10))
    JournalEntryFactory(pilot=design, kind=K.OBSTACLE, date=D(2018, 2, 10))
    JournalEntryFactory(pilot=contact, kind=K.BREAKTHROUGH, date=D(2018, 2, 10))
    JournalEntryFactory(pilot=execute, kind=K.SUCCESS, date=D(2018, 5, 1))  # outside period
    section = _section("journal", _ctx(start=D(2018, 1, 1), end=D(2018, 3, 31)))
    counts = dict(section.rows)
    assert counts[str(K.OBSTACLE.label)] == 2
    assert counts[str(K.BREAKTHROUGH.label)] == 1
    assert counts[str(K.SUCCESS.label)] == 0
    assert sum(counts.values()) == 3


def test_working_factor_scores_over_time(pilots):
    design, contact, _ = pilots
    first, second = WorkingFactor.objects.filter(phase=Phase.DESIGN)[:2]
    FactorScoreFactory(pilot=design, factor=first, scored_on=D(2017, 12, 15), score="not_yet")
    FactorScoreFactory(pilot=design, factor=second, scored_on=D(2017, 12, 15), score="yes")
    FactorScoreFactory(pilot=contact, factor=first, scored_on=D(2017, 12, 20), score="partly")
    FactorScoreFactory(pilot=design, factor=first, scored_on=D(2018, 3, 15), score="yes")
    FactorScoreFactory(pilot=design, factor=second, scored_on=D(2018, 3, 15), score="yes")
    section = _section("factors", _ctx())
    label = str(Phase.DESIGN.label)
    assert section.rows == [["2017-12", label, 1, 1, 1, 33.3], ["2018-03", label, 0, 0, 2, 100.0]]
    assert section.chart["labels"] == ["2017-12", "2018-03"]
    assert section.chart["datasets"] == [{"label": label, "data": [33.3, 100.0]}]


def test_lessons_per_theme_all_and_shared(pilots):
    design, contact, _ = pilots
    LessonFactory(pilot=design, theme=Theme.TEAM_ROLE, shareable=True)
    LessonFactory(pilot=contact, theme=Theme.TEAM_ROLE, shareable=False)
    LessonFactory(pilot=contact, theme=Theme.COMMUNITY_WORK, shareable=True)
    rows = {row[0]: row[1:] for row in _section("lessons", _ctx()).rows}
    assert rows[str(Theme.TEAM_ROLE.label)] == [2, 1]
    assert rows[str(Theme.COMMUNITY_WORK.label)] == [1, 1]
    assert rows[str(Theme.SUPPORT_PROCESS.label)] == [0, 0]


def test_workshops_with_small_numbers_of_residents_suppressed(world, pilots):
    dock, humanitas = OrganisationFactory(), OrganisationFactory()
    WorkshopFactory(
        residents_count=3, teams=[world.team, world.far_team], organisations=[dock, humanitas]
    )
    WorkshopFactory(team=world.team, residents_count=7, teams=[world.team], organisations=[dock])
    WorkshopFactory(team=world.team, residents_count=0, date=D(2019, 1, 1))
    suppressed = dict(_section("workshops", _ctx(end=D(2018, 12, 31))).rows)
    values = list(suppressed.values())
    # city-wide 1, team 1, teams 2, organisations 2, residents city-wide 3 -> HIDDEN, team 7
    assert values == [1, 1, 2, 2, HIDDEN, 7]
    exact = dict(_section("workshops", _ctx(end=D(2018, 12, 31), protect=False)).rows)
    assert list(exact.values()) == [1, 1, 2, 2, 3, 7]
    everything = dict(_section("workshops", _ctx()).rows)
    assert list(everything.values())[:2] == [1, 2]
