"""Views of the interviews app: thin; access through collectief.access, writes in services.

Every view that shows a resident loads it through `get_resident_for_user` or
`get_conversation_for_user`, the two places an access log can hook into.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from collectief.access import (
    Capability,
    get_for_user,
    get_team_for_user,
    require_capability,
    scope_for,
    scope_queryset,
    teams_for,
)
from collectief.audit import get_recorded, get_team_recorded, record_access
from collectief.concurrency import CONFLICT_MESSAGE, EditConflict
from collectief.exports import export_format, tabular_response
from collectief.figures import suppress_unless
from collectief.registry import registry
from interviews import privacy, services
from interviews.forms import (
    ConversationForm,
    ErasureForm,
    QuestionForm,
    QuestionnaireForm,
    ReferralFormSet,
    ReferralMatchForm,
    ReferralStatusForm,
    RoundCloseForm,
    RoundForm,
    ThemeForm,
    referral_initial,
    referral_rows,
)
from interviews.models import (
    Answer,
    Conversation,
    Questionnaire,
    Referral,
    Resident,
    Round,
)

C = Capability
RESIDENTS = Resident.objects.select_related("team", "neighbourhood", "consent_asked_by")
CONVERSATIONS = Conversation.objects.select_related(
    "round__team", "round__questionnaire", "resident", "neighbourhood"
)


# ---------------------------------------------------------------- loaders


def get_resident_for_user(user, resident_uuid):
    """The one way a view loads a resident: 404 outside the teams whose residents one sees."""
    return get_for_user(
        user,
        RESIDENTS,
        C.VIEW_PERSONAL_DATA,
        uuid=resident_uuid,
    )


def _resident_keys(resident):
    return [resident.uuid]


def _conversation_keys(conversation):
    """The resident spoken to and the known residents the conversation's referrals name."""
    named = conversation.referrals.filter(resident__isnull=False).values_list(
        "resident__uuid", flat=True
    )
    return list(dict.fromkeys([conversation.resident.uuid, *named]))


def get_conversation_for_user(user, conversation_uuid, require=None):
    return get_for_user(
        user,
        CONVERSATIONS,
        C.VIEW_PERSONAL_DATA,
        require=require,
        uuid=conversation_uuid,
    )


def get_round_for_user(user, round_uuid, capability=C.VIEW_PERSONAL_DATA, require=None):
    return get_for_user(
        user,
        Round.objects.select_related("team", "questionnaire"),
        capability,
        require=require,
        uuid=round_uuid,
    )


def get_referral_for_user(user, referral_uuid):
    return get_for_user(
        user,
        Referral.objects.select_related("conversation__round__team", "conversation__resident"),
        C.VIEW_PERSONAL_DATA,
        require=C.LOG_WORK,
        team_field="conversation__round__team",
        uuid=referral_uuid,
    )


def may_edit(user, conversation):
    """A team member edits their own conversations; a community worker all of the team's."""
    scope = scope_for(user)
    team_id = conversation.round.team_id
    if scope.can(C.LOG_WORK, team_id) and scope.can(C.RUN_COLLECTIVE_WORK, team_id):
        return True
    if not scope.can(C.LOG_WORK, team_id):
        return False
    return conversation.created_by_id == user.pk or any(
        person.pk == user.pk for person in conversation.interviewers.all()
    )


# ---------------------------------------------------------------- conversations


