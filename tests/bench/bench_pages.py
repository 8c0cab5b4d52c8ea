"""Server time of the organisation pages on the demo data (median of repeated requests)."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import Group, HealthcareRegion
from tests.bench.timing import median_seconds


def run() -> None:
    call_command("load_demo", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", password="x")
    client = Client()
    client.force_login(user)
    largest = max(Group.objects.all(), key=lambda g: g.memberships.count())
    pages = {
        "group list": reverse("groups:list"),
        "group tree": reverse("groups:tree"),
        f"group page ({largest.name})": reverse("groups:detail", args=[largest.pk]),
        "coverage (Södra)": reverse(
            "groups:coverage", args=[HealthcareRegion.objects.get(slug="sodra").slug]
        ),
        "people": reverse("groups:person_list"),
    }
    for name, url in pages.items():
        connection.queries_log.clear()  # a full log (demo loading) would count nothing
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        query_count = len(queries)  # read now: later requests reset the query log
        seconds = median_seconds(lambda url=url: client.get(url), repeat=15)
        print(f"{name:55} {seconds * 1000:7.1f} ms  {query_count:3} queries")
