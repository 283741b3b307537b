import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from collectief.concurrency import EditConflict
from interviews import services
from interviews.models import Conversation, Questionnaire, Referral, Resident
from tests.factories import NeighbourhoodFactory
from tests.interviews.factories import (
    AnswerFactory,
    ConversationFactory,
    QuestionFactory,
    ReferralFactory,
    ResidentFactory,
    RoundFactory,
    ThemeFactory,
    place_chains_as_the_migration_does,
)

pytestmark = pytest.mark.django_db


def _input(round_, **overrides):
    values = {
        "round": round_,
        "held_on": timezone.localdate(),
        "neighbourhood": round_.team.neighbourhoods.first(),
        "place_kind": "doorstep",
        "interviewers": [],
        "new_resident_name": "Kees",
    }
    values.update(overrides)
    return services.ConversationInput(**values)


# ---------------------------------------------------------------- versioning


def test_editing_an_unused_questionnaire_changes_it_in_place(world):
    theme = ThemeFactory(questionnaire__team=world.team, title="Veiligheid")
    target, changed = services.theme_save(
        questionnaire=theme.questionnaire,
        key=theme.key,
        title="Veilig wonen",
        description="",
        from_stakeholder_meeting=True,
        order=1,
    )
    assert target == theme.questionnaire and changed.pk == theme.pk
    assert Questionnaire.objects.count() == 1


def test_editing_a_used_questionnaire_makes_a_new_version_and_old_answers_stay(world):
    question = QuestionFactory(theme__questionnaire__team=world.team, text="Hoe woont u?")
    questionnaire = question.theme.questionnaire
    round_ = RoundFactory(team=world.team, questionnaire=questionnaire)
    answer = AnswerFactory(conversation__round=round_, question=question, value="Fijn")

    target, changed = services.question_save(
        questionnaire=questionnaire,
        theme_key=question.theme.key,
        key=question.key,
        text="Hoe prettig woont u?",
        kind="scale",
        choices="",
        order=1,
    )

    assert target.version_number == 2 and target.lineage == questionnaire.lineage
    assert changed.key == question.key and changed.pk != question.pk
    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.text == "Hoe woont u?" and answer.question == question
    assert answer.conversation.round.questionnaire == questionnaire
    # A further edit of the new, still unused, version stays in version 2.
    again, _theme = services.theme_save(
        questionnaire=target,
        title="Nieuw thema",
        description="",
        from_stakeholder_meeting=False,
        order=9,
    )
    assert again == target


# ---------------------------------------------------------------- matching


def test_match_candidates_are_residents_of_the_same_team_only(world):
    referral = ReferralFactory(conversation__round__team=world.team, name=" kees ")
    own = ResidentFactory(team=world.team, name="Kees")
    ResidentFactory(team=world.other_team, name="Kees")
    assert list(services.match_candidates(referral)) == [own]


def test_matching_links_a_known_resident_and_refuses_another_teams(world):
    referral = ReferralFactory(conversation__round__team=world.team, name="Kees")
    stranger = ResidentFactory(team=world.other_team, name="Kees")
    with pytest.raises(ValidationError):
        services.referral_match(referral=referral, resident=stranger)
    with pytest.raises(ValidationError):
        services.referral_match(referral=referral, resident=referral.conversation.resident)
    own = ResidentFactory(team=world.team, name="Kees")
    services.referral_match(referral=referral, resident=own)
    referral.refresh_from_db()
    assert referral.resident == own


# ---------------------------------------------------------------- logging


def test_a_second_submit_with_the_same_token_creates_nothing(world):
    round_ = RoundFactory(team=world.team)
    user = world.people["member"]
    token = uuid.uuid4()
    data = _input(round_, interviewers=[user])
    first, created = services.conversation_log(data=data, user=user, submission_token=token)
    again, created_again = services.conversation_log(data=data, user=user, submission_token=token)
    assert created and not created_again and first == again
    assert Conversation.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"held_on": timezone.localdate() + datetime.timedelta(days=1)}, "held_on"),
        ({"held_on": timezone.localdate() - datetime.timedelta(days=365)}, "held_on"),
        ({"referrals": [{"name": "kees", "how_to_reach": "", "relationship": ""}]}, "referrals"),
        ({"contact_details": "06-12345678"}, "consent"),
    ],
)
def test_bad_input_is_refused_with_a_field_message(world, overrides, field):
    round_ = RoundFactory(team=world.team)
    data = _input(round_, interviewers=[world.people["member"]], **overrides)
    with pytest.raises(ValidationError) as error:
        services.conversation_log(
            data=data, user=world.people["member"], submission_token=uuid.uuid4()
        )
    assert field in error.value.error_dict
    assert Conversation.objects.count() == 0


