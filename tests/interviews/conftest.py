from types import SimpleNamespace

import pytest

from tests.interviews.factories import (
    AnswerFactory,
    ConversationFactory,
    QuestionFactory,
    ReferralFactory,
    RoundFactory,
    ThemeFactory,
    WishFactory,
)


def _team_data(team, author):
    round_ = RoundFactory(team=team, number=1)
    theme = ThemeFactory(questionnaire=round_.questionnaire, title=f"Leefbaarheid {team.pk}")
    question = QuestionFactory(theme=theme)
    conversation = ConversationFactory(round=round_, created_by=author)
    AnswerFactory(conversation=conversation, question=question)
    WishFactory(conversation=conversation, theme=theme)
    referral = ReferralFactory(conversation=conversation)
    return SimpleNamespace(
        team=team,
        round=round_,
        questionnaire=round_.questionnaire,
        theme=theme,
        question=question,
        conversation=conversation,
        resident=conversation.resident,
        referral=referral,
    )


@pytest.fixture
def own(world):
    """A round with one conversation (by the team member) in world.team."""
    return _team_data(world.team, world.people["member"])


@pytest.fixture
def far(world):
    """The same in the far team, which nobody of world.team may see."""
    return _team_data(world.far_team, world.people["outsider"])
