"""Writes and reads of resident conversations. Other apps may use the read functions
(`themes_for_team`, `snowball_figures`, `snowball_chains`, `round_counts`): they
return plain data.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.concurrency import save_versioned
from collectief.disclosure import HIDDEN, SHOW_ALL, Disclosure, is_hidden
from collectief.models import User
from collectief.names import name_pattern, scrub_names
from interviews import privacy, rollups
from interviews.access_keys import referral_key
from interviews.models import (
    Answer,
    Conversation,
    Question,
    Questionnaire,
    Referral,
    Resident,
    Round,
    RoundDayCounts,
    RoundNeighbourhoodCounts,
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
    quotable: bool = False
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
    wishes = {theme: text for theme, text in data.wishes.items() if text}
    if wishes:
        known = privacy.team_known_names(conversation.team_id)
        pattern = name_pattern([*known, *(row["name"] for row in data.referrals)])
        Wish.objects.bulk_create(
            Wish(
                conversation=conversation, theme=theme, text=text, quote=scrub_names(text, pattern)
            )
            for theme, text in wishes.items()
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
        quotable=data.quotable,
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
        "quotable",
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


CHAINS_PER_PAGE = 20


@dataclass
class ChainNode:
    conversation_id: int
    uuid: object
    resident_id: int
    resident_uuid: object
    resident_name: str
    round_number: int
    held_on: object
    parent_id: int = None  # the conversation in which this resident was named
    repeat: bool = False  # the resident already appeared higher up this chain (a cycle)
    children: list = field(default_factory=list)
    open_referrals: list = field(default_factory=list)  # (name, status label)
    open_referral_keys: list = field(default_factory=list)  # their access log keys

    def shown_keys(self):
        """The access log keys of everyone this node and the nodes below it show."""
        yield self.resident_uuid
        yield from self.open_referral_keys
        for child in self.children:
            yield from child.shown_keys()


# The snowball counts that add up over the rounds to the figure over all rounds: one table.
ADDITIVE_COUNTS = ("conversations", "referrals", "referrals_followed")


def snowball_figures(team, disclosure=SHOW_ALL):
    """([(round, figures)] for every round of the team, figures over all rounds), as
    `disclosure` lets its viewer see them (everything by default).

    Read from the conversation rollups (interviews/rollups.py): a fixed handful of small
    queries, however many conversations the team has logged. Longest chain counts the
    conversations linked by referrals, through earlier rounds too.

    The counts that add up over the rounds (ADDITIVE_COUNTS) are protected as one table, the
    rounds as its columns and "all rounds" as its row totals, so that no total gives a hidden
    round away. Residents and neighbourhoods reached over all rounds are not sums (a resident
    spoken to in two rounds counts once): residents are hidden over all rounds when a round's
    count is. Ratios, shares, the longest chain and the neighbourhoods reached are hidden when
    a count behind them is.
    """
    rollups.refresh_stale([team.pk])
    rounds = list(Round.objects.filter(team=team).order_by("number"))
    per_round = {
        row.pop("round_id"): row
        for row in RoundDayCounts.objects.filter(team=team)
        .values("round_id")
        .annotate(
            conversations=Sum("conversations"),
            residents=Sum("new_residents"),
            not_known=Sum("new_residents_not_known"),
            team_residents=Sum("new_team_residents"),
            team_not_known=Sum("new_team_residents_not_known"),
            referrals=Sum("referrals"),
            referrals_followed=Sum("referrals_followed"),
            longest_chain=Max("longest_chain"),
        )
        .order_by()
    }
    neighbourhoods = defaultdict(set)
    for round_id, neighbourhood_id in RoundNeighbourhoodCounts.objects.filter(
        team=team
    ).values_list("round_id", "neighbourhood_id"):
        neighbourhoods[round_id].add(neighbourhood_id)
    empty = dict.fromkeys(
        ["conversations", "residents", "not_known", "team_residents", "team_not_known"]
        + ["referrals", "referrals_followed", "longest_chain"],
        0,
    )
    counts = [per_round.get(each.pk, empty) for each in rounds]
    table = disclosure.table(
        {
            (name, each.pk): row[name]
            for each, row in zip(rounds, counts, strict=True)
            for name in ADDITIVE_COUNTS
        },
        column_totals=False,
        grand_total=False,
    )
    figures = [
        _figures(
            disclosure,
            {name: table.cell(name, each.pk) for name in ADDITIVE_COUNTS},
            row,
            len(neighbourhoods[each.pk]),
        )
        for each, row in zip(rounds, counts, strict=True)
    ]
    overall = _figures(
        disclosure,
        {name: table.row_totals.get(name, 0) for name in ADDITIVE_COUNTS},
        {
            "residents": sum(row["team_residents"] for row in counts),
            "not_known": sum(row["team_not_known"] for row in counts),
            "longest_chain": max((row["longest_chain"] for row in counts), default=0),
        },
        len(set().union(*neighbourhoods.values())),
    )
    for name in ("residents", "not_known_as_client_share", "longest_chain"):
        overall[name] = disclosure.derived(overall[name], *(each[name] for each in figures))
    return list(zip(rounds, figures, strict=True)), overall


def _figures(disclosure, protected, counts, neighbourhoods):
    """A round's figures (or all rounds') from its `protected` additive counts and the
    rollup's other `counts`."""
    conversations, referrals = protected["conversations"], protected["referrals"]
    residents = disclosure.count(counts["residents"])
    if is_hidden(conversations) or is_hidden(referrals):
        ratio = HIDDEN
    else:
        ratio = round(referrals / conversations, 1) if conversations else None
    return {
        "conversations": conversations,
        "residents": residents,
        "referrals": referrals,
        "referrals_per_conversation": disclosure.derived(ratio, conversations, referrals),
        "referrals_followed_share": disclosure.share(protected["referrals_followed"], referrals),
        "longest_chain": disclosure.derived(
            counts["longest_chain"], conversations, counts["longest_chain"]
        ),
        # Not a count of people, but at least one conversation per neighbourhood.
        "neighbourhoods": disclosure.derived(neighbourhoods, conversations),
        "not_known_as_client_share": disclosure.share(
            disclosure.count(counts["not_known"]), residents
        ),
    }


