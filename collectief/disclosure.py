"""Statistical disclosure control: the one place that decides which figures a viewer sees.

Figures that leave the team (area connector, municipality staff, public pages) must not let
anyone single out a resident, neither directly nor by subtraction. The rules follow the
practice of statistical offices (CBS, Eurostat; tau-Argus): a threshold rule plus secondary
suppression, checked by an audit that plays the attacker. docs/privacy.md §4 explains them.

    disclosure = Disclosure.for_viewer(request.user, [team.pk])
    table = disclosure.table({(round_number, "referrals"): 3, ...})
    table.cell(2, "referrals")  # 3 for the team itself, HIDDEN for everyone else

A page builds its related counts (per round, per neighbourhood and their totals) as ONE
table, so that a total on one part of the page cannot undo a suppression on another.
"""

import calendar
import math
from dataclasses import dataclass

from collectief.access import scope_for

THRESHOLD = 5


class Hidden(str):
    """A suppressed figure. It reads "<5" wherever it is written (HTML, CSV, Excel, JSON),
    is falsy, and equals no number, so it can neither be summed nor compared by mistake."""

    def __new__(cls):
        return super().__new__(cls, "<5")

    def __bool__(self):
        return False

    def __eq__(self, other):
        return isinstance(other, str) and str.__eq__(self, other)

    __hash__ = str.__hash__

    def __repr__(self):
        return "HIDDEN"

    def __reduce__(self):  # pickling (the cache) and copying keep the one instance
        return "HIDDEN"


HIDDEN = Hidden()


def is_hidden(value):
    return isinstance(value, Hidden)


def _is_small(value):
    """A count that could single someone out: 1 to 4 (0 tells nothing about anyone)."""
    return is_hidden(value) or (value is not None and 0 < value < THRESHOLD)


@dataclass(frozen=True)
class ProtectedLine:
    """One row of counts with its total, after suppression."""

    values: dict
    total: object = None


@dataclass(frozen=True)
class ProtectedTable:
    """A 2-D table of counts with its margins, after suppression. Margins that were not
    asked for are None."""

    rows: list
    columns: list
    cells: dict
    row_totals: dict
    column_totals: dict
    grand_total: object = None

    def cell(self, row, column):
        return self.cells[(row, column)]

    def row_total(self, row):
        return self.row_totals.get(row)

    def column_total(self, column):
        return self.column_totals.get(column)


@dataclass(frozen=True)
class Disclosure:
    """What a viewer may see of a set of figures: everything (`protect=False`, the team
    itself) or only what protects residents (`protect=True`)."""

    protect: bool

    @classmethod
    def for_viewer(cls, user, team_ids=None):
        """Protect unless `user` may see the personal data of every team behind the figures.

        `team_ids` None means the figures cover every team (city-wide, public pages): they are
        always protected, as nobody sees the personal data of every team.
        """
        if team_ids is None:
            return cls(protect=True)
        if isinstance(team_ids, int):
            team_ids = [team_ids]
        scope = scope_for(user)
        team_ids = set(team_ids)
        return cls(protect=not team_ids or not all(scope.sees_personal_data(pk) for pk in team_ids))

    def count(self, value):
        """Threshold rule: a count of 1–4 is HIDDEN; 0, 5 and more (and None) stay."""
        if self.protect and _is_small(value):
            return HIDDEN
        return value

    def line(self, values, *, total=True):
        """One row of counts (key -> count) and, with `total`, its sum, protected together."""
        table = self.table(
            {(None, key): value for key, value in values.items()},
            row_totals=total,
            column_totals=False,
            grand_total=False,
        )
        return ProtectedLine(
            values={key: table.cell(None, key) for key in values},
            total=table.row_total(None) if total else None,
        )

    def table(self, cells, *, row_totals=True, column_totals=True, grand_total=True):
        """A table of counts {(row, column): count} with the margins asked for, protected
        with the threshold rule and secondary suppression over rows and columns together.
        Missing cells count 0; rows and columns keep the order in which they first appear.
        Give the cells in a fixed order: between equal counts the suppression hides the
        first, and the same figures must always be hidden the same way."""
        rows = list(dict.fromkeys(row for row, _column in cells))
        columns = list(dict.fromkeys(column for _row, column in cells))
        grid = _Grid(rows, columns, cells, row_totals, column_totals, grand_total)
        if self.protect:
            grid.protect()
        return grid.result()

    def derived(self, value, *counts):
        """A ratio, average, percentage or maximum computed from `counts`: HIDDEN when any of
        them is hidden or small, as the figure would give the hidden count back."""
        if value is None:
            return None
        if is_hidden(value) or (self.protect and any(_is_small(count) for count in counts)):
            return HIDDEN
        return value

    def share(self, part, whole):
        """`part` as a percentage of `whole` (one decimal); None when `whole` is 0 or None.
        Hidden when the part, the whole or the rest (whole - part) is hidden or small: 90%
        of 20 gives the other 2 away as surely as 10% gives the 2 themselves."""
        if is_hidden(part) or is_hidden(whole):
            return HIDDEN
        if not whole or part is None:
            return None
        return self.derived(round(100 * part / whole, 1), part, whole, whole - part)

    def period(self, start, end):
        """A period filter: for protected viewers whole months, so that two periods a day
        apart can never isolate a single conversation. None (an open end) stays None."""
        if not self.protect:
            return start, end
        if start is not None:
            start = start.replace(day=1)
        if end is not None:
            end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
        return start, end

    def may_split(self, part_total, whole_total):
        """May a whole be split into a part (an area, a neighbourhood) and the rest? Only
        when neither the part nor the rest is a small count."""
        if not self.protect:
            return True
        return not (_is_small(part_total) or _is_small(whole_total - part_total))


