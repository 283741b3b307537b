"""The figures of the city-wide pilot dashboard, one function per section.

Every section function takes a `FigureContext` (the pilots and workshops the viewer may see,
already filtered by area and period) and returns a `Section`: a table (also the CSV export),
optionally a chart spec for ``{% chart %}``. Each computes its numbers in the database with a
fixed number of queries, whatever the number of pilots.

The sections about conversations, initiatives, hours and collective issues read the other
apps' read APIs (``interviews.services``, ``initiatives.services``, ``collectief.balance``) for
the teams of the pilots in view: a pilot's figures are its team's, the city's those of every
team with a pilot in view. This module is the one place that computes dashboard figures, so
faster sources (e.g. summary tables) can be swapped in underneath.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief import balance
from collectief.disclosure import Disclosure
from collectief.figures import share
from initiatives import services as initiatives
from initiatives.models import Initiative
from interviews import services as interviews
from pilots.models import FactorScore, JournalEntry, Lesson, Phase, Score, Theme, Workshop


@dataclass
class FigureContext:
    pilots: object  # Pilot queryset, scoped and filtered
    workshops: object  # Workshop queryset, scoped and filtered
    start: date | None = None
    end: date | None = None
    # How the counts of people and conversations show: exact for the teams' own people,
    # protected (threshold rule, secondary suppression, derived figures) for everyone else.
    disclosure: Disclosure = Disclosure(protect=True)
    # Inside the pilot's team: what the team keeps to itself (unshared journal entries,
    # working-factor self-scores) counts too. Outside it only what the team shared (§2.2).
    team_reflection: bool = False
    # At most this many pilots in the overview (the dashboard); None lists them all (exports
    # and reports). Across a whole country the full list would be most of the page.
    overview_limit: int | None = None
    # The figures of every pilot the viewer may see, when this context is a part of them (one
    # area, one pilot): a part whose counts, or whose remainder, would be 1–4 is not shown.
    whole: "FigureContext | None" = None
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        # Only pilots that ran at some time in the period count.
        self.pilots = self.pilots.in_period(self.start, self.end)

    @property
    def as_of(self):
        today = timezone.localdate()
        return min(self.end, today) if self.end else today

    def in_period(self, field_name):
        """A Q for `field_name` (a date) inside the period."""
        condition = Q()
        if self.start:
            condition &= Q(**{f"{field_name}__gte": self.start})
        if self.end:
            condition &= Q(**{f"{field_name}__lte": self.end})
        return condition

    @cached_property
    def team_ids(self):
        """The teams of the pilots in view (one query): whose conversations, initiatives,
        hours and signals count."""
        return set(self.pilots.order_by().values_list("team_id", flat=True).distinct())

    def once(self, key, read):
        """`read()` the first time, its answer after that: sections share their reads."""
        if key not in self._cache:
            self._cache[key] = read()
        return self._cache[key]

    def people(self, value):
        """A count of people or conversations, protected for views outside the team."""
        return self.disclosure.count(value)


@dataclass
class Section:
    title: str
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    chart: dict | None = None
    links: list = field(default_factory=list)  # a drill-down URL per row, when there is one
    note: str = ""  # said under the title, e.g. that the table shows part of the rows
    key: str = ""  # set by compute()
    export_url: str = ""  # set by the view that shows the section
    # The exact counts of people and conversations behind the rows, by a name that is the
    # same in every context: never shown, only compared to decide whether a part (an area, a
    # pilot) may be shown apart from the whole (see `withhold_small_parts`).
    counts: dict = field(default_factory=dict)

    def linked_rows(self):
        """(drill-down URL or None, row) per row, for the table."""
        links = self.links or [None] * len(self.rows)
        return list(zip(links, self.rows, strict=True))


def _chart(kind, labels, datasets, *, percentage=False):
    """A {% chart %} spec; counts get whole-number ticks, percentages a 0–100 axis."""
    y_axis = {"beginAtZero": True}
    y_axis |= {"max": 100} if percentage else {"ticks": {"precision": 0}}
    return {
        "type": kind,
        "labels": labels,
        "datasets": datasets,
        # A phase not scored in some month has no point there; join the points it has.
        "options": {"scales": {"y": y_axis}, "spanGaps": True},
    }


# --- sections computed from the pilots app ------------------------------------------------


def _phase_counts(ctx):
    """{phase (None: not started): pilots in it now}, shared by two sections (one query)."""
    return ctx.once(
        "phases",
        lambda: dict(
            ctx.pilots.with_phase(ctx.as_of)
            .order_by()
            .values_list("current_phase")
            .annotate(n=Count("pk"))
        ),
    )


def pilots_overview(ctx):
    """The pilots (every one, or the first `ctx.overview_limit`) with team, area, current
    phase and period (two queries)."""
    phase_labels = dict(Phase.choices)
    pilots = (
        ctx.pilots.with_phase(ctx.as_of)
        .order_by("team__area__name", "team__name", "start_date", "title")
        .values(
            "pk",
            "title",
            "team__name",
            "team__area__name",
            "current_phase",
            "start_date",
            "end_date",
        )
    )
    if ctx.overview_limit is not None:
        pilots = pilots[: ctx.overview_limit]
    rows = [
        [
            pilot["title"],
            pilot["team__name"],
            pilot["team__area__name"],
            str(phase_labels.get(pilot["current_phase"], _("Not started"))),
            pilot["start_date"],
            pilot["end_date"] or "",
        ]
        for pilot in pilots
    ]
    total = sum(_phase_counts(ctx).values())
    note = ""
    if len(rows) < total:
        note = _(
            "The first %(shown)s of %(total)s pilots: choose an area, or download the CSV for "
            "all of them."
        ) % {"shown": len(rows), "total": total}
    return Section(
        _("Pilots with phase, period and team"),
        [_("Pilot"), _("Team"), _("Area"), _("Phase"), _("Start date"), _("End date")],
        rows,
        links=[reverse("pilots:detail", args=[pilot["pk"]]) for pilot in pilots],
        note=note,
    )


def pilots_by_phase(ctx):
    """How many pilots are in each phase now (the query shared with the overview)."""
    counts = _phase_counts(ctx)
    labels = [str(label) for label in Phase.labels]
    values = [counts.get(phase.value, 0) for phase in Phase]
    return Section(
        _("Pilots per phase"),
        [_("Phase"), _("Pilots")],
        [list(row) for row in zip(labels, values, strict=True)],
        _chart("bar", labels, [{"label": _("Pilots"), "data": values}]),
    )


def journal_by_type(ctx):
    """Journal entries per type in the period: how much of the story is in which moments.
    Outside the team only the entries the team shared count."""
    entries = JournalEntry.objects.filter(ctx.in_period("date"), pilot__in=ctx.pilots)
    if not ctx.team_reflection:
        entries = entries.shareable()
    counts = dict(entries.order_by().values_list("kind").annotate(n=Count("pk")))
    labels = [str(label) for label in JournalEntry.Kind.labels]
    values = [counts.get(kind.value, 0) for kind in JournalEntry.Kind]
    return Section(
        _("Journal entries per type"),
        [_("Type"), _("Entries")],
        [list(row) for row in zip(labels, values, strict=True)],
        _chart("bar", labels, [{"label": _("Entries"), "data": values}]),
        note="" if ctx.team_reflection else _("Only the entries the teams shared."),
    )


def factor_scores_over_time(ctx):
    """Per month and phase: working factors scored not yet / partly / yes, and the share yes.
    The self-scores are the team's own reflection: shown inside the team only."""
    if not ctx.team_reflection:
        return Section(
            _("Working factors over time: percentage scored “yes”"),
            note=_(
                "The working-factor self-scores are the team's own reflection: they stay in "
                "the team."
            ),
        )
    counts = (
        FactorScore.objects.filter(
            ctx.in_period("scored_on"), pilot__in=ctx.pilots, factor__is_question=False
        )
        .annotate(month=TruncMonth("scored_on"), phase=F("factor__phase"))
        .order_by()
        .values_list("month", "phase", "score")
        .annotate(n=Count("pk"))
    )
    table = {}
    for month, phase, score, n in counts:
        key = (month.strftime("%Y-%m") if hasattr(month, "strftime") else str(month)[:7], phase)
        table.setdefault(key, dict.fromkeys(Score.values, 0))[score] = n
    months = sorted({month for month, _phase in table})
    phases = [phase for phase in Phase if any(key[1] == phase.value for key in table)]
    rows = []
    for (month, phase), scores in sorted(table.items()):
        total = sum(scores.values())
        rows.append(
            [
                month,
                str(Phase(phase).label),
                scores[Score.NOT_YET],
                scores[Score.PARTLY],
                scores[Score.YES],
                share(scores[Score.YES], total),
            ]
        )
    datasets = [
        {
            "label": str(phase.label),
            "data": [
                share(
                    table.get((month, phase.value), {}).get(Score.YES, 0),
                    sum(table.get((month, phase.value), {}).values()),
                )
                for month in months
            ],
        }
        for phase in phases
    ]
    return Section(
        _("Working factors over time: percentage scored “yes”"),
        [_("Month"), _("Phase"), _("Not yet"), _("Partly"), _("Yes"), _("Percentage yes")],
        rows,
        _chart("line", months, datasets, percentage=True) if rows else None,
    )


