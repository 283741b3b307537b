"""Every view of the initiatives app for every role: who gets 200, 302, 403 or 404."""

import pytest
from django.urls import reverse

from tests.initiatives.factories import close_file

pytestmark = pytest.mark.django_db

ROLES = ["member", "community_worker", "lead", "area_connector", "municipality", "outsider"]


def expect(**statuses):
    return [statuses[role] for role in ROLES]


# Pages about one object of world.team.
READ = expect(
    member=200, community_worker=200, lead=200, area_connector=200, municipality=404, outsider=404
)
RUN = expect(
    member=403, community_worker=200, lead=200, area_connector=403, municipality=404, outsider=404
)
TEAM_ONLY = expect(
    member=200, community_worker=200, lead=200, area_connector=404, municipality=404, outsider=404
)
# Pages not about one object: each person sees their own teams.
LIST = expect(
    member=200, community_worker=200, lead=200, area_connector=200, municipality=403, outsider=200
)
CREATE = expect(
    member=403, community_worker=200, lead=200, area_connector=403, municipality=403, outsider=200
)
RECORD = expect(
    member=200, community_worker=200, lead=200, area_connector=403, municipality=403, outsider=200
)

GET_PAGES = [
    ("initiatives:list", None, LIST),
    ("initiatives:export", None, LIST),
    ("initiatives:session_export", None, LIST),
    ("initiatives:create", None, CREATE),
    ("initiatives:label_list", None, LIST),
    ("initiatives:label_create", None, CREATE),
    ("initiatives:success_list", None, LIST),
    ("initiatives:success_create", None, RECORD),
    ("initiatives:detail", "initiative", READ),
    ("initiatives:update", "initiative", RUN),
    ("initiatives:status", "initiative", RUN),
    ("initiatives:label_apply", "initiative", RUN),
    ("initiatives:activity_create", "initiative", RUN),
    ("initiatives:material_create", "initiative", RUN),
    ("initiatives:activity_detail", "activity", READ),
    ("initiatives:session_create", "activity", RUN),
    ("initiatives:session_update", "session", RUN),
    ("initiatives:material_file", "material", READ),
    ("initiatives:label_detail", "programme", READ),
    ("initiatives:label_update", "programme", RUN),
    ("initiatives:label_badge", "programme", READ),
    ("initiatives:application_decide", "application", RUN),
    ("initiatives:success_update", "success", TEAM_ONLY),
]


def _url(name, things, kind):
    if kind is None:
        return reverse(name)
    obj = getattr(things, kind)
    key = getattr(obj, "public_id", None) or obj.pk
    return reverse(name, args=[key])


@pytest.mark.parametrize(("name", "kind", "statuses"), GET_PAGES, ids=[p[0] for p in GET_PAGES])
def test_every_page_answers_each_role_as_the_policy_says(world, ours, login, name, kind, statuses):
    url = _url(name, ours, kind)
    for role, status in zip(ROLES, statuses, strict=True):
        response = login(world.people[role]).get(url)
        close_file(response)
        assert response.status_code == status, (role, url, response.status_code)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("initiatives:detail", "initiative"),
        ("initiatives:update", "initiative"),
        ("initiatives:activity_detail", "activity"),
        ("initiatives:session_update", "session"),
        ("initiatives:material_file", "material"),
        ("initiatives:label_detail", "programme"),
        ("initiatives:label_badge", "programme"),
        ("initiatives:application_decide", "application"),
        ("initiatives:success_update", "success"),
        ("initiatives:success_photo", "success"),
    ],
)
def test_another_teams_objects_answer_404(world, theirs, login, name, kind):
    url = _url(name, theirs, kind)
    for role in ("member", "community_worker", "lead", "area_connector"):
        response = login(world.people[role]).get(url)
        close_file(response)
        assert response.status_code == 404, (role, url)


def test_the_material_file_is_served_with_its_checked_type_as_a_download(world, ours, login):
    response = login(world.people["member"]).get(ours.material.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert close_file(response).startswith(b"%PDF-")


def test_the_material_has_no_public_media_url(ours, client):
    # Only the access-checked view serves files; /media/ is not routed at all.
    assert client.get("/media/" + ours.material.file.name).status_code in (302, 404)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 302),
        ("community_worker", 302),
        ("lead", 302),
        ("area_connector", 302),
        ("municipality", 404),
        ("outsider", 404),
    ],
)
def test_team_and_area_connector_comment(world, ours, login, role, status):
    url = reverse("initiatives:comment_add", args=[ours.initiative.public_id])
    response = login(world.people[role]).post(url, {"text": "Mooi initiatief"})
    assert response.status_code == status
    assert ours.initiative.comments.exists() == (status == 302)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 403),
        ("community_worker", 302),
        ("lead", 302),
        ("area_connector", 403),
        ("municipality", 404),
        ("outsider", 404),
    ],
)
def test_only_community_worker_and_lead_remove_material(world, ours, login, role, status):
    url = reverse("initiatives:material_delete", args=[ours.material.public_id])
    assert login(world.people[role]).post(url).status_code == status


def test_area_connector_sees_only_shareable_successes_of_the_area_without_personal_data(
    world, ours, login
):
    from tests.initiatives.factories import SuccessFactory

    SuccessFactory(team=world.team, title="Gedeeld succes", shareable=True, involved="Kees")
    page = login(world.people["area_connector"]).get(reverse("initiatives:success_list"))
    html = page.content.decode()
    assert "Gedeeld succes" in html and ours.success.title not in html
    assert "Kees" not in html


def test_area_connector_does_not_see_resident_starters(world, ours, login):
    ours.initiative.resident_starters = "Mevrouw J."
    ours.initiative.save()
    html = login(world.people["area_connector"]).get(ours.initiative.get_absolute_url())
    assert "Mevrouw J." not in html.content.decode()
    html = login(world.people["member"]).get(ours.initiative.get_absolute_url())
    assert "Mevrouw J." in html.content.decode()


def test_list_shows_only_initiatives_of_ones_teams(world, ours, theirs, login):
    html = login(world.people["member"]).get(reverse("initiatives:list")).content.decode()
    assert ours.initiative.name in html and theirs.initiative.name not in html


def test_home_panel_counts_the_teams_initiatives(world, ours, login):
    html = login(world.people["member"]).get(reverse("home")).content.decode()
    assert reverse("initiatives:success_list") in html
    html = login(world.people["municipality"]).get(reverse("home")).content.decode()
    assert 'id="initiatives-panel-heading"' not in html


def test_area_connector_sees_only_shareable_successes_on_the_initiative_page(world, ours, login):
    from tests.initiatives.factories import SuccessFactory

    SuccessFactory(team=world.team, initiative=ours.initiative, title="Gedeeld", shareable=True)
    url = ours.initiative.get_absolute_url()
    html = login(world.people["area_connector"]).get(url).content.decode()
    assert "Gedeeld" in html and ours.success.title not in html
    html = login(world.people["member"]).get(url).content.decode()
    assert "Gedeeld" in html and ours.success.title in html
