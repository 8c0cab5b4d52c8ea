"""Write bench/results.json and docs/performance.md from a `make bench` run. Whatever follows
the NOTES marker in docs/performance.md (hand-written reading of the figures) is kept."""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results.json"
DOC = ROOT / "docs" / "performance.md"
NOTES = "<!-- notes: kept by tests/bench/report.py -->"
PAGE_P95_MS = 150
SEARCH_P95_MS = 200
MAX_QUERIES = 15
PDF_RATIO = 1.2
EXTRACT_MS = 500
LOAD_RPS = 100


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {postgres}"
    )


def write(run: dict, *, scales: list[str]) -> None:
    load_average = os.getloadavg()
    results = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_average": [round(x, 2) for x in load_average],
        "bench_seconds": run["bench_seconds"],
        "pages": [
            {
                k: page[k]
                for k in (
                    "name",
                    "path",
                    "role",
                    "scale",
                    "queries",
                    "p50_ms",
                    "p95_ms",
                    "ratio_floor",
                    "ratio_admin",
                    "requests",
                    "status",
                )
            }
            for page in run["pages"]
        ],
        "pdf": [{k: p[k] for k in ("name", "ms", "floor_ms", "ratio")} for p in run["pdf"]],
        "load": run["load"],
        "references": run["references"],
        "data": run["data"],
        "incomplete": run.get("incomplete", []),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    searches = {(p["name"], p["role"]) for p in run["pages"] if p.get("search")}
    DOC.write_text(_markdown(results, scales, searches), encoding="utf-8")


def _verdict(misses: list[str]) -> str:
    return "yes" if not misses else "**missed**: " + ", ".join(misses)


