"""The shared social agenda, stakeholder meetings and capacity pages.

Everyone in a team reads the agenda of their team's area; the area connector keeps it, with the
community workers and team leads of the area's teams. An agenda item of an area the person
does not work in answers 404; a team member may read but not change it (403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collectief.access import Capability as C
from collectief.access import require_capability, teams_for
from collectief.concurrency import CONFLICT_MESSAGE, EditConflict
from collectief.models import Area
from pilots import agenda
from pilots.forms import AgendaPriorityForm, SendThemesForm, StakeholderMeetingForm
from pilots.models import (
    AgendaPriority,
    StakeholderMeeting,
    agenda_area_ids,
    agenda_kept_area_ids,
)


def _kept_areas(request):
    """Areas whose agenda this person keeps; 403 for everyone else."""
    area_ids = agenda_kept_area_ids(request.user)
    if not area_ids:
        raise PermissionDenied
    return area_ids


def _object(request, queryset, pk):
    """An agenda object of the person's areas (404 elsewhere) that they keep (403 if not)."""
    try:
        obj = queryset.visible_to(request.user).get(pk=pk)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error
    if obj.area_id not in agenda_kept_area_ids(request.user):
        raise PermissionDenied
    return obj


def agenda_page(request):
    area_ids = agenda_area_ids(request.user)
    if not area_ids:
        raise PermissionDenied
    priorities = (
        AgendaPriority.objects.filter(area_id__in=area_ids)
        .select_related("area", "neighbourhood")
        .prefetch_related(
            "signal_themes", "collective_issues", "initiatives", "conversation_themes"
        )
    )
    meetings = StakeholderMeeting.objects.filter(area_id__in=area_ids).select_related(
        "area", "neighbourhood"
    )[:20]
    areas = list(Area.objects.filter(pk__in=area_ids).order_by("name"))
    by_area = {area.pk: [] for area in areas}
    for priority in priorities:
        by_area[priority.area_id].append(priority)
    return render(
        request,
        "pilots/agenda.html",
        {
            "areas": [(area, by_area[area.pk]) for area in areas],
            "meetings": meetings,
            "kept": agenda_kept_area_ids(request.user),
        },
    )


def _priority_form(request, priority=None):
    area_ids = _kept_areas(request)
    form = AgendaPriorityForm(
        request.POST or None,
        instance=priority,
        area_ids=area_ids,
        choices=agenda.link_choices(area_ids),
    )
    if form.is_valid():
        links = {
            name: form.cleaned_data[name]
            for name in ("signal_themes", "conversation_themes", "collective_issues", "initiatives")
        }
        try:
            agenda.priority_save(
                priority=form.save(commit=False),
                links=links,
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("The priority was saved."))
            return redirect("pilots:agenda")
    title = priority.title if priority else _("New priority")
    return render(request, "pilots/agenda_form.html", {"form": form, "title": title})


@require_http_methods(["GET", "POST"])
def priority_create(request):
    return _priority_form(request)


@require_http_methods(["GET", "POST"])
def priority_update(request, pk):
    return _priority_form(request, _object(request, AgendaPriority.objects, pk))


def _meeting_form(request, meeting=None):
    area_ids = _kept_areas(request)
    form = StakeholderMeetingForm(request.POST or None, instance=meeting, area_ids=area_ids)
    if form.is_valid():
        meeting = agenda.meeting_save(meeting=form.save(commit=False))
        messages.success(request, _("The meeting was saved."))
        return redirect("pilots:meeting_send", pk=meeting.pk)
    title = str(meeting) if meeting else _("New stakeholder meeting")
    return render(request, "pilots/agenda_form.html", {"form": form, "title": title})


@require_http_methods(["GET", "POST"])
def meeting_create(request):
    return _meeting_form(request)


@require_http_methods(["GET", "POST"])
def meeting_update(request, pk):
    return _meeting_form(request, _object(request, StakeholderMeeting.objects, pk))


@require_http_methods(["GET", "POST"])
def meeting_send(request, pk):
    """Send the meeting's themes to a questionnaire of a team in the area, as suggestions."""
    meeting = _object(
        request, StakeholderMeeting.objects.select_related("area", "neighbourhood"), pk
    )
    form = SendThemesForm(
        request.POST or None, questionnaires=agenda.latest_questionnaires([meeting.area_id])
    )
    if form.is_valid():
        created = agenda.meeting_themes_send(
            meeting=meeting, questionnaire=form.cleaned_data["questionnaire"]
        )
        messages.success(
            request,
            _("%(n)s themes were suggested to the questionnaire; the community worker decides.")
            % {"n": created},
        )
        return redirect("pilots:agenda")
    return render(
        request,
        "pilots/meeting_send.html",
        {"form": form, "meeting": meeting, "title": _("Send themes to a questionnaire")},
    )


@require_capability(C.VIEW_FIGURES)
def capacity_page(request):
    rows = agenda.capacity(teams_for(request.user, C.VIEW_FIGURES))
    return render(
        request,
        "pilots/capacity.html",
        {
            "rows": rows,
            "norm": rows[0].norm if rows else None,
            "month": rows[0].month if rows else None,
            "dashboard_url": reverse("pilots:dashboard"),
        },
    )
