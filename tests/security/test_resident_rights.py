"""Rights of the resident: the team lead exports everything stored and carries out erasure."""

import json

import pytest
from django.urls import reverse

from collectief.models import AccessRecord
from interviews.models import Conversation, Erasure, Referral, Resident
from tests.interviews.factories import AnswerFactory, ConversationFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(world):
    conversation = ConversationFactory(round__team=world.team, notes="Zorgen om de huur")
    AnswerFactory(conversation=conversation, value="Fijne buurt")
    ReferralFactory(conversation=conversation, name="Buurvrouw Ans")
    ReferralFactory(resident=conversation.resident, name="Kees van 3", how_to_reach="Nr. 3")
    return conversation


def _url(name, resident):
    return reverse(f"interviews:{name}", args=[resident.uuid])


def test_lead_exports_everything_as_a_page_and_as_json(world, login, conversation):
    resident = conversation.resident
    client = login(world.people["lead"])
    page = client.get(_url("resident_data", resident)).content.decode()
    for text in (resident.name, "Zorgen om de huur", "Fijne buurt", "Buurvrouw Ans", "Nr. 3"):
        assert text in page
    response = client.get(_url("resident_data", resident) + "?format=json")
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["resident"]["name"] == resident.name
    assert data["conversations"][0]["notes"] == "Zorgen om de huur"
    assert data["named_by_others"][0]["how_to_reach"] == "Nr. 3"
    assert AccessRecord.objects.filter(purpose="interviews:resident_data").count() == 2


@pytest.mark.parametrize("name", ["resident_data", "resident_erase"])
@pytest.mark.parametrize("role", ["member", "community_worker"])
def test_only_the_lead(world, login, conversation, name, role):
    assert login(world.people[role]).get(_url(name, conversation.resident)).status_code == 403


def test_erasure_needs_confirmation_and_keeps_counts(world, login, conversation):
    resident = conversation.resident
    name = resident.name
    client = login(world.people["lead"])
    url = _url("resident_erase", resident)
    assert client.get(url).status_code == 200
    # Without the confirmation nothing happens; the reason typed is kept in the form.
    response = client.post(url, {"reason": "Verzoek per brief"})
    assert response.status_code == 200 and "Verzoek per brief" in response.content.decode()
    assert not Erasure.objects.exists()
    response = client.post(url, {"reason": "Verzoek per brief", "confirm": "on"})
    assert response.status_code == 302
    resident.refresh_from_db()
    erasure = Erasure.objects.get()
    assert (erasure.requested_by, erasure.reason) == (world.people["lead"], "Verzoek per brief")
    assert resident.name == resident.pseudonym and resident.anonymised_at
    assert not Resident.history.filter(name=name).exists()
    assert not Conversation.history.filter(notes="Zorgen om de huur").exists()
    assert not Referral.objects.filter(name__in=["Buurvrouw Ans", "Kees van 3"]).exists()
    assert not Referral.history.filter(name__in=["Buurvrouw Ans", "Kees van 3"]).exists()
    assert Conversation.objects.filter(resident=resident).count() == 1
    assert conversation.answers.count() == 1
    # A second request finds nothing left to erase.
    client.post(url, {"reason": "Nogmaals", "confirm": "on"})
    assert Erasure.objects.count() == 1
