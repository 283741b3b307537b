"""Settings for Collectief, read from the environment (see README, "Configuration")."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from collectief import observability
from collectief.env import env_bool, env_int, env_list, env_str, url_origin

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool(
    "DJANGO_DEBUG",
    False,
    help="Development mode: tracebacks, relaxed security. Never in production.",
)
# No default in production: a deployment without its own secret must not start.
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY",
    "insecure-development-key-never-use-in-production" if DEBUG else None,
    help="Signs sessions and tokens. Required in production: long, random, secret.",
)
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"] if DEBUG else [],
    help="Host names the site answers to, e.g. `collectief.gemeente.nl`.",
)
CSRF_TRUSTED_ORIGINS = env_list(
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    help="Origins trusted for form posts, e.g. `https://collectief.gemeente.nl`.",
)

INSTALLED_APPS = [
    "collectief",
    "interviews",
    "initiatives",
    "pilots",
    "collectief.admin_site.CollectiefAdminConfig",
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
                "collectief.context_processors.browser_storage",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str(
            "DATABASE_URL",
            f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            help="The database, e.g. `postgres://user:password@host:5432/collectief`.",
        ),
        conn_max_age=env_int(
            "DATABASE_CONN_MAX_AGE", 60, help="Seconds a database connection is reused."
        ),
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
STATIC_ROOT = Path(
    env_str(
        "DJANGO_STATIC_ROOT",
        str(BASE_DIR / "staticfiles"),
        help="Where `collectstatic` puts the static files.",
    )
)
MEDIA_ROOT = Path(
    env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media"), help="Where uploaded files are kept.")
)
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
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int(
    "DJANGO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, help="Largest upload or form post, in bytes."
)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. Production defaults are strict; each can be relaxed by the environment
# (e.g. DJANGO_SECURE_SSL_REDIRECT=0 behind a proxy that already redirects).
SECURE_SSL_REDIRECT = env_bool(
    "DJANGO_SECURE_SSL_REDIRECT", not DEBUG, help="Redirect plain HTTP to HTTPS."
)
SECURE_REDIRECT_EXEMPT = [r"^-/"]  # health checks come over plain HTTP from the load balancer
if env_bool(
    "DJANGO_BEHIND_PROXY",
    False,
    help="Trust the proxy's X-Forwarded-Proto and X-Forwarded-For headers.",
):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int(
    "DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000, help="HSTS max-age in seconds."
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool(
    "DJANGO_SECURE_COOKIES", not DEBUG, help="Send session and CSRF cookies over HTTPS only."
)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Single sign-on with the municipality's OpenID Connect provider (collectief/sso.py; README,
# "Single sign-on"). The endpoints come from the issuer's discovery document unless set.
COLLECTIEF_OIDC_ENABLED = env_bool(
    "COLLECTIEF_OIDC_ENABLED",
    False,
    help="Log staff in through the municipality's OpenID Connect provider.",
)
COLLECTIEF_OIDC_ISSUER = env_str(
    "COLLECTIEF_OIDC_ISSUER",
    "",
    help="Issuer URL of the provider; its discovery document gives the endpoints.",
)
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
    "COLLECTIEF_OIDC_AUTHORIZATION_ENDPOINT",
    "",
    help="Authorization endpoint, when there is no discovery.",
)
OIDC_OP_TOKEN_ENDPOINT = env_str(
    "COLLECTIEF_OIDC_TOKEN_ENDPOINT", "", help="Token endpoint, when there is no discovery."
)
OIDC_OP_USER_ENDPOINT = env_str(
    "COLLECTIEF_OIDC_USERINFO_ENDPOINT", "", help="Userinfo endpoint, when there is no discovery."
)
OIDC_OP_JWKS_ENDPOINT = env_str(
    "COLLECTIEF_OIDC_JWKS_ENDPOINT",
    "",
    help="JWKS endpoint (signing keys), when there is no discovery.",
)
OIDC_OP_LOGOUT_ENDPOINT = env_str(
    "COLLECTIEF_OIDC_END_SESSION_ENDPOINT",
    "",
    help="End-session endpoint for logout, when there is no discovery.",
)
OIDC_RP_CLIENT_ID = env_str(
    "COLLECTIEF_OIDC_CLIENT_ID", "", help="Client id registered at the provider."
)
OIDC_RP_CLIENT_SECRET = env_str(
    "COLLECTIEF_OIDC_CLIENT_SECRET", "", help="Client secret registered at the provider (a secret)."
)
OIDC_RP_SCOPES = env_str(
    "COLLECTIEF_OIDC_SCOPES", "openid email profile", help="Scopes asked of the provider."
)
OIDC_RP_SIGN_ALGO = env_str(
    "COLLECTIEF_OIDC_SIGN_ALGO", "RS256", help="Signing algorithm of the ID token."
)
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int(
    "COLLECTIEF_OIDC_TIMEOUT_SECONDS", 10, help="Seconds to wait for the provider."
)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
# amr values (RFC 8176) and acr values that mean the provider asked a second factor.
COLLECTIEF_OIDC_MFA_AMR_VALUES = env_list(
    "COLLECTIEF_OIDC_MFA_AMR_VALUES",
    ["mfa", "otp", "hwk", "swk", "sms", "fpt", "face"],
    help="amr values that mean the provider asked a second factor.",
)
COLLECTIEF_OIDC_MFA_ACR_VALUES = env_list(
    "COLLECTIEF_OIDC_MFA_ACR_VALUES",
    help="acr values that mean the provider asked a second factor.",
)
# With groups listed, only members of one of them may log in (a group never grants a role).
COLLECTIEF_OIDC_GROUPS_CLAIM = env_str(
    "COLLECTIEF_OIDC_GROUPS_CLAIM", "groups", help="Claim that lists the person's groups."
)
COLLECTIEF_OIDC_ALLOWED_GROUPS = env_list(
    "COLLECTIEF_OIDC_ALLOWED_GROUPS", help="Groups whose members may log in (empty: all)."
)
# The local username + password form; switch off once everyone logs in through the provider.
COLLECTIEF_PASSWORD_LOGIN = env_bool(
    "COLLECTIEF_PASSWORD_LOGIN", True, help="Offer the local username and password login."
)
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

# Login and session hardening (issue 7; README "Security settings").
# Two limits (collectief.security.LoginLockoutHandler): a few wrong passwords per username +
# client address, so one person cannot lock out a whole office behind one NAT address; and more
# per username from all addresses together, so rotating addresses gives no unlimited guesses
# (issue 18). Both end after the cool-off, so nobody can lock a colleague out for a day;
# attempts during a lockout do not lengthen it.
AXES_ENABLED = env_bool(
    "COLLECTIEF_LOGIN_LOCKOUT", True, help="Lock a username + address after failed logins."
)
AXES_FAILURE_LIMIT = env_int(
    "COLLECTIEF_LOGIN_FAILURE_LIMIT",
    5,
    help="Failed logins per username + address before a lock.",
)
COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT = env_int(
    "COLLECTIEF_LOGIN_USERNAME_FAILURE_LIMIT",
    20,
    help="Failed logins per username from all addresses together before the lockout.",
)
AXES_COOLOFF_TIME = timedelta(
    minutes=env_int("COLLECTIEF_LOGIN_COOLOFF_MINUTES", 15, help="Minutes a lockout lasts.")
)
# The handler reads the counts in this order: per username + address, then per username.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "collectief.security.LoginLockoutHandler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "collectief.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "collectief.audit.client_address"
# Idle and absolute session limits, enforced by collectief.security.SessionTimeoutMiddleware.
COLLECTIEF_SESSION_IDLE_TIMEOUT = timedelta(
    minutes=env_int(
        "COLLECTIEF_SESSION_IDLE_MINUTES", 30, help="Minutes without a request before logout."
    )
)
COLLECTIEF_SESSION_ABSOLUTE_TIMEOUT = timedelta(
    hours=env_int(
        "COLLECTIEF_SESSION_ABSOLUTE_HOURS", 12, help="Hours after which a session always ends."
    )
)
SESSION_COOKIE_AGE = int(COLLECTIEF_SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# When on, everyone who may see residents' personal data must log in with a one-time code.
COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA = env_bool(
    "COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA",
    not DEBUG,
    help="Everyone who may see residents' personal data logs in with a one-time code.",
)
# Staff and superusers need a one-time code wherever personal-data roles do, and always in
# production: the admin manages every team's people (issue 18).
COLLECTIEF_REQUIRE_2FA_FOR_ADMIN = COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA or not DEBUG
OTP_TOTP_ISSUER = "Collectief"
# The admin may remove a lost device, never read a secret (it would let anyone make the codes).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Residents without a conversation, referral or other activity for this long are anonymised
# by `manage.py anonymise_inactive_residents` (run daily).
COLLECTIEF_RETENTION_MONTHS = env_int(
    "COLLECTIEF_RETENTION_MONTHS",
    24,
    help="Months without activity after which a resident is anonymised.",
)

ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/", help="Path of the Django admin, ending in `/`.")

# The benchmark (bench/run.py) mounts a bare "limit" view at /-/bench/limit/; never in production.
BENCHMARK_LIMIT_VIEW = env_bool(
    "COLLECTIEF_BENCHMARK", False, help="Mount the benchmark's view. Never in production."
)

# Report §5.2: at least 0.5 FTE (18 hours a week) extra community work per team.
COLLECTIEF_EXTRA_COMMUNITY_WORK_NORM_HOURS = env_int(
    "COLLECTIEF_EXTRA_COMMUNITY_WORK_HOURS",
    18,
    help="Norm of extra community work per team, in hours a week (report §5.2).",
)

# The city dashboard shows figures computed at most this many seconds ago (pilots/snapshots.py);
# `manage.py refresh_rollups`, run from cron more often than this, keeps them warm. 0 computes
# them on every request.
COLLECTIEF_FIGURES_MAX_AGE_SECONDS = env_int(
    "COLLECTIEF_FIGURES_MAX_AGE_SECONDS",
    600,
    help="Oldest figures snapshot the dashboards show, in seconds; 0 computes every time.",
)

# --- Operable (issue 20 §4): structured logs, Sentry, health -----------------------------------
# JSON lines on stdout for a log platform; readable lines while developing. No resident data:
# see collectief/observability.py.
COLLECTIEF_LOG_FORMAT = env_str(
    "COLLECTIEF_LOG_FORMAT",
    "console" if DEBUG else "json",
    help="`json` (one JSON object a line) or `console` (readable). Default: json in production.",
)
LOGGING = observability.logging_config(
    COLLECTIEF_LOG_FORMAT,
    env_str("DJANGO_LOG_LEVEL", "INFO", help="Lowest level logged: DEBUG, INFO, WARNING, ERROR."),
)
observability.configure_structlog()
MIDDLEWARE.insert(0, "collectief.observability.RequestLogMiddleware")
COLLECTIEF_SENTRY_DSN = env_str(
    "COLLECTIEF_SENTRY_DSN",
    "",
    help="Sentry DSN for error reports, scrubbed of resident data. Empty: no Sentry.",
)
COLLECTIEF_SENTRY_ENVIRONMENT = env_str(
    "COLLECTIEF_SENTRY_ENVIRONMENT", "production", help="Environment name shown in Sentry."
)
COLLECTIEF_RELEASE = env_str("COLLECTIEF_RELEASE", "", help="Version reported to Sentry.")
if COLLECTIEF_SENTRY_DSN:
    observability.init_sentry(
        COLLECTIEF_SENTRY_DSN,
        environment=COLLECTIEF_SENTRY_ENVIRONMENT,
        release=COLLECTIEF_RELEASE or None,
    )
# /-/health/ reports figures snapshots older than this as stale (still status 200).
COLLECTIEF_HEALTH_FIGURES_STALE_SECONDS = env_int(
    "COLLECTIEF_HEALTH_FIGURES_STALE_SECONDS",
    3600,
    help="Age in seconds above which /-/health/ calls the newest figures snapshot stale.",
)
# --- end Operable ------------------------------------------------------------------------------

# ---- Background jobs: Celery on Redis (issue 20 §2; README "Background jobs") -----------------
# Without a broker (a first run, `make run`, `make test`) every task runs eagerly, in the
# process that starts it, so nothing more is needed.
CELERY_BROKER_URL = env_str(
    "COLLECTIEF_CELERY_BROKER_URL",
    env_str(
        "REDIS_URL",
        "",
        help="Redis URL, the broker when no broker URL is set.",
    ),
    help="Celery broker URL (e.g. redis://127.0.0.1:6379/0). Empty: tasks run eagerly.",
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = env_str(
    "COLLECTIEF_CELERY_QUEUE", "collectief", help="Queue the tasks go to."
)
# A task is acknowledged when it has finished, and put back when its worker dies mid-task, so
# a killed worker's job runs again on another (the tasks are safe to repeat).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True  # jobs keep their state in the database (e.g. ExportJob)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Celery beat's schedule: name -> (task, cron line with five fields). Each line can be set from
# the environment; an empty value switches that job off.
COLLECTIEF_SCHEDULE = {
    "refresh-figures": (
        "pilots.refresh_figures",
        env_str(
            "COLLECTIEF_SCHEDULE_REFRESH_FIGURES",
            "*/5 * * * *",
            help="Cron line for refreshing the dashboard figures; empty: off.",
        ),
    ),
    "refresh-rollups": (
        "collectief.refresh_rollups",
        env_str(
            "COLLECTIEF_SCHEDULE_REFRESH_ROLLUPS",
            "30 2 * * *",
            help="Cron line for recounting the rollups; empty: off.",
        ),
    ),
    "anonymise-inactive-residents": (
        "interviews.anonymise_inactive_residents",
        env_str(
            "COLLECTIEF_SCHEDULE_ANONYMISE",
            "0 3 * * *",
            help="Cron line for anonymising inactive residents; empty: off.",
        ),
    ),
    "backup-check": (
        "collectief.backup_check",
        env_str(
            "COLLECTIEF_SCHEDULE_BACKUP_CHECK",
            "0 4 * * 0",
            help="Cron line for the backup check; empty: off.",
        ),
    ),
    "delete-expired-exports": (
        "interviews.delete_expired_exports",
        env_str(
            "COLLECTIEF_SCHEDULE_DELETE_EXPORTS",
            "15 * * * *",
            help="Cron line for deleting expired background exports; empty: off.",
        ),
    ),
}
# Background exports (interviews.ExportJob) are deleted this many hours after they were asked.
COLLECTIEF_EXPORT_KEEP_HOURS = env_int(
    "COLLECTIEF_EXPORT_KEEP_HOURS", 24, help="Hours a background export is kept for download."
)
# ---- end of background jobs -------------------------------------------------------------------
