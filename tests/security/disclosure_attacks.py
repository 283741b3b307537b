"""The attacker of issue 17 §1: works out suppressed small counts from what a role receives.

Black-box: it reads only responses (HTML tables, the JSON data of charts, CSV exports) and
turns every cell it recognises into an observation of one *cell key*: a measure (conversations,
referrals, participants, a theme's count, ...), the teams behind it, the period filter and its
dimensions (round, neighbourhood, month, row). The same key seen on two pages (a team's
snowball page and the dashboard filtered to that team's area, the CSV and the HTML, a chart
and its table) is one unknown. What it knows beyond the responses is the structure of the
pages, kept in the small tables below (which label is which measure, which figure is a ratio
of which counts, which measures add up over rounds and neighbourhoods).

Every suppressed cell is an integer in 1..4, every other count an integer >= 0. The attacker
writes down the linear relations between the keys:

* a line and its total (a round column against "All rounds", a theme's rounds against its
  neighbourhoods), also when the total is on another page;
* the same measure for a set of teams (the city, an area) against subsets of it (another
  area, one team's page): city - area = the other area;
* the same measure for a period against a period inside it (a day shifted): the difference is
  what happened in the days between;
* a ratio or percentage rounded to one decimal against its numerator and denominator.

and narrows every unknown's range by interval propagation until nothing changes. That covers
attacks (a) one hidden cell in a line with a total, (b) hidden cells that must all be 1,
(c) the iteration of both over rows and columns, (d) totals across tables and pages,
(e) ratio x count and percentage x whole, (f) adjacent filters and day-shifted periods.
Attack (g) is the threshold rule itself: a shown count of people or conversations in 1..4.

What counts as a leak: any protected count (a count of people or conversations, suppressed
or a difference of shown counts, or the numerator behind a shown percentage) whose range
narrows to exactly one value in 1..4. The attacker reports every such derivation, not only
those that match the seeded truth: the pages are consistent, so a unique derivation from
shown numbers *is* the true value, and asking for the truth would only let a harness bug hide
a leak. The unit tests in test_disclosure_attacks.py prove that on hand-made tables.
"""

import calendar
import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from collectief.models import Area, Team
from initiatives.models import Activity, Initiative, LabelProgramme
from interviews.models import Round
from pilots.models import Pilot

THRESHOLD = 5
HIDDEN_TEXT = "<5"
ALL = "*"  # the dimension value of a total ("All rounds")
INFINITY = math.inf

# --- the attacker's knowledge of the pages ----------------------------------------------------

# Labels (English, the attacker asks for English pages) of counts of people or conversations.
PROTECTED_MEASURES = {
    "Conversations": "conversations",
    "Residents reached": "residents",
    "Referrals": "referrals",
    "Names given": "referrals",
    "Conversations through a name": "via_referral",
    "Longest chain (conversations)": "longest_chain",
    "Participants": "participants",
    "Volunteers": "volunteers",
    "Residents at city-wide workshops": "workshop_residents_citywide",
    "Residents at team workshops": "workshop_residents_team",
    "Open signals": "open_signals",
    "Households in open signals": "households",
}
# Workshops count for every area one of their teams is in, not for the teams of the pilots in
# view: their figures do not add up over teams.
NOT_ADDITIVE_OVER_TEAMS = {"workshop_residents_citywide", "workshop_residents_team"}
# Measures whose "All rounds" is the sum of the rounds (residents are counted once over rounds).
ROUND_ADDITIVE = {"conversations", "referrals", "via_referral"}
# Ratios and percentages: label -> (numerator, denominator, scale). The value shown is
# round(scale * numerator / denominator, 1).
DERIVED_FIGURES = {
    "Referrals per conversation": ("referrals", "conversations", 1),
    "Names per conversation": ("referrals", "conversations", 1),
    "Referrals that became a conversation (%)": ("referrals_followed", "referrals", 100),
    "Percentage of names that led to a conversation": ("referrals_followed", "referrals", 100),
    "Not already known as a client (%)": ("not_known", "residents", 100),
}
# A cell holding two counts, "3 (2)": label -> (measure outside, measure in brackets).
COMBINED_CELLS = {"Open signals (households)": ("open_signals", "households")}
# A table whose first column is "Team" has one team's figures per row (the balance page).
TEAM_COLUMN = "Team"
# The themes table counts conversations per theme, per round and per neighbourhood.
THEMES_TABLE_ID = "theme-counts"
THEME_MEASURE_PREFIX = "theme: "

