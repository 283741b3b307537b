"""Login and session hardening: lockout, session limits, session keys, cookies, TOTP."""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from collectief import security
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _fail(client, username="ruud", **extra):
    return client.post(LOGIN, {"username": username, "password": "wrong-pass-123"}, **extra)


def test_repeated_wrong_passwords_lock_the_username_from_that_address(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _fail(client).status_code == 200
    locked = _fail(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "geblokkeerd" in page and "15 minuten" in page and "<h1" in page
    # Even the right password is refused now, with the same page.
    right = client.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD})
    assert right.status_code == 429 and "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _fail(client)
    # Another person in the same office still logs in ...
    other = client.post(LOGIN, {"username": "fatima", "password": TEST_PASSWORD})
    assert other.status_code == 302
    # ... and so does the locked person from another address.
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    response = elsewhere.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_lockout_message_in_english_on_request(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _fail(client, HTTP_ACCEPT_LANGUAGE="en")
    assert "blocked for 15 minutes" in response.content.decode()


def test_login_gives_a_new_session_key(world, client):
    session = client.session
    session["before_login"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    before = session.session_key
    assert client.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD}).status_code == 302
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_invalidates_the_session(world, login):
    client = login(world.people["member"])
    key = client.session.session_key
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie value no longer opens anything.
    replay = Client()
    replay.cookies["sessionid"] = key
    assert replay.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    ("idle_minutes", "since_login_hours", "still_in"),
    [(29, 1, True), (31, 1, False), (10, 11.9, True), (10, 12.1, False)],
)
def test_session_ends_after_30_minutes_idle_or_12_hours(
    world, client, monkeypatch, idle_minutes, since_login_hours, still_in
):
    start = 1_800_000_000
    monkeypatch.setattr(security, "_now", lambda: start)
    client.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD})
    # Stay active until `idle_minutes` before the final request.
    last_activity = start + int(since_login_hours * 3600) - idle_minutes * 60
    if last_activity > start:
        step = start
        while step < last_activity:
            step = min(step + 25 * 60, last_activity)
            monkeypatch.setattr(security, "_now", lambda s=step: s)
            assert client.get(reverse("home")).status_code == 200
    monkeypatch.setattr(security, "_now", lambda: start + int(since_login_hours * 3600))
    response = client.get(reverse("home"))
    if still_in:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
        page = client.get(response["Location"]).content.decode()
        assert "Je sessie is beëindigd" in page


def test_production_cookies_are_secure_httponly_samesite():
    code = (
        "import json, collectief.settings as s; print(json.dumps({k: getattr(s, k) for k in "
        "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_SSL_REDIRECT', 'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'SESSION_COOKIE_AGE', "
        "'COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA', 'AXES_ENABLED']}))"
    )
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    values = json.loads(out.stdout)
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_AGE": 12 * 3600,
        "COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA": True,
        "AXES_ENABLED": True,
    }


def test_session_cookie_is_httponly_on_the_wire(world, client):
    response = client.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


# --- one-time codes ---------------------------------------------------------------------------


def _code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def _skip_throttle(device):
    """django-otp slows down guessing after a wrong code; the test does not wait for that."""
    device.refresh_from_db()
    device.throttle_reset()


def test_enrolment_shows_a_qr_code_and_confirms_with_a_code(world, login):
    client = login(world.people["member"])
    page = client.get(reverse("otp:setup")).content.decode()
    device = TOTPDevice.objects.get(user=world.people["member"], confirmed=False)
    qr = client.get(reverse("otp:qr_code"))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    assert page.count(reverse("otp:qr_code")) == 1
    wrong = client.post(reverse("otp:setup"), {"token": "000000"})
    assert "niet juist" in wrong.content.decode()
    _skip_throttle(device)
    response = client.post(reverse("otp:setup"), {"token": _code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200  # verified in this session
    assert client.get(reverse("otp:qr_code")).status_code == 404  # secret no longer shown


def test_a_person_with_a_device_must_enter_a_code_after_the_password(world, client):
    device = TOTPDevice.objects.create(user=world.people["member"], name="x", confirmed=True)
    response = client.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("otp:verify"))
    assert client.get(reverse("teams:list")).status_code == 302
    wrong = client.post(reverse("otp:verify"), {"token": "000000", "next": "/teams/"})
    assert wrong.status_code == 200 and "niet juist" in wrong.content.decode()
    _skip_throttle(device)
    right = client.post(reverse("otp:verify"), {"token": _code(device), "next": "/teams/"})
    assert right["Location"] == "/teams/"
    assert client.get(reverse("teams:list")).status_code == 200


def test_verify_refuses_an_outside_next_url(world, client):
    device = TOTPDevice.objects.create(user=world.people["member"], name="x", confirmed=True)
    client.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD})
    response = client.post(
        reverse("otp:verify"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


@override_settings(COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA=True)
@pytest.mark.parametrize(
    ("role", "must_enrol"),
    [
        ("member", True),
        ("community_worker", True),
        ("lead", True),
        ("area_connector", False),
        ("municipality", False),
    ],
)
def test_setting_requires_two_step_login_for_roles_with_personal_data(
    world, login, role, must_enrol
):
    client = login(world.people[role])
    response = client.get(reverse("home"))
    if must_enrol:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("otp:setup"))
    else:
        assert response.status_code == 200


@override_settings(COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA=True)
def test_required_two_step_login_cannot_be_turned_off(world, login):
    user = world.people["lead"]
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client = login(user)
    client.post(reverse("otp:verify"), {"token": _code(device)})
    client.post(reverse("otp:disable"), {"token": _code(device)})
    assert TOTPDevice.objects.filter(user=user).exists()


def test_optional_two_step_login_can_be_turned_off_with_a_code(world, login):
    user = world.people["municipality"]
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client = login(user)
    client.post(reverse("otp:verify"), {"token": _code(device)})
    assert "uitzetten" in client.get(reverse("otp:setup")).content.decode().lower()
    device.refresh_from_db()
    device.last_t = -1  # the same code may not be used twice; this is a fresh one
    device.save()
    client.post(reverse("otp:disable"), {"token": _code(device)})
    assert not TOTPDevice.objects.filter(user=user).exists()


@override_settings(COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA=True)
def test_a_device_enrolled_elsewhere_is_asked_for_not_bypassed(world, login):
    user = world.people["member"]
    client = login(user)  # this session started before the device existed
    TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("otp:verify")
    assert client.get(reverse("otp:disable")).status_code == 302
