"""Issue 18, findings 3 and 4: quotes never show a name, and an erasure leaves nothing behind.

Quotes on the themes page come only from conversations the resident let us quote, scrubbed of
every name the team knows when they are written and again when a name is erased. An erasure
rewrites the team's free text that names the person, and clears the referrals the lead
confirms as naming them (deleted ones too, in the history table).
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from collectief.models import Team
from initiatives.models import Success
from interviews import services
from interviews.models import Conversation, Referral, Resident, Wish
from tests.initiatives.factories import SuccessFactory
from tests.interviews.factories import ConversationFactory, ReferralFactory, ResidentFactory
from tests.interviews.test_views import _create_url, _form_data

pytestmark = pytest.mark.django_db


def _log_conversation(world, own, login, wish, **overrides):
    """A team member logs a conversation with `wish` under the theme, through the form."""
    user = world.people["member"]
    data = _form_data(own, user, **{f"wish_{own.theme.pk}": wish}, **overrides)
    response = login(user).post(_create_url(own), data)
    assert response.status_code == 302
    return Conversation.objects.get(submission_token=data["submission_token"])


def _themes_page(world, login):
    client = login(world.people["community_worker"])
    return client.get(reverse("interviews:themes", args=[world.team.pk])).content.decode()


def test_an_anonymised_name_does_not_come_back_in_a_quote(world, own, login):
    resident = ResidentFactory(team=world.team, name="Zzoldname")
    _log_conversation(world, own, login, "Zzoldname wil licht op het plein", quotable="on")
    long_ago = timezone.now() - datetime.timedelta(days=800)
    Resident.objects.filter(pk=resident.pk).update(last_activity_at=long_ago)

    call_command("anonymise_inactive_residents", stdout=io.StringIO())

    page = _themes_page(world, login)
    assert "wil licht op het plein" in page
    assert "zzoldname" not in page.casefold()
    # The team's own text is rewritten too, history included.
    assert not Wish.objects.filter(text__icontains="Zzoldname").exists()
    assert not Wish.history.filter(text__icontains="Zzoldname").exists()


def test_a_quote_naming_a_referred_person_with_a_form_of_address_is_scrubbed(world, own, login):
    ReferralFactory(conversation=own.conversation, name="De Vries")
    _log_conversation(world, own, login, "Mevrouw De Vries heeft geen licht", quotable="on")

    page = _themes_page(world, login)
    assert "[…] heeft geen licht" in page
    assert "Vries" not in page


def test_a_conversation_not_marked_quotable_is_not_quoted(world, own, login):
    conversation = _log_conversation(world, own, login, "Een bankje bij de bakker")
    assert "Een bankje bij de bakker" not in _themes_page(world, login)
    assert conversation.quotable is False


@pytest.fixture
def naming(world):
    """Zeynep, to be erased, and Ans's conversation in which Zeynep's name was given (never
    linked to her), a wish that names her, and a success of the team that mentions her."""
    zeynep = ResidentFactory(team=world.team, name="Zeynep")
    conversation = ConversationFactory(
        round__team=world.team, resident=ResidentFactory(team=world.team, name="Ans")
    )
    conversation.wishes.create(text="Zeynep komt vaak langs")
    referral = ReferralFactory(
        conversation=conversation, name="Zeynep", how_to_reach="06-11112222", relationship="zus"
    )
    success = SuccessFactory(team=world.team, involved="Zeynep en de buurvrouw")
    return zeynep, conversation, referral, success


def _erase(world, login, resident, referrals):
    client = login(world.people["lead"])
    url = reverse("interviews:resident_erase", args=[resident.uuid])
    data = {"reason": "Verzoek per brief", "confirm": "on", "referrals": referrals}
    assert client.post(url, data).status_code == 302
    return client


def test_erasure_lists_the_unlinked_referral_and_clears_it_from_the_naming_conversation(
    world, login, naming
):
    zeynep, conversation, referral, success = naming
    client = login(world.people["lead"])
    erase_page = client.get(reverse("interviews:resident_erase", args=[zeynep.uuid]))
    assert f'value="{referral.pk}"' in erase_page.content.decode()

    _erase(world, login, zeynep, [referral.pk])

    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "Zeynep" not in page and "06-11112222" not in page
    assert "[…] komt vaak langs" in page
    success.refresh_from_db()
    assert success.involved == "[…] en de buurvrouw"
    assert not Success.history.filter(involved__contains="Zeynep").exists()


def test_erasure_clears_a_deleted_referral_from_the_history_table(world, login, naming):
    zeynep, _conversation, referral, _success = naming
    referral_id = referral.pk
    referral.delete()
    assert Referral.history.filter(id=referral_id, name="Zeynep").count() == 2

    _erase(world, login, zeynep, [referral_id])

    rows = Referral.history.filter(id=referral_id)
    assert {(row.name, row.how_to_reach, row.relationship) for row in rows} == {
        (f"N-{str(referral.uuid)[:8].upper()}", "", "")
    }


def test_an_unconfirmed_candidate_referral_stays(world, login, naming):
    zeynep, _conversation, referral, _success = naming
    _erase(world, login, zeynep, [])
    referral.refresh_from_db()
    assert (referral.name, referral.how_to_reach) == ("Zeynep", "06-11112222")


def test_the_demo_quotes_only_the_residents_who_agreed():
    call_command("load_demo", "--force", verbosity=0)
    team = Team.objects.get(name="SWT Rozenprieel-Centrum")
    quotes = services.themes_for_team(team, with_quotes=True)["quotes"]
    quoted = sum(len(texts) for texts in quotes.values())
    wishes = Wish.objects.filter(conversation__team=team).count()
    assert 0 < quoted < wishes
