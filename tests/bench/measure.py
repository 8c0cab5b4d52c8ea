"""Measure the pages (tests/bench/pages.py) on the database in DATABASE_URL, for each role,
with the floor and Django admin's decision change list on the same data; on request the PDFs
too. Run by tests/bench/__main__.py in its own process per scale; writes JSON.

    DATABASE_URL=… python -m tests.bench.measure --scale demo --out var/bench/demo.json [--pdf]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(client, url: str, *, requests: int, budget: float) -> dict:
    """Server time of `requests` GETs through the test client (the whole middleware stack, no
    network), after warming up. A page still at it after `budget` seconds stops once it has
    10 samples (it then takes at least budget/requests a request: 160 ms, past the target),
    and after 4 × budget with 3; the result says how many it measured."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    count = len(queries)
    samples = []
    started = time.perf_counter()
    while len(samples) < requests:
        start = time.perf_counter()
        client.get(url)
        samples.append(time.perf_counter() - start)
        spent = time.perf_counter() - started
        if (spent > budget and len(samples) >= 10) or (spent > 4 * budget and len(samples) >= 3):
            break
    return {
        "status": response.status_code,
        "queries": count,
        "requests": len(samples),
        "p50_ms": round(statistics.median(samples) * 1000, 1),
        "p95_ms": round(percentile(samples, 0.95) * 1000, 1),
    }


def measure_pages(scale: str, *, requests: int, budget: float, save=lambda result: None) -> dict:
    """Every page of tests/bench/pages.py per role, after the references they are compared
    with; `save` gets the result so far after each (a run cut short keeps what it measured)."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from tests.bench import pages

    superuser, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    users = pages.users()
    results = []
    references = {}
    partial = {"pages": results, "references": references}
    admin_client = pages.client_for("admin", superuser)
    references["admin"] = timed(
        admin_client,
        reverse("benchadmin:governance_decision_changelist"),
        requests=requests,
        budget=budget,
    )
    if references["admin"]["status"] != 200:
        raise RuntimeError("Django admin's change list did not answer 200: not verified?")
    print(f"{scale:9} reference Django admin's decision list: {references['admin']}", flush=True)
    for role, user in users.items():
        client = pages.client_for(role, user)
        floor_url = reverse("bench_floor" if user is not None else "bench_public_floor")
        references[f"floor_{role}"] = timed(client, floor_url, requests=requests, budget=budget)
        if references[f"floor_{role}"]["status"] != 200:
            raise RuntimeError(f"the floor answers {role} with a redirect: not logged in?")
        print(f"{scale:9} reference floor {role}: {references[f'floor_{role}']}", flush=True)
        save(partial)
        found = pages.targets(role, user)
        for page in pages.PAGES:
            if role not in page.roles:
                continue
            path = pages.path(page, found)
            result = timed(client, path, requests=requests, budget=budget)
            floor = references[f"floor_{role}"]["p50_ms"]
            results.append(
                {
                    "name": page.name,
                    "path": path,
                    "role": role,
                    "scale": scale,
                    "search": page.search,
                    **result,
                    "ratio_floor": round(result["p50_ms"] / max(floor, 0.1), 1),
                    "ratio_admin": round(result["p50_ms"] / references["admin"]["p50_ms"], 2),
                }
            )
            print(
                f"{scale:9} {role:9} {page.name:22} {result['status']} "
                f"{result['queries']:3} q  p50 {result['p50_ms']:7.1f}  p95 {result['p95_ms']:7.1f}"
                f"  n={result['requests']}",
                flush=True,
            )
            save(partial)
    return partial


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--budget", type=float, default=8.0)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--load-seconds", type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    import django

    django.setup()

    def save(result: dict) -> None:
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(result, out, ensure_ascii=False, indent=1)

    result = measure_pages(args.scale, requests=args.requests, budget=args.budget, save=save)
    if args.pdf:
        from tests.bench import pdfs

        result["pdf"] = pdfs.measure()
        save(result)
    if args.load_seconds:
        from pathlib import Path

        from tests.bench import load

        result["load"] = load.measure(seconds=args.load_seconds, workdir=Path(args.out).parent)
        save(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