def _markdown(results: dict, scales: list[str], searches: set) -> str:
    small, large = scales[0], scales[-1]
    by = {(p["name"], p["role"], p["scale"]): p for p in results["pages"]}
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (tests/bench/, "
        "[decision 0021](decisions/0021-scale-data-generator.md)); the figures in"
        " bench/results.json. Earlier measurements of single modules:"
        " [benchmarks.md](benchmarks.md).",
        "",
        f"- Date: {results['date']}; `make bench` took {results['bench_seconds']} s in all.",
        f"- Machine: {results['machine']}.",
        "- Load average at the end (1, 5, 15 min): "
        + ", ".join(str(x) for x in results["load_average"])
        + " — the machine is shared with other engineers' test runs, so times vary from run"
        " to run; the query counts do not.",
        *(
            [
                f"- **Incomplete run**: {'; '.join(results['incomplete'])}"
                " (what it measured is below)."
            ]
            if results["incomplete"]
            else []
        ),
        "",
        "## Data",
        "",
        "| Scale | Groups | People | Memberships | Commissions | Meetings | Agenda items |"
        " Decisions | Budgets | History rows | Made in |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale in scales:
        info = results["data"][scale]
        rows = info["rows"]
        made = (
            f"generated in {info['generate_seconds']} s"
            if info.get("generated")
            else f"restored in {info['seconds']} s"
        )
        lines.append(
            f"| {scale} | {rows['groups']:,} | {rows['people']:,} | {rows['memberships']:,} |"
            f" {rows['commissions']:,} | {rows['meetings']:,} | {rows['agenda_items']:,} |"
            f" {rows['decisions']:,} | {rows['budgets']:,} | {rows['history']:,} | {made} |"
        )
    lines += [
        "",
        "## Pages",
        "",
        f"Server time through Django's test client (every middleware, no network), "
        f"{results['pages'][0]['requests'] if results['pages'] else 0} timed requests each after "
        f"a warm-up request and one whose queries are counted (fewer where a page passed its "
        f"time budget of 8 s: column n; such a page takes 160 ms a request or more, past the "
        f"target anyway). Targets at "
        f"{large} scale: p95 ≤ {PAGE_P95_MS} ms (text search ≤ {SEARCH_P95_MS} ms), ≤ "
        f"{MAX_QUERIES} queries and the same count at {small} and {large} scale, and no slower "
        f"(p50) than Django admin's decision change list on the same data (× admin ≤ 1). "
        f"× floor: p50 over a minimal logged-in view through the same middleware.",
        "",
        f"| Page | Role | Queries {small} / {large} | p50 {small} | p50 {large} | p95 {large} | n |"
        f" × floor | × admin | Within targets |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    missed = 0
    for page in [p for p in results["pages"] if p["scale"] == large]:
        key = (page["name"], page["role"])
        other = by.get((page["name"], page["role"], small), {})
        target = SEARCH_P95_MS if key in searches else PAGE_P95_MS
        misses = []
        if page["status"] != 200:
            misses.append(f"status {page['status']}")
        if page["p95_ms"] > target:
            misses.append(f"p95 > {target} ms")
        if page["queries"] > MAX_QUERIES:
            misses.append(f"> {MAX_QUERIES} queries")
        if other and other.get("queries") != page["queries"]:
            misses.append("count grows")
        if page["ratio_admin"] is not None and page["ratio_admin"] > 1:
            misses.append("slower than admin")
        missed += bool(misses)
        lines.append(
            f"| {page['name']} | {page['role']} | {other.get('queries', '–')} / {page['queries']} |"
            f" {other.get('p50_ms', '–')} | {page['p50_ms']} | {page['p95_ms']} |"
            f" {page['requests']} | {page['ratio_floor']} | {page['ratio_admin']} |"
            f" {_verdict(misses)} |"
        )
    lines += [
        "",
        f"{missed} of {sum(1 for p in results['pages'] if p['scale'] == large)} "
        f"page measurements at {large} scale miss a target.",
        "",
        "References:",
        "",
        "| Scale | Reference | p50 | p95 | Queries |",
        "|---|---|---|---|---|",
    ]
    for scale in scales:
        for name, ref in results["references"][scale].items():
            lines.append(
                f"| {scale} | {name} | {ref['p50_ms']} | {ref['p95_ms']} | {ref['queries']} |"
            )
    lines += [
        "",
        "## PDFs",
        "",
        f"At {large} scale: the portal's whole document (selector, template, the bounded "
        "WeasyPrint helper) against WeasyPrint alone in the bench's process on the same HTML, "
        f"medians of interleaved runs. Targets: ≤ {PDF_RATIO} × WeasyPrint alone; a one-page "
        f"extract ≤ {EXTRACT_MS} ms warm.",
        "",
        "| Document | Portal | WeasyPrint alone | Ratio | Within targets |",
        "|---|---|---|---|---|",
    ]
    for doc in results["pdf"]:
        misses = []
        if doc["ratio"] > PDF_RATIO:
            misses.append(f"ratio > {PDF_RATIO}")
        if doc["name"].startswith("decision extract") and doc["ms"] > EXTRACT_MS:
            misses.append(f"> {EXTRACT_MS} ms")
        lines.append(
            f"| {doc['name']} | {doc['ms']} ms | {doc['floor_ms']} ms | {doc['ratio']} |"
            f" {_verdict(misses)} |"
        )
    load = results["load"]
    if load:
        misses = []
        if load["rps"] < LOAD_RPS:
            misses.append(f"< {LOAD_RPS} requests/s")
        if load["errors"]:
            misses.append("errors")
        lines += [
            "",
            "## Load",
            "",
            f"gunicorn with {load['workers']} sync workers (a worker per core, "
            f"deploy/gunicorn.conf.py) on loopback, {large} data; locust headless in a second "
            f"process with {load['users']} users, each a logged-in administrator or convener or "
            "nobody (the public pages) asking for that role's pages above in random order "
            "without pause; anything but a 200 is an error. Target: "
            f"≥ {LOAD_RPS} requests/s with 0 errors.",
            "",
            "| Seconds | Requests | Requests/s | p95 | Errors | Within targets |",
            "|---|---|---|---|---|---|",
            f"| {load['seconds']} | {load['requests']} | {load['rps']} | {load['p95_ms']} ms |"
            f" {load['errors']} | {_verdict(misses)} |",
        ]
        if floor := load.get("floor"):
            lines += [
                "",
                f"Reference, the same sessions on the floor view only for {floor['seconds']} s"
                f" before: {floor['rps']} requests/s, p95 {floor['p95_ms']} ms,"
                f" {floor['errors']} errors (what the server and the load generator sustain with"
                " nothing to do; the pages' figure above is bounded by what each page costs).",
            ]
    notes = ""
    if DOC.exists() and NOTES in (text := DOC.read_text(encoding="utf-8")):
        notes = text.split(NOTES, 1)[1]
    return "\n".join(lines) + "\n\n" + NOTES + (notes or "\n")
