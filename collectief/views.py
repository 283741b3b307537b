from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.defaults import bad_request as django_bad_request

from collectief import health_checks, history, services
from collectief.access import Capability, get_team_for_user, scope_for, teams_for
from collectief.audit import get_team_recorded, record_access
from collectief.forms import AccessLogFilterForm, MemberAddForm, MembershipForm
from collectief.models import AccessRecord, Membership
from collectief.registry import registry


def _teams_with_people(queryset):
    """Teams with area, neighbourhoods and members loaded in a fixed number of queries."""
    return queryset.select_related("area").prefetch_related(
        "neighbourhoods",
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("user", "organisation"),
        ),
    )


def _overview_teams(user, scope):
    """Teams beyond one's own: the area for an area connector, the city for municipality staff."""
    if not (scope.connector_area_ids or scope.citywide):
        return []
    return (
        teams_for(user, Capability.VIEW_FIGURES)
        .exclude(pk__in=scope.team_roles)
        .select_related("area")
        .annotate(member_count=Count("memberships"))
        .order_by("area__name", "name")
    )


def how_we_count(request):
    """Every figure the app shows, defined: what, over which period, what is left out and how
    small numbers are protected (the apps register their figures' definitions)."""
    groups = {}
    for figure in sorted(registry.figures, key=lambda figure: figure.order):
        groups.setdefault(figure.group, []).append(figure)
    return render(request, "collectief/how_we_count.html", {"groups": groups.items()})


def home(request):
    scope = scope_for(request.user)
    my_teams = _teams_with_people(teams_for(request.user).filter(pk__in=scope.team_roles))
    panels = []
    for panel in registry.home_panels:
        context = panel.context(request, scope)
        if context is not None:
            panels.append((panel.template, context))
    return render(
        request,
        "collectief/home.html",
        {
            "scope": scope,
            "my_teams": [(team, scope.team_roles[team.pk]) for team in my_teams],
            "overview_teams": _overview_teams(request.user, scope),
            "panels": panels,
        },
    )


def team_list(request):
    teams = (
        teams_for(request.user, Capability.VIEW_FIGURES)
        .select_related("area")
        .prefetch_related("neighbourhoods")
        .annotate(member_count=Count("memberships"))
        .order_by("area__name", "name")
    )
    scope = scope_for(request.user)
    rows = [(team, scope.can(Capability.VIEW_TEAM, team.pk)) for team in teams]
    return render(request, "collectief/team_list.html", {"rows": rows})


def team_detail(request, pk):
    team = get_team_for_user(request.user, pk)
    team = _teams_with_people(type(team).objects.filter(pk=team.pk)).get()
    scope = scope_for(request.user)
    return render(
        request,
        "collectief/team_detail.html",
        {"team": team, "can_manage": scope.can(Capability.MANAGE_TEAM, team.pk)},
    )


def _run_service(form, action):
    """Run a membership service; a business-rule error goes back on the form, input kept."""
    try:
        action()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    team = get_team_for_user(request.user, pk, require=Capability.MANAGE_TEAM)
    form = MemberAddForm(request.POST or None)
    if form.is_valid() and _run_service(
        form, lambda: services.membership_add(team=team, **form.cleaned_data)
    ):
        messages.success(
            request, _("%(name)s was added to the team.") % {"name": form.cleaned_data["username"]}
        )
        return redirect(team)
    return render(request, "collectief/member_form.html", {"team": team, "form": form})


def _membership_for_manager(request, pk, membership_pk):
    team = get_team_for_user(request.user, pk, require=Capability.MANAGE_TEAM)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, team=team
    )
    return team, membership


@require_http_methods(["GET", "POST"])
def member_update(request, pk, membership_pk):
    team, membership = _membership_for_manager(request, pk, membership_pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if form.is_valid() and _run_service(
        form,
        lambda: services.membership_update(membership=membership, **form.cleaned_data),
    ):
        messages.success(
            request, _("The membership of %(name)s was changed.") % {"name": membership.user}
        )
        return redirect(team)
    return render(
        request,
        "collectief/member_form.html",
        {"team": team, "form": form, "membership": membership},
    )


@require_http_methods(["GET", "POST"])
def member_remove(request, pk, membership_pk):
    team, membership = _membership_for_manager(request, pk, membership_pk)
    error = None
    if request.method == "POST":
        try:
            services.membership_remove(membership=membership)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request, _("%(name)s was removed from the team.") % {"name": membership.user}
            )
            return redirect(team)
    return render(
        request,
        "collectief/member_remove.html",
        {"team": team, "membership": membership, "error": error},
    )


ACCESS_LOG_PAGE_SIZE = 50


@require_GET
def access_log(request, pk):
    """The team lead's view of who looked at which residents' data of their team."""
    team = get_team_for_user(request.user, pk, require=Capability.MANAGE_TEAM)
    form = AccessLogFilterForm(request.GET or None, team=team)
    records = AccessRecord.objects.filter(team=team).select_related("user")
    if form.is_bound:
        records = form.filter(records)
    page = Paginator(records, ACCESS_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "collectief/access_log.html",
        {"team": team, "form": form, "page": page, "query": query.urlencode()},
    )


def team_history(request, pk):
    """The team lead's view of who changed what on the team's residents, conversations,
    initiatives and frameworks (django-simple-history), with old and new values."""
    team = get_team_recorded(
        request,
        pk,
        Capability.VIEW_PERSONAL_DATA,
        purpose="teams:history",
        require=Capability.MANAGE_TEAM,
    )
    changes, resident_keys = history.team_history(team.pk)
    if resident_keys:
        record_access(request, team=team, resident_keys=resident_keys, purpose="teams:history")
    return render(
        request,
        "collectief/team_history.html",
        {"team": team, "changes": changes, "limit": history.HISTORY_LIMIT},
    )


@login_not_required
@require_GET
@never_cache
def alive(request):
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
@never_cache
def health(request):
    """Readiness: the database, Redis when configured, and what the apps register (the
    figures' age). 503 when a dependency fails; a stale figure is reported, not failed."""
    report = {"database": health_checks.database(), "redis": health_checks.redis()}
    for health_check in registry.health_checks:
        try:
            report[health_check.name] = health_check.check()
        except Exception:  # a check that cannot run is a failing check, never a 500
            report[health_check.name] = {"status": "failing"}
    failing = any(part["status"] == "failing" for part in report.values())
    return JsonResponse(report, status=503 if failing else 200)


@login_not_required
def server_error(request):
    """The 500 page: an incident reference, never a traceback."""
    # Rendered without the request: no context processor may touch a failing database.
    reference = getattr(request, "incident_reference", None)
    html = loader.get_template("500.html").render({"incident_reference": reference})
    return HttpResponseServerError(html)


TOO_BIG = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


@login_not_required
def bad_request(request, exception):
    """400 page; a request that is too large gets its own 413 page that says so."""
    if isinstance(exception, TOO_BIG):
        return render(request, "413.html", status=413)
    return django_bad_request(request, exception)


@login_not_required
@require_GET
def bench_limit(request):
    """The benchmark's yardstick: a 50-row table from one query, no session, no auth.

    Mounted only when COLLECTIEF_BENCHMARK is set; it shows staff names and team names only.
    """
    rows = Membership.objects.select_related("user", "team").order_by("pk")[:50]
    return render(request, "collectief/bench_limit.html", {"rows": rows})