def lessons_by_theme(ctx):
    """Lessons per theme of report §3: all, and those shared city-wide."""
    counts = {
        theme: (total, shared)
        for theme, total, shared in Lesson.objects.filter(
            ctx.in_period("recorded_on"), pilot__in=ctx.pilots
        )
        .order_by()
        .values_list("theme")
        .annotate(total=Count("pk"), shared=Count("pk", filter=Q(shareable=True)))
    }
    labels = [str(label) for label in Theme.labels]
    totals = [counts.get(theme.value, (0, 0))[0] for theme in Theme]
    shared = [counts.get(theme.value, (0, 0))[1] for theme in Theme]
    return Section(
        _("Lessons per theme"),
        [_("Theme"), _("Lessons"), _("Shared city-wide")],
        [list(row) for row in zip(labels, totals, shared, strict=True)],
        _chart(
            "bar",
            labels,
            [
                {"label": _("Lessons"), "data": totals},
                {"label": _("Shared city-wide"), "data": shared},
            ],
        ),
    )


def workshops_held(ctx):
    """Workshops in the period, team and city-wide, with who took part (three queries)."""
    workshops = ctx.workshops.filter(ctx.in_period("date"))
    totals = workshops.order_by().aggregate(
        citywide_count=Count("pk", filter=Q(team__isnull=True)),
        team_count=Count("pk", filter=Q(team__isnull=False)),
        residents_citywide=Sum("residents_count", filter=Q(team__isnull=True), default=0),
        residents_team=Sum("residents_count", filter=Q(team__isnull=False), default=0),
    )
    teams = Workshop.teams.through.objects.filter(workshop__in=workshops).aggregate(
        n=Count("team", distinct=True)
    )["n"]
    organisations = Workshop.organisations.through.objects.filter(workshop__in=workshops).aggregate(
        n=Count("organisation", distinct=True)
    )["n"]
    return Section(
        _("Workshops"),
        [_("Figure"), _("Number")],
        [
            [_("City-wide workshops"), totals["citywide_count"]],
            [_("Team workshops"), totals["team_count"]],
            [_("Teams taking part"), teams],
            [_("Partner organisations taking part"), organisations],
            [_("Residents at city-wide workshops"), ctx.people(totals["residents_citywide"])],
            [_("Residents at team workshops"), ctx.people(totals["residents_team"])],
        ],
        counts={key: totals[key] for key in ("residents_citywide", "residents_team")},
    )


