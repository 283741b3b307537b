from initiatives.services import home_figures


def home_panel(request, scope):
    """Initiatives and uncelebrated successes of the person's own teams (three queries)."""
    if not scope.team_roles:
        return None
    return home_figures(set(scope.team_roles))
