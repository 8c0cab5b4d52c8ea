"""deploy/gunicorn.conf.py is what app servers run: it must load, with the bounds in order."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from portal import pdf

CONFIG = Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"


def test_gunicorn_accepts_the_deployment_config():
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--check-config",
            "-c",
            str(CONFIG),
            "portal.wsgi:application",
        ],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_workers_answer_before_gunicorn_gives_up_on_them(monkeypatch):
    monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    config = runpy.run_path(str(CONFIG))
    assert config["worker_class"] == "sync" and config["preload_app"] is True
    # A refused PDF must be answered before gunicorn ends the worker.
    assert config["timeout"] > settings.PDF_TIMEOUT_SECONDS
    config["post_worker_init"](None)  # each worker starts its PDF helper before any request
    assert pdf.renderer.run(os.getpid) == pdf.renderer.helper_pid
