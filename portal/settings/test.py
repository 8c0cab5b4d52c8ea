"""Tests: PostgreSQL from DATABASE_URL (started by tests/postgres.sh), fast hashing, local mail."""

import os
import warnings

from portal.settings.base import *  # noqa: F403
from portal.settings.base import DATABASES, VAR_DIR
from portal.settings.env import env_str
from portal.settings.storage import default_storage_config

DEBUG = False
SECRET_KEY = "test-secret-key-not-used-anywhere-else-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": default_storage_config(),  # local files unless STORAGE_BACKEND=s3
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media" / str(os.getpid())
# Pooled connections are shared across live_server threads badly; the pool itself is
# production configuration and is covered by tests/portal/test_settings.py.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_portal")}

# Tests and benchmarks serve static files through the finders; there is no collectstatic.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
# The demo's authenticator key, as in local.py (the crawl loads the demo).
DEMO_TOTP_SECRET = "SAMVERKANSPORTALENDEMOKODTVA2345"
