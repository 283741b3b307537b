"""Rollup tables agree with a full recount of the rows they summarise, whatever path wrote."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from collectief import collective_services, rollups
from collectief.models import Membership, Role, TeamMonthHours, WeeklyHours
from tests.collective.factories import WeeklyHoursFactory

pytestmark = pytest.mark.django_db


def _rollup():
    return {
        (row.team_id, row.month, row.role): {q: getattr(row, q) for q in rollups.QUADRANTS}
        for row in TeamMonthHours.objects.all()
        if any(getattr(row, q) for q in rollups.QUADRANTS)  # emptied months may stay at zero
    }


def _recount():
    return {key: hours for key, hours in rollups.hours_recount().items() if any(hours.values())}


def test_hours_rollup_follows_every_write(world):
    member = world.people["member"]
    week = datetime.date(2026, 3, 30)  # a Monday in March whose week ends in April
    hours = {"individual_helping": Decimal("10"), "collective_activating": Decimal("4.5")}
    collective_services.hours_record(team=world.team, user=member, week=week, hours=hours)
    collective_services.hours_record(
        team=world.team, user=member, week=week + datetime.timedelta(weeks=1), hours=hours
    )
    assert _rollup() == _recount()
    assert TeamMonthHours.objects.get(month=datetime.date(2026, 3, 1)).collective_activating == (
        Decimal("4.5")
    )
    # A correction replaces the week's hours; a role change moves them to the new role.
    Membership.objects.filter(team=world.team, user=member).update(role=Role.COMMUNITY_WORKER)
    collective_services.hours_record(
        team=world.team, user=member, week=week, hours={"collective_helping": Decimal("8")}
    )
    WeeklyHoursFactory(
        team=world.other_team, week=datetime.date(2025, 12, 29), collective_helping=3
    )
    assert _rollup() == _recount()
    WeeklyHours.objects.filter(team=world.team).first().delete()
    assert _rollup() == _recount()


def test_refresh_rebuilds_the_rollup_after_a_bulk_load(world):
    WeeklyHours.objects.bulk_create(
        [
            WeeklyHours(
                team=world.team,
                user=world.people["member"],
                role=Role.MEMBER,
                week=datetime.date(2026, 1, 5) + datetime.timedelta(weeks=n),
                individual_helping=Decimal("20"),
            )
            for n in range(10)
        ]
    )
    assert _rollup() != _recount()  # bulk_create sends no signals
    call_command("refresh_rollups", verbosity=0)
    assert _rollup() == _recount()


def test_generated_data_comes_with_current_rollups():
    call_command("generate_data", "--scale", "0.005", "--allow-sqlite", verbosity=0)
    assert TeamMonthHours.objects.exists()
    assert _rollup() == _recount()
