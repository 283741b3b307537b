"""The public face of a label (§2.2): no login, no personal data, cacheable.

Only a published label shows, and of it only the initiatives that carry it, are active and opted
in; of those only the texts written for the public (summary, how to join) and their activities.
Dutch by default; ``?lang=en`` gives English (a URL of its own, so caches keep both apart).
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from initiatives import ical
from initiatives.models import Initiative, LabelApplication, LabelProgramme

LANGUAGES = {None: "nl", "en": "en"}
MAX_AGE = 300  # five minutes: a new opt-in shows soon, repeated visits cost nothing


def _language(request):
    try:
        return LANGUAGES[request.GET.get("lang")]
    except KeyError as error:
        raise Http404 from error


def _label(pk):
    try:
        return LabelProgramme.objects.published().get(pk=pk)
    except LabelProgramme.DoesNotExist as error:
        raise Http404 from error


def public_entries(programme):
    """The opted-in, active initiatives with their activities, in three queries."""
    return list(
        LabelApplication.objects.on_public_page()
        .filter(programme=programme, initiative__in=Initiative.objects.active())
        .select_related("initiative")
        .prefetch_related("initiative__neighbourhoods", "initiative__activities")
        .order_by("initiative__name", "pk")
    )


@login_not_required
@require_GET
@cache_control(public=True, max_age=MAX_AGE)
def label_page(request, pk):
    language = _language(request)
    programme = _label(pk)
    with translation.override(language):
        response = render(
            request,
            "initiatives/public_label.html",
            {"programme": programme, "entries": public_entries(programme), "language": language},
        )
    response.headers["Content-Language"] = language
    return response


@login_not_required
@require_GET
@cache_control(public=True, max_age=MAX_AGE)
def label_calendar(request, pk):
    programme = _label(pk)
    events = [
        {
            "uid": f"{activity.public_id}@collectief",
            "summary": f"{activity.name} ({entry.initiative.name})",
            "description": entry.how_to_join,
            "location": activity.location,
            "day": activity.starts_on,
            "start": activity.start_time,
            "end": activity.end_time,
            "recurrence": activity.recurrence,
        }
        for entry in public_entries(programme)
        for activity in entry.initiative.activities.all()
        if activity.starts_on
    ]
    response = HttpResponse(
        ical.calendar(programme.name, events), content_type="text/calendar; charset=utf-8"
    )
    response.headers["Content-Disposition"] = f'inline; filename="label-{programme.pk}.ics"'
    return response