def snowball_chains(rounds, page=1):
    """One page of the chains within `rounds`, newest first: (chains, whether more follow).

    A chain begins at a conversation of these rounds in which the resident named someone and
    that did not itself come from a conversation of these rounds; below it hang the
    conversations that followed from it, with the names still open. A resident who comes
    back in their own chain (A names B, B names A) is marked as a repeat. Five queries, the
    same for any number of conversations.
    """
    round_ids = [each.pk for each in rounds]
    offset = (page - 1) * CHAINS_PER_PAGE
    beginnings = list(
        Conversation.objects.filter(round_id__in=round_ids)
        .annotate(parent_round=F("source_referral__conversation__round_id"))
        .filter(Q(parent_round__isnull=True) | ~Q(parent_round__in=round_ids))
        .filter(Exists(Referral.objects.filter(conversation=OuterRef("pk"))))
        .order_by("-held_on", "-pk")
        .values_list("pk", "chain_start_id")[offset : offset + CHAINS_PER_PAGE + 1]
    )
    has_more = len(beginnings) > CHAINS_PER_PAGE
    beginnings = beginnings[:CHAINS_PER_PAGE]
    starts = {start or pk for pk, start in beginnings}
    nodes = {
        row["id"]: ChainNode(
            conversation_id=row["id"],
            uuid=row["uuid"],
            resident_id=row["resident_id"],
            resident_uuid=row["resident__uuid"],
            resident_name=row["resident__name"],
            round_number=row["round__number"],
            held_on=row["held_on"],
            parent_id=row["source_referral__conversation_id"],
        )
        for row in Conversation.objects.filter(round_id__in=round_ids)
        .filter(Q(pk__in=starts) | Q(chain_start_id__in=starts))
        .order_by("held_on", "pk")
        .values(
            "id",
            "uuid",
            "resident_id",
            "resident__uuid",
            "resident__name",
            "round__number",
            "held_on",
            "source_referral__conversation_id",
        )
    }
    for node in nodes.values():
        if node.parent_id in nodes:
            nodes[node.parent_id].children.append(node)
    chains = [nodes[pk] for pk, _start in beginnings]
    shown = {}

    def walk(node, residents_above):
        shown[node.conversation_id] = node
        node.repeat = node.resident_id in residents_above
        for child in node.children:
            walk(child, residents_above | {node.resident_id})

    for chain in chains:
        walk(chain, frozenset())
    labels = dict(Referral.Status.choices)
    for conversation_id, name, status, key, resident_key in Referral.objects.filter(
        conversation_id__in=shown, resulting_conversation__isnull=True
    ).values_list("conversation_id", "name", "status", "uuid", "resident__uuid"):
        shown[conversation_id].open_referrals.append((name, labels[status]))
        shown[conversation_id].open_referral_keys.append(referral_key(key, resident_key))
    return chains, has_more


