"""Backup and restore, proven: the demo is dumped with pg_dump (manage.py backup), restored
with pg_restore into an empty database, and every decision, minutes text, history row count
and attachment checksum is found again; manage.py restore_check agrees, and notices damage."""

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from audit.sources import history_sources
from governance.models import Attachment, Decision, Minutes, MinutesItemNote
from governance.services.attachments import attachment_add
from tests.governance.factories import DecisionFactory
from tests.helpers import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
PDF = pdf_bytes()


def pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    assert found, "PostgreSQL's programs are missing (tests/postgres.sh installs them)"
    return Path(found[-1])


def server_options() -> list[str]:
    settings = connection.settings_dict
    return [
        f"--host={settings['HOST']}",
        f"--port={settings['PORT']}",
        f"--username={settings['USER']}",
    ]


def connect(dbname: str):
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        dbname=dbname,
        autocommit=True,
    )


def snapshot(db) -> dict:
    """What must survive, read with plain SQL so it works on either database."""

    def rows(sql):
        return db.execute(sql).fetchall()

    decision = Decision._meta.db_table
    return {
        "decisions": rows(
            f"SELECT id, body_id, year, number, title, status FROM {decision} ORDER BY id"
        ),
        "minutes": rows(f"SELECT id, general_notes FROM {Minutes._meta.db_table} ORDER BY id"),
        "notes": rows(f"SELECT id, text FROM {MinutesItemNote._meta.db_table} ORDER BY id"),
        "history": {
            source.key: rows(f"SELECT count(*) FROM {source.history_model._meta.db_table}")[0][0]
            for source in history_sources()
        },
        "attachments": rows(
            f"SELECT id, file, sha512 FROM {Attachment._meta.db_table} WHERE file <> '' ORDER BY id"
        ),
    }


def restore_check(copy: Path, dbname: str, media: Path) -> subprocess.CompletedProcess:
    settings = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.local",
        DATABASE_URL=(
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{dbname}"
        ),
        MEDIA_ROOT=str(media),
    )
    return subprocess.run(
        [sys.executable, "manage.py", "restore_check", str(copy)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def restored_database():
    name = "portal_restored"
    with connect("postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connect("postgres") as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_every_decision_minutes_history_and_attachment(tmp_path, restored_database):
    assert connection.vendor == "postgresql"
    call_command("load_demo", verbosity=0)
    decision = DecisionFactory(title="Beslut med bilagor")  # not locked by approved minutes
    attachment_add(
        actor=None, decision=decision, title="Underlag", upload=SimpleUploadedFile("u.pdf", PDF)
    )
    attachment_add(
        actor=None,
        decision=decision,
        title="Underlag 2",
        upload=SimpleUploadedFile("v.pdf", pdf_bytes(pages=2)),
    )
    with connect(connection.settings_dict["NAME"]) as source:
        before = snapshot(source)
    assert len(before["decisions"]) >= 4 and len(before["attachments"]) == 2
    assert any(text for _id, text in before["notes"])

    copy = tmp_path / "kopia"
    call_command("backup", str(copy), pg_dump=str(pg_bin() / "pg_dump"), verbosity=0)
    assert (copy / "database.dump").stat().st_size > 0

    subprocess.run(
        [
            str(pg_bin() / "pg_restore"),
            "--no-owner",
            "--exit-on-error",
            *server_options(),
            f"--dbname={restored_database}",
            str(copy / "database.dump"),
        ],
        check=True,
        capture_output=True,
    )
    media = tmp_path / "media"
    shutil.copytree(copy / "media", media)

    with connect(restored_database) as restored:
        after = snapshot(restored)
    assert after == before
    for _id, name, sha512 in after["attachments"]:
        assert hashlib.sha512((media / name).read_bytes()).hexdigest() == sha512

    check = restore_check(copy, restored_database, media)
    assert check.returncode == 0, check.stderr
    assert "Återläsningen stämmer" in check.stdout

    # A damaged restore is noticed and named.
    damaged = media / after["attachments"][0][1]
    damaged.write_bytes(b"%PDF-1.7 trasig")
    history = Decision.history.model._meta.db_table
    with connect(restored_database) as restored:
        restored.execute(
            f"DELETE FROM {history} WHERE history_id = (SELECT max(history_id) FROM {history})"
        )
    check = restore_check(copy, restored_database, media)
    assert check.returncode != 0
    assert f"Filen {after['attachments'][0][1]} har inte samma innehåll" in check.stderr
    rows = before["history"]["governance.decision"]
    assert f"Tabellen {history} har {rows - 1} rader, säkerhetskopian {rows}." in check.stderr


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "gammal.txt").write_text("x")
    with pytest.raises(Exception, match="not empty"):
        call_command("backup", str(tmp_path), pg_dump=str(pg_bin() / "pg_dump"))
