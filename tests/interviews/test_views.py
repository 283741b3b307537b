import csv
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief.models import AccessRecord
from interviews.models import Conversation, Questionnaire, Referral, Resident, Round
from tests.interviews.factories import ConversationFactory, ResidentFactory

pytestmark = pytest.mark.django_db


def _form_data(own, user, **overrides):
    data = {
        "submission_token": str(uuid.uuid4()),
        "held_on": timezone.localdate().isoformat(),
        "neighbourhood": own.round.neighbourhoods.first().pk,
        "place_kind": "doorstep",
        "interviewers": [user.pk],
        "new_resident_name": "Mevrouw J.",
        f"q_{own.question.pk}": "Het plein is te donker",
        f"wish_{own.theme.pk}": "Meer licht",
        "notes": "Belt haar dochter elke dag",
        "referrals-TOTAL_FORMS": "3",
        "referrals-INITIAL_FORMS": "0",
        "referrals-MIN_NUM_FORMS": "0",
        "referrals-MAX_NUM_FORMS": "20",
        "referrals-0-name": "Kees",
        "referrals-0-how_to_reach": "Nummer 12",
        "referrals-0-relationship": "buurman",
        "referrals-1-name": "Truus",
        "referrals-1-relationship": "van de wandelclub",
    }
    data.update(overrides)
    return data


def _create_url(own):
    return reverse("interviews:create") + f"?round={own.round.uuid}"


def test_a_team_member_logs_a_conversation_with_referrals(world, own, login):
    user = world.people["member"]
    response = login(user).post(_create_url(own), _form_data(own, user))
    conversation = Conversation.objects.get(resident__name="Mevrouw J.")
    assert response.status_code == 302
    assert response["Location"].startswith(conversation.get_absolute_url())
    assert sorted(conversation.referrals.values_list("name", flat=True)) == ["Kees", "Truus"]
    assert conversation.answers.get().value == "Het plein is te donker"
    assert conversation.wishes.get().text == "Meer licht"
    assert list(conversation.interviewers.all()) == [user]


