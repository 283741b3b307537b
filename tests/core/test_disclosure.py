"""The disclosure-control module: threshold rule, secondary suppression, derived figures,
whole-month periods and splits (collectief/disclosure.py, docs/privacy.md §4)."""

import copy
import datetime
import json
import pickle

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from collectief.access import forget_scope
from collectief.disclosure import HIDDEN, THRESHOLD, Disclosure, Hidden
from collectief.models import Role
from tests.factories import MembershipFactory

PROTECT = Disclosure(protect=True)
OPEN = Disclosure(protect=False)
D = datetime.date


def cells_of(rows):
    """{(row, column): value} from a list of rows."""
    return {(r, c): value for r, row in enumerate(rows) for c, value in enumerate(row)}


# ---------------------------------------------------------------- the attacker


def derivable(table, original):
    """The hidden positions of `table` a reader can work out exactly from what it shows.

    The reader knows every shown count, that a hidden count is at least 1 (0 is never hidden)
    and that each row and column adds up to its total, shown or not. Per line: the hidden
    counts add up to the total minus the shown ones; a hidden count is known when it is the
    only unknown of a line with a known total, or when the line's unknowns add up to their
    number (all 1). Repeated over rows and columns with what became known until nothing does.
    """
    rows, columns = range(len(original)), range(len(original[0]))
    shown = {}
    lines = []
    for r in rows:
        shown.update({(r, c): table.cell(r, c) for c in columns})
        shown[(r, "total")] = table.row_total(r)
        lines.append(([(r, c) for c in columns], (r, "total")))
    for c in columns:
        shown[("total", c)] = table.column_total(c)
        lines.append(([(r, c) for r in rows], ("total", c)))
    shown[("total", "total")] = table.grand_total
    lines.append(([(r, "total") for r in rows], ("total", "total")))
    lines.append(([("total", c) for c in columns], ("total", "total")))
    known = {position: value for position, value in shown.items() if isinstance(value, int)}
    hidden = {position for position, value in shown.items() if value is HIDDEN}
    worked_out = set()
    changed = True
    while changed:
        changed = False
        for parts, total in lines:
            unknown = [position for position in [*parts, total] if position not in known]
            if len(unknown) == 1:
                (position,) = unknown
                rest = sum(known[part] for part in parts if part in known)
                known[position] = known[total] - rest if position != total else rest
            elif total in known and unknown and all(position in hidden for position in unknown):
                if known[total] - sum(known[part] for part in parts if part in known) == len(
                    unknown
                ):
                    known.update(dict.fromkeys(unknown, 1))
                else:
                    continue
            else:
                continue
            changed = True
            worked_out.update(position for position in unknown if position in hidden)
    return worked_out


# ---------------------------------------------------------------- Hidden


def test_hidden_reads_less_than_five_is_falsy_and_equals_no_number():
    assert str(HIDDEN) == "<5" and f"{HIDDEN}" == "<5"
    assert not HIDDEN
    assert HIDDEN != 3 and HIDDEN != 0 and HIDDEN is not None
    assert json.dumps({"referrals": HIDDEN}) == '{"referrals": "<5"}'
    assert pickle.loads(pickle.dumps(HIDDEN)) is HIDDEN
    assert copy.deepcopy(HIDDEN) is HIDDEN
    assert isinstance(HIDDEN, Hidden) and repr(HIDDEN) == "HIDDEN"
    with pytest.raises(TypeError):
        sum([5, HIDDEN])


# ---------------------------------------------------------------- threshold rule


def test_threshold_rule_hides_one_to_four_and_shows_zero_and_five():
    assert [PROTECT.count(n) for n in (0, 1, 4, 5, 12, None)] == [0, HIDDEN, HIDDEN, 5, 12, None]
    assert [OPEN.count(n) for n in (0, 1, 4, 5)] == [0, 1, 4, 5]
    assert THRESHOLD == 5


# ---------------------------------------------------------------- lines


def test_the_15_hidden_18_line_gets_a_second_suppression():
    """Issue 17: referrals 15 | <5 | 18 gave the hidden round-2 value as 18 - 15."""
    line = PROTECT.line({"round 1": 15, "round 2": 3})
    assert line.values == {"round 1": HIDDEN, "round 2": HIDDEN}
    assert line.total == 18


