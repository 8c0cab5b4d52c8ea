"""Bounded PDF rendering: WeasyPrint runs in a helper process with a memory cap and a timeout.

One huge document must not take an app worker down (or its memory, or its time). Each app
process keeps one helper process, started on its first PDF, that renders one document at a
time. The helper's address space may grow at most PDF_MEMORY_LIMIT_MB beyond what it has when
ready (RLIMIT_AS), and the app process waits at most PDF_TIMEOUT_SECONDS for an answer. Past
the deadline the job is cancelled (and the helper ended if it does not stop at once); over the
memory cap the helper is ended and a new one started for the next document. Either way the
request gets `PdfRefused`, which portal.middleware.PdfRefusedMiddleware shows as a Swedish
page (503). This module imports little of Django: the helper loads it too.

The helper (portal/pdf_helper.py) is a new Python process, not a fork of the app process: it
inherits no sockets (a forked child would hold the client's connection and the database's
open), none of gunicorn's signal handlers and no other thread's locks. It is kept between
documents, so the isolation costs a round trip over a socket pair, not a process per PDF
(docs/benchmarks.md has the figures).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 60
CANCEL_GRACE_SECONDS = 2
JOBS_PER_HELPER = 200  # then a fresh helper: memory a long-lived process gathers is let go


class PdfRefused(Exception):
    """A document over the limits: shown to the user, not a fault of the portal."""

    retry_after: int | None = None

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PdfTooSlow(PdfRefused):
    def __init__(self, seconds: float):
        super().__init__(
            _(
                "Det tog längre tid än %(seconds)s sekunder att skapa PDF-dokumentet, så "
                "försöket avbröts. Försök igen om en stund. Händer det igen är dokumentet för "
                "stort för att skapas i ett stycke; kontakta kansliet."
            )
            % {"seconds": f"{seconds:g}".replace(".", ",")}  # Swedish decimal comma
        )
        self.retry_after = 60


class PdfTooLarge(PdfRefused):
    def __init__(self, megabytes: int):
        super().__init__(
            _(
                "Dokumentet är för stort för att skapas som PDF: det behöver mer än "
                "%(megabytes)s MB minne. Kontakta kansliet, så kan det delas upp eller gränsen "
                "höjas."
            )
            % {"megabytes": megabytes}
        )


class PdfRenderError(RuntimeError):
    """WeasyPrint failed on a document within the limits: a fault, with the helper's trace."""


@dataclass
class _Helper:
    """One running helper process."""

    process: subprocess.Popen
    connection: Connection
    memory_limit_mb: int
    owner_pid: int
    jobs: int = 0

    def usable_for(self, memory_limit_mb: int) -> bool:
        return (
            self.owner_pid == os.getpid()  # not a helper of the process this one forked from
            and self.memory_limit_mb == memory_limit_mb
            and self.jobs < JOBS_PER_HELPER
            and self.process.poll() is None
        )

    def stop(self) -> None:
        if self.owner_pid != os.getpid():
            return  # the parent's helper; the parent stops it
        self.connection.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=5)


class BoundedRenderer:
    """Runs jobs in this process's helper, one at a time, within the settings' bounds.

    warm_up names a function ("module:function") the helper calls before it is capped; jobs
    are module-level functions with picklable arguments and results.
    """

    def __init__(self, warm_up: str):
        self.warm_up = warm_up
        self._lock = threading.Lock()
        self._helper: _Helper | None = None

    def run(self, job, *args, **kwargs):
        """job(*args, **kwargs) in the helper. Raises PdfTooSlow, PdfTooLarge or
        PdfRenderError."""
        timeout = float(settings.PDF_TIMEOUT_SECONDS)
        memory_limit_mb = int(settings.PDF_MEMORY_LIMIT_MB)
        # A threaded server's other requests wait their turn, within the same deadline.
        if not self._lock.acquire(timeout=timeout):
            raise PdfTooSlow(timeout)
        try:
            helper = self._ready_helper(memory_limit_mb)
            helper.jobs += 1
            try:
                helper.connection.send((job, args, kwargs, timeout))
                if not helper.connection.poll(timeout):
                    logger.warning("PDF refused: not done within %s s", timeout)
                    self._cancel(helper)
                    raise PdfTooSlow(timeout)
                status, value = helper.connection.recv()
            except (EOFError, OSError):
                # The helper died mid-document: the address-space cap made an allocation in
                # WeasyPrint's C libraries fail (or the kernel's OOM killer chose it).
                self._discard_helper()
                logger.warning("PDF refused: the helper died (limit %s MB)", memory_limit_mb)
                raise PdfTooLarge(memory_limit_mb) from None
            if status == "memory":
                self._discard_helper()
                logger.warning("PDF refused: over %s MB", memory_limit_mb)
                raise PdfTooLarge(memory_limit_mb)
            if status == "error":
                raise PdfRenderError(value)
            return value
        finally:
            self._lock.release()

    def _cancel(self, helper: _Helper) -> None:
        """Stop the job, keeping the helper (and its loaded fonts) when it stops promptly;
        a helper stuck in C code past the grace period is ended."""
        helper.process.send_signal(signal.SIGUSR1)
        try:
            if helper.connection.poll(CANCEL_GRACE_SECONDS):
                helper.connection.recv()  # "cancelled", or the result that was just too late
                return
        except (EOFError, OSError):
            pass
        self._discard_helper()

    def start(self) -> None:
        """Start the helper now rather than on the first PDF (gunicorn.conf.py does so in
        each worker, so no user waits for it)."""
        with self._lock:
            self._ready_helper(int(settings.PDF_MEMORY_LIMIT_MB))

    def stop(self) -> None:
        with self._lock:
            self._discard_helper()

    @property
    def helper_pid(self) -> int | None:
        return self._helper.process.pid if self._helper is not None else None

    def _ready_helper(self, memory_limit_mb: int) -> _Helper:
        if self._helper is not None and self._helper.usable_for(memory_limit_mb):
            return self._helper
        self._discard_helper()
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "portal.pdf_helper",
                    str(theirs.fileno()),
                    str(memory_limit_mb),
                    self.warm_up,
                ],
                cwd=settings.BASE_DIR,
                # Threads get no 64 MB malloc arenas each: the address space stays close to
                # the memory really used, which is what the cap is meant to bound.
                env={**os.environ, "MALLOC_ARENA_MAX": "2"},
                stdin=subprocess.DEVNULL,
                pass_fds=[theirs.fileno()],  # and no other descriptor of this process
                start_new_session=True,  # a terminal's Ctrl-C is for the server, not for it
            )
        connection = Connection(ours.detach())
        helper = _Helper(process, connection, memory_limit_mb, os.getpid())
        try:
            ready = connection.poll(START_TIMEOUT_SECONDS) and connection.recv() == (
                "ready",
                None,
            )
        except (EOFError, OSError):
            ready = False
        if not ready:
            helper.stop()
            raise RuntimeError("The PDF helper process did not start; see its output.")
        self._helper = helper
        return helper

    def _discard_helper(self) -> None:
        if self._helper is not None:
            self._helper.stop()
        self._helper = None
