"""Pilot pages, journal, scores, lessons, workshops, the city dashboard and the reports.

Who sees what: the pilot's own team sees everything it logged. Everyone else who may see the
pilot — the area connector (their area) and municipality staff (aggregates) — sees the
description, the phases, the figures, the scores without comments, and what the team chose to
share city-wide (lessons and journal entries marked "share city-wide"). Journal text, score
comments and team-only lessons are free-text process notes that may mention residents, so
like every free-text note they never leave the team.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from collectief.access import (
    ALL_TEAMS,
    Capability,
    get_for_user,
    require_capability,
    scope_for,
    scope_queryset,
    teams_for,
)
from collectief.concurrency import CONFLICT_MESSAGE, EditConflict
from collectief.disclosure import Disclosure
from collectief.exports import export_format, tabular_response
from collectief.models import Area
from pilots import figures, reports, services, snapshots
from pilots.forms import (
    DashboardFilterForm,
    JournalEntryForm,
    LessonForm,
    PilotForm,
    ScoreForm,
    WorkshopForm,
)
from pilots.models import (
    FactorScore,
    JournalEntry,
    Lesson,
    Phase,
    Pilot,
    WorkingFactor,
    Workshop,
)

C = Capability
SCORED_PHASES = [Phase.DESIGN, Phase.CONTACT, Phase.EXECUTE]  # §4.2 has these checklists


def _pilot(request, pk, require=None, capability=C.VIEW_TEAM):
    return get_for_user(
        request.user,
        Pilot.objects.select_related("team__area", "extra_capacity_organisation"),
        capability,
        require=require,
        pk=pk,
    )


# --- pilots ---------------------------------------------------------------------------------


@require_capability(C.VIEW_TEAM)
def pilot_list(request):
    pilots = (
        scope_queryset(request.user, Pilot.objects.all(), C.VIEW_TEAM)
        .with_phase()
        .select_related("team__area")
        .order_by("team__name", "-start_date")
    )
    return render(
        request,
        "pilots/pilot_list.html",
        {
            "pilots": pilots,
            "phase_labels": dict(Phase.choices),
            "can_create": scope_for(request.user).has_anywhere(C.RUN_COLLECTIVE_WORK),
        },
    )


def _save_pilot(request, form, expected_version):
    try:
        pilot = services.pilot_save(pilot=form.instance, expected_version=expected_version)
    except EditConflict:
        form.add_error(None, CONFLICT_MESSAGE)
        return None
    messages.success(request, _("The pilot was saved."))
    return redirect(pilot)


@require_http_methods(["GET", "POST"])
@require_capability(C.RUN_COLLECTIVE_WORK)
def pilot_create(request):
    form = PilotForm(request.POST or None, user=request.user)
    if form.is_valid() and (response := _save_pilot(request, form, None)):
        return response
    return render(request, "pilots/form.html", {"form": form, "title": _("New pilot")})


@require_http_methods(["GET", "POST"])
def pilot_update(request, pk):
    pilot = _pilot(request, pk, require=C.RUN_COLLECTIVE_WORK)
    form = PilotForm(request.POST or None, instance=pilot, user=request.user)
    if form.is_valid() and (
        response := _save_pilot(request, form, form.cleaned_data.get("version"))
    ):
        return response
    return render(
        request,
        "pilots/form.html",
        {"form": form, "title": _("Change pilot"), "pilot": pilot},
    )


def pilot_detail(request, pk):
    pilot = _pilot(request, pk, capability=C.VIEW_FIGURES)
    scope = scope_for(request.user)
    in_team = scope.can(C.VIEW_TEAM_REFLECTION, pilot.team_id)
    sections = figures.compute(_pilot_figures(request, pilot), reports.PILOT_SECTION_KEYS)
    for section in sections:
        section.export_url = reverse("pilots:export", args=[pilot.pk, section.key])
    context = {
        "pilot": pilot,
        "in_team": in_team,
        "can_edit": scope.can(C.RUN_COLLECTIVE_WORK, pilot.team_id),
        "can_list": scope.has_anywhere(C.VIEW_TEAM),
        "sections": sections,
        "scored_phases": SCORED_PHASES,
    }
    journal = pilot.journal.select_related("author")
    lessons = pilot.lessons.all()
    if in_team:
        kind = request.GET.get("kind", "")
        if kind in JournalEntry.Kind.values:
            journal = journal.filter(kind=kind)
        context |= {
            "kinds": JournalEntry.Kind.choices,
            "kind": kind,
            "progress": reports.factor_progress(pilot),
        }
    else:
        # The self-scores stay in the team (§2.2); outside it only what the team shared.
        journal, lessons = journal.shareable(), lessons.filter(shareable=True)
    context |= {"journal": journal, "lessons": lessons}
    return render(request, "pilots/pilot_detail.html", context)


def _pilot_figures(request, pilot):
    """The figures of one pilot: its own team, within its own period only."""
    scope = scope_for(request.user)
    disclosure = Disclosure.for_viewer(request.user, [pilot.team_id])
    workshops = Workshop.objects.for_figures(request.user)
    return figures.FigureContext(
        start=pilot.start_date,
        end=pilot.end_date,
        pilots=Pilot.objects.filter(pk=pilot.pk),
        workshops=workshops.filter(
            pk__in=Workshop.objects.filter(Q(team=pilot.team_id) | Q(teams=pilot.team_id)).values(
                "pk"
            )
        ),
        disclosure=disclosure,
        team_reflection=scope.can(C.VIEW_TEAM_REFLECTION, pilot.team_id),
        # One team's figures are a part of those of every pilot the viewer may see (in the
        # same period).
        whole=figures.FigureContext(
            start=pilot.start_date,
            end=pilot.end_date,
            pilots=scope_queryset(request.user, Pilot.objects.all(), C.VIEW_FIGURES),
            workshops=workshops,
            disclosure=disclosure,
        )
        if disclosure.protect
        else None,
    )


def pilot_export(request, pk, key):
    pilot = _pilot(request, pk, capability=C.VIEW_FIGURES)
    if key not in reports.PILOT_SECTION_KEYS:
        raise Http404
    return _export(request, figures.compute(_pilot_figures(request, pilot), [key])[0], pilot)


# --- journal, scores, lessons ---------------------------------------------------------------


def _edit_pilot_part(request, pk, part_pk, *, related, form_class, save, titles, saved, anchor):
    """Create or change one part of a pilot (a journal entry, a lesson) for its team."""
    pilot = _pilot(request, pk, require=C.RUN_COLLECTIVE_WORK)
    part = None
    if part_pk is not None:
        part = getattr(pilot, related).filter(pk=part_pk).first()
        if part is None:
            raise Http404
    form = form_class(request.POST or None, instance=part)
    if form.is_valid():
        save(form.instance, pilot)
        messages.success(request, saved)
        return redirect(f"{pilot.get_absolute_url()}#{anchor}")
    title = titles[1] if part else titles[0]
    return render(request, "pilots/form.html", {"form": form, "title": title, "pilot": pilot})


@require_http_methods(["GET", "POST"])
def journal_edit(request, pk, entry_pk=None):
    return _edit_pilot_part(
        request,
        pk,
        entry_pk,
        related="journal",
        form_class=JournalEntryForm,
        save=lambda entry, pilot: services.journal_entry_save(
            entry=entry, pilot=pilot, author=request.user
        ),
        titles=(_("New journal entry"), _("Change journal entry")),
        saved=_("The journal entry was saved."),
        anchor="journal",
    )


@require_http_methods(["GET", "POST"])
def lesson_edit(request, pk, lesson_pk=None):
    return _edit_pilot_part(
        request,
        pk,
        lesson_pk,
        related="lessons",
        form_class=LessonForm,
        save=lambda lesson, pilot: services.lesson_save(lesson=lesson, pilot=pilot),
        titles=(_("New lesson"), _("Change lesson")),
        saved=_("The lesson was saved."),
        anchor="lessons",
    )


@require_http_methods(["GET", "POST"])
def score_phase(request, pk, phase):
    pilot = _pilot(request, pk, require=C.RUN_COLLECTIVE_WORK)
    if phase not in {p.value for p in SCORED_PHASES}:
        raise Http404
    factors = WorkingFactor.objects.filter(phase=phase)
    # Start from the latest score of each factor, so the team sees where it stood.
    latest = {}
    for score in FactorScore.objects.filter(pilot=pilot, factor__phase=phase).order_by("scored_on"):
        latest[score.factor_id] = (score.score, score.comment)
    form = ScoreForm(
        request.POST or None,
        factors=factors,
        initial_scores=latest,
        initial={"scored_on": timezone.localdate()},
    )
    if form.is_valid():
        services.scores_record(
            pilot=pilot, scored_on=form.cleaned_data["scored_on"], scores=form.scores()
        )
        messages.success(request, _("The scores were saved."))
        return redirect(f"{pilot.get_absolute_url()}#factors")
    return render(
        request,
        "pilots/score_form.html",
        {"pilot": pilot, "form": form, "phase": Phase(phase)},
    )


# --- workshops ------------------------------------------------------------------------------


def _may_organise_citywide(user):
    scope = scope_for(user)
    return bool(
        scope.citywide or scope.connector_area_ids or scope.has_anywhere(C.RUN_COLLECTIVE_WORK)
    )


@require_capability(C.VIEW_FIGURES)
def workshop_list(request):
    workshops = (
        Workshop.objects.visible_to(request.user)
        .select_related("team")
        .prefetch_related("teams")
        .order_by("-date")
    )
    return render(
        request,
        "pilots/workshop_list.html",
        {"workshops": workshops, "can_create": _may_organise_citywide(request.user)},
    )


def workshop_detail(request, pk):
    workshops = Workshop.objects.visible_to(request.user).select_related("team")
    workshop = workshops.filter(pk=pk).prefetch_related("teams", "organisations").first()
    if workshop is None:
        raise Http404
    team_ids = {team.pk for team in workshop.teams.all()}
    if workshop.team_id:
        team_ids.add(workshop.team_id)
    return render(
        request,
        "pilots/workshop_detail.html",
        {
            "workshop": workshop,
            "residents": Disclosure.for_viewer(request.user, team_ids).count(
                workshop.residents_count
            ),
            "shows_notes": _may_read_notes(request.user, workshop),
            "can_edit": _may_edit_workshop(request.user, workshop),
            "agenda": reports.workshop_agenda(workshop) if workshop.is_citywide else None,
        },
    )


def _may_read_notes(user, workshop):
    """A team workshop's notes stay in the team unless the team shared them (§2.2)."""
    return (
        workshop.is_citywide
        or workshop.notes_shareable
        or scope_for(user).can(C.VIEW_TEAM_REFLECTION, workshop.team_id)
    )


