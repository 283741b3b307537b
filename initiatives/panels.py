from collectief.access import Capability, scope_for, scope_queryset
from initiatives.models import Initiative
from initiatives.services import home_figures, what_grew_from_themes


def home_panel(request, scope):
    """Initiatives and uncelebrated successes of the person's own teams (three queries)."""
    if not scope.team_roles:
        return None
    return home_figures(set(scope.team_roles))


def issue_panel(request, issue):
    """The initiatives linked to a collective issue that the person may open (one query)."""
    initiatives = scope_queryset(
        request.user, Initiative.objects.filter(collective_issues=issue), Capability.VIEW_TEAM
    ).only("name", "public_id", "status")
    return {"initiatives": list(initiatives)}


def themes_panel(request, team):
    """On the team's themes page: what grew from each theme (two queries). Initiative names
    are not personal; the links only show to those who may open the initiatives."""
    grown = what_grew_from_themes(team.pk)
    return {"grown": grown, "can_open": scope_for(request.user).can(Capability.VIEW_TEAM, team.pk)}
