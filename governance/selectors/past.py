"""A commission's text and a decision as recorded, as the portal had them on a past day, from
the history tables (the past views of the commission and decision pages). Each read is a fixed
number of queries, whatever the number of history rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import Http404

from governance.access.commissions import visible_commissions
from governance.access.meetings import decision_for_view
from governance.models import Commission, CommissionSection, Decision, DecisionClause, Deliverable
from groups.models import Group
from portal.time_travel import as_of_by_pk, first_recorded_day, instance_as_of, rows_as_of


@dataclass(frozen=True)
class CommissionAsOf:
    day: datetime.date
    commission: Commission  # the row as it was (relations not loaded)
    kind: str
    status: str
    commissioner: str
    assignee: str
    sections: list[CommissionSection]
    deliverables: list[Deliverable]


@dataclass(frozen=True)
class DecisionAsOf:
    day: datetime.date
    decision: Decision  # the row as it was (relations not loaded)
    status: str
    body: str
    paragraph: str  # "§ 12" or ""
    clauses: list[DecisionClause]


def commission_for_time_travel(commission_id: int, *, user) -> tuple[Commission, datetime.date]:
    """The commission now, if the user may see it (else 404, as its page), and its first
    history day. Two queries."""
    commission = visible_commissions(user).filter(pk=commission_id).first()
    if commission is None:
        raise Http404
    return commission, first_recorded_day(Commission, commission.pk)


def commission_as_of(commission_id: int, day: datetime.date) -> CommissionAsOf | None:
    commission = instance_as_of(Commission, commission_id, day)
    if commission is None:
        return None
    sections = rows_as_of(CommissionSection, day, commission_id=commission_id)
    deliverables = rows_as_of(Deliverable, day, commission_id=commission_id)
    groups = as_of_by_pk(Group, day, [commission.commissioner_id, commission.assignee_id])
    assignee = groups.get(commission.assignee_id)
    commissioner = groups.get(commission.commissioner_id)
    return CommissionAsOf(
        day=day,
        commission=commission,
        kind=commission.get_kind_display(),
        status=commission.get_status_display(),
        commissioner=commissioner.name if commissioner else "–",
        assignee=assignee.name if assignee else commission.assignee_description or "–",
        sections=sorted(sections, key=lambda s: (s.position, s.pk)),
        deliverables=sorted(deliverables, key=lambda d: (d.due_date or datetime.date.max, d.pk)),
    )


def decision_for_time_travel(decision_id: int, *, user) -> tuple[Decision, datetime.date]:
    """The decision now, if the user may see it (403/404 as its page), and its first history
    day."""
    decision = decision_for_view(decision_id, user=user)
    return decision, first_recorded_day(Decision, decision.pk)


def decision_as_of(decision_id: int, day: datetime.date) -> DecisionAsOf | None:
    decision = instance_as_of(Decision, decision_id, day)
    if decision is None:
        return None
    clauses = rows_as_of(DecisionClause, day, decision_id=decision_id)
    bodies = as_of_by_pk(Group, day, [decision.body_id])
    body = bodies.get(decision.body_id)
    return DecisionAsOf(
        day=day,
        decision=decision,
        status=decision.get_status_display(),
        body=body.name if body else "–",
        paragraph=f"§ {decision.number}" if decision.number else "",
        clauses=sorted(clauses, key=lambda c: (c.position, c.pk)),
    )
