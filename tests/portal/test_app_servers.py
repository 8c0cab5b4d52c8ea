"""The portal on several app servers: two gunicorn instances behind haproxy (round robin), one
PostgreSQL database, SeaweedFS as the shared object storage. Everything through HTTP, as a
browser would: what is done through one server holds on the other.

The servers use the database the tests write to (pytest-django's test database, with committed
data: transactional tests), so what a test creates they see, and what they save the test reads
back. The servers run for the whole module; each test gets new workers (see `servers`).
"""

from __future__ import annotations

import datetime
import hashlib
import os
import signal
import threading
import uuid
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection

from governance.models import Attachment, Decision, ParagraphCounter
from groups.models import GroupKind, MembershipRole
from tests.governance.conftest import member
from tests.groups.factories import PASSWORD, GroupFactory
from tests.helpers import pdf_bytes
from tests.servers import (
    create_bucket,
    ensure_alive,
    free_port,
    gunicorn_command,
    haproxy_binary,
    haproxy_config,
    port_open,
    renew_gunicorn_workers,
    running,
    send_signal,
    wait_until,
)
from tests.two_factor import token_for, totp_device
from tests.webclient import Browser

pytestmark = pytest.mark.django_db(transaction=True)
WORKERS_PER_SERVER = 2
STALE_MESSAGE = "Någon annan har sparat ändringar medan du skrev."


@dataclass(frozen=True)
class Cluster:
    balancer: str  # haproxy: where users go
    servers: dict[str, str]  # each app server, by the name haproxy reports
    masters: tuple[int, ...]  # the gunicorn master processes
    bucket: str


def database_url() -> str:
    db = connection.settings_dict  # after pytest-django switched it to the test database
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(scope="module")
def app_cluster(django_db_setup, s3_server, tmp_path_factory):
    """Two app servers and the balancer, for the tests of this module; stopped after them."""
    assert connection.vendor == "postgresql"
    directory = tmp_path_factory.mktemp("cluster")
    bucket = f"portal-{uuid.uuid4().hex[:12]}"
    create_bucket(s3_server, bucket)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(),
        **s3_server.environment(bucket),
    }
    config = directory / "gunicorn.conf.py"
    config.write_text("")  # the flags only, not deploy/gunicorn.conf.py's PDF helper start
    ports = {"app1": free_port(), "app2": free_port()}
    balancer = free_port()
    (directory / "haproxy.cfg").write_text(haproxy_config(balancer, ports))
    haproxy = [haproxy_binary(), "-f", str(directory / "haproxy.cfg"), "-db"]
    logs = {name: directory / f"{name}.log" for name in [*ports, "haproxy"]}

    def app(name):
        command = gunicorn_command(ports[name], workers=WORKERS_PER_SERVER, config=config)
        return running(
            command,
            log=logs[name],
            env=environment,
            cwd=settings.BASE_DIR,
            stop_signal=signal.SIGQUIT,  # gunicorn's quick shutdown
        )

    with app("app1") as app1, app("app2") as app2:
        for name, process in (("app1", app1), ("app2", app2)):

            def up(name=name, process=process) -> bool:
                ensure_alive(process, logs[name])
                return port_open(ports[name])

            wait_until(up, what=f"gunicorn {name}")
        with running(haproxy, log=logs["haproxy"]) as balancer_process:
            wait_until(lambda: port_open(balancer), what="haproxy")
            ensure_alive(balancer_process, logs["haproxy"])
            try:
                yield Cluster(
                    balancer=f"http://127.0.0.1:{balancer}",
                    servers={name: f"http://127.0.0.1:{port}" for name, port in ports.items()},
                    masters=(app1.pid, app2.pid),
                    bucket=bucket,
                )
            finally:  # all at once; each `running` then waits for its own
                for process, stop_signal in (
                    (balancer_process, signal.SIGTERM),
                    (app1, signal.SIGQUIT),
                    (app2, signal.SIGQUIT),
                ):
                    send_signal(process, stop_signal)


@pytest.fixture
def cluster(app_cluster, transactional_db):
    """The cluster with workers that have seen nothing yet: the test before emptied the
    tables, and content types came back with new ids that old workers would have cached."""
    renew_gunicorn_workers(app_cluster.masters, workers=WORKERS_PER_SERVER)
    return app_cluster


@pytest.fixture
def committee(transactional_db):
    return GroupFactory(name="Regionala samverkansnämnden", kind=GroupKind.COMMITTEE)


@pytest.fixture
def secretary(committee):
    return member(committee, MembershipRole.SECRETARY, username="sekreteraren")


def logged_in(cluster: Cluster, secretary) -> Browser:
    browser = Browser()
    device = totp_device(secretary.user)  # a secretary must give the second factor
    browser.log_in(
        cluster.balancer, secretary.user.username, PASSWORD, code=lambda: token_for(device)
    )
    return browser


def decision_form(committee, title: str, token: str) -> dict:
    return {
        "csrfmiddlewaretoken": token,
        "body": committee.pk,
        "title": title,
        "status": "decided",
        "decision_date": "2025-04-23",
        "clauses": "att godkänna redovisningen",
    }


