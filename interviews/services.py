"""Writes and reads of resident conversations. Other apps may use the read functions
(`themes_for_team`, `round_figures`, `team_round_figures`, `snowball`, `round_counts`): they
return plain data.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.concurrency import save_versioned
from collectief.figures import share
from interviews.models import (
    Answer,
    Conversation,
    Question,
    Questionnaire,
    Referral,
    Resident,
    Round,
    SuggestedTheme,
    Theme,
    Wish,
)

# ---------------------------------------------------------------- questionnaires


@transaction.atomic
def questionnaire_new_version(*, questionnaire):
    """Copy a used questionnaire (themes and questions, same keys) as its next version."""
    latest = (
        Questionnaire.objects.filter(lineage=questionnaire.lineage)
        .order_by("-version_number")
        .first()
    )
    copy = Questionnaire.objects.create(
        team=questionnaire.team,
        lineage=questionnaire.lineage,
        version_number=latest.version_number + 1,
        name=questionnaire.name,
        introduction=questionnaire.introduction,
    )
    for theme in questionnaire.themes.prefetch_related("questions"):
        new_theme = Theme.objects.create(
            questionnaire=copy,
            key=theme.key,
            title=theme.title,
            description=theme.description,
            from_stakeholder_meeting=theme.from_stakeholder_meeting,
            order=theme.order,
        )
        Question.objects.bulk_create(
            Question(
                theme=new_theme,
                key=question.key,
                text=question.text,
                kind=question.kind,
                choices=question.choices,
                order=question.order,
            )
            for question in theme.questions.all()
        )
    return copy


def questionnaire_for_edit(questionnaire):
    """The version an edit goes into: the same one while unused, else a fresh copy."""
    if questionnaire.is_used:
        return questionnaire_new_version(questionnaire=questionnaire)
    return questionnaire


@transaction.atomic
def theme_save(*, questionnaire, key=None, **values):
    """Add a theme, or change the theme with `key`; returns (questionnaire version, theme)."""
    target = questionnaire_for_edit(questionnaire)
    if key is None:
        return target, Theme.objects.create(questionnaire=target, **values)
    theme = target.themes.get(key=key)
    for name, value in values.items():
        setattr(theme, name, value)
    theme.save()
    return target, theme


@transaction.atomic
def question_save(*, questionnaire, theme_key, key=None, **values):
    """Add a question under the theme `theme_key`, or change the question with `key`."""
    target = questionnaire_for_edit(questionnaire)
    theme = target.themes.get(key=theme_key)
    if key is None:
        return target, Question.objects.create(theme=theme, **values)
    question = theme.questions.get(key=key)
    for name, value in values.items():
        setattr(question, name, value)
    question.save()
    return target, question


# ---------------------------------------------------------------- suggested themes
# The write API for other apps (e.g. pilots' stakeholder meetings): they offer themes, the
# community worker decides in the questionnaire editor. This app never imports theirs.


@transaction.atomic
def suggested_theme_add(*, questionnaire, title, source):
    """Offer `title` to `questionnaire`; offering the same theme from the same source again
    changes nothing. Returns (suggestion, created)."""
    return SuggestedTheme.objects.get_or_create(
        questionnaire=questionnaire, title=title.strip()[:150], source=source[:200]
    )


def open_suggestions(questionnaire):
    """Open suggestions for any version of this questionnaire."""
    return SuggestedTheme.objects.filter(
        questionnaire__lineage=questionnaire.lineage, status=SuggestedTheme.Status.OPEN
    )


@transaction.atomic
def suggested_theme_accept(*, suggestion, questionnaire, user):
    """The suggestion becomes a theme of (a new version of) the questionnaire."""
    target, theme = theme_save(
        questionnaire=questionnaire,
        title=suggestion.title,
        description=suggestion.source,
        from_stakeholder_meeting=True,
        order=questionnaire.themes.count() + 1,
    )
    suggestion.status = SuggestedTheme.Status.ACCEPTED
    suggestion.decided_by = user
    suggestion.save(update_fields=["status", "decided_by"])
    return target, theme


@transaction.atomic
def suggested_theme_dismiss(*, suggestion, user):
    suggestion.status = SuggestedTheme.Status.DISMISSED
    suggestion.decided_by = user
    suggestion.save(update_fields=["status", "decided_by"])


# ---------------------------------------------------------------- rounds


@transaction.atomic
def round_open(*, team, number, starts_on, ends_on, goal, questionnaire, neighbourhoods):
    round_ = Round.objects.create(
        team=team,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        goal=goal,
        questionnaire=questionnaire,
    )
    round_.neighbourhoods.set(neighbourhoods)
    return round_


@transaction.atomic
def round_close(*, round_, experiences, surprises, changes):
    round_.reflection_experiences = experiences
    round_.reflection_surprises = surprises
    round_.reflection_changes = changes
    round_.closed_at = round_.closed_at or timezone.now()
    round_.save()
    return round_


def to_contact_list(round_):
    """Referrals from the previous round of the same team: this round's to-contact list."""
    return (
        Referral.objects.filter(
            conversation__round__team_id=round_.team_id,
            conversation__round__number=round_.number - 1,
        )
        .select_related("conversation__resident", "resident", "resulting_conversation")
        .annotate(
            # Names still to contact first, then the ones in progress, then the finished ones.
            status_rank=Case(
                *(
                    When(status=status, then=Value(rank))
                    for rank, status in enumerate(Referral.Status.values)
                ),
                output_field=IntegerField(),
            )
        )
        .order_by("status_rank", "name", "pk")
    )


