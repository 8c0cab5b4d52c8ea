"""Throughput of gunicorn (a worker per core, as deployed, with production's connection pool:
tests/bench/settings.py) under a bounded mixed read load from locust in a second process, on
loopback, for at most 60 s, after 10 s on the floor view as the reference."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PORT = 8105
VENV_BIN = Path(sys.executable).parent


def _sessions() -> list[dict]:
    """Per role its pages and a session cookie (verified with the second factor where the
    role needs it, so the load reads the pages rather than the verification's redirect);
    none for the public."""
    from tests.bench import pages

    sessions = []
    for role, user in pages.users().items():
        client = pages.client_for(role, user)
        found = pages.targets(role, user)
        paths = [pages.path(p, found) for p in pages.PAGES if role in p.roles]
        cookie = client.cookies["sessionid"].value if user is not None else None
        sessions.append({"role": role, "cookie": cookie, "paths": paths})
    return sessions


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)  # loopback
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn svarade inte på {url}")


def measure(*, seconds: int = 60, users: int = 8, workdir: Path, floor_seconds: int = 10) -> dict:
    """The role's pages for `seconds`; before them, for `floor_seconds`, the floor view alone
    (the same sessions): what the server and the load generator manage with nothing to do."""
    sessions = _sessions()
    floors = [
        {**session, "paths": ["/bench/floor/" if session["cookie"] else "/bench/floor/offentligt/"]}
        for session in sessions
    ]
    workers = os.cpu_count() or 1
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "-c",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--access-logfile",
            "/dev/null",
            "portal.wsgi:application",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"},
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "gunicorn.log", "w"),  # noqa: SIM115
    )
    try:
        _wait_for(f"http://127.0.0.1:{PORT}/konto/logga-in/")
        floor = _locust(floors, seconds=floor_seconds, users=users, prefix=workdir / "floor")
        result = _locust(sessions, seconds=seconds, users=users, prefix=workdir / "locust")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {**result, "users": users, "workers": workers, "floor": floor}


def _locust(sessions: list[dict], *, seconds: int, users: int, prefix: Path) -> dict:
    env = {**os.environ, "BENCH_SESSIONS": json.dumps(sessions)}
    with open(f"{prefix}.log", "w") as log:
        subprocess.run(
            [
                str(VENV_BIN / "locust"),
                "-f",
                "tests/bench/locustfile.py",
                "--headless",
                "--host",
                f"http://127.0.0.1:{PORT}",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                "--run-time",
                f"{seconds}s",
                "--csv",
                str(prefix),
                "--only-summary",
            ],
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=log,
            timeout=seconds + 60,
        )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        total = next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    # The run as locust timed it: its clock may start late on a loaded machine.
    with open(f"{prefix}_stats_history.csv", encoding="utf-8") as history:
        stamps = [int(row["Timestamp"]) for row in csv.DictReader(history)]
    return {
        "seconds": max(stamps) - min(stamps) if stamps else seconds,
        "requests": int(total["Request Count"]),
        "rps": round(float(total["Requests/s"]), 1),
        "p95_ms": float(total["95%"]) if total["95%"] not in {"", "N/A"} else None,
        "errors": int(total["Failure Count"]),
    }