def _held_in(start, end, prefix=""):
    condition = Q()
    if start:
        condition &= Q(**{f"{prefix}held_on__gte": start})
    if end:
        condition &= Q(**{f"{prefix}held_on__lte": end})
    return condition


def round_counts(team_ids, *, start=None, end=None):
    """Conversations, residents and referrals per round of each team, over many teams.

    For dashboards across teams (the pilots' city dashboard): `team_ids` is a collection of
    team ids the caller may see; only conversations held between `start` and `end` count, and
    referrals count with the conversation in which they were named. Rounds are numbered per
    team, so they are kept per team (round numbers are never added up across teams). Returns
    ``{"rounds": {(team id, number): {"team", "number", "conversations", "residents",
    "via_referral", "referrals", "referrals_followed"}}, "residents": distinct residents over
    all rounds}``.

    Read from the conversation rollup, whose size does not grow with the conversations; only
    a period with a start date counts its residents from the conversations (the rollup
    counts a resident on the first day they were met).
    """
    sums, residents = rollups.round_counts(team_ids, start=start, end=end)
    rounds = {
        (team_id, number): {
            "team": row["team__name"],
            "number": number,
            "conversations": row["conversations"],
            "residents": row["new_residents"],
            "via_referral": row["via_referral"],
            "referrals": row["referrals"],
            "referrals_followed": row["referrals_followed"],
        }
        for (team_id, number), row in sums.items()
    }
    if start:
        conversations = Conversation.objects.filter(
            _held_in(start, end), round__team_id__in=team_ids
        )
        for team_id, number, count in (
            conversations.values_list("round__team_id", "round__number")
            .annotate(n=Count("resident", distinct=True))
            .order_by()
        ):
            rounds[(team_id, number)]["residents"] = count
        residents = conversations.aggregate(n=Count("resident", distinct=True))["n"]
    return {"rounds": rounds, "residents": residents}


# ---------------------------------------------------------------- reads: themes


