"""Helpers shared by the tests."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str) -> int:
    """Fetch a page (it must answer 200) and return how many SQL queries it ran."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


def assert_page_queries(client, url: str, expected: int) -> None:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    queries = "\n".join(q["sql"] for q in context.captured_queries)
    assert len(context.captured_queries) == expected, (
        f"{url} ran {len(context.captured_queries)} queries, expected {expected}:\n{queries}"
    )
