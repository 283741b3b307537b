"""Removing residents' personal data while the anonymous counts and themes stay.

Used by the daily retention clean-up (``manage.py anonymise_inactive_residents``) and by an
erasure request. What goes: the name (becomes the resident's pseudonym), contact details and
consent texts, the free notes and follow-up text of their conversations, the names and ways to
reach them in referrals (those naming them and those they gave), and their name wherever the
team's free text mentions it (wishes and their quotes, answers, notes, initiatives' free text:
every field registered with ``registry.register_free_text``) — in the live tables and in
their history rows. An erasure also clears the referrals the team lead confirms as naming the
person without being linked to them, deleted ones included (they live on in the history).
What stays: the resident row and its team and neighbourhood, conversations with their date,
place, answers, wishes and themes, referral counts and statuses.
"""

from collections import defaultdict

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from collectief.models import User
from collectief.names import name_forms, name_pattern, scrub_names
from collectief.observability import log_security_event
from collectief.registry import registry
from interviews.models import Conversation, Erasure, ExportJob, Referral, Resident

# Names per query when free text is searched for them (SQLite nests every OR one level deeper).
_NAMES_PER_QUERY = 50


def team_known_names(team_id):
    """Every name the team knows: its residents (not anonymised), the names given in its
    referrals, and its members' first and last names — one query."""
    members = User.objects.filter(memberships__team_id=team_id).order_by()
    return {
        name
        for (name,) in Resident.objects.filter(team_id=team_id, anonymised_at__isnull=True)
        .order_by()
        .values_list("name")
        .union(
            Referral.objects.filter(conversation__team_id=team_id).order_by().values_list("name"),
            members.values_list("first_name"),
            members.values_list("last_name"),
        )
        if name
    }


def free_text_scrub(*, team_id, names):
    """Replace these names in the team's free text (every registered field), live and history.

    Returns the number of rows rewritten. Only rows that contain one of the names are read.
    """
    pattern = name_pattern(names)
    forms = sorted({form for name in names for form in name_forms(name)})
    if pattern is None:
        return 0
    rewritten = 0
    for source in registry.free_text_sources:
        model = apps.get_model(source.model)
        for table, key in ((model._default_manager, "pk"), (model.history, "history_id")):
            in_team = table.filter(**{source.team_field: team_id}).order_by()
            for start in range(0, len(forms), _NAMES_PER_QUERY):
                mentions = Q()
                for form in forms[start : start + _NAMES_PER_QUERY]:
                    for field in source.fields:
                        mentions |= Q(**{f"{field}__icontains": form})
                for row in in_team.filter(mentions).values(key, *source.fields):
                    changed = {
                        field: scrubbed
                        for field in source.fields
                        if (scrubbed := scrub_names(row[field], pattern)) != row[field]
                    }
                    if changed:
                        table.filter(**{key: row[key]}).update(**changed)
                        rewritten += 1
    return rewritten


