import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collectief.access import (
    Capability,
    get_for_user,
    require_capability,
    scope_for,
    scope_queryset,
    teams_for,
)
from collectief.audit import record_list_access
from collectief.concurrency import CONFLICT_MESSAGE, EditConflict
from collectief.disclosure import Disclosure
from collectief.exports import export_format, tabular_response
from initiatives import services
from initiatives.forms import (
    ActivityForm,
    CommentForm,
    InitiativeFilterForm,
    InitiativeForm,
    InitiativeLinksForm,
    InitiativeStatusForm,
    LabelApplyForm,
    LabelDecisionForm,
    LabelProgrammeForm,
    MaterialForm,
    PartnerFormSet,
    PublicEntryForm,
    SessionForm,
    SuccessForm,
)
from initiatives.models import (
    Activity,
    Initiative,
    InitiativePartner,
    LabelApplication,
    LabelProgramme,
    Material,
    Session,
    Success,
)
from interviews.models import Wish

C = Capability
LIST_PAGE_SIZE = 50


def _initiative(request, public_id, require=None):
    return get_for_user(
        request.user,
        Initiative.objects.select_related("team", "contact_person"),
        require=require,
        public_id=public_id,
    )


def _form_page(request, context, template="initiatives/simple_form.html"):
    """A form page again, with the person's input and the errors."""
    return render(request, template, context)


def _record_typed_names(request, names, team_id, key):
    """Access-log names typed as text (starters, who was involved) when a page shows them;
    they have no resident record, so `key` names the field that holds them."""
    if names:
        record_list_access(
            request, shown=[(team_id, key)], purpose=request.resolver_match.view_name
        )


def _run(form, action):
    """Run a service; a business-rule error or edit conflict goes back on the form, input kept."""
    try:
        return action() or True
    except ValidationError as error:
        form.add_error(None, error)
    except EditConflict:
        form.add_error(None, CONFLICT_MESSAGE)
    return False


# ---- Initiatives ----


def _filtered_initiatives(request):
    teams = teams_for(request.user, C.VIEW_TEAM)
    form = InitiativeFilterForm(request.GET or None, teams=teams)
    queryset = form.filter(scope_queryset(request.user, Initiative.objects.all(), C.VIEW_TEAM))
    return form, queryset


@require_capability(C.VIEW_TEAM)
def initiative_list(request):
    form, initiatives = _filtered_initiatives(request)
    page = Paginator(initiatives.with_list_data(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "filter_form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": scope_for(request.user).has_anywhere(C.RUN_COLLECTIVE_WORK),
        },
    )


@require_capability(C.VIEW_TEAM)
def initiative_export(request):
    _form, initiatives = _filtered_initiatives(request)
    initiatives = initiatives.with_list_data().prefetch_related(
        Prefetch("partners", queryset=InitiativePartner.objects.select_related("organisation"))
    )
    headers = [
        _("Name"),
        _("Team"),
        _("Neighbourhoods"),
        _("Kind"),
        _("Existing approach"),
        _("Quadrant"),
        _("Status"),
        _("Status since"),
        _("Started on"),
        _("Ended on"),
        _("Partners"),
        _("Labels"),
    ]
    rows = (
        [
            i.name,
            i.team.name,
            ", ".join(n.name for n in i.neighbourhoods.all()),
            i.get_kind_display(),
            i.get_approach_display(),
            i.get_quadrant_display(),
            i.get_status_display(),
            i.status_since,
            i.started_on,
            i.ended_on,
            ", ".join(
                f"{p.organisation.name} ({p.role})" if p.role else p.organisation.name
                for p in i.partners.all()
            ),
            ", ".join(a.programme.name for a in i.granted_labels),
        ]
        for i in initiatives
    )
    return tabular_response(_("initiatives"), headers, rows, export_format(request))