@require_capability(C.VIEW_PERSONAL_DATA)
def conversation_list(request):
    ordered = scope_queryset(
        request.user, Conversation.objects.all(), C.VIEW_PERSONAL_DATA
    ).order_by("-held_on", "-pk")
    rounds = list(
        services.rounds_with_counts(
            scope_queryset(request.user, Round.objects.all(), C.VIEW_PERSONAL_DATA)
        ).order_by("team__name", "-number")
    )
    selected = None
    if request.GET.get("round"):
        selected = get_round_for_user(request.user, request.GET["round"])
        ordered = ordered.filter(round=selected)
    # Page through ids only (a range of the conversation_team_recent index; with the round
    # filter, of conversation_recent), then fetch the 50 shown rows with their
    # joins: joining residents and counting referrals for every conversation of the team
    # before sorting cost 50-400 ms at city scale. The rounds' counts (from the rollup)
    # give the number of pages without counting the conversations again.
    paginator = Paginator(ordered.values_list("pk", flat=True), 50)
    paginator.count = sum(
        each.conversation_count for each in rounds if selected is None or each.pk == selected.pk
    )
    page = paginator.get_page(request.GET.get("page"))
    shown = (
        Conversation.objects.filter(pk__in=list(page.object_list))
        .for_list()
        .annotate(referral_count=services.referral_count())
        .in_bulk()
    )
    page.object_list = services.add_list_details([shown[pk] for pk in page.object_list], rounds)
    return render(
        request,
        "interviews/conversation_list.html",
        {
            "conversations": page,
            "rounds": rounds,
            "selected": selected,
            "can_log": scope_for(request.user).has_anywhere(C.LOG_WORK),
        },
    )


def _open_rounds_for(user):
    return scope_queryset(
        user, Round.objects.filter(closed_at__isnull=True), C.LOG_WORK
    ).select_related("team", "questionnaire")


def _conversation_page(request, form, formset, round_, conversation=None, referral=None):
    return render(
        request,
        "interviews/conversation_form.html",
        {
            "form": form,
            "formset": formset,
            "round": round_,
            "conversation": conversation,
            "referral": referral,
            "draft_key": f"interviews-draft-{conversation.uuid if conversation else round_.uuid}",
            "draft_texts": {
                "found": _("A draft of this form was kept in this browser."),
                "offline": _(
                    "No connection: your text is kept in this browser and is sent as soon as "
                    "the connection is back."
                ),
            },
        },
    )


