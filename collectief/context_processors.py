from django.urls import reverse
from django.utils.crypto import salted_hmac

from collectief.access import scope_for
from collectief.registry import registry


def navigation(request):
    """The menu this person may use, grouped; the views check access again."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    scope = scope_for(user)
    sections = []  # [{"label", "items": [{"label", "url", "current"}]}]
    for item in registry.nav_items:
        if not scope.has_anywhere(item.capability):
            continue
        entry = {"label": item.label, "url": reverse(item.url_name), "current": False}
        if sections and item.group is not None and sections[-1]["label"] == item.group:
            sections[-1]["items"].append(entry)
        else:
            sections.append({"label": item.group or item.label, "items": [entry]})
    _mark_current(sections, request.path)
    return {"nav_sections": sections}


def _mark_current(sections, path):
    """The item whose address is the longest start of the current path is the current one."""
    matches = [
        entry for section in sections for entry in section["items"] if path.startswith(entry["url"])
    ]
    if matches:
        max(matches, key=lambda entry: len(entry["url"]))["current"] = True


def browser_storage(request):
    """The owner mark of what this app keeps in the browser (drafts), rendered on <body>.

    An HMAC of the user and the session key: the same for one login, different for another
    person or another login, and it does not reveal the user id. collectief.js deletes every
    stored item that carries another mark, and everything when nobody is logged in (the page
    after logging out or after an expired session).
    """
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or not user.is_authenticated or session is None or not session.session_key:
        return {"browser_storage_owner": ""}
    mark = salted_hmac("collectief.browser_storage", f"{user.pk}:{session.session_key}")
    return {"browser_storage_owner": mark.hexdigest()[:32]}
