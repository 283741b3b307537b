"""Proof of scoping: every URL pattern × every role, with objects of another team or area."""

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.security.scoping import OBJECT_URLS, PAGES, foreign_teams
from tests.urlwalk import iter_routes

pytestmark = pytest.mark.django_db


def _routes():
    return list(iter_routes())


def test_every_url_pattern_is_in_the_scoping_matrix():
    routes = _routes()
    missing = [
        route.name for route in routes if route.name not in (OBJECT_URLS if route.kwargs else PAGES)
    ]
    assert not missing, (
        f"URL patterns without a scoping entry in tests/security/scoping.py: {missing}"
    )
    known = {route.name for route in routes}
    stale = sorted((set(OBJECT_URLS) | set(PAGES)) - known)
    assert not stale, f"Scoping entries for URLs that no longer exist: {stale}"


def test_no_role_reaches_another_teams_objects(world, client, capsys):
    failures = []
    checks = requests = 0
    object_routes = [route for route in _routes() if route.kwargs]
    for role in ROLES:
        client.force_login(world.people[role])
        for route in object_routes:
            entry = OBJECT_URLS[route.name]
            allowed = {404, 403} if entry.existence_public else {404}
            own = entry.make(world, world.team)
            for team in foreign_teams(world, role):
                if role in entry.visible_to:
                    continue
                foreign = entry.make(world, team)
                variants = [foreign]
                # Own object with one foreign part (e.g. own team, another team's membership).
                if len(foreign) > 1:
                    variants += [{**own, kwarg: foreign[kwarg]} for kwarg in foreign]
                for kwargs in variants:
                    url = route.path(**kwargs)
                    for method in ("get", "post"):
                        status = getattr(client, method)(url).status_code
                        requests += 1
                        expected = allowed if kwargs is foreign else allowed | {403}
                        if method == "post":
                            expected = expected | {405}  # a GET-only page reveals nothing
                        if status not in expected:
                            failures.append((role, method, url, status))
        checks += len(object_routes)
    assert not failures, failures
    with capsys.disabled():
        print(
            f"\nscoping: {len(object_routes)} object URL patterns × {len(ROLES)} roles = "
            f"{checks} checks, {requests} requests with foreign objects"
        )


def test_pages_without_objects_answer_each_role_as_expected(world, client, capsys):
    failures = []
    page_routes = [route for route in _routes() if not route.kwargs]
    for role in ROLES:
        client.force_login(world.people[role])
        for route in page_routes:
            status = client.get(route.path()).status_code
            if status not in PAGES[route.name][role]:
                failures.append((role, route.name, status))
    assert not failures, failures
    with capsys.disabled():
        checks = len(page_routes) * len(ROLES)
        print(f"\nscoping: {len(page_routes)} pages × {len(ROLES)} roles = {checks}")


def test_own_team_objects_open_for_the_roles_that_may(world, login):
    """The matrix's objects are real: the lead opens their own team's pages (no false 404s)."""
    client = login(world.people["lead"])
    for name, entry in OBJECT_URLS.items():
        kwargs = entry.make(world, world.team)
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name