def _may_edit_workshop(user, workshop):
    if workshop.is_citywide:
        return _may_organise_citywide(user)
    return scope_for(user).can(C.RUN_COLLECTIVE_WORK, workshop.team_id)


@require_http_methods(["GET", "POST"])
def workshop_edit(request, pk=None):
    workshop = None
    if pk is not None:
        workshop = Workshop.objects.visible_to(request.user).filter(pk=pk).first()
        if workshop is None:
            raise Http404
        if not _may_edit_workshop(request.user, workshop):
            raise PermissionDenied
    elif not _may_organise_citywide(request.user):
        raise PermissionDenied
    form = WorkshopForm(
        request.POST or None,
        instance=workshop,
        user=request.user,
        may_organise_citywide=_may_organise_citywide(request.user),
    )
    if form.is_valid():
        workshop = services.workshop_save(form=form)
        messages.success(request, _("The workshop was saved."))
        return redirect(workshop)
    title = _("Change workshop") if workshop else _("New workshop")
    return render(
        request,
        "pilots/form.html",
        {"form": form, "title": title, "workshop": workshop, "workshop_form": True},
    )


# --- dashboard, export and reports ----------------------------------------------------------


def dashboard_filters(request):
    """(form, FigureContext or None): the viewer's pilots and workshops, filtered.

    Outside the teams' own people the period widens to whole months (two periods a day apart
    would isolate one conversation), and an area is a part of the whole the viewer may see."""
    user = request.user
    areas = Area.objects.filter(pk__in=teams_for(user, C.VIEW_FIGURES).values("area_id")).order_by(
        "name"
    )
    form = DashboardFilterForm(request.GET or None, areas=areas)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}
    area = data.get("area")
    all_pilots = scope_queryset(user, Pilot.objects.all(), C.VIEW_FIGURES)
    all_workshops = Workshop.objects.for_figures(user)
    pilots, workshops = all_pilots, all_workshops
    if area:
        pilots = pilots.filter(team__area=area)
        # A city-wide workshop counts for an area when one of its teams took part.
        workshops = workshops.filter(
            pk__in=Workshop.objects.filter(Q(team__area=area) | Q(teams__area=area)).values("pk")
        )
    # Every team whose figures the viewer may see (from their scope, without a query): a
    # superset of the pilots' teams, so protected whenever one of those would be.
    teams = scope_for(user).team_ids(C.VIEW_FIGURES)
    disclosure = Disclosure.for_viewer(user, None if teams is ALL_TEAMS else teams)
    start, end = disclosure.period(data.get("start"), data.get("end"))
    whole = None
    if area and disclosure.protect:
        whole = figures.FigureContext(
            pilots=all_pilots, workshops=all_workshops, start=start, end=end, disclosure=disclosure
        )
    return form, figures.FigureContext(
        pilots=pilots,
        workshops=workshops,
        start=start,
        end=end,
        disclosure=disclosure,
        whole=whole,
    )


