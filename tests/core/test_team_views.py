import pytest
from django.urls import reverse

from collectief.models import Membership, Role
from tests.factories import MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_shows_each_role_its_own_world(world, login):
    page = login(world.people["member"]).get(reverse("home")).content.decode()
    assert "SWT Oost 1" in page and "Slachthuisbuurt" in page
    assert str(world.people["lead"]) in page
    assert "SWT Noord" not in page

    page = login(world.people["area_connector"]).get(reverse("home")).content.decode()
    assert "SWT Oost 1" in page and "SWT Oost 2" in page and "SWT Noord" not in page

    page = login(world.people["municipality"]).get(reverse("home")).content.decode()
    assert "SWT Oost 1" in page and "SWT Noord" in page


def test_team_list_is_scoped(world, login):
    page = login(world.people["lead"]).get(reverse("teams:list")).content.decode()
    assert "SWT Oost 1" in page and "SWT Noord" not in page
    page = login(world.people["municipality"]).get(reverse("teams:list")).content.decode()
    assert "SWT Oost 1" in page and "SWT Noord" in page
    # Municipality staff see the team's name but may not open its page.
    assert world.team.get_absolute_url() not in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 200),
        ("community_worker", 200),
        ("lead", 200),
        ("area_connector", 200),
        ("municipality", 404),
        ("outsider", 404),
    ],
)
def test_team_detail_access(world, login, role, status):
    response = login(world.people[role]).get(world.team.get_absolute_url())
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 403),
        ("community_worker", 403),
        ("lead", 200),
        ("area_connector", 403),
        ("municipality", 404),
        ("outsider", 404),
    ],
)
def test_only_the_team_lead_manages_members(world, login, role, status):
    url = reverse("teams:member_add", args=[world.team.pk])
    assert login(world.people[role]).get(url).status_code == status


def test_lead_adds_a_new_volunteer_with_an_account(world, login):
    client = login(world.people["lead"])
    response = client.post(
        reverse("teams:member_add", args=[world.team.pk]),
        {
            "username": "nieuwe-vrijwilliger",
            "role": Role.MEMBER,
            "hours_per_week": "4",
            "first_name": "Anna",
            "password": "een-lang-wachtwoord-2026",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(team=world.team, user__username="nieuwe-vrijwilliger")
    assert membership.user.check_password("een-lang-wachtwoord-2026")


def test_a_short_password_is_refused_and_the_input_kept(world, login):
    client = login(world.people["lead"])
    response = client.post(
        reverse("teams:member_add", args=[world.team.pk]),
        {
            "username": "kort",
            "role": Role.MEMBER,
            "hours_per_week": "4",
            "first_name": "Kees",
            "password": "kort",
        },
    )
    assert response.status_code == 200
    assert 'value="Kees"' in response.content.decode()
    assert not Membership.objects.filter(user__username="kort").exists()


def test_lead_adds_an_existing_person_and_cannot_add_twice(world, login):
    client = login(world.people["lead"])
    url = reverse("teams:member_add", args=[world.team.pk])
    UserFactory(username="tom")
    assert (
        client.post(
            url, {"username": "tom", "role": Role.MEMBER, "hours_per_week": "8"}
        ).status_code
        == 302
    )
    response = client.post(url, {"username": "tom", "role": Role.MEMBER, "hours_per_week": "8"})
    assert response.status_code == 200
    assert Membership.objects.filter(user__username="tom").count() == 1


def test_lead_changes_a_role_and_hours_out_of_range_are_refused(world, login):
    client = login(world.people["lead"])
    membership = Membership.objects.get(user=world.people["member"])
    url = reverse("teams:member_update", args=[world.team.pk, membership.pk])
    assert (
        client.post(url, {"role": Role.COMMUNITY_WORKER, "hours_per_week": "99"}).status_code == 200
    )
    assert (
        client.post(url, {"role": Role.COMMUNITY_WORKER, "hours_per_week": "24"}).status_code == 302
    )
    membership.refresh_from_db()
    assert membership.role == Role.COMMUNITY_WORKER


def test_the_last_lead_cannot_be_removed_or_demoted(world, login):
    client = login(world.people["lead"])
    own = Membership.objects.get(user=world.people["lead"])
    response = client.post(reverse("teams:member_remove", args=[world.team.pk, own.pk]))
    assert response.status_code == 200 and Membership.objects.filter(pk=own.pk).exists()
    response = client.post(
        reverse("teams:member_update", args=[world.team.pk, own.pk]),
        {"role": Role.MEMBER, "hours_per_week": "32"},
    )
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.role == Role.LEAD


def test_lead_removes_a_member(world, login):
    membership = Membership.objects.get(user=world.people["member"])
    response = login(world.people["lead"]).post(
        reverse("teams:member_remove", args=[world.team.pk, membership.pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_membership_of_another_team_is_404_even_for_a_lead(world, login):
    foreign = MembershipFactory(team=world.far_team)
    url = reverse("teams:member_update", args=[world.team.pk, foreign.pk])
    assert login(world.people["lead"]).get(url).status_code == 404


def _grow(world, teams):
    lead = world.people["lead"]
    for _ in range(teams):
        team = TeamFactory(area=world.area)
        MembershipFactory(user=lead, team=team, role=Role.LEAD)
        MembershipFactory.create_batch(3, team=team)


@pytest.mark.parametrize("extra_teams", [0, 49])
@pytest.mark.parametrize("url_name", ["home", "teams:list"])
def test_home_and_team_list_use_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries, extra_teams, url_name
):
    _grow(world, extra_teams)
    client = login(world.people["lead"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("members", [1, 50])
def test_team_detail_uses_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries, members
):
    MembershipFactory.create_batch(members, team=world.team)
    client = login(world.people["lead"])
    with django_assert_max_num_queries(12):
        assert client.get(world.team.get_absolute_url()).status_code == 200
