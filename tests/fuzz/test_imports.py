"""Hypothesis feeds the three imports (members, population, budget) files of hostile cells and
bytes that are no spreadsheet at all: the answer is the page with the errors and nothing
saved, or success; never a server error, never part of a file saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from finance.models import Budget, BudgetLine
from groups.importing import SWEDISH_HEADERS
from groups.models import GroupKind, Membership, Person, RegionPopulation
from tests.fuzz.strategies import FUZZ, hostile_date, hostile_number, hostile_text
from tests.groups.factories import GroupFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(db):
    group = GroupFactory(name="Fuzznämnden", kind=GroupKind.COMMITTEE)
    RegionFactory(
        name="Region Skåne", code="SK", county_code="12", healthcare_region=group.healthcare_region
    )
    return group


def csv_file(name: str, header: list[str], rows: list[list[str]]) -> SimpleUploadedFile:
    lines = [";".join(header), *(";".join(row) for row in rows)]
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8", "surrogatepass"))


def rows_of(*cells, max_rows=4):
    return st.lists(st.tuples(*cells).map(list), min_size=0, max_size=max_rows)


def files(name, header, *cells):
    return st.one_of(
        rows_of(*cells).map(lambda rows: csv_file(name, header, rows)),
        st.binary(max_size=300).map(lambda data: SimpleUploadedFile(name, data)),
    )


def counts(*models) -> tuple[int, ...]:
    return tuple(model.objects.count() for model in models)


def post_rolled_back(client, url, data, models):
    """The answer, and whether a refusal left every counted table as it was."""
    before = counts(*models)
    with transaction.atomic():
        response = client.post(url, data)
        unchanged = counts(*models) == before
        transaction.set_rollback(True)
    assert response.status_code in (200, 302), f"{url}: {response.status_code}"
    if response.status_code == 200:
        assert unchanged, f"{url} refused the file but saved part of it"
    return response


MEMBER_CELLS = (
    st.one_of(st.just("Fuzznämnden"), hostile_text),  # grupp
    hostile_text,  # förnamn
    hostile_text,  # efternamn
    st.one_of(st.just("ny@example.org"), hostile_text),  # e-post
    hostile_text,  # titel
    st.one_of(st.just("SK"), hostile_text),  # region
    st.one_of(st.sampled_from(["ledamot", "ordförande", "sekreterare"]), hostile_text),  # roll
    hostile_date,  # från
    hostile_date,  # till
)


def test_member_import(admin_client, committee):
    url = reverse("groups:import")

    @FUZZ
    @given(upload=files("medlemmar.csv", SWEDISH_HEADERS, *MEMBER_CELLS))
    def post(upload):
        post_rolled_back(admin_client, url, {"file": upload}, (Person, Membership))

    post()


def test_population_import(admin_client, committee):
    url = reverse("administration:population_import")
    cells = (st.one_of(st.just("12"), st.just("SK"), hostile_text), hostile_number, hostile_number)

    @FUZZ
    @given(
        upload=files("folkmangd.csv", ["region", "år", "folkmängd"], *cells), source=hostile_text
    )
    def post(upload, source):
        post_rolled_back(admin_client, url, {"file": upload, "source": source}, (RegionPopulation,))

    post()


def test_budget_import(admin_client, committee):
    url = reverse("finance:budget_import")
    cells = (
        hostile_text,
        st.sampled_from(["cost", "income", "kostnad", "x"]),
        hostile_number,
        hostile_number,
    )
    owners = st.one_of(st.just(str(committee.pk)), st.sampled_from(["", "-1", "x", "99999999"]))

    @FUZZ
    @given(
        upload=files("budget.csv", ["label", "kind", "2025", "2026"], *cells),
        owner=owners,
        title=hostile_text,
    )
    def post(upload, owner, title):
        data = {"file": upload, "owner": owner, "title": title}
        post_rolled_back(admin_client, url, data, (Budget, BudgetLine))

    post()
