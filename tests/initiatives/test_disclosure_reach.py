"""Issue 17 §1 on the initiatives: the participants per session an area connector sees are
protected as one table with their totals, on the pages and in the session export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from collectief.disclosure import HIDDEN
from tests.initiatives.factories import ActivityFactory, SessionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def activity(world):
    """Two sessions of 6 and 3 participants (9 in all), 5 volunteers each."""
    activity = ActivityFactory(initiative__team=world.team, name="Terugkomochtend")
    SessionFactory(activity=activity, date=D(2018, 1, 4), participants=6, volunteers=5)
    SessionFactory(activity=activity, date=D(2018, 1, 11), participants=3, volunteers=5)
    return activity


def test_the_area_connector_cannot_work_back_a_session_of_three(world, activity, login):
    client = login(world.people["area_connector"])
    rows = client.get(activity.get_absolute_url()).context["rows"]
    # 3 is hidden, and so is 6: the 9 behind the average would give 9 − 6.
    assert [(row["people"], row["helpers"]) for row in rows] == [(HIDDEN, 5), (HIDDEN, 5)]
    reach = client.get(activity.initiative.get_absolute_url()).context["reach"]
    assert [row["people"] for row in reach["over_time"]] == [HIDDEN, HIDDEN]
    assert reach["total_participants"] == 9
    export = client.get(reverse("initiatives:session_export") + "?format=csv")
    body = list(csv.reader(io.StringIO(export.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert [row[4] for row in body[1:]] == ["<5", "<5"]


def test_the_team_sees_every_session_exactly(world, activity, login):
    rows = login(world.people["lead"]).get(activity.get_absolute_url()).context["rows"]
    assert [row["people"] for row in rows] == [6, 3]
