"""Scoping entries of the collective core pages (framework, interventions, signals, balance)."""

from collectief import collective_services as services
from tests.collective.factories import (
    CollectiveIssueFactory,
    InterventionFactory,
    SignalFactory,
    SignalThemeFactory,
)
from tests.security.matrix import Entry
from tests.security.matrix import same_for_all as _same


def _team_pk(world, team):
    return {"team_pk": team.pk}


def _framework_version(world, team):
    return {"team_pk": team.pk, "version": services.framework_current(team=team).version}


def _theme(world, team):
    return {"team_pk": team.pk, "theme_pk": SignalThemeFactory(team=team, name="Eenzaamheid").pk}


def _intervention(world, team):
    return {"uuid": InterventionFactory(team=team).uuid}


def _assessment(world, team):
    intervention = InterventionFactory(team=team)
    assessment = services.assessment_create(
        intervention=intervention,
        framework=services.framework_current(team=team),
        answers={},
        participants=[],
        user=None,
        held_on="2018-01-15",
        leaning="collective_activating",
        decision="go",
        summary="Doen.",
    )
    return {"uuid": assessment.uuid}


def _signal(world, team):
    return {"uuid": SignalFactory(team=team).uuid}


def _issue(world, team):
    return {"uuid": CollectiveIssueFactory(team=team).uuid}


_CITYWIDE = frozenset({"municipality"})

OBJECT_URLS = {
    "collective:framework": Entry(_team_pk),
    "collective:framework_edit": Entry(_team_pk),
    "collective:framework_version": Entry(_framework_version),
    "collective:balance_settings": Entry(_team_pk),
    "collective:themes": Entry(_team_pk),
    "collective:theme_toggle": Entry(_theme, own_status=405),  # POST only
    "collective:intervention_create": Entry(_team_pk),
    "collective:intervention_detail": Entry(_intervention),
    "collective:intervention_update": Entry(_intervention),
    "collective:assessment_create": Entry(_intervention),
    "collective:assessment_detail": Entry(_assessment),
    # Team leads record no signals themselves (no LOG_WORK).
    "collective:signal_create": Entry(_team_pk, opened_by="member"),
    "collective:signal_detail": Entry(_signal),
    # Opens only with ?theme=&neighbourhood= (from a signal theme): without them 404 even for
    # the own team; the foreign team is refused before that.
    "collective:issue_create": Entry(_team_pk, own_status=404),
    "collective:issue_detail": Entry(_issue),
    "collective:issue_update": Entry(_issue),
    # Municipality staff see the figures of every team (VIEW_FIGURES citywide).
    "collective:balance_team": Entry(_team_pk, visible_to=_CITYWIDE),
}

PAGES = {
    "collective:interventions": _same(200),
    "collective:issues": _same(200),
    "collective:balance": _same(200),
    "collective:balance_export": _same(200),
    # Signals name a household's situation: only the teams themselves.
    "collective:signals": {
        "member": {200},
        "community_worker": {200},
        "lead": {200},
        "area_connector": {404},
        "municipality": {404},
    },
    "collective:hours": {
        "member": {200},
        "community_worker": {200},
        "lead": {200},
        "area_connector": {403},
        "municipality": {403},
    },
}
