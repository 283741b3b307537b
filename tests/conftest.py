"""Shared fixtures: a small world of two areas and three teams with one person per role.

``world.team`` is the team under test; ``world.other_team`` sits in the same area,
``world.far_team`` in another area. Each role fixture is a logged-in client.
"""

import datetime
from types import SimpleNamespace

import pytest

from collectief.models import Role
from tests.collective.factories import WeeklyHoursFactory
from tests.factories import (
    AreaConnectorFactory,
    AreaFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    TeamFactory,
    UserFactory,
)

ROLES = ["member", "community_worker", "lead", "area_connector", "municipality"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and demo files go to the test's own folder: not into the project, and not where
    a test running at the same time (on another pytest-xdist worker) writes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db):
    area = AreaFactory(name="Oost")
    far_area = AreaFactory(name="Noord")
    team = TeamFactory(
        name="SWT Oost 1",
        area=area,
        neighbourhoods=[NeighbourhoodFactory(name="Slachthuisbuurt", area=area)],
    )
    other_team = TeamFactory(
        name="SWT Oost 2",
        area=area,
        neighbourhoods=[NeighbourhoodFactory(name="Parkwijk", area=area)],
    )
    far_team = TeamFactory(
        name="SWT Noord",
        area=far_area,
        neighbourhoods=[NeighbourhoodFactory(name="Noord-Noord", area=far_area)],
    )
    people = {
        "member": MembershipFactory(team=team, role=Role.MEMBER, user__username="ruud").user,
        "community_worker": MembershipFactory(
            team=team, role=Role.COMMUNITY_WORKER, user__username="fatima"
        ).user,
        "lead": MembershipFactory(team=team, role=Role.LEAD, user__username="sandra").user,
        "area_connector": AreaConnectorFactory(area=area, user__username="jeroen").user,
        "municipality": UserFactory(username="mirjam", is_municipality_staff=True),
        "outsider": MembershipFactory(team=far_team, role=Role.LEAD, user__username="henk").user,
    }
    return SimpleNamespace(
        area=area,
        far_area=far_area,
        team=team,
        other_team=other_team,
        far_team=far_team,
        people=people,
    )


@pytest.fixture
def login(client):
    """login(user) logs the test client in as that user and returns the client."""

    def do_login(user):
        client.force_login(user)
        return client

    return do_login


@pytest.fixture
def june_hours(world):
    """A week of June 2018 in world.team: 7.5 collective of 31.5 hours, a share of 23.8 %."""
    return WeeklyHoursFactory(
        team=world.team,
        user=world.people["member"],
        week=datetime.date(2018, 6, 4),
        collective_activating="7.5",
        individual_helping=24,
    )