# ---------------------------------------------------------------- conversations


@dataclass
class ConversationInput:
    """What the conversation form hands to the service (cleaned)."""

    round: Round
    held_on: object
    neighbourhood: object
    place_kind: str
    interviewers: list
    resident: Resident | None = None
    new_resident_name: str = ""
    known_as_client: bool = False
    contact_details: str = ""
    consent: bool = False
    consent_purpose: str = ""
    partner_organisation: object = None
    partner_employee: str = ""
    notes: str = ""
    follow_up: bool = False
    follow_up_what: str = ""
    follow_up_who: object = None
    answers: dict = field(default_factory=dict)  # Question -> str
    wishes: dict = field(default_factory=dict)  # Theme | None -> str
    referrals: list = field(default_factory=list)  # dicts: uuid?, name, how_to_reach, ...
    source_referral: Referral | None = None


def _resident_for(data, user):
    now = timezone.now()
    resident = data.resident or Resident(
        team_id=data.round.team_id,
        name=data.new_resident_name,
        neighbourhood=data.neighbourhood,
        known_as_client=data.known_as_client,
    )
    if data.contact_details and data.consent:
        if resident.contact_details != data.contact_details or not resident.consent_given_at:
            resident.consent_asked_by = user
            resident.consent_given_at = now
            resident.consent_purpose = data.consent_purpose
        resident.contact_details = data.contact_details
    resident.last_activity_at = now
    resident.save()
    return resident


def _write_details(conversation, data):
    conversation.interviewers.set(data.interviewers)
    conversation.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(conversation=conversation, question=question, value=value)
        for question, value in data.answers.items()
        if value
    )
    conversation.wishes.all().delete()
    Wish.objects.bulk_create(
        Wish(conversation=conversation, theme=theme, text=text)
        for theme, text in data.wishes.items()
        if text
    )
    kept = set()
    for row in data.referrals:
        referral = row.get("existing")
        if referral is None:
            referral = Referral(conversation=conversation)
        referral.name = row["name"]
        referral.how_to_reach = row["how_to_reach"]
        referral.relationship = row["relationship"]
        referral.save()
        kept.add(referral.pk)
    removable = conversation.referrals.exclude(pk__in=kept)
    if removable.filter(Q(resulting_conversation__isnull=False) | ~Q(status="to_contact")).exists():
        raise ValidationError(
            _(
                "A referral that was already followed up cannot be removed; clear a row only "
                "for names nobody contacted yet."
            )
        )
    removable.delete()


def _check(data, resident):
    errors = {}
    if data.held_on > timezone.localdate():
        errors["held_on"] = _("The date cannot be in the future.")
    elif data.held_on < data.round.starts_on:
        errors["held_on"] = _("The date is before the round opened (%(date)s).") % {
            "date": data.round.starts_on
        }
    own_names = {resident.name.casefold()} if resident else {data.new_resident_name.casefold()}
    for row in data.referrals:
        if row["name"].casefold() in own_names:
            errors["referrals"] = _("A resident cannot refer themself.")
    if data.contact_details and not data.consent:
        errors["consent"] = _("Contact details may only be stored with the resident's consent.")
    if errors:
        raise ValidationError(errors)