def test_a_double_tap_creates_one_conversation(world, own, login):
    user = world.people["member"]
    client = login(user)
    data = _form_data(own, user)
    client.post(_create_url(own), data)
    second = client.post(_create_url(own), data)
    assert second.status_code == 302
    assert Conversation.objects.filter(resident__name="Mevrouw J.").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on": "2999-01-01"}, "toekomst"),
        ({"held_on": "2000-01-01"}, "voordat de ronde"),
        ({"referrals-0-name": "mevrouw j."}, "zichzelf"),
        ({"contact_details": "06-12345678"}, "toestemming"),
        ({"interviewers": []}, "verplicht"),
        ({"new_resident_name": ""}, "bekende bewoner"),
    ],
)
def test_bad_input_keeps_every_typed_text(world, own, login, overrides, message):
    user = world.people["member"]
    response = login(user).post(_create_url(own), _form_data(own, user, **overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Het plein is te donker" in page and "Belt haar dochter elke dag" in page
    assert "Nummer 12" in page
    assert not Conversation.objects.filter(resident__name="Mevrouw J.").exists()


def test_a_forged_resident_of_another_team_fails_validation(world, own, far, login):
    user = world.people["member"]
    data = _form_data(own, user, new_resident_name="", resident=far.resident.pk)
    response = login(user).post(_create_url(own), data)
    assert response.status_code == 200 and "resident" in response.context["form"].errors


def test_logging_from_a_referral_links_the_chain(world, own, login):
    next_round = Round.objects.create(
        team=world.team,
        number=2,
        starts_on=own.round.starts_on,
        ends_on=own.round.ends_on,
        goal="Sneeuwbal",
        questionnaire=own.questionnaire,
    )
    next_round.neighbourhoods.set(own.round.neighbourhoods.all())
    user = world.people["member"]
    client = login(user)
    url = reverse("interviews:create") + f"?round={next_round.uuid}&referral={own.referral.uuid}"
    form_page = client.get(url).content.decode()
    assert own.referral.name in form_page
    data = _form_data(own, user, new_resident_name=own.referral.name)
    for key in [k for k in data if k.startswith("referrals-")]:
        data[key] = ""
    data.update({"referrals-TOTAL_FORMS": "1", "referrals-INITIAL_FORMS": "0"})
    assert client.post(url, data).status_code == 302
    own.referral.refresh_from_db()
    assert own.referral.status == Referral.Status.HELD
    assert own.referral.resulting_conversation.round == next_round
    round_page = client.get(next_round.get_absolute_url()).content.decode()
    assert own.referral.name in round_page


def test_a_member_edits_and_a_second_editor_gets_a_conflict(world, own, login):
    user = world.people["member"]
    url = reverse("interviews:update", args=[own.conversation.uuid])
    form = login(user).get(url).context["form"]
    data = _form_data(own, user, version=form.initial["version"])
    del data["new_resident_name"]
    data.update(
        {
            "held_on": own.conversation.held_on.isoformat(),
            "submission_token": str(own.conversation.submission_token),
            "referrals-0-existing": str(own.referral.uuid),
            "referrals-0-name": own.referral.name,
        }
    )
    assert login(user).post(url, data).status_code == 302
    data["notes"] = "Mijn eigen tekst van de tweede editor"
    response = login(world.people["community_worker"]).post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "intussen" in page
    assert "Mijn eigen tekst van de tweede editor" in page
    own.conversation.refresh_from_db()
    assert own.conversation.notes == "Belt haar dochter elke dag"


def test_a_member_may_not_edit_a_colleagues_conversation(world, own, login):
    colleague = world.people["community_worker"]
    own.conversation.created_by = colleague
    own.conversation.save()
    own.conversation.interviewers.set([colleague])
    url = reverse("interviews:update", args=[own.conversation.uuid])
    assert login(world.people["member"]).get(url).status_code == 403
    assert login(colleague).get(url).status_code == 200


def test_anonymised_export_has_pseudonyms_and_no_notes(world, own, login):
    url = reverse("interviews:export", args=[world.team.pk])
    response = login(world.people["member"]).get(url)
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert own.resident.pseudonym in text and own.resident.name not in text
    assert "Geheime notitie" not in text and len(rows) == 2
    assert not AccessRecord.objects.exists()


def test_named_export_is_logged(world, own, login):
    url = reverse("interviews:export", args=[world.team.pk]) + "?named=1&format=xlsx"
    response = login(world.people["lead"]).get(url)
    assert response["Content-Disposition"].endswith('.xlsx"')
    record = AccessRecord.objects.get()
    assert record.user == world.people["lead"] and record.team == world.team
    assert record.purpose == "interviews:export" and record.shown
    assert AccessRecord.objects.for_resident(own.resident.uuid).exists()


def test_referral_status_and_match_with_confirm_step(world, own, login):
    client = login(world.people["member"])
    known = ResidentFactory(team=world.team, name=own.referral.name)
    match_url = reverse("interviews:referral_match", args=[own.referral.uuid])
    assert known.name in client.get(match_url).content.decode()
    assert client.post(match_url, {"resident": known.pk}).status_code == 302
    status_url = reverse("interviews:referral_status", args=[own.referral.uuid])
    client.post(status_url, {"status": "declined", "version": 0})
    own.referral.refresh_from_db()
    assert own.referral.resident == known and own.referral.status == "declined"
    # A second status change from the same (stale) page is a conflict, not an overwrite.
    client.post(status_url, {"status": "unreachable", "version": 0})
    own.referral.refresh_from_db()
    assert own.referral.status == "declined"


def test_community_worker_opens_and_closes_a_round(world, own, login):
    client = login(world.people["community_worker"])
    response = client.post(
        reverse("interviews:round_create", args=[world.team.pk]),
        {
            "number": 2,
            "starts_on": "2026-01-01",
            "ends_on": "2026-02-28",
            "goal": "Sneeuwbal",
            "questionnaire": own.questionnaire.pk,
            "neighbourhoods": [world.team.neighbourhoods.first().pk],
        },
    )
    round_ = Round.objects.get(team=world.team, number=2)
    assert response.status_code == 302
    assert own.referral.name in client.get(round_.get_absolute_url()).content.decode()
    client.post(
        reverse("interviews:round_close", args=[round_.uuid]),
        {"experiences": "In duo's hoor je meer", "surprises": "", "changes": ""},
    )
    round_.refresh_from_db()
    assert not round_.is_open and round_.reflection_experiences == "In duo's hoor je meer"


def test_editing_a_used_questionnaire_via_the_page_makes_version_two(world, own, login):
    client = login(world.people["community_worker"])
    url = reverse("interviews:theme_update", args=[own.questionnaire.pk, own.theme.key])
    response = client.post(
        url, {"title": "Wonen", "description": "", "from_stakeholder_meeting": "on", "order": 1}
    )
    new = Questionnaire.objects.get(lineage=own.questionnaire.lineage, version_number=2)
    assert response["Location"] == new.get_absolute_url()
    assert new.themes.get().from_stakeholder_meeting
    own.theme.refresh_from_db()
    assert own.theme.title != "Wonen"
    page = client.get(own.conversation.get_absolute_url()).content.decode()
    assert own.question.text in page  # old answers still show with their own question


def test_home_panel_shows_the_current_round(world, own, login):
    page = login(world.people["member"]).get("/").content.decode()
    assert "Bewonersgesprekken" in page and own.round.team.name in page
    assert Resident.objects.exists()


def test_the_conversation_list_pages_by_the_rounds_counts(world, own, login):
    for _ in range(55):
        ConversationFactory(round=own.round, resident=own.resident)
    client = login(world.people["member"])
    first = client.get(reverse("interviews:list")).content.decode()
    assert "Pagina 1 van 2" in first and f"{own.round} (56)" in first
    second = client.get(reverse("interviews:list") + "?page=2").content.decode()
    assert second.count('href="/interviews/conversations/') == 6
    only_round = client.get(reverse("interviews:list") + f"?round={own.round.uuid}&page=2")
    assert "Pagina 2 van 2" in only_round.content.decode()
