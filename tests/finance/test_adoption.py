"""Adopting a budget by its owner's decision, superseding earlier budgets, and the rules."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import services
from finance.models import Budget, BudgetLine, BudgetStatus
from governance.models import DecisionStatus
from tests.finance.factories import CommitteeFactory, DecisionFactory, seed_budget

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(committee):
    return seed_budget(owner=committee, title="Ekonomisk sammanställning 2021–2023")


@pytest.fixture
def decision(committee):
    return DecisionFactory(
        body=committee,
        year=2020,
        number=12,
        registry_number="RS/1009/2017",
        title="Processledarstöd",
        decision_date=datetime.date(2020, 2, 14),
    )


def adopt_url(budget):
    return reverse("finance:budget_adopt", args=[budget.pk])


def supersede_url(budget):
    return reverse("finance:budget_supersede", args=[budget.pk])


def adopted_earlier(owner, title, decision=None):
    earlier = seed_budget(owner=owner, title=title)
    services.budget_adopt(actor=None, budget=earlier, decision=decision)
    return earlier


def test_only_administrators_and_the_bodys_secretary_may_adopt(
    client, user, budget, secretary, admin_user
):
    client.force_login(user)
    assert client.get(adopt_url(budget)).status_code == 403
    assert "Fastställ revision 1" not in client.get(budget.get_absolute_url()).content.decode()
    for who in (secretary, admin_user):
        client.force_login(who)
        assert client.get(adopt_url(budget)).status_code == 200
        assert "Fastställ revision 1" in client.get(budget.get_absolute_url()).content.decode()


def test_the_choice_lists_the_owners_usable_decisions_decided_first(
    client, budget, secretary, decision
):
    proposed = DecisionFactory(
        body=budget.owner, year=2021, number=None, status=DecisionStatus.PROPOSED, title="Budget"
    )
    DecisionFactory(body=budget.owner, year=2021, number=3, status=DecisionStatus.WITHDRAWN)
    other = DecisionFactory(title="En annan nämnds beslut")
    client.force_login(secretary)
    html = client.get(adopt_url(budget)).content.decode()
    decided_label = "§ 12/2020 (2020-02-14) · RS/1009/2017 · Processledarstöd"
    assert decided_label in html
    assert "Utan § 2021 (2020-02-14), förslag · Budget" in html
    assert html.index(decided_label) < html.index("Utan § 2021")
    assert "återtaget" not in html
    assert other.title not in html
    assert f'value="{proposed.pk}"' in html
    # The page itself is the confirmation (it says what follows); no second script dialog.
    assert "kan sedan inte ändras" in html and "data-confirm" not in html


def test_secretary_adopts_with_a_decision_and_the_revision_is_frozen(
    client, budget, secretary, decision
):
    client.force_login(secretary)
    data = {"decision": decision.pk, "adopted_on": ""}
    refused = client.post(adopt_url(budget), data).content.decode()
    assert "Datumet 2020-02-14 ligger mer än ett år tillbaka. Stämmer det?" in refused
    assert 'id="old-date-warning"' in refused
    response = client.post(adopt_url(budget), {**data, "confirm_old_date": "on"})
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.ADOPTED
    assert budget.adopted_by == decision
    assert budget.adopted_on == datetime.date(2020, 2, 14)  # the decision's date by default
    assert budget.adopted_revision.number == 1
    record = budget.history.first()
    assert record.history_user == secretary
    assert record.history_change_reason == (
        "Revision 1 fastställd genom § 12 Processledarstöd (RS/1009/2017) den 2020-02-14"
    )
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "Revision 1 är fastställd och kan inte längre ändras." in page
    # The decision is shown (as a link once governance has its page), with its date.
    assert re.search(
        r'<dd id="adopted-by">.*§ 12 Processledarstöd.* \(dnr RS/1009/2017\) den '
        r'<time class="budget-date" datetime="2020-02-14">2020-02-14</time>, revision 1</dd>',
        page,
    )
    assert "Lägg till rad" not in page
    assert "Fastställ revision 1" not in page
    line = BudgetLine.objects.get(label__startswith="Löpande")
    edit = client.get(reverse("finance:budget_line_edit", args=[budget.pk, line.pk]), follow=True)
    assert "Revisionen är fastställd och kan inte ändras." in edit.content.decode()
    # Adopting the same revision again is refused before the form is shown.
    again = client.get(adopt_url(budget), follow=True).content.decode()
    assert "Revision 1 är redan fastställd." in again


def test_bad_adoption_input_is_explained_and_nothing_is_saved(client, budget, secretary, decision):
    client.force_login(secretary)
    other = DecisionFactory(title="En annan nämnds beslut")
    undated = DecisionFactory(body=budget.owner, number=40, decision_date=None)
    cases = [
        ({"decision": ""}, "Välj det beslut som fastställer budgeten."),
        ({"decision": other.pk}, "Välj ett av ägarens beslut i listan."),
        ({"decision": decision.pk, "adopted_on": "14/2"}, "Skriv ett datum, t.ex. 2020-02-14."),
        (
            {"decision": decision.pk, "adopted_on": "2999-01-01"},
            "Datumet ligger i framtiden. Fastställ budgeten när beslutet är fattat.",
        ),
        (
            {"decision": undated.pk, "adopted_on": ""},
            "Beslutet har inget datum i portalen. Skriv datumet här.",
        ),
    ]
    for data, message in cases:
        response = client.post(adopt_url(budget), data)
        assert response.status_code == 200
        assert message in response.content.decode(), data
    response = client.post(adopt_url(budget), {"decision": decision.pk, "adopted_on": "14/2"})
    assert 'value="14/2"' in response.content.decode()
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.DRAFT
    assert budget.adopted_by is None
    assert budget.history.count() == 1


def test_adopting_supersedes_only_the_budgets_the_user_ticks(
    client, committee, budget, secretary, decision
):
    old_decision = DecisionFactory(body=committee, year=2019, number=30, title="Budget 2020–2022")
    earlier = adopted_earlier(committee, "Budget 2020–2022", old_decision)
    kept = adopted_earlier(committee, "Budget för projektet 2022")
    draft = seed_budget(owner=committee, title="Utkast 2021")
    elsewhere = adopted_earlier(CommitteeFactory(), "En annan nämnds budget")
    client.force_login(secretary)
    html = client.get(adopt_url(budget)).content.decode()
    assert "Ersätter tidigare budget" in html
    assert "Budget 2020–2022 (2020–2022), fastställd genom § 30 Budget 2020–2022" in html
    assert kept.title in html
    assert draft.title not in html
    assert elsewhere.title not in html

    response = client.post(
        adopt_url(budget),
        {"decision": decision.pk, "supersedes": [earlier.pk], "confirm_old_date": "on"},
        follow=True,
    )
    assert "Ersatta budgetar: ”Budget 2020–2022”." in response.content.decode()
    earlier.refresh_from_db()
    kept.refresh_from_db()
    assert earlier.status == BudgetStatus.SUPERSEDED
    assert earlier.superseded_by == budget
    assert kept.status == BudgetStatus.ADOPTED
    record = earlier.history.first()
    assert record.history_user == secretary
    assert record.history_change_reason == (
        "Ersatt av ”Ekonomisk sammanställning 2021–2023”, fastställd genom § 12 "
        "Processledarstöd (RS/1009/2017) den 2020-02-14"
    )
    page = client.get(earlier.get_absolute_url()).content.decode()
    assert "Ersatt av" in page
    assert f'href="{budget.get_absolute_url()}">Ekonomisk sammanställning 2021–2023</a>' in page
    assert "Fastställ revision" not in page


def test_without_candidates_the_page_does_not_ask(client, budget, secretary, decision):
    client.force_login(secretary)
    assert "Ersätter tidigare budget" not in client.get(adopt_url(budget)).content.decode()


def test_adoption_is_one_transaction(committee, budget, decision):
    """A refused replacement leaves the budget unadopted as well."""
    draft = seed_budget(owner=committee, title="Utkast")
    with pytest.raises(ValidationError) as error:
        services.budget_adopt(actor=None, budget=budget, decision=decision, supersedes=[draft])
    assert "”Utkast” kan inte ersättas" in str(error.value)
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.DRAFT


def test_the_service_refuses_other_bodies_and_withdrawn_decisions(budget):
    with pytest.raises(ValidationError, match="fattat av budgetens ägare"):
        services.budget_adopt(actor=None, budget=budget, decision=DecisionFactory())
    withdrawn = DecisionFactory(body=budget.owner, status=DecisionStatus.WITHDRAWN)
    with pytest.raises(ValidationError, match="Beslutet är återtaget"):
        services.budget_adopt(actor=None, budget=budget, decision=withdrawn)
    rejected = DecisionFactory(body=budget.owner, status=DecisionStatus.REJECTED)
    with pytest.raises(ValidationError, match="Beslutet är avslaget"):
        services.budget_adopt(actor=None, budget=budget, decision=rejected)


def test_a_new_revision_can_be_adopted_by_a_later_decision(client, budget, secretary, decision):
    services.budget_adopt(actor=None, budget=budget, decision=decision)
    services.revision_create(actor=None, budget=budget, note="Höst")
    later = DecisionFactory(body=budget.owner, year=2020, number=44, title="Reviderad budget")
    client.force_login(secretary)
    assert "Fastställ revision 2" in client.get(budget.get_absolute_url()).content.decode()
    client.post(
        adopt_url(budget),
        {"decision": later.pk, "adopted_on": "2020-10-02", "confirm_old_date": "on"},
    )
    budget.refresh_from_db()
    assert (budget.adopted_by, budget.adopted_revision.number) == (later, 2)
    assert budget.adopted_on == datetime.date(2020, 10, 2)


def test_an_adoption_without_its_decision_can_be_completed(client, budget, secretary, decision):
    services.budget_adopt(actor=None, budget=budget, decision=None)
    client.force_login(secretary)
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "beslut som inte finns i portalen" in page
    assert "Fastställ revision 1" in page
    client.post(adopt_url(budget), {"decision": decision.pk, "confirm_old_date": "on"})
    budget.refresh_from_db()
    assert budget.adopted_by == decision


def test_mark_superseded_with_a_reason(client, user, budget, secretary, decision):
    client.force_login(secretary)
    refused = client.get(supersede_url(budget), follow=True).content.decode()
    assert "Bara en fastställd budget kan markeras som ersatt. Budgeten är utkast." in refused
    services.budget_adopt(actor=None, budget=budget, decision=decision)
    client.force_login(user)
    assert client.get(supersede_url(budget)).status_code == 403
    client.force_login(secretary)
    page = client.get(supersede_url(budget)).content.decode()
    assert "kan inte ändras eller fastställas igen" in page and "data-confirm" not in page
    empty = client.post(supersede_url(budget), {"reason": "  "})
    assert "Skriv varför budgeten inte längre gäller." in empty.content.decode()
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.ADOPTED

    response = client.post(supersede_url(budget), {"reason": "Ny budget beslutad 2021-12-10"})
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.SUPERSEDED
    record = budget.history.first()
    assert record.history_user == secretary
    assert record.history_change_reason == "Markerad som ersatt: Ny budget beslutad 2021-12-10"
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "Markera som ersatt" not in page
    assert "Markerad som ersatt: Ny budget beslutad 2021-12-10" in page  # in the history
    with pytest.raises(ValidationError, match="Budgeten är ersatt"):
        services.revision_create(actor=None, budget=budget)
    with pytest.raises(ValidationError, match="Budgeten är ersatt"):
        services.budget_adopt(actor=None, budget=budget, decision=decision)


def test_decisions_behind_lines_and_adoption_are_shown(user_client, budget, decision):
    line = BudgetLine.objects.get(label__startswith="Tidsbegränsade")
    line.decision = decision
    line.reference = "enligt ärende 2"
    line.save()
    services.budget_adopt(actor=None, budget=budget, decision=decision)
    html = user_client.get(budget.get_absolute_url()).content.decode()
    # Only the text: the link target arrives with governance's decision page.
    row = re.search(r"Tidsbegränsade processledare.*?</th>", html, re.S).group(0)
    assert re.search(r"enligt ärende 2 · (<a [^>]*>)?§ 12 Processledarstöd", row)
    assert re.search(r'<dd id="adopted-by">(<a [^>]*>)?§ 12 Processledarstöd', html)
    listing = user_client.get(reverse("finance:budget_list")).content.decode()
    assert "§ 12 Processledarstöd" in listing
    assert Budget.objects.get().adopted_by == decision


def test_without_decisions_the_page_says_to_register_one_first(client, budget, secretary):
    client.force_login(secretary)
    warning = "har inga beslut från 2019–2022 i portalen som kan fastställa budgeten."
    DecisionFactory(body=budget.owner, year=2018, title="För gammalt")
    assert warning in client.get(adopt_url(budget)).content.decode()
    DecisionFactory(body=budget.owner)
    assert warning not in client.get(adopt_url(budget)).content.decode()


def test_finance_templates_run_no_queries_of_their_own():
    """Querysets are evaluated in views and selectors, never asked from a template."""
    from pathlib import Path

    from django.conf import settings

    folder = Path(settings.BASE_DIR) / "templates" / "finance"
    pattern = re.compile(r"\.(queryset|exists|count|all|filter|exclude|order_by)\b")
    offending = [
        f"{path.name}: {match.group(0)}"
        for path in sorted(folder.rglob("*.html"))
        for match in pattern.finditer(path.read_text())
    ]
    assert offending == []


def test_an_adoption_without_its_decision_freezes_the_lines_on_the_page_and_in_the_service(
    client, budget, secretary
):
    """The page and the service read one rule: an adopted revision is frozen even while its
    decision is not yet in the portal (only the adoption itself may be completed)."""
    services.budget_adopt(actor=None, budget=budget, decision=None)
    client.force_login(secretary)
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "Lägg till rad" not in page
    assert "Revisionen är fastställd och ändras inte." in page
    line = budget.revisions.get().lines.first()
    url = reverse("finance:budget_line_edit", args=[budget.pk, line.pk])
    refused = client.post(url, {"label": "Ändrad", "kind": line.kind}, follow=True)
    assert "Revisionen är fastställd och kan inte ändras." in refused.content.decode()
    line.refresh_from_db()
    assert line.label != "Ändrad"


def test_only_decisions_of_the_right_years_that_adopted_nothing_else_are_offered(
    client, committee, budget, secretary, decision
):
    """A 2020–2022 budget is adopted by a decision from 2019–2022, one § adopts one budget."""
    too_old = DecisionFactory(body=committee, year=2018, number=7, title="Budget 2018")
    too_late = DecisionFactory(body=committee, year=2023, number=2, title="Senare beslut")
    day_before = DecisionFactory(body=committee, year=2019, number=41, title="Budget 2020")
    other = adopted_earlier(committee, "En annan budget", None)
    services.budget_adopt(actor=None, budget=other, decision=day_before)
    client.force_login(secretary)
    html = client.get(adopt_url(budget)).content.decode()
    assert f'<option value="{decision.pk}"' in html
    for refused in (too_old, too_late, day_before):
        assert f'<option value="{refused.pk}"' not in html
    # The service says why, whoever calls it.
    with pytest.raises(ValidationError, match=r"Beslutet är från 2018\. En budget för 2020–2022"):
        services.budget_adopt(actor=None, budget=budget, decision=too_old)
    with pytest.raises(ValidationError, match="har redan fastställt budgeten ”En annan budget”"):
        services.budget_adopt(actor=None, budget=budget, decision=day_before)
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.DRAFT


def test_a_recent_decision_needs_no_confirmation(client, committee, secretary):
    import time_machine

    budget = seed_budget(owner=committee)
    decision = DecisionFactory(body=committee, year=2020, decision_date=datetime.date(2020, 2, 14))
    client.force_login(secretary)
    with time_machine.travel(datetime.datetime(2020, 3, 1, 12, tzinfo=datetime.UTC)):
        response = client.post(adopt_url(budget), {"decision": decision.pk})
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.adopted_by == decision
