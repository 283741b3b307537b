from collectief.access import scope_for
from collectief.registry import registry


def navigation(request):
    """The navigation items this person may use (the views check again)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    scope = scope_for(user)
    items = [item for item in registry.nav_items if scope.has_anywhere(item.capability)]
    return {"nav_items": items}
