"""The access policy for every role: own team, a team in the same area, a team elsewhere."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from collectief.access import (
    ALL_TEAMS,
    Capability,
    can,
    get_team_for_user,
    scope_for,
    scope_queryset,
    teams_for,
)
from collectief.models import Team

C = Capability

# role -> capabilities on the own team (None: the role has no own team)
EXPECTED_OWN_TEAM = {
    "member": {
        C.VIEW_TEAM,
        C.VIEW_FIGURES,
        C.VIEW_PERSONAL_DATA,
        C.VIEW_TEAM_REFLECTION,
        C.LOG_WORK,
        C.RECORD_HOURS,
        C.COMMENT,
    },
    "community_worker": {
        C.VIEW_TEAM,
        C.VIEW_FIGURES,
        C.VIEW_PERSONAL_DATA,
        C.VIEW_TEAM_REFLECTION,
        C.LOG_WORK,
        C.RECORD_HOURS,
        C.COMMENT,
        C.RUN_COLLECTIVE_WORK,
    },
    "lead": {
        C.VIEW_TEAM,
        C.VIEW_FIGURES,
        C.VIEW_PERSONAL_DATA,
        C.VIEW_TEAM_REFLECTION,
        C.RECORD_HOURS,
        C.COMMENT,
        C.RUN_COLLECTIVE_WORK,
        C.MANAGE_TEAM,
    },
    "area_connector": {C.VIEW_TEAM, C.VIEW_FIGURES, C.COMMENT},
    "municipality": {C.VIEW_FIGURES},
}


@pytest.mark.parametrize("role", EXPECTED_OWN_TEAM)
def test_capabilities_on_own_team(world, role):
    user = world.people[role]
    assert {c for c in Capability if can(user, c, world.team)} == EXPECTED_OWN_TEAM[role]


@pytest.mark.parametrize("role", ["member", "community_worker", "lead"])
def test_team_roles_see_nothing_of_other_teams(world, role):
    user = world.people[role]
    for team in (world.other_team, world.far_team):
        assert not any(can(user, c, team) for c in Capability)
    assert list(teams_for(user)) == [world.team]


def test_area_connector_sees_every_team_of_the_area_but_no_personal_data(world):
    user = world.people["area_connector"]
    assert set(teams_for(user)) == {world.team, world.other_team}
    assert not can(user, C.VIEW_PERSONAL_DATA, world.other_team)
    assert not any(can(user, c, world.far_team) for c in Capability)


def test_municipality_sees_figures_of_every_team_only(world):
    user = world.people["municipality"]
    assert scope_for(user).team_ids(C.VIEW_FIGURES) is ALL_TEAMS
    assert set(teams_for(user, C.VIEW_FIGURES)) == set(Team.objects.all())
    assert not teams_for(user, C.VIEW_TEAM).exists()
    assert not teams_for(user, C.VIEW_PERSONAL_DATA).exists()


def test_a_person_with_roles_in_two_teams_gets_each_role_in_its_own_team(world):
    from tests.factories import MembershipFactory

    user = world.people["member"]
    MembershipFactory(user=user, team=world.far_team, role="lead")
    assert can(user, C.MANAGE_TEAM, world.far_team)
    assert not can(user, C.MANAGE_TEAM, world.team)


def test_superuser_gets_no_team_data_without_a_membership(world):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    assert not teams_for(admin).exists()


def test_anonymous_has_empty_scope(world):
    from django.contrib.auth.models import AnonymousUser

    assert not scope_queryset(AnonymousUser(), Team.objects.all()).exists()


def test_get_team_answers_404_to_outsiders_and_403_without_the_capability(world):
    with pytest.raises(Http404):
        get_team_for_user(world.people["member"], world.far_team.pk)
    with pytest.raises(PermissionDenied):
        get_team_for_user(world.people["member"], world.team.pk, require=C.MANAGE_TEAM)
    assert get_team_for_user(world.people["lead"], world.team.pk, require=C.MANAGE_TEAM)


def test_rules_object_permission_asks_the_same_policy(world):
    assert world.people["lead"].has_perm("collectief.manage_team", world.team)
    assert not world.people["member"].has_perm("collectief.manage_team", world.team)
    assert not world.people["lead"].has_perm("collectief.view_team", world.far_team)


def test_scope_is_computed_once_per_request(world, django_assert_num_queries):
    user = world.people["area_connector"]
    with django_assert_num_queries(3):
        scope_for(user)
        scope_for(user)