@require_capability(C.VIEW_TEAM)
def session_export(request):
    """Activity figures: one row per session, counts only (notes may hold personal data),
    protected as on the activity's page."""
    sessions = (
        scope_queryset(
            request.user,
            Session.objects.all(),
            C.VIEW_TEAM,
            team_field="activity__initiative__team",
        )
        .select_related("activity__initiative__team")
        .order_by("activity__initiative__name", "activity__name", "date")
    )
    headers = [
        _("Initiative"),
        _("Team"),
        _("Activity"),
        _("Date"),
        _("Participants"),
        _("Volunteers"),
        _("Professionals"),
    ]
    disclosure = Disclosure.for_viewer(request.user, scope_for(request.user).team_ids(C.VIEW_TEAM))
    rows = (
        [
            row["session"].activity.initiative.name,
            row["session"].activity.initiative.team.name,
            row["session"].activity.name,
            row["session"].date,
            row["people"],
            row["helpers"],
            row["session"].professionals,
        ]
        for row in services.protected_sessions(sessions, disclosure)
    )
    return tabular_response(_("activity-figures"), headers, rows, export_format(request))


@require_http_methods(["GET", "POST"])
@require_capability(C.RUN_COLLECTIVE_WORK)
def initiative_create(request):
    teams = teams_for(request.user, C.RUN_COLLECTIVE_WORK)
    form = InitiativeForm(request.POST or None, teams=teams)
    partners = PartnerFormSet(request.POST or None, prefix="partners")
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        initiative = _run(
            form,
            lambda: services.initiative_create(
                user=request.user, partners=partners.partners(), **data
            ),
        )
        if initiative:
            messages.success(request, _("The initiative was registered."))
            return redirect(initiative)
    return _form_page(request, {"form": form, "partners": partners}, "initiatives/form.html")


@require_http_methods(["GET", "POST"])
def initiative_update(request, public_id):
    initiative = _initiative(request, public_id, require=C.RUN_COLLECTIVE_WORK)
    teams = teams_for(request.user, C.RUN_COLLECTIVE_WORK)
    form = InitiativeForm(request.POST or None, instance=initiative, teams=teams)
    initial = [
        {"organisation": p.organisation_id, "role": p.role} for p in initiative.partners.all()
    ]
    partners = PartnerFormSet(request.POST or None, prefix="partners", initial=initial)
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        if _run(
            form,
            lambda: services.initiative_update(
                initiative=initiative,
                expected_version=version,
                partners=partners.partners(),
                **data,
            ),
        ):
            messages.success(request, _("The initiative was saved."))
            return redirect(initiative)
    _record_typed_names(
        request, initiative.resident_starters, initiative.team_id, initiative.starters_key
    )
    return _form_page(
        request,
        {"form": form, "partners": partners, "initiative": initiative},
        "initiatives/form.html",
    )


def initiative_detail(request, public_id):
    initiative = _initiative(request, public_id)
    initiative = (
        Initiative.objects.filter(pk=initiative.pk)
        .select_related("team", "contact_person")
        .prefetch_related(
            "neighbourhoods",
            "organisation_starters",
            Prefetch("partners", queryset=InitiativePartner.objects.select_related("organisation")),
            Prefetch(
                "label_applications",
                queryset=LabelApplication.objects.select_related("programme"),
            ),
            "status_changes__changed_by",
            "comments__author",
            Prefetch(
                "activities", queryset=Activity.objects.annotate(session_count=Count("sessions"))
            ),
            "materials",
            "successes",
            "themes",
            Prefetch("wishes", queryset=Wish.objects.select_related("theme")),
            "collective_issues",
        )
        .get()
    )
    scope = scope_for(request.user)
    team_id = initiative.team_id
    can_run = scope.can(C.RUN_COLLECTIVE_WORK, team_id)
    sees_personal = scope.sees_personal_data(team_id)
    if sees_personal:
        _record_typed_names(request, initiative.resident_starters, team_id, initiative.starters_key)
    reach = services.protect_reach(
        services.reach(initiative), Disclosure.for_viewer(request.user, [team_id])
    )
    chart = {
        "type": "line",
        "labels": [row["date"].strftime("%d-%m-%Y") for row in reach["over_time"]],
        "datasets": [
            {
                "label": _("Participants"),
                "data": [row["people"] for row in reach["over_time"]],
            },
            {"label": _("Volunteers"), "data": [row["helpers"] for row in reach["over_time"]]},
        ],
    }
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "granted": [a for a in initiative.label_applications.all() if a.status == "granted"],
            "reach": reach,
            "chart": chart,
            "can_run": can_run,
            "can_comment": scope.can(C.COMMENT, team_id),
            "sees_personal": sees_personal,
            # Outside the team (area connector) only shareable successes may show.
            "successes": [s for s in initiative.successes.all() if sees_personal or s.shareable],
            "comment_form": CommentForm(),
            "status_form": InitiativeStatusForm(initiative=initiative) if can_run else None,
        },
    )


