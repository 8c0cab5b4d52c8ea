"""The PDF helper process: `python -m portal.pdf_helper FD MEMORY_LIMIT_MB MODULE:WARM_UP`.

Started and ended by portal.pdf_limits, one per app process. It imports MODULE and calls its
WARM_UP function (a small document: fonts, font configuration and the renderer's threads are
then loaded), caps its own address space at MEMORY_LIMIT_MB above what it has then
(RLIMIT_AS), says it is ready, and runs one job at a time from the connection on file
descriptor FD until the app process hangs up. SIGUSR1 cancels the running job (the helper
answers "cancelled" and waits for the next); SIGALRM, set for each job, ends a helper whose app
process is no longer there to do either. It uses the standard library only; the jobs and
the warm-up bring their own code.
"""

from __future__ import annotations

import importlib
import math
import os
import resource
import signal
import sys
import traceback
from multiprocessing.connection import Connection

# The helper ends itself this long after a job's deadline, should the app process be gone.
SELF_DESTRUCT_GRACE_SECONDS = 5
MB = 1024 * 1024


class Cancelled(Exception):
    """Raised inside a running job when the app process gives up waiting (SIGUSR1)."""


def serve(connection: Connection, memory_limit_mb: int, warm_up: str) -> None:
    module, _, function = warm_up.partition(":")
    getattr(importlib.import_module(module), function)()
    cap_address_space(memory_limit_mb)
    running = [False]

    def cancel(signum, frame):
        if running[0]:  # a late signal, once the job is done, changes nothing
            running[0] = False
            raise Cancelled

    signal.signal(signal.SIGUSR1, cancel)
    connection.send(("ready", None))
    while True:
        try:
            job, args, kwargs, timeout = connection.recv()
        except (EOFError, OSError):
            return
        signal.alarm(math.ceil(timeout) + SELF_DESTRUCT_GRACE_SECONDS)
        try:
            running[0] = True
            try:
                result = ("ok", job(*args, **kwargs))
            finally:
                running[0] = False
        except Cancelled:
            result = ("cancelled", None)
        except MemoryError:
            result = None
        except Exception:
            result = ("error", traceback.format_exc())
        signal.alarm(0)
        if result is None:
            connection.send(("memory", None))
            return  # after a MemoryError nothing in this process is to be trusted
        connection.send(result)


def cap_address_space(memory_limit_mb: int) -> None:
    try:
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        print("PDF helper: no /proc/self/statm, memory not capped", file=sys.stderr)
        return
    limit = current + memory_limit_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv: list[str]) -> None:
    fd, memory_limit_mb, warm_up = argv
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the server
    serve(Connection(int(fd)), int(memory_limit_mb), warm_up)


if __name__ == "__main__":
    main(sys.argv[1:])