def test_consent_records_who_when_and_what_for(world):
    round_ = RoundFactory(team=world.team)
    user = world.people["member"]
    data = _input(
        round_,
        interviewers=[user],
        contact_details="06-12345678",
        consent=True,
        consent_purpose="uitnodiging buurtkoffie",
    )
    conversation, _created = services.conversation_log(
        data=data, user=user, submission_token=uuid.uuid4()
    )
    resident = conversation.resident
    assert resident.consent_asked_by == user and resident.consent_given_at is not None
    assert resident.consent_purpose == "uitnodiging buurtkoffie"


def test_a_conversation_from_a_referral_keeps_the_chain_link(world):
    referral = ReferralFactory(conversation__round__team=world.team, name="Kees")
    next_round = RoundFactory(team=world.team, number=referral.conversation.round.number + 1)
    user = world.people["member"]
    conversation, _created = services.conversation_log(
        data=_input(next_round, interviewers=[user], source_referral=referral),
        user=user,
        submission_token=uuid.uuid4(),
    )
    referral.refresh_from_db()
    assert conversation.source_referral == referral
    assert referral.status == Referral.Status.HELD and referral.resident == conversation.resident
    assert list(services.to_contact_list(next_round)) == [referral]


def test_two_people_editing_the_same_conversation_conflict(world):
    conversation = ConversationFactory(round__team=world.team)
    user = world.people["member"]
    data = _input(conversation.round, interviewers=[user], held_on=conversation.held_on)
    services.conversation_update(
        conversation=conversation, data=data, user=user, expected_version=0
    )
    stale = Conversation.objects.get(pk=conversation.pk)
    with pytest.raises(EditConflict):
        services.conversation_update(conversation=stale, data=data, user=user, expected_version=0)


# ---------------------------------------------------------------- chain statistics


@pytest.fixture
def chain(world):
    """A names B and X; B names A; A (again) names C.  Checked by hand:

    round 1: a1 (A, known client)  -> r1 "B", rx "X" (never spoken to)
    round 2: b2 (B, from r1)       -> r2 "A"
    round 3: a3 (A, from r2)       -> r3 "C";  c3 (C, from r3, other neighbourhood)
    """
    team = world.team
    rounds = [RoundFactory(team=team, number=n) for n in (1, 2, 3)]
    a = ResidentFactory(team=team, name="A", known_as_client=True)
    b = ResidentFactory(team=team, name="B")
    c = ResidentFactory(team=team, name="C")
    a1 = ConversationFactory(round=rounds[0], resident=a)
    r1 = ReferralFactory(conversation=a1, name="B", status="held")
    ReferralFactory(conversation=a1, name="X")
    b2 = ConversationFactory(round=rounds[1], resident=b, source_referral=r1)
    r2 = ReferralFactory(conversation=b2, name="A", status="held")
    a3 = ConversationFactory(round=rounds[2], resident=a, source_referral=r2)
    r3 = ReferralFactory(conversation=a3, name="C", status="held")
    other = NeighbourhoodFactory(area=team.area)
    ConversationFactory(round=rounds[2], resident=c, source_referral=r3, neighbourhood=other)
    return team, rounds


def test_chain_figures_over_all_rounds(chain):
    team, _rounds = chain
    _per_round, overall = services.snowball_figures(team)
    assert overall == {
        "conversations": 4,
        "residents": 3,
        "referrals": 4,
        "referrals_per_conversation": 1.0,
        "referrals_followed_share": 75.0,
        "longest_chain": 4,
        "neighbourhoods": 2,
        "not_known_as_client_share": 66.7,
    }


def test_chain_figures_per_round(chain):
    team, rounds = chain
    RoundFactory(team=team, number=4)  # no conversations yet
    per_round = dict(services.snowball_figures(team)[0])
    assert [per_round[r]["conversations"] for r in rounds] == [1, 1, 2]
    assert [per_round[r]["referrals_followed_share"] for r in rounds] == [50.0, 100.0, 100.0]
    assert [per_round[r]["longest_chain"] for r in rounds] == [1, 2, 4]
    assert [per_round[r]["neighbourhoods"] for r in rounds] == [1, 1, 2]
    assert [per_round[r]["not_known_as_client_share"] for r in rounds] == [0.0, 100.0, 50.0]
    assert per_round[rounds[2]]["residents"] == 2
    empty = [figures for each, figures in per_round.items() if each.number == 4][0]
    assert empty["conversations"] == 0 and empty["referrals_per_conversation"] is None