# --- sections computed from the other apps' read APIs --------------------------------------


ROUND_COLUMNS = ("conversations", "residents", "referrals", "via_referral")


def _round_label(row):
    return _("Round %(number)s") % {"number": row["number"]}


def _round_table(ctx):
    """Conversations, residents, names given and conversations through a name per round of
    each team (a row per (team, round)), as ONE protected table (shared by two sections), so
    that no column total or other section gives a hidden round away."""

    def read():
        counts = interviews.round_counts(ctx.team_ids, start=ctx.start, end=ctx.end)
        cells = {
            (key, column): row[column]
            for key, row in counts["rounds"].items()
            for column in ROUND_COLUMNS
        }
        table = ctx.disclosure.table(cells, row_totals=False, grand_total=False)
        return counts, table

    return ctx.once("rounds", read)


def conversations_per_round(ctx):
    """Conversations held and residents reached per round of each team, and in all (three
    queries). Rounds are compared within a team, never round numbers across teams."""
    counts, table = _round_table(ctx)
    rows = [
        [
            row["team"],
            _round_label(row),
            table.cell(key, "conversations"),
            table.cell(key, "residents"),
        ]
        for key, row in counts["rounds"].items()
    ]
    raw = {
        f"round {number} {column}": row[column]
        for number, row in counts["rounds"].items()
        for column in ("conversations", "residents")
    }
    if rows:
        # A resident met in two rounds counts once in all, so this is not the column's sum:
        # hidden when a round's figure, or the sum the table protects, is.
        per_round = [table.cell(key, "residents") for key in counts["rounds"]]
        residents = ctx.disclosure.derived(
            ctx.people(counts["residents"]), *per_round, table.column_total("residents")
        )
        rows.append(["", _("All rounds"), table.column_total("conversations"), residents])
        raw["all residents"] = counts["residents"]
    return Section(
        _("Conversations and residents reached per round of each team"),
        [_("Team"), _("Round"), _("Conversations"), _("Residents reached")],
        rows,
        _chart(
            "bar",
            [f"{row[0]} · {row[1]}" for row in rows[:-1]],
            [
                {"label": _("Conversations"), "data": [row[2] for row in rows[:-1]]},
                {"label": _("Residents reached"), "data": [row[3] for row in rows[:-1]]},
            ],
        )
        if rows
        else None,
        counts=raw,
    )