def _apply_service_errors(form, formset, error):
    """Put a service's ValidationError on the matching field; keep everything typed."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        if name == "referrals":
            formset._non_form_errors = formset.error_class(
                [message for item in errors for message in item.messages]
            )
        else:
            form.add_error(name if name in form.fields else None, errors)


@require_http_methods(["GET", "POST"])
@require_capability(C.LOG_WORK)
def conversation_create(request):
    referral = None
    if request.GET.get("referral"):
        referral = get_referral_for_user(request.user, request.GET["referral"])
        if hasattr(referral, "resulting_conversation"):
            messages.info(request, _("A conversation was already logged for this name."))
            return redirect(referral.resulting_conversation)
    if request.GET.get("round"):
        round_ = get_round_for_user(request.user, request.GET["round"], require=C.LOG_WORK)
        if not round_.is_open:
            raise PermissionDenied
    else:
        open_rounds = list(_open_rounds_for(request.user))
        if referral is not None:
            open_rounds = [
                each
                for each in open_rounds
                if each.team_id == referral.conversation.round.team_id
                and each.number > referral.conversation.round.number
            ] or open_rounds
        if len(open_rounds) != 1:
            return render(
                request,
                "interviews/round_choice.html",
                {"rounds": open_rounds, "referral": referral},
            )
        round_ = open_rounds[0]
    if referral is not None and referral.conversation.round.team_id != round_.team_id:
        raise PermissionDenied
    initial = {}
    if referral is not None and referral.resident_id:
        initial["resident"] = referral.resident_id
    elif referral is not None:
        initial["new_resident_name"] = referral.name
    form = ConversationForm(request.POST or None, round_=round_, user=request.user, initial=initial)
    formset = ReferralFormSet(request.POST or None, prefix="referrals")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        try:
            conversation, created = services.conversation_log(
                data=form.to_input(referral_rows(formset), source_referral=referral),
                user=request.user,
                submission_token=form.cleaned_data["submission_token"],
            )
        except ValidationError as error:
            _apply_service_errors(form, formset, error)
        else:
            if created:
                messages.success(request, _("The conversation was saved."))
            else:
                messages.info(request, _("This conversation was already saved; nothing doubled."))
            return redirect(f"{conversation.get_absolute_url()}?saved=new")
    return _conversation_page(request, form, formset, round_, referral=referral)


def conversation_detail(request, conversation_uuid):
    conversation = get_recorded(
        request,
        CONVERSATIONS,
        C.VIEW_PERSONAL_DATA,
        purpose="interviews:detail",
        residents=_conversation_keys,
        uuid=conversation_uuid,
    )
    answers = Answer.objects.filter(conversation=conversation).select_related("question__theme")
    by_theme = {}
    for answer in answers:
        by_theme.setdefault(answer.question.theme, []).append(answer)
    return render(
        request,
        "interviews/conversation_detail.html",
        {
            "conversation": conversation,
            "answers_by_theme": by_theme.items(),
            "wishes": conversation.wishes.select_related("theme"),
            "referrals": conversation.referrals.select_related("resident"),
            "interviewers": conversation.interviewers.all(),
            "can_edit": may_edit(request.user, conversation),
            "draft_done": request.GET.get("saved") or "",
        },
    )


@require_http_methods(["GET", "POST"])
def conversation_update(request, conversation_uuid):
    # The form shows the notes and names: recorded like the conversation page.
    conversation = get_recorded(
        request,
        CONVERSATIONS,
        C.VIEW_PERSONAL_DATA,
        purpose="interviews:update",
        residents=_conversation_keys,
        require=C.LOG_WORK,
        allow=lambda conversation: may_edit(request.user, conversation),
        uuid=conversation_uuid,
    )
    round_ = conversation.round
    form = ConversationForm(
        request.POST or None, round_=round_, user=request.user, conversation=conversation
    )
    formset = ReferralFormSet(
        request.POST or None,
        prefix="referrals",
        initial=None if request.POST else referral_initial(conversation),
    )
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        try:
            services.conversation_update(
                conversation=conversation,
                data=form.to_input(referral_rows(formset, conversation)),
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            _apply_service_errors(form, formset, error)
        else:
            messages.success(request, _("The conversation was changed."))
            return redirect(f"{conversation.get_absolute_url()}?saved=edit")
    return _conversation_page(request, form, formset, round_, conversation=conversation)


# ---------------------------------------------------------------- residents


@require_capability(C.VIEW_PERSONAL_DATA)
def resident_list(request):
    residents = (
        scope_queryset(request.user, Resident.objects.all(), C.VIEW_PERSONAL_DATA)
        .select_related("team", "neighbourhood")
        .annotate(conversation_count=Count("conversations"))
        .order_by("team__name", "name")
    )
    return render(request, "interviews/resident_list.html", {"residents": residents})


def resident_detail(request, resident_uuid):
    resident = get_recorded(
        request,
        RESIDENTS,
        C.VIEW_PERSONAL_DATA,
        purpose="interviews:resident_detail",
        residents=_resident_keys,
        uuid=resident_uuid,
    )
    return render(
        request,
        "interviews/resident_detail.html",
        {
            "resident": resident,
            "conversations": resident.conversations.select_related("round", "neighbourhood"),
            "referred_by": resident.referred_by.select_related("conversation__resident"),
            "can_manage": scope_for(request.user).can(C.MANAGE_TEAM, resident.team_id),
        },
    )


def _resident_as_lead(request, resident_uuid, purpose):
    """Rights of the resident are carried out by the team lead only (403 for the team)."""
    return get_recorded(
        request,
        RESIDENTS,
        C.VIEW_PERSONAL_DATA,
        purpose=purpose,
        residents=_resident_keys,
        require=C.MANAGE_TEAM,
        uuid=resident_uuid,
    )


def resident_data(request, resident_uuid):
    """Everything stored about one resident (right of access): a page, or ?format=json."""
    resident = _resident_as_lead(request, resident_uuid, "interviews:resident_data")
    data = privacy.resident_data(resident)
    if request.GET.get("format") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="bewoner-{resident.uuid}.json"'
        return response
    return render(request, "interviews/resident_data.html", {"resident": resident, "data": data})


@require_http_methods(["GET", "POST"])
def resident_erase(request, resident_uuid):
    """Carry out an erasure request after a confirmation step, with the reason logged."""
    resident = _resident_as_lead(request, resident_uuid, "interviews:resident_erase")
    form = ErasureForm(request.POST or None)
    if resident.anonymised_at is None and form.is_valid():
        privacy.resident_erase(
            resident=resident, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The personal data of this resident was erased."))
        return redirect(resident)
    return render(request, "interviews/resident_erase.html", {"resident": resident, "form": form})


# ---------------------------------------------------------------- rounds


@require_capability(C.VIEW_FIGURES)
def round_list(request):
    scope = scope_for(request.user)
    rounds = services.rounds_with_counts(
        scope_queryset(request.user, Round.objects.all(), C.VIEW_FIGURES)
    ).order_by("team__name", "-number")
    teams_running = teams_for(request.user, C.RUN_COLLECTIVE_WORK)
    rows = [(each, scope.can(C.VIEW_PERSONAL_DATA, each.team_id)) for each in rounds]
    teams = teams_for(request.user, C.VIEW_FIGURES).filter(rounds__isnull=False).distinct()
    return render(
        request,
        "interviews/round_list.html",
        {
            "rows": rows,
            "teams_running": teams_running,
            "snowball_teams": teams,
            # questionnaires belong to teams: municipality staff only see figures
            "can_see_questionnaires": scope.has_anywhere(C.VIEW_TEAM),
        },
    )


@require_http_methods(["GET", "POST"])
def round_create(request, team_pk):
    team = get_team_for_user(request.user, team_pk, require=C.RUN_COLLECTIVE_WORK)
    form = RoundForm(request.POST or None, team=team)
    if form.is_valid():
        data = form.cleaned_data
        round_ = services.round_open(team=team, **data)
        messages.success(request, _("Round %(number)s was opened.") % {"number": round_.number})
        return redirect(round_)
    return render(
        request,
        "interviews/form_page.html",
        {"form": form, "title": _("Open a round for %(team)s") % {"team": team}},
    )


def round_detail(request, round_uuid):
    round_ = get_round_for_user(request.user, round_uuid)
    conversations = services.add_list_details(
        Conversation.objects.in_round(round_).for_list().annotate(referral_count=Count("referrals"))
    )
    to_contact = services.to_contact_list(round_)
    scope = scope_for(request.user)
    return render(
        request,
        "interviews/round_detail.html",
        {
            "round": round_,
            "neighbourhoods": round_.neighbourhoods.all(),
            "conversations": conversations,
            "to_contact": to_contact,
            "status_form": ReferralStatusForm(),
            "can_log": scope.can(C.LOG_WORK, round_.team_id) and round_.is_open,
            "can_run": scope.can(C.RUN_COLLECTIVE_WORK, round_.team_id),
        },
    )


@require_http_methods(["GET", "POST"])
def round_close(request, round_uuid):
    round_ = get_round_for_user(request.user, round_uuid, require=C.RUN_COLLECTIVE_WORK)
    initial = {
        "experiences": round_.reflection_experiences,
        "surprises": round_.reflection_surprises,
        "changes": round_.reflection_changes,
    }
    form = RoundCloseForm(request.POST or None, initial=initial)
    if form.is_valid():
        services.round_close(round_=round_, **form.cleaned_data)
        messages.success(request, _("The round was closed with its reflection."))
        return redirect(round_)
    return render(
        request,
        "interviews/form_page.html",
        {
            "form": form,
            "title": _("Close %(round)s with a reflection") % {"round": round_},
            "intro": _("Exchange experiences with the duos, then write down what you learnt."),
        },
    )


# ---------------------------------------------------------------- referrals


@require_http_methods(["POST"])
def referral_status(request, referral_uuid):
    referral = get_referral_for_user(request.user, referral_uuid)
    form = ReferralStatusForm(request.POST)
    if form.is_valid():
        try:
            services.referral_set_status(
                referral=referral,
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            messages.error(request, CONFLICT_MESSAGE)
        else:
            messages.success(
                request, _("The status of %(name)s was changed.") % {"name": referral.name}
            )
    else:
        messages.error(request, _("Choose a valid status."))
    round_ = Round.objects.filter(
        team_id=referral.conversation.round.team_id,
        number=referral.conversation.round.number + 1,
    ).first()
    if round_ is not None:
        return redirect(round_)
    return redirect(referral.conversation)


@require_http_methods(["GET", "POST"])
def referral_match(request, referral_uuid):
    referral = get_referral_for_user(request.user, referral_uuid)
    candidates = services.match_candidates(referral)
    form = ReferralMatchForm(request.POST or None, candidates=candidates)
    if form.is_valid():
        try:
            services.referral_match(referral=referral, resident=form.cleaned_data["resident"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The name was linked to the known resident."))
            return redirect(referral.conversation)
    return render(
        request,
        "interviews/referral_match.html",
        {"referral": referral, "form": form, "candidates": candidates},
    )


# ---------------------------------------------------------------- figures


def _figure_context(request, team):
    personal = scope_for(request.user).sees_personal_data(team.pk)
    return {"team": team, "personal": personal}


FIGURES = [
    (gettext_lazy("Conversations"), "conversations", True),
    (gettext_lazy("Residents reached"), "residents", True),
    (gettext_lazy("Referrals"), "referrals", True),
    (gettext_lazy("Referrals per conversation"), "referrals_per_conversation", False),
    (gettext_lazy("Referrals that became a conversation (%)"), "referrals_followed_share", False),
    (gettext_lazy("Longest chain (conversations)"), "longest_chain", False),
    (gettext_lazy("Neighbourhoods reached"), "neighbourhoods", True),
    (gettext_lazy("Not already known as a client (%)"), "not_known_as_client_share", False),
]


def figure_rows(columns, personal):
    """[(label, [value per column])]; counts 1–4 become "<5" for people outside the team."""
    return [
        (
            label,
            [suppress_unless(figures[key], personal or not is_count) for figures in columns],
        )
        for label, key, is_count in FIGURES
    ]


def _snowball_page(request, team, round_=None):
    """The team's snowball figures (one round's, with `round_`) and, for those who may see
    names, a page of the chains in that round and the one before it (the latest two rounds
    on the team's page)."""
    context = _figure_context(request, team)
    rounds, overall = services.snowball_figures(team)
    if round_ is None:
        chain_rounds = [each for each, _figures in rounds][-2:]
        columns = [figures for _each, figures in rounds] + [overall]
    else:
        chain_rounds = [each for each, _figures in rounds if 0 <= round_.number - each.number <= 1]
        rounds = [(each, figures) for each, figures in rounds if each.pk == round_.pk]
        columns = [rounds[0][1]]
    page = _page_number(request.GET.get("chains"))
    chains, more = [], False
    if context["personal"] and chain_rounds:
        chains, more = services.snowball_chains(chain_rounds, page)
    return render(
        request,
        "interviews/snowball.html",
        {
            **context,
            "rounds": rounds,
            "figure_rows": figure_rows(columns, context["personal"]),
            "chain_rounds": chain_rounds,
            "chains": chains,
            "chains_page": page,
            "chains_newer": page - 1 if page > 1 else None,
            "chains_older": page + 1 if more else None,
            "round": round_,
        },
    )


def _page_number(value):
    """A page number from the query string (up to 10,000); anything else is the first page."""
    try:
        return min(max(1, int(value)), 10_000)
    except (TypeError, ValueError):
        return 1


def snowball_team(request, team_pk):
    team = get_team_for_user(request.user, team_pk, C.VIEW_FIGURES)
    return _snowball_page(request, team)


def snowball_round(request, round_uuid):
    round_ = get_round_for_user(request.user, round_uuid, C.VIEW_FIGURES)
    return _snowball_page(request, round_.team, round_)


def themes(request, team_pk):
    team = get_team_for_user(request.user, team_pk, C.VIEW_FIGURES)
    context = _figure_context(request, team)
    round_ = None
    if request.GET.get("round"):
        round_ = get_round_for_user(request.user, request.GET["round"], C.VIEW_FIGURES)
        if round_.team_id != team.pk:
            round_ = None
    data = services.themes_for_team(team, round_, with_quotes=context["personal"])
    rows = [
        (
            title,
            [data["by_round"].get((key, number), 0) for number in data["rounds"]],
            [data["by_neighbourhood"].get((key, name), 0) for name in data["neighbourhoods"]],
            data["quotes"].get(key, []),
        )
        for key, title in data["themes"]
    ]
    return render(
        request,
        "interviews/themes.html",
        {
            **context,
            "rows": rows,
            "round_numbers": data["rounds"],
            "neighbourhood_names": data["neighbourhoods"],
            "general_quotes": data["quotes"].get(None, []),
            "round": round_,
            "team_rounds": Round.objects.filter(team=team).order_by("number"),
            # e.g. the initiatives app: what grew from these themes.
            "panels": registry.panels_for("interviews_themes", request, team),
        },
    )


def export(request, team_pk):
    """Conversations and answers; anonymised unless ?named=1 (logged)."""
    named = request.GET.get("named") == "1"
    if named:
        team = get_team_recorded(
            request, team_pk, C.VIEW_PERSONAL_DATA, purpose="interviews:export"
        )
    else:
        team = get_team_for_user(request.user, team_pk, C.VIEW_PERSONAL_DATA)
    fmt = export_format(request)
    conversations = (
        Conversation.objects.filter(round__team=team)
        .select_related("round", "resident", "neighbourhood")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question__theme")),
            "referrals",
        )
        .order_by("round__number", "held_on", "pk")
    )
    round_ = None
    if request.GET.get("round"):
        round_ = get_round_for_user(request.user, request.GET["round"])
        if round_.team_id != team.pk:
            round_ = None
        else:
            conversations = conversations.filter(round=round_)
    headers = [
        _("Round"),
        _("Date"),
        _("Neighbourhood"),
        _("Kind of place"),
        _("Resident"),
        _("Known as client"),
        _("Theme"),
        _("Question"),
        _("Answer"),
        _("Referrals"),
    ]
    if named:
        headers.append(_("Notes"))
        keys = conversations.values_list("resident__uuid", flat=True).distinct()
        # An export of a round or team without conversations shows no one: nothing to record.
        if keys := list(keys.order_by()):
            record_access(request, team=team, resident_keys=keys, purpose="interviews:export")

    def rows():
        for conversation in conversations:
            resident = conversation.resident
            who = resident.name if named else resident.pseudonym
            base = [
                conversation.round.number,
                conversation.held_on.isoformat(),
                conversation.neighbourhood.name,
                conversation.get_place_kind_display(),
                who,
                _("yes") if resident.known_as_client else _("no"),
            ]
            referrals = len(conversation.referrals.all())
            answers = list(conversation.answers.all()) or [None]
            for answer in answers:
                row = base + (
                    [answer.question.theme.title, answer.question.text, answer.value]
                    if answer
                    else ["", "", ""]
                )
                row.append(referrals)
                if named:
                    row.append(conversation.notes)
                yield row

    filename = f"gesprekken-{team.pk}" + ("-met-namen" if named else "-anoniem")
    return tabular_response(filename, headers, rows(), fmt, sheet_title=_("Conversations"))


