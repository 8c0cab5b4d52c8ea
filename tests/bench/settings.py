"""Settings of `make bench`: the test settings (PostgreSQL from DATABASE_URL, DEBUG off) with
the bench-only URLconf (floor view and Django admin's decision change list)."""

from portal.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
