"""Each page per role; another team's objects answer 404; bad input gets a clear message."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from collectief.models import (
    Assessment,
    CollectiveIssue,
    Framework,
    Signal,
    TeamBalanceSettings,
    WeeklyHours,
)
from tests.collective.factories import SignalFactory, SignalThemeFactory

pytestmark = pytest.mark.django_db
ROLES = ["member", "community_worker", "lead", "area_connector", "municipality", "outsider"]


def _team_url(name, world):
    return reverse(f"collective:{name}", args=[world.team.pk])


def _obj_url(name, obj):
    return reverse(f"collective:{name}", args=[obj.uuid])


TEAM_PAGES = {
    # page: expected status per role, in the order of ROLES
    "framework": [200, 200, 200, 200, 404, 404],
    "framework_edit": [403, 403, 200, 403, 404, 404],
    "balance_settings": [403, 403, 200, 403, 404, 404],
    "themes": [403, 200, 200, 403, 404, 404],
    "intervention_create": [200, 200, 200, 403, 404, 404],
    "signal_create": [200, 200, 403, 403, 404, 404],
}


@pytest.mark.parametrize("page", TEAM_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_team_pages_per_role(world, login, page, role):
    expected = TEAM_PAGES[page][ROLES.index(role)]
    assert login(world.people[role]).get(_team_url(page, world)).status_code == expected


OBJECT_PAGES = {
    "intervention_detail": ("intervention", [200, 200, 200, 200, 404, 404]),
    "intervention_update": ("intervention", [200, 200, 200, 403, 404, 404]),
    "assessment_create": ("intervention", [200, 200, 200, 403, 404, 404]),
    "assessment_detail": ("assessment", [200, 200, 200, 200, 404, 404]),
    "signal_detail": ("signal", [200, 200, 200, 404, 404, 404]),
    "issue_detail": ("issue", [200, 200, 200, 200, 404, 404]),
    "issue_update": ("issue", [403, 200, 200, 403, 404, 404]),
}


@pytest.mark.parametrize("page", OBJECT_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_object_pages_per_role(world, things, login, page, role):
    kind, statuses = OBJECT_PAGES[page]
    response = login(world.people[role]).get(_obj_url(page, things["own"][kind]))
    assert response.status_code == statuses[ROLES.index(role)]


@pytest.mark.parametrize("page", OBJECT_PAGES)
def test_another_teams_objects_answer_404(world, things, login, page):
    kind, _statuses = OBJECT_PAGES[page]
    client = login(world.people["lead"])
    assert client.get(_obj_url(page, things["far"][kind])).status_code == 404


def test_another_teams_framework_answers_404_also_to_edit(world, login):
    client = login(world.people["lead"])
    for page in ("framework", "framework_edit", "balance_settings", "themes"):
        url = reverse(f"collective:{page}", args=[world.far_team.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404


LIST_PAGES = {
    "balance": [200, 200, 200, 200, 200, 200],
    "interventions": [200, 200, 200, 200, 200, 200],
    "signals": [200, 200, 200, 404, 404, 200],
    "issues": [200, 200, 200, 200, 200, 200],
    "hours": [200, 200, 200, 403, 403, 200],
    "balance_export": [200, 200, 200, 200, 200, 200],
}


@pytest.mark.parametrize("page", LIST_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_list_pages_per_role(world, things, login, page, role):
    response = login(world.people[role]).get(reverse(f"collective:{page}"))
    assert response.status_code == LIST_PAGES[page][ROLES.index(role)]


def test_lists_show_only_ones_own_teams(world, things, login):
    client = login(world.people["member"])
    page = client.get(reverse("collective:interventions")).content.decode()
    assert things["own"]["intervention"].title in page
    assert things["far"]["intervention"].title not in page
    page = client.get(reverse("collective:signals")).content.decode()
    assert str(things["far"]["signal"].uuid) not in page
    assert str(things["own"]["signal"].uuid) in page


# --- Weighing framework ---------------------------------------------------------------------


def _framework_post(questions, note="", based_on=(1, 0)):
    data = {
        "based_on_version": str(based_on[0]),
        "based_on_revision": str(based_on[1]),
        "q-TOTAL_FORMS": str(len(questions)),
        "q-INITIAL_FORMS": "0",
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "1000",
        "note": note,
    }
    for index, (text, kind, order, delete) in enumerate(questions):
        data |= {
            f"q-{index}-text": text,
            f"q-{index}-kind": kind,
            f"q-{index}-guidance": "",
            f"q-{index}-ORDER": str(order),
        }
        if delete:
            data[f"q-{index}-DELETE"] = "on"
    return data


def test_a_team_starts_from_the_questions_of_the_report(world, login):
    page = login(world.people["member"]).get(_team_url("framework", world)).content.decode()
    assert "Zijn we voldoende zichtbaar en aanwezig in de wijk?" in page
    assert "Sluiten we aan op het tempo van bewoners?" in page
    assert world.team.frameworks.get().questions.count() == 8


def test_lead_rewords_reorders_and_removes_questions_in_place_while_unused(world, login):
    client = login(world.people["lead"])
    response = client.post(
        _team_url("framework_edit", world),
        _framework_post(
            [
                ("Om wiens vraag gaat het?", "text", 2, False),
                ("Hoe zichtbaar zijn we?", "scale", 1, False),
                ("Weg ermee", "yes_no", 3, True),
                ("", "text", 4, False),  # an empty extra row is skipped
            ],
            note="Korter",
        ),
    )
    assert response.status_code == 302
    framework = Framework.objects.get(team=world.team)
    assert framework.version == 1
    assert [(q.text, q.kind) for q in framework.questions.all()] == [
        ("Hoe zichtbaar zijn we?", "scale"),
        ("Om wiens vraag gaat het?", "text"),
    ]


def test_editing_a_used_version_makes_a_new_one_and_assessments_keep_theirs(world, things, login):
    assessment = things["own"]["assessment"]
    client = login(world.people["lead"])
    response = client.post(
        _team_url("framework_edit", world),
        _framework_post([("Een nieuwe vraag?", "yes_no", 1, False)]),
        follow=True,
    )
    assert "versie 2" in response.content.decode()
    assert world.team.frameworks.count() == 2
    assessment.refresh_from_db()
    assert assessment.framework.version == 1
    assert assessment.framework.questions.count() == 8


def test_two_leads_saving_at_once_do_not_overwrite_each_other(world, login):
    client = login(world.people["lead"])
    client.get(_team_url("framework", world))  # version 1, revision 0
    first = _framework_post([("Eerste lead?", "text", 1, False)])
    assert client.post(_team_url("framework_edit", world), first).status_code == 302
    second = _framework_post([("Tweede lead?", "text", 1, False)])  # also started at rev. 0
    response = client.post(_team_url("framework_edit", world), second)
    assert response.status_code == 200
    assert "Iemand anders heeft dit intussen opgeslagen" in response.content.decode()
    assert "Tweede lead?" in response.content.decode()
    assert world.team.frameworks.get().questions.get().text == "Eerste lead?"


def test_a_framework_needs_a_question(world, login):
    client = login(world.people["lead"])
    response = client.post(_team_url("framework_edit", world), _framework_post([]))
    assert response.status_code == 200
    assert "minstens één vraag" in response.content.decode()


# --- Interventions and assessments ----------------------------------------------------------


def test_member_registers_an_intervention_in_a_quadrant(world, login):
    client = login(world.people["member"])
    response = client.post(
        _team_url("intervention_create", world),
        {
            "title": "Bakkie in de buurt",
            "kind": "group",
            "quadrant": "collective_helping",
            "status": "considered",
            "started_on": "2018-03-05",
            "hours": "6",
        },
    )
    assert response.status_code == 302
    intervention = world.team.interventions.get(title="Bakkie in de buurt")
    assert intervention.quadrant == "collective_helping"
    assert intervention.created_by == world.people["member"]


def test_households_are_counted_only_for_individual_support(world, login):
    client = login(world.people["member"])
    response = client.post(
        _team_url("intervention_create", world),
        {
            "title": "Groep",
            "kind": "group",
            "quadrant": "collective_helping",
            "status": "running",
            "started_on": "2018-03-05",
            "hours": "6",
            "people_supported": "12",
        },
    )
    assert response.status_code == 200
    assert "Groep" in response.content.decode()  # the input is kept


def _assessment_post(framework, **extra):
    data = {
        "framework_version": framework.version,
        "held_on": "2018-06-18",
        "leaning": "collective_activating",
        "decision": "go",
        "summary": "Doen, met Humanitas.",
    }
    for question in framework.questions.all():
        data[f"q{question.pk}"] = {"scale": "4", "yes_no": "true", "text": "Van bewoners."}[
            question.kind
        ]
    return data | extra


def test_team_assesses_with_its_framework_and_can_reassess(world, things, login):
    intervention = things["own"]["intervention"]
    framework = world.team.frameworks.get()
    client = login(world.people["community_worker"])
    url = _obj_url("assessment_create", intervention)
    data = _assessment_post(framework, participants=[world.people["lead"].pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data | {"decision": "adjust"}).status_code == 302
    assessments = intervention.assessments.all()
    assert assessments.count() == 3  # the fixture's plus two
    newest = assessments.filter(decision="adjust").get()
    assert newest.answers.count() == 8 and list(newest.participants.all()) == [world.people["lead"]]
    page = client.get(intervention.get_absolute_url()).content.decode()
    assert page.count("18-6-2018") == 2


def test_an_assessment_keeps_the_version_it_was_filled_in_on(world, things, login):
    intervention = things["own"]["intervention"]
    old = world.team.frameworks.get()
    data = _assessment_post(old)
    # Meanwhile the team lead changes the (used) framework: version 2.
    from collectief import collective_services as services

    services.framework_save(
        team=world.team, questions=[{"text": "Nieuw?", "kind": "text", "guidance": ""}]
    )
    client = login(world.people["member"])
    response = client.post(_obj_url("assessment_create", intervention), data, follow=True)
    assessment = Assessment.objects.filter(intervention=intervention).order_by("-pk").first()
    assert assessment.framework == old
    assert "versie 1" in response.content.decode()


def test_participants_outside_the_team_are_refused(world, things, login):
    intervention = things["own"]["intervention"]
    client = login(world.people["member"])
    data = _assessment_post(world.team.frameworks.get(), participants=[world.people["outsider"].pk])
    response = client.post(_obj_url("assessment_create", intervention), data)
    assert response.status_code == 200
    assert response.context["form"].errors["participants"]


# --- Signals and collective issues ----------------------------------------------------------


def _signal_post(world, description, **extra):
    theme = SignalThemeFactory(team=world.team, name="Geldstress")
    return {
        "theme": theme.pk,
        "neighbourhood": world.team.neighbourhoods.get().pk,
        "households": "1",
        "description": description,
        "recorded_on": "2018-03-01",
    } | extra


def test_member_records_a_signal(world, login):
    client = login(world.people["member"])
    response = client.post(
        _team_url("signal_create", world), _signal_post(world, "Brief van de Belastingdienst.")
    )
    assert response.status_code == 302
    assert Signal.objects.get().recorded_by == world.people["member"]


@pytest.mark.parametrize(
    "description",
    ["Bel haar op 06-12345678", "Mail naar jan@example.nl", "Tel +31 23 511 5000"],
)
def test_a_phone_number_or_email_is_refused(world, login, description):
    client = login(world.people["member"])
    data = _signal_post(world, description, confirm_anonymous="on")
    response = client.post(_team_url("signal_create", world), data)
    assert response.status_code == 200
    assert "telefoonnummer" in response.content.decode()
    assert description in response.content.decode()  # nothing is lost
    assert not Signal.objects.exists()


def test_a_name_is_warned_about_and_can_be_confirmed_as_no_name(world, login):
    client = login(world.people["member"])
    url = _team_url("signal_create", world)
    response = client.post(url, _signal_post(world, "Gesproken met mevrouw Jansen over huur."))
    assert response.status_code == 200
    assert "naam" in response.content.decode() and not Signal.objects.exists()
    response = client.post(
        url, _signal_post(world, "Buurtcentrum De Horizon zit vol.", confirm_anonymous="on")
    )
    assert response.status_code == 302


def test_a_theme_or_neighbourhood_of_another_team_is_refused(world, login):
    client = login(world.people["member"])
    other_theme = SignalThemeFactory(team=world.far_team, name="Wonen")
    data = _signal_post(world, "Schimmel in de woning.", theme=other_theme.pk)
    assert client.post(_team_url("signal_create", world), data).status_code == 200
    data = _signal_post(world, "Schimmel.", neighbourhood=world.far_team.neighbourhoods.get().pk)
    assert client.post(_team_url("signal_create", world), data).status_code == 200
    assert not Signal.objects.exists()


def test_community_worker_turns_a_candidate_into_a_collective_issue(world, things, login):
    today = datetime.date(2018, 3, 1)
    for _ in range(5):
        SignalFactory(team=world.team, recorded_on=today)
    client = login(world.people["community_worker"])
    page = client.get(reverse("collective:signals")).content.decode()
    assert "Maak er een collectief vraagstuk van" in page
    theme = world.team.signal_themes.get(name="Geldstress")
    url = (
        reverse("collective:issue_create", args=[world.team.pk])
        + f"?theme={theme.pk}&neighbourhood={world.team.neighbourhoods.get().pk}"
    )
    response = client.post(
        url,
        {
            "title": "Geldstress",
            "intervention": things["own"]["intervention"].pk,
            "outcome": "Workshop gestart.",
        },
    )
    assert response.status_code == 302
    issue = CollectiveIssue.objects.get(title="Geldstress")
    assert issue.signals.count() == 6  # the five plus the fixture's signal
    assert issue.intervention == things["own"]["intervention"]
    assert (
        "Maak er een collectief" not in client.get(reverse("collective:signals")).content.decode()
    )


def test_an_issue_can_only_link_the_teams_own_interventions(world, things, login):
    client = login(world.people["community_worker"])
    issue = things["own"]["issue"]
    response = client.post(
        _obj_url("issue_update", issue),
        {"title": "X", "intervention": things["far"]["intervention"].pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["intervention"]


def test_area_connector_sees_an_issue_without_its_signals_and_small_counts_suppressed(
    world, things, login
):
    page = (
        login(world.people["area_connector"])
        .get(things["own"]["issue"].get_absolute_url())
        .content.decode()
    )
    assert "Brief van de Belastingdienst" not in page
    SignalFactory(team=world.team, collective_issue=things["own"]["issue"])
    page = (
        login(world.people["area_connector"])
        .get(things["own"]["issue"].get_absolute_url())
        .content.decode()
    )
    assert "&lt;5" in page


def test_threshold_zero_is_refused(world, login):
    client = login(world.people["lead"])
    response = client.post(
        _team_url("balance_settings", world),
        {"collective_target": "25", "signal_threshold": "0", "signal_window_days": "91"},
    )
    assert response.status_code == 200
    assert "drempel van nul" in response.content.decode()
    assert not TeamBalanceSettings.objects.exists()
    response = client.post(
        _team_url("balance_settings", world),
        {"collective_target": "30", "signal_threshold": "4", "signal_window_days": "60"},
    )
    assert response.status_code == 302
    assert TeamBalanceSettings.objects.get().collective_target == 30


def test_team_maintains_its_theme_list(world, login):
    client = login(world.people["community_worker"])
    assert client.post(_team_url("themes", world), {"name": "Schimmel"}).status_code == 302
    response = client.post(_team_url("themes", world), {"name": "schimmel"})
    assert response.status_code == 200  # a duplicate is refused with a message
    theme = world.team.signal_themes.get()
    url = reverse("collective:theme_toggle", args=[world.team.pk, theme.pk])
    client.post(url)
    theme.refresh_from_db()
    assert not theme.active


# --- Weekly hours ---------------------------------------------------------------------------


def _hours(week, ih="20", ia="4", ch="4", ca="4"):
    return {
        "week": week,
        "individual_helping": ih,
        "individual_activating": ia,
        "collective_helping": ch,
        "collective_activating": ca,
    }


def test_hours_are_recorded_and_the_same_week_twice_updates(world, login):
    client = login(world.people["member"])
    url = reverse("collective:hours")
    assert client.post(url, _hours("2018-03-07")).status_code == 302
    assert client.post(url, _hours("2018-03-05", ih="10")).status_code == 302
    entry = WeeklyHours.objects.get()
    assert entry.week == datetime.date(2018, 3, 5)
    assert entry.individual_helping == 10 and entry.role == "member"


def test_the_form_is_prefilled_from_last_week(world, login):
    client = login(world.people["member"])
    url = reverse("collective:hours")
    assert client.post(url, _hours("2018-03-05", ca="0.5")).status_code == 302
    response = client.get(url + "?week=2018-03-12")
    assert response.context["form"].initial["collective_activating"] == Decimal("0.5")
    assert response.context["form"].initial["week"] == datetime.date(2018, 3, 12)


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (_hours("2018-03-05", ih="-2"), "niet negatief"),
        (_hours("2018-03-05", ih="30"), "meer dan de 32"),
    ],
)
def test_negative_hours_or_more_than_the_contract_are_refused(world, login, hours, message):
    client = login(world.people["member"])
    response = client.post(reverse("collective:hours"), hours)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WeeklyHours.objects.exists()


# --- Balance --------------------------------------------------------------------------------


def test_balance_shows_the_team_and_the_export_has_its_months(world, login):
    WeeklyHours.objects.create(
        team=world.team,
        user=world.people["member"],
        role="member",
        week=datetime.date(2018, 6, 4),
        collective_activating=8,
        individual_helping=24,
    )
    client = login(world.people["lead"])
    page = client.get(reverse("collective:balance")).content.decode()
    assert "juni 2018" in page and "25,0%" in page
    response = client.get(reverse("collective:balance_export") + "?format=csv")
    body = response.content.decode()
    assert body.count("SWT Oost 1") == 12 and "2018-06" in body


def test_area_connector_sees_every_team_of_the_area_side_by_side(world, login):
    page = login(world.people["area_connector"]).get(reverse("collective:balance"))
    html = page.content.decode()
    assert "SWT Oost 1" in html and "SWT Oost 2" in html and "SWT Noord" not in html


def test_municipality_sees_city_wide_aggregates_with_small_signal_counts_suppressed(
    world, things, login
):
    page = login(world.people["municipality"]).get(reverse("collective:balance"))
    html = page.content.decode()
    assert "SWT Noord" in html and "SWT Oost 1" in html
    hidden = r'<span class="figure-hidden" title="[^"]+">&lt;5</span>'
    assert re.search(rf"{hidden} \({hidden}\)", html)
    assert "Brief van de Belastingdienst" not in html


def test_a_chosen_team_outside_ones_view_is_refused(world, login):
    client = login(world.people["lead"])
    response = client.get(reverse("collective:balance_team", args=[world.far_team.pk]))
    assert response.status_code == 404


def test_home_shows_candidates_to_the_community_worker_only(world, login):
    for day in range(1, 6):
        SignalFactory(team=world.team, recorded_on=datetime.date(2018, 3, day))
    page = login(world.people["community_worker"]).get(reverse("home")).content.decode()
    assert "Kandidaat collectieve vraagstukken" in page and "Geldstress" in page
    page = login(world.people["member"]).get(reverse("home")).content.decode()
    assert "Kandidaat collectieve vraagstukken" not in page


def test_household_counts_of_individual_support_are_suppressed_outside_the_team(world, login):
    from tests.collective.factories import InterventionFactory

    intervention = InterventionFactory(
        team=world.team,
        kind="individual_support",
        quadrant="individual_helping",
        people_supported=3,
    )
    page = login(world.people["area_connector"]).get(intervention.get_absolute_url())
    assert "&lt;5" in page.content.decode()
    page = login(world.people["member"]).get(intervention.get_absolute_url())
    assert "&lt;5" not in page.content.decode()


def test_balance_period_and_team_can_be_chosen(world, login):
    for week in (datetime.date(2018, 1, 8), datetime.date(2018, 6, 4)):
        WeeklyHours.objects.create(
            team=world.team,
            user=world.people["member"],
            role="member",
            week=week,
            collective_activating=8,
            individual_helping=8,
        )
    client = login(world.people["area_connector"])
    response = client.get(reverse("collective:balance"))
    assert response.context["main"].current.month == datetime.date(2018, 6, 1)
    assert response.context["form"]["until"].value() == datetime.date(2018, 6, 1)
    response = client.get(
        reverse("collective:balance"), {"until": "2018-01", "team": world.team.pk}
    )
    main = response.context["main"]
    assert main.team == world.team and main.current.month == datetime.date(2018, 1, 1)
    assert main.current.collective_share == Decimal("50.0")
    assert main.first.month == datetime.date(2017, 2, 1)