ROUND_LABEL = re.compile(r"^Round (\d+)\b")
MONTH_LABEL = re.compile(r"^\d{4}-\d{2}$")
ALL_LABELS = {"All rounds", "Total", "All"}


# --- parsing ------------------------------------------------------------------------------------


@dataclass
class Table:
    """One table as received: headers, and rows of cell texts (the first is the row label)."""

    name: str  # the table's id or caption, for the report
    headers: list
    rows: list
    table_id: str = ""


class _TableParser(HTMLParser):
    """Every <table> of a page, and the chart data in <script type="application/json">."""

    def __init__(self):
        super().__init__()
        self.tables, self.scripts = [], []
        self._table = self._row = self._cell = self._caption = self._script = None
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = {"id": attrs.get("id", ""), "caption": "", "head": [], "rows": []}
        elif self._table is None:
            if tag == "script" and attrs.get("type") == "application/json":
                self._script = []
        elif tag == "caption":
            self._caption = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        elif self._table is None:
            return
        elif tag == "caption" and self._caption is not None:
            self._table["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            (self._table["head"] if self._in_head else self._table["rows"]).append(self._row)
            self._row = None
        elif tag == "table":
            head = self._table["head"][0] if self._table["head"] else []
            name = self._table["id"] or self._table["caption"]
            self.tables.append(Table(name, head, self._table["rows"], self._table["id"]))
            self._table = None

    def handle_data(self, data):
        for part in (self._cell, self._caption, self._script):
            if part is not None:
                part.append(data)


def parse_html(html):
    """The tables of a page, with each chart's data as one more table (labels x datasets)."""
    parser = _TableParser()
    parser.feed(html)
    tables = parser.tables
    for text in parser.scripts:
        try:
            spec = json.loads(text)
        except ValueError:
            continue
        if isinstance(spec, dict) and "datasets" in spec and "labels" in spec:
            headers = ["Label", *(str(dataset.get("label", "")) for dataset in spec["datasets"])]
            rows = [
                [str(label), *(_json_cell(dataset["data"], index) for dataset in spec["datasets"])]
                for index, label in enumerate(spec["labels"])
            ]
            tables.append(Table("chart data", headers, rows))
    return tables


def _json_cell(data, index):
    value = data[index] if index < len(data) else None
    return "" if value is None else str(value)


def parse_csv(text, name="CSV export"):
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text)))
    if not rows:
        return []
    return [Table(name, rows[0], rows[1:])]


