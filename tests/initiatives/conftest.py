from types import SimpleNamespace

import pytest

from tests.initiatives.factories import (
    ActivityFactory,
    InitiativeFactory,
    LabelApplicationFactory,
    LabelProgrammeFactory,
    MaterialFactory,
    SessionFactory,
    SuccessFactory,
)


def _things(team):
    initiative = InitiativeFactory(team=team, name=f"Bakkie van {team.name}")
    activity = ActivityFactory(initiative=initiative)
    programme = LabelProgrammeFactory(team=team)
    return SimpleNamespace(
        initiative=initiative,
        activity=activity,
        session=SessionFactory(activity=activity),
        material=MaterialFactory(initiative=initiative),
        programme=programme,
        application=LabelApplicationFactory(programme=programme, initiative=initiative),
        success=SuccessFactory(team=team, initiative=initiative),
    )


@pytest.fixture
def ours(world):
    """An initiative of world.team with one of everything hanging off it."""
    return _things(world.team)


@pytest.fixture
def theirs(world):
    """The same for the far team (another area)."""
    return _things(world.far_team)
