"""The shared social agenda of an area (§5.2) and the capacity for community work per team.

Reads other apps (interviews themes and questionnaires, initiatives, core signals and collective
issues) and writes to interviews only through its service API; nothing imports this module
except the pilots app itself.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief import balance
from collectief.concurrency import save_versioned
from collectief.models import CollectiveIssue, Membership, Role, SignalTheme
from initiatives.models import Initiative
from interviews import services as interview_services
from interviews.models import Questionnaire, Theme
from pilots.models import Pilot


def latest_questionnaires(area_ids):
    """The newest version of every questionnaire of the teams in `area_ids`."""
    newest = (
        Questionnaire.objects.filter(lineage=OuterRef("lineage"))
        .order_by("-version_number")
        .values("pk")[:1]
    )
    return (
        Questionnaire.objects.filter(team__area_id__in=area_ids, pk=Subquery(newest))
        .select_related("team")
        .order_by("team__name", "name")
    )


def link_choices(area_ids):
    """What a priority of these areas may link to: their teams' themes, issues, initiatives."""
    return {
        "signal_themes": SignalTheme.objects.filter(
            team__area_id__in=area_ids, active=True
        ).select_related("team"),
        "conversation_themes": Theme.objects.filter(
            questionnaire__in=latest_questionnaires(area_ids)
        ).select_related("questionnaire__team"),
        "collective_issues": CollectiveIssue.objects.filter(
            team__area_id__in=area_ids
        ).select_related("team"),
        "initiatives": Initiative.objects.filter(team__area_id__in=area_ids).select_related("team"),
    }


def linked_team_ids(priority_data):
    """(field, team id) of each linked item, for checking they belong to the chosen area."""
    for field in ("signal_themes", "collective_issues", "initiatives"):
        for item in priority_data.get(field) or ():
            yield field, item.team_id
    for theme in priority_data.get("conversation_themes") or ():
        yield "conversation_themes", theme.questionnaire.team_id


@transaction.atomic
def priority_save(*, priority, links, expected_version=None):
    save_versioned(priority, expected_version)
    for field, items in links.items():
        getattr(priority, field).set(items)
    return priority


@transaction.atomic
def meeting_save(*, meeting):
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_themes_send(*, meeting, questionnaire):
    """Offer the meeting's themes to a team's questionnaire; returns how many were new."""
    source = _("Stakeholder meeting %(area)s, %(date)s") % {
        "area": meeting.neighbourhood or meeting.area,
        "date": meeting.held_on.strftime("%d-%m-%Y"),
    }
    created = 0
    for title in meeting.theme_list:
        _suggestion, new = interview_services.suggested_theme_add(
            questionnaire=questionnaire, title=title, source=source
        )
        created += new
    return created


# ---------------------------------------------------------------- capacity


@dataclass
class TeamCapacity:
    """A team's community work per week. The report's norm (§5.2: at least 0.5 FTE *extra*,
    on top of the existing community work) is held against the extra capacity only; the
    team's own community workers are shown beside it."""

    team: object
    inside: Decimal  # contracted community-worker hours within the team: the existing work
    alongside: Decimal  # extra capacity from partner organisations (running pilots)
    collective_share: float | None  # % of registered hours in the collective quadrants
    month: datetime.date | None
    coverage: balance.Coverage = balance.Coverage()  # of that month

    @property
    def norm(self):
        return Decimal(settings.COLLECTIEF_EXTRA_COMMUNITY_WORK_NORM_HOURS)

    @property
    def shortfall(self):
        return max(self.norm - self.alongside, Decimal(0))

    @property
    def meets_norm(self):
        return self.alongside >= self.norm


def capacity(teams, today=None):
    """Capacity per team in a fixed number of queries (teams: a scoped Team queryset)."""
    today = today or timezone.localdate()
    teams = list(teams.select_related("area").order_by("area__name", "name"))
    ids = [team.pk for team in teams]
    inside = dict(
        Membership.objects.filter(team_id__in=ids, role=Role.COMMUNITY_WORKER)
        .values("team_id")
        .annotate(hours=Sum("hours_per_week"))
        .values_list("team_id", "hours")
    )
    alongside = dict(
        Pilot.objects.filter(team_id__in=ids, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values("team_id")
        .annotate(hours=Sum("extra_capacity_hours"))
        .values_list("team_id", "hours")
    )
    month = balance.last_complete_month(ids)  # a share only from a complete month
    balances = balance.team_balances(teams, month, months=1) if month else []
    current = {team_balance.team.pk: team_balance.current for team_balance in balances}
    rows = []
    for team in teams:
        figures = current.get(team.pk)
        rows.append(
            TeamCapacity(
                team=team,
                inside=inside.get(team.pk) or Decimal(0),
                alongside=alongside.get(team.pk) or Decimal(0),
                collective_share=figures.collective_share if figures else None,
                month=month,
                coverage=figures.coverage if figures else balance.Coverage(),
            )
        )
    return rows
