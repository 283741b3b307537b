"""The pilots panel on the home page: the person's own teams' pilots and their phase."""

from collectief.access import Capability, scope_queryset
from pilots.models import Phase, Pilot


def home_panel(request, scope):
    """Pilots of the teams the person belongs to (one query); None hides the panel."""
    if not scope.team_roles:
        return None
    pilots = list(
        scope_queryset(request.user, Pilot.objects.all(), Capability.VIEW_TEAM)
        .filter(team__in=scope.team_roles)
        .with_phase()
        .select_related("team")
        .order_by("team__name", "-start_date")[:10]
    )
    if not pilots:
        return None
    labels = dict(Phase.choices)
    return {"pilots": [(pilot, labels.get(pilot.current_phase, "")) for pilot in pilots]}
