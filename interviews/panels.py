"""The home-page panel: current rounds, one's own conversations, names still to contact."""

from collectief.access import Capability
from interviews.services import home_counts


def home_panel(request, scope):
    team_ids = scope.team_ids(Capability.LOG_WORK)
    if not team_ids:
        return None
    return home_counts(request.user, team_ids)