def _targets(ctx):
    return ctx.once("targets", lambda: balance.targets_by_team(ctx.team_ids))


def snowball_yield(ctx):
    """Per round of each team: names given, names per conversation, and how many led to a
    conversation."""
    counts, table = _round_table(ctx)
    disclosure = ctx.disclosure
    rows = []
    for key, row in counts["rounds"].items():
        referrals = table.cell(key, "referrals")
        conversations = table.cell(key, "conversations")
        rows.append(
            [
                row["team"],
                _round_label(row),
                referrals,
                disclosure.derived(
                    round(row["referrals"] / row["conversations"], 1), referrals, conversations
                ),
                disclosure.derived(
                    disclosure.share(row["referrals_followed"], row["referrals"]), referrals
                ),
                table.cell(key, "via_referral"),
            ]
        )
    return Section(
        _("Snowball yield"),
        [
            _("Team"),
            _("Round"),
            _("Names given"),
            _("Names per conversation"),
            _("Percentage of names that led to a conversation"),
            _("Conversations through a name"),
        ],
        rows,
        counts={
            f"round {number} {column}": row[column]
            for number, row in counts["rounds"].items()
            for column in ("referrals", "referrals_followed", "via_referral")
        },
    )


def initiatives_by_status_and_label(ctx):
    """Initiatives that ran in the period per status, and per label granted (two queries)."""
    by_status, by_label = {}, {}
    for team in initiatives.initiative_counts(ctx.team_ids, start=ctx.start, end=ctx.end).values():
        for status, n in team["by_status"].items():
            by_status[status] = by_status.get(status, 0) + n
        for label, n in team["by_label"].items():
            by_label[label] = by_label.get(label, 0) + n
    if not by_status:
        return Section(
            _("Initiatives by status and label"), [_("Status or label"), _("Initiatives")]
        )
    labels = [str(label) for label in Initiative.Status.labels]
    values = [by_status.get(status, 0) for status in Initiative.Status.values]
    rows = [
        [_("Status: %(status)s") % {"status": label}, n]
        for label, n in zip(labels, values, strict=True)
    ]
    granted, note = sorted(by_label.items()), ""
    if ctx.overview_limit is not None and len(granted) > ctx.overview_limit:
        # Each team may run its own label: across a country, the most granted ones.
        granted = sorted(sorted(granted, key=lambda item: -item[1])[: ctx.overview_limit])
        note = _(
            "The %(shown)s labels granted most of %(total)s: choose an area, or download the "
            "CSV for all of them."
        ) % {"shown": ctx.overview_limit, "total": len(by_label)}
    rows += [[_("Label: %(label)s") % {"label": label}, n] for label, n in granted]
    return Section(
        _("Initiatives by status and label"),
        [_("Status or label"), _("Initiatives")],
        rows,
        _chart("bar", labels, [{"label": _("Initiatives"), "data": values}]),
        note=note,
    )