def conversation_log(*, data, user, submission_token):
    """Store a conversation; a repeated submit with the same token returns the first one.

    Returns (conversation, created). Two submits racing each other are settled by the unique
    token in the database: the loser rolls back completely and gets the winner's conversation.
    """
    existing = Conversation.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        return existing, False
    try:
        return _conversation_create(data=data, user=user, submission_token=submission_token), True
    except IntegrityError:
        existing = Conversation.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return existing, False


@transaction.atomic
def _conversation_create(*, data, user, submission_token):
    _check(data, data.resident)
    resident = _resident_for(data, user)
    conversation = Conversation.objects.create(
        round=data.round,
        resident=resident,
        held_on=data.held_on,
        neighbourhood=data.neighbourhood,
        place_kind=data.place_kind,
        partner_organisation=data.partner_organisation,
        partner_employee=data.partner_employee,
        notes=data.notes,
        follow_up=data.follow_up,
        follow_up_what=data.follow_up_what,
        follow_up_who=data.follow_up_who,
        source_referral=data.source_referral,
        submission_token=submission_token,
        created_by=user,
    )
    _write_details(conversation, data)
    if data.source_referral is not None:
        referral = data.source_referral
        referral.status = Referral.Status.HELD
        referral.resident = resident
        referral.save()
    return conversation


@transaction.atomic
def conversation_update(*, conversation, data, user, expected_version):
    """Change a conversation; raises EditConflict when someone else saved first."""
    _check(data, conversation.resident)
    resident = data.resident = conversation.resident
    if not data.contact_details and resident.contact_details:
        # The edit form showed the stored details; an emptied field withdraws them.
        resident.contact_details = resident.consent_purpose = ""
        resident.consent_asked_by = resident.consent_given_at = None
    _resident_for(data, user)
    for name in (
        "held_on",
        "neighbourhood",
        "place_kind",
        "partner_organisation",
        "partner_employee",
        "notes",
        "follow_up",
        "follow_up_what",
        "follow_up_who",
    ):
        setattr(conversation, name, getattr(data, name))
    save_versioned(conversation, expected_version)
    _write_details(conversation, data)
    return conversation


# ---------------------------------------------------------------- referrals


def match_candidates(referral):
    """Residents of the referral's own team whose name equals the referred name."""
    return Resident.objects.filter(
        team_id=referral.conversation.round.team_id, name__iexact=referral.name.strip()
    ).exclude(pk=referral.conversation.resident_id)


@transaction.atomic
def referral_match(*, referral, resident):
    """Link a referral to a resident the team already knows (after the person confirmed)."""
    if resident.team_id != referral.conversation.round.team_id:
        raise ValidationError(_("Only a resident of the same team can be matched."))
    if resident.pk == referral.conversation.resident_id:
        raise ValidationError(_("A resident cannot refer themself."))
    referral.resident = resident
    referral.save()
    resident.last_activity_at = timezone.now()
    resident.save(update_fields=["last_activity_at"])
    return referral


@transaction.atomic
def referral_set_status(*, referral, status, expected_version):
    referral.status = status
    save_versioned(referral, expected_version)
    return referral


# ---------------------------------------------------------------- reads: snowball


@dataclass
class ChainNode:
    conversation_id: int
    uuid: object
    resident_name: str
    round_number: int
    held_on: object
    repeat: bool = False  # the resident already appeared higher up this chain (a cycle)
    children: list = field(default_factory=list)
    open_referrals: list = field(default_factory=list)  # (name, status label)


def _depths(parent_of):
    """Number of conversations in the chain ending at each conversation; cycles are cut."""
    depth = {}
    for start in parent_of:
        path, node, seen = [], start, set()
        while node is not None and node not in depth and node not in seen:
            seen.add(node)
            path.append(node)
            node = parent_of.get(node)
        base = depth.get(node, 0)
        for offset, item in enumerate(reversed(path), start=1):
            depth[item] = base + offset
    return depth


def _conversation_rows(team_id, round_numbers=None):
    rows = Conversation.objects.filter(round__team_id=team_id)
    if round_numbers is not None:
        rows = rows.filter(round__number__in=round_numbers)
    return list(
        rows.order_by("held_on", "pk").values(
            "id",
            "uuid",
            "held_on",
            "resident_id",
            "resident__name",
            "resident__known_as_client",
            "neighbourhood_id",
            "round_id",
            "round__number",
            "source_referral__conversation_id",
        )
    )


