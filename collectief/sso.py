"""Single sign-on with the municipality's OpenID Connect provider (mozilla-django-oidc).

Off unless ``COLLECTIEF_OIDC_ENABLED`` is set (README, "Single sign-on"). The endpoints come
from the provider's discovery document (``COLLECTIEF_OIDC_ISSUER``) unless set one by one.

* People are matched on the provider's issuer and ``sub`` (``OidcIdentity``), never on e-mail;
  a first login creates a user without any team role.
* ``COLLECTIEF_OIDC_ALLOWED_GROUPS`` limits who may log in; a group never grants a role.
* When the ID token says the provider asked a second factor (``amr``/``acr``), the session is
  marked so that ``TwoFactorMiddleware`` does not ask the local one-time code again.
* Logging out also ends the provider's session (RP-initiated logout) when it offers one.
* A refused callback (bad state, nonce, issuer, audience or signature; a person outside the
  allowed groups) shows a plain page in the person's language, status 400.
"""

import logging
import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify, import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from collectief.models import OidcIdentity
from collectief.security import PROVIDER_VERIFIED

logger = logging.getLogger("collectief.sso")

ID_TOKEN = "oidc_id_token"

# mozilla-django-oidc's endpoint settings and their names in the discovery document.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}
DISCOVERY_MAX_AGE_SECONDS = 3600
_discovery_cache = {}


def discovery_document(issuer):
    """The provider's /.well-known/openid-configuration, kept for an hour per process."""
    cached = _discovery_cache.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_MAX_AGE_SECONDS:
        return cached[1]
    response = requests.get(
        f"{issuer.rstrip('/')}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
    )
    response.raise_for_status()
    document = response.json()
    _discovery_cache[issuer] = (time.monotonic(), document)
    return document


def oidc_setting(name, *default):
    """A mozilla-django-oidc setting; an endpoint left empty comes from discovery."""
    if name in DISCOVERED:
        value = getattr(settings, name, "")
        if value or not settings.COLLECTIEF_OIDC_ISSUER:
            return value
        return discovery_document(settings.COLLECTIEF_OIDC_ISSUER).get(DISCOVERED[name], "")
    return import_from_settings(name, *default)


def provider_asserted_mfa(id_token_claims):
    """Did the provider log this person in with more than one factor (RFC 8176 ``amr``)?"""
    amr = id_token_claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.COLLECTIEF_OIDC_MFA_AMR_VALUES):
        return True
    return id_token_claims.get("acr") in settings.COLLECTIEF_OIDC_MFA_ACR_VALUES


