"""The social map: who is already active in the neighbourhood (§4.1, second pitfall)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collectief.access import Capability as C
from collectief.access import require_capability, scope_queryset
from collectief.concurrency import CONFLICT_MESSAGE, EditConflict
from initiatives import socialmap
from initiatives.forms import SocialMapEntryForm, SocialMapFilterForm
from initiatives.models import Initiative, SocialMapEntry

PAGE_SIZE = 50
ENTRY_SEARCH_FIELDS = ("name", "what", "for_whom", "when", "organisation__name")


def _entry(request, pk):
    """An entry in one of the person's neighbourhoods (404 elsewhere), which they maintain."""
    try:
        entry = SocialMapEntry.objects.select_related("neighbourhood").get(
            pk=pk, neighbourhood__in=socialmap.visible_neighbourhoods(request.user)
        )
    except SocialMapEntry.DoesNotExist as error:
        raise Http404 from error
    if not socialmap.can_maintain(request.user, entry.neighbourhood_id):
        raise PermissionDenied
    return entry


@require_capability(C.VIEW_TEAM)
def map_list(request):
    neighbourhoods = socialmap.visible_neighbourhoods(request.user)
    form = SocialMapFilterForm(request.GET or None, neighbourhoods=neighbourhoods)
    data = form.cleaned_data if form.is_valid() else {}
    text, hood, theme = data.get("q", "").strip(), data.get("neighbourhood"), data.get("theme")
    hoods = [hood] if hood else neighbourhoods

    entries = (
        SocialMapEntry.objects.accepted()
        .filter(neighbourhood__in=hoods)
        .with_theme(theme)
        .select_related("neighbourhood", "organisation")
    )
    entries = socialmap.search(entries, text, ENTRY_SEARCH_FIELDS, with_themes=True)
    # Resident initiatives have no map themes: a theme filter shows only map entries.
    initiatives = Initiative.objects.none()
    if not theme:
        initiatives = socialmap.search(
            scope_queryset(request.user, Initiative.objects.active(), C.VIEW_TEAM)
            .filter(neighbourhoods__in=hoods)
            .distinct(),
            text,
            ("name", "description"),
        ).prefetch_related("neighbourhoods")
    entry_page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    initiative_page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("ipage"))
    maintained = set(socialmap.maintained_neighbourhoods(request.user).values_list("pk", flat=True))
    suggestions = (
        SocialMapEntry.objects.suggested()
        .filter(neighbourhood__in=maintained)
        .select_related("neighbourhood", "suggested_by")[:PAGE_SIZE]
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("ipage", None)
    return render(
        request,
        "initiatives/map_list.html",
        {
            "form": form,
            "entries": entry_page,
            "initiatives": initiative_page,
            "suggestions": suggestions,
            "maintained": maintained,
            "query": query.urlencode(),
            "filtered": bool(text or hood or theme),
        },
    )


def _save(request, form, entry, maintainer):
    try:
        return socialmap.entry_save(
            entry=entry,
            themes=form.cleaned_data["theme_choices"],
            user=request.user,
            maintainer=maintainer,
            expected_version=form.cleaned_data.get("version"),
        )
    except EditConflict:
        form.add_error(None, CONFLICT_MESSAGE)
    return None


@require_http_methods(["GET", "POST"])
@require_capability(C.VIEW_TEAM)
def map_create(request):
    neighbourhoods = socialmap.visible_neighbourhoods(request.user)
    form = SocialMapEntryForm(request.POST or None, neighbourhoods=neighbourhoods)
    if form.is_valid():
        entry = form.save(commit=False)
        maintainer = socialmap.can_maintain(request.user, entry.neighbourhood_id)
        if _save(request, form, entry, maintainer):
            messages.success(
                request,
                _("The entry is on the map.")
                if maintainer
                else _("Thank you: the community worker or area connector will look at it."),
            )
            return redirect("initiatives:map")
    return render(
        request, "initiatives/map_form.html", {"form": form, "title": _("Add to the social map")}
    )


@require_http_methods(["GET", "POST"])
def map_update(request, pk):
    entry = _entry(request, pk)
    neighbourhoods = socialmap.maintained_neighbourhoods(request.user)
    form = SocialMapEntryForm(request.POST or None, instance=entry, neighbourhoods=neighbourhoods)
    if form.is_valid() and _save(request, form, form.save(commit=False), True):
        messages.success(request, _("The entry was saved."))
        return redirect("initiatives:map")
    return render(
        request, "initiatives/map_form.html", {"form": form, "title": entry.name, "entry": entry}
    )


def map_accept(request, pk):
    entry = _entry(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    socialmap.entry_accept(entry=entry)
    messages.success(request, _("%(name)s is on the map now.") % {"name": entry.name})
    return redirect(reverse("initiatives:map"))


def map_delete(request, pk):
    entry = _entry(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    entry.delete()
    messages.success(request, _("%(name)s was removed from the map.") % {"name": entry.name})
    return redirect(reverse("initiatives:map"))
