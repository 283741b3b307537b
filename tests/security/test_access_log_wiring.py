"""Every page that shows a resident's personal data writes one access record, also when refused."""

import datetime
import uuid

import pytest
from django.urls import reverse

from collectief.models import AccessRecord
from initiatives.models import Participant
from tests.initiatives.factories import InitiativeFactory, SessionFactory, SuccessFactory
from tests.interviews.factories import (
    ConversationFactory,
    ReferralFactory,
    ResidentFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def _conversation(team, author):
    conversation = ConversationFactory(round__team=team, created_by=author, notes="Schulden")
    known = ResidentFactory(team=team)
    ReferralFactory(conversation=conversation, resident=known)
    return conversation, known


def _only_record():
    record = AccessRecord.objects.get()
    assert "Schulden" not in str(vars(record))  # never any note text
    return record


def test_resident_page_records_one_look(world, login):
    resident = ResidentFactory(team=world.team)
    client = login(world.people["lead"])
    assert (
        client.get(reverse("interviews:resident_detail", args=[resident.uuid])).status_code == 200
    )
    record = _only_record()
    assert (record.user, record.team, record.shown) == (world.people["lead"], world.team, True)
    assert record.purpose == "interviews:resident_detail"
    assert record.resident_keys == f" {resident.uuid} "
    assert record.client_address == "127.0.0.1"


def test_conversation_page_records_the_resident_and_the_known_residents_named(world, login):
    conversation, known = _conversation(world.team, world.people["member"])
    client = login(world.people["member"])
    url = reverse("interviews:detail", args=[conversation.uuid])
    assert "Schulden" in client.get(url).content.decode()
    record = _only_record()
    assert record.purpose == "interviews:detail" and record.shown
    assert set(record.resident_keys.split()) == {str(conversation.resident.uuid), str(known.uuid)}


def test_conversation_edit_form_records_too(world, login):
    conversation, _known = _conversation(world.team, world.people["member"])
    client = login(world.people["member"])
    assert client.get(reverse("interviews:update", args=[conversation.uuid])).status_code == 200
    assert _only_record().purpose == "interviews:update"


def test_edit_form_refused_to_someone_not_on_the_conversation_is_recorded_as_refused(world, login):
    conversation, _known = _conversation(world.team, world.people["community_worker"])
    client = login(world.people["member"])
    response = client.get(reverse("interviews:update", args=[conversation.uuid]))
    assert response.status_code == 403
    record = _only_record()
    assert not record.shown and record.team == world.team


@pytest.mark.parametrize("page", ["interviews:resident_detail", "interviews:detail"])
def test_another_teams_resident_is_refused_and_recorded_for_that_team(world, login, page):
    conversation, _known = _conversation(world.far_team, world.people["outsider"])
    key = conversation.resident.uuid if page.endswith("resident_detail") else conversation.uuid
    response = login(world.people["lead"]).get(reverse(page, args=[key]))
    assert response.status_code == 404
    record = _only_record()
    assert (record.user, record.team, record.shown) == (world.people["lead"], world.far_team, False)
    assert str(conversation.resident.uuid) in record.resident_keys.split()
    # The far team's lead sees the attempt in their access log; ours does not.
    assert world.far_team.access_records.count() == 1
    assert not world.team.access_records.exists()


def test_an_unknown_key_is_recorded_as_refused_without_a_team(world, login):
    unknown = uuid.uuid4()
    url = reverse("interviews:resident_detail", args=[unknown])
    assert login(world.people["member"]).get(url).status_code == 404
    record = _only_record()
    assert (record.team, record.shown, record.resident_keys) == (None, False, f" {unknown} ")


def test_named_export_records_every_resident_in_it_and_anonymous_export_nothing(world, login):
    conversation, _known = _conversation(world.team, world.people["member"])
    other = ConversationFactory(round=conversation.round)
    client = login(world.people["lead"])
    url = reverse("interviews:export", args=[world.team.pk])
    client.get(url)
    assert not AccessRecord.objects.exists()
    client.get(url + "?named=1")
    record = _only_record()
    assert record.purpose == "interviews:export" and record.shown
    assert set(record.resident_keys.split()) == {
        str(conversation.resident.uuid),
        str(other.resident.uuid),
    }


def test_named_export_of_another_team_is_refused_and_recorded(world, login):
    url = reverse("interviews:export", args=[world.far_team.pk]) + "?named=1"
    assert login(world.people["lead"]).get(url).status_code == 404
    record = _only_record()
    assert (record.team, record.shown) == (world.far_team, False)


# Lists, forms and the round and snowball pages: one record per request with everyone shown
# (issue 18, finding 1). tests/security/test_access_log_everywhere.py walks every URL.


def _referral_key(referral):
    return f"referral-{referral.uuid}"


def test_resident_list_records_every_resident_listed_in_one_record(world, login):
    residents = [ResidentFactory(team=world.team) for _ in range(3)]
    ResidentFactory(team=world.far_team)
    login(world.people["member"]).get(reverse("interviews:resident_list"))
    record = _only_record()
    assert (record.purpose, record.team, record.shown) == (
        "interviews:resident_list",
        world.team,
        True,
    )
    assert set(record.keys) == {str(resident.uuid) for resident in residents}


def test_conversation_list_records_the_residents_of_the_page_shown_only(world, login):
    first = ConversationFactory(round__team=world.team, held_on=datetime.date(2026, 1, 1))
    newer = [ConversationFactory(round=first.round) for _ in range(50)]
    login(world.people["member"]).get(reverse("interviews:list"))
    record = _only_record()
    assert set(record.keys) == {str(each.resident.uuid) for each in newer}


def test_round_page_records_the_names_to_contact_and_who_gave_them(world, login):
    conversation, known = _conversation(world.team, world.people["member"])
    new_name = ReferralFactory(conversation=conversation, how_to_reach="06-12345678")
    next_round = RoundFactory(team=world.team, number=conversation.round.number + 1)
    page = login(world.people["community_worker"]).get(next_round.get_absolute_url())
    assert "06-12345678" in page.content.decode()
    record = _only_record()
    assert record.purpose == "interviews:round_detail"
    assert set(record.keys) == {
        str(conversation.resident.uuid),
        str(known.uuid),
        _referral_key(new_name),
    }


def test_snowball_chains_are_recorded_for_the_team_and_figures_alone_are_not(world, login):
    conversation, known = _conversation(world.team, world.people["member"])
    open_name = ReferralFactory(conversation=conversation)
    url = reverse("interviews:snowball_team", args=[world.team.pk])
    assert login(world.people["area_connector"]).get(url).status_code == 200
    assert not AccessRecord.objects.exists()
    login(world.people["lead"]).get(url)
    record = _only_record()
    assert record.purpose == "interviews:snowball_team"
    assert set(record.keys) == {
        str(conversation.resident.uuid),
        str(known.uuid),
        _referral_key(open_name),
    }


def test_referral_match_records_the_name_who_gave_it_and_the_candidates(world, login):
    conversation, _known = _conversation(world.team, world.people["member"])
    referral = ReferralFactory(conversation=conversation, name="Joop")
    candidate = ResidentFactory(team=world.team, name="Joop")
    url = reverse("interviews:referral_match", args=[referral.uuid])
    login(world.people["community_worker"]).get(url)
    record = _only_record()
    assert record.purpose == "interviews:referral_match"
    assert set(record.keys) == {
        _referral_key(referral),
        str(conversation.resident.uuid),
        str(candidate.uuid),
    }


def test_new_conversation_form_records_its_resident_picker_and_the_referral(world, login):
    conversation, known = _conversation(world.team, world.people["member"])
    referral = ReferralFactory(conversation=conversation)
    next_round = RoundFactory(team=world.team, number=conversation.round.number + 1)
    url = reverse("interviews:create") + f"?round={next_round.uuid}&referral={referral.uuid}"
    assert login(world.people["member"]).get(url).status_code == 200
    record = _only_record()
    assert record.purpose == "interviews:create"
    assert set(record.keys) == {
        str(conversation.resident.uuid),
        str(known.uuid),
        _referral_key(referral),
    }


def test_initiative_page_records_its_starters_for_the_team_only(world, login):
    initiative = InitiativeFactory(team=world.team, resident_starters="Mevrouw J., Kees")
    assert (
        login(world.people["area_connector"]).get(initiative.get_absolute_url()).status_code == 200
    )
    assert not AccessRecord.objects.exists()
    page = login(world.people["member"]).get(initiative.get_absolute_url()).content.decode()
    assert "Mevrouw J., Kees" in page
    record = _only_record()
    assert (record.purpose, record.keys) == (
        "initiatives:detail",
        [f"starters-{initiative.public_id}"],
    )


def test_activity_page_records_the_registered_participants(world, login):
    session = SessionFactory(activity__initiative__team=world.team)
    people = [
        Participant.objects.create(initiative=session.activity.initiative, pseudonym=name)
        for name in ("Kees", "Truus")
    ]
    session.attendees.set(people)
    login(world.people["member"]).get(session.activity.get_absolute_url())
    record = _only_record()
    assert record.purpose == "initiatives:activity_detail"
    assert set(record.keys) == {f"participant-{person.pk}" for person in people}


def test_success_list_records_who_was_involved_in_the_own_teams_successes(world, login):
    own = SuccessFactory(team=world.team, involved="Kees en twintig buren")
    SuccessFactory(team=world.other_team, involved="Truus", shareable=True)
    SuccessFactory(team=world.team, involved="")
    page = login(world.people["member"]).get(reverse("initiatives:success_list"))
    assert "Truus" not in page.content.decode()
    record = _only_record()
    assert (record.purpose, record.team, record.keys) == (
        "initiatives:success_list",
        world.team,
        [f"involved-{own.public_id}"],
    )
