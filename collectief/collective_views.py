"""Pages of the collective side of a team's work: weighing framework, interventions and their
assessments, signals and collective issues, weekly hours, and the balance."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collectief import balance as balance_reads
from collectief import collective_services as services
from collectief.access import (
    Capability,
    get_for_user,
    get_team_for_user,
    require_capability,
    scope_for,
    scope_queryset,
    teams_for,
)
from collectief.collective_forms import (
    AssessmentForm,
    BalanceFilterForm,
    BalanceSettingsForm,
    FrameworkNoteForm,
    FrameworkQuestionFormSet,
    HoursForm,
    InterventionForm,
    IssueForm,
    SignalForm,
    ThemeForm,
)
from collectief.disclosure import Disclosure
from collectief.exports import export_format, tabular_response
from collectief.models import (
    Assessment,
    CollectiveIssue,
    Framework,
    Intervention,
    Neighbourhood,
    Quadrant,
    Signal,
    SignalTheme,
    WeeklyHours,
)
from collectief.params import id_or_none
from collectief.registry import registry

C = Capability


def _service_ok(form, action):
    """Run a service; a business-rule error goes back on the form with the input kept."""
    try:
        return action()
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _require_team_work(request, team):
    """Anyone with a role in the team (member, community worker, lead) may register work."""
    scope = scope_for(request.user)
    if not (scope.can(C.LOG_WORK, team.pk) or scope.can(C.RUN_COLLECTIVE_WORK, team.pk)):
        raise PermissionDenied


def _teams_with(request, capability):
    return teams_for(request.user, capability).order_by("name")


def home_panel(request, scope):
    """The home page panel: candidate collective issues for whoever runs collective work."""
    team_ids = scope.team_ids(C.RUN_COLLECTIVE_WORK)
    if not team_ids:
        return None
    candidates = [g for g in balance_reads.signal_groups(team_ids) if g.is_candidate]
    return {"candidates": candidates}


# --- Weighing framework --------------------------------------------------------------------


def framework_detail(request, team_pk, version=None):
    team = get_team_for_user(request.user, team_pk)
    current = services.framework_current(team=team)
    framework = current if version is None else get_object_or_404(team.frameworks, version=version)
    versions = team.frameworks.annotate(assessment_count=Count("assessments")).select_related(
        "created_by"
    )
    return render(
        request,
        "collectief/framework_detail.html",
        {
            "team": team,
            "framework": framework,
            "current": current,
            "questions": framework.questions.all(),
            "versions": versions,
            "can_manage": scope_for(request.user).can(C.MANAGE_TEAM, team.pk),
        },
    )


@require_http_methods(["GET", "POST"])
def framework_edit(request, team_pk):
    team = get_team_for_user(request.user, team_pk, require=C.MANAGE_TEAM)
    current = services.framework_current(team=team)
    initial = [
        {"text": q.text, "kind": q.kind, "guidance": q.guidance, "ORDER": q.position}
        for q in current.questions.all()
    ]
    formset = FrameworkQuestionFormSet(request.POST or None, initial=initial, prefix="q")
    note_form = FrameworkNoteForm(
        request.POST or None,
        initial={"based_on_version": current.version, "based_on_revision": current.revision},
    )
    if request.method == "POST" and formset.is_valid() and note_form.is_valid():
        questions = [
            {key: form.cleaned_data[key] for key in ("text", "kind", "guidance")}
            for form in formset.ordered_forms
            if form.cleaned_data.get("text")
        ]
        framework = _service_ok(
            note_form,
            lambda: services.framework_save(
                team=team,
                questions=questions,
                note=note_form.cleaned_data["note"],
                user=request.user,
                based_on=(
                    note_form.cleaned_data["based_on_version"],
                    note_form.cleaned_data["based_on_revision"],
                ),
            ),
        )
        if framework is not None:
            if framework.pk == current.pk:
                messages.success(request, _("The framework was saved."))
            else:
                messages.success(
                    request,
                    _(
                        "Version %(old)s was used in assessments, so your changes became "
                        "version %(new)s. Those assessments keep their version."
                    )
                    % {"old": current.version, "new": framework.version},
                )
            return redirect("collective:framework", team.pk)
    return render(
        request,
        "collectief/framework_form.html",
        {"team": team, "current": current, "formset": formset, "note_form": note_form},
    )


@require_http_methods(["GET", "POST"])
def balance_settings(request, team_pk):
    team = get_team_for_user(request.user, team_pk, require=C.MANAGE_TEAM)
    form = BalanceSettingsForm(request.POST or None, instance=services.balance_settings_for(team))
    if form.is_valid() and _service_ok(
        form, lambda: services.balance_settings_update(team=team, **form.cleaned_data)
    ):
        messages.success(request, _("The targets were saved."))
        return redirect("collective:balance_team", team.pk)
    return render(request, "collectief/balance_settings.html", {"team": team, "form": form})


@require_http_methods(["GET", "POST"])
def theme_list(request, team_pk):
    team = get_team_for_user(request.user, team_pk, require=C.RUN_COLLECTIVE_WORK)
    form = ThemeForm(request.POST or None)
    if form.is_valid() and _service_ok(
        form, lambda: services.theme_add(team=team, name=form.cleaned_data["name"])
    ):
        messages.success(request, _("The theme was added."))
        return redirect("collective:themes", team.pk)
    themes = team.signal_themes.annotate(signal_count=Count("signals"))
    return render(
        request, "collectief/theme_list.html", {"team": team, "form": form, "themes": themes}
    )


@require_POST
def theme_toggle(request, team_pk, theme_pk):
    team = get_team_for_user(request.user, team_pk, require=C.RUN_COLLECTIVE_WORK)
    theme = get_object_or_404(SignalTheme, pk=theme_pk, team=team)
    services.theme_set_active(theme=theme, active=not theme.active)
    return redirect("collective:themes", team.pk)


# --- Interventions and assessments ---------------------------------------------------------


def intervention_list(request):
    teams = _teams_with(request, C.VIEW_TEAM)
    interventions = (
        scope_queryset(request.user, Intervention.objects.all(), C.VIEW_TEAM)
        .select_related("team")
        .annotate(assessment_count=Count("assessments"))
    )
    chosen = id_or_none(request.GET.get("team"))
    if chosen:
        interventions = interventions.filter(team_id=chosen)
    scope = scope_for(request.user)
    work_teams = [
        t for t in teams if scope.can(C.LOG_WORK, t.pk) or scope.can(C.RUN_COLLECTIVE_WORK, t.pk)
    ]
    return render(
        request,
        "collectief/intervention_list.html",
        {
            "interventions": interventions,
            "teams": teams,
            "work_teams": work_teams,
            "chosen": chosen,
        },
    )


@require_http_methods(["GET", "POST"])
def intervention_create(request, team_pk):
    team = get_team_for_user(request.user, team_pk)
    _require_team_work(request, team)
    form = InterventionForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if form.is_valid():
        intervention = services.intervention_create(
            team=team, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("The intervention was registered."))
        return redirect(intervention)
    return render(request, "collectief/intervention_form.html", {"team": team, "form": form})


def _intervention(request, uuid, work=False):
    intervention = get_for_user(
        request.user, Intervention.objects.select_related("team"), uuid=uuid
    )
    if work:
        _require_team_work(request, intervention.team)
    return intervention


@require_http_methods(["GET", "POST"])
def intervention_update(request, uuid):
    intervention = _intervention(request, uuid, work=True)
    form = InterventionForm(request.POST or None, instance=intervention)
    if form.is_valid():
        services.intervention_update(intervention=intervention, **form.cleaned_data)
        messages.success(request, _("The intervention was saved."))
        return redirect(intervention)
    return render(
        request,
        "collectief/intervention_form.html",
        {"team": intervention.team, "form": form, "intervention": intervention},
    )


def intervention_detail(request, uuid):
    intervention = _intervention(request, uuid)
    scope = scope_for(request.user)
    assessments = intervention.assessments.select_related("framework").prefetch_related(
        "participants"
    )
    return render(
        request,
        "collectief/intervention_detail.html",
        {
            "intervention": intervention,
            "assessments": assessments,
            "issues": intervention.collective_issues.select_related("theme", "neighbourhood"),
            "in_team": scope.can(C.VIEW_PERSONAL_DATA, intervention.team_id),
            "people_supported": Disclosure.for_viewer(request.user, [intervention.team_id]).count(
                intervention.people_supported
            ),
            "can_work": scope.can(C.LOG_WORK, intervention.team_id)
            or scope.can(C.RUN_COLLECTIVE_WORK, intervention.team_id),
        },
    )


@require_http_methods(["GET", "POST"])
def assessment_create(request, uuid):
    intervention = _intervention(request, uuid, work=True)
    team = intervention.team
    current = services.framework_current(team=team)
    framework = current
    posted_version = request.POST.get("framework_version")
    if posted_version:
        # The form was filled in on this version: its answers belong to those questions.
        framework = get_object_or_404(Framework, team=team, version=posted_version)
    form = AssessmentForm(request.POST or None, framework=framework, team=team)
    if form.is_valid():
        fields = {
            name: form.cleaned_data[name]
            for name in ("held_on", "other_participants", "leaning", "decision", "summary")
        }
        assessment = _service_ok(
            form,
            lambda: services.assessment_create(
                intervention=intervention,
                framework=framework,
                answers=form.answers(),
                participants=form.cleaned_data["participants"],
                user=request.user,
                **fields,
            ),
        )
        if assessment is not None:
            if framework.pk != current.pk:
                messages.warning(
                    request,
                    _(
                        "The team lead changed the framework while you filled this in. "
                        "Your assessment keeps the version you answered (version %(version)s)."
                    )
                    % {"version": framework.version},
                )
            messages.success(request, _("The assessment was recorded."))
            return redirect(assessment)
    return render(
        request,
        "collectief/assessment_form.html",
        {"intervention": intervention, "framework": framework, "form": form},
    )


def assessment_detail(request, uuid):
    assessment = get_for_user(
        request.user,
        Assessment.objects.select_related("intervention__team", "framework", "created_by"),
        team_field="intervention__team",
        uuid=uuid,
    )
    return render(
        request,
        "collectief/assessment_detail.html",
        {
            "assessment": assessment,
            "answers": assessment.answers.select_related("question"),
            "participants": assessment.participants.all(),
        },
    )


# --- Signals and collective issues ---------------------------------------------------------


def signal_list(request):
    teams = list(_teams_with(request, C.VIEW_PERSONAL_DATA))
    if not teams:
        raise Http404
    team_ids = [team.pk for team in teams]
    team_names = {team.pk: team for team in teams}
    groups = balance_reads.signal_groups(team_ids)
    for group in groups:
        group.team = team_names[group.team_id]
    scope = scope_for(request.user)
    recent = (
        Signal.objects.filter(team_id__in=team_ids)
        .select_related("team", "theme", "neighbourhood", "collective_issue")
        .order_by("-recorded_on", "-pk")[:30]
    )
    issue_teams = [t for t in teams if scope.can(C.RUN_COLLECTIVE_WORK, t.pk)]
    return render(
        request,
        "collectief/signal_list.html",
        {
            "candidates": [g for g in groups if g.is_candidate],
            "groups": [g for g in groups if not g.is_candidate],
            "recent": recent,
            "record_teams": [t for t in teams if scope.can(C.LOG_WORK, t.pk)],
            "issue_teams": {t.pk for t in issue_teams},
            "theme_teams": issue_teams,
        },
    )


@require_http_methods(["GET", "POST"])
def signal_create(request, team_pk):
    team = get_team_for_user(request.user, team_pk, require=C.LOG_WORK)
    services.themes_ensure_defaults(team=team)
    form = SignalForm(request.POST or None, team=team)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "confirm_anonymous"}
        if _service_ok(form, lambda: services.signal_record(team=team, user=request.user, **data)):
            messages.success(request, _("Thank you, the signal was recorded."))
            return redirect("collective:signals")
    return render(request, "collectief/signal_form.html", {"team": team, "form": form})


def signal_detail(request, uuid):
    signal = get_for_user(
        request.user,
        Signal.objects.select_related("team", "theme", "neighbourhood", "collective_issue"),
        C.VIEW_PERSONAL_DATA,
        uuid=uuid,
    )
    return render(request, "collectief/signal_detail.html", {"signal": signal})


def issue_list(request):
    issues = (
        scope_queryset(request.user, CollectiveIssue.objects.all(), C.VIEW_TEAM)
        .select_related("team", "theme", "neighbourhood", "intervention")
        .annotate(signal_count=Count("signals"))
    )
    return render(request, "collectief/issue_list.html", {"issues": issues})


@require_http_methods(["GET", "POST"])
def issue_create(request, team_pk):
    team = get_team_for_user(request.user, team_pk, require=C.RUN_COLLECTIVE_WORK)
    theme = get_object_or_404(SignalTheme, team=team, pk=id_or_none(request.GET.get("theme")))
    neighbourhood = get_object_or_404(
        Neighbourhood, teams=team, pk=id_or_none(request.GET.get("neighbourhood"))
    )
    signals = Signal.objects.filter(
        team=team, theme=theme, neighbourhood=neighbourhood, collective_issue__isnull=True
    )
    form = IssueForm(
        request.POST or None,
        team=team,
        initial={"title": f"{theme.name} – {neighbourhood.name}"},
    )
    if form.is_valid():
        issue = services.issue_create(
            team=team,
            theme=theme,
            neighbourhood=neighbourhood,
            user=request.user,
            created_on=timezone.localdate(),
            **form.cleaned_data,
        )
        messages.success(request, _("The collective issue was created from the signals."))
        return redirect(issue)
    return render(
        request,
        "collectief/issue_form.html",
        {
            "team": team,
            "form": form,
            "theme": theme,
            "neighbourhood": neighbourhood,
            "signals": signals,
        },
    )


def _issue(request, uuid, require=None):
    return get_for_user(
        request.user,
        CollectiveIssue.objects.select_related(
            "team", "theme", "neighbourhood", "intervention", "created_by"
        ),
        require=require,
        uuid=uuid,
    )


def issue_detail(request, uuid):
    issue = _issue(request, uuid)
    scope = scope_for(request.user)
    in_team = scope.sees_personal_data(issue.team_id)
    signals = issue.signals.order_by("recorded_on") if in_team else None
    totals = issue.signals.aggregate(count=Count("id"), households=Sum("households"))
    disclosure = Disclosure.for_viewer(request.user, [issue.team_id])
    totals = {key: disclosure.count(value or 0) for key, value in totals.items()}
    return render(
        request,
        "collectief/issue_detail.html",
        {
            "issue": issue,
            "signals": signals,
            "totals": totals,
            "can_run": scope.can(C.RUN_COLLECTIVE_WORK, issue.team_id),
            # e.g. the initiatives app: the initiatives that answer this issue.
            "panels": registry.panels_for("collective_issue", request, issue),
        },
    )


@require_http_methods(["GET", "POST"])
def issue_update(request, uuid):
    issue = _issue(request, uuid, require=C.RUN_COLLECTIVE_WORK)
    form = IssueForm(request.POST or None, instance=issue, team=issue.team)
    if form.is_valid():
        services.issue_update(issue=issue, **form.cleaned_data)
        messages.success(request, _("The collective issue was saved."))
        return redirect(issue)
    return render(
        request, "collectief/issue_form.html", {"team": issue.team, "form": form, "issue": issue}
    )


# --- Weekly hours --------------------------------------------------------------------------


@require_capability(C.RECORD_HOURS)
@require_http_methods(["GET", "POST"])
def hours_form(request):
    scope = scope_for(request.user)
    teams = [t for t in _teams_with(request, C.RECORD_HOURS) if t.pk in scope.team_roles]
    if not teams:
        raise PermissionDenied
    chosen = request.GET.get("team") or request.POST.get("team")
    team = next((t for t in teams if str(t.pk) == chosen), teams[0])
    today = timezone.localdate()
    week = services.monday_of(today)
    if request.GET.get("week"):
        form_probe = HoursForm({"week": request.GET["week"]})
        form_probe.is_valid()
        week = services.monday_of(form_probe.cleaned_data.get("week") or today)
    own = WeeklyHours.objects.filter(team=team, user=request.user)
    this_week = own.filter(week=week).first()
    # Pre-filled from this week if already registered, else from the last registered week.
    source = this_week or own.filter(week__lt=week).order_by("-week").first()
    initial = {"week": week}
    if source:
        initial |= {quadrant.value: getattr(source, quadrant.value) for quadrant in Quadrant}
    form = HoursForm(request.POST or None, initial=initial)
    if form.is_valid():
        entry = _service_ok(
            form,
            lambda: services.hours_record(
                team=team,
                user=request.user,
                week=form.cleaned_data["week"],
                hours=form.hours(),
            ),
        )
        if entry is not None:
            messages.success(
                request,
                _("Your hours of the week of %(week)s were saved.")
                % {"week": entry.week.strftime("%d-%m-%Y")},
            )
            return redirect(f"{request.path}?team={team.pk}")
    membership = team.memberships.filter(user=request.user).first()
    return render(
        request,
        "collectief/hours_form.html",
        {
            "form": form,
            "team": team,
            "teams": teams,
            "week": week,
            "already": this_week is not None,
            "prefilled_from": None if this_week or not source else source.week,
            "contract": membership.hours_per_week if membership else None,
            "recent": own.order_by("-week")[:8],
            "quadrants": list(Quadrant),
        },
    )


# --- Balance -------------------------------------------------------------------------------


def _balance_context(request, team_pk=None):
    """Teams in view, the chosen month and the balances: a fixed number of queries."""
    teams_qs = (
        teams_for(request.user, C.VIEW_FIGURES)
        .select_related("area")
        .order_by("area__name", "name")
    )
    form = BalanceFilterForm(request.GET or None, teams=teams_qs)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    teams = list(teams_qs)
    focus = data.get("team")
    if team_pk is not None:
        focus = next((t for t in teams if t.pk == team_pk), None)
        if focus is None:
            raise Http404
    if len(teams) == 1:
        focus = teams[0]
    team_ids = [t.pk for t in teams]
    last_month = (
        data.get("until")
        or balance_reads.last_complete_month(team_ids)
        or balance_reads.latest_registered_month(team_ids)
        or balance_reads.first_of_month(timezone.localdate())
    )
    last_month = balance_reads.first_of_month(last_month)
    if not form.is_bound:
        # Show the month (and team) the page chose, so the person sees what they look at.
        form = BalanceFilterForm(initial={"until": last_month, "team": focus}, teams=teams_qs)
    balances = balance_reads.team_balances(teams, last_month)
    if focus is not None:
        main = next(b for b in balances if b.team.pk == focus.pk)
    else:
        main = balance_reads.combined_balance(
            _("All teams in view"), balances, balance_reads.months_until(last_month)
        )
    return {
        "form": form,
        "teams": teams,
        "focus": focus,
        "balances": balances,
        "main": main,
        "last_month": last_month,
    }


def _protect(request, context):
    """Protect the counts about residents unless the viewer may see the personal data of
    every team in view; returns the Disclosure used."""
    disclosure = Disclosure.for_viewer(request.user, [team.pk for team in context["teams"]])
    balance_reads.protect_balances(context["balances"], context["main"], disclosure)
    return disclosure


def _matrix_chart(main):
    current = main.current
    q = Quadrant
    return {
        "type": "bar",
        "labels": [str(_("Individual")), str(_("Collective"))],
        "datasets": [
            {
                "label": str(_("Helping")),
                "data": [
                    float(current.hours[q.INDIVIDUAL_HELPING]),
                    float(current.hours[q.COLLECTIVE_HELPING]),
                ],
            },
            {
                "label": str(_("Activating")),
                "data": [
                    float(current.hours[q.INDIVIDUAL_ACTIVATING]),
                    float(current.hours[q.COLLECTIVE_ACTIVATING]),
                ],
            },
        ],
        "unit": str(_("hours")),
        "options": {"indexAxis": "y", "scales": {"x": {"stacked": True}, "y": {"stacked": True}}},
    }


def _trend_chart(main):
    return {
        "type": "line",
        "labels": [figures.month.strftime("%m-%Y") for figures in main.months],
        "datasets": [
            {
                "label": str(_("Collective share of hours (%)")),
                "data": [
                    None if figures.collective_share is None else float(figures.collective_share)
                    for figures in main.months
                ],
            },
            {
                "label": str(_("Target (%)")),
                "data": [main.target for _figures in main.months],
            },
        ],
        "unit": "%",
    }


@require_capability(C.VIEW_FIGURES)
def balance_view(request, team_pk=None):
    context = _balance_context(request, team_pk)
    scope = scope_for(request.user)
    _protect(request, context)
    main = context["main"]
    context |= {
        "matrix_chart": _matrix_chart(main),
        "trend_chart": _trend_chart(main),
        "can_manage": context["focus"] is not None
        and scope.can(C.MANAGE_TEAM, context["focus"].pk),
        "quadrants": list(Quadrant),
    }
    return render(request, "collectief/balance.html", context)


@require_capability(C.VIEW_FIGURES)
def balance_export(request):
    context = _balance_context(request)
    disclosure = _protect(request, context)
    headers = [
        _("Team"),
        _("Area"),
        _("Month"),
        *[_("Hours: %(quadrant)s") % {"quadrant": q.label} for q in Quadrant],
        _("Collective share of hours (%)"),
        _("Target (%)"),
        *[_("Interventions: %(quadrant)s") % {"quadrant": q.label} for q in Quadrant],
        _("Collective share of interventions (%)"),
        _("Members with hours"),
        _("Members"),
        _("Month complete"),
    ]
    rows = [
        [
            balance.team.name,
            balance.team.area.name,
            figures.month.strftime("%Y-%m"),
            *[float(figures.hours[q]) for q in Quadrant],
            figures.collective_share,
            balance.target,
            *[interventions[q] for q in Quadrant],
            intervention_share,
            figures.coverage.registered,
            figures.coverage.members,
            _("yes") if figures.coverage.complete else _("no"),
        ]
        for balance in context["balances"]
        for figures, interventions, intervention_share in balance_reads.protected_months(
            balance, disclosure
        )
    ]
    return tabular_response(
        f"balans-{context['last_month']:%Y-%m}",
        headers,
        rows,
        export_format(request),
        sheet_title=_("Balance"),
    )
