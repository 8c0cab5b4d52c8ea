"""Settings shared by every environment. Values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from portal.settings.env import env_bool, env_int, env_list, env_str, lockout_parameters
from portal.settings.storage import default_storage_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "guardian",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal",
    "groups",
    "governance",
    "finance",
    "public",
    "audit",
    "scale",
    "search",
    "noticeboard",
    "calendars",
    "oparl",
    "notifications",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.SwedishByDefaultLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A logged-in user who must give the second factor goes to it first (docs/decisions/0023).
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: an expired session is ended here and says so on the login page.
    "portal.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a login refused by django-axes into the login page with its message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

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
                "portal.context_processors.navigation",
            ],
        },
    },
]


def database_config(url: str) -> dict:
    """SQLite file for trying the portal out; PostgreSQL (psycopg 3, pooled) in production."""
    config = dj_database_url.parse(url)
    if config["ENGINE"] == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})
        config["OPTIONS"]["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN", 2),
            "max_size": env_int("DATABASE_POOL_MAX", 10),
            "timeout": 10,
        }
        config["CONN_MAX_AGE"] = 0  # the pool owns connection reuse
    return config


DATABASES = {
    "default": database_config(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What is shared and rarely changes (the decision register's years and bodies; public pages).
# CACHE_BACKEND=locmem (default): per process, each entry at most CACHE_TIMEOUT_SECONDS old in
# the other processes after a change. CACHE_BACKEND=database: one cache for every app server
# in the table portal_cache (`manage.py createcachetable` once after migrate).
CACHE_BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
    },
}
CACHES = {
    "default": {
        **CACHE_BACKENDS[env_str("CACHE_BACKEND", "locmem")],
        "TIMEOUT": env_int("CACHE_TIMEOUT_SECONDS", 300),
    }
}

AUTHENTICATION_BACKENDS = [
    # First: refuses every login form (the portal's and Django admin's) while locked out.
    "portal.login_protection.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # no guardian anonymous user: every page needs a login

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sessions (docs/decisions/0011): ended after SESSION_IDLE_TIMEOUT_MINUTES without a request
# and SESSION_ABSOLUTE_TIMEOUT_HOURS after the login, whatever the activity
# (portal.middleware.SessionTimeoutMiddleware). The cookie lives as long as the absolute limit
# so that an expired session still reaches the middleware and can say why it ended.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 60) * 60
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_TIMEOUT_HOURS", 12) * 3600
# The last activity is written at most this often (seconds): not a database write per request.
SESSION_ACTIVITY_RESOLUTION = 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login throttling with django-axes (docs/decisions/0011): after LOGIN_FAILURE_LIMIT failed
# logins within LOGIN_COOLOFF_MINUTES, further logins are refused until the cool-off has
# passed or an administrator unlocks (/konto/sparrar/, or manage.py axes_reset_username).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=max(1, env_int("LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = lockout_parameters(
    env_list("LOGIN_LOCKOUT_PARAMETERS", ["username", "ip_address"])
)
AXES_LOCKOUT_CALLABLE = "portal.login_protection.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.network.client_ip"
LOGIN_TRUSTED_PROXY_COUNT = env_int("LOGIN_TRUSTED_PROXY_COUNT", 0)
# Logins are in the portal's audit log (audit.AuditEvent); axes keeps only the attempts.
AXES_DISABLE_ACCESS_LOG = True
# A success must not wipe the failures: with the IP address as a parameter it would also
# clear the attempts on other accounts from the same address.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A mail server that does not answer fails the attempt (retried later) instead of hanging.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 15)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samverkansportalen <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the accessibility statement sends reports and requests for accessible formats.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", "tillganglighet@localhost")
# The portal's public address, for links made outside a request (the open-data ids).
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Background work (docs/decisions/0010): django-tasks. Without a worker (make run, tests) a
# task runs at once in the process that enqueued it; production sets
# TASK_BACKEND=django_tasks_db.DatabaseBackend and runs `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}
# E-mail (docs/decisions/0017, notifications): attempts before a message is marked failed,
# and the portal's address in links inside messages.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 5)
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
GUARDIAN_RAISE_403 = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes reports every login at INFO; lockouts come at WARNING.
        "axes": {"level": "WARNING"},
    },
}

# --- Beyond one machine (docs/deployment.md) ----------------------------------------------
# Object storage for uploads (local disk unless STORAGE_BACKEND=s3) and the bounds of PDF
# rendering (portal/pdf_limits.py). Kept together so the other settings stay untouched.
STORAGES["default"] = default_storage_config()
PDF_TIMEOUT_SECONDS = env_int("PDF_TIMEOUT_SECONDS", 20)
PDF_MEMORY_LIMIT_MB = env_int("PDF_MEMORY_LIMIT_MB", 1024)
MIDDLEWARE.append("portal.middleware.PdfRefusedMiddleware")

# --- Second factor (docs/decisions/0023) ----------------------------------------------------
# TOTP (authenticator app) and recovery codes with django-otp; required for administrators
# and secretaries (accounts.access), optional for everyone else.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Samverkansportalen")

# --- OpenID Connect sign-in (docs/decisions/0024, docs/configuration.md) --------------------
# Off unless the provider's endpoints and the client are configured. Accounts are matched by
# e-mail and never created (accounts.oidc).
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256" if OIDC_OP_JWKS_ENDPOINT else "HS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_ENABLED = all(
    (
        OIDC_RP_CLIENT_ID,
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_USER_ENDPOINT,
    )
)
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("accounts.oidc.PortalOIDCBackend")
