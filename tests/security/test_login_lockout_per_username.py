"""Issue 18, finding 7: guessing one account's password from rotating addresses.

Besides the lockout per username and address, a username is locked from every address after
``COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT`` wrong passwords within the cool-off; the lock ends
after the cool-off, and it is logged as a security event.
"""

import logging
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _from(address):
    return Client(REMOTE_ADDR=address)


def _guess(address, username="ruud"):
    return _from(address).post(LOGIN, {"username": username, "password": "wrong-pass-123"})


def _guess_from_rotating_addresses(count):
    """Each address stays under the per-address limit: four guesses at most."""
    return [_guess(f"10.0.{n // 4}.{n % 4 + 1}") for n in range(count)]


def _advance_past_cooloff(settings):
    """As if the cool-off passed since the last wrong password."""
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )


def test_rotating_addresses_lock_the_username(world, settings):
    responses = _guess_from_rotating_addresses(25)
    limit = settings.COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT
    assert [r.status_code for r in responses[: limit - 1]] == [200] * (limit - 1)
    assert {r.status_code for r in responses[limit - 1 :]} == {429}
    page = responses[-1].content.decode()
    assert "vanaf elke computer" in page and "15 minuten" in page


def test_the_right_password_is_refused_during_the_lock_from_a_new_address(world):
    _guess_from_rotating_addresses(20)
    client = _from("192.0.2.77")
    response = client.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD})
    assert response.status_code == 429 and "_auth_user_id" not in client.session


def test_a_colleague_still_logs_in_while_a_username_is_locked(world):
    _guess_from_rotating_addresses(20)
    response = _from("10.0.0.1").post(LOGIN, {"username": "fatima", "password": TEST_PASSWORD})
    assert response.status_code == 302


def test_the_lock_ends_after_the_cooloff(world, settings):
    _guess_from_rotating_addresses(20)
    right = {"username": "ruud", "password": TEST_PASSWORD}
    assert _from("192.0.2.77").post(LOGIN, right).status_code == 429
    _advance_past_cooloff(settings)
    client = _from("192.0.2.77")
    assert client.post(LOGIN, right).status_code == 302 and "_auth_user_id" in client.session


def test_the_lockout_is_logged_as_a_security_event(world, caplog):
    with caplog.at_level(logging.WARNING, logger="collectief.security"):
        _guess_from_rotating_addresses(20)
    events = [r.msg for r in caplog.records if r.name == "collectief.security"]
    assert events and caplog.records[0].levelno == logging.WARNING
    assert events[0]["event"] == "login_locked_out"
    assert (events[0]["username"], events[0]["client_address"]) == ("ruud", "10.0.4.4")
    assert events[0]["limit"] == "username"
    assert "wrong-pass" not in str(events[0])


def test_the_lockout_per_address_is_logged_too(world, settings, caplog):
    with caplog.at_level(logging.WARNING, logger="collectief.security"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _guess("10.9.9.9")
    [event] = [r.msg for r in caplog.records if r.name == "collectief.security"]
    assert (event["username"], event["limit"]) == ("ruud", "address")


def test_the_limits_come_from_the_environment():
    code = (
        "import collectief.settings as s; "
        "print(s.AXES_FAILURE_LIMIT, s.COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT, "
        "s.AXES_COOLOFF_TIME.total_seconds())"
    )
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT": "30",
        "COLLECTIEF_LOGIN_COOLOFF_MINUTES": "25",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["5", "30", "1500.0"]
