"""Settings for Collectief, read from the environment (see README, "Configuration")."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from collectief.env import env_bool, env_int, env_list, env_str, url_origin

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
if DEBUG:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-development-key-never-use-in-production")
else:
    # No default: a production deployment without its own secret must not start.
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "collectief",
    "interviews",
    "initiatives",
    "pilots",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "rules",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view says @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages (they tell why a session ended), before any view runs.
    "django_otp.middleware.OTPMiddleware",
    "collectief.security.SessionTimeoutMiddleware",
    "collectief.security.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "collectief.middleware.IncidentReferenceMiddleware",
    # Last, so that it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "collectief.urls"
WSGI_APPLICATION = "collectief.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "collectief.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "collectief.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username+address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (collectief/sso.py); answers nothing while COLLECTIEF_OIDC_ENABLED is off.
    "collectief.sso.OidcBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "collectief" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads above this size are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. Production defaults are strict; each can be relaxed by the environment
# (e.g. DJANGO_SECURE_SSL_REDIRECT=0 behind a proxy that already redirects).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^-/"]  # health checks come over plain HTTP from the load balancer
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Single sign-on with the municipality's OpenID Connect provider (collectief/sso.py; README,
# "Single sign-on"). The endpoints come from the issuer's discovery document unless set.
COLLECTIEF_OIDC_ENABLED = env_bool("COLLECTIEF_OIDC_ENABLED", False)
COLLECTIEF_OIDC_ISSUER = env_str("COLLECTIEF_OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("COLLECTIEF_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("COLLECTIEF_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("COLLECTIEF_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("COLLECTIEF_OIDC_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = env_str("COLLECTIEF_OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_CLIENT_ID = env_str("COLLECTIEF_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("COLLECTIEF_OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = env_str("COLLECTIEF_OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env_str("COLLECTIEF_OIDC_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int("COLLECTIEF_OIDC_TIMEOUT_SECONDS", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
# amr values (RFC 8176) and acr values that mean the provider asked a second factor.
COLLECTIEF_OIDC_MFA_AMR_VALUES = env_list(
    "COLLECTIEF_OIDC_MFA_AMR_VALUES", ["mfa", "otp", "hwk", "swk", "sms", "fpt", "face"]
)
COLLECTIEF_OIDC_MFA_ACR_VALUES = env_list("COLLECTIEF_OIDC_MFA_ACR_VALUES")
# With groups listed, only members of one of them may log in (a group never grants a role).
COLLECTIEF_OIDC_GROUPS_CLAIM = env_str("COLLECTIEF_OIDC_GROUPS_CLAIM", "groups")
COLLECTIEF_OIDC_ALLOWED_GROUPS = env_list("COLLECTIEF_OIDC_ALLOWED_GROUPS")
# The local username + password form; switch off once everyone logs in through the provider.
COLLECTIEF_PASSWORD_LOGIN = env_bool("COLLECTIEF_PASSWORD_LOGIN", True)
# Logging out posts a form that ends at the provider's end_session_endpoint.
SSO_FORM_ACTION = sorted(
    origin
    for origin in {url_origin(COLLECTIEF_OIDC_ISSUER), url_origin(OIDC_OP_LOGOUT_ENDPOINT)}
    if COLLECTIEF_OIDC_ENABLED and origin
)
if COLLECTIEF_OIDC_ENABLED and not (
    OIDC_RP_CLIENT_ID and (COLLECTIEF_OIDC_ISSUER or OIDC_OP_AUTHORIZATION_ENDPOINT)
):
    raise ImproperlyConfigured(
        "COLLECTIEF_OIDC_ENABLED needs COLLECTIEF_OIDC_CLIENT_ID and COLLECTIEF_OIDC_ISSUER "
        "(or the endpoints one by one)."
    )

# All CSS and JavaScript is served from static/: no inline script, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *SSO_FORM_ACTION],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},  # axes logs every start at INFO
    },
}
# Login and session hardening (issue 7; README "Security settings").
# Lockout per username + client address, so one person cannot lock out a whole office behind
# one NAT address, and a guessed username cannot be locked from everywhere.
AXES_ENABLED = env_bool("COLLECTIEF_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = env_int("COLLECTIEF_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("COLLECTIEF_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "collectief.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "collectief.audit.client_address"
# Idle and absolute session limits, enforced by collectief.security.SessionTimeoutMiddleware.
COLLECTIEF_SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("COLLECTIEF_SESSION_IDLE_MINUTES", 30))
COLLECTIEF_SESSION_ABSOLUTE_TIMEOUT = timedelta(
    hours=env_int("COLLECTIEF_SESSION_ABSOLUTE_HOURS", 12)
)
SESSION_COOKIE_AGE = int(COLLECTIEF_SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# When on, everyone who may see residents' personal data must log in with a one-time code.
COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA = env_bool(
    "COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA", not DEBUG
)
OTP_TOTP_ISSUER = "Collectief"
# Residents without a conversation, referral or other activity for this long are anonymised
# by `manage.py anonymise_inactive_residents` (run daily).
COLLECTIEF_RETENTION_MONTHS = env_int("COLLECTIEF_RETENTION_MONTHS", 24)

ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/")

# The benchmark (bench/run.py) mounts a bare "limit" view at /-/bench/limit/; never in production.
BENCHMARK_LIMIT_VIEW = env_bool("COLLECTIEF_BENCHMARK", False)

# Report §5.2: at least 0.5 FTE (18 hours a week) extra community work per team.
COLLECTIEF_EXTRA_COMMUNITY_WORK_NORM_HOURS = env_int("COLLECTIEF_EXTRA_COMMUNITY_WORK_HOURS", 18)

# The city dashboard shows figures computed at most this many seconds ago (pilots/snapshots.py);
# `manage.py refresh_rollups`, run from cron more often than this, keeps them warm. 0 computes
# them on every request.
COLLECTIEF_FIGURES_MAX_AGE_SECONDS = env_int("COLLECTIEF_FIGURES_MAX_AGE_SECONDS", 600)
