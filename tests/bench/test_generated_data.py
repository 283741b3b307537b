"""Every app's generator at a tiny scale: reproducible, consistent, fictional."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F

from collectief.models import CollectiveIssue, Membership, Signal, Team, WeeklyHours
from initiatives.models import Activity, Initiative, LabelApplication, Session
from interviews.models import Answer, Conversation, Referral, Resident, Round
from pilots.models import FactorScore, JournalEntry, Pilot

pytestmark = pytest.mark.django_db

TINY = "0.005"  # one team, 2,500 conversations


@pytest.fixture
def generated():
    call_command("generate_data", "--scale", TINY, "--allow-sqlite", verbosity=0)


def _fingerprint():
    return (
        list(Resident.objects.order_by("pk").values_list("uuid", "name", "neighbourhood_id")[:50]),
        list(
            Conversation.objects.order_by("pk").values_list(
                "uuid", "resident_id", "held_on", "source_referral_id"
            )[:200]
        ),
        list(Initiative.objects.order_by("pk").values_list("public_id", "status", "started_on")),
        list(WeeklyHours.objects.order_by("pk").values_list("collective_activating")[:100]),
    )


def test_every_app_gets_data_in_proportion(generated):
    assert Team.objects.count() == 1
    assert Resident.objects.count() == 200
    assert Conversation.objects.count() == 2_500
    assert Answer.objects.count() == 3 * 2_500
    assert Referral.objects.exists()
    assert Initiative.objects.count() == 15
    assert Session.objects.count() > 15 * 4
    assert LabelApplication.objects.exists()
    people = Membership.objects.count()
    assert WeeklyHours.objects.count() == people * 52 * 5
    assert Signal.objects.exists() and CollectiveIssue.objects.exists()
    assert Pilot.objects.count() == 1
    assert JournalEntry.objects.exists() and FactorScore.objects.exists()


def test_generated_data_is_consistent(generated):
    # A conversation's resident, round and neighbourhood all belong to one team.
    assert not Conversation.objects.exclude(resident__team=F("round__team")).exists()
    assert not Conversation.objects.exclude(team=F("round__team")).exists()
    team_hoods = set(Team.neighbourhoods.through.objects.values_list("team", "neighbourhood"))
    used_hoods = set(Conversation.objects.values_list("round__team", "neighbourhood").distinct())
    assert used_hoods <= team_hoods
    members = set(Membership.objects.values_list("team", "user"))
    interviewers = set(Conversation.objects.values_list("round__team", "interviewers").distinct())
    assert interviewers <= members
    # Answers answer questions of the round's questionnaire.
    assert not Answer.objects.exclude(
        question__theme__questionnaire=F("conversation__round__questionnaire")
    ).exists()
    # A held referral led to a conversation with the named resident in a later round.
    held = Referral.objects.filter(status=Referral.Status.HELD)
    assert held.exists()
    assert held.count() == Conversation.objects.filter(source_referral__isnull=False).count()
    assert not held.exclude(resulting_conversation__resident=F("resident")).exists()
    assert not held.exclude(
        resulting_conversation__round__number__gt=F("conversation__round__number")
    ).exists()
    # Chains longer than one link exist (a referred resident names someone in turn).
    assert Conversation.objects.filter(
        source_referral__isnull=False, referrals__status=Referral.Status.HELD
    ).exists()
    # Conversations fall within their round; only the last round is open.
    assert not Conversation.objects.filter(held_on__lt=F("round__starts_on")).exists()
    assert not Conversation.objects.filter(held_on__gt=F("round__ends_on")).exists()
    assert Round.objects.filter(closed_at__isnull=True).count() == 1
    # Signals in a collective issue share its theme and neighbourhood.
    assert (
        not Signal.objects.filter(collective_issue__isnull=False)
        .exclude(
            theme=F("collective_issue__theme"), neighbourhood=F("collective_issue__neighbourhood")
        )
        .exists()
    )
    # One weekly activity per initiative, with sessions only while it ran.
    assert set(Activity.objects.values_list("recurrence", flat=True)) == {"weekly"}
    assert not Session.objects.filter(date__lt=F("activity__initiative__started_on")).exists()
    assert not Session.objects.filter(date__gt=F("activity__initiative__ended_on")).exists()
    assert Activity.objects.annotate(n=Count("sessions")).filter(n=0).count() == 0, (
        "every activity has sessions"
    )


def test_generated_names_are_marked_fictional(generated):
    assert all("(fictief)" in name for name in Resident.objects.values_list("name", flat=True))
    assert all("(fictief)" in name for name in Referral.objects.values_list("name", flat=True))
    assert all("(fictief)" in name for name in Initiative.objects.values_list("name", flat=True))


def test_the_same_seed_gives_the_same_data():
    with transaction.atomic():
        call_command("generate_data", "--scale", TINY, "--allow-sqlite", verbosity=0)
        first = _fingerprint()
        transaction.set_rollback(True)
    call_command("generate_data", "--scale", TINY, "--allow-sqlite", verbosity=0)
    assert _fingerprint() == first


def test_another_seed_gives_other_data():
    with transaction.atomic():
        call_command("generate_data", "--scale", TINY, "--allow-sqlite", verbosity=0)
        first = _fingerprint()
        transaction.set_rollback(True)
    call_command("generate_data", "--scale", TINY, "--seed", "7", "--allow-sqlite", verbosity=0)
    assert _fingerprint() != first
