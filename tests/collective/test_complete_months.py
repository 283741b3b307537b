"""Issue 17 §2, "balance from partial months": a month is a verdict on the team only when it
is complete (the month is over and at least 80 % of the members registered hours in it)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from collectief import balance
from collectief.models import Role, TeamBalanceSettings, WeeklyHours
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
JUNE_2018 = datetime.date(2018, 6, 4)


def _week(team, user, week, collective, individual, role=Role.MEMBER):
    WeeklyHours.objects.create(
        team=team,
        user=user,
        role=role,
        week=week,
        collective_activating=collective,
        individual_helping=individual,
    )


@pytest.fixture
def five_member_team(world):
    """SWT Oost 1 with five members who all registered June 2018: 19 % collective, target 25."""
    team = world.team
    extra = [MembershipFactory(team=team, role=Role.MEMBER).user for _ in range(2)]
    members = [world.people["member"], world.people["community_worker"], world.people["lead"]]
    for user in [*members, *extra]:
        _week(team, user, JUNE_2018, collective="3.8", individual="16.2")
    TeamBalanceSettings.objects.create(team=team, collective_target=25)
    return team


def _this_monday():
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def test_the_leads_one_week_does_not_turn_the_balance_into_target_met(
    five_member_team, world, login
):
    # The lead saves the pre-filled week of hours for herself, this month: 31 % collective.
    _week(five_member_team, world.people["lead"], _this_monday(), "10", "22", Role.LEAD)
    client = login(world.people["lead"])

    page = client.get(reverse("collective:balance")).content.decode()
    # The page still opens on the last complete month, with its coverage and verdict.
    assert "juni 2018" in page
    assert "5 van 5 leden" in page
    assert "onder het doel" in page

    this_month = f"{_this_monday():%Y-%m}"
    page = client.get(reverse("collective:balance") + f"?until={this_month}").content
    page = page.decode()
    assert "1 van 5 leden" in page and "maand niet compleet" in page
    assert "doel gehaald" not in page


def test_a_complete_month_needs_eighty_percent_of_the_members(world):
    june = datetime.date(2018, 6, 1)
    assert not balance.month_coverage(3, 4, june).complete  # 75 %
    assert balance.month_coverage(4, 5, june).complete  # 80 %
    assert not balance.month_coverage(0, 0, june).complete  # a team without members
    this_month = timezone.localdate().replace(day=1)
    assert not balance.month_coverage(5, 5, this_month).complete  # not over yet


def test_target_met_is_only_declared_from_a_complete_month(five_member_team, world):
    july = datetime.date(2018, 7, 2)
    _week(five_member_team, world.people["lead"], july, "10", "10", Role.LEAD)
    [result] = balance.team_balances([five_member_team], july, months=2)
    june, july_figures = result.months
    assert june.coverage == balance.Coverage(registered=5, members=5, complete=True)
    assert july_figures.coverage.registered == 1 and not july_figures.coverage.complete
    assert july_figures.collective_share == 50  # above the target of 25 ...
    assert not result.target_met and not result.below_target  # ... but no verdict


def test_the_export_says_how_many_members_registered(five_member_team, world, login):
    client = login(world.people["lead"])
    body = client.get(reverse("collective:balance_export") + "?format=csv").content.decode()
    assert "2018-06" in body
    june_row = next(line for line in body.splitlines() if "2018-06" in line)
    assert june_row.endswith(";5;5;ja")