def _figures(conversations, referrals, depth):
    residents = {row["resident_id"]: row["resident__known_as_client"] for row in conversations}
    referral_count = len(referrals)
    followed = sum(1 for row in referrals if row["resulting_conversation"] is not None)
    return {
        "conversations": len(conversations),
        "residents": len(residents),
        "referrals": referral_count,
        "referrals_per_conversation": (
            round(referral_count / len(conversations), 1) if conversations else None
        ),
        "referrals_followed_share": share(followed, referral_count),
        "longest_chain": max((depth[row["id"]] for row in conversations), default=0),
        "neighbourhoods": len({row["neighbourhood_id"] for row in conversations}),
        "not_known_as_client_share": share(
            sum(1 for known in residents.values() if not known), len(residents)
        ),
    }


def snowball(team, round_=None):
    """Figures per round and overall, plus the chains, in three queries.

    Longest chain counts conversations linked by referrals, through earlier rounds too; a
    resident who comes back in their own chain (A names B, B names A) is shown as a repeat.
    """
    all_rounds = list(Round.objects.filter(team=team).order_by("number"))
    conversations = _conversation_rows(team.pk)
    referrals = list(
        Referral.objects.filter(conversation__round__team=team).values(
            "conversation_id",
            "conversation__round_id",
            "name",
            "status",
            "resulting_conversation",
        )
    )
    parent_of = {row["id"]: row["source_referral__conversation_id"] for row in conversations}
    depth = _depths(parent_of)
    per_round = []
    for each in all_rounds:
        rows = [row for row in conversations if row["round_id"] == each.pk]
        refs = [row for row in referrals if row["conversation__round_id"] == each.pk]
        per_round.append((each, _figures(rows, refs, depth)))
    overall = _figures(conversations, referrals, depth)
    if round_ is not None:
        conversations = [
            row
            for row in conversations
            if row["round__number"] in (round_.number - 1, round_.number)
        ]
    return {
        "rounds": per_round,
        "overall": overall,
        "chains": _chains(conversations, referrals, parent_of),
    }


def _chains(conversations, referrals, parent_of):
    nodes = {
        row["id"]: ChainNode(
            conversation_id=row["id"],
            uuid=row["uuid"],
            resident_name=row["resident__name"],
            round_number=row["round__number"],
            held_on=row["held_on"],
        )
        for row in conversations
    }
    labels = dict(Referral.Status.choices)
    for row in referrals:
        if row["resulting_conversation"] is None and row["conversation_id"] in nodes:
            nodes[row["conversation_id"]].open_referrals.append(
                (row["name"], labels[row["status"]])
            )
    residents = {row["id"]: row["resident_id"] for row in conversations}
    roots = []
    for node_id, node in nodes.items():
        parent = parent_of.get(node_id)
        if parent in nodes and parent != node_id:
            nodes[parent].children.append(node)
        else:
            roots.append(node)
    # Only chains that have a link are chains; single conversations are listed in the round.
    roots = [root for root in roots if root.children or root.open_referrals]

    def mark(node, seen_residents, visited):
        visited.add(node.conversation_id)
        node.repeat = residents[node.conversation_id] in seen_residents
        seen = seen_residents | {residents[node.conversation_id]}
        node.children = [child for child in node.children if child.conversation_id not in visited]
        for child in node.children:
            mark(child, seen, visited)

    for root in roots:
        mark(root, frozenset(), set())
    return roots


def round_figures(round_):
    """The snowball figures of one round (for the pilots' city dashboard)."""
    for each, figures in snowball(round_.team)["rounds"]:
        if each.pk == round_.pk:
            return figures
    return None


def team_round_figures(team):
    """[(round, figures)] for every round of the team, plus the figures over all rounds."""
    data = snowball(team)
    return data["rounds"], data["overall"]


def _held_in(start, end, prefix=""):
    condition = Q()
    if start:
        condition &= Q(**{f"{prefix}held_on__gte": start})
    if end:
        condition &= Q(**{f"{prefix}held_on__lte": end})
    return condition