def activity_participants(ctx):
    """Per month: sessions of activities, attendance (summed over the sessions), the distinct
    registered participants (people, where the team registers them) and volunteers (two
    queries). The counts of people are ONE protected table."""
    distinct = initiatives.distinct_participants_per_period(
        ctx.team_ids, start=ctx.start, end=ctx.end
    )
    raw = {}
    for row in initiatives.participants_per_period(ctx.team_ids, start=ctx.start, end=ctx.end):
        month = row["period"].strftime("%Y-%m")
        raw[(month, "sessions")] = row["sessions"] or 0
        raw[(month, "participants")] = row["participants"] or 0
        raw[(month, "distinct")] = distinct.get(row["period"], 0)
        raw[(month, "volunteers")] = row["volunteers"] or 0
    people = ctx.disclosure.table(
        {key: n for key, n in raw.items() if key[1] != "sessions"},
        row_totals=False,
        column_totals=False,
        grand_total=False,
    )
    rows = [
        [
            month,
            raw[(month, "sessions")],
            people.cell(month, "participants"),
            people.cell(month, "distinct"),
            people.cell(month, "volunteers"),
        ]
        for month in dict.fromkeys(month for month, _column in raw)
    ]
    return Section(
        _("Attendance and participants in activities"),
        [
            _("Month"),
            _("Sessions"),
            _("Attendance (visits over all sessions)"),
            _("Distinct registered participants"),
            _("Volunteers"),
        ],
        rows,
        _chart(
            "line",
            [row[0] for row in rows],
            [
                {
                    "label": _("Attendance (visits over all sessions)"),
                    "data": [row[2] for row in rows],
                },
                {"label": _("Distinct registered participants"), "data": [row[3] for row in rows]},
                {"label": _("Volunteers"), "data": [row[4] for row in rows]},
            ],
        )
        if rows
        else None,
        counts={
            f"{month} {column}": n for (month, column), n in raw.items() if column != "sessions"
        },
    )


def _months(ctx):
    """The months the hours section covers: the period, or the twelve months up to the latest
    registered one."""
    last = ctx.end or balance.latest_registered_month(ctx.team_ids) or ctx.as_of
    last = balance.first_of_month(last)
    first = balance.first_of_month(ctx.start) if ctx.start else balance.add_months(last, -11)
    return first, last


def collective_hours_share(ctx):
    """Per month: collective hours against all hours and against the teams' targets weighted
    by their hours, from complete team-months only (``balance.month_coverage``), and each
    team's last complete month against its target (four or five queries)."""
    first, last = _months(ctx)
    targets = _targets(ctx)
    coverage = balance.coverage_by_team_month(ctx.team_ids, first, last)
    months = {}
    by_team = {}
    for (team_id, month), (collective, total) in balance.collective_hours_by_team_month(
        ctx.team_ids, first, last
    ).items():
        if not total:
            continue
        figures = months.setdefault(
            month,
            {"collective": 0, "total": 0, "target": 0, "met": 0, "complete": 0, "teams": 0},
        )
        figures["teams"] += 1
        if not coverage.get((team_id, month), balance.Coverage()).complete:
            continue
        target = targets[team_id].collective_target
        met = collective * 100 >= target * total
        figures["collective"] += collective
        figures["total"] += total
        figures["target"] += target * total
        figures["complete"] += 1
        figures["met"] += int(met)
        if month > by_team.get(team_id, (date.min, False))[0]:
            by_team[team_id] = (month, met)
    rows = [
        [
            month.strftime("%Y-%m"),
            figures["collective"],
            figures["total"],
            share(figures["collective"], figures["total"]),
            round(figures["target"] / figures["total"]) if figures["total"] else None,
            ctx.disclosure.derived(
                f"{figures['complete']} / {figures['teams']}",
                figures["complete"],
                figures["teams"],
            ),
            ctx.disclosure.derived(
                f"{figures['met']} / {figures['complete']}", figures["met"], figures["complete"]
            ),
        ]
        for month, figures in sorted(months.items())
    ]
    chart_rows = list(rows)
    if by_team:
        met = sum(team_met for _month, team_met in by_team.values())
        rows.append(
            [
                _("Each team's last complete month"),
                "",
                "",
                None,
                None,
                "",
                ctx.disclosure.derived(f"{met} / {len(by_team)}", met, len(by_team)),
            ]
        )
    return Section(
        _("Collective share of hours against target"),
        [
            _("Month"),
            _("Collective hours"),
            _("All hours"),
            _("Percentage collective"),
            _("Target (percentage)"),
            _("Teams with a complete month"),
            _("Teams at or above target"),
        ],
        rows,
        _chart(
            "line",
            [row[0] for row in chart_rows],
            [
                {"label": _("Percentage collective"), "data": [row[3] for row in chart_rows]},
                {"label": _("Target (percentage)"), "data": [row[4] for row in chart_rows]},
            ],
            percentage=True,
        )
        if chart_rows
        else None,
        note=_(
            "A month counts for a team only when it is over and at least %(percent)s%% of the "
            "team's members registered hours in it."
        )
        % {"percent": balance.COMPLETE_PERCENT},
    )