# ---------------------------------------------------------------- questionnaires


@require_capability(C.VIEW_TEAM)
def questionnaire_list(request):
    questionnaires = (
        scope_queryset(request.user, Questionnaire.objects.all(), C.VIEW_TEAM)
        .select_related("team")
        .annotate(theme_count=Count("themes", distinct=True))
    )
    return render(
        request,
        "interviews/questionnaire_list.html",
        {
            "questionnaires": questionnaires,
            "teams_running": teams_for(request.user, C.RUN_COLLECTIVE_WORK),
        },
    )


@require_http_methods(["GET", "POST"])
def questionnaire_create(request, team_pk):
    team = get_team_for_user(request.user, team_pk, require=C.RUN_COLLECTIVE_WORK)
    form = QuestionnaireForm(request.POST or None)
    if form.is_valid():
        form.instance.team = team
        questionnaire = form.save()
        messages.success(request, _("The questionnaire was created; now add its themes."))
        return redirect(questionnaire)
    return render(
        request, "interviews/form_page.html", {"form": form, "title": _("New questionnaire")}
    )


def _questionnaire(request, pk, require=None):
    return get_for_user(
        request.user,
        Questionnaire.objects.select_related("team"),
        C.VIEW_TEAM,
        require=require,
        pk=pk,
    )


