"""A commission's text and a decision as recorded, as of a chosen day, from the history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import CommissionStatus, DecisionClause, DecisionStatus
from tests.governance.factories import (
    CommissionFactory,
    CommissionSectionFactory,
    DecisionFactory,
    DeliverableFactory,
)
from tests.groups.factories import GroupFactory
from tests.groups.test_time_travel import shift_history_ids
from tests.helpers import recorded_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def commission():
    """Recorded 2024-02-01 with its aim; 2024-09-01 the aim is rewritten and a section added."""
    with recorded_on("2024-02-01"):
        shift_history_ids(CommissionSectionFactory(), DeliverableFactory())
        commission = CommissionFactory(title="Uppdrag Barnonkologi")
        aim = CommissionSectionFactory(
            commission=commission, position=1, heading="Syfte", body="Samla kunskap."
        )
    with recorded_on("2024-09-01"):
        aim.body = "Samla och sprida kunskap i hela regionen."
        aim.save()
        CommissionSectionFactory(
            commission=commission, position=2, heading="Budget", body="200 000 kronor."
        )
        commission.title = "Uppdrag Barnonkologi och hematologi"
        commission.save()
    return commission


@pytest.fixture
def decision():
    """Recorded 2025-03-01 as a proposal with one clause; 2025-03-20 decided, clause reworded."""
    with recorded_on("2025-03-01"):
        other = DecisionFactory()
        shift_history_ids(
            other, DecisionClause.objects.create(decision=other, position=1, text="att x")
        )
        decision = DecisionFactory(
            title="Processledarstöd", status=DecisionStatus.PROPOSED, decision_date=None
        )
        clause = DecisionClause.objects.create(
            decision=decision, position=1, text="att föreslå processledarstöd"
        )
    with recorded_on("2025-03-20"):
        decision.status = DecisionStatus.DECIDED
        decision.decision_date = datetime.date(2025, 3, 20)
        decision.save()
        clause.text = "att bevilja processledarstöd med 500 000 kronor"
        clause.save()
    return decision


def commission_as_of(client, commission, day):
    return client.get(reverse("governance:commission_as_of", args=[commission.pk]), {"datum": day})


def decision_as_of(client, decision, day):
    return client.get(reverse("governance:decision_as_of", args=[decision.pk]), {"datum": day})


def test_a_commissions_text_as_it_was(admin_client, commission):
    early = commission_as_of(admin_client, commission, "2024-05-01").content.decode()
    assert 'id="as-of-banner"' in early and "Så här såg det ut den 1 maj 2024" in early
    assert "<h1" in early and "Uppdrag Barnonkologi</h1>" in early
    assert "Samla kunskap." in early and "200 000 kronor" not in early

    late = commission_as_of(admin_client, commission, "2024-09-01").content.decode()
    assert "Uppdrag Barnonkologi och hematologi</h1>" in late
    assert "Samla och sprida kunskap i hela regionen." in late and "200 000 kronor" in late


def test_a_decision_as_recorded_then(admin_client, decision):
    early = decision_as_of(admin_client, decision, "2025-03-10").content.decode()
    assert "att föreslå processledarstöd" in early and "500 000" not in early
    assert "Förslag" in early  # its status then

    late = decision_as_of(admin_client, decision, "2025-03-20").content.decode()
    assert "att bevilja processledarstöd med 500 000 kronor" in late
    assert "Som beslutet var registrerat den 20 mars 2025" in late


def test_days_outside_the_history_are_refused_in_swedish(admin_client, commission, decision):
    text = commission_as_of(admin_client, commission, "2024-01-31").content.decode()
    assert "historiken börjar 1 februari 2024" in text and 'id="as-of-banner"' not in text
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    text = decision_as_of(admin_client, decision, future).content.decode()
    assert "har inte inträffat än" in text and 'id="as-of-banner"' not in text


def test_the_pages_have_the_date_field(admin_client, commission, decision):
    for page, name in ((commission, "commission_as_of"), (decision, "decision_as_of")):
        html = admin_client.get(page.get_absolute_url()).content.decode()
        assert f'action="{reverse(f"governance:{name}", args=[page.pk])}"' in html
        assert 'name="datum"' in html and "Visa som den var den" in html


def test_a_draft_commission_stays_hidden_in_the_past_too(user_client):
    with recorded_on("2024-02-01"):
        draft = CommissionFactory(status=CommissionStatus.DRAFT, commissioner=GroupFactory())
    assert commission_as_of(user_client, draft, "2024-03-01").status_code == 404


@pytest.mark.parametrize("extra_changes", [0, 40])
def test_past_views_run_the_same_queries_however_long_the_history(
    admin_client, commission, decision, django_assert_num_queries, extra_changes
):
    with recorded_on("2025-04-01"):
        for n in range(extra_changes):
            commission.registry_number = decision.registry_number = f"RS/{n}/2025"
            commission.save()
            decision.save()
    # The page around it (3), the commission and its first history day (2), then the
    # commission, its sections, deliverables and groups as of the day (4).
    with django_assert_num_queries(9):
        assert commission_as_of(admin_client, commission, "2025-05-01").status_code == 200
    # The page (3), the decision with its access check and first history day (2), then the
    # decision, its clauses and body as of the day (3).
    with django_assert_num_queries(8):
        assert decision_as_of(admin_client, decision, "2025-05-01").status_code == 200
