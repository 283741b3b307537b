"""Every interviews page for every role: who gets 200, 403 or 404 (anonymous: test_site)."""

import pytest
from django.urls import reverse

from tests.urlwalk import iter_routes

ROLES = ["member", "community_worker", "lead", "area_connector", "municipality", "outsider"]


def _urls(d):
    q, t = d.questionnaire, d.theme
    return {
        "list": reverse("interviews:list"),
        "create": reverse("interviews:create") + f"?round={d.round.uuid}",
        "detail": reverse("interviews:detail", args=[d.conversation.uuid]),
        "update": reverse("interviews:update", args=[d.conversation.uuid]),
        "resident_list": reverse("interviews:resident_list"),
        "resident_detail": reverse("interviews:resident_detail", args=[d.resident.uuid]),
        "round_list": reverse("interviews:round_list"),
        "round_create": reverse("interviews:round_create", args=[d.team.pk]),
        "round_detail": reverse("interviews:round_detail", args=[d.round.uuid]),
        "round_close": reverse("interviews:round_close", args=[d.round.uuid]),
        "snowball_round": reverse("interviews:snowball_round", args=[d.round.uuid]),
        "snowball_team": reverse("interviews:snowball_team", args=[d.team.pk]),
        "themes": reverse("interviews:themes", args=[d.team.pk]),
        "export": reverse("interviews:export", args=[d.team.pk]),
        "export_start": reverse("interviews:export_start", args=[d.team.pk]),
        "referral_match": reverse("interviews:referral_match", args=[d.referral.uuid]),
        "questionnaire_list": reverse("interviews:questionnaire_list"),
        "questionnaire_create": reverse("interviews:questionnaire_create", args=[d.team.pk]),
        "questionnaire_detail": reverse("interviews:questionnaire_detail", args=[q.pk]),
        "theme_create": reverse("interviews:theme_create", args=[q.pk]),
        "theme_update": reverse("interviews:theme_update", args=[q.pk, t.key]),
        "question_create": reverse("interviews:question_create", args=[q.pk, t.key]),
        "question_update": reverse(
            "interviews:question_update", args=[q.pk, t.key, d.question.key]
        ),
    }


# member, community worker, lead, area connector, municipality, outsider (far team's lead)
EXPECTED = {
    "list": [200, 200, 200, 403, 403, 200],
    "create": [200, 200, 403, 403, 403, 403],
    "detail": [200, 200, 200, 404, 404, 404],
    "update": [200, 200, 403, 404, 404, 404],
    "resident_list": [200, 200, 200, 403, 403, 200],
    "resident_detail": [200, 200, 200, 404, 404, 404],
    "round_list": [200, 200, 200, 200, 200, 200],
    "round_create": [403, 200, 200, 403, 404, 404],
    "round_detail": [200, 200, 200, 404, 404, 404],
    "round_close": [403, 200, 200, 404, 404, 404],
    "snowball_round": [200, 200, 200, 200, 200, 404],
    "snowball_team": [200, 200, 200, 200, 200, 404],
    "themes": [200, 200, 200, 200, 200, 404],
    "export": [200, 200, 200, 404, 404, 404],
    "export_start": [405, 405, 405, 405, 405, 405],  # POST only
    "referral_match": [200, 200, 403, 404, 404, 404],
    "questionnaire_list": [200, 200, 200, 200, 403, 200],
    "questionnaire_create": [403, 200, 200, 403, 404, 404],
    "questionnaire_detail": [200, 200, 200, 200, 404, 404],
    "theme_create": [403, 200, 200, 403, 404, 404],
    "theme_update": [403, 200, 200, 403, 404, 404],
    "question_create": [403, 200, 200, 403, 404, 404],
    "question_update": [403, 200, 200, 403, 404, 404],
}


def test_the_matrix_covers_every_interviews_page():
    names = {route.name for route in iter_routes() if route.name.startswith("interviews:")}
    # The resident's rights pages are tested in tests/security/test_resident_rights.py, a
    # background export's pages (its requester's only) in test_background_export.py.
    assert names - {f"interviews:{name}" for name in EXPECTED} == {
        "interviews:export_job",
        "interviews:export_download",
        "interviews:referral_status",
        "interviews:resident_data",
        "interviews:resident_erase",
        "interviews:suggestion_decide",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_every_role_gets_the_expected_answer(world, own, login, page):
    url = _urls(own)[page]
    got = [login(world.people[role]).get(url).status_code for role in ROLES]
    assert got == EXPECTED[page], page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "detail",
        "update",
        "resident_detail",
        "round_detail",
        "round_close",
        "export",
        "referral_match",
        "snowball_round",
        "snowball_team",
        "themes",
        "questionnaire_detail",
        "create",
    ],
)
@pytest.mark.parametrize("role", ["member", "community_worker", "lead"])
def test_another_teams_objects_answer_404(world, own, far, login, page, role):
    # A team lead logs no conversations anywhere, so the form itself is refused first.
    expected = 403 if (role, page) == ("lead", "create") else 404
    assert login(world.people[role]).get(_urls(far)[page]).status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", 302),
        ("community_worker", 302),
        ("lead", 403),
        ("area_connector", 404),
        ("municipality", 404),
        ("outsider", 404),
    ],
)
def test_referral_status_by_role(world, own, login, role, expected):
    url = reverse("interviews:referral_status", args=[own.referral.uuid])
    response = login(world.people[role]).post(url, {"status": "contacted", "version": 0})
    assert response.status_code == expected


@pytest.mark.django_db
def test_lists_show_only_the_own_teams_residents(world, own, far, login):
    client = login(world.people["member"])
    for name in ("list", "resident_list", "round_list"):
        page = client.get(_urls(own)[name]).content.decode()
        assert far.resident.name not in page
    assert own.resident.name in client.get(_urls(own)["list"]).content.decode()


@pytest.mark.django_db
def test_figure_pages_show_no_names_or_notes_outside_the_team(world, own, login):
    for role in ("area_connector", "municipality"):
        client = login(world.people[role])
        for name in ("snowball_round", "snowball_team", "themes", "round_list"):
            page = client.get(_urls(own)[name]).content.decode()
            assert own.resident.name not in page and "Geheime notitie" not in page
            assert "Een bankje" not in page  # wishes are quotes for the team only
        assert "&lt;5" in client.get(_urls(own)["snowball_team"]).content.decode()
