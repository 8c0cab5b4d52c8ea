"""A budget line may name the commission behind it (issue 7: "optional link to the decision or
commission behind it"): chosen in the line form among the healthcare region's commissions,
copied with revisions, linked on the budget page."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import services
from finance.models import BudgetLine
from tests.finance.factories import seed_budget
from tests.governance.factories import CommissionFactory
from tests.groups.factories import GroupFactory, HealthcareRegionFactory

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(committee):
    return seed_budget(owner=committee)


@pytest.fixture
def commissions(committee):
    """Two commissions of the committee's healthcare region (one only through its assignee)
    and one of another region."""
    elsewhere = HealthcareRegionFactory(name="Västra sjukvårdsregionen", slug="vastra")
    outside = GroupFactory(healthcare_region=elsewhere)
    own = CommissionFactory(title="Processledare, uppdrag", commissioner=committee)
    through_assignee = CommissionFactory(
        title="Arbetsgrupp hjärtsvikt",
        commissioner=outside,
        assignee=GroupFactory(healthcare_region=committee.healthcare_region),
    )
    foreign = CommissionFactory(title="Annan regions uppdrag", commissioner=outside)
    return own, through_assignee, foreign


def line_url(budget, line):
    return reverse("finance:budget_line_edit", args=[budget.pk, line.pk])


def post_data(line, **overrides):
    return {
        "label": line.label,
        "kind": line.kind,
        "category": line.category,
        "decision": "",
        "commission": "",
        "reference": "enligt ärende 2",
        "amount_2020": "1050",
        "amount_2021": "2100",
        "amount_2022": "2100",
    } | overrides


def test_the_form_offers_the_regions_commissions_by_title(admin_client, budget, commissions):
    foreign = commissions[2]
    line = BudgetLine.objects.get(label__startswith="Tidsbegränsade")
    html = admin_client.get(line_url(budget, line)).content.decode()
    select = re.search(r'<select name="commission".*?</select>', html, re.S).group(0)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert options == ["– Inget uppdrag –", "Arbetsgrupp hjärtsvikt", "Processledare, uppdrag"]
    assert foreign.title not in select


def test_secretary_links_a_line_to_a_commission_and_the_page_shows_it(
    client, user, budget, secretary, commissions
):
    own, _, foreign = commissions
    line = BudgetLine.objects.get(label__startswith="Tidsbegränsade")
    client.force_login(secretary)
    response = client.post(line_url(budget, line), post_data(line, commission=foreign.pk))
    assert "Välj ett av uppdragen i listan." in response.content.decode()
    line.refresh_from_db()
    assert line.commission is None

    response = client.post(line_url(budget, line), post_data(line, commission=own.pk))
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.commission == own
    assert line.history.first().commission_id == own.pk

    client.force_login(user)
    html = client.get(budget.get_absolute_url()).content.decode()
    row = re.search(r'"budget-table__label">Tidsbegränsade processledare.*?</th>', html, re.S)
    row = row.group(0)
    assert f'Uppdrag: <a class="ds-link" href="{own.get_absolute_url()}">{own.title}</a>' in row


def test_a_new_revision_keeps_the_commission_and_the_old_one_is_unchanged(budget, commissions):
    own, through_assignee, _ = commissions
    line = BudgetLine.objects.get(label__startswith="Tidsbegränsade")
    services.line_update(
        actor=None,
        line=line,
        data=services.LineInput(
            label=line.label,
            kind=line.kind,
            category=line.category,
            commission=own,
            amounts={2020: D(1050)},
        ),
    )
    revision = services.revision_create(actor=None, budget=budget)
    copy = revision.lines.get(label=line.label)
    assert copy.commission == own
    services.line_update(
        actor=None,
        line=copy,
        data=services.LineInput(
            label=copy.label,
            kind=copy.kind,
            category=copy.category,
            commission=through_assignee,
            amounts={2020: D(1050)},
        ),
    )
    line.refresh_from_db()
    assert line.commission == own


def test_the_service_refuses_a_commission_of_another_region(budget, commissions):
    _, _, foreign = commissions
    line = BudgetLine.objects.get(label__startswith="Tidsbegränsade")
    with pytest.raises(ValidationError, match="Uppdraget hör inte till budgetägarens"):
        services.line_update(
            actor=None,
            line=line,
            data=services.LineInput(
                label=line.label, kind=line.kind, commission=foreign, amounts={}
            ),
        )
    line.refresh_from_db()
    assert line.commission is None


def test_a_commission_behind_a_line_cannot_be_deleted(budget, commissions):
    from django.db.models import ProtectedError

    own, _, _ = commissions
    line = BudgetLine.objects.get(label__startswith="Tidsbegränsade")
    line.commission = own
    line.save()
    with pytest.raises(ProtectedError):
        own.delete()
