"""Development and `make run`: works with nothing set (SQLite under var/, console e-mail)."""

from portal.settings.base import *  # noqa: F403
from portal.settings.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-never-in-production")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The demo logins' authenticator key (accounts.demo, printed by `make run`). Development only:
# production has none, so no demo device with a known key can exist there.
DEMO_TOTP_SECRET = "SAMVERKANSPORTALENDEMOKODTVA2345"
