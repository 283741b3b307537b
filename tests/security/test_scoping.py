"""Proof of scoping: every URL pattern × every role, with objects of another team or area."""

import pytest
from django.urls import reverse

from tests.conftest import ROLES
from tests.initiatives.factories import close_file
from tests.security.scoping import OBJECT_URLS, PAGES, foreign_teams
from tests.urlwalk import iter_routes

pytestmark = pytest.mark.django_db


def _routes():
    return list(iter_routes())


def _status(response):
    """The status, after reading a download to its end so that its file is closed."""
    close_file(response)
    return response.status_code


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
                    # A kwarg with the same value in both (a framework's version number, a
                    # section key) names nothing foreign on its own: that variant is the own one.
                    variants += [
                        {**own, kwarg: foreign[kwarg]}
                        for kwarg in foreign
                        if foreign[kwarg] != own[kwarg]
                    ]
                for kwargs in variants:
                    url = route.path(**kwargs)
                    for method in ("get", "post"):
                        status = _status(getattr(client, method)(url))
                        requests += 1
                        expected = allowed if kwargs is foreign else allowed | {403}
                        if method == "post" or entry.own_status == 405:
                            # A GET-only page to a POST, or a POST-only URL to a GET, answers 405
                            # before looking anything up: it reveals nothing.
                            expected = expected | {405}
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
            status = _status(client.get(route.path()))
            if status not in PAGES[route.name][role]:
                failures.append((role, route.name, status))
    assert not failures, failures
    with capsys.disabled():
        checks = len(page_routes) * len(ROLES)
        print(f"\nscoping: {len(page_routes)} pages × {len(ROLES)} roles = {checks}")


def test_own_team_objects_open_for_the_roles_that_may(world, client):
    """The matrix's objects are real: the team opens its own pages (no false 404s)."""
    failures = []
    for name, entry in OBJECT_URLS.items():
        kwargs = entry.make(world, world.team)
        client.force_login(world.people[entry.opened_by])
        status = _status(client.get(reverse(name, kwargs=kwargs)))
        if status != entry.own_status:
            failures.append((name, entry.opened_by, status))
    assert not failures, failures