def themes_for_team(team, round_=None, with_quotes=False, disclosure=SHOW_ALL):
    """How often each theme came up (an answer or a wish under it), per round and
    neighbourhood, as `disclosure` lets its viewer see it.

    Themes are matched across questionnaire versions by their key. Each theme's counts are
    one table, rounds by neighbourhoods: the page over all rounds shows its margins, a
    round's page that round's row. Protecting the whole table once keeps the two pages from
    undoing each other's suppression. With `with_quotes`, the wishes (of `round_`, or all
    rounds) of conversations the resident let us quote come along as quotes: scrubbed of the
    names known when they were written, and of the names the team knows now.
    """
    conversations = Conversation.objects.filter(round__team=team)
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
    cells = defaultdict(Counter)  # theme key -> {(round number, neighbourhood): conversations}
    for key, title, conversation_id, number, neighbourhood in mentions:
        if round_ is None or number == round_.number:
            titles.setdefault(key, title)
        if (key, conversation_id) not in seen:
            seen.add((key, conversation_id))
            cells[key][(number, neighbourhood)] += 1
    # In a fixed order: between equal counts, the suppression hides the first.
    tables = {
        key: disclosure.table(
            dict(sorted(cells[key].items(), key=_round_neighbourhood)), grand_total=False
        )
        for key in titles
    }
    shown = {(number, name) for key in titles for number, name in cells[key]}
    if round_ is not None:
        shown = {(number, name) for number, name in shown if number == round_.number}
    by_round, by_neighbourhood = {}, {}
    for key, table in tables.items():
        for number, name in shown:
            if (number, name) not in cells[key]:
                continue
            by_round[(key, number)] = table.row_total(number)
            by_neighbourhood[(key, name)] = (
                table.column_total(name) if round_ is None else table.cell(number, name)
            )
    result = {
        "themes": sorted(titles.items(), key=lambda item: item[1]),
        "rounds": sorted({number for number, _name in shown}),
        "neighbourhoods": sorted({name for _number, name in shown}),
        "by_round": by_round,
        "by_neighbourhood": by_neighbourhood,
        "quotes": {},
    }
    if with_quotes:
        pattern = name_pattern(privacy.team_known_names(team.pk))
        quotes = defaultdict(list)
        if round_ is not None:
            conversations = conversations.filter(round=round_)
        for theme_key, quote in Wish.objects.filter(
            conversation__in=conversations.filter(quotable=True)
        ).values_list("theme__key", "quote"):
            if quote:
                quotes[theme_key].append(scrub_names(quote, pattern))
        result["quotes"] = dict(quotes)
    return result


def _round_neighbourhood(item):
    (number, neighbourhood), _count = item
    return number, neighbourhood or ""


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


def add_list_details(conversations, rounds=()):
    """Give each conversation of a list (ConversationQuerySet.for_list()) what its row shows
    besides its own columns: `interviewer_names`, from one query of name tuples, and its round
    taken from `rounds` (loaded with their teams) when the list shows rounds. Returns the
    conversations as a list.

    A model instance per interviewer and a round and team per row were a third of the
    conversation list's time.
    """
    conversations = list(conversations)
    names = defaultdict(list)
    people = (
        Conversation.interviewers.through.objects.filter(conversation__in=conversations)
        .order_by(*(f"user__{column}" for column in User._meta.ordering))
        .values_list("conversation_id", "user__first_name", "user__last_name", "user__username")
    )
    for conversation_id, *name in people:
        names[conversation_id].append(User.name_from(*name))
    rounds_by_pk = {each.pk: each for each in rounds}
    for conversation in conversations:
        conversation.interviewer_names = ", ".join(names[conversation.pk])
        if rounds_by_pk:
            conversation.round = rounds_by_pk[conversation.round_id]
    return conversations


def conversations_per_round(rounds, user):
    """{round id: its number of conversations as `user` may see it}, for rounds annotated by
    `rounds_with_counts`. Each team's rounds are one line with their total, as on the team's
    snowball page (snowball_figures), so that the two pages hide the same rounds."""
    per_team = defaultdict(dict)
    for each in sorted(rounds, key=lambda each: each.number):
        per_team[each.team_id][each.pk] = each.conversation_count
    shown = {}
    for team_id, counts in per_team.items():
        shown |= Disclosure.for_viewer(user, [team_id]).line(counts).values
    return shown


def rounds_with_counts(queryset):
    """The rounds with their number of conversations, read from the conversation rollup."""
    rollups.refresh_stale(queryset.values("team_id"))
    counted = (
        RoundDayCounts.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Sum("conversations"))
        .values("n")
    )
    return queryset.annotate(conversation_count=Coalesce(Subquery(counted), 0)).select_related(
        "team", "questionnaire"
    )
