"""Scoping entries of the interviews URLs (rounds, conversations, residents, questionnaires)."""

from interviews.models import ExportJob
from tests.interviews.factories import (
    ConversationFactory,
    QuestionFactory,
    ReferralFactory,
    ResidentFactory,
    RoundFactory,
    ThemeFactory,
)
from tests.security.matrix import Entry
from tests.security.matrix import same_for_all as _same
from tests.security.scoping_core import _team


def _conversation(world, team):
    return {"conversation_uuid": ConversationFactory(round=RoundFactory(team=team)).uuid}


def _resident(world, team):
    return {"resident_uuid": ResidentFactory(team=team).uuid}


def _round(world, team):
    return {"round_uuid": RoundFactory(team=team).uuid}


def _referral(world, team):
    conversation = ConversationFactory(round=RoundFactory(team=team))
    return {"referral_uuid": ReferralFactory(conversation=conversation).uuid}


def _team_pk(world, team):
    return {"team_pk": _team(world, team)["pk"]}


def _questionnaire(world, team):
    return {"pk": RoundFactory(team=team).questionnaire.pk}


def _theme(world, team):
    theme = ThemeFactory(questionnaire=RoundFactory(team=team).questionnaire)
    return {"pk": theme.questionnaire_id, "theme_key": theme.key}


def _question(world, team):
    question = QuestionFactory(
        theme=ThemeFactory(questionnaire=RoundFactory(team=team).questionnaire)
    )
    return {
        "pk": question.theme.questionnaire_id,
        "theme_key": question.theme.key,
        "question_key": question.key,
    }


def _export_job(world, team):
    """A finished background export of `team`, asked for by world.team's lead: only that lead
    opens it, and only while still seeing the team's conversations."""
    job = ExportJob.objects.create(
        requester=world.people["lead"],
        team=team,
        status=ExportJob.Status.DONE,
        filename="gesprekken.csv",
        file_format="csv",
        content=b"Ronde;Datum\n",
    )
    return {"job_uuid": job.uuid}


# The team lead edits no conversations and matches no referrals (tests/interviews/test_access).
_BY_COMMUNITY_WORKER = {"opened_by": "community_worker"}

_CITYWIDE = frozenset({"municipality"})

OBJECT_URLS = {
    "interviews:detail": Entry(_conversation),
    "interviews:update": Entry(_conversation, **_BY_COMMUNITY_WORKER),
    "interviews:resident_detail": Entry(_resident),
    "interviews:round_detail": Entry(_round),
    "interviews:round_close": Entry(_round),  # GET asks to confirm
    # The area connector follows the snowball and themes of the teams in their area.
    # Municipality staff see these figures for every team (VIEW_FIGURES citywide).
    "interviews:snowball_round": Entry(_round, visible_to=_CITYWIDE),
    "interviews:snowball_team": Entry(_team_pk, visible_to=_CITYWIDE),
    "interviews:themes": Entry(_team_pk, visible_to=_CITYWIDE),
    "interviews:round_create": Entry(_team_pk),
    "interviews:export": Entry(_team_pk),
    "interviews:export_start": Entry(_team_pk, own_status=405),  # POST only
    "interviews:export_job": Entry(_export_job),
    "interviews:export_download": Entry(_export_job),
    "interviews:referral_status": Entry(_referral, own_status=405),  # POST only
    "interviews:referral_match": Entry(_referral, **_BY_COMMUNITY_WORKER),
    "interviews:questionnaire_create": Entry(_team_pk),
    "interviews:questionnaire_detail": Entry(_questionnaire),
    "interviews:theme_create": Entry(_questionnaire),
    "interviews:theme_update": Entry(_theme),
    "interviews:question_create": Entry(_theme),
    "interviews:question_update": Entry(_question),
}

_TEAM_ONLY = {
    "member": {200},
    "community_worker": {200},
    "lead": {200},
    "area_connector": {403},
    "municipality": {403},
}

PAGES = {
    "interviews:list": _TEAM_ONLY,
    "interviews:resident_list": _TEAM_ONLY,
    # Logging a conversation needs a round; without ?round= the member picks one.
    "interviews:create": {**_TEAM_ONLY, "lead": {403}},
    "interviews:round_list": _same(200),
    "interviews:questionnaire_list": {**_TEAM_ONLY, "area_connector": {200}},
}
