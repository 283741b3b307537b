"""The public face of a label: no login, only opted-in initiatives, no resident data, iCal."""

import datetime

import pytest
from django.urls import reverse

from initiatives import ical
from initiatives.models import Activity, Initiative, LabelApplication
from tests.initiatives.factories import (
    ActivityFactory,
    InitiativeFactory,
    LabelApplicationFactory,
    LabelProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def _carrier(programme, name, *, public=True, status=LabelApplication.Status.GRANTED, **extra):
    application = LabelApplicationFactory(
        programme=programme,
        initiative__name=name,
        status=status,
        public=public,
        public_summary=f"Wat {name} doet",
        how_to_join="Kom langs",
        **extra,
    )
    ActivityFactory(
        initiative=application.initiative,
        name=f"Koffie bij {name}",
        location="Plein",
        starts_on=datetime.date(2018, 3, 7),
        start_time=datetime.time(10),
        end_time=datetime.time(12),
    )
    return application


@pytest.fixture
def label(world):
    programme = LabelProgrammeFactory(team=world.team, name="De Wijkfabriek", published=True)
    _carrier(programme, "Bakkie op het plein")
    _carrier(programme, "Geheim clubje", public=False)
    _carrier(programme, "Nog niet beslist", status=LabelApplication.Status.APPLIED)
    return programme


def _urls(programme):
    return [
        reverse("public:label", args=[programme.pk]),
        reverse("public:label_calendar", args=[programme.pk]),
    ]


def test_anonymous_visitors_see_only_opted_in_carriers(client, label):
    page, feed = (client.get(url) for url in _urls(label))
    assert page.status_code == feed.status_code == 200
    for response in (page, feed):
        text = response.content.decode()
        assert "Bakkie op het plein" in text
        assert "Geheim clubje" not in text
        assert "Nog niet beslist" not in text
    assert "Kom langs" in page.content.decode()
    assert "public" in page.headers["Cache-Control"]
    assert feed.headers["Content-Type"].startswith("text/calendar")


def test_english_is_available_and_unknown_languages_are_404(client, label):
    url = reverse("public:label", args=[label.pk])
    english = client.get(url, {"lang": "en"})
    assert english.status_code == 200
    assert 'lang="en"' in english.content.decode()
    assert "Initiatives carrying this label" in english.content.decode()
    dutch = client.get(url)
    assert 'lang="nl"' in dutch.content.decode()
    assert "Initiatieven met dit label" in dutch.content.decode()
    assert client.get(url, {"lang": "xx"}).status_code == 404


def test_unpublished_unknown_and_malformed_labels_are_404(client, world, label):
    hidden = LabelProgrammeFactory(team=world.team, published=False)
    for path in (
        reverse("public:label", args=[hidden.pk]),
        reverse("public:label_calendar", args=[hidden.pk]),
        reverse("public:label", args=[99999]),
        "/public/labels/abc/",
        "/public/labels/1/../",
        "/public/labels/",
        "/public/labels/1/activities.ics/x",
    ):
        assert client.get(path).status_code == 404, path


def test_no_personal_data_of_residents_reaches_the_public(client, world, label, login):
    from initiatives.models import Comment, Participant, Session, Success

    application = LabelApplication.objects.get(initiative__name="Bakkie op het plein")
    initiative = application.initiative
    secrets = ["Zwaantje Geheimhouder", "Berend Privémans", "Truus Verborgen", "Kees Stilzwijger"]
    initiative.resident_starters = secrets[0]
    initiative.description = f"Intern: {secrets[1]} heeft schulden"
    initiative.contact_person = world.people["member"]
    initiative.save()
    application.motivation = secrets[2]
    application.save()
    participant = Participant.objects.create(initiative=initiative, pseudonym=secrets[3])
    activity = initiative.activities.get()
    session = Session.objects.create(
        activity=activity, date=datetime.date(2018, 3, 7), participants=5, note=secrets[1]
    )
    session.attendees.add(participant)
    Comment.objects.create(initiative=initiative, author=world.people["member"], text=secrets[2])
    Success.objects.create(
        team=world.team,
        initiative=initiative,
        title="Gelukt",
        happened_on=datetime.date(2018, 4, 1),
        involved=secrets[0],
    )
    user = world.people["member"]
    names = secrets + [user.username, user.get_full_name(), user.email]
    for response in (client.get(url) for url in _urls(label)):
        text = response.content.decode()
        for name in filter(None, names):
            assert name not in text


def test_a_logged_in_person_sees_the_same_public_page(login, world, label):
    response = login(world.people["outsider"]).get(reverse("public:label", args=[label.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "role, status",
    [
        ("lead", 302),
        ("community_worker", 302),
        ("member", 403),
        ("area_connector", 403),
        ("outsider", 404),
        ("municipality", 404),
    ],
)
def test_who_publishes_the_label(login, world, label, role, status):
    url = reverse("initiatives:label_publish", args=[label.pk])
    assert login(world.people[role]).post(url, {"published": "0"}).status_code == status
    label.refresh_from_db()
    assert label.published is (status != 302)


def test_the_team_sets_the_public_text_of_a_carrier(login, world, label):
    application = LabelApplication.objects.get(initiative__name="Geheim clubje")
    url = reverse("initiatives:application_public", args=[application.pk])
    assert login(world.people["member"]).get(url).status_code == 403
    client = login(world.people["community_worker"])
    response = client.post(url, {"public": "on", "public_summary": "Wij breien", "how_to_join": ""})
    assert response.status_code == 302
    page = client.get(reverse("public:label", args=[label.pk])).content.decode()
    assert "Geheim clubje" in page and "Wij breien" in page


def test_ical_escapes_and_folds_lines():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long_line = "SUMMARY:" + "é" * 80
    folded = ical.fold(long_line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == long_line


def test_the_feed_is_valid_rfc5545(client, label):
    text = client.get(_urls(label)[1]).content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "\n" not in text.replace("\r\n", "")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;TZID=Europe/Amsterdam:20180307T100000" in lines
    assert "RRULE:FREQ=WEEKLY" in lines
    assert all(len(line.encode()) <= 75 for line in lines)


@pytest.mark.parametrize("size", [10, 1000])
def test_the_public_page_uses_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries, size
):
    programme = LabelProgrammeFactory(team=world.team, published=True)
    initiatives = Initiative.objects.bulk_create(
        InitiativeFactory.build(team=world.team, name=f"Initiatief {n}") for n in range(size)
    )
    LabelApplication.objects.bulk_create(
        LabelApplicationFactory.build(
            programme=programme, initiative=i, status="granted", public=True
        )
        for i in initiatives
    )
    Activity.objects.bulk_create(
        ActivityFactory.build(initiative=i, starts_on=datetime.date(2018, 1, 1))
        for i in initiatives
    )
    for url in _urls(programme):
        with django_assert_max_num_queries(6):
            response = client.get(url)
        assert response.status_code == 200
