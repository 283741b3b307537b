"""The team lead reads who changed what, with old and new values, for the own team only."""

import pytest
from django.urls import reverse

from collectief import collective_services
from collectief.models import AccessRecord
from interviews.models import Resident
from tests.initiatives.factories import InitiativeFactory
from tests.interviews.factories import ConversationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _url(team):
    return reverse("teams:history", args=[team.pk])


def test_lead_sees_who_changed_what_with_old_and_new_values(world, login):
    resident = ResidentFactory(team=world.team, name="Henriëtte")
    resident.name = "Jet"
    resident.save()
    conversation = ConversationFactory(round__team=world.team, resident=resident)
    conversation.notes = "Nieuwe notitie"
    conversation.save()
    InitiativeFactory(team=world.team, name="Moestuin")
    collective_services.framework_current(team=world.team)
    ResidentFactory(team=world.far_team, name="Verweggen")
    response = login(world.people["lead"]).get(_url(world.team))
    content = response.content.decode()
    assert response.status_code == 200
    assert "<del>Henriëtte</del> → Jet" in content
    assert "<del>Geheime notitie</del> → Nieuwe notitie" in content
    assert "Moestuin" in content and "Verweggen" not in content
    record = AccessRecord.objects.get()
    assert record.purpose == "teams:history" and str(resident.uuid) in record.resident_keys


@pytest.mark.parametrize("role", ["member", "community_worker"])
def test_team_members_may_not_read_the_history(world, login, role):
    assert login(world.people[role]).get(_url(world.team)).status_code == 403


def test_another_team_is_refused_and_recorded(world, login):
    assert login(world.people["lead"]).get(_url(world.far_team)).status_code == 404
    record = AccessRecord.objects.get()
    assert (record.team, record.shown) == (world.far_team, False)


def test_fixed_number_of_queries(world, login, django_assert_max_num_queries):
    client = login(world.people["lead"])

    def grow(count):
        for _ in range(count):
            conversation = ConversationFactory(round__team=world.team)
            conversation.notes = "anders"
            conversation.save()
            InitiativeFactory(team=world.team)

    grow(2)
    with django_assert_max_num_queries(20) as small:
        client.get(_url(world.team))
    grow(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(_url(world.team)).status_code == 200
    assert Resident.objects.filter(team=world.team).count() == 10