def test_a_line_whose_hidden_cells_are_all_one_gets_another_suppression():
    line = PROTECT.line({"a": 1, "b": 1, "c": 9, "d": 7})
    assert line.values == {"a": HIDDEN, "b": HIDDEN, "c": 9, "d": HIDDEN}
    assert line.total == 18


def test_the_next_smallest_non_zero_cell_is_chosen_and_zero_stays():
    line = PROTECT.line({"a": 0, "b": 2, "c": 30, "d": 6, "e": 11})
    assert line.values == {"a": 0, "b": HIDDEN, "c": 30, "d": HIDDEN, "e": 11}


def test_the_total_is_hidden_only_when_the_line_has_nothing_else_to_hide():
    line = PROTECT.line({"a": 0, "b": 7})
    assert (line.values, line.total) == ({"a": 0, "b": 7}, 7)
    line = PROTECT.line({"a": 0, "b": 3})
    assert (line.values, line.total) == ({"a": 0, "b": HIDDEN}, HIDDEN)


def test_a_line_without_its_total_needs_only_the_threshold_rule():
    line = PROTECT.line({"a": 15, "b": 3}, total=False)
    assert (line.values, line.total) == ({"a": 15, "b": HIDDEN}, None)


def test_the_team_itself_sees_every_count():
    line = OPEN.line({"round 1": 15, "round 2": 3})
    assert (line.values, line.total) == ({"round 1": 15, "round 2": 3}, 18)


# ---------------------------------------------------------------- tables


def test_a_table_hides_a_second_cell_in_the_row_and_in_the_column():
    original = [[3, 9, 12], [8, 7, 10], [15, 20, 6]]
    table = PROTECT.table(cells_of(original))
    hidden = {(r, c) for r in range(3) for c in range(3) if table.cell(r, c) is HIDDEN}
    assert (0, 0) in hidden
    assert len(hidden) == 4  # the classic rectangle: two in its row, two in its column
    assert {r for r, _c in hidden} == {0, 1} and {c for _r, c in hidden} == {0, 1}
    assert table.grand_total == 90 and table.row_total(2) == 41
    assert derivable(table, original) == set()


def test_a_table_shows_neighbourhood_totals_only_when_they_give_nothing_away():
    """Round 1 + round 2 - one neighbourhood gives the other neighbourhood (issue 17)."""
    original = [[6, 2], [9, 8]]  # rows: rounds; columns: neighbourhoods
    table = PROTECT.table(cells_of(original))
    assert table.cell(0, 1) is HIDDEN
    assert derivable(table, original) == set()


def test_margins_left_out_still_bind_the_table():
    """Without row totals the grand total minus the other rows gives the row back."""
    original = [[2, 6], [7, 9]]
    table = PROTECT.table(cells_of(original), row_totals=False)
    assert table.row_total(0) is None and table.cell(0, 0) is HIDDEN
    assert derivable(table, original) == set()


def test_a_table_for_the_team_itself_is_unchanged():
    table = OPEN.table(cells_of([[3, 9], [1, 7]]))
    assert [table.cell(0, 0), table.cell(1, 0), table.row_total(1), table.grand_total] == [
        3,
        1,
        8,
        20,
    ]
    assert table.rows == [0, 1] and table.columns == [0, 1]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda columns: st.lists(
            st.lists(st.integers(0, 12), min_size=columns, max_size=columns),
            min_size=1,
            max_size=4,
        )
    ),
    st.booleans(),
    st.booleans(),
)
def test_no_hidden_count_can_be_worked_out_of_a_protected_table(rows, row_totals, column_totals):
    table = PROTECT.table(
        cells_of(rows), row_totals=row_totals, column_totals=column_totals, grand_total=True
    )
    assert derivable(table, rows) == set()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            shown = table.cell(r, c)
            assert shown == value or (shown is HIDDEN and value > 0)
            if 0 < value < THRESHOLD:
                assert shown is HIDDEN


# ---------------------------------------------------------------- derived figures


