"""gunicorn settings for one app server (docs/deployment.md).

    DJANGO_SETTINGS_MODULE=portal.settings.production … \
        .venv/bin/gunicorn -c deploy/gunicorn.conf.py portal.wsgi:application

Flags on the command line override what is set here.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# A worker per core: a worker runs one request at a time, and PDFs are CPU work.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))
worker_class = "sync"
# Longer than PDF_TIMEOUT_SECONDS (20 s), so a refused PDF is answered, not cut off.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5  # behind haproxy, which keeps connections open
# A fresh worker now and then: whatever one gathers in memory is let go.
max_requests = 2000
max_requests_jitter = 200
# The application is loaded once, then the workers are forked from it: less memory, faster
# worker starts. New code therefore needs a restart of gunicorn, not a HUP.
preload_app = True
control_socket_disable = True  # managed by systemd; nothing uses gunicorn's control socket
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    # Each worker starts its PDF helper process before it takes requests, so that no user
    # waits the second or two it takes to load WeasyPrint (portal/pdf_limits.py).
    from portal.pdf import renderer

    renderer.start()
