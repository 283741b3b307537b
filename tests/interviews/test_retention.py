"""The daily retention clean-up: anonymise long-inactive residents, keep counts and themes."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from interviews.models import Conversation, Referral, Resident, Wish
from interviews.privacy import months_before
from tests.interviews.factories import ConversationFactory, ReferralFactory, WishFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=800)


def _old_conversation(team, **fields):
    conversation = ConversationFactory(
        round__team=team, held_on=LONG_AGO.date(), notes="Schulden bij de Belastingdienst", **fields
    )
    conversation.follow_up_what = "Bellen over de schulden"
    conversation.save()
    resident = conversation.resident
    resident.contact_details = "06-12345678"
    resident.consent_given_at = LONG_AGO
    resident.consent_purpose = "Terugbellen"
    resident.save()
    Resident.objects.filter(pk=resident.pk).update(last_activity_at=LONG_AGO)
    return conversation


def _run(*args):
    out = io.StringIO()
    call_command("anonymise_inactive_residents", *args, stdout=out)
    return out.getvalue()


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month():
    moment = datetime.datetime(2026, 3, 31, 12, 0)
    assert months_before(moment, 1) == datetime.datetime(2026, 2, 28, 12, 0)
    assert months_before(moment, 24) == datetime.datetime(2024, 3, 31, 12, 0)


def test_inactive_resident_is_anonymised_everywhere_and_counts_stay(world):
    old = _old_conversation(world.team)
    WishFactory(conversation=old)
    named = ReferralFactory(conversation=old, name="Buurman Piet", how_to_reach="Nr. 12")
    naming = ReferralFactory(resident=old.resident, name=old.resident.name)
    recent = ConversationFactory(round__team=world.team, notes="Blijft staan")
    resident = old.resident
    name = resident.name

    output = _run()

    resident.refresh_from_db()
    assert "1 resident(s) to anonymise" in output and "Anonymised 1 resident(s)" in output
    assert resident.name == resident.pseudonym and resident.anonymised_at
    assert (resident.contact_details, resident.consent_purpose) == ("", "")
    assert resident.consent_given_at is None
    old.refresh_from_db()
    assert (old.notes, old.follow_up_what) == ("", "")
    for referral in (named, naming):
        referral.refresh_from_db()
        assert referral.name.startswith("N-") and referral.how_to_reach == ""
    # Nothing left in the history tables either.
    assert not Resident.history.filter(name=name).exists()
    assert not Resident.history.exclude(contact_details="").filter(id=resident.pk).exists()
    assert not Conversation.history.filter(id=old.pk).exclude(notes="").exists()
    assert not Referral.history.filter(name="Buurman Piet").exists()
    # Counts and themes stay; the recent resident is untouched.
    assert Conversation.objects.count() == 3 and Referral.objects.count() == 2
    assert Wish.objects.filter(conversation=old).exists()
    recent.refresh_from_db()
    assert recent.notes == "Blijft staan" and recent.resident.anonymised_at is None


def test_dry_run_changes_nothing_and_a_second_run_is_idempotent(world):
    old = _old_conversation(world.team)
    output = _run("--dry-run")
    assert "Dry run: nothing changed." in output and "SWT Oost 1: 1" in output
    old.resident.refresh_from_db()
    assert old.resident.anonymised_at is None
    _run()
    rows = Resident.history.count()
    assert "0 resident(s) to anonymise" in _run()
    assert Resident.history.count() == rows


def test_the_period_is_an_option(world):
    _old_conversation(world.team)
    assert "0 resident(s)" in _run("--months", "36", "--dry-run")
    assert "1 resident(s)" in _run("--months", "12", "--dry-run")


def test_a_recent_conversation_keeps_the_resident(world):
    old = _old_conversation(world.team)
    ConversationFactory(round=old.round, resident=old.resident, held_on=timezone.localdate())
    Resident.objects.filter(pk=old.resident.pk).update(last_activity_at=LONG_AGO)
    assert "0 resident(s)" in _run()