def may_log_in(claims):
    """With allowed groups configured, only their members may log in; a group grants no role."""
    allowed = settings.COLLECTIEF_OIDC_ALLOWED_GROUPS
    if not allowed:
        return True
    groups = claims.get(settings.COLLECTIEF_OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    return bool(set(groups) & set(allowed))


class SsoRefused(SuspiciousOperation):
    """The provider's answer cannot be trusted or the person may not log in; ``reason`` says
    why in words for the person (the log gets the technical detail)."""

    def __init__(self, reason, detail):
        super().__init__(detail)
        self.reason = reason


class OidcBackend(OIDCAuthenticationBackend):
    """Logs in the person the provider vouches for, matched on issuer + ``sub``."""

    # Read when a login needs them, not in __init__: Django builds this backend for every
    # request of a person logged in with it, which must never ask the provider anything.
    _LAZY_SETTINGS = (
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
        "OIDC_RP_CLIENT_ID",
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_RP_SIGN_ALGO",
        "OIDC_RP_IDP_SIGN_KEY",
    )
    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def __getattr__(self, name):
        if name in self._LAZY_SETTINGS:
            return self.get_settings(name, None)
        raise AttributeError(name)

    # Django's, not mozilla-django-oidc's: a user set inactive loses their session at once.
    get_user = ModelBackend.get_user

    def authenticate(self, request, **kwargs):
        if not settings.COLLECTIEF_OIDC_ENABLED or "nonce" not in kwargs:
            return None  # a password login, or single sign-on is off
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """Signature and nonce (mozilla-django-oidc), then issuer and audience."""
        try:
            payload = super().verify_token(token, **kwargs)
        except SuspiciousOperation as error:
            reason = _("The answer of the login service could not be checked.")
            raise SsoRefused(reason, error) from error
        expected_issuer = settings.COLLECTIEF_OIDC_ISSUER
        if expected_issuer and payload.get("iss") != expected_issuer:
            raise SsoRefused(
                _("The answer came from another login service than the one we trust."),
                f"issuer {payload.get('iss')!r} is not {expected_issuer!r}",
            )
        audience = payload.get("aud", [])
        if isinstance(audience, str):
            audience = [audience]
        if self.OIDC_RP_CLIENT_ID not in audience:
            raise SsoRefused(
                _("The answer of the login service was meant for another application."),
                f"audience {audience!r}",
            )
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload["sub"]:
            raise SsoRefused(
                _("The answer of the login service could not be checked."),
                "userinfo sub differs from the ID token's",
            )
        if not may_log_in({**payload, **claims}):
            # Outside get_or_create_user's SuspiciousOperation catch: the view says why.
            self.request.sso_refusal = _(
                "Your account at the login service is not in a group that may use Collectief. "
                "Ask functional management for access."
            )
            return None
        self.request.sso_mfa = provider_asserted_mfa(payload)
        return self.user_for(payload.get("iss") or settings.COLLECTIEF_OIDC_ISSUER, claims)

    def store_tokens(self, access_token, id_token):
        """Kept on the request: the callback puts it in the session once the login is done."""
        self.request.sso_id_token = id_token

    @transaction.atomic
    def user_for(self, issuer, claims):
        identity = (
            OidcIdentity.objects.select_related("user")
            .filter(issuer=issuer, subject=claims["sub"])
            .first()
        )
        if identity is None:
            user = self.UserModel.objects.create_user(self._free_username(claims))
            identity = OidcIdentity.objects.create(user=user, issuer=issuer, subject=claims["sub"])
            logger.info("Single sign-on created user %s", user.pk)
        return self.update_user(identity.user, claims)

    def update_user(self, user, claims):
        """Name and e-mail follow the provider; roles stay as a lead or admin set them."""
        user.first_name = claims.get("given_name", user.first_name)[:150]
        user.last_name = claims.get("family_name", user.last_name)[:150]
        user.email = claims.get("email", user.email)
        user.save(update_fields=["first_name", "last_name", "email"])
        return user

    def _free_username(self, claims):
        base = (claims.get("preferred_username") or claims.get("email", "").split("@")[0] or "sso")[
            :140
        ]
        username, number = base, 1
        while self.UserModel.objects.filter(username=username).exists():
            number += 1
            username = f"{base}-{number}"
        return username


def _only_when_enabled(view_class):
    """Single sign-on views answer 404 while it is off, and need no login of course."""

    class Enabled(view_class):
        get_settings = staticmethod(oidc_setting)

        def dispatch(self, request, *args, **kwargs):
            if not settings.COLLECTIEF_OIDC_ENABLED:
                raise Http404
            return super().dispatch(request, *args, **kwargs)

    Enabled.__name__ = view_class.__name__
    return method_decorator(login_not_required, name="dispatch")(Enabled)


class SsoLoginView(_only_when_enabled(OIDCAuthenticationRequestView)):
    """Sends the person to the provider's login page."""


class SsoCallbackView(_only_when_enabled(OIDCAuthenticationCallbackView)):
    """Back from the provider: a logged-in person, or a page that says why not."""

    def get(self, request):
        try:
            return super().get(request)
        except SsoRefused as error:
            logger.warning("Single sign-on refused: %s", error)
            return self.refused(error.reason)
        except SuspiciousOperation as error:  # e.g. a state this session never sent
            logger.warning("Single sign-on refused: %s", error)
            return self.refused(_("This login attempt is not valid (any more)."))
        except requests.RequestException as error:
            logger.error("Single sign-on: the provider did not answer: %s", error)
            return self.refused(_("The login service did not answer. Try again in a minute."))

    def login_success(self):
        response = super().login_success()
        # After login(), which may have emptied the session: the ID token is the logout's
        # id_token_hint.
        self.request.session[ID_TOKEN] = self.request.sso_id_token
        self.request.session[PROVIDER_VERIFIED] = self.request.sso_mfa
        return response

    def login_failure(self):
        return self.refused(
            getattr(self.request, "sso_refusal", None) or _("The login service did not log you in.")
        )

    def refused(self, reason):
        return render(self.request, "registration/sso_refused.html", {"reason": reason}, status=400)


class LogoutView(auth_views.LogoutView):
    """Django's logout, then the provider's (RP-initiated logout) for a single sign-on session."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        end_session = (
            settings.COLLECTIEF_OIDC_ENABLED
            and id_token
            and oidc_setting("OIDC_OP_LOGOUT_ENDPOINT")
        )
        if not end_session:
            return response
        query = urlencode(
            {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": absolutify(
                    request, reverse(settings.LOGOUT_REDIRECT_URL)
                ),
                "client_id": settings.OIDC_RP_CLIENT_ID,
            }
        )
        return HttpResponseRedirect(f"{end_session}?{query}")


class LoginView(auth_views.LoginView):
    """The login page: the provider's button when single sign-on is on, the password form
    unless ``COLLECTIEF_PASSWORD_LOGIN`` switched it off."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not settings.COLLECTIEF_PASSWORD_LOGIN:
            messages.error(request, _("Log in with your organisation account."))
            return HttpResponseRedirect(request.get_full_path())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sso_enabled=settings.COLLECTIEF_OIDC_ENABLED,
            password_login=settings.COLLECTIEF_PASSWORD_LOGIN,
            **kwargs,
        )
