"""Issue 17 §1 on the pilot pages: figures outside the team cannot be worked back to a count
of 1–4 residents or conversations, by subtraction, ratio, area or period."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from collectief.disclosure import HIDDEN
from tests.interviews.factories import ConversationFactory, ReferralFactory, RoundFactory
from tests.pilots.factories import PilotFactory

D = datetime.date
pytestmark = pytest.mark.django_db


FEBRUARY = D(2018, 2, 5)


def _conversations(team, number, count, day=FEBRUARY):
    round_ = RoundFactory(team=team, number=number, starts_on=D(2018, 1, 1))
    return [ConversationFactory(round=round_, held_on=day) for _n in range(count)]


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))


@pytest.fixture
def two_areas(world):
    """A pilot in Oost with 12 conversations in round 1 and one in Noord with 3."""
    PilotFactory(team=world.team, title="Wijkfabriek")
    PilotFactory(team=world.far_team, title="Stop de schulden")
    _conversations(world.team, 1, 12)
    _conversations(world.far_team, 1, 3)
    return world


def test_an_area_is_not_shown_when_the_city_total_minus_it_gives_the_other_area(two_areas, login):
    client = login(two_areas.people["municipality"])
    city = client.get(reverse("pilots:dashboard")).context["sections"]
    city_rounds = next(section for section in city if section.key == "conversations")
    # Rounds per team: Noord's 3 conversations are hidden, and so is what would give them back.
    by_team = {row[0]: row[2] for row in city_rounds.rows}
    assert by_team["SWT Noord"] is HIDDEN
    assert by_team["SWT Oost 1"] is HIDDEN or by_team[""] is HIDDEN
    area = client.get(reverse("pilots:dashboard") + f"?area={two_areas.area.pk}")
    rounds = next(section for section in area.context["sections"] if section.key == "conversations")
    # 15 − 12 would give Noord's 3 conversations: Oost's figures are withheld, with a note.
    assert rounds.rows == [] and rounds.chart is None
    assert "Te klein om apart te tonen" in area.content.decode()


def test_a_period_outside_the_team_covers_whole_months(two_areas, login):
    _conversations(two_areas.team, 2, 6, day=D(2018, 3, 31))
    client = login(two_areas.people["municipality"])
    response = client.get(reverse("pilots:dashboard") + "?start=2018-03-10&end=2018-03-20")
    rounds = next(s for s in response.context["sections"] if s.key == "conversations")
    # The conversations of 31 March count: a day-precise period cannot isolate one of them.
    assert rounds.rows[0][:3] == ["SWT Oost 1", "Ronde 2", 6]
    assert "hele maanden: 1 maart 2018 – 31 maart 2018" in response.content.decode()
    lead = login(two_areas.people["lead"])
    exact = lead.get(reverse("pilots:dashboard") + "?start=2018-03-10&end=2018-03-20")
    assert [s.rows for s in exact.context["sections"] if s.key == "conversations"] == [[]]


def test_the_csv_hides_the_round_a_total_would_give_away(world, login):
    PilotFactory(team=world.team)
    _conversations(world.team, 1, 15)
    _conversations(world.team, 2, 2)
    response = login(world.people["municipality"]).get(
        reverse("pilots:dashboard_export", args=["conversations"]) + "?format=csv"
    )
    rows = {row[1]: row[2:] for row in _csv(response)[1:]}  # team, round, ...
    # Round 2 is 2; with round 1 and all rounds shown it would be 17 − 15.
    assert rows["Ronde 2"][0] == "<5" and rows["Ronde 1"][0] == "<5"
    assert rows["Alle rondes"][0] == "17"


def test_the_team_lead_sees_the_exact_numbers_of_their_own_pilot(world, login):
    PilotFactory(team=world.team)
    _conversations(world.team, 1, 3)
    sections = login(world.people["lead"]).get(reverse("pilots:dashboard")).context["sections"]
    rounds = next(section for section in sections if section.key == "conversations")
    assert rounds.rows[0][:3] == ["SWT Oost 1", "Ronde 1", 3]


def test_a_pilot_report_hides_the_ratio_behind_a_hidden_count(world, login):
    pilot = PilotFactory(team=world.team)
    conversations = _conversations(world.team, 1, 8)
    for conversation in conversations[:3]:
        ReferralFactory(conversation=conversation)
    report = reverse("pilots:report", args=[pilot.pk])
    response = login(world.people["area_connector"]).get(report)
    snowball = next(s for s in response.context["sections"] if s.key == "snowball")
    # 3 names in 8 conversations: 0.4 × 8 would give the hidden 3 back.
    assert snowball.rows[0][2:5] == [HIDDEN, HIDDEN, HIDDEN]
    assert 'class="figure-hidden"' in response.content.decode()
    own = login(world.people["lead"]).get(report).context["sections"]
    assert next(s for s in own if s.key == "snowball").rows[0][2:5] == [3, 0.4, 0.0]


def test_a_snapshot_keeps_hidden_counts_hidden(world, login, settings):
    settings.COLLECTIEF_FIGURES_MAX_AGE_SECONDS = 600
    PilotFactory(team=world.team)
    _conversations(world.team, 1, 3)
    client = login(world.people["municipality"])
    client.get(reverse("pilots:dashboard"))
    response = client.get(reverse("pilots:dashboard"))  # from the snapshot
    rounds = next(s for s in response.context["sections"] if s.key == "conversations")
    assert rounds.rows[0][2] is HIDDEN
    assert rounds.chart["datasets"][0]["data"] == [HIDDEN]
