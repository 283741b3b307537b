"""The small read API that the pilots app's city dashboard builds on."""

import datetime

import pytest

from collectief.access import ALL_TEAMS
from initiatives import services
from tests.initiatives.factories import (
    InitiativeFactory,
    LabelApplicationFactory,
    SessionFactory,
    SuccessFactory,
)

pytestmark = pytest.mark.django_db


def test_initiative_counts_by_status_and_label_per_team(world, ours, theirs):
    InitiativeFactory(team=world.team, status="idea")
    LabelApplicationFactory(programme=ours.programme, initiative__team=world.team, status="granted")
    counts = services.initiative_counts({world.team.pk})
    assert counts == {
        world.team.pk: {
            "by_status": {"running": 2, "idea": 1},
            "by_label": {ours.programme.name: 1},
        }
    }
    assert set(services.initiative_counts(ALL_TEAMS)) == {world.team.pk, world.far_team.pk}


def test_participants_per_month(world, ours):
    SessionFactory(activity=ours.activity, date=datetime.date(2018, 1, 9), participants=6)
    SessionFactory(activity=ours.activity, date=datetime.date(2018, 2, 6), participants=10)
    rows = services.participants_per_period({world.team.pk}, start=datetime.date(2018, 1, 1))
    assert [(r["period"], r["sessions"], r["participants"]) for r in rows] == [
        (datetime.date(2018, 1, 1), 2, 10),
        (datetime.date(2018, 2, 1), 1, 10),
    ]
    assert services.participants_per_period({world.other_team.pk}) == []


def test_shareable_successes_carry_no_personal_data(world, ours):
    SuccessFactory(team=world.team, title="Gedeeld", shareable=True, involved="Kees")
    rows = services.shareable_successes({world.team.pk})
    assert [row["title"] for row in rows] == ["Gedeeld"]
    assert "involved" not in rows[0] and "photo" not in rows[0]
    assert "Kees" not in str(rows)
