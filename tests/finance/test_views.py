"""Budget pages: what a reader sees, who may change what, and constant query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance import services
from finance.models import Budget, BudgetAmount, BudgetLine, BudgetStatus
from portal.downloads import download_filename
from tests.finance.factories import CommitteeFactory, DecisionFactory, seed_budget, sized_budget
from tests.groups.factories import RegionFactory, RegionPopulationFactory
from tests.helpers import page_queries

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(committee):
    for name, population in [("Region Skåne", 1_390_000), ("Region Blekinge", 159_000)]:
        region = RegionFactory(name=name, healthcare_region=committee.healthcare_region)
        for year in (2020, 2021):  # 2022 missing on purpose
            RegionPopulationFactory(region=region, year=year, population=population)
    budget = seed_budget(owner=committee)
    line = BudgetLine.objects.get(label__startswith="Solidarisk")
    line.category = "shared_financing"
    line.save()
    return budget


def test_list_shows_budgets_per_body(user_client, budget):
    response = user_client.get(reverse("finance:budget_list"))
    html = response.content.decode()
    assert "Södra Regionvårdsnämnden" in html
    assert budget.title in html
    assert "Importera budget" not in html  # a plain member may not create budgets


def test_budget_page_table_checks_chart_and_cost_sharing(user_client, budget):
    response = user_client.get(budget.get_absolute_url())
    html = response.content.decode()
    # Swedish numbers, right-aligned, negatives marked with a class and a real minus sign.
    assert '<td class="number negative">\u22126\u00a0617</td>' in html
    assert '<td class="number">8\u00a0441</td>' in html
    # Computed closing balances; the sheet's differences are shown year by year.
    assert '<td class="number">3\u00a0954</td>' in html
    assert 'id="check-differences"' in html
    assert "Underlaget anger en annan utgående balans än portalens beräkning för 2 år." in html
    assert '<td class="number negative">\u22125\u00a0991</td>' in html
    assert "Skillnad (beräknat minus underlag)" in html
    assert (
        "Utgående balans enligt underlaget är 16\u00a0221, beräknat 11\u00a0195: skillnaden "
        "\u22125\u00a0026 (beräknat minus underlag). Underlaget anger 5\u00a0026 tkr mer"
    ) in html
    # The chart: inline SVG, an image with a title, the table as its alternative.
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="balance-chart" role="img"' in html
    assert '<title id="closing-chart-title">Utgående balans per år (tkr)' in html
    # Cost sharing by population; 2022 has no population figures.
    assert "Kostnadsfördelning mellan regionerna" in html
    assert '<td class="number">7\u00a0575</td>' in html  # Skåne's part of 8 441 in 2020
    assert "Folkmängd saknas för Region Blekinge, Region Skåne år 2022." in html
    assert "Lägg till rad" not in html


def test_budget_page_runs_a_constant_number_of_queries(admin_client, committee):
    small = sized_budget(lines=3, years=3)
    large = sized_budget(lines=25, years=10)
    services.revision_create(actor=None, budget=large, note="Andra")
    services.revision_create(actor=None, budget=large, note="Tredje")
    assert page_queries(admin_client, small.get_absolute_url()) == page_queries(
        admin_client, large.get_absolute_url()
    )
    assert page_queries(admin_client, reverse("finance:budget_list")) == page_queries(
        admin_client, reverse("finance:budget_list") + "?"
    )
    compare_small = reverse("finance:revision_compare", args=[large.pk]) + "?old=1&new=3"
    services.revision_create(actor=None, budget=small)
    compare_large = reverse("finance:revision_compare", args=[small.pk]) + "?old=1&new=2"
    assert page_queries(admin_client, compare_small) == page_queries(admin_client, compare_large)


def test_list_query_count_does_not_grow_with_budgets(admin_client):
    sized_budget(lines=2, years=2)
    few = page_queries(admin_client, reverse("finance:budget_list"))
    for _ in range(4):
        sized_budget(lines=2, years=2, with_regions=False)
    assert page_queries(admin_client, reverse("finance:budget_list")) == few


def test_exports_download(user_client, budget):
    stem = download_filename("budget", budget.pk, "rev1", budget.title, extension="")
    for fmt, start in (("csv", b"\xef\xbb\xbflabel;kind;2020"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        response = user_client.get(reverse("finance:budget_export", args=[budget.pk, fmt]))
        assert response.status_code == 200
        assert response.content.startswith(start)
        assert f'filename="{stem}{fmt}"' in response["Content-Disposition"]
    for unknown in ("doc", "CSV", "pdf.csv"):
        url = reverse("finance:budget_export", args=[budget.pk, unknown])
        assert user_client.get(url).status_code == 404
    sharing = user_client.get(reverse("finance:cost_sharing_export", args=[budget.pk]))
    assert sharing.content.decode("utf-8-sig").splitlines()[1] == (
        "Solidarisk finansiering kansli och nämnd;Region Blekinge;866;866;"
    )
    assert "kostnadsfordelning-" in sharing["Content-Disposition"]


def line_url(budget, line):
    return reverse("finance:budget_line_edit", args=[budget.pk, line.pk])


def line_post(**overrides):
    data = {
        "label": "Löpande utgifter (inklusive pensionsavgångar)",
        "kind": "cost",
        "category": "running_costs",
        "decision": "",
        "reference": "",
        "amount_2020": "−7 000",
        "amount_2021": "5 537",
        "amount_2022": "",
    }
    return data | overrides


def test_only_administrators_and_the_bodys_secretary_may_edit_lines(
    client, user, budget, secretary, admin_user
):
    line = BudgetLine.objects.get(label__startswith="Löpande")
    client.force_login(user)
    assert client.get(line_url(budget, line)).status_code == 403
    assert client.post(line_url(budget, line), line_post()).status_code == 403
    assert client.get(reverse("finance:budget_import")).status_code == 403
    client.force_login(secretary)
    assert client.get(line_url(budget, line)).status_code == 200
    assert "Lägg till rad" in client.get(budget.get_absolute_url()).content.decode()
    client.force_login(admin_user)
    assert client.get(line_url(budget, line)).status_code == 200


def test_secretary_edits_a_line_with_swedish_numbers_and_history(client, budget, secretary):
    client.force_login(secretary)
    line = BudgetLine.objects.get(label__startswith="Löpande")
    response = client.post(line_url(budget, line), line_post())
    assert response.status_code == 302
    amounts = dict(BudgetAmount.objects.filter(line=line).values_list("year", "amount"))
    assert amounts == {2020: D(7000), 2021: D(5537), 2022: D(0)}
    record = BudgetAmount.history.filter(line_id=line.pk, year=2020).first()
    assert record.history_user == secretary
    assert record.history_change_reason == "Rad ändrad i revision 1"


def test_bad_line_input_is_explained_and_kept(client, budget, secretary):
    client.force_login(secretary)
    line = BudgetLine.objects.get(label__startswith="Löpande")
    response = client.post(
        line_url(budget, line),
        line_post(amount_2021="fem", label="Ej inräknade befintliga processledare"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Skriv ett belopp i tkr, t.ex. 8441, 8 441 eller 1,5." in html
    assert "Det finns redan en rad med den benämningen och typen i revisionen." in html
    assert 'value="fem"' in html
    assert BudgetAmount.objects.get(line=line, year=2021).amount == D(5537)


def test_add_and_delete_a_line(admin_client, budget):
    response = admin_client.post(
        reverse("finance:budget_line_create", args=[budget.pk]),
        line_post(label="Ny tjänst", kind="cost", amount_2020="100", amount_2022="1,5"),
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get(label="Ny tjänst")
    assert line.position == 8
    assert [a.amount for a in line.amounts.order_by("year")] == [D(100), D(5537), D("1.5")]
    admin_client.post(reverse("finance:budget_line_delete", args=[budget.pk, line.pk]))
    assert not BudgetLine.objects.filter(label="Ny tjänst").exists()
    assert BudgetLine.history.filter(label="Ny tjänst", history_type="-").exists()


def test_an_adopted_revision_is_frozen_until_a_new_revision_is_made(admin_client, budget):
    decision = DecisionFactory(body=budget.owner)
    services.budget_adopt(actor=None, budget=budget, decision=decision)
    line = BudgetLine.objects.get(label__startswith="Löpande")
    response = admin_client.get(line_url(budget, line), follow=True)
    assert "Revisionen är fastställd och kan inte ändras." in response.content.decode()

    admin_client.post(reverse("finance:revision_create", args=[budget.pk]), {"note": "Höst"})
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.ADOPTED
    new_line = BudgetLine.objects.get(revision__number=2, label=line.label)
    assert admin_client.post(line_url(budget, new_line), line_post()).status_code == 302
    # The adopted revision is unchanged and still readable; the old line cannot be edited.
    assert BudgetAmount.objects.get(line=line, year=2020).amount == D(6617)
    old = admin_client.get(budget.get_absolute_url() + "?revision=1").content.decode()
    assert "Du ser revision 1" in old
    assert "\u22126\u00a0617" in old
    assert admin_client.get(line_url(budget, line), follow=True).redirect_chain
    assert admin_client.get(budget.get_absolute_url() + "?revision=9").status_code == 404

    compare = admin_client.get(
        reverse("finance:revision_compare", args=[budget.pk]) + "?old=1&new=2"
    ).content.decode()
    assert "Ändrad" in compare
    assert "\u22127\u00a0000" in compare
    assert '<td class="number negative">\u2212383</td>' in compare  # −7 000 − (−6 617)


def test_compare_without_parameters_goes_to_the_last_two_revisions(admin_client, budget):
    services.revision_create(actor=None, budget=budget)
    response = admin_client.get(reverse("finance:revision_compare", args=[budget.pk]))
    assert response.status_code == 302
    assert response["Location"].endswith("?old=1&new=2")
    same = admin_client.get(response["Location"].replace("new=2", "new=1"))
    assert "Välj två olika revisioner." in same.content.decode()


def test_upload_page_shows_errors_and_saves_nothing_then_creates(admin_client, committee):
    url = reverse("finance:budget_import")
    bad = b"label,kind,2020\nIntakt,income,12x\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        url,
        {"file": SimpleUploadedFile("b.csv", bad), "owner": committee.pk, "title": "Budget 2020"},
    )
    html = response.content.decode()
    assert "Inget importerades." in html
    # Row, column and message; on a phone the same cells read "Rad 2, kolumn C (2020): …".
    assert (
        '<td><span class="narrow-only">Rad </span>2</td>'
        '<td><span class="narrow-only">, kolumn </span>C (2020)<span class="narrow-only">:</span>'
        "</td><td>”12x” är inget belopp."
    ) in html
    assert Budget.objects.count() == 0
    good = b"label,kind,2020\nIntakt,income,12\n"
    response = admin_client.post(
        url,
        {"file": SimpleUploadedFile("b.csv", good), "owner": committee.pk, "title": "Budget 2020"},
    )
    budget = Budget.objects.get()
    assert response["Location"] == budget.get_absolute_url()


def test_budget_page_queries_stay_constant_for_the_bodys_secretary(client, committee, secretary):
    small = sized_budget(lines=2, years=2, owner=committee)
    large = sized_budget(lines=30, years=12, owner=committee)
    services.revision_create(actor=None, budget=large)
    client.force_login(secretary)
    page_queries(client, small.get_absolute_url())  # warm the content-type cache
    assert page_queries(client, small.get_absolute_url()) == page_queries(
        client, large.get_absolute_url()
    )
    assert "Lägg till rad" in client.get(large.get_absolute_url()).content.decode()


def test_after_a_refused_file_owner_and_title_are_kept_and_the_file_asked_for_again(
    admin_client, committee
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    other = CommitteeFactory(name="Västra Regionvårdsnämnden")
    response = admin_client.post(
        reverse("finance:budget_import"),
        {
            "file": SimpleUploadedFile("b.csv", b"label,kind,2020\nIntakt,income,12x\n"),
            "owner": other.pk,
            "title": "Budget 2020 för Västra",
        },
    )
    html = response.content.decode()
    assert "Inget importerades." in html
    assert f'<option value="{other.pk}" selected>Västra Regionvårdsnämnden (' in html
    assert 'value="Budget 2020 för Västra"' in html
    assert "Välj filen igen efter att du rättat den." in html
    # A missing title keeps the owner and asks for the file again as well.
    response = admin_client.post(
        reverse("finance:budget_import"),
        {"file": SimpleUploadedFile("b.csv", b"label,kind,2020\n"), "owner": other.pk},
    )
    html = response.content.decode()
    assert f'<option value="{other.pk}" selected>' in html
    assert "Välj filen igen efter att du rättat den." in html
    assert Budget.objects.count() == 0


def test_cost_sharing_text_tells_how_amounts_with_decimals_are_split(user_client, budget):
    line = BudgetLine.objects.get(label__startswith="Solidarisk")
    services.line_update(
        actor=None,
        line=line,
        data=services.LineInput(
            label=line.label,
            kind=line.kind,
            category=line.category,
            amounts={2020: D("8441.5"), 2021: D(8441), 2022: D(8441)},
        ),
    )
    html = user_client.get(budget.get_absolute_url()).content.decode()
    assert (
        "avrundat till hela tkr; belopp med decimaler fördelas med samma antal decimaler. "
        "Delarna summerar alltid exakt till raden."
    ) in html
    # 8 441,5 split 1 390 000 : 159 000 in tenths (largest remainder): 7 575,0 + 866,5.
    assert '<td class="number">866,5</td>' in html
    assert '<td class="number">7\u00a0575</td>' in html


def test_refused_import_uses_the_shared_error_table_and_asks_for_the_file_again(
    admin_client, committee
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        reverse("finance:budget_import"),
        {
            "file": SimpleUploadedFile("b.csv", b"label,kind,2020\nIntakt,income,12x\n"),
            "owner": committee.pk,
            "title": "Budget 2020",
        },
    )
    html = response.content.decode()
    assert "components/import_errors.html" in [t.name for t in response.templates]
    assert "Inget importerades. Rätta raderna nedan och ladda upp filen igen." in html
    assert '<p class="ds-paragraph" id="import-choose-again">Ägare och rubrik står kvar.' in html


def test_an_empty_upload_is_refused_at_each_field_not_a_server_error(admin_client, committee):
    response = admin_client.post(reverse("finance:budget_import"), {})
    assert response.status_code == 200
    # File, owner and title: each refused where it is typed.
    assert set(response.context["form"].errors) == {"file", "owner", "title"}
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert Budget.objects.count() == 0