def collective_issues(ctx):
    """Candidate collective issues (from open signals) and collective issues (three queries)."""
    totals = {"candidates": 0, "issues": 0, "open_signals": 0, "households": 0}
    for team in balance.issue_counts_by_team(
        ctx.team_ids, _targets(ctx), start=ctx.start, end=ctx.end
    ).values():
        for key in totals:
            totals[key] += team[key]
    rows = []
    if any(totals.values()):
        rows = [
            [_("Candidate collective issues"), totals["candidates"]],
            [_("Collective issues"), totals["issues"]],
            [_("Open signals"), ctx.people(totals["open_signals"])],
            [_("Households in open signals"), ctx.people(totals["households"])],
        ]
    return Section(
        _("Candidate and collective issues"),
        [_("Figure"), _("Number")],
        rows,
        counts={key: totals[key] for key in ("open_signals", "households")},
    )


def shared_successes(ctx):
    """The successes the teams chose to share, newest first (one query): titles only, which
    the form asks to keep free of names. The dashboard shows the latest `ctx.overview_limit`."""
    limit = ctx.overview_limit
    successes = initiatives.shareable_successes(
        ctx.team_ids, start=ctx.start, end=ctx.end, limit=limit + 1 if limit else None
    )
    note = ""
    if limit and len(successes) > limit:
        successes = successes[:limit]
        note = _(
            "The latest %(shown)s shared successes: choose an area or a period, or download "
            "the CSV for all of them."
        ) % {"shown": limit}
    rows = [
        [
            success["happened_on"],
            success["title"],
            success["team__name"],
            success["initiative__name"] or "",
            success["celebrated_on"] or "",
        ]
        for success in successes
    ]
    return Section(
        _("Successes (shared only)"),
        [_("Date"), _("Success"), _("Team"), _("Initiative"), _("Celebrated on")],
        rows,
        note=note,
    )


# In the order of the issue; the dashboard, pilot page, report and export all use this list.
SECTIONS = [
    ("pilots", pilots_overview),
    ("phases", pilots_by_phase),
    ("conversations", conversations_per_round),
    ("snowball", snowball_yield),
    ("initiatives", initiatives_by_status_and_label),
    ("participants", activity_participants),
    ("hours", collective_hours_share),
    ("issues", collective_issues),
    ("successes", shared_successes),
    ("factors", factor_scores_over_time),
    ("journal", journal_by_type),
    ("lessons", lessons_by_theme),
    ("workshops", workshops_held),
]
SECTION_BY_KEY = dict(SECTIONS)


def compute(ctx, keys=None):
    """The sections (all, or those in `keys`) for `ctx`, in dashboard order."""
    sections = []
    for key, function in SECTIONS:
        if keys is None or key in keys:
            section = function(ctx)
            section.key = key
            sections.append(section)
    if ctx.whole is not None and ctx.disclosure.protect:
        withhold_small_parts(sections, compute(ctx.whole, keys), ctx.disclosure)
    return sections


def withhold_small_parts(sections, whole_sections, disclosure):
    """Empty each section of a part (an area, a pilot) whose counts, or the rest of the whole
    without them, would be 1–4 anywhere: the whole minus the part would give them away. A
    count that is all of the whole's (nothing else in view) splits nothing."""
    whole_counts = {section.key: section.counts for section in whole_sections}
    for section in sections:
        whole = whole_counts.get(section.key, {})
        parts = (
            (section.counts.get(name, 0), whole.get(name, 0)) for name in section.counts | whole
        )
        if all(part == total or disclosure.may_split(part, total) for part, total in parts):
            continue
        section.rows, section.links, section.chart = [], [], None
        section.note = _(
            "Too small to show separately: fewer than 5 here or in the rest of what you may "
            "see, so the figures could single out residents."
        )
