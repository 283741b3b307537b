"""Issue 17 §1 on the balance page and its export: the interventions of the teams in view are
one protected table, so neither a total nor the months give a count of 1–4 away."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from collectief.disclosure import HIDDEN
from collectief.models import Quadrant
from tests.collective.factories import InterventionFactory

pytestmark = pytest.mark.django_db
Q = Quadrant
JANUARY = datetime.date(2018, 1, 8)
URL = reverse("collective:balance") + "?until=2018-01"


@pytest.fixture
def interventions(world):
    """SWT Oost 1 started 7 individual interventions and 2 collective ones in January."""
    for quadrant, count in ((Q.INDIVIDUAL_HELPING, 7), (Q.COLLECTIVE_ACTIVATING, 2)):
        for _n in range(count):
            InterventionFactory(team=world.team, quadrant=quadrant, started_on=JANUARY)
    return world


def _interventions(balance):
    return {row[0]: row[3] for row in balance.quadrant_rows()}


def test_the_area_total_does_not_give_away_a_hidden_quadrant(interventions, login):
    response = login(interventions.people["area_connector"]).get(URL)
    counts = _interventions(response.context["main"])
    # 2 is hidden; with the total 9 shown, 7 would give it back: 7 is hidden too.
    assert counts[Q.COLLECTIVE_ACTIVATING] is HIDDEN
    assert counts[Q.INDIVIDUAL_HELPING] is HIDDEN
    assert response.context["main"].interventions_total == 9
    team = next(b for b in response.context["balances"] if b.team == interventions.team)
    assert _interventions(team)[Q.INDIVIDUAL_HELPING] is HIDDEN


def test_the_team_lead_sees_the_exact_interventions(interventions, login):
    counts = _interventions(login(interventions.people["lead"]).get(URL).context["main"])
    assert counts[Q.COLLECTIVE_ACTIVATING] == 2 and counts[Q.INDIVIDUAL_HELPING] == 7


def test_the_export_hides_the_months_as_the_page_does(interventions, login):
    client = login(interventions.people["municipality"])
    response = client.get(reverse("collective:balance_export") + "?until=2018-01&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    headers, january = rows[0], next(r for r in rows if r[0] == "SWT Oost 1" and r[2] == "2018-01")
    cell = dict(zip(headers, january, strict=True))
    assert cell["Interventies: Individueel · activeren"] == "0"
    assert cell["Interventies: Collectief · activeren"] == "<5"
    assert cell["Interventies: Individueel · hulp bieden"] == "<5"