def parse_xlsx(content, name="Excel export"):
    """Every sheet of a workbook, its first row the headers; cells as the CSV writes them."""
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    tables = []
    for sheet in workbook.worksheets:
        rows = [
            ["" if value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        if rows:
            tables.append(Table(f"{name}: {sheet.title}", rows[0], rows[1:]))
    workbook.close()
    return tables


def _delimiter(text):
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def parse_number(text):
    """An int or float, HIDDEN_TEXT, or None for anything else ("–", a name, a date)."""
    text = text.strip()
    if text.startswith(HIDDEN_TEXT):
        return HIDDEN_TEXT
    text = text.rstrip("%").strip()
    if re.fullmatch(r"-?\d{1,3}(,\d{3})+", text):  # English thousands
        return int(text.replace(",", ""))
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return None


# --- observations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a page's figures are about: the teams behind them and the period filter."""

    teams: frozenset
    start: date | None = None
    end: date | None = None
    round: str = ALL  # a page filtered to one round (the themes page ?round=)


@dataclass(frozen=True)
class Key:
    measure: str
    teams: frozenset
    start: date | None
    end: date | None
    dims: tuple  # sorted (dimension, value) pairs

    def with_dim(self, name, value):
        return Key(
            self.measure,
            self.teams,
            self.start,
            self.end,
            tuple(sorted({**dict(self.dims), name: value}.items())),
        )


@dataclass(frozen=True)
class Where:
    """Where a cell was seen, for the report."""

    url: str
    table: str
    row: str
    column: str

    def __str__(self):
        return f"{self.url} | {self.table} | {self.row} | {self.column}"


@dataclass(frozen=True)
class Leak:
    where: str
    value: int
    attack: str

    def __str__(self):
        return f"{self.where} = {self.value} ({self.attack})"


def _team_row_dims(row, label_columns):
    """The round or month of a row of one team's figures (the rounds list), if it names one."""
    for index in label_columns[1:]:
        dims = _dims_of(row[index]) if index < len(row) else ()
        if dims and dims[0][0] in ("round", "month"):
            return dims
    return ()


def _dims_of(label):
    label = label.strip()
    match = ROUND_LABEL.match(label)
    if match:
        return (("round", match.group(1)),)
    if label in ALL_LABELS:
        return (("round", ALL),)
    if MONTH_LABEL.match(label):
        return (("month", label),)
    if label in ("", "Number", "Label"):
        return ()
    return (("row", label),)


@dataclass
class Attacker:
    """What the role received, cell by cell, and what can be worked out from it."""

    # (Key, value, Where); a ratio or percentage has ("derived", label, Scope, dims) as key.
    observations: list = field(default_factory=list)
    pages: int = 0  # responses read

    # --- reading what the role receives

    def read(self, url, response, scope):
        """Read one response (HTML page, CSV or Excel export) fetched for `scope`."""
        self.pages += 1
        content_type = response.get("Content-Type", "")
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8", errors="replace")
        if "text/csv" in content_type:
            tables = parse_csv(text)
        elif "text/html" in content_type:
            tables = parse_html(text)
        elif "spreadsheetml" in content_type:
            tables = parse_xlsx(content)
        else:
            return
        for table in tables:
            self.read_table(url, table, scope)

    def read_table(self, url, table, scope):
        if table.table_id == THEMES_TABLE_ID:
            self._read_themes(url, table, scope)
            return
        headers = list(table.headers)
        label_columns = [
            index
            for index, header in enumerate(headers)
            if header not in PROTECTED_MEASURES and header not in DERIVED_FIGURES
        ]
        for row in table.rows:
            if not row:
                continue
            row_scope = scope
            if headers and headers[0] == TEAM_COLUMN:
                row_scope = Scope(frozenset({row[0]}), scope.start, scope.end)
            if row[0] in PROTECTED_MEASURES or row[0] in DERIVED_FIGURES:
                row_label = row[0]
            else:
                row_label = " / ".join(row[index] for index in label_columns if index < len(row))
            for index, text in enumerate(row):
                header = headers[index] if index < len(headers) else ""
                if header in COMBINED_CELLS:
                    self._read_combined(
                        header, text, row_scope, Where(url, table.name, row[0], header)
                    )
                    continue
                if row_scope is not scope:
                    label, dims = header, _team_row_dims(row, label_columns)
                elif header in PROTECTED_MEASURES or header in DERIVED_FIGURES:
                    label, dims = header, _dims_of(row[0] if len(label_columns) == 1 else row_label)
                elif index and row[0] in (*PROTECTED_MEASURES, *DERIVED_FIGURES):
                    label, dims = row[0], _dims_of(header)
                else:
                    continue
                if label not in PROTECTED_MEASURES and label not in DERIVED_FIGURES:
                    continue
                where = Where(url, table.name, row_label, header)
                self._observe(label, row_scope, dims, parse_number(text), where)

    def _read_combined(self, header, text, scope, where):
        match = re.fullmatch(r"\s*(\S+)\s*\((\S+)\)\s*", text)
        if not match:
            return
        for measure, part in zip(COMBINED_CELLS[header], match.groups(), strict=True):
            value = parse_number(part)
            if value is not None:
                key = Key(measure, scope.teams, scope.start, scope.end, ())
                self.observations.append((key, value, where))

    def _read_themes(self, url, table, scope):
        for row in table.rows:
            for header, text in zip(table.headers[1:], row[1:], strict=False):
                match = ROUND_LABEL.match(header)
                if match:
                    dims = {"round": match.group(1), "hood": ALL}
                else:
                    dims = {"round": scope.round, "hood": header}
                key = Key(
                    THEME_MEASURE_PREFIX + row[0],
                    scope.teams,
                    scope.start,
                    scope.end,
                    tuple(sorted(dims.items())),
                )
                value = parse_number(text)
                if value is not None:
                    self.observations.append((key, value, Where(url, table.name, row[0], header)))

    def _observe(self, label, scope, dims, value, where):
        if value is None:
            return
        if label in PROTECTED_MEASURES:
            key = Key(PROTECTED_MEASURES[label], scope.teams, scope.start, scope.end, dims)
            self.observations.append((key, value, where))
        else:
            self.observations.append((("derived", label, scope, dims), value, where))

    # --- attacking

    def count_cells(self):
        """(cells of protected counts read, of which hidden): proof that the attacker read
        the figures at all, so that a page it cannot parse does not pass as safe."""
        counts = [value for key, value, _where in self.observations if isinstance(key, Key)]
        return len(counts), sum(1 for value in counts if value == HIDDEN_TEXT)

    def leaks(self):
        """Every protected count shown in 1..4 or derivable as exactly one value in 1..4."""
        solver = _Solver()
        shown = []
        derived_figures = []
        for key, value, where in self.observations:
            if isinstance(key, tuple) and key[0] == "derived":
                derived_figures.append((key, value, where))
            elif value == HIDDEN_TEXT:
                solver.hidden(key, where)
            else:
                solver.shown(key, value, where)
                shown.append((key, value, where))
        for (_tag, label, scope, dims), value, where in derived_figures:
            if value == HIDDEN_TEXT:
                continue
            numerator, denominator, scale = DERIVED_FIGURES[label]
            solver.ratio(
                Key(numerator, scope.teams, scope.start, scope.end, dims),
                Key(denominator, scope.teams, scope.start, scope.end, dims),
                value,
                scale,
                where,
            )
        solver.relate()
        found = {
            Leak(str(where), value, "(g) shown count 1-4")
            for key, value, where in shown
            if isinstance(value, int) and 0 < value < THRESHOLD
        }
        return sorted(found | solver.derived(), key=str)


class _Solver:
    """Integer unknowns with a range, linear sums and rounded ratios, interval propagation."""

    def __init__(self):
        self.ranges, self.where = {}, {}
        self.hidden_keys, self.virtual, self.helpers = set(), set(), set()
        self.sums = []  # (total, parts, attack)
        self.ratios = []  # (numerator, denominator, value, scale, attack)
        self.narrowed_by = {}

    def _known(self, key, low, high, where):
        old_low, old_high = self.ranges.get(key, (0, INFINITY))
        self.ranges[key] = (max(old_low, low), min(old_high, high))
        self.where.setdefault(key, where)

    def shown(self, key, value, where):
        self._known(key, value, value, where)

    def hidden(self, key, where):
        self._known(key, 1, THRESHOLD - 1, where)
        self.hidden_keys.add(key)

    def ratio(self, numerator, denominator, value, scale, where):
        for key in (numerator, denominator):
            if key not in self.ranges:
                self._known(key, 0, INFINITY, f"{where} (behind the figure)")
                self.virtual.add(key)
        self.ratios.append((numerator, denominator, value, scale, "(e) ratio or percentage"))

    def relate(self):
        """Write down the relations between the keys seen, then propagate."""
        self._totals_over_dimensions(self._cell_keys())
        self._team_sets(self._cell_keys())
        self._periods(self._cell_keys())
        self._propagate()

    def _cell_keys(self):
        """The cells seen (and the counts behind a ratio), not the helper totals."""
        return [key for key in self.ranges if isinstance(key, Key) and key not in self.helpers]

    def _total_key(self, total, where, *, helper=False):
        """An unknown for a total or a rest that no page shows. A line's total is only a
        helper (the cells that make it up are reported, not their sum); a rest (the city
        minus an area) is a count of its own."""
        if total not in self.ranges:
            self._known(total, 0, INFINITY, where)
            (self.helpers if helper else self.virtual).add(total)

    def _totals_over_dimensions(self, keys):
        """A line and its total: rounds against "All rounds", a theme's neighbourhoods."""
        for dimension in ("round", "hood"):
            lines = {}
            for key in keys:
                dims = dict(key.dims)
                if dimension not in dims or not _additive(key.measure, dimension):
                    continue
                total = key.with_dim(dimension, ALL)
                if dims[dimension] != ALL:
                    lines.setdefault(total, []).append(key)
            for total, parts in lines.items():
                self._total_key(
                    total, f"total of {self.where[parts[0]]} over {dimension}s", helper=True
                )
                self.sums.append((total, parts, "(a-c) line and its total"))

    def _team_sets(self, keys):
        """The same cell for a set of teams and a subset: the rest is the difference."""
        groups = {}
        for key in keys:
            if key.measure not in NOT_ADDITIVE_OVER_TEAMS:
                groups.setdefault((key.measure, key.start, key.end, key.dims), []).append(key)
        for group in groups.values():
            for whole in group:
                for part in group:
                    if part.teams < whole.teams:
                        rest = Key(
                            whole.measure,
                            whole.teams - part.teams,
                            whole.start,
                            whole.end,
                            whole.dims,
                        )
                        self._total_key(rest, f"{self.where[whole]} minus {self.where[part]}")
                        self.sums.append((whole, [part, rest], "(d) totals across pages"))

    def _periods(self, keys):
        """The same cell for a period and a period inside it: the days between."""
        groups = {}
        for key in keys:
            groups.setdefault((key.measure, key.teams, key.dims), []).append(key)
        for group in groups.values():
            for whole in group:
                for part in group:
                    if part != whole and _inside(part, whole):
                        rest = ("days between", whole, part)
                        self._known(
                            rest,
                            0,
                            INFINITY,
                            f"{self.where[whole]} minus the same for {part.start}..{part.end}",
                        )
                        self.virtual.add(rest)
                        self.sums.append((whole, [part, rest], "(f) shifted period"))

    def _propagate(self):
        for _round in range(100):
            changed = False
            for total, parts, attack in self.sums:
                changed |= self._propagate_sum(total, parts, attack)
            for ratio in self.ratios:
                changed |= self._propagate_ratio(*ratio)
            if not changed:
                return

    def _narrow(self, key, low, high, attack):
        old_low, old_high = self.ranges[key]
        low, high = max(old_low, low), min(old_high, high)
        if (low, high) == (old_low, old_high):
            return False
        self.ranges[key] = (low, high)
        self.narrowed_by[key] = attack
        return True

    def _propagate_sum(self, total, parts, attack):
        changed = False
        lows = [self.ranges[part][0] for part in parts]
        highs = [self.ranges[part][1] for part in parts]
        changed |= self._narrow(total, sum(lows), sum(highs), attack)
        total_low, total_high = self.ranges[total]
        for index, part in enumerate(parts):
            others_low = sum(lows) - lows[index]
            others_high = sum(highs) - highs[index]
            changed |= self._narrow(part, total_low - others_high, total_high - others_low, attack)
        return changed

    def _propagate_ratio(self, numerator, denominator, value, scale, attack):
        """value == round(scale * numerator / denominator, 1), over the denominators left."""
        low, high = self.ranges[denominator]
        if high == INFINITY or high - low > 10_000:
            return False
        half = 0.05 + 1e-9
        numerator_low, numerator_high = self.ranges[numerator]
        feasible = []
        for whole in range(max(1, int(low)), int(high) + 1):
            first = max(numerator_low, math.ceil((value - half) * whole / scale))
            last = min(numerator_high, math.floor((value + half) * whole / scale))
            parts = [
                part
                for part in range(int(first), int(last) + 1)
                if round(scale * part / whole, 1) == round(value, 1)
            ]
            if parts:
                feasible.append((whole, parts[0], parts[-1]))
        if not feasible:
            return False
        changed = self._narrow(
            denominator, min(row[0] for row in feasible), max(row[0] for row in feasible), attack
        )
        changed |= self._narrow(
            numerator, min(row[1] for row in feasible), max(row[2] for row in feasible), attack
        )
        return changed

    def derived(self):
        """Protected unknowns narrowed to one value in 1..4."""
        found = set()
        for key, (low, high) in self.ranges.items():
            if key not in self.hidden_keys and key not in self.virtual:
                continue
            if low == high and 0 < low < THRESHOLD:
                attack = self.narrowed_by.get(key, "")
                found.add(Leak(str(self.where[key]), int(low), attack))
        return found


def _additive(measure, dimension):
    if measure.startswith(THEME_MEASURE_PREFIX):
        return True
    return dimension == "round" and measure in ROUND_ADDITIVE


def _inside(part, whole):
    """`part`'s period lies inside `whole`'s (None: open)."""
    starts_later = whole.start is None or (part.start is not None and part.start >= whole.start)
    ends_earlier = whole.end is None or (part.end is not None and part.end <= whole.end)
    return starts_later and ends_earlier


# --- fetching everything a role may reach -----------------------------------------------------

# Dashboard sections with counts of people or conversations (the others count pilots, journal
# entries, lessons, hours): fetched as CSV for every filter setting.
COUNT_SECTIONS = ["conversations", "snowball", "participants", "issues", "workshops"]
# Pages without a filter whose figures are about "whatever the viewer may see".
OVERVIEW_PAGES = [
    "home",
    "interviews:round_list",
    "collective:balance",
    "collective:balance_export",
    "initiatives:list",
    "initiatives:export",
    "initiatives:session_export",
    "initiatives:label_list",
    "pilots:list",
    "pilots:workshop_list",
    "pilots:capacity",
    "pilots:agenda",
]


def month_and_shifts(year, month):
    """A whole month, and the same month with its start or its end one day in."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    one_day = timedelta(days=1)
    return [(first, last), (first + one_day, last), (first, last - one_day)]


def attack(client, periods=()):
    """Fetch every page and export with figures that `client` (logged in as a figures-only
    role, or anonymous) may reach, for every filter setting those pages offer and for
    `periods` [(start, end)], and return the attacker with what it read."""
    attacker = Attacker()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def fetch(url, scope):
        response = client.get(url)
        if response.status_code == 200:
            attacker.read(url, response, scope)
        elif response.streaming:
            response.close()
        return response

    for name in OVERVIEW_PAGES:
        url = reverse(name)
        fetch(url, Scope(frozenset({f"page {url}"})))
    for team in Team.objects.order_by("pk"):
        own = Scope(frozenset({team.name}))
        fetch(reverse("interviews:snowball_team", args=[team.pk]), own)
        themes_url = reverse("interviews:themes", args=[team.pk])
        fetch(themes_url, own)
        fetch(reverse("collective:balance_team", args=[team.pk]), own)
        for round_ in Round.objects.filter(team=team).order_by("number"):
            fetch(reverse("interviews:snowball_round", args=[round_.uuid]), own)
            by_round = Scope(own.teams, round=str(round_.number))
            fetch(f"{themes_url}?round={round_.uuid}", by_round)
    for initiative in Initiative.objects.order_by("pk"):
        url = reverse("initiatives:detail", args=[initiative.public_id])
        fetch(url, Scope(frozenset({f"page {url}"})))
    for activity in Activity.objects.order_by("pk"):
        url = reverse("initiatives:activity_detail", args=[activity.public_id])
        fetch(url, Scope(frozenset({f"page {url}"})))
    for pilot in Pilot.objects.select_related("team").order_by("pk"):
        own = Scope(frozenset({pilot.team.name}))
        fetch(reverse("pilots:detail", args=[pilot.pk]), own)
        fetch(reverse("pilots:report", args=[pilot.pk]), own)
        for key in COUNT_SECTIONS:
            fetch(reverse("pilots:export", args=[pilot.pk, key]), own)
    for area in [None, *Area.objects.order_by("pk").values_list("pk", flat=True)]:
        _attack_dashboard(client, fetch, area, None, None, report=True)
        for start, end in periods:
            # Day-shifted periods city-wide; each area for whole months.
            if area is None or (start.day == 1 and (end + timedelta(days=1)).day == 1):
                _attack_dashboard(client, fetch, area, start, end)
    for label in LabelProgramme.objects.filter(published=True).order_by("pk"):
        public = Scope(frozenset({f"label {label.pk}"}))
        fetch(reverse("public:label", args=[label.pk]), public)
        fetch(reverse("public:label_calendar", args=[label.pk]), public)
    return attacker


def _attack_dashboard(client, fetch, area, start, end, *, report=False):
    """The dashboard and its count exports for one filter setting (with the city report,
    which shows the same sections, when `report`). The teams behind them are those of the
    pilots listed in the pilots export of the same setting."""
    query = urlencode(
        {
            name: value
            for name, value in (("area", area), ("start", start), ("end", end))
            if value is not None
        }
    )
    suffix = f"?{query}" if query else ""
    overview = client.get(reverse("pilots:dashboard_export", args=["pilots"]) + suffix)
    if overview.status_code != 200:
        if overview.streaming:
            overview.close()
        return
    content = b"".join(overview.streaming_content) if overview.streaming else overview.content
    tables = parse_csv(content.decode("utf-8"))
    teams = set()
    for table in tables:
        column = table.headers.index(TEAM_COLUMN)
        teams |= {row[column] for row in table.rows}
    scope = Scope(frozenset(teams), start, end)
    fetch(reverse("pilots:dashboard") + suffix, scope)
    for key in COUNT_SECTIONS:
        fetch(reverse("pilots:dashboard_export", args=[key]) + suffix, scope)
    if report:
        fetch(reverse("pilots:city_report") + suffix, scope)
        excel = urlencode({"format": "xlsx"})
        for key in COUNT_SECTIONS:
            url = reverse("pilots:dashboard_export", args=[key])
            fetch(f"{url}?{query}&{excel}" if query else f"{url}?{excel}", scope)
