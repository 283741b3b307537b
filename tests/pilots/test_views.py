"""Every pilots page for every role, bad input, and what municipality staff may never see."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pilots.figures import SECTIONS
from pilots.models import FactorScore, JournalEntry, Lesson, Pilot, WorkingFactor, Workshop
from pilots.reports import PILOT_SECTION_KEYS
from tests.pilots.conftest import RESIDENT_SECRETS, SECRETS
from tests.pilots.factories import PilotFactory

pytestmark = pytest.mark.django_db
ROLES = ["member", "community_worker", "lead", "area_connector", "municipality", "outsider"]


def _statuses(world, login, url, method="get"):
    result = {}
    for role in ROLES:
        client = login(world.people[role])
        result[role] = getattr(client, method)(url).status_code
    return result


READ = dict.fromkeys(
    ["member", "community_worker", "lead", "area_connector", "municipality"], 200
) | {"outsider": 404}
WRITE = {
    "member": 403,
    "community_worker": 200,
    "lead": 200,
    "area_connector": 403,
    "municipality": 404,
    "outsider": 404,
}
EVERYONE = dict.fromkeys(ROLES, 200)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pilots:detail", READ),
        ("pilots:report", READ),
        ("pilots:update", WRITE),
        ("pilots:journal_create", WRITE),
        ("pilots:lesson_create", WRITE),
    ],
)
def test_pilot_pages_per_role(world, login, pilot, name, expected):
    assert _statuses(world, login, reverse(name, args=[pilot.pk])) == expected


def test_pilot_export_and_scores_per_role(world, login, pilot):
    assert _statuses(world, login, reverse("pilots:export", args=[pilot.pk, "journal"])) == READ
    assert _statuses(world, login, reverse("pilots:scores", args=[pilot.pk, "design"])) == WRITE
    entry = pilot.journal.first()
    lesson = pilot.lessons.first()
    assert (
        _statuses(world, login, reverse("pilots:journal_update", args=[pilot.pk, entry.pk]))
        == WRITE
    )
    assert (
        _statuses(world, login, reverse("pilots:lesson_update", args=[pilot.pk, lesson.pk]))
        == WRITE
    )


def test_pages_not_about_one_pilot_per_role(world, login, pilot):
    assert _statuses(world, login, reverse("pilots:list")) == EVERYONE | {"municipality": 403}
    assert _statuses(world, login, reverse("pilots:create")) == {
        "member": 403,
        "community_worker": 200,
        "lead": 200,
        "area_connector": 403,
        "municipality": 403,
        "outsider": 200,
    }
    for name in ("pilots:dashboard", "pilots:city_report", "pilots:workshop_list"):
        assert _statuses(world, login, reverse(name)) == EVERYONE, name
    assert _statuses(world, login, reverse("pilots:dashboard_export", args=["phases"])) == EVERYONE


def test_workshop_pages_per_role(world, login, team_workshop, citywide_workshop):
    assert _statuses(world, login, reverse("pilots:workshop_create")) == EVERYONE | {"member": 403}
    assert _statuses(world, login, team_workshop.get_absolute_url()) == READ | {"municipality": 404}
    assert _statuses(
        world, login, reverse("pilots:workshop_update", args=[team_workshop.pk])
    ) == WRITE | {"municipality": 404}
    assert _statuses(world, login, citywide_workshop.get_absolute_url()) == EVERYONE
    assert _statuses(
        world, login, reverse("pilots:workshop_update", args=[citywide_workshop.pk])
    ) == EVERYONE | {"member": 403}


def test_an_unknown_pilot_or_section_is_404(world, login, pilot):
    client = login(world.people["lead"])
    assert client.get(reverse("pilots:detail", args=[99999])).status_code == 404
    assert client.get(reverse("pilots:export", args=[pilot.pk, "nope"])).status_code == 404
    assert client.get(reverse("pilots:export", args=[pilot.pk, "pilots"])).status_code == 404
    assert client.get(reverse("pilots:scores", args=[pilot.pk, "embed"])).status_code == 404
    assert client.get(reverse("pilots:dashboard_export", args=["nope"])).status_code == 404


# --- what municipality staff see ------------------------------------------------------------


@pytest.mark.parametrize("role", ["municipality", "area_connector"])
def test_people_outside_the_team_never_see_resident_names_or_notes(
    world, login, pilot, team_workshop, citywide_workshop, resident_work, role
):
    client = login(world.people[role])
    urls = [
        reverse("pilots:dashboard"),
        reverse("pilots:dashboard") + f"?area={world.area.pk}&start=2017-01-01&end=2019-01-01",
        reverse("pilots:city_report"),
        reverse("pilots:workshop_list"),
        citywide_workshop.get_absolute_url(),
        pilot.get_absolute_url(),
        pilot.get_absolute_url() + "?kind=obstacle",
        reverse("pilots:report", args=[pilot.pk]),
        reverse("home"),
    ]
    urls += [reverse("pilots:dashboard_export", args=[key]) for key, _f in SECTIONS]
    urls += [reverse("pilots:export", args=[pilot.pk, key]) for key in PILOT_SECTION_KEYS]
    checked = 0
    for url in urls:
        for fmt in ("csv", "xlsx") if "export" in url else ("",):
            response = client.get(url + (f"?format={fmt}" if fmt else ""))
            assert response.status_code == 200, url
            body = response.content.decode("utf-8", errors="ignore")
            for secret in SECRETS + RESIDENT_SECRETS:
                assert secret not in body, (url, secret)
            checked += 1
    assert checked == 9 + 2 * (len(SECTIONS) + len(PILOT_SECTION_KEYS))
    # The figures of the team's conversations and initiatives are there, as aggregates.
    page = client.get(reverse("pilots:dashboard")).content.decode()
    assert "Eerste bakkie" in page and "Ronde 1" in page
    # What the team shared city-wide does reach the municipality.
    page = client.get(pilot.get_absolute_url()).content.decode()
    assert "Twaalf bewoners bij de start." in page and "Eigenaarschap telt" in page
    assert "Teamles" not in page


def test_the_team_sees_its_own_notes(world, login, pilot):
    page = login(world.people["member"]).get(pilot.get_absolute_url()).content.decode()
    assert SECRETS[0] in page and SECRETS[2] in page and "Teamles" in page


def test_small_numbers_show_as_less_than_five_for_the_municipality(world, login, citywide_workshop):
    response = login(world.people["municipality"]).get(
        reverse("pilots:dashboard_export", args=["workshops"])
    )
    assert "<5" in response.content.decode()


def test_area_connector_sees_only_their_area(world, login, pilot):
    far = PilotFactory(team=world.far_team, title="Pilot in Noord")
    client = login(world.people["area_connector"])
    page = client.get(reverse("pilots:dashboard")).content.decode()
    assert "De Wijkfabriek" in page and "Pilot in Noord" not in page
    assert client.get(far.get_absolute_url()).status_code == 404
    response = client.get(reverse("pilots:dashboard") + f"?area={world.far_area.pk}")
    assert response.status_code == 400


def test_dashboard_filters_by_area(world, login, pilot):
    PilotFactory(team=world.far_team, title="Pilot in Noord")
    client = login(world.people["municipality"])
    page = client.get(reverse("pilots:dashboard") + f"?area={world.far_area.pk}").content.decode()
    assert "Pilot in Noord" in page and "De Wijkfabriek" not in page
    page = client.get(reverse("pilots:dashboard")).content.decode()
    assert "Pilot in Noord" in page and "De Wijkfabriek" in page


@pytest.mark.parametrize(
    "query", ["area=9999", "area=abc", "start=2018-05-01&end=2018-01-01", "start=not-a-date"]
)
def test_bad_dashboard_filters_give_a_message_not_an_error(world, login, pilot, query):
    client = login(world.people["municipality"])
    for name in ("pilots:dashboard", "pilots:city_report"):
        response = client.get(reverse(name) + "?" + query)
        assert response.status_code == 400
        assert "alert-danger" in response.content.decode() or "invalid-feedback" in (
            response.content.decode()
        )
    export = client.get(reverse("pilots:dashboard_export", args=["phases"]) + "?" + query)
    assert export.status_code == 400


def test_export_is_a_csv_of_the_figure(world, login, pilot):
    response = login(world.people["lead"]).get(reverse("pilots:dashboard_export", args=["pilots"]))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and "De Wijkfabriek;SWT Oost 1;Oost" in lines[1]


def test_the_journal_filters_by_type(world, login, pilot):
    page = login(world.people["member"]).get(pilot.get_absolute_url() + "?kind=success")
    text = page.content.decode()
    assert "Twaalf bewoners" in text and SECRETS[0] not in text


# --- writes ---------------------------------------------------------------------------------

PILOT_POST = {
    "title": "Nieuwe pilot",
    "goal": "Doel",
    "start_date": "2018-01-01",
    "design_started_on": "2018-01-01",
    "extra_capacity_hours": "4",
}


def test_a_community_worker_creates_a_pilot(world, login):
    client = login(world.people["community_worker"])
    response = client.post(reverse("pilots:create"), PILOT_POST | {"team": world.team.pk})
    pilot = Pilot.objects.get(title="Nieuwe pilot")
    assert response.status_code == 302 and pilot.team == world.team


def test_a_pilot_for_a_team_not_ones_own_is_refused_with_a_field_error(world, login):
    client = login(world.people["community_worker"])
    response = client.post(reverse("pilots:create"), PILOT_POST | {"team": world.far_team.pk})
    assert response.status_code == 200 and "team" in response.context["form"].errors
    assert not Pilot.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"design_started_on": "2017-12-01"}, "design_started_on"),
        (
            {"contact_started_on": "2018-03-01", "execute_started_on": "2018-02-01"},
            "execute_started_on",
        ),
        ({"end_date": "2017-12-31"}, "end_date"),
    ],
)
def test_bad_dates_are_refused_and_the_input_is_kept(world, login, extra, field):
    client = login(world.people["lead"])
    response = client.post(
        reverse("pilots:create"), PILOT_POST | {"team": world.team.pk, "goal": "Mijn tekst"} | extra
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Mijn tekst" in response.content.decode()


def test_two_people_editing_a_pilot_do_not_overwrite_each_other(world, login, pilot):
    client = login(world.people["lead"])
    data = PILOT_POST | {"team": world.team.pk, "version": pilot.version}
    assert client.post(reverse("pilots:update", args=[pilot.pk]), data).status_code == 302
    stale = client.post(reverse("pilots:update", args=[pilot.pk]), data | {"goal": "Oud"})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()


def test_journal_entry_create_update_and_future_date(world, login, pilot):
    client = login(world.people["community_worker"])
    url = reverse("pilots:journal_create", args=[pilot.pk])
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = client.post(url, {"date": future, "kind": "obstacle", "text": "Mijn verhaal"})
    assert response.status_code == 200 and "date" in response.context["form"].errors
    assert "Mijn verhaal" in response.content.decode()
    response = client.post(url, {"date": "2018-02-01", "kind": "emotion", "text": "Spanning"})
    entry = JournalEntry.objects.get(text="Spanning")
    assert response.status_code == 302 and entry.author == world.people["community_worker"]
    client.post(
        reverse("pilots:journal_update", args=[pilot.pk, entry.pk]),
        {"date": "2018-02-01", "kind": "emotion", "text": "Spanning in het team"},
    )
    entry.refresh_from_db()
    assert entry.text == "Spanning in het team"


def test_a_journal_entry_of_another_pilot_is_404(world, login, pilot):
    other = PilotFactory(team=world.team)
    entry = pilot.journal.first()
    client = login(world.people["lead"])
    url = reverse("pilots:journal_update", args=[other.pk, entry.pk])
    assert client.get(url).status_code == 404


def test_lessons_are_tagged_by_theme(world, login, pilot):
    client = login(world.people["lead"])
    response = client.post(
        reverse("pilots:lesson_create", args=[pilot.pk]),
        {
            "theme": "community_work",
            "title": "Opbouwwerk als schakel",
            "recorded_on": "2018-06-01",
            "shareable": "on",
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get(title="Opbouwwerk als schakel")
    assert lesson.theme == "community_work" and lesson.shareable


def test_scoring_at_two_moments_keeps_both(world, login, pilot):
    client = login(world.people["lead"])
    url = reverse("pilots:scores", args=[pilot.pk, "contact"])
    page = client.get(url)
    factors = page.context["form"].factors
    assert len(factors) == 6
    first = next(factor for factor in factors if not factor.is_question)
    for day, score in (("2018-03-15", "not_yet"), ("2018-06-15", "yes")):
        response = client.post(
            url,
            {"scored_on": day, f"score_{first.pk}": score, f"comment_{first.pk}": "Opmerking"},
        )
        assert response.status_code == 302
    assert list(
        FactorScore.objects.filter(pilot=pilot, factor=first).values_list("score", flat=True)
    ) == ["not_yet", "yes"]
    empty = client.post(url, {"scored_on": "2018-07-01"})
    assert empty.status_code == 200 and empty.context["form"].non_field_errors()


def test_a_critical_question_is_answered_in_words_not_scored(world, login, pilot):
    """§4.2's critical questions ("Kan ik ... of moet ik ...?") are reflection prompts: the
    team answers in its own words, the answer stays in the team and is no recommendation."""
    client = login(world.people["lead"])
    url = reverse("pilots:scores", args=[pilot.pk, "contact"])
    form = client.get(url).context["form"]
    question = WorkingFactor.objects.get(text__startswith="Kan ik aansluiten")
    assert question.is_question
    assert f"score_{question.pk}" not in form.fields
    assert f"comment_{question.pk}" in form.fields
    answer = "We sluiten aan bij de bewoners van de Amsterdamse buurt; bijsturen doen we samen."
    response = client.post(url, {"scored_on": "2018-04-01", f"comment_{question.pk}": answer})
    assert response.status_code == 302
    saved = FactorScore.objects.get(pilot=pilot, factor=question)
    assert saved.score == "" and saved.comment == answer
    page = client.get(reverse("pilots:report", args=[pilot.pk]))
    assert answer in page.content.decode()
    assert question not in [factor for _p, factor, _l in page.context["recommendations"]]
    outside = login(world.people["municipality"]).get(reverse("pilots:report", args=[pilot.pk]))
    assert answer not in outside.content.decode()


def test_a_citywide_workshop_shows_the_shared_lessons_and_successes(
    world, login, pilot, citywide_workshop
):
    page = login(world.people["municipality"]).get(citywide_workshop.get_absolute_url())
    text = page.content.decode()
    assert "Eigenaarschap telt" in text and "Twaalf bewoners bij de start." in text
    assert "Teamles" not in text


def test_workshop_create_team_and_citywide(world, login):
    client = login(world.people["community_worker"])
    response = client.post(
        reverse("pilots:workshop_create"),
        {
            "team": world.team.pk,
            "title": "Teamwerkplaats",
            "date": "2018-05-01",
            "teams": [world.team.pk],
            "residents_count": "2",
        },
    )
    assert response.status_code == 302
    assert Workshop.objects.get(title="Teamwerkplaats").team == world.team
    forged = client.post(
        reverse("pilots:workshop_create"),
        {"team": world.far_team.pk, "title": "Vals", "date": "2018-05-01", "residents_count": "0"},
    )
    assert forged.status_code == 200 and "team" in forged.context["form"].errors
    municipality = login(world.people["municipality"])
    response = municipality.post(
        reverse("pilots:workshop_create"),
        {"title": "Stedelijk", "date": "2018-09-01", "residents_count": "0"},
    )
    assert response.status_code == 302 and Workshop.objects.get(title="Stedelijk").is_citywide
