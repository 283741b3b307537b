"""Issue 17 §2, "pilot reports bound to the pilot": every figure of a pilot's page and report
counts only its own team's work within the pilot's own period, and says so."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.initiatives.factories import SuccessFactory
from tests.interviews.factories import ConversationFactory, RoundFactory
from tests.pilots.factories import PilotFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def wijkfabriek(world):
    """De Wijkfabriek, Nov 2017 – Jun 2018, with work inside and outside that period."""
    pilot = PilotFactory(
        team=world.team,
        title="De Wijkfabriek",
        start_date=D(2017, 11, 1),
        end_date=D(2018, 6, 30),
    )
    round_ = RoundFactory(
        team=world.team, number=1, starts_on=D(2018, 1, 1), ends_on=D(2030, 12, 31)
    )
    ConversationFactory(round=round_, held_on=D(2018, 2, 1))
    for day in (D(2019, 3, 1), D(2020, 3, 1), timezone.localdate()):
        ConversationFactory(round=round_, held_on=day)
    SuccessFactory(team=world.team, title="Buurtfeest gehouden", happened_on=D(2018, 5, 1))
    SuccessFactory(
        team=world.team, title="Vandaag gevierd", happened_on=timezone.localdate(), shareable=True
    )
    SuccessFactory(team=world.team, title="Later gelukt", happened_on=D(2019, 1, 1), shareable=True)
    return pilot


@pytest.mark.parametrize("page", ["pilots:detail", "pilots:report"])
def test_pilot_figures_count_only_the_pilots_own_period(world, login, wijkfabriek, page):
    response = login(world.people["lead"]).get(reverse(page, args=[wijkfabriek.pk]))
    sections = {section.key: section for section in response.context["sections"]}
    # One conversation in the period; the three after it (one of them today) do not count.
    assert sections["conversations"].rows[-1][2] == 1
    successes = [row[1] for row in sections["successes"].rows]
    assert "Vandaag gevierd" not in successes and "Later gelukt" not in successes
    html = response.content.decode()
    assert "Cijfers van SWT Oost 1 vanaf 1 november 2017" in html
    assert "tot en met 30 juni 2018 (de eigen periode van de pilot)" in html


def test_the_pilot_export_is_bound_to_the_period_too(world, login, wijkfabriek):
    url = reverse("pilots:export", args=[wijkfabriek.pk, "conversations"]) + "?format=csv"
    body = login(world.people["lead"]).get(url).content.decode()
    assert body.splitlines()[-1].endswith(";1;1")
