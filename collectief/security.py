"""Session limits and the one-time-code step of the login (OWASP ASVS V2/V3).

* ``SessionTimeoutMiddleware`` ends a session after 30 minutes without a request and 12 hours
  after the login, whatever the activity (settings ``COLLECTIEF_SESSION_*_TIMEOUT``).
* ``TwoFactorMiddleware`` sends a person who enrolled a TOTP device to the code page until they
  entered a code, and — when ``COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA`` is on — sends a person
  who may see residents' personal data but has no device yet to the enrolment page; staff and
  superusers likewise when ``COLLECTIEF_REQUIRE_2FA_FOR_ADMIN`` is on (always in production);
  neither when the single sign-on provider asserted a second factor for this login.
"""

import time

from axes.handlers.database import AxesDatabaseHandler
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.db.models import Sum
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device

from collectief.access import Capability, scope_for
from collectief.observability import log_security_event

LOGIN_AT = "collectief_login_at"
SEEN_AT = "collectief_seen_at"
HAS_DEVICE = "collectief_has_otp_device"
# The single sign-on provider asserted a second factor for this login (collectief/sso.py).
PROVIDER_VERIFIED = "collectief_sso_mfa"
# Writing the session on every request costs a query; a minute of slack on 30 is harmless.
SEEN_AT_RESOLUTION = 60

# Pages a person may open before entering their code: the code and enrolment pages themselves,
# logging out, switching language and the health checks.
SECOND_STEP_VIEWS = frozenset(
    {
        "otp:verify",
        "otp:setup",
        "otp:qr_code",
        "logout",
        "set_language",
        "alive",
        "health",
    }
)


def _now():
    return int(time.time())


@receiver(user_logged_in, dispatch_uid="collectief_session_start")
def _remember_login(sender, request, user, **kwargs):
    """Stamp the new session (Django already gave it a new key) with the login time."""
    if request is None or not hasattr(request, "session"):
        return
    now = _now()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now
    # Asked once per login, so that ordinary requests need no query for it.
    request.session[HAS_DEVICE] = user_has_device(user, confirmed=True)
    # Only the single sign-on callback vouches for a second factor, and only for its own login.
    request.session.pop(PROVIDER_VERIFIED, None)


def session_expired(session, now):
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if login_at is None or seen_at is None:
        return False
    idle = settings.COLLECTIEF_SESSION_IDLE_TIMEOUT.total_seconds()
    absolute = settings.COLLECTIEF_SESSION_ABSOLUTE_TIMEOUT.total_seconds()
    return now - seen_at > idle or now - login_at > absolute


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = _now()
            session = request.session
            if session_expired(session, now):
                # logout() flushes the session: the old key can never be used again.
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
            else:
                session.setdefault(LOGIN_AT, now)
                if now - session.get(SEEN_AT, 0) >= SEEN_AT_RESOLUTION:
                    session[SEEN_AT] = now
        return self.get_response(request)


def two_factor_required(user):
    """Must this person use a one-time code? Staff and superusers when the admin requires it
    (always in production), others when the setting is on and they see personal data."""
    if settings.COLLECTIEF_REQUIRE_2FA_FOR_ADMIN and (user.is_staff or user.is_superuser):
        return True
    return settings.COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA and scope_for(user).has_anywhere(
        Capability.VIEW_PERSONAL_DATA
    )


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            not user.is_authenticated
            or user.is_verified()
            or request.session.get(PROVIDER_VERIFIED)
        ):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in SECOND_STEP_VIEWS:
            return None
        if request.session.get(HAS_DEVICE):
            target = "otp:verify"
        elif two_factor_required(user):
            target = "otp:setup"
        else:
            return None
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class LoginLockoutHandler(AxesDatabaseHandler):
    """django-axes with two limits on wrong passwords within the cool-off time.

    ``AXES_FAILURE_LIMIT`` counts per username and client address,
    ``COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT`` per username from all addresses together
    (``AXES_LOCKOUT_PARAMETERS`` lists them in that order). axes compares one number with one
    limit, so a username over its own limit counts as at the address limit.
    """

    def get_failures(self, request, credentials=None):
        per_address, per_username = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        locked_everywhere = per_username >= settings.COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT
        # Read by the lockout page and the security log.
        request.collectief_locked_everywhere = locked_everywhere
        if locked_everywhere:
            return max(per_address, settings.AXES_FAILURE_LIMIT)
        return per_address


@receiver(user_locked_out, dispatch_uid="collectief_log_lockout")
def _log_lockout(sender, request, username, ip_address, **kwargs):
    """A security event for every locked-out login (never a password, never resident data)."""
    log_security_event(
        "login_locked_out",
        username=username,
        client_address=ip_address,
        limit="username" if getattr(request, "collectief_locked_everywhere", False) else "address",
    )


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' lockout: the login page's look with a plain explanation, status 429."""
    locked_everywhere = getattr(request, "collectief_locked_everywhere", False)
    return render(
        request,
        "registration/locked_out.html",
        {
            "locked_everywhere": locked_everywhere,
            "failure_limit": (
                settings.COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT
                if locked_everywhere
                else settings.AXES_FAILURE_LIMIT
            ),
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
