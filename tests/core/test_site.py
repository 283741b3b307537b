"""Site-wide behaviour: login required everywhere, health, errors, settings, demo data."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from tests.urlwalk import iter_routes

# The single sign-on views are the login's way in (404 while it is off, tests/sso/).
PUBLIC_ROUTES = {"login", "sso_login", "sso_callback", "alive", "health", "set_language"}


def _is_public(route):
    return route.name in PUBLIC_ROUTES or route.name.startswith("public:")


@pytest.mark.django_db
def test_every_page_but_login_and_health_redirects_anonymous_to_login(client):
    checked = 0
    for route in iter_routes():
        if _is_public(route):
            continue
        for method in (client.get, client.post):
            response = method(route.path())
            assert response.status_code == 302, (route.name, response.status_code)
            assert response["Location"].startswith(reverse("login")), route.name
        checked += 1
    assert checked >= 5
    print(f"checked {checked} URL patterns for anonymous access")


@pytest.mark.django_db
def test_health_endpoints(client):
    assert client.get("/-/alive/").content == b"ok"
    response = client.get("/-/health/")
    assert response.status_code == 200
    assert response.json()["database"] == {"status": "ok"}


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/-/health/")
    assert response.status_code == 503
    assert response.json()["database"] == {"status": "failing"}


@pytest.mark.django_db
def test_unknown_url_gives_the_styled_404(world, login):
    response = login(world.people["member"]).get("/does-not-exist/")
    assert response.status_code == 404
    assert "Collectief" in response.content.decode()


@pytest.mark.django_db
def test_server_error_shows_an_incident_reference_and_no_traceback(world, client, settings):
    from collectief.views import server_error

    request = client.get("/-/alive/").wsgi_request
    request.incident_reference = "ABC123DEF0"
    response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "ABC123DEF0" in page and "Traceback" not in page


@pytest.mark.django_db
def test_wrong_password_does_not_reveal_whether_the_user_exists(world, client):
    existing = client.post("/accounts/login/", {"username": "ruud", "password": "wrong-pass-123"})
    unknown = client.post("/accounts/login/", {"username": "nobody", "password": "wrong-pass-123"})
    assert existing.status_code == unknown.status_code == 200

    def error_text(response):
        return str(response.context["form"].non_field_errors())

    assert error_text(existing) == error_text(unknown) != ""


@pytest.mark.django_db
def test_dutch_by_default_and_english_on_request(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'lang="nl"' in page and "Inloggen" in page
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in page and "Log in" in page


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    call_command("load_demo", "--force", verbosity=0)
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    call_command("load_demo", "--force", verbosity=0)
    assert counts == {m._meta.label: m.objects.count() for m in apps.get_models()}


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_load_demo_refuses_without_debug_unless_forced():
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)
    call_command("load_demo", "--force", verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["ruud", "fatima", "sandra", "jeroen", "mirjam"])
def test_every_demo_login_lands_on_a_home_page_with_real_data(client, role):
    from collectief.demo import DEMO_PASSWORD

    call_command("load_demo", "--force", verbosity=0)
    response = client.post(
        "/accounts/login/", {"username": role, "password": DEMO_PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200 and "SWT" in page
