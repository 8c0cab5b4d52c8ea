"""Settings of `make bench`: the test settings (PostgreSQL from DATABASE_URL, DEBUG off) with
the bench-only URLconf (floor view and Django admin's decision change list), and the
connection pool of production: the test settings drop it (live_server threads share it
badly), which left every request under gunicorn opening a new PostgreSQL connection — the
load test then measured connection setup (40 requests/s on the floor view) rather than the
portal as deployed."""

from portal.settings.base import database_config
from portal.settings.env import env_str
from portal.settings.test import *  # noqa: F403
from portal.settings.test import DATABASES

ROOT_URLCONF = "tests.bench.urls"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DATABASES["default"] = {**DATABASES["default"], **database_config(env_str("DATABASE_URL"))}
