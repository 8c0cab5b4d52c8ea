"""Commissions, decisions, agenda items and budgets point at each other and show it."""

import datetime

import pytest
from django.urls import reverse

from governance.services.decisions import decision_link_commissions, decision_record
from governance.services.meetings import agenda_item_add
from tests.governance.factories import CommissionFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commission():
    return CommissionFactory(title="Regional arbetsfördelning")


def test_decision_concerning_a_commission_shows_on_both_pages(admin_client, admin_user, commission):
    decision = decision_record(
        actor=admin_user,
        body=commission.commissioner,
        title="Överföring till det fortlöpande arbetet",
        clauses=["att projektet överförs till det fortlöpande arbetet"],
        decision_date=datetime.date(2018, 4, 23),
        concerned_commissions=[commission],
    )
    decision_page = admin_client.get(decision.get_absolute_url()).content.decode()
    assert "Regional arbetsfördelning" in decision_page
    assert commission.get_absolute_url() in decision_page
    commission_page = admin_client.get(commission.get_absolute_url()).content.decode()
    assert "Överföring till det fortlöpande arbetet" in commission_page
    assert decision.get_absolute_url() in commission_page
    record = decision.history.latest()
    assert record.history_change_reason == "Berörda uppdrag ändrade"
    assert record.history_user == admin_user


def test_linking_again_with_the_same_commissions_writes_no_history(admin_user, commission):
    decision = decision_record(
        actor=admin_user,
        body=commission.commissioner,
        title="Beslut",
        clauses=["att godkänna"],
        concerned_commissions=[commission],
    )
    before = decision.history.count()
    decision_link_commissions(actor=admin_user, decision=decision, commissions=[commission])
    assert decision.history.count() == before


def test_decision_form_links_commissions(admin_client, commission):
    response = admin_client.post(
        reverse("governance:decision_create"),
        {
            "body": commission.commissioner.pk,
            "title": "Uppdraget fastställs",
            "status": "decided",
            "decision_date": "2024-02-01",
            "clauses": "att fastställa uppdraget",
            "concerned_commissions": [commission.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert commission.concerning_decisions.get().title == "Uppdraget fastställs"


def test_agenda_item_handling_a_commission(admin_client, admin_user, commission):
    meeting = MeetingFactory(group=commission.commissioner)
    agenda_item_add(actor=admin_user, meeting=meeting, title="Lägesrapport", commission=commission)
    meeting_page = admin_client.get(
        reverse("governance:meeting_detail", args=[meeting.pk])
    ).content.decode()
    assert commission.get_absolute_url() in meeting_page
    commission_page = admin_client.get(commission.get_absolute_url()).content.decode()
    assert "Behandlat på möte" in commission_page
    assert reverse("governance:meeting_detail", args=[meeting.pk]) in commission_page


def test_decision_page_lists_the_budgets_it_adopted(admin_client, admin_user, commission):
    from finance.models import Budget

    decision = decision_record(
        actor=admin_user,
        body=commission.commissioner,
        title="Budget 2020–2022",
        clauses=["att fastställa budgeten"],
    )
    budget = Budget.objects.create(
        owner=commission.commissioner,
        title="Kansli och nämnd",
        first_year=2020,
        last_year=2022,
        adopted_by=decision,
    )
    page = admin_client.get(decision.get_absolute_url()).content.decode()
    assert "Budget som antagits genom beslutet" in page
    assert budget.get_absolute_url() in page


def test_editing_a_decision_keeps_its_commission_links(admin_client, admin_user, commission):
    decision = decision_record(
        actor=admin_user,
        body=commission.commissioner,
        title="Beslut om uppdraget",
        clauses=["att godkänna"],
        concerned_commissions=[commission],
    )
    page = admin_client.get(reverse("governance:decision_edit", args=[decision.pk]))
    form = page.context["form"]
    field = form["concerned_commissions"]
    assert 'name="concerned_commissions"' in page.content.decode()
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["concerned_commissions"] = field.value()
    data["title"] = "Beslut om uppdraget (rättad rubrik)"
    response = admin_client.post(reverse("governance:decision_edit", args=[decision.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    decision.refresh_from_db()
    assert decision.title.endswith("(rättad rubrik)")
    assert list(decision.concerned_commissions.all()) == [commission]