def questionnaire_detail(request, pk):
    questionnaire = _questionnaire(request, pk)
    versions = Questionnaire.objects.filter(lineage=questionnaire.lineage).order_by(
        "version_number"
    )
    can_edit = scope_for(request.user).can(C.RUN_COLLECTIVE_WORK, questionnaire.team_id)
    return render(
        request,
        "interviews/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "themes": questionnaire.themes.prefetch_related("questions"),
            "versions": versions,
            "is_used": questionnaire.is_used,
            "can_edit": can_edit,
            "suggestions": services.open_suggestions(questionnaire) if can_edit else [],
        },
    )


def suggestion_decide(request, pk, suggestion_pk):
    """Accept a suggested theme into the questionnaire, or dismiss it (POST only, checked
    after the lookups so that a foreign id answers 404 like everywhere else)."""
    questionnaire = _questionnaire(request, pk, require=C.RUN_COLLECTIVE_WORK)
    suggestion = get_object_or_404(services.open_suggestions(questionnaire), pk=suggestion_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("decision") == "accept":
        target, _theme = services.suggested_theme_accept(
            suggestion=suggestion, questionnaire=questionnaire, user=request.user
        )
        messages.success(request, _("The theme %(title)s was added.") % {"title": suggestion.title})
        return redirect(target)
    services.suggested_theme_dismiss(suggestion=suggestion, user=request.user)
    messages.success(request, _("The suggestion was dismissed."))
    return redirect(questionnaire)


def _versioned_edit(request, questionnaire, form, save, title):
    if form.is_valid():
        target, _item = save(form.cleaned_data)
        if target.pk != questionnaire.pk:
            messages.info(
                request,
                _("This version was already used, so your change went into version %(n)s.")
                % {"n": target.version_number},
            )
        else:
            messages.success(request, _("The questionnaire was changed."))
        return redirect(target)
    return render(
        request,
        "interviews/form_page.html",
        {
            "form": form,
            "title": title,
            "intro": _("This version was used in conversations: saving makes a new version.")
            if questionnaire.is_used
            else "",
        },
    )


@require_http_methods(["GET", "POST"])
def theme_edit(request, pk, theme_key=None):
    questionnaire = _questionnaire(request, pk, require=C.RUN_COLLECTIVE_WORK)
    theme = None
    if theme_key is not None:
        theme = get_object_or_404(questionnaire.themes, key=theme_key)
    form = ThemeForm(request.POST or None, instance=theme)
    return _versioned_edit(
        request,
        questionnaire,
        form,
        lambda data: services.theme_save(questionnaire=questionnaire, key=theme_key, **data),
        _("Change theme") if theme else _("Add a theme"),
    )


@require_http_methods(["GET", "POST"])
def question_edit(request, pk, theme_key, question_key=None):
    questionnaire = _questionnaire(request, pk, require=C.RUN_COLLECTIVE_WORK)
    theme = get_object_or_404(questionnaire.themes, key=theme_key)
    question = None
    if question_key is not None:
        question = get_object_or_404(theme.questions, key=question_key)
    form = QuestionForm(request.POST or None, instance=question)
    return _versioned_edit(
        request,
        questionnaire,
        form,
        lambda data: services.question_save(
            questionnaire=questionnaire, theme_key=theme_key, key=question_key, **data
        ),
        _("Change question") if question else _("Add a question to %(theme)s") % {"theme": theme},
    )