@require_http_methods(["GET", "POST"])
def initiative_links(request, public_id):
    initiative = _initiative(request, public_id, require=C.RUN_COLLECTIVE_WORK)
    form = InitiativeLinksForm(request.POST or None, initiative=initiative)
    if form.is_valid() and _run(
        form, lambda: services.initiative_set_links(initiative=initiative, **form.cleaned_data)
    ):
        messages.success(request, _("The links were saved."))
        return redirect(f"{initiative.get_absolute_url()}#answers-heading")
    return _form_page(
        request,
        {"form": form, "initiative": initiative, "title": _("What this initiative answers")},
    )


@require_http_methods(["GET", "POST"])
def initiative_status(request, public_id):
    initiative = _initiative(request, public_id, require=C.RUN_COLLECTIVE_WORK)
    form = InitiativeStatusForm(request.POST or None, initiative=initiative)
    if form.is_valid() and _run(
        form,
        lambda: services.initiative_change_status(
            initiative=initiative, user=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The status was changed."))
        return redirect(initiative)
    return _form_page(
        request, {"form": form, "initiative": initiative, "title": _("Change the status")}
    )


@require_POST
def comment_add(request, public_id):
    initiative = _initiative(request, public_id, require=C.COMMENT)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(initiative=initiative, author=request.user, **form.cleaned_data)
        messages.success(request, _("Your comment was added."))
        return redirect(f"{initiative.get_absolute_url()}#comments")
    return _form_page(
        request, {"form": form, "initiative": initiative, "title": _("Add a comment")}
    )


# ---- Labels ----


def _programme(request, pk, require=None):
    return get_for_user(
        request.user, LabelProgramme.objects.select_related("team"), require=require, pk=pk
    )


@require_capability(C.VIEW_TEAM)
def label_list(request):
    programmes = (
        scope_queryset(request.user, LabelProgramme.objects.all(), C.VIEW_TEAM)
        .select_related("team")
        .annotate(
            granted_count=Count(
                "applications", filter=Q(applications__status=LabelApplication.Status.GRANTED)
            )
        )
    )
    return render(
        request,
        "initiatives/label_list.html",
        {
            "programmes": programmes,
            "can_create": scope_for(request.user).has_anywhere(C.RUN_COLLECTIVE_WORK),
        },
    )


def label_detail(request, pk):
    programme = _programme(request, pk)
    applications = (
        programme.applications.select_related("initiative__team")
        .prefetch_related("initiative__neighbourhoods")
        .order_by("initiative__name")
    )
    granted = [a for a in applications if a.status == LabelApplication.Status.GRANTED]
    can_run = scope_for(request.user).can(C.RUN_COLLECTIVE_WORK, programme.team_id)
    return render(
        request,
        "initiatives/label_detail.html",
        {
            "programme": programme,
            "granted": granted,
            "others": [a for a in applications if a not in granted] if can_run else [],
            "can_run": can_run,
        },
    )


@require_http_methods(["GET", "POST"])
@require_capability(C.RUN_COLLECTIVE_WORK)
def label_create(request):
    teams = teams_for(request.user, C.RUN_COLLECTIVE_WORK)
    form = LabelProgrammeForm(request.POST or None, request.FILES or None, teams=teams)
    if form.is_valid():
        programme = services.label_programme_save(programme=form.save(commit=False))
        messages.success(request, _("The label was created."))
        return redirect(programme)
    return _form_page(request, {"form": form, "title": _("New label"), "multipart": True})


@require_http_methods(["GET", "POST"])
def label_update(request, pk):
    programme = _programme(request, pk, require=C.RUN_COLLECTIVE_WORK)
    teams = teams_for(request.user, C.RUN_COLLECTIVE_WORK)
    form = LabelProgrammeForm(
        request.POST or None, request.FILES or None, instance=programme, teams=teams
    )
    if form.is_valid() and _run(
        form,
        lambda: services.label_programme_save(
            programme=form.save(commit=False), expected_version=form.cleaned_data.get("version")
        ),
    ):
        messages.success(request, _("The label was saved."))
        return redirect(programme)
    return _form_page(
        request, {"form": form, "title": programme.name, "multipart": True, "back": programme}
    )


def label_badge(request, pk):
    programme = _programme(request, pk)
    if not programme.badge:
        raise Http404
    return _file_response(programme.badge, as_attachment=False)


def _file_response(field_file, *, as_attachment, content_type=None):
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=as_attachment, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
def label_apply(request, public_id):
    initiative = _initiative(request, public_id, require=C.RUN_COLLECTIVE_WORK)
    form = LabelApplyForm(request.POST or None, initiative=initiative)
    if form.is_valid() and _run(
        form, lambda: services.label_apply(initiative=initiative, **form.cleaned_data)
    ):
        messages.success(request, _("The initiative applied for the label."))
        return redirect(initiative)
    return _form_page(
        request, {"form": form, "initiative": initiative, "title": _("Apply for a label")}
    )


def label_publish(request, pk):
    programme = _programme(request, pk, require=C.RUN_COLLECTIVE_WORK)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    publish = request.POST.get("published") == "1"
    services.label_publish(programme=programme, published=publish)
    messages.success(
        request,
        _("The public page is online.") if publish else _("The public page is offline."),
    )
    return redirect(programme)


@require_http_methods(["GET", "POST"])
def application_public(request, pk):
    """What a labelled initiative shows on the public page, and whether it shows at all."""
    application = get_for_user(
        request.user,
        LabelApplication.objects.select_related("programme", "initiative"),
        require=C.RUN_COLLECTIVE_WORK,
        team_field="programme__team",
        pk=pk,
    )
    form = PublicEntryForm(request.POST or None, instance=application)
    if form.is_valid():
        services.public_entry_save(application=form.save(commit=False))
        messages.success(request, _("The public text was saved."))
        return redirect(application.programme)
    return _form_page(
        request,
        {
            "form": form,
            "initiative": application.initiative,
            "title": _("On the public page"),
            "back": application.programme,
        },
    )


@require_http_methods(["GET", "POST"])
def application_decide(request, pk):
    application = get_for_user(
        request.user,
        LabelApplication.objects.select_related("programme", "initiative"),
        require=C.RUN_COLLECTIVE_WORK,
        team_field="programme__team",
        pk=pk,
    )
    form = LabelDecisionForm(request.POST or None)
    if form.is_valid() and _run(
        form,
        lambda: services.label_decide(
            application=application, user=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The decision was saved."))
        return redirect(application.programme)
    return _form_page(
        request,
        {
            "form": form,
            "title": _("Decide on %(initiative)s") % {"initiative": application.initiative},
            "application": application,
            "back": application.programme,
        },
    )


# ---- Activities and sessions ----


def _part_of_initiative(request, queryset, require=None, **lookup):
    """An activity, session or material, through the team of its initiative."""
    team_field = "activity__initiative__team" if queryset.model is Session else "initiative__team"
    return get_for_user(request.user, queryset, require=require, team_field=team_field, **lookup)


def _activity(request, public_id, require=None):
    return _part_of_initiative(
        request,
        Activity.objects.select_related("initiative__team"),
        require,
        public_id=public_id,
    )


@require_http_methods(["GET", "POST"])
def activity_create(request, public_id):
    initiative = _initiative(request, public_id, require=C.RUN_COLLECTIVE_WORK)
    form = ActivityForm(request.POST or None)
    if form.is_valid():
        activity = _run(
            form, lambda: services.activity_create(initiative=initiative, **form.cleaned_data)
        )
        if activity:
            messages.success(request, _("The activity was added."))
            return redirect(activity)
    return _form_page(request, {"form": form, "initiative": initiative, "title": _("New activity")})


def activity_detail(request, public_id):
    activity = _activity(request, public_id)
    sessions = activity.sessions.prefetch_related("attendees")
    team_id = activity.initiative.team_id
    scope = scope_for(request.user)
    sees_personal = scope.sees_personal_data(team_id)
    if sees_personal:
        # The template reads the same (now cached) sessions and attendees.
        attendees = [person for session in sessions for person in session.attendees.all()]
        record_list_access(
            request,
            shown=[(team_id, person.access_key) for person in attendees],
            purpose="initiatives:activity_detail",
        )
    rows, figures = services.protect_activity(
        sessions, sessions.reach(), Disclosure.for_viewer(request.user, [team_id])
    )
    return render(
        request,
        "initiatives/activity_detail.html",
        {
            "activity": activity,
            "initiative": activity.initiative,
            "rows": rows,
            "figures": figures,
            "can_run": scope.can(C.RUN_COLLECTIVE_WORK, team_id),
            "sees_personal": sees_personal,
        },
    )


@require_http_methods(["GET", "POST"])
def session_create(request, public_id):
    activity = _activity(request, public_id, require=C.RUN_COLLECTIVE_WORK)
    return _session_form(request, activity, None)


@require_http_methods(["GET", "POST"])
def session_update(request, pk):
    session = _part_of_initiative(
        request,
        Session.objects.select_related("activity__initiative"),
        C.RUN_COLLECTIVE_WORK,
        pk=pk,
    )
    return _session_form(request, session.activity, session)


def _session_form(request, activity, session):
    form = SessionForm(request.POST or None, instance=session, activity=activity)
    if form.is_valid() and _run(
        form,
        lambda: services.session_record(
            activity=activity,
            session=session,
            expected_version=form.cleaned_data.get("version"),
            **form.service_fields(),
        ),
    ):
        messages.success(request, _("The session was saved."))
        return redirect(activity)
    if session is not None:
        record_list_access(
            request,
            shown=[
                (activity.initiative.team_id, participant.access_key)
                for participant in session.attendees.all()
            ],
            purpose="initiatives:session_update",
        )
    return _form_page(
        request,
        {
            "form": form,
            "initiative": activity.initiative,
            "title": _("Session of %(activity)s") % {"activity": activity},
            "back": activity,
        },
    )


# ---- Materials ----


@require_http_methods(["GET", "POST"])
def material_create(request, public_id):
    initiative = _initiative(request, public_id, require=C.RUN_COLLECTIVE_WORK)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        services.material_add(
            initiative=initiative,
            user=request.user,
            content_type=form.content_type,
            **form.cleaned_data,
        )
        messages.success(request, _("The material was added."))
        return redirect(f"{initiative.get_absolute_url()}#materials")
    return _form_page(
        request,
        {"form": form, "initiative": initiative, "title": _("Add material"), "multipart": True},
    )


def _material(request, public_id, require=None):
    return _part_of_initiative(
        request, Material.objects.select_related("initiative"), require, public_id=public_id
    )


def material_file(request, public_id):
    """The file itself, only for people who may see the initiative (never a public URL)."""
    material = _material(request, public_id)
    return _file_response(material.file, as_attachment=True, content_type=material.content_type)


@require_POST
def material_delete(request, public_id):
    material = _material(request, public_id, require=C.RUN_COLLECTIVE_WORK)
    initiative = material.initiative
    services.material_delete(material=material)
    messages.success(request, _("The material was removed."))
    return redirect(f"{initiative.get_absolute_url()}#materials")


# ---- Successes ----


@require_capability(C.VIEW_TEAM)
def success_list(request):
    """The success feed: everything of one's own teams, only shareable ones of other teams."""
    scope = scope_for(request.user)
    own = scope.team_ids(C.VIEW_PERSONAL_DATA)
    successes = (
        scope_queryset(request.user, Success.objects.all(), C.VIEW_TEAM)
        .select_related("team", "initiative")
        .order_by("-happened_on", "-pk")
    )
    visible = successes.filter(team__in=own) | successes.filter(shareable=True)
    page = Paginator(visible, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    for success in page:
        # Who was involved and the photo stay within the team.
        success.own = success.team_id in own
    record_list_access(
        request,
        shown=[(each.team_id, each.involved_key) for each in page if each.own and each.involved],
        purpose="initiatives:success_list",
    )
    return render(request, "initiatives/success_list.html", {"page": page, "can_record": bool(own)})


@require_http_methods(["GET", "POST"])
@require_capability(C.VIEW_PERSONAL_DATA)
def success_create(request):
    teams = teams_for(request.user, C.VIEW_PERSONAL_DATA)
    form = SuccessForm(
        request.POST or None,
        request.FILES or None,
        teams=teams,
        initial=_success_initial(request.GET.get("initiative"), teams),
    )
    if form.is_valid():
        team = form.cleaned_data["team"]
        success = _run(
            form,
            lambda: services.success_record(team=team, user=request.user, **form.service_fields()),
        )
        if success:
            messages.success(request, _("The success was recorded. Don't forget to celebrate it!"))
            return redirect("initiatives:success_list")
    return _form_page(request, {"form": form, "title": _("Record a success"), "multipart": True})


def _success_initial(public_id, teams):
    """Preselect the initiative when the form is opened from an initiative's page."""
    try:
        public_id = uuid.UUID(public_id or "")
    except ValueError:
        return {}
    initiative = Initiative.objects.filter(team__in=teams, public_id=public_id).first()
    return {"initiative": initiative, "team": initiative.team_id} if initiative else {}


def _success(request, public_id, require=None):
    return get_for_user(
        request.user,
        Success.objects.select_related("team", "initiative"),
        C.VIEW_PERSONAL_DATA,
        require=require,
        public_id=public_id,
    )


@require_http_methods(["GET", "POST"])
def success_update(request, public_id):
    success = _success(request, public_id)
    teams = teams_for(request.user, C.VIEW_PERSONAL_DATA)
    form = SuccessForm(request.POST or None, request.FILES or None, instance=success, teams=teams)
    if form.is_valid() and _run(
        form,
        lambda: services.success_update(
            success=success,
            expected_version=form.cleaned_data.get("version"),
            **form.service_fields(),
        ),
    ):
        messages.success(request, _("The success was saved."))
        return redirect("initiatives:success_list")
    _record_typed_names(request, success.involved, success.team_id, success.involved_key)
    return _form_page(
        request,
        {
            "form": form,
            "title": success.title,
            "multipart": True,
            "back_url": reverse("initiatives:success_list"),
        },
    )


def success_photo(request, public_id):
    success = _success(request, public_id)
    if not success.photo:
        raise Http404
    return _file_response(success.photo, as_attachment=False)
