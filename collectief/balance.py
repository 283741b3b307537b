"""Reads of the collective/individual balance and of signals, computed in the database.

Every function takes a set of team ids (or ``access.ALL_TEAMS``) that the caller already
narrowed with the access policy, and answers in a fixed number of queries, however many
teams or weeks there are. The pilots app's city dashboard calls
``collective_share_by_team_month`` and ``issue_counts_by_team``.

A week counts in the month of its Monday.

A month's figures are only a verdict on the team when the month is complete (see
``month_coverage``): a team lead's one pre-filled week must not turn a team's balance into
"target met".
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Max, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from collectief.access import ALL_TEAMS
from collectief.disclosure import HIDDEN, Disclosure, Hidden
from collectief.figures import share
from collectief.models import (
    COLLECTIVE_QUADRANTS,
    CollectiveIssue,
    Intervention,
    Membership,
    Quadrant,
    Role,
    Signal,
    TeamBalanceSettings,
    TeamMonthHours,
    WeeklyHours,
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


# --- Complete months ------------------------------------------------------------------------

COMPLETE_PERCENT = 80  # of the team's members must have registered hours in the month


@dataclass(frozen=True)
class Coverage:
    """How many of a team's members registered hours in a month ("4 of 5 members")."""

    registered: int = 0
    members: int = 0
    complete: bool = False


def month_coverage(registered, members, month, today=None):
    """The one definition of a complete month: the month is over and at least
    COMPLETE_PERCENT % of the team's members registered hours in it.

    Only a complete month may say whether a team met its target, and the city reads each
    team's last complete month. Memberships carry no dates, so the members are the team's
    current ones (and only they count as registered).
    """
    today = today or timezone.localdate()
    complete = (
        month < first_of_month(today)
        and members > 0
        and registered * 100 >= COMPLETE_PERCENT * members
    )
    return Coverage(registered=registered, members=members, complete=complete)


def _member_counts(team_ids):
    """{team_id: number of members} (one query)."""
    return dict(
        _for_teams(Membership.objects.all(), team_ids)
        .values("team_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("team_id", "n")
    )


def _registered_by_team_month(team_ids, first_month=None, last_month=None):
    """{(team_id, month): members who registered hours that month}, only months with hours
    (one query). Open bounds read the whole history."""
    weeks = _for_teams(WeeklyHours.objects.all(), team_ids).filter(
        user__memberships__team=F("team")
    )
    if first_month:
        weeks = weeks.filter(week__gte=first_month)
    if last_month:
        weeks = weeks.filter(week__lt=add_months(last_month, 1))
    return {
        (row["team_id"], _as_date(row["month"])): row["registered"]
        for row in weeks.annotate(month=TruncMonth("week"))
        .values("team_id", "month")
        .annotate(registered=Count("user", distinct=True))
        .order_by()
    }


def coverage_by_team_month(team_ids, first_month, last_month):
    """{(team_id, month): Coverage} for every month of the period, in two queries; a team
    without hours in a month has a Coverage of 0 registered."""
    members = _member_counts(team_ids)
    registered = _registered_by_team_month(team_ids, first_month, last_month)
    today = timezone.localdate()
    month_list = months_until(last_month, _month_count(first_month, last_month))
    return {
        (team_id, month): month_coverage(
            registered.get((team_id, month), 0), member_count, month, today
        )
        for team_id, member_count in members.items()
        for month in month_list
    }


def _month_count(first_month, last_month):
    return (last_month.year - first_month.year) * 12 + last_month.month - first_month.month + 1


def last_complete_month_by_team(coverage):
    """{team_id: its last complete month} from `coverage_by_team_month`'s answer."""
    last = {}
    for (team_id, month), each in coverage.items():
        if each.complete and month > last.get(team_id, datetime.date.min):
            last[team_id] = month
    return last


def last_complete_month(team_ids):
    """The latest month that is complete for at least one of the teams, however long ago
    (two queries): where the balance page opens. None when there is none."""
    members = _member_counts(team_ids)
    today = timezone.localdate()
    complete = [
        month
        for (team_id, month), registered in _registered_by_team_month(team_ids).items()
        if month_coverage(registered, members.get(team_id, 0), month, today).complete
    ]
    return max(complete, default=None)


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
    coverage: Coverage = field(default_factory=Coverage)

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

    def _verdict(self):
        """The current month's share, when it may be held against the target (else None)."""
        if self.target is None or not self.current.coverage.complete:
            return None
        return self.current.collective_share

    @property
    def below_target(self):
        share_now = self._verdict()
        return share_now is not None and share_now < self.target

    @property
    def target_met(self):
        share_now = self._verdict()
        return share_now is not None and share_now >= self.target


ROLE_GROUPS = {"community_worker": (Role.COMMUNITY_WORKER,), "others": (Role.MEMBER, Role.LEAD)}


def team_balances(teams, last_month, months=12):
    """A Balance per team (in the order of `teams`), with each month's coverage, in a fixed
    number of queries."""
    month_list = months_until(last_month, months)
    team_ids = [team.pk for team in teams]
    coverage = coverage_by_team_month(team_ids, month_list[0], month_list[-1])
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
    for (team_id, month), each in coverage.items():
        per_team[team_id].months[index[month]].coverage = each
    return [per_team[team.pk] for team in teams]


def combined_balance(label, balances, month_list):
    """The balances of several teams added up; the target is the average of theirs. A month
    is complete only when it is complete for every team."""
    total = Balance(
        label=label,
        target=round(sum(b.target for b in balances) / len(balances)) if balances else None,
        months=[_empty_month(month) for month in month_list],
        roles={name: _empty_month(month_list[-1]) for name in ROLE_GROUPS},
    )
    for balance in balances:
        for position, figures in enumerate(balance.months):
            _add_into(total.months[position], figures.hours, figures.interventions)
    for position, figures in enumerate(total.months):
        each = [balance.months[position].coverage for balance in balances]
        figures.coverage = Coverage(
            registered=sum(c.registered for c in each),
            members=sum(c.members for c in each),
            complete=bool(each) and all(c.complete for c in each),
        )
    for balance in balances:
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
