"""The settings promises: production refuses insecure configs, SQLite works with nothing set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings.base import database_config

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_has_no_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Q!p9#Lm2@" * 4,
            "ALLOWED_HOSTS": "samverkan.example.se",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret():
    result = run_manage(
        "check",
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.production", "ALLOWED_HOSTS": "x.se"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_postgres_url_uses_psycopg_pool():
    config = database_config("postgres://portal:secret@db.example.se:5432/portal")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "portal"
    assert config["OPTIONS"]["pool"]["max_size"] >= 1


def test_default_is_sqlite_under_var():
    from portal.settings import base

    assert base.DATABASES["default"]["ENGINE"] in {
        "django.db.backends.sqlite3",
        "django.db.backends.postgresql",  # DATABASE_URL is set in the test run
    }
    config = database_config(f"sqlite:///{base.VAR_DIR / 'portal.sqlite3'}")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]).parent == ROOT / "var"


@pytest.mark.sqlite
def test_embedded_sqlite_default_migrates_and_loads_demo(tmp_path):
    """Keeps `make run`'s zero-setup path honest: migrate and the demo data on SQLite."""
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    }
    for command in (["migrate", "--no-input"], ["load_demo"], ["load_demo"]):
        result = run_manage(*command, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "inga ändringar" in result.stdout.lower()
