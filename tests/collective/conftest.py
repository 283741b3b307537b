import pytest

from collectief import collective_services as services
from tests.collective.factories import (
    CollectiveIssueFactory,
    InterventionFactory,
    SignalFactory,
)


@pytest.fixture
def things(world):
    """One of each object in world.team and in world.far_team (the outsider's team)."""

    def make(team):
        intervention = InterventionFactory(team=team)
        framework = services.framework_current(team=team)
        assessment = services.assessment_create(
            intervention=intervention,
            framework=framework,
            answers={},
            participants=[],
            user=None,
            held_on="2018-01-15",
            leaning="collective_activating",
            decision="go",
            summary="Doen.",
        )
        return {
            "team": team,
            "intervention": intervention,
            "assessment": assessment,
            "signal": SignalFactory(team=team),
            "issue": CollectiveIssueFactory(team=team),
        }

    return {"own": make(world.team), "far": make(world.far_team)}
