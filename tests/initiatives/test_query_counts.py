"""List, label page and initiative detail use a fixed number of queries: 5 or 500 initiatives."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Initiative, InitiativePartner, LabelApplication, Quadrant
from tests.factories import OrganisationFactory
from tests.initiatives.factories import LabelProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db

# The detail page also loads what the initiative answers: themes, wishes, collective issues.
MAX_QUERIES = {"list": 12, "label": 7, "detail": 21}


def _add_initiatives(team, programme, count):
    """`count` labelled initiatives in a few bulk queries, each with a neighbourhood and partner."""
    start = Initiative.objects.count()
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            team=team,
            name=f"Initiatief {start + n:04d}",
            kind=Initiative.Kind.CLUB,
            quadrant=Quadrant.COLLECTIVE_ACTIVATING,
            status=Initiative.Status.RUNNING,
            status_since=datetime.date(2018, 1, 1),
        )
        for n in range(count)
    )
    neighbourhood = team.neighbourhoods.first()
    Initiative.neighbourhoods.through.objects.bulk_create(
        Initiative.neighbourhoods.through(initiative=i, neighbourhood=neighbourhood)
        for i in initiatives
    )
    LabelApplication.objects.bulk_create(
        LabelApplication(
            programme=programme,
            initiative=i,
            status="granted",
            applied_on=datetime.date(2018, 1, 1),
        )
        for i in initiatives
    )
    partner = OrganisationFactory()
    InitiativePartner.objects.bulk_create(
        InitiativePartner(initiative=i, organisation=partner, role="Ruimte") for i in initiatives
    )
    return initiatives


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["list", "label", "detail"])
def test_pages_use_a_fixed_number_of_queries(world, login, page):
    programme = LabelProgrammeFactory(team=world.team)
    first = _add_initiatives(world.team, programme, 5)[0]
    SessionFactory(activity__initiative=first)
    urls = {
        "list": reverse("initiatives:list"),
        "label": programme.get_absolute_url(),
        "detail": first.get_absolute_url(),
    }
    client = login(world.people["lead"])
    small = _count(client, urls[page])
    _add_initiatives(world.team, programme, 495)
    large = _count(client, urls[page])
    print(f"{page}: {small} queries with 5 initiatives, {large} with 500")
    assert small == large <= MAX_QUERIES[page]
