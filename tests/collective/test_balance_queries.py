"""The balance page computes in the database: the same number of queries for one team and
for 50 teams with five years of weekly hours each."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collectief import rollups
from collectief.models import Quadrant, Role, WeeklyHours
from tests.collective.factories import InterventionFactory, SignalFactory
from tests.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
FIRST_MONDAY = datetime.date(2014, 1, 6)
WEEKS = 5 * 52


def _five_years_of_hours(teams):
    rows = []
    for team in teams:
        user = MembershipFactory(team=team, role=Role.COMMUNITY_WORKER).user
        rows.extend(
            WeeklyHours(
                team=team,
                user=user,
                role=Role.COMMUNITY_WORKER,
                week=FIRST_MONDAY + datetime.timedelta(weeks=week),
                individual_helping=12,
                collective_activating=week % 10,
            )
            for week in range(WEEKS)
        )
        InterventionFactory(
            team=team, quadrant=Quadrant.INDIVIDUAL_HELPING, started_on=datetime.date(2018, 6, 4)
        )
        SignalFactory(team=team, recorded_on=datetime.date(2018, 6, 4))
    WeeklyHours.objects.bulk_create(rows, batch_size=2000)
    rollups.refresh_hours()  # bulk_create sends no signals; bulk loads refresh the rollup


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("collective:balance"))
    assert response.status_code == 200
    return len(captured), response


def test_balance_uses_a_fixed_number_of_queries_for_1_and_for_50_teams(client):
    viewer = UserFactory(is_municipality_staff=True)
    client.force_login(viewer)
    _five_years_of_hours([TeamFactory()])
    one_team, _response = _queries(client)

    _five_years_of_hours([TeamFactory() for _ in range(49)])
    assert WeeklyHours.objects.count() == 50 * WEEKS
    fifty_teams, response = _queries(client)

    print(f"balance page: {one_team} queries for 1 team, {fifty_teams} for 50 teams")
    # One more with several teams: the team chooser of the filter form is rendered. Four of
    # them count the members with hours: for the last complete month and for the coverage.
    assert one_team <= 15 and fifty_teams <= 16
    # The page opens on the last complete month and shows every team side by side.
    assert len(response.context["balances"]) == 50
    assert response.context["main"].current.month == datetime.date(2018, 12, 1)


def test_balance_export_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.force_login(UserFactory(is_municipality_staff=True))
    _five_years_of_hours([TeamFactory() for _ in range(3)])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("collective:balance_export") + "?format=xlsx")
    assert response.status_code == 200
