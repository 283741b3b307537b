"""Bad input at the door: forged POSTs without a CSRF token, oversized requests."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from collectief.views import bad_request
from tests.factories import TEST_PASSWORD
from tests.security.scoping import OBJECT_URLS
from tests.urlwalk import iter_routes

pytestmark = pytest.mark.django_db


def test_every_post_without_a_csrf_token_is_refused(world, capsys):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["lead"])
    refused = 0
    for route in iter_routes():
        kwargs = OBJECT_URLS[route.name].make(world, world.team) if route.kwargs else {}
        response = client.post(route.path(**kwargs), {"username": "x", "role": "member"})
        assert response.status_code == 403, route.name
        refused += 1
    page = response.content.decode()
    assert "niets opgeslagen" in page  # the styled, translated page, not Django's default
    with capsys.disabled():
        print(f"\ncsrf: {refused} URL patterns refuse a POST without token")


def test_a_forged_login_without_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "ruud", "password": TEST_PASSWORD})
    assert response.status_code == 403 and "_auth_user_id" not in client.session


def test_an_oversized_request_gets_a_clear_413_page(world, login, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    client = login(world.people["lead"])
    response = client.post(
        f"/teams/{world.team.pk}/members/add/", {"username": "x", "first_name": "y" * 5_000}
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "te groot" in page and "niets opgeslagen" in page


def test_too_many_fields_get_the_same_page(world, login, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client = login(world.people["lead"])
    data = {f"field{i}": "x" for i in range(20)}
    response = client.post(f"/teams/{world.team.pk}/members/add/", data)
    assert response.status_code == 413 and "te groot" in response.content.decode()


def test_other_bad_requests_keep_a_styled_400(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = bad_request(request, SuspiciousOperation("odd"))
    assert response.status_code == 400 and "niet begrepen" in response.content.decode()
