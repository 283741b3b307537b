"""Issue 20 §4: JSON logs without resident data, Sentry reports scrubbed, the health checks."""

import io
import json
import logging
from datetime import timedelta

import pytest
import sentry_sdk
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse
from django.utils import timezone
from sentry_sdk.transport import Transport

from collectief import observability
from collectief.audit import record_access
from pilots.models import FigureSnapshot
from tests.interviews.factories import ResidentFactory

pytestmark = pytest.mark.django_db

RESIDENT_NAME = "Henriëtte Zwanenburg"


@pytest.fixture
def json_log():
    """Every log line at INFO and above, as the production (JSON) formatter writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(observability.structured_formatter("json"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)


def test_a_request_and_its_access_record_are_json_lines_without_the_residents_name(
    world, login, json_log
):
    lead = world.people["lead"]
    resident = ResidentFactory(team=world.team, name=RESIDENT_NAME)
    client = login(lead)

    response = client.get(
        reverse("interviews:resident_detail", args=[resident.uuid]),
        {"zoek": RESIDENT_NAME},
        HTTP_X_REQUEST_ID="proxy-42",
    )

    assert response.status_code == 200
    assert response["X-Request-ID"] == "proxy-42"
    events = json_log()
    access = [event for event in events if event["event"] == "access_recorded"]
    assert len(access) == 1
    assert access[0]["user_id"] == lead.pk
    assert access[0]["team_id"] == world.team.pk
    assert access[0]["resident_count"] == 1
    assert access[0]["request_id"] == "proxy-42"
    (finished,) = [event for event in events if event["event"] == "request_finished"]
    assert finished["request_id"] == "proxy-42"
    assert finished["user_id"] == lead.pk
    assert finished["view"] == "interviews:resident_detail"
    assert finished["status"] == 200
    assert finished["duration_ms"] >= 0
    logged = json.dumps(events, ensure_ascii=False)
    assert "Zwanenburg" not in logged
    assert "zoek" not in logged  # no query string
    assert str(resident.uuid) not in json.dumps(access)  # the record keeps who, not the log


def test_record_access_outside_a_request_logs_a_json_event(world, json_log, rf):
    request = rf.get("/")
    request.user = world.people["member"]
    record = record_access(
        request, team=world.team, resident_keys=["abc", "def"], purpose="exports:team"
    )

    (event,) = json_log()
    assert event["event"] == "access_recorded"
    assert event["access_record_id"] == record.pk
    assert event["purpose"] == "exports:team"
    assert event["resident_count"] == 2
    assert event["level"] == "info"


def test_a_failed_one_time_code_is_a_security_event(world, login, json_log):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = world.people["member"]
    TOTPDevice.objects.create(user=user, confirmed=True)
    client = login(user)

    client.post(reverse("otp:verify"), {"token": "000000"})

    failures = [event for event in json_log() if event["event"] == "two_factor_failed"]
    assert failures == [
        {**failures[0], "user_id": user.pk, "level": "warning", "logger": "collectief.security"}
    ]


def test_a_lockout_is_a_security_event(world, client, settings, json_log):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "ruud", "password": "wrong-pass-123"})

    lockouts = [event for event in json_log() if event["event"] == "login_locked_out"]
    assert lockouts and lockouts[0]["logger"] == "collectief.security"
    assert lockouts[0]["client_address"] == "127.0.0.1"


def test_an_erasure_is_a_security_event_without_the_name(world, json_log):
    from interviews.privacy import resident_erase

    lead = world.people["lead"]
    resident = ResidentFactory(team=world.team, name=RESIDENT_NAME)

    resident_erase(resident=resident, user=lead, reason="Verzoek van de bewoner")

    events = json_log()
    (erased,) = [event for event in events if event["event"] == "resident_erased"]
    assert erased["user_id"] == lead.pk
    assert erased["team_id"] == world.team.pk
    assert erased["level"] == "warning"
    assert "Zwanenburg" not in json.dumps(events, ensure_ascii=False)


def test_an_unknown_log_format_stops_the_start():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="COLLECTIEF_LOG_FORMAT"):
        observability.logging_config("xml", "INFO")


# Sentry ---------------------------------------------------------------------------------------


class CapturingTransport(Transport):
    """Keeps what Sentry would send, in memory: no network."""

    sent = []

    def capture_envelope(self, envelope):
        self.sent.append(envelope.serialize().decode("utf-8", "replace"))


@login_not_required
def failing_view(request):
    resident_name = request.POST.get("naam") or request.GET.get("naam")
    logging.getLogger("collectief.test").info("looking up %s", resident_name)
    raise ValueError(f"No resident called {resident_name}")


urlpatterns = [path("fails/", failing_view)]


@pytest.fixture
def sentry_events():
    CapturingTransport.sent = []
    observability.init_sentry(
        "https://public@sentry.example.invalid/1",
        environment="test",
        release=None,
        transport=CapturingTransport,
    )
    yield CapturingTransport.sent
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


@pytest.mark.urls("tests.core.test_observability")
def test_a_failing_view_sends_sentry_no_resident_data(client, sentry_events):
    client.raise_request_exception = False
    client.cookies["sessionid"] = RESIDENT_NAME.encode("ascii", "ignore").decode()

    response = client.post(
        f"/fails/?naam={RESIDENT_NAME}",
        {"naam": RESIDENT_NAME, "notitie": f"Gesprek met {RESIDENT_NAME}"},
        HTTP_REFERER=f"https://collectief.example.nl/zoek/?q={RESIDENT_NAME}",
    )
    sentry_sdk.flush()

    assert response.status_code == 500
    assert sentry_sdk.get_client().should_send_default_pii() is False
    sent = "\n".join(sentry_events)
    assert "ValueError" in sent  # the error itself did reach Sentry
    assert "failing_view" in sent
    for trace in ("Zwanenburg", "Zwanenburg".encode("unicode_escape").decode(), "Henri"):
        assert trace not in sent
    assert "notitie" not in sent  # no request body
    assert "sessionid" not in sent


def test_scrub_event_keeps_only_safe_headers_and_drops_breadcrumb_data():
    event = {
        "request": {
            "url": "https://x.nl/a/?q=Jan",
            "method": "GET",
            "query_string": "q=Jan",
            "data": {"naam": "Jan"},
            "cookies": {"sessionid": "s"},
            "headers": {"Accept-Language": "nl", "Referer": "https://x.nl/?q=Jan"},
        },
        "breadcrumbs": {"values": [{"message": "SELECT", "data": {"params": ["Jan"]}}]},
        "extra": {"sys.argv": ["Jan"]},
    }

    scrubbed = observability.scrub_event(event)

    assert scrubbed["request"] == {
        "method": "GET",
        "url": "https://x.nl/a/",
        "headers": {"Accept-Language": "nl"},
    }
    assert scrubbed["breadcrumbs"]["values"] == [{"message": "SELECT"}]
    assert "Jan" not in json.dumps(scrubbed)


# Health ---------------------------------------------------------------------------------------


def test_alive_needs_nothing(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(reverse("alive"))
    assert response.status_code == 200


def test_health_reports_database_redis_and_figures_age(client, settings):
    settings.COLLECTIEF_HEALTH_FIGURES_STALE_SECONDS = 3600
    FigureSnapshot.objects.create(
        key="a" * 64, params={}, sections=[], computed_at=timezone.now() - timedelta(minutes=5)
    )

    response = client.get(reverse("health"))

    assert response.status_code == 200
    report = response.json()
    assert report["database"] == {"status": "ok"}
    assert report["redis"] == {"status": "not configured"}
    assert report["figures_snapshot"]["status"] == "ok"
    assert 290 <= report["figures_snapshot"]["age_seconds"] <= 310


def test_health_calls_old_figures_stale_but_stays_ready(client, settings):
    settings.COLLECTIEF_HEALTH_FIGURES_STALE_SECONDS = 3600
    FigureSnapshot.objects.create(
        key="b" * 64, params={}, sections=[], computed_at=timezone.now() - timedelta(hours=3)
    )

    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response.json()["figures_snapshot"]["status"] == "stale"


def test_health_fails_when_the_configured_redis_does_not_answer(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get(reverse("health"))

    assert response.status_code == 503
    assert response.json()["redis"] == {"status": "failing"}
    assert response.json()["database"] == {"status": "ok"}