DASHBOARD_PILOTS = 30  # pilots listed on the dashboard; its CSV and the city report list all


@require_http_methods(["GET", "POST"])
@require_capability(C.VIEW_FIGURES)
def dashboard(request):
    """The figures of the viewer's pilots; a POST recomputes them now instead of showing the
    snapshot of the last minutes."""
    form, ctx = dashboard_filters(request)
    query = request.GET.urlencode()
    sections, computed_at = [], None
    if ctx:
        ctx.overview_limit = DASHBOARD_PILOTS
        sections, computed_at = snapshots.sections(ctx, recompute=request.method == "POST")
        if request.method == "POST":
            messages.success(request, _("The figures were recalculated."))
            return redirect(_with_query(reverse("pilots:dashboard"), query))
    for section in sections:
        section.export_url = _with_query(
            reverse("pilots:dashboard_export", args=[section.key]), query
        )
    return render(
        request,
        "pilots/dashboard.html",
        {
            "form": form,
            "sections": sections,
            "computed_at": computed_at,
            "query": query,
            # The period as counted, when it was widened to whole months.
            "whole_months": ctx
            if ctx and ctx.disclosure.protect and (ctx.start or ctx.end)
            else None,
        },
        status=200 if ctx else 400,
    )


def _with_query(url, query):
    return f"{url}?{query}" if query else url


