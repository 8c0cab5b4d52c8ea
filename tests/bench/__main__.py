"""`make bench`: runs every tests/bench/bench_*.py module's run() and prints its figures
(`python -m tests.bench bench_pdf_isolation …` runs the named ones only).

Benchmarks run against the throw-away PostgreSQL that tests/postgres.sh starts; each module
creates the data it needs in a fresh test database and reports medians of repeated runs.
"""

import importlib
import os
import pkgutil
import sys

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner, setup_test_environment

    setup_test_environment()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    try:
        package = importlib.import_module("tests.bench")
        names = sys.argv[1:] or sorted(
            name
            for _, name, _ in pkgutil.iter_modules(package.__path__)
            if name.startswith("bench_")
        )
        for name in names:
            module = importlib.import_module(f"tests.bench.{name}")
            print(f"== {name}")
            module.run()
    finally:
        runner.teardown_databases(old_config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
