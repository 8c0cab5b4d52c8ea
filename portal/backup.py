"""Backups that can be checked: a manifest of every table and every stored file.

`manage.py backup DIR` writes, from one PostgreSQL snapshot, the database as `pg_dump` custom
format, a copy of every file a FileField refers to, and `manifest.json`: for each table its row
count and a SHA-256 over its rows in key order, and for each file its SHA-256. After a restore,
`manage.py restore_check DIR` computes the same from the restored database and storage and
names every difference. See docs/operations.md.

Generic over the installed models (portal/ imports no app).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import connection, models, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
CHUNK = 2000


def _models() -> list[type[models.Model]]:
    return sorted(
        (
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        ),
        key=lambda model: model._meta.db_table,
    )


def table_fingerprint(model: type[models.Model]) -> dict:
    names = [f.attname for f in model._meta.concrete_fields]
    digest = hashlib.sha256()
    rows = 0
    for row in model._base_manager.order_by("pk").values_list(*names).iterator(CHUNK):
        digest.update(json.dumps(row, default=str, ensure_ascii=False).encode())
        digest.update(b"\n")
        rows += 1
    return {"rows": rows, "sha256": digest.hexdigest()}


def stored_files() -> list[tuple[str, object]]:
    """(name, storage) of every file a FileField points to, sorted and without repeats."""
    found: dict[str, object] = {}
    for model in _models():
        for file_field in (
            f for f in model._meta.concrete_fields if isinstance(f, models.FileField)
        ):
            names = (
                model._base_manager.exclude(**{file_field.attname: ""})
                .exclude(**{f"{file_field.attname}__isnull": True})
                .values_list(file_field.attname, flat=True)
                .iterator(CHUNK)
            )
            for name in names:
                found.setdefault(name, file_field.storage)
    return sorted(found.items())


def file_digest(storage, name: str) -> str | None:
    if not storage.exists(name):
        return None
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest() -> dict:
    """The fingerprint of the database and the stored files as they are now."""
    return {
        "tables": {model._meta.db_table: table_fingerprint(model) for model in _models()},
        "files": {name: file_digest(storage, name) for name, storage in stored_files()},
    }


@dataclass
class Comparison:
    differences: list[str] = field(default_factory=list)
    tables: int = 0
    rows: int = 0
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.differences


def compare(expected: dict, actual: dict) -> Comparison:
    result = Comparison()
    for table in sorted(set(expected["tables"]) | set(actual["tables"])):
        want, got = expected["tables"].get(table), actual["tables"].get(table)
        if want is None:
            result.differences.append(f"Tabellen {table} finns men saknas i säkerhetskopian.")
        elif got is None:
            result.differences.append(f"Tabellen {table} saknas.")
        elif want["rows"] != got["rows"]:
            result.differences.append(
                f"Tabellen {table} har {got['rows']} rader, säkerhetskopian {want['rows']}."
            )
        elif want["sha256"] != got["sha256"]:
            result.differences.append(f"Tabellen {table} har andra värden än säkerhetskopian.")
        else:
            result.tables += 1
            result.rows += got["rows"]
    for name in sorted(set(expected["files"]) | set(actual["files"])):
        want, got = expected["files"].get(name), actual["files"].get(name)
        if name not in actual["files"]:
            result.differences.append(f"Filen {name} finns inte i databasen.")
        elif got is None:
            result.differences.append(f"Filen {name} saknas i lagringen.")
        elif want != got:
            result.differences.append(f"Filen {name} har inte samma innehåll (SHA-256).")
        else:
            result.files += 1
    return result


def _pg_dump_command(pg_dump: str, snapshot: str, target: Path) -> tuple[list[str], dict]:
    settings = connection.settings_dict
    command = [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command.append(f"{option}={settings[key]}")
    command.append(f"--dbname={settings['NAME']}")
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return command, env


def backup(directory: Path, *, pg_dump: str = "pg_dump") -> dict:
    """Dump, files and manifest from one snapshot, so they agree however busy the portal is."""
    if connection.vendor != "postgresql":
        raise ValueError("backup needs PostgreSQL; for SQLite copy the database file.")
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise FileExistsError(f"{directory} is not empty.")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        command, env = _pg_dump_command(pg_dump, snapshot, directory / DUMP)
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        result = manifest()
    media = directory / MEDIA
    for name, storage in stored_files():
        if not storage.exists(name):
            continue  # listed in the manifest as missing (null): the check will name it
        target = media / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, target.open("wb") as copy:
            shutil.copyfileobj(source, copy)
    result["created_at"] = timezone.now().isoformat()
    result["database"] = DUMP
    (directory / MANIFEST).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return result


def read_manifest(directory: Path) -> dict:
    return json.loads((directory / MANIFEST).read_text())