@require_capability(C.VIEW_FIGURES)
def dashboard_export(request, key):
    if key not in figures.SECTION_BY_KEY:
        raise Http404
    form, ctx = dashboard_filters(request)
    if ctx is None:
        return render(request, "pilots/dashboard.html", {"form": form, "sections": []}, status=400)
    sections, _computed_at = snapshots.sections(ctx)
    return _export(request, next(section for section in sections if section.key == key))


def _export(request, section, pilot=None):
    name = f"pilot-{pilot.pk}-{section.key}" if pilot else f"pilots-{section.key}"
    # Excel refuses some characters in a sheet title (e.g. the colon in a section title).
    sheet_title = re.sub(r"[\\/*?:\[\]]", " ", section.title)
    return tabular_response(
        name, section.headers, section.rows, export_format(request), sheet_title=sheet_title
    )


def pilot_report(request, pk):
    pilot = _pilot(request, pk, capability=C.VIEW_FIGURES)
    in_team = scope_for(request.user).can(C.VIEW_TEAM_REFLECTION, pilot.team_id)
    sections, computed_at = snapshots.sections(
        _pilot_figures(request, pilot), reports.PILOT_SECTION_KEYS
    )
    context = reports.pilot_report(pilot, sections, in_team=in_team)
    return render(request, "pilots/report_pilot.html", context | {"computed_at": computed_at})


@require_capability(C.VIEW_FIGURES)
def city_report(request):
    form, ctx = dashboard_filters(request)
    if ctx is None:
        return render(request, "pilots/dashboard.html", {"form": form, "sections": []}, status=400)
    pilots = (
        ctx.pilots.with_phase(ctx.as_of)
        .select_related("team__area")
        .prefetch_related(Prefetch("lessons", queryset=Lesson.objects.filter(shareable=True)))
    )
    sections, computed_at = snapshots.sections(ctx)
    context = reports.city_report(pilots, ctx, sections) | {
        "form": form,
        "computed_at": computed_at,
    }
    return render(request, "pilots/report_city.html", context)
