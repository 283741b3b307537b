"""Structured logs (structlog) and optional error reports (Sentry), both without resident data.

Every log line, Django's own included, goes to stdout: JSON for a log platform, or readable
lines for a developer (``COLLECTIEF_LOG_FORMAT``). A request is logged once, when it ends, with
its id, the user's id, the view's name, the status and the duration; never its query string,
body or anything a form held, because those may name a resident.
"""

import logging
import time
import uuid

import structlog
from django.core.exceptions import ImproperlyConfigured

request_logger = structlog.get_logger("collectief.requests")
access_logger = structlog.get_logger("collectief.access")
security_logger = structlog.get_logger("collectief.security")

LOG_FORMATS = ("json", "console")

# Processors that run for structlog's loggers and for the standard library's alike.
SHARED_PROCESSORS = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def structured_formatter(log_format):
    """The formatter of every log line: structlog's events and the standard library's alike."""
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(
            f"COLLECTIEF_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}."
        )
    renderer = (
        structlog.processors.JSONRenderer()
        if log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=SHARED_PROCESSORS,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    )


def logging_config(log_format, level):
    """The LOGGING setting: one handler on stdout, in the chosen format."""
    structured_formatter(log_format)  # refuses an unknown format while the settings load
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": "collectief.observability.structured_formatter",
                "log_format": log_format,
            }
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "structured",
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django.request": {"level": "ERROR"},
            "axes": {"level": "WARNING"},  # axes logs every start at INFO
        },
    }


def configure_structlog():
    """structlog's own loggers hand their events to the standard library's handlers."""
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


class RequestLogMiddleware:
    """Log one ``request_finished`` event per request and bind its id to every line it logs.

    The request id comes from the proxy's ``X-Request-ID`` when it sends one (so that its log
    and ours can be joined) and is sent back in the response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.monotonic()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        request_logger.info(
            "request_finished",
            method=request.method,
            path=request.path,  # the path only: a query string may hold a searched name
            view=match.view_name if match else None,
            user_id=user.pk if user is not None and user.is_authenticated else None,
            status=response.status_code,
            duration_ms=round((time.monotonic() - started) * 1000, 1),
        )
        response["X-Request-ID"] = request_id
        structlog.contextvars.clear_contextvars()
        return response


def log_security_event(event, request=None, **fields):
    """A security event (lockout, failed one-time code, erasure) as a structured log line."""
    if request is not None and getattr(request, "user", None) is not None:
        fields.setdefault("user_id", request.user.pk if request.user.is_authenticated else None)
    security_logger.warning(event, **fields)


# Sentry ---------------------------------------------------------------------------------------

# Request headers that say nothing about a person; all others (cookies, authorisation,
# referer with its query string, forwarded addresses) are dropped.
SAFE_HEADERS = {"accept", "accept-language", "content-type", "content-length", "host"}
REMOVED = "[removed]"


def scrub_event(event, hint=None):
    """Sentry's ``before_send``: keep what locates a bug, drop whatever could name a resident.

    Gone: request bodies, query strings, cookies, unsafe headers, local variables, exception
    messages (a database error quotes the values it refused), log messages' arguments,
    breadcrumbs' data and the ``extra`` context.
    """
    request = event.get("request")
    if request:
        event["request"] = {
            "method": request.get("method"),
            "url": (request.get("url") or "").split("?", 1)[0],
            "headers": {
                name: value
                for name, value in (request.get("headers") or {}).items()
                if name.lower() in SAFE_HEADERS
            },
        }
    for exception in (event.get("exception") or {}).get("values", []):
        exception["value"] = REMOVED
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    for thread in (event.get("threads") or {}).get("values", []):
        for frame in (thread.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    logentry = event.get("logentry")
    if logentry:
        logentry.pop("params", None)
        logentry.pop("formatted", None)
    for breadcrumb in (event.get("breadcrumbs") or {}).get("values", []):
        breadcrumb.pop("data", None)
    event.pop("extra", None)
    event.pop("user", None)
    return event


def init_sentry(dsn, *, environment, release, transport=None):
    """Send unhandled errors to Sentry, scrubbed by ``scrub_event``; never personal data."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    options = {"transport": transport} if transport is not None else {}
    return sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        # send_default_pii stays unset: off by default, and newer sentry-sdk releases warn
        # when it is passed at all (tests/core/test_observability.py asserts it is off).
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        integrations=[
            DjangoIntegration(),
            LoggingIntegration(level=None, event_level=logging.ERROR),
        ],
        **options,
    )
