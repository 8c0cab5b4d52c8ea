"""`make bench`: national-scale data, the pages, the PDFs and a load test, written to
bench/results.json and docs/performance.md.

Runs against the throw-away PostgreSQL of tests/postgres.sh (DATABASE_URL). Each scale's data
is generated once and kept as a dump under var/bench/, keyed by the generator's version, the
seed and the migrations, so a second run restores it instead of generating it again.

    python -m tests.bench [--scales demo,national] [--requests 50] [--load-seconds 60]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "var" / "bench"
PYTHON = sys.executable


def _migrations_key() -> str:
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def _url(base: str, name: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + name


def _run(
    args: list[str], *, database: str, check: bool = True, **kwargs
) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"}
    return subprocess.run(args, env=env, cwd=ROOT, check=check, **kwargs)


def _template(*, base: str) -> str:
    """A database migrated once, keyed by the migrations, that each scale's database is a
    copy of (CREATE DATABASE … TEMPLATE): `migrate` ran once per scale before, 45 s each on a
    quiet machine and six minutes under load."""
    name = f"bench_migrated_{_migrations_key()}"
    exists = subprocess.run(
        ["psql", base, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        part = f"{name}_part"  # renamed once complete: a run cut in migrate leaves no template
        subprocess.run(["psql", base, "-qc", f"DROP DATABASE IF EXISTS {part}"], check=True)
        subprocess.run(["psql", base, "-qc", f"CREATE DATABASE {part}"], check=True)
        _run([PYTHON, "manage.py", "migrate", "-v0"], database=_url(base, part))
        subprocess.run(["psql", base, "-qc", f"ALTER DATABASE {part} RENAME TO {name}"], check=True)
    return name


def prepare(scale: str, *, seed: int, base: str) -> tuple[str, dict]:
    """The scale's database, restored from its dump or generated (and dumped)."""
    from scale.sizes import GENERATOR_VERSION

    name = f"bench_{scale}"
    database = _url(base, name)
    dump = WORK / f"{scale}-v{GENERATOR_VERSION}-seed{seed}-{_migrations_key()}.dump"
    subprocess.run(["psql", base, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    started = time.perf_counter()
    if dump.exists():
        subprocess.run(["psql", base, "-qc", f"CREATE DATABASE {name}"], check=True)
        subprocess.run(
            ["pg_restore", "--no-owner", "-j", "2", "-d", database, str(dump)], check=True
        )
        info = {"restored_from": dump.name, "seconds": round(time.perf_counter() - started, 1)}
    else:
        template = _template(base=base)
        subprocess.run(
            ["psql", base, "-qc", f"CREATE DATABASE {name} TEMPLATE {template}"], check=True
        )
        migrated = time.perf_counter()
        _run(
            [PYTHON, "manage.py", "generate_scale_data", "--scale", scale, "--seed", str(seed)],
            database=database,
        )
        generated = time.perf_counter()
        subprocess.run(["pg_dump", "-Fc", "-Z", "1", "-f", str(dump), database], check=True)
        info = {
            "generated": True,
            "migrate_seconds": round(migrated - started, 1),
            "generate_seconds": round(generated - migrated, 1),
            "dump_seconds": round(time.perf_counter() - generated, 1),
        }
    subprocess.run(["psql", database, "-qc", "VACUUM ANALYZE"], check=True)
    info["rows"] = _row_counts(database)
    return database, info


def _row_counts(database: str) -> dict[str, int]:
    tables = {
        "groups": "groups_group",
        "people": "groups_person",
        "memberships": "groups_membership",
        "commissions": "governance_commission",
        "meetings": "governance_meeting",
        "agenda_items": "governance_agendaitem",
        "decisions": "governance_decision",
        "budgets": "finance_budget",
    }
    sql = " UNION ALL ".join(f"SELECT '{k}', count(*) FROM {t}" for k, t in tables.items())
    sql += (
        " UNION ALL SELECT 'history', sum(n_live_tup)::bigint FROM pg_stat_user_tables"
        " WHERE relname LIKE '%historical%'"
    )
    out = subprocess.run(
        ["psql", database, "-tAF", "\t", "-c", sql], check=True, capture_output=True, text=True
    ).stdout
    return {k: int(v or 0) for k, v in (line.split("\t") for line in out.strip().splitlines())}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="demo,national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--load-seconds", type=int, default=60)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    base = os.environ["DATABASE_URL"]
    started = time.perf_counter()
    scales = args.scales.split(",")
    results = {"pages": [], "pdf": [], "load": None, "data": {}, "references": {}}
    results["incomplete"] = []
    for scale in scales:
        database, info = prepare(scale, seed=args.seed, base=base)
        results["data"][scale] = info
        print(f"== {scale}: {json.dumps(info, ensure_ascii=False)}", flush=True)
        out = WORK / f"measure-{scale}.json"
        last = scale == scales[-1]
        extra = ["--pdf", "--load-seconds", str(args.load_seconds)] if last else []
        out.unlink(missing_ok=True)
        measuring = _run(
            [
                PYTHON,
                "-m",
                "tests.bench.measure",
                "--scale",
                scale,
                "--out",
                str(out),
                "--requests",
                str(args.requests),
                *extra,
            ],
            database=database,
            check=False,
        )
        if measuring.returncode:
            # Report what was measured (the file is written after each part) and say so.
            results["incomplete"].append(f"{scale}: measure ended with {measuring.returncode}")
        measured = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        results["pages"] += measured.get("pages", [])
        results["references"][scale] = measured.get("references", {})
        if last:
            results["pdf"] = measured.get("pdf", [])
            results["load"] = measured.get("load")
    results["bench_seconds"] = round(time.perf_counter() - started)
    from tests.bench import report

    report.write(results, scales=scales)
    print(f"== make bench: {results['bench_seconds']} s", flush=True)
    return 1 if results["incomplete"] else 0


if __name__ == "__main__":
    sys.exit(main())
