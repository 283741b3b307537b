"""The balance computation and the signal grouping, on small hand-checked data."""

import datetime
from decimal import Decimal

import pytest

from collectief import balance
from collectief.access import ALL_TEAMS
from collectief.models import Quadrant, Role, TeamBalanceSettings
from tests.collective.factories import (
    CollectiveIssueFactory,
    InterventionFactory,
    SignalFactory,
    SignalThemeFactory,
    WeeklyHoursFactory,
)

pytestmark = pytest.mark.django_db
Q = Quadrant
JAN, FEB = datetime.date(2018, 1, 1), datetime.date(2018, 2, 1)


def test_months_until_counts_back_across_a_year():
    months = balance.months_until(datetime.date(2018, 2, 14), 3)
    assert months == [datetime.date(2017, 12, 1), JAN, FEB]


def test_balance_per_team_month_and_role_is_hand_checked(world):
    team = world.team
    cw, member = world.people["community_worker"], world.people["member"]
    # January: community worker 10 collective activating + 10 individual helping;
    # member 2 collective helping + 18 individual helping → 12 of 40 collective = 30%.
    WeeklyHoursFactory(
        team=team,
        user=cw,
        role=Role.COMMUNITY_WORKER,
        week=JAN,
        collective_activating=10,
        individual_helping=10,
    )
    WeeklyHoursFactory(
        team=team, user=member, week=JAN, collective_helping=2, individual_helping=18
    )
    # A week starting 29 January counts in January (the month of its Monday).
    WeeklyHoursFactory(
        team=team,
        user=member,
        week=datetime.date(2018, 1, 29),
        individual_activating=Decimal("4.5"),
    )
    # February: member only, 5 of 20 collective = 25%.
    WeeklyHoursFactory(
        team=team,
        user=member,
        week=datetime.date(2018, 2, 5),
        collective_activating=5,
        individual_helping=15,
    )
    # The lead and the community worker registered February too (no hours): the month is
    # complete, so it may be held against the target.
    WeeklyHoursFactory(team=team, user=world.people["lead"], role=Role.LEAD, week=FEB)
    WeeklyHoursFactory(team=team, user=cw, role=Role.COMMUNITY_WORKER, week=FEB)
    # Another team's hours never leak into this team's figures.
    WeeklyHoursFactory(team=world.other_team, week=FEB, collective_activating=30)
    InterventionFactory(
        team=team, quadrant=Q.COLLECTIVE_ACTIVATING, started_on=datetime.date(2018, 2, 12)
    )
    InterventionFactory(team=team, quadrant=Q.INDIVIDUAL_HELPING, started_on=FEB)
    InterventionFactory(team=team, quadrant=Q.INDIVIDUAL_HELPING, started_on=JAN)
    TeamBalanceSettings.objects.create(team=team, collective_target=30)

    [result] = balance.team_balances([team], FEB, months=2)

    jan, feb = result.months
    assert jan.total_hours == Decimal("44.5") and jan.collective_hours == 12
    assert jan.collective_share == Decimal("27.0")  # 12 / 44.5
    assert feb.collective_share == Decimal("25.0")
    assert feb.interventions[Q.COLLECTIVE_ACTIVATING] == 1
    assert feb.collective_intervention_share == Decimal("50.0")
    assert result.target == 30 and result.below_target
    assert result.roles["others"].collective_share == Decimal("25.0")
    assert result.roles["community_worker"].total_hours == 0
    assert result.period_interventions.total_interventions == 3
    assert balance.collective_share_by_team_month([team.pk], JAN, FEB) == {
        team.pk: {JAN: Decimal("27.0"), FEB: Decimal("25.0")}
    }


def test_combined_balance_adds_teams_up(world):
    WeeklyHoursFactory(team=world.team, week=JAN, collective_activating=10, individual_helping=10)
    WeeklyHoursFactory(team=world.other_team, week=JAN, individual_helping=20)
    balances = balance.team_balances([world.team, world.other_team], JAN, months=1)
    total = balance.combined_balance("Oost", balances, [JAN])
    assert total.current.collective_share == Decimal("25.0")
    assert total.target == 25


def test_combined_balance_of_no_teams_is_empty():
    total = balance.combined_balance("Stad", [], [JAN])
    assert total.current.collective_share is None and total.target is None


def test_latest_registered_month_opens_the_page_on_real_figures(world):
    assert balance.latest_registered_month(ALL_TEAMS) is None
    WeeklyHoursFactory(team=world.team, week=datetime.date(2018, 6, 25))
    assert balance.latest_registered_month([world.team.pk]) == datetime.date(2018, 6, 1)
    assert balance.latest_registered_month([world.other_team.pk]) is None


def test_signals_are_grouped_by_theme_and_neighbourhood_with_the_team_threshold(world):
    team = world.team
    TeamBalanceSettings.objects.create(team=team, signal_threshold=3, signal_window_days=30)
    # Three money-stress signals within 30 days: a candidate.
    for day in (1, 10, 25):
        SignalFactory(team=team, recorded_on=datetime.date(2018, 3, day), households=2)
    # Loneliness: three signals, but spread over more than 30 days: not a candidate.
    loneliness = SignalThemeFactory(team=team, name="Eenzaamheid")
    for day in (datetime.date(2018, 1, 1), datetime.date(2018, 2, 15), datetime.date(2018, 3, 20)):
        SignalFactory(team=team, theme=loneliness, recorded_on=day)
    # Signals already part of an issue are no longer open.
    issue = CollectiveIssueFactory(team=team)
    SignalFactory(team=team, collective_issue=issue)

    groups = balance.signal_groups([team.pk])

    assert [(g.theme, g.count, g.in_window, g.is_candidate) for g in groups] == [
        ("Geldstress", 3, 3, True),
        ("Eenzaamheid", 3, 1, False),
    ]
    assert groups[0].households == 6
    counts = balance.issue_counts_by_team([team.pk])[team.pk]
    assert counts == {"candidates": 1, "issues": 1, "open_signals": 6, "households": 9}


def test_default_threshold_is_five_signals_in_three_months(world):
    for day in range(1, 5):
        SignalFactory(team=world.team, recorded_on=datetime.date(2018, 3, day))
    assert not balance.signal_groups([world.team.pk])[0].is_candidate
    SignalFactory(team=world.team, recorded_on=datetime.date(2018, 5, 30))
    assert balance.signal_groups([world.team.pk])[0].is_candidate
