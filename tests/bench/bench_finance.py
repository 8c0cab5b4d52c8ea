"""Server time of the budget pages and exports: the demo budget and a large one."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from finance.models import Budget
from tests.bench.timing import median_seconds


def run() -> None:
    from tests.finance.factories import sized_budget

    call_command("load_demo", verbosity=0)
    user = get_user_model().objects.create_superuser("bench-finance", password="x")
    client = Client()
    client.force_login(user)
    demo = Budget.objects.get(owner__name="Södra Regionvårdsnämnden")
    large = sized_budget(lines=40, years=15)
    pages = {
        "budget list": reverse("finance:budget_list"),
        "budget page (demo, 7 lines × 3 years)": demo.get_absolute_url(),
        "budget page (40 lines × 15 years)": large.get_absolute_url(),
        "CSV export (demo)": reverse("finance:budget_export", args=[demo.pk, "csv"]),
        "XLSX export (demo)": reverse("finance:budget_export", args=[demo.pk, "xlsx"]),
        "PDF export (demo)": reverse("finance:budget_export", args=[demo.pk, "pdf"]),
        "PDF export (40 lines × 15 years)": reverse(
            "finance:budget_export", args=[large.pk, "pdf"]
        ),
    }
    for name, url in pages.items():
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        query_count = len(queries)
        repeat = 5 if "PDF" in name else 15
        seconds = median_seconds(lambda url=url: client.get(url), repeat=repeat)
        print(f"{name:55} {seconds * 1000:7.1f} ms  {query_count:3} queries")
