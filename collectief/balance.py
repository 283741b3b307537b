"""Reads of the collective/individual balance and of signals, computed in the database.

Every function takes a set of team ids (or ``access.ALL_TEAMS``) that the caller already
narrowed with the access policy, and answers in a fixed number of queries, however many
teams or weeks there are. The pilots app's city dashboard calls
``collective_share_by_team_month`` and ``issue_counts_by_team``.

A week counts in the month of its Monday.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Max, Sum
from django.db.models.functions import TruncMonth

from collectief.access import ALL_TEAMS
from collectief.disclosure import HIDDEN, Disclosure, Hidden
from collectief.figures import share
from collectief.models import (
    COLLECTIVE_QUADRANTS,
    CollectiveIssue,
    Intervention,
    Quadrant,
    Role,
    Signal,
    TeamBalanceSettings,
    TeamMonthHours,
)

QUADRANTS = list(Quadrant)
ZERO = Decimal("0")
DEFAULTS = TeamBalanceSettings()


def _for_teams(queryset, team_ids, field_name="team_id"):
    if team_ids is ALL_TEAMS:
        return queryset
    return queryset.filter(**{f"{field_name}__in": team_ids})


def first_of_month(day):
    return day.replace(day=1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_until(last_month, count=12):
    """The `count` first-of-month dates ending with `last_month`, oldest first."""
    return [add_months(first_of_month(last_month), offset) for offset in range(1 - count, 1)]


def latest_registered_month(team_ids):
    """The most recent month with registered hours, so the page opens on real figures."""
    # From the monthly rollup: a MAX over every team's weeks reads all their index entries.
    latest = _for_teams(TeamMonthHours.objects.all(), team_ids).aggregate(latest=Max("month"))
    return latest["latest"]


def _as_date(value):
    # TruncMonth of a DateField gives a date on every backend, but be safe with datetimes.
    return value.date() if isinstance(value, datetime.datetime) else value


def hours_by_team_month_role(team_ids, first_month, last_month):
    """{(team_id, month, role): {quadrant: hours}} in one query on the monthly rollup."""
    rows = _for_teams(TeamMonthHours.objects.all(), team_ids).filter(
        month__gte=first_month, month__lte=last_month
    )
    return {
        (row["team_id"], row["month"], row["role"]): {
            quadrant: row[quadrant.value] or ZERO for quadrant in QUADRANTS
        }
        for row in rows.values("team_id", "month", "role", *(q.value for q in QUADRANTS))
    }


def interventions_by_team_month(team_ids, first_month, last_month):
    """{(team_id, month): {quadrant: count}} of interventions started that month, one query."""
    rows = (
        _for_teams(Intervention.objects.all(), team_ids)
        .filter(started_on__gte=first_month, started_on__lt=add_months(last_month, 1))
        .annotate(month=TruncMonth("started_on"))
        .values("team_id", "month", "quadrant")
        .annotate(count=Count("id"))
        .order_by()
    )
    found = defaultdict(lambda: dict.fromkeys(QUADRANTS, 0))
    for row in rows:
        found[(row["team_id"], _as_date(row["month"]))][Quadrant(row["quadrant"])] = row["count"]
    return found


def _hours_of(quadrants):
    return sum((F(quadrant.value) for quadrant in quadrants[1:]), F(quadrants[0].value))


def collective_hours_by_team_month(team_ids, first_month, last_month):
    """{(team_id, month): [collective hours, all hours]} in one query (summed over the roles
    in the database), to add up over teams."""
    rows = (
        _for_teams(TeamMonthHours.objects.all(), team_ids)
        .filter(month__gte=first_month, month__lte=last_month)
        .values("team_id", "month")
        .annotate(collective=Sum(_hours_of(COLLECTIVE_QUADRANTS)), total=Sum(_hours_of(QUADRANTS)))
        .order_by()
    )
    return {(row["team_id"], row["month"]): [row["collective"], row["total"]] for row in rows}


def collective_share_by_team_month(team_ids, first_month, last_month):
    """{team_id: {month: collective % of hours or None}}, for the city dashboard."""
    shares = defaultdict(dict)
    for (team_id, month), (collective, total) in collective_hours_by_team_month(
        team_ids, first_month, last_month
    ).items():
        shares[team_id][month] = share(collective, total)
    return dict(shares)


def targets_by_team(team_ids):
    """{team_id: TeamBalanceSettings}; teams that never set anything get the defaults."""
    found = {
        item.team_id: item
        for item in _for_teams(TeamBalanceSettings.objects.all(), team_ids, "team_id")
    }
    return defaultdict(lambda: DEFAULTS, found)


# --- Signals -------------------------------------------------------------------------------


@dataclass
class SignalGroup:
    """Open signals (not yet part of a collective issue) on one theme in one neighbourhood."""

    team_id: int
    theme_id: int
    theme: str
    neighbourhood_id: int
    neighbourhood: str
    count: int = 0
    households: int = 0
    latest: datetime.date | None = None
    since: datetime.date | None = None  # the first day of the window up to `latest`
    in_window: int = 0
    threshold: int = 0
    window_days: int = 0

    @property
    def is_candidate(self):
        return self.in_window >= self.threshold


def _dated(queryset, field_name, start, end):
    if start:
        queryset = queryset.filter(**{f"{field_name}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field_name}__lte": end})
    return queryset


def signal_groups(team_ids, settings_by_team=None, *, start=None, end=None):
    """Open signals grouped by team, theme and neighbourhood, candidates first.

    A group is a candidate collective issue when at least the team's threshold of its signals
    fall within the team's window (in days) up to its most recent signal — "5 signals in
    3 months". It stays a candidate until the community worker turns it into an issue.
    With `start` and/or `end`, only signals recorded in that period count.

    Two queries: the groups with their totals and latest day, counted in the database, then
    the dates of the signals from the earliest window on.
    """
    if settings_by_team is None:
        settings_by_team = targets_by_team(team_ids)
    signals = _dated(
        _for_teams(Signal.objects.filter(collective_issue__isnull=True), team_ids),
        "recorded_on",
        start,
        end,
    ).order_by()
    groups = {}
    for row in signals.values(
        "team_id", "theme_id", "theme__name", "neighbourhood_id", "neighbourhood__name"
    ).annotate(count=Count("pk"), households=Sum("households"), latest=Max("recorded_on")):
        team_settings = settings_by_team[row["team_id"]]
        group = SignalGroup(
            team_id=row["team_id"],
            theme_id=row["theme_id"],
            theme=row["theme__name"],
            neighbourhood_id=row["neighbourhood_id"],
            neighbourhood=row["neighbourhood__name"],
            count=row["count"],
            households=row["households"],
            latest=row["latest"],
            threshold=team_settings.signal_threshold,
            window_days=team_settings.signal_window_days,
        )
        groups[(group.team_id, group.theme_id, group.neighbourhood_id)] = group
    for group in groups.values():
        group.since = group.latest - datetime.timedelta(days=group.window_days - 1)
    if groups:
        # One plain date bound (a condition per team made the plan scan slowly across 1,500
        # teams); each signal then counts for its own group's window.
        earliest = min(group.since for group in groups.values())
        for team_id, theme_id, neighbourhood_id, day in signals.filter(
            recorded_on__gte=earliest
        ).values_list("team_id", "theme_id", "neighbourhood_id", "recorded_on"):
            group = groups[(team_id, theme_id, neighbourhood_id)]
            group.in_window += day >= group.since
    return sorted(
        groups.values(),
        key=lambda g: (not g.is_candidate, -g.in_window, g.theme, g.neighbourhood),
    )


def issue_counts_by_team(team_ids, settings_by_team=None, *, start=None, end=None):
    """{team_id: {"candidates", "issues", "open_signals", "households"}} in three queries.

    Signal and household counts concern residents: suppress them outside the team. With
    `start` and/or `end`, only signals recorded and issues created in that period count.
    """
    counts = defaultdict(lambda: {"candidates": 0, "issues": 0, "open_signals": 0, "households": 0})
    for group in signal_groups(team_ids, settings_by_team, start=start, end=end):
        counts[group.team_id]["candidates"] += int(group.is_candidate)
        counts[group.team_id]["open_signals"] += group.count
        counts[group.team_id]["households"] += group.households
    issues = (
        _dated(_for_teams(CollectiveIssue.objects.all(), team_ids), "created_on", start, end)
        .values("team_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in issues:
        counts[row["team_id"]]["issues"] = row["n"]
    return counts


# --- The balance page ----------------------------------------------------------------------


@dataclass
class MonthFigures:
    month: datetime.date
    hours: dict  # quadrant -> hours
    interventions: dict  # quadrant -> count

    @property
    def total_hours(self):
        return sum(self.hours.values())

    @property
    def collective_hours(self):
        return sum(self.hours[q] for q in COLLECTIVE_QUADRANTS)

    @property
    def collective_share(self):
        return share(self.collective_hours, self.total_hours)

    @property
    def total_interventions(self):
        return sum(self.interventions.values())

    @property
    def collective_intervention_share(self):
        return share(
            sum(self.interventions[q] for q in COLLECTIVE_QUADRANTS), self.total_interventions
        )

    def hours_share(self, quadrant):
        return share(self.hours[quadrant], self.total_hours)


def _empty_month(month):
    return MonthFigures(month, dict.fromkeys(QUADRANTS, ZERO), dict.fromkeys(QUADRANTS, 0))


def _add_into(target, hours=None, interventions=None):
    for quadrant in QUADRANTS:
        if hours:
            target.hours[quadrant] += hours[quadrant]
        if interventions:
            target.interventions[quadrant] += interventions[quadrant]


@dataclass
class Balance:
    """The figures of one team — or of several teams added up (area, city)."""

    label: str
    target: int | None
    months: list  # MonthFigures, oldest first
    roles: dict  # "community_worker" / "others" -> MonthFigures of the last month
    team: object = None
    issues: dict = field(default_factory=dict)
    # Interventions are casework with residents: outside the team the page shows them as
    # `protect_balances` left them ({quadrant: count or HIDDEN}, and their total).
    shown_interventions: dict | None = None
    shown_interventions_total: object = None
    disclosure: Disclosure = Disclosure(protect=False)

    @property
    def current(self):
        return self.months[-1]

    @property
    def first(self):
        return self.months[0]

    @property
    def period_interventions(self):
        """Interventions started in the whole period, per quadrant (months are sparse)."""
        total = _empty_month(self.current.month)
        for figures in self.months:
            _add_into(total, interventions=figures.interventions)
        return total

    @property
    def interventions_total(self):
        """Interventions started in the period, as the page may show them."""
        if self.shown_interventions is None:
            return self.period_interventions.total_interventions
        return self.shown_interventions_total

    def quadrant_rows(self):
        """(quadrant, hours this month, % of hours, interventions in the period, % of them)."""
        current, period = self.current, self.period_interventions
        shown = self.shown_interventions or period.interventions
        total = self.interventions_total
        return [
            (
                quadrant,
                current.hours[quadrant],
                current.hours_share(quadrant),
                shown[quadrant],
                self.disclosure.derived(
                    self.disclosure.share(
                        period.interventions[quadrant], period.total_interventions
                    ),
                    shown[quadrant],
                    total,
                ),
            )
            for quadrant in QUADRANTS
        ]

    @property
    def below_target(self):
        share_now = self.current.collective_share
        return self.target is not None and share_now is not None and share_now < self.target


ROLE_GROUPS = {"community_worker": (Role.COMMUNITY_WORKER,), "others": (Role.MEMBER, Role.LEAD)}


def team_balances(teams, last_month, months=12):
    """A Balance per team (in the order of `teams`) plus their total, in four queries."""
    month_list = months_until(last_month, months)
    team_ids = [team.pk for team in teams]
    hours = hours_by_team_month_role(team_ids, month_list[0], month_list[-1])
    interventions = interventions_by_team_month(team_ids, month_list[0], month_list[-1])
    targets = targets_by_team(team_ids)
    issues = issue_counts_by_team(team_ids, targets)

    per_team = {}
    for team in teams:
        per_team[team.pk] = Balance(
            label=team.name,
            team=team,
            target=targets[team.pk].collective_target,
            months=[_empty_month(month) for month in month_list],
            roles={name: _empty_month(month_list[-1]) for name in ROLE_GROUPS},
            issues=issues[team.pk],
        )
    index = {month: position for position, month in enumerate(month_list)}
    for (team_id, month, role), quadrant_hours in hours.items():
        balance = per_team[team_id]
        _add_into(balance.months[index[month]], hours=quadrant_hours)
        if month == month_list[-1]:
            group = "community_worker" if role == Role.COMMUNITY_WORKER else "others"
            _add_into(balance.roles[group], hours=quadrant_hours)
    for (team_id, month), counts in interventions.items():
        _add_into(per_team[team_id].months[index[month]], interventions=counts)
    return [per_team[team.pk] for team in teams]


def combined_balance(label, balances, month_list):
    """The balances of several teams added up; the target is the average of theirs."""
    total = Balance(
        label=label,
        target=round(sum(b.target for b in balances) / len(balances)) if balances else None,
        months=[_empty_month(month) for month in month_list],
        roles={name: _empty_month(month_list[-1]) for name in ROLE_GROUPS},
    )
    for balance in balances:
        for position, figures in enumerate(balance.months):
            _add_into(total.months[position], figures.hours, figures.interventions)
        for name, figures in balance.roles.items():
            _add_into(total.roles[name], figures.hours)
    return total


# --- Statistical disclosure control --------------------------------------------------------


RESIDENT_COUNTS = ("open_signals", "households")


def protect_balances(balances, main, disclosure):
    """Protect the counts about residents on the balance page for `disclosure`.

    The interventions per team and quadrant are ONE table: a team's total is its row total,
    the quadrants of all teams in view (`main`, when it is not one team) its column totals.
    Open signals and their households per team are a line each, with the total the city
    dashboard shows. Hours are not about residents and stay exact.
    """
    table = disclosure.table(
        {
            (balance.team.pk, quadrant): balance.period_interventions.interventions[quadrant]
            for balance in balances
            for quadrant in QUADRANTS
        }
    )
    for balance in balances:
        balance.disclosure = disclosure
        balance.shown_interventions = {q: table.cell(balance.team.pk, q) for q in QUADRANTS}
        balance.shown_interventions_total = table.row_total(balance.team.pk)
    if main.team is None:
        main.disclosure = disclosure
        main.shown_interventions = {q: table.column_total(q) for q in QUADRANTS}
        main.shown_interventions_total = table.grand_total
    for key in RESIDENT_COUNTS:
        line = disclosure.line({balance.team.pk: balance.issues[key] for balance in balances})
        for balance in balances:
            balance.issues = balance.issues | {key: line.values[balance.team.pk]}


def protected_months(balance, disclosure):
    """[(MonthFigures, {quadrant: interventions as shown}, collective share of them)] of one
    team for the export: its months × quadrants as one table, and a quadrant the page hides
    for the team (`protect_balances`) hidden in every month, so the months do not add up
    to it."""
    table = disclosure.table(
        {
            (figures.month, quadrant): figures.interventions[quadrant]
            for figures in balance.months
            for quadrant in QUADRANTS
        }
    )
    hidden_on_page = {
        quadrant
        for quadrant, value in (balance.shown_interventions or {}).items()
        if isinstance(value, Hidden)
    }
    rows = []
    for figures in balance.months:
        shown = {
            q: HIDDEN if q in hidden_on_page else table.cell(figures.month, q) for q in QUADRANTS
        }
        rows.append(
            (
                figures,
                shown,
                disclosure.derived(
                    figures.collective_intervention_share,
                    *shown.values(),
                    table.row_total(figures.month),
                ),
            )
        )
    return rows