def test_derived_figures_are_hidden_when_a_count_behind_them_is():
    assert PROTECT.derived(0.4, 8, 3) is HIDDEN  # names per conversation: 3 / 8
    assert PROTECT.derived(0.4, 8, HIDDEN) is HIDDEN
    assert PROTECT.derived(2.5, 20, 8) == 2.5
    assert PROTECT.derived(None, 3) is None
    assert OPEN.derived(0.4, 8, 3) == 0.4


def test_shares_are_hidden_over_hidden_counts():
    assert PROTECT.share(3, 20) is HIDDEN
    assert PROTECT.share(HIDDEN, 20) is HIDDEN
    assert PROTECT.share(6, 20) == 30.0
    assert PROTECT.share(18, 20) is HIDDEN  # the other 2 are the small count
    assert PROTECT.share(6, 0) is None
    assert OPEN.share(3, 20) == 15.0


# ---------------------------------------------------------------- periods and splits


def test_periods_snap_to_whole_months_for_protected_viewers():
    assert PROTECT.period(D(2018, 3, 14), D(2018, 3, 15)) == (D(2018, 3, 1), D(2018, 3, 31))
    assert PROTECT.period(D(2018, 1, 31), D(2018, 2, 1)) == (D(2018, 1, 1), D(2018, 2, 28))
    assert PROTECT.period(D(2020, 2, 2), D(2020, 2, 2)) == (D(2020, 2, 1), D(2020, 2, 29))
    assert PROTECT.period(None, D(2018, 12, 2)) == (None, D(2018, 12, 31))
    assert OPEN.period(D(2018, 3, 14), D(2018, 3, 15)) == (D(2018, 3, 14), D(2018, 3, 15))


def test_a_split_is_shown_only_when_part_and_remainder_are_safe():
    """City total minus one area's total gave the other area's single conversation."""
    assert PROTECT.may_split(10, 11) is False  # remainder 1
    assert PROTECT.may_split(3, 20) is False  # part 3
    assert PROTECT.may_split(10, 10) is True  # remainder 0
    assert PROTECT.may_split(0, 12) is True
    assert PROTECT.may_split(6, 12) is True
    assert OPEN.may_split(10, 11) is True


# ---------------------------------------------------------------- who is protected


@pytest.mark.parametrize(
    "role, protect",
    [
        ("member", False),
        ("community_worker", False),
        ("lead", False),
        ("area_connector", True),
        ("municipality", True),
        ("outsider", True),
    ],
)
def test_only_the_teams_own_people_see_exact_figures(world, role, protect):
    assert Disclosure.for_viewer(world.people[role], [world.team.pk]).protect is protect


def test_figures_over_several_teams_are_exact_only_for_someone_in_all_of_them(world):
    member = world.people["member"]
    teams = [world.team.pk, world.other_team.pk]
    assert Disclosure.for_viewer(member, teams).protect is True
    MembershipFactory(team=world.other_team, role=Role.MEMBER, user=member)
    forget_scope(member)
    assert Disclosure.for_viewer(member, teams).protect is False
    assert Disclosure.for_viewer(member).protect is True  # every team: city-wide figures


def test_anonymous_viewers_are_protected(world):
    from django.contrib.auth.models import AnonymousUser

    assert Disclosure.for_viewer(AnonymousUser(), [world.team.pk]).protect is True


# ---------------------------------------------------------------- templates


def test_the_figure_filter_says_why_a_figure_is_hidden():
    template = Template("{% load collectief_tags %}{{ hidden|figure }} {{ big|figure }}")
    with translation.override("nl"):
        html = template.render(Context({"hidden": HIDDEN, "big": 1234.5}))
    assert html == (
        '<span class="figure-hidden" title="minder dan 5, verborgen om bewoners te beschermen">'
        "&lt;5</span> 1234,5"
    )


def test_figure_rows_show_hidden_cells_the_same_way():
    template = Template("{% load collectief_tags %}{% figure_rows rows %}")
    with translation.override("en"):
        html = template.render(Context({"rows": [(None, ["Referrals", HIDDEN, 18])]}))
    assert '<td><span class="figure-hidden" title="fewer than 5' in html
    assert "<td>18</td>" in html