def test_a_conversation_knows_its_place_in_the_chain(chain):
    team, _rounds = chain
    rows = Conversation.objects.filter(round__team=team).order_by("pk")
    assert list(rows.values_list("resident__name", "chain_length")) == [
        ("A", 1),
        ("B", 2),
        ("A", 3),
        ("C", 4),
    ]
    start = Conversation.objects.get(round__number=1, round__team=team)
    assert start.chain_length == 1 and start.chain_start is None
    assert set(
        Conversation.objects.filter(round__team=team)
        .exclude(pk=start.pk)
        .values_list("chain_start", flat=True)
    ) == {start.pk}


def test_the_chain_tree_marks_the_resident_who_came_back(chain):
    _team, rounds = chain
    chains, more = services.snowball_chains(rounds)
    (root,) = chains
    assert not more
    assert root.resident_name == "A" and root.open_referrals[0][0] == "X"
    (b,) = root.children
    (a_again,) = b.children
    (c,) = a_again.children
    assert (b.resident_name, a_again.resident_name, c.resident_name) == ("B", "A", "C")
    assert a_again.repeat and not b.repeat and not c.repeat


def test_chains_of_later_rounds_begin_where_those_rounds_begin(chain):
    _team, rounds = chain
    (root,), _more = services.snowball_chains(rounds[1:])
    assert root.resident_name == "B" and not root.repeat
    assert [child.resident_name for child in root.children] == ["A"]


def test_chains_come_a_page_at_a_time_newest_first(world):
    round_ = RoundFactory(team=world.team, number=1)
    first_day = round_.starts_on
    for offset in range(services.CHAINS_PER_PAGE + 1):
        conversation = ConversationFactory(
            round=round_, held_on=first_day + datetime.timedelta(days=offset)
        )
        ReferralFactory(conversation=conversation)
    ConversationFactory(round=round_)  # named nobody: not a chain
    page, more = services.snowball_chains([round_])
    assert len(page) == services.CHAINS_PER_PAGE and more
    assert page[0].held_on == first_day + datetime.timedelta(days=services.CHAINS_PER_PAGE)
    (last,), more = services.snowball_chains([round_], page=2)
    assert last.held_on == first_day and not more


def test_the_migration_places_earlier_conversations_in_their_chains(chain):
    team, _rounds = chain
    conversations = Conversation.objects.filter(round__team=team)
    placed = set(conversations.values_list("pk", "chain_length", "chain_start"))
    conversations.update(chain_length=1, chain_start=None)
    place_chains_as_the_migration_does()
    assert set(conversations.values_list("pk", "chain_length", "chain_start")) == placed


def test_themes_are_counted_per_round_and_neighbourhood_across_versions(world):
    question = QuestionFactory(theme__questionnaire__team=world.team, theme__title="Veiligheid")
    round_ = RoundFactory(team=world.team, questionnaire=question.theme.questionnaire)
    conversation = AnswerFactory(conversation__round=round_, question=question).conversation
    conversation.resident.name = "Kees"
    conversation.resident.save()
    conversation.quotable = True
    conversation.save()
    # Written before Kees was known: the page scrubs the quote with the names known now.
    text = "Kees wil meer licht in de steeg"
    conversation.wishes.create(theme=question.theme, text=text, quote=text)
    data = services.themes_for_team(world.team, with_quotes=True)
    key = question.theme.key
    assert data["themes"] == [(key, "Veiligheid")]
    assert data["by_round"][(key, round_.number)] == 1  # answer and wish: one conversation
    assert data["quotes"][key] == ["[…] wil meer licht in de steeg"]


def test_a_racing_double_submit_gets_the_conversation_that_won(world, monkeypatch):
    round_ = RoundFactory(team=world.team)
    user = world.people["member"]
    token = uuid.uuid4()
    real_create = services._conversation_create

    def other_tap_wins_first(**kwargs):
        ConversationFactory(round=round_, submission_token=token)
        return real_create(**kwargs)

    monkeypatch.setattr(services, "_conversation_create", other_tap_wins_first)
    conversation, created = services.conversation_log(
        data=_input(round_, interviewers=[user]), user=user, submission_token=token
    )
    assert not created and conversation.submission_token == token
    assert Conversation.objects.count() == 1
    assert not Resident.objects.filter(name="Kees").exists()  # the loser rolled back fully


def test_emptying_contact_details_on_edit_withdraws_them_and_the_consent(world):
    user = world.people["member"]
    resident = ResidentFactory(
        team=world.team,
        contact_details="06-12345678",
        consent_asked_by=user,
        consent_given_at=timezone.now(),
        consent_purpose="uitnodiging",
    )
    conversation = ConversationFactory(round__team=world.team, resident=resident)
    data = _input(conversation.round, interviewers=[user], held_on=conversation.held_on)
    services.conversation_update(
        conversation=conversation, data=data, user=user, expected_version=0
    )
    resident.refresh_from_db()
    assert resident.contact_details == "" and resident.consent_given_at is None
