"""Removing residents' personal data while the anonymous counts and themes stay.

Used by the daily retention clean-up (``manage.py anonymise_inactive_residents``). What goes:
the name (becomes the resident's pseudonym), contact details and consent texts, the free notes
and follow-up text of their conversations, and the names and ways to reach them in referrals
(those naming them and those they gave) — in the live tables and in their history rows.
What stays: the resident row and its team and neighbourhood, conversations with their date,
place, answers, wishes and themes, referral counts and statuses.
"""

from django.db import transaction
from django.utils import timezone

from interviews.models import Conversation, Erasure, Referral, Resident


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
    for pk, referral_uuid in referral_uuids.items():
        cleared = {
            "name": _referral_pseudonym(referral_uuid),
            "how_to_reach": "",
            "relationship": "",
        }
        Referral.objects.filter(pk=pk).update(**cleared)
        Referral.history.filter(id=pk).update(**cleared)
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
def resident_erase(*, resident, user, reason):
    """Carry out an erasure request: the personal data goes everywhere, the reason is kept."""
    counts = residents_anonymise(residents=[resident])
    Erasure.objects.create(resident=resident, requested_by=user, reason=reason)
    return counts