# Every figure as it is: for the team itself, and the default of services that serve it.
SHOW_ALL = Disclosure(protect=False)

# ---------------------------------------------------------------- secondary suppression


class _Margin:
    """Marks a margin's place in the grid, apart from any row or column key."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


ROW_TOTAL, COLUMN_TOTAL = _Margin("ROW_TOTAL"), _Margin("COLUMN_TOTAL")


class _Grid:
    """A table with its margins as one grid of positions, and the lines that tie them:
    every row and column (with its total) and the two margins (with the grand total).

    A position is (row, column) for a cell, (row, ROW_TOTAL), (COLUMN_TOTAL, column) and
    (COLUMN_TOTAL, ROW_TOTAL) for the grand total. Margins not shown are unknown to the
    reader but still bind the others: a row total left out can come back as the grand total
    minus the other rows.
    """

    def __init__(self, rows, columns, cells, row_totals, column_totals, grand_total):
        self.values = {
            (row, column): cells.get((row, column)) or 0 for row in rows for column in columns
        }
        for row in rows:
            self.values[(row, ROW_TOTAL)] = sum(self.values[(row, column)] for column in columns)
        for column in columns:
            self.values[(COLUMN_TOTAL, column)] = sum(self.values[(row, column)] for row in rows)
        self.values[(COLUMN_TOTAL, ROW_TOTAL)] = sum(self.values[(row, ROW_TOTAL)] for row in rows)
        self.rows, self.columns = rows, columns
        self.shown = {
            position
            for position in self.values
            if (position[1] is not ROW_TOTAL or row_totals)
            and (position[0] is not COLUMN_TOTAL or column_totals)
            and (position != (COLUMN_TOTAL, ROW_TOTAL) or grand_total)
        }
        self.hidden = set()
        # Each line: (its parts, its total); the parts add up to the total.
        self.lines = [
            ([(row, column) for column in columns], (row, ROW_TOTAL))
            for row in [*rows, COLUMN_TOTAL]
        ] + [
            ([(row, column) for row in rows], (COLUMN_TOTAL, column))
            for column in [*columns, ROW_TOTAL]
        ]
        self.lines_through = {position: [] for position in self.values}
        for line in self.lines:
            for position in [*line[0], line[1]]:
                self.lines_through[position].append(line)
        # A stable tie-break between equal counts: earlier rows and columns first.
        self.order = {
            (row, column): (r, c)
            for r, row in enumerate([*rows, COLUMN_TOTAL])
            for c, column in enumerate([*columns, ROW_TOTAL])
        }

    def protect(self):
        """Threshold rule on every shown position, then secondary suppression until no hidden
        count can be worked out from what is still shown."""
        self.hidden = {position for position in self.shown if _is_small(self.values[position])}
        while weak_lines := self.weak_lines():
            self.hidden |= {self.smallest_shown([line]) for line in weak_lines} - {None}
        while exposed := self.exposed():
            self.hidden |= self.next_to_hide(exposed)

    def weak_lines(self):
        """The lines that give a hidden count away on their own (see `gives_away`)."""
        known = self.known
        return [line for line in self.lines if self.gives_away(line, known)]

    def gives_away(self, line, known):
        """Does this line on its own give a hidden count away? It does when its only unknown
        is hidden, or when its total is known and its hidden counts must all be 1. (A quick
        first pass; the audit in `exposed` then looks at all lines together.)"""
        parts, total = line
        unknown = [position for position in [*parts, total] if position not in known]
        if not self.hidden.intersection(unknown):
            return False
        if len(unknown) == 1:
            return self.smallest_shown([line]) is not None
        if total not in known or not self.hidden.issuperset(unknown):
            return False
        return sum(self.values[position] for position in unknown) == len(unknown)

    @property
    def known(self):
        """The positions a reader sees a number in."""
        return self.shown - self.hidden

    def exposed(self):
        """Hidden positions a reader can work out exactly (the audit; see `bounds`)."""
        bounds = self.bounds()
        return [position for position in self.hidden if bounds[position][0] == bounds[position][1]]

    def bounds(self):
        """What a reader can know of each position: its (lowest, highest) value.

        A shown position is known exactly. A hidden one is at least 1 (0 is never hidden),
        a margin left out at least 0. Every line then narrows its positions: a part is at most
        the total minus the least the other parts can be, and at least the total's least
        minus the most the others can be; a total lies between its parts' sums. Repeated
        until nothing narrows, this finds a count that is the only hidden one of its line,
        a line whose hidden counts must all be 1, and what follows from them row by column.
        """
        known = self.known
        bounds = {
            position: (value, value)
            if position in known
            else (1 if position in self.hidden else 0, math.inf)
            for position, value in self.values.items()
        }
        changed = True
        while changed:
            changed = False
            for parts, total in self.lines:
                low_sum = sum(bounds[part][0] for part in parts)
                high_sum = sum(bounds[part][1] for part in parts)
                total_low, total_high = bounds[total]
                narrowed = {total: (max(total_low, low_sum), min(total_high, high_sum))}
                for part in parts:
                    low, high = bounds[part]
                    others_low = low_sum - low
                    others_high = (
                        high_sum - high if high < math.inf else _sum_without(parts, part, bounds)
                    )
                    narrowed[part] = (
                        max(low, total_low - others_high),
                        min(high, total_high - others_low),
                    )
                for position, bound in narrowed.items():
                    if bound != bounds[position]:
                        bounds[position] = bound
                        changed = True
        return bounds

    def next_to_hide(self, exposed):
        """The counts to hide next: for each exposed position, the smallest shown non-zero
        part of a line through it (a total only when its lines have no part left to hide).
        Should there be none, the smallest shown count anywhere: with every non-zero count
        hidden nothing can be worked out, so the suppression always ends."""
        chosen = {self.smallest_shown(self.lines_through[position]) for position in exposed}
        chosen.discard(None)
        if not chosen:
            chosen.add(self.smallest_shown(self.lines))
        assert None not in chosen, "a hidden count is exposed while nothing else is shown"
        return chosen

    def smallest_shown(self, lines):
        """The shown non-zero position of `lines` to hide first: parts before totals, then
        the smallest count, then the first in the table; None when there is none."""
        candidates = [
            (rank, self.values[position], self.order[position], position)
            for parts, total in lines
            for rank, positions in enumerate((parts, [total]))
            for position in positions
            if position in self.shown and position not in self.hidden and self.values[position]
        ]
        return min(candidates)[-1] if candidates else None

    def result(self):
        def shown(position):
            if position not in self.shown:
                return None
            return HIDDEN if position in self.hidden else self.values[position]

        return ProtectedTable(
            rows=self.rows,
            columns=self.columns,
            cells={
                (row, column): shown((row, column)) for row in self.rows for column in self.columns
            },
            row_totals={row: shown((row, ROW_TOTAL)) for row in self.rows},
            column_totals={column: shown((COLUMN_TOTAL, column)) for column in self.columns},
            grand_total=shown((COLUMN_TOTAL, ROW_TOTAL)),
        )


def _sum_without(parts, left_out, bounds):
    """The most the parts other than `left_out` can add up to (inf when one is unbounded)."""
    return sum(bounds[part][1] for part in parts if part != left_out)
