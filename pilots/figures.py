"""The figures of the city-wide pilot dashboard, one function per section.

Every section function takes a `FigureContext` (the pilots and workshops the viewer may see,
already filtered by area and period) and returns a `Section`: a table (also the CSV export),
optionally a chart spec for ``{% chart %}``. Each computes its numbers in the database with a
fixed number of queries, whatever the number of pilots.

Sections whose data lives in apps that are not in use yet (interviews, initiatives, the
framework and balance) are marked ``pending``: the dashboard shows them with a plain "no data
yet" message. Wire each one to its app by replacing the body of its function.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectief.figures import share, suppress_small
from pilots.models import FactorScore, JournalEntry, Lesson, Phase, Score, Theme, Workshop


@dataclass
class FigureContext:
    pilots: object  # Pilot queryset, scoped and filtered
    workshops: object  # Workshop queryset, scoped and filtered
    start: date | None = None
    end: date | None = None
    suppress: bool = True  # counts of people 1–4 show as "<5"

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

    def people(self, value):
        """A count of people, suppressed for views outside the team."""
        return suppress_small(value) if self.suppress else value


@dataclass
class Section:
    title: str
    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    chart: dict | None = None
    available: bool = True
    links: list = field(default_factory=list)  # a drill-down URL per row, when there is one
    key: str = ""  # set by compute()
    export_url: str = ""  # set by the view that shows the section

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


def pilots_overview(ctx):
    """Every pilot with team, area, current phase and period (one query)."""
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
    return Section(
        _("Pilots with phase, period and team"),
        [_("Pilot"), _("Team"), _("Area"), _("Phase"), _("Start date"), _("End date")],
        rows,
        links=[reverse("pilots:detail", args=[pilot["pk"]]) for pilot in pilots],
    )


def pilots_by_phase(ctx):
    """How many pilots are in each phase now (one query)."""
    counts = dict(
        ctx.pilots.with_phase(ctx.as_of)
        .order_by()
        .values_list("current_phase")
        .annotate(n=Count("pk"))
    )
    labels = [str(label) for label in Phase.labels]
    values = [counts.get(phase.value, 0) for phase in Phase]
    return Section(
        _("Pilots per phase"),
        [_("Phase"), _("Pilots")],
        [list(row) for row in zip(labels, values, strict=True)],
        _chart("bar", labels, [{"label": _("Pilots"), "data": values}]),
    )


def journal_by_type(ctx):
    """Journal entries per type in the period: how much of the story is in which moments."""
    counts = dict(
        JournalEntry.objects.filter(ctx.in_period("date"), pilot__in=ctx.pilots)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    labels = [str(label) for label in JournalEntry.Kind.labels]
    values = [counts.get(kind.value, 0) for kind in JournalEntry.Kind]
    return Section(
        _("Journal entries per type"),
        [_("Type"), _("Entries")],
        [list(row) for row in zip(labels, values, strict=True)],
        _chart("bar", labels, [{"label": _("Entries"), "data": values}]),
    )


def factor_scores_over_time(ctx):
    """Per month and phase: working factors scored not yet / partly / yes, and the share yes."""
    counts = (
        FactorScore.objects.filter(ctx.in_period("scored_on"), pilot__in=ctx.pilots)
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
    )


# --- sections that need apps not yet in use ------------------------------------------------
# Each returns a pending Section; the dashboard says so plainly instead of hiding or faking.

NOT_IN_USE = gettext_lazy("No data yet: this part of Collectief is not in use yet.")


def _pending(title):
    return Section(str(title), available=False)


def conversations_per_round(ctx):
    """Pending: conversations held and residents reached per round (interviews app)."""
    return _pending(_("Conversations and residents reached per round"))


def snowball_yield(ctx):
    """Pending: referrals per conversation and how many were reached (interviews app)."""
    return _pending(_("Snowball yield"))


def initiatives_by_status_and_label(ctx):
    """Pending: initiatives per status and label (initiatives app)."""
    return _pending(_("Initiatives by status and label"))


def activity_participants(ctx):
    """Pending: participants in activities of initiatives (initiatives app)."""
    return _pending(_("Participants in activities"))


def collective_hours_share(ctx):
    """Pending: collective share of the teams' hours against target (balance app)."""
    return _pending(_("Collective share of hours against target"))


def collective_issues(ctx):
    """Pending: candidate and collective issues from signals (framework/signals app)."""
    return _pending(_("Candidate and collective issues"))


def shared_successes(ctx):
    """Pending: successes of initiatives that teams chose to share (initiatives app)."""
    return _pending(_("Successes (shared only)"))


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
    return sections


def csv_cell(value):
    """A cell for the export: dates as ISO 8601, None as empty."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value
