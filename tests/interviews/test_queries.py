"""Lists and figure pages use a fixed number of queries, with 10 and with 1,000 conversations."""

import uuid

import pytest
from django.urls import reverse

from interviews import rollups
from interviews.models import Answer, Conversation, Referral, Resident, Wish
from tests.interviews.factories import QuestionFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _bulk_conversations(world, count):
    """`count` conversations in two rounds, each naming one resident, half of them followed."""
    author = world.people["member"]
    question = QuestionFactory(theme__questionnaire__team=world.team)
    first = RoundFactory(team=world.team, number=1, questionnaire=question.theme.questionnaire)
    second = RoundFactory(team=world.team, number=2, questionnaire=first.questionnaire)
    neighbourhood = world.team.neighbourhoods.first()
    residents = Resident.objects.bulk_create(
        Resident(team=world.team, name=f"Bewoner {n}", known_as_client=n % 3 == 0)
        for n in range(count)
    )
    half = count // 2
    firsts = Conversation.objects.bulk_create(
        Conversation(
            round=first,
            team=world.team,
            resident=residents[n],
            held_on=first.starts_on,
            neighbourhood=neighbourhood,
            place_kind="street",
            submission_token=uuid.uuid4(),
            created_by=author,
        )
        for n in range(half)
    )
    referrals = Referral.objects.bulk_create(
        Referral(conversation=conversation, name=f"Bewoner {half + n}")
        for n, conversation in enumerate(firsts)
    )
    seconds = Conversation.objects.bulk_create(
        Conversation(
            round=second,
            team=world.team,
            resident=residents[half + n],
            held_on=second.starts_on,
            neighbourhood=neighbourhood,
            place_kind="doorstep",
            submission_token=uuid.uuid4(),
            created_by=author,
            source_referral=referrals[n],
            chain_length=2,
            chain_start=firsts[n],
        )
        for n in range(count - half)
    )
    everything = firsts + seconds
    Conversation.interviewers.through.objects.bulk_create(
        Conversation.interviewers.through(conversation=conversation, user=author)
        for conversation in everything
    )
    Answer.objects.bulk_create(
        Answer(conversation=conversation, question=question, value="Gezellig")
        for conversation in everything
    )
    Wish.objects.bulk_create(
        Wish(conversation=conversation, theme=question.theme, text="Een bankje")
        for conversation in everything
    )
    rollups.refresh(team_ids=[world.team.pk])  # bulk_create sends no signals
    return first


# Queries per page, the same for 10 and for 1,000 conversations.
PAGES = {
    "list": lambda world, round_: reverse("interviews:list"),
    "round": lambda world, round_: round_.get_absolute_url(),
    "snowball": lambda world, round_: reverse("interviews:snowball_team", args=[world.team.pk]),
    "themes": lambda world, round_: reverse("interviews:themes", args=[world.team.pk]),
}
# The list pages through ids first, then fetches the shown rows (one query more, no join over
# every conversation); the snowball page reads the rollups and one page of chains; the themes
# page includes the initiatives app's "what grew from it" panel. The list, the round page and
# the snowball chains write their access record (the residents and names shown) in one INSERT.
LIMITS = {"list": 10, "round": 10, "snowball": 13, "themes": 12}


@pytest.mark.parametrize("count", [10, 1000])
def test_query_count_does_not_grow_with_conversations(
    world, login, django_assert_max_num_queries, count
):
    round_ = _bulk_conversations(world, count)
    client = login(world.people["community_worker"])
    client.get("/")  # session and scope warm-up, not part of the count
    for page, url in PAGES.items():
        with django_assert_max_num_queries(LIMITS[page]) as queries:
            response = client.get(url(world, round_))
        assert response.status_code == 200, page
        print(f"{page}: {len(queries)} queries with {count} conversations")