def test_requests_alternate_between_the_servers(cluster, secretary):
    browser = logged_in(cluster, secretary)
    served_by = [browser.get(f"{cluster.balancer}/").served_by for _ in range(4)]
    assert sorted(served_by) == ["app1", "app1", "app2", "app2"]
    assert served_by[0] != served_by[1]


def test_a_session_started_on_one_server_is_valid_on_the_other(cluster, secretary):
    browser = logged_in(cluster, secretary)  # through haproxy, on one of the two
    for url in cluster.servers.values():
        page = browser.get(f"{url}/")
        assert page.status == 200, url
        assert secretary.full_name in page.text
    assert Browser().get(f"{cluster.servers['app1']}/").status == 302  # without the cookie
    # Logging out on one ends the session on both: it lives in the database, not a server.
    before_logout = Browser(cookies=dict(browser.cookies))
    token = browser.get(f"{cluster.servers['app1']}/").csrf_token()
    browser.post(f"{cluster.servers['app1']}/konto/logga-ut/", {"csrfmiddlewaretoken": token})
    response = before_logout.get(f"{cluster.servers['app2']}/")
    assert response.status == 302
    assert response.location.startswith("/konto/logga-in/")


def test_paragraph_numbers_stay_gap_free_when_both_servers_record_at_once(
    cluster, committee, secretary
):
    count = 8
    browser = logged_in(cluster, secretary)
    token = browser.get(f"{cluster.balancer}/beslut/nytt/").csrf_token()
    start = threading.Barrier(count)
    answers: list = [None] * count

    def record(n: int) -> None:
        start.wait(timeout=30)
        answers[n] = browser.post(
            f"{cluster.balancer}/beslut/nytt/", decision_form(committee, f"Ärende {n}", token)
        )

    threads = [threading.Thread(target=record, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [answer.status for answer in answers] == [302] * count
    assert {answer.served_by for answer in answers} == {"app1", "app2"}
    numbers = Decision.objects.filter(body=committee).values_list("number", flat=True)
    assert sorted(numbers) == list(range(1, count + 1))
    assert ParagraphCounter.objects.get(body=committee, year=2025).last_number == count
    # Each answer names the decision it made, and no two answers name the same one.
    assert len({answer.location for answer in answers}) == count


def test_an_upload_through_one_server_is_served_by_the_other(
    cluster, committee, secretary, s3_server
):
    browser = logged_in(cluster, secretary)
    first = cluster.servers["app1"]
    token = browser.get(f"{first}/beslut/nytt/").csrf_token()
    browser.post(f"{first}/beslut/nytt/", decision_form(committee, "Budget 2026", token))
    decision = Decision.objects.get(body=committee)
    data = pdf_bytes(padding=200_000)
    response = browser.post(
        f"{first}/beslut/{decision.pk}/bilaga/",
        {"csrfmiddlewaretoken": token, "title": "Bilaga 1 – Budget"},
        files={"file": ("budget.pdf", data)},
    )
    assert response.status == 302
    attachment = Attachment.objects.get(decision=decision)
    assert s3_server.keys(cluster.bucket) == [attachment.file.name]
    download = browser.get(f"{cluster.servers['app2']}/bilagor/{attachment.pk}/")
    assert download.status == 200
    assert hashlib.sha512(download.body).hexdigest() == attachment.sha512
    assert download.body == data
    # and only to those who may see it, on that server too
    assert Browser().get(f"{cluster.servers['app2']}/bilagor/{attachment.pk}/").status == 302


def test_a_stale_save_through_the_other_server_is_refused(cluster, committee, secretary):
    browser = logged_in(cluster, secretary)
    first, second = cluster.servers["app1"], cluster.servers["app2"]
    token = browser.get(f"{first}/beslut/nytt/").csrf_token()
    browser.post(f"{first}/beslut/nytt/", decision_form(committee, "Årsredovisning", token))
    decision = Decision.objects.get(body=committee)
    edit = f"/beslut/{decision.pk}/andra/"
    version_seen_on_first = browser.get(f"{first}{edit}").hidden("version")
    version_seen_on_second = browser.get(f"{second}{edit}").hidden("version")
    assert version_seen_on_first == version_seen_on_second

    def save(base: str, title: str, version: str):
        data = decision_form(committee, title, token) | {
            "version": version,
            "reason": "Rubriken rättad",
        }
        del data["body"]  # a decision keeps its body
        return browser.post(f"{base}{edit}", data)

    assert save(first, "Årsredovisning 2025", version_seen_on_first).status == 302
    refused = save(second, "Årsredovisning för 2025", version_seen_on_second)
    assert refused.status == 200
    assert STALE_MESSAGE in refused.text
    assert 'value="Årsredovisning för 2025"' in refused.text  # what was typed stays
    decision.refresh_from_db()
    assert decision.title == "Årsredovisning 2025"
    assert datetime.date(2025, 4, 23) == decision.decision_date