def months_before(moment, months):
    """The same day `months` calendar months earlier (the last day of a shorter month)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(moment.day, 0, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(moment)


def inactive_residents(*, months, now=None):
    """Residents not yet anonymised, without any conversation, referral or activity since."""
    cutoff = months_before(now or timezone.now(), months)
    return Resident.objects.filter(anonymised_at__isnull=True, last_activity_at__lt=cutoff).exclude(
        conversations__held_on__gte=cutoff.date()
    )


def _referral_pseudonym(referral_uuid):
    return f"N-{str(referral_uuid)[:8].upper()}"


def _referrals_clear(referral_uuids):
    """Name, way to reach and relationship out of these referrals ({id: uuid}), live and in
    every history row (also of referrals deleted since)."""
    for pk, referral_uuid in referral_uuids.items():
        cleared = {
            "name": _referral_pseudonym(referral_uuid),
            "how_to_reach": "",
            "relationship": "",
        }
        Referral.objects.filter(pk=pk).update(**cleared)
        Referral.history.filter(id=pk).update(**cleared)


def erasure_candidates(resident):
    """Referrals in the resident's team that give the resident's name without being linked to
    them, deleted ones included (their history rows remain): the team lead confirms which of
    them name the person. Returns {referral id: its newest version, a dict}, oldest first."""
    pattern = name_pattern([resident.name])
    if pattern is None:
        return {}
    mentions = Q()
    for form in name_forms(resident.name):
        mentions |= Q(name__icontains=form)
    linked = Referral.objects.filter(resident=resident).values("pk")
    fields = ("id", "uuid", "name", "how_to_reach", "relationship", "conversation__held_on")
    candidates = {}
    for table in (Referral.history.order_by("history_date"), Referral.objects.order_by("pk")):
        rows = table.filter(mentions, conversation__team_id=resident.team_id).exclude(id__in=linked)
        for row in rows.values(*fields, "resident_id"):
            if pattern.search(row["name"]):
                candidates[row["id"]] = row
    live = set(Referral.objects.filter(pk__in=candidates).values_list("pk", flat=True))
    return {pk: {**row, "deleted": pk not in live} for pk, row in sorted(candidates.items())}


@transaction.atomic
def residents_anonymise(*, residents):
    """Anonymise these residents everywhere; returns what was cleared, as counts."""
    residents = list(residents)
    ids = [resident.pk for resident in residents]
    now = timezone.now()
    conversations = Conversation.objects.filter(resident__in=ids)
    # Referrals naming the resident, and those the resident gave (names of third persons).
    referrals = Referral.objects.filter(resident__in=ids) | Referral.objects.filter(
        conversation__resident__in=ids
    )
    referral_uuids = dict(referrals.values_list("pk", "uuid"))
    # What the team called them, read before it is cleared: their names (earlier versions
    # too) and the names given for them in referrals, to be found in the team's free text.
    names_per_team = defaultdict(set)
    for resident in residents:
        names_per_team[resident.team_id].add(resident.name)
    for table, team_field in (
        (Resident.history.filter(id__in=ids), "team_id"),
        (Referral.objects.filter(resident__in=ids), "conversation__team_id"),
        (Referral.history.filter(resident__in=ids), "conversation__team_id"),
    ):
        for team_id, name in table.values_list(team_field, "name"):
            names_per_team[team_id].add(name)
    counts = {
        "residents": len(ids),
        "conversations": conversations.count(),
        "referrals": len(referral_uuids),
    }
    cleared_person = {
        "contact_details": "",
        "consent_asked_by": None,
        "consent_given_at": None,
        "consent_purpose": "",
    }
    for resident in residents:
        for table in (Resident.objects, Resident.history):
            table.filter(id=resident.pk).update(name=resident.pseudonym, **cleared_person)
    Resident.objects.filter(pk__in=ids).update(anonymised_at=now)
    Resident.history.filter(id__in=ids).update(anonymised_at=now)
    cleared_notes = {"notes": "", "follow_up_what": ""}
    conversation_ids = list(conversations.values_list("pk", flat=True))
    Conversation.objects.filter(pk__in=conversation_ids).update(**cleared_notes)
    Conversation.history.filter(id__in=conversation_ids).update(**cleared_notes)
    _referrals_clear(referral_uuids)
    counts["free_text"] = sum(
        free_text_scrub(team_id=team_id, names=names) for team_id, names in names_per_team.items()
    )
    # Background exports made before may still hold what was just cleared.
    ExportJob.objects.filter(team_id__in=names_per_team).delete()
    return counts


def resident_data(resident):
    """Everything stored about one resident, for their right of access (JSON and HTML)."""
    conversations = (
        Conversation.objects.filter(resident=resident)
        .select_related("round", "neighbourhood")
        .prefetch_related("answers__question", "wishes__theme", "referrals", "interviewers")
        .order_by("held_on", "pk")
    )
    named_in = Referral.objects.filter(resident=resident).select_related("conversation")
    return {
        "resident": {
            "key": str(resident.uuid),
            "name": resident.name,
            "team": resident.team.name,
            "neighbourhood": str(resident.neighbourhood or ""),
            "known_as_client": resident.known_as_client,
            "contact_details": resident.contact_details,
            "consent_given_at": _iso(resident.consent_given_at),
            "consent_purpose": resident.consent_purpose,
            "registered_at": _iso(resident.created_at),
            "last_activity_at": _iso(resident.last_activity_at),
            "anonymised_at": _iso(resident.anonymised_at),
        },
        "conversations": [
            {
                "date": _iso(conversation.held_on),
                "round": conversation.round.number,
                "neighbourhood": str(conversation.neighbourhood),
                "place": conversation.get_place_kind_display(),
                "interviewers": [str(user) for user in conversation.interviewers.all()],
                "notes": conversation.notes,
                "may_be_quoted": conversation.quotable,
                "follow_up": conversation.follow_up_what if conversation.follow_up else "",
                "answers": [
                    {"question": answer.question.text, "answer": answer.value}
                    for answer in conversation.answers.all()
                ],
                "wishes": [
                    {"theme": str(wish.theme or ""), "text": wish.text}
                    for wish in conversation.wishes.all()
                ],
                "people_named": [
                    {"name": referral.name, "status": referral.get_status_display()}
                    for referral in conversation.referrals.all()
                ],
            }
            for conversation in conversations
        ],
        "named_by_others": [
            {
                "date": _iso(referral.conversation.held_on),
                "name_given": referral.name,
                "how_to_reach": referral.how_to_reach,
                "relationship": referral.relationship,
            }
            for referral in named_in
        ],
    }


def _iso(value):
    return value.isoformat() if value else ""


@transaction.atomic
def resident_erase(*, resident, user, reason, referral_ids=()):
    """Carry out an erasure request: the personal data goes everywhere, the reason is kept.

    `referral_ids`: the candidates (erasure_candidates) the team lead confirmed as naming the
    person; they are cleared too, history included, and the names given in them are taken
    out of the team's free text.
    """
    candidates = erasure_candidates(resident)
    confirmed = {pk: candidates[pk] for pk in referral_ids if pk in candidates}
    free_text_scrub(
        team_id=resident.team_id, names=[candidate["name"] for candidate in confirmed.values()]
    )
    _referrals_clear({pk: candidate["uuid"] for pk, candidate in confirmed.items()})
    counts = residents_anonymise(residents=[resident])
    counts["referrals"] += len(confirmed)
    erasure = Erasure.objects.create(resident=resident, requested_by=user, reason=reason)
    log_security_event(
        "resident_erased", erasure_id=erasure.pk, user_id=user.pk, team_id=resident.team_id
    )
    return counts
