import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives import services
from initiatives.models import Activity, Session
from tests.initiatives.factories import ActivityFactory, InitiativeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_community_worker_adds_a_weekly_activity_and_records_a_session(world, ours, login):
    client = login(world.people["community_worker"])
    response = client.post(
        reverse("initiatives:activity_create", args=[ours.initiative.public_id]),
        {"name": "Terugkom-ochtend", "recurrence": "weekly", "location": "De Horizon"},
    )
    activity = Activity.objects.get(name="Terugkom-ochtend")
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    response = client.post(
        reverse("initiatives:session_create", args=[activity.public_id]),
        {
            "date": "2018-01-09",
            "participants": 4,
            "volunteers": 4,
            "professionals": 1,
            "note": "Eerste keer",
            "attendee_names": "Deelnemer A\nDeelnemer B\nDeelnemer A",
        },
    )
    assert response.status_code == 302
    session = activity.sessions.get()
    assert [p.pseudonym for p in session.attendees.all()] == ["Deelnemer A", "Deelnemer B"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participants", -1),
        ("participants", 100000),
        ("volunteers", 5000),
        ("professionals", 999),
        ("date", "2017-12-01"),  # before the initiative started on 2 January 2018
        ("date", "2999-01-01"),
    ],
)
def test_absurd_counts_and_dates_are_refused_with_input_kept(world, ours, login, field, value):
    data = {"date": "2018-01-09", "participants": 7, "volunteers": 2, "professionals": 0}
    data[field] = value
    data["note"] = "Mijn notitie"
    response = login(world.people["lead"]).post(
        reverse("initiatives:session_create", args=[ours.activity.public_id]), data
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Mijn notitie" in response.content.decode()
    assert ours.activity.sessions.count() == 1  # only the fixture's session


def test_more_registered_attendees_than_participants_is_refused(world, ours, login):
    response = login(world.people["lead"]).post(
        reverse("initiatives:session_create", args=[ours.activity.public_id]),
        {
            "date": "2018-01-09",
            "participants": 1,
            "volunteers": 0,
            "professionals": 0,
            "attendee_names": "A\nB",
        },
    )
    assert response.status_code == 200 and "attendee_names" in response.context["form"].errors


def test_session_edit_conflict_keeps_input(world, ours, login):
    url = reverse("initiatives:session_update", args=[ours.session.pk])
    client = login(world.people["lead"])
    data = {
        "date": "2018-01-02",
        "participants": 5,
        "volunteers": 4,
        "professionals": 0,
        "version": 0,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "participants": 6, "note": "Later"})
    assert response.status_code == 200 and "Later" in response.content.decode()
    assert Session.objects.get(pk=ours.session.pk).participants == 5


def test_the_service_refuses_a_session_before_the_start_too(world):
    activity = ActivityFactory(initiative__team=world.team)
    with pytest.raises(ValidationError):
        services.session_record(activity=activity, date=datetime.date(2017, 1, 1), participants=1)


def test_reach_over_time_average_and_distinct_participants(world):
    initiative = InitiativeFactory(team=world.team, started_on=datetime.date(2017, 12, 5))
    mornings = ActivityFactory(initiative=initiative)
    for week, count in enumerate([4, 6, 10]):
        services.session_record(
            activity=mornings,
            date=datetime.date(2017, 12, 5) + datetime.timedelta(weeks=week),
            participants=count,
            volunteers=4,
            attendee_names=[f"D{n}" for n in range(count)],
        )
    extra = ActivityFactory(initiative=initiative)
    SessionFactory(activity=extra, date=datetime.date(2017, 12, 5), participants=2, volunteers=0)
    figures = services.reach(initiative)
    assert figures["sessions"] == 4
    assert figures["total_participants"] == 22
    assert figures["average_participants"] == pytest.approx(5.5)
    assert figures["distinct_participants"] == 10
    assert [(row["date"].day, row["people"]) for row in figures["over_time"]] == [
        (5, 6),
        (12, 6),
        (19, 10),
    ]


def test_initiative_page_shows_the_reach_chart_with_its_table(world, ours, login):
    html = login(world.people["member"]).get(ours.initiative.get_absolute_url()).content.decode()
    assert 'data-chart="reach-chart-data"' in html and "charts.js" in html