def round_counts(team_ids, *, start=None, end=None):
    """Conversations, residents and referrals per round number over many teams, in three queries.

    For dashboards across teams (the pilots' city dashboard): `team_ids` is a collection of
    team ids the caller may see; only conversations held between `start` and `end` count, and
    referrals count with the conversation in which they were named. Returns
    ``{"rounds": {number: {"conversations", "residents", "via_referral", "referrals",
    "referrals_followed"}}, "residents": distinct residents over all rounds}``.
    """
    conversations = Conversation.objects.filter(_held_in(start, end), round__team_id__in=team_ids)
    rounds = {}
    for row in (
        conversations.values("round__number")
        .annotate(
            conversations=Count("pk"),
            residents=Count("resident", distinct=True),
            via_referral=Count("pk", filter=Q(source_referral__isnull=False)),
        )
        .order_by()
    ):
        rounds[row.pop("round__number")] = row | {"referrals": 0, "referrals_followed": 0}
    for row in (
        Referral.objects.filter(
            _held_in(start, end, "conversation__"), conversation__round__team_id__in=team_ids
        )
        .values("conversation__round__number")
        .annotate(
            referrals=Count("pk"),
            referrals_followed=Count("pk", filter=Q(resulting_conversation__isnull=False)),
        )
        .order_by()
    ):
        rounds[row.pop("conversation__round__number")].update(row)
    residents = conversations.aggregate(n=Count("resident", distinct=True))["n"]
    return {"rounds": dict(sorted(rounds.items())), "residents": residents}


# ---------------------------------------------------------------- reads: themes


def _name_pattern(names):
    """One pattern for every resident name of a team, longest first ("Jan-Willem" before "Jan")."""
    names = sorted({name for name in names if name}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.IGNORECASE)


def themes_for_team(team, round_=None, with_quotes=False):
    """How often each theme came up (an answer or a wish under it), per round and neighbourhood.

    Themes are matched across questionnaire versions by their key. With `with_quotes`, the
    residents' wishes per theme come along with names of known residents blanked out.
    """
    conversations = Conversation.objects.filter(round__team=team)
    if round_ is not None:
        conversations = conversations.filter(round=round_)
    fields = ("conversation_id", "conversation__round__number", "conversation__neighbourhood__name")
    mentions = set(
        Answer.objects.filter(conversation__in=conversations)
        .values_list("question__theme__key", "question__theme__title", *fields)
        .distinct()
    ) | set(
        Wish.objects.filter(conversation__in=conversations, theme__isnull=False)
        .values_list("theme__key", "theme__title", *fields)
        .distinct()
    )
    titles = {}
    seen = set()
    by_round = Counter()
    by_neighbourhood = Counter()
    for key, title, conversation_id, number, neighbourhood in mentions:
        titles.setdefault(key, title)
        if (key, conversation_id) in seen:
            continue
        seen.add((key, conversation_id))
        by_round[(key, number)] += 1
        by_neighbourhood[(key, neighbourhood)] += 1
    result = {
        "themes": sorted(titles.items(), key=lambda item: item[1]),
        "rounds": sorted({number for _key, number in by_round}),
        "neighbourhoods": sorted({name for _key, name in by_neighbourhood}),
        "by_round": by_round,
        "by_neighbourhood": by_neighbourhood,
        "quotes": {},
    }
    if with_quotes:
        names = list(Resident.objects.filter(team=team).values_list("name", flat=True).distinct())
        pattern = _name_pattern(names)
        quotes = defaultdict(list)
        for theme_key, text in Wish.objects.filter(conversation__in=conversations).values_list(
            "theme__key", "text"
        ):
            quotes[theme_key].append(pattern.sub("[…]", text) if pattern else text)
        result["quotes"] = dict(quotes)
    return result


def home_counts(user, team_ids):
    """Open rounds, the person's own conversations and names still to contact."""
    open_rounds = list(
        Round.objects.filter(team_id__in=team_ids, closed_at__isnull=True)
        .select_related("team")
        .order_by("team__name", "number")
    )
    mine = Conversation.objects.filter(round__team_id__in=team_ids, interviewers=user).count()
    to_contact = 0
    if open_rounds:
        condition = Q()
        for round_ in open_rounds:
            condition |= Q(
                conversation__round__team_id=round_.team_id,
                conversation__round__number=round_.number - 1,
            )
        to_contact = Referral.objects.filter(condition, status=Referral.Status.TO_CONTACT).count()
    return {"open_rounds": open_rounds, "mine": mine, "to_contact": to_contact}


def referral_count():
    """An annotation: the conversation's number of referrals, counted per row."""
    return Coalesce(
        Subquery(
            Referral.objects.filter(conversation=OuterRef("pk"))
            .order_by()
            .values("conversation")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def rounds_with_counts(queryset):
    return queryset.annotate(conversation_count=Count("conversations")).select_related(
        "team", "questionnaire"
    )
