"""Tampered ids: choosing another team's member, resident, round or team in a dropdown (by
editing the HTML) gives a field error and saves nothing."""

import pytest
from django.urls import reverse

from collectief import collective_services
from collectief.models import Assessment
from initiatives.models import Initiative
from interviews.models import Conversation, Referral
from tests.collective.factories import InterventionFactory
from tests.initiatives.factories import InitiativeFactory
from tests.interviews.factories import (
    ConversationFactory,
    ReferralFactory,
    ResidentFactory,
    RoundFactory,
)
from tests.security.test_output_escaping import _fill, _forms_on

pytestmark = pytest.mark.django_db


def _post_tampered(client, url, field, foreign_id, text="Gewone tekst"):
    """Post the page's own form with its defaults, `field` set to another team's id.

    Other fields may have errors too (text in a date field); what counts is that the tampered
    field has its own error and that nothing is saved.
    """
    response = client.get(url)
    assert response.status_code == 200, url
    forms = [form for form in _forms_on(response.content.decode()) if form["method"] == "post"]
    data, _count = _fill(forms[-1]["fields"], text)
    data[field] = str(foreign_id)
    answer = client.post(url, data)
    assert answer.status_code == 200, (url, answer.status_code)
    errors = answer.context["form"].errors
    assert field in errors, (url, errors)
    return answer


def test_conversation_log_refuses_another_teams_resident(world, login):
    round_ = RoundFactory(team=world.team)
    foreign = ResidentFactory(team=world.far_team)
    url = reverse("interviews:create") + f"?round={round_.uuid}"
    _post_tampered(login(world.people["member"]), url, "resident", foreign.pk)
    assert not Conversation.objects.exists()


def test_conversation_log_refuses_a_follow_up_by_someone_of_another_team(world, login):
    round_ = RoundFactory(team=world.team)
    url = reverse("interviews:create") + f"?round={round_.uuid}"
    client = login(world.people["member"])
    _post_tampered(client, url, "follow_up_who", world.people["outsider"].pk)
    assert not Conversation.objects.exists()


def test_referral_match_refuses_another_teams_resident(world, login):
    referral = ReferralFactory(conversation=ConversationFactory(round__team=world.team))
    foreign = ResidentFactory(team=world.far_team, name=referral.name)
    ResidentFactory(team=world.team, name=referral.name)  # a real candidate, so the form shows
    url = reverse("interviews:referral_match", args=[referral.uuid])
    _post_tampered(login(world.people["member"]), url, "resident", foreign.pk)
    referral.refresh_from_db()
    assert referral.resident is None
    assert Referral.objects.filter(resident=foreign).count() == 0


def test_initiative_form_refuses_another_teams_contact_person_and_team(world, login):
    client = login(world.people["lead"])
    url = reverse("initiatives:create")
    _post_tampered(client, url, "contact_person", world.people["outsider"].pk)
    _post_tampered(client, url, "team", world.far_team.pk)
    assert not Initiative.objects.exists()


def test_initiative_update_refuses_another_teams_contact_person(world, login):
    initiative = InitiativeFactory(team=world.team)
    url = reverse("initiatives:update", args=[initiative.public_id])
    _post_tampered(login(world.people["lead"]), url, "contact_person", world.people["outsider"].pk)
    initiative.refresh_from_db()
    assert initiative.contact_person_id is None


def test_assessment_refuses_participants_of_another_team(world, login):
    intervention = InterventionFactory(team=world.team)
    collective_services.framework_current(team=world.team)
    url = reverse("collective:assessment_create", args=[intervention.uuid])
    _post_tampered(login(world.people["lead"]), url, "participants", world.people["outsider"].pk)
    assert not Assessment.objects.exists()
