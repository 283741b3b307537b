"""The social map: who sees which neighbourhood, who maintains it, suggestions, search."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative, SocialMapEntry
from tests.initiatives.factories import InitiativeFactory, SocialMapEntryFactory

pytestmark = pytest.mark.django_db

MAP = reverse("initiatives:map")


def _hood(team):
    return team.neighbourhoods.get()


@pytest.fixture
def entries(world):
    return {
        "own": SocialMapEntryFactory(
            neighbourhood=_hood(world.team), name="Het Broederhuis", themes=",loneliness,"
        ),
        "next_door": SocialMapEntryFactory(neighbourhood=_hood(world.other_team), name="Parkhuis"),
        "far": SocialMapEntryFactory(neighbourhood=_hood(world.far_team), name="Noorderhuis"),
        "suggested": SocialMapEntryFactory(
            neighbourhood=_hood(world.team),
            name="Wandelgroep",
            status=SocialMapEntry.Status.SUGGESTED,
        ),
    }


@pytest.mark.parametrize(
    "role, sees",
    [
        ("member", {"Het Broederhuis"}),
        ("community_worker", {"Het Broederhuis"}),
        ("lead", {"Het Broederhuis"}),
        ("area_connector", {"Het Broederhuis", "Parkhuis"}),
        ("outsider", {"Noorderhuis"}),
    ],
)
def test_each_role_sees_the_map_of_its_own_neighbourhoods(world, login, entries, role, sees):
    response = login(world.people[role]).get(MAP)
    assert response.status_code == 200
    shown = {e.name for e in response.context["entries"]}
    assert shown == sees


def test_municipality_staff_have_no_social_map(world, login):
    assert login(world.people["municipality"]).get(MAP).status_code == 403


def test_a_member_finds_something_against_loneliness_in_the_slachthuisbuurt(world, login, entries):
    SocialMapEntryFactory(neighbourhood=_hood(world.team), name="Kindervreugd", themes=",youth,")
    client = login(world.people["member"])
    hood = _hood(world.team)
    # By the theme's Dutch name, typed as a search word.
    response = client.get(MAP, {"q": "eenzaam", "neighbourhood": hood.pk})
    assert [e.name for e in response.context["entries"]] == ["Het Broederhuis"]
    # By the theme filter.
    response = client.get(MAP, {"theme": "loneliness"})
    assert [e.name for e in response.context["entries"]] == ["Het Broederhuis"]
    assert "Kindervreugd" in {e.name for e in client.get(MAP).context["entries"]}


def test_resident_initiatives_of_the_team_show_automatically(world, login):
    initiative = InitiativeFactory(team=world.team, name="Bakkie op het plein")
    initiative.neighbourhoods.set([_hood(world.team)])
    InitiativeFactory(team=world.team, name="Oud idee", status=Initiative.Status.ENDED)
    response = login(world.people["member"]).get(MAP, {"q": "bakkie"})
    assert [i.name for i in response.context["initiatives"]] == ["Bakkie op het plein"]


def test_a_member_suggests_and_the_community_worker_accepts(world, client):
    hood = _hood(world.team)
    data = {"neighbourhood": hood.pk, "kind": "church", "name": "Open tafel", "what": "Eten"}
    data |= {"theme_choices": ["food", "loneliness"]}
    client.force_login(world.people["member"])
    response = client.post(reverse("initiatives:map_create"), data)
    assert response.status_code == 302
    entry = SocialMapEntry.objects.get(name="Open tafel")
    assert entry.status == SocialMapEntry.Status.SUGGESTED
    assert entry.theme_keys == ["food", "loneliness"]
    assert entry not in client.get(MAP).context["entries"].object_list
    # A member cannot accept.
    url = reverse("initiatives:map_accept", args=[entry.pk])
    assert client.post(url).status_code == 403

    client.force_login(world.people["community_worker"])
    assert entry in client.get(MAP).context["suggestions"]
    assert client.post(url).status_code == 302
    entry.refresh_from_db()
    assert entry.status == SocialMapEntry.Status.ACCEPTED


def test_area_connector_adds_directly_and_edits(world, client):
    hood = _hood(world.other_team)
    client.force_login(world.people["area_connector"])
    data = {"neighbourhood": hood.pk, "kind": "association", "name": "Wijkraad", "what": "Overleg"}
    assert client.post(reverse("initiatives:map_create"), data).status_code == 302
    entry = SocialMapEntry.objects.get(name="Wijkraad")
    assert entry.status == SocialMapEntry.Status.ACCEPTED
    url = reverse("initiatives:map_update", args=[entry.pk])
    data |= {"what": "Maandelijks overleg", "version": entry.version}
    assert client.post(url, data).status_code == 302
    entry.refresh_from_db()
    assert entry.what == "Maandelijks overleg"


def test_a_forged_neighbourhood_fails_validation(world, login):
    client = login(world.people["member"])
    data = {"neighbourhood": _hood(world.far_team).pk, "kind": "other", "name": "X", "what": "Y"}
    response = client.post(reverse("initiatives:map_create"), data)
    assert response.status_code == 200
    assert "neighbourhood" in response.context["form"].errors
    assert response.context["form"]["name"].value() == "X"  # nothing typed is lost


@pytest.mark.parametrize("view", ["map_update", "map_accept", "map_delete"])
def test_entries_of_other_neighbourhoods_answer_404(world, login, entries, view):
    client = login(world.people["community_worker"])
    for key in ("next_door", "far"):
        url = reverse(f"initiatives:{view}", args=[entries[key].pk])
        assert client.post(url).status_code == 404


def test_the_community_worker_removes_an_entry(world, login, entries):
    client = login(world.people["community_worker"])
    url = reverse("initiatives:map_delete", args=[entries["own"].pk])
    assert client.post(url).status_code == 302
    assert not SocialMapEntry.objects.filter(pk=entries["own"].pk).exists()


@pytest.mark.parametrize("size", [10, 1000])
def test_the_social_map_uses_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries, size
):
    hood = _hood(world.team)
    SocialMapEntry.objects.bulk_create(
        SocialMapEntry(
            neighbourhood=hood, kind="other", name=f"Plek {n}", what="x", status="accepted"
        )
        for n in range(size)
    )
    initiatives = Initiative.objects.bulk_create(
        InitiativeFactory.build(team=world.team, name=f"Initiatief {n}") for n in range(size)
    )
    Initiative.neighbourhoods.through.objects.bulk_create(
        Initiative.neighbourhoods.through(initiative_id=i.pk, neighbourhood_id=hood.pk)
        for i in initiatives
    )
    client = login(world.people["community_worker"])
    with django_assert_max_num_queries(14):
        response = client.get(MAP, {"q": "e"})
    assert response.status_code == 200
