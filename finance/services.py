"""Writes for budgets. Every change goes through here, with its audit row, in one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from finance.models import (
    Budget,
    BudgetAmount,
    BudgetLine,
    BudgetRevision,
    BudgetStatus,
    ClosingCheck,
    LineCategory,
)
from governance.models import Decision
from groups.models import Group
from portal.history import save_with_history


@dataclass
class LineInput:
    label: str
    kind: str
    amounts: Mapping[int, Decimal]
    category: str = LineCategory.OTHER
    reference: str = ""
    decision: Decision | None = None


def _as_input(line) -> LineInput:
    if isinstance(line, LineInput):
        return line
    label, kind, amounts = line
    return LineInput(label=label, kind=kind, amounts=amounts, category=guess_category(label))


def guess_category(label: str) -> str:
    """A first category for an imported line, from the words the sheets use; editable later."""
    text = label.lower()
    if "solidarisk" in text:
        return LineCategory.SHARED_FINANCING
    if "statlig" in text:
        return LineCategory.STATE_GRANT
    if "löpande" in text:
        return LineCategory.RUNNING_COSTS
    if "tillkommande" in text:
        return LineCategory.DECIDED_ADDITIONAL
    if any(word in text for word in ("tjänst", "processledare", "personal", "lön")):
        return LineCategory.STAFF
    return LineCategory.OTHER


@transaction.atomic
def budget_create(
    *,
    actor,
    owner: Group,
    title: str,
    years: Sequence[int],
    opening_balance: Decimal = Decimal(0),
    lines: Sequence = (),
    closing_checks: Mapping[int, Decimal] | None = None,
    note: str = "",
    reason: str = "",
) -> Budget:
    """A new draft budget with its first revision, lines, amounts and closing checks."""
    if not years:
        raise ValidationError(_("En budget måste omfatta minst ett år."))
    reason = reason or _("Budget skapad")
    budget = save_with_history(
        Budget(
            owner=owner,
            title=title,
            first_year=years[0],
            last_year=years[-1],
            opening_balance=opening_balance,
        ),
        actor=actor,
        reason=reason,
    )
    revision = save_with_history(
        BudgetRevision(budget=budget, number=1, note=note or reason), actor=actor, reason=reason
    )
    for position, line in enumerate(lines, start=1):
        _line_save(
            actor=actor, revision=revision, position=position, data=_as_input(line), reason=reason
        )
    for year, stated in sorted((closing_checks or {}).items()):
        if year not in budget.years:
            raise ValidationError(
                _("Kontrollåret %(year)s ligger utanför budgetens år.") % {"year": year}
            )
        save_with_history(
            ClosingCheck(revision=revision, year=year, stated_closing_balance=stated),
            actor=actor,
            reason=reason,
        )
    return budget


def _line_save(
    *, actor, revision: BudgetRevision, position: int, data: LineInput, reason: str
) -> BudgetLine:
    line = save_with_history(
        BudgetLine(
            revision=revision,
            position=position,
            label=data.label,
            kind=data.kind,
            category=data.category,
            reference=data.reference,
            decision=data.decision,
        ),
        actor=actor,
        reason=reason,
    )
    _amounts_save(actor=actor, line=line, amounts=data.amounts, existing={}, reason=reason)
    return line


def _amounts_save(
    *,
    actor,
    line: BudgetLine,
    amounts: Mapping[int, Decimal],
    existing: dict[int, BudgetAmount],
    reason: str,
) -> None:
    for year in line.revision.budget.years:
        value = Decimal(amounts.get(year, 0))
        record = existing.get(year)
        if record is None:
            save_with_history(
                BudgetAmount(line=line, year=year, amount=value), actor=actor, reason=reason
            )
        elif record.amount != value:
            record.amount = value
            save_with_history(record, actor=actor, reason=reason)


def latest_revision(budget: Budget) -> BudgetRevision:
    return budget.revisions.order_by("-number").first()


def ensure_editable(revision: BudgetRevision) -> None:
    budget = revision.budget
    latest = latest_revision(budget)
    if latest is None or latest.pk != revision.pk:
        raise ValidationError(
            _("Bara den senaste revisionen kan ändras. Tidigare revisioner sparas oförändrade.")
        )
    if budget.adopted_revision_id == revision.pk:
        raise ValidationError(
            _(
                "Revisionen är fastställd och kan inte ändras. Skapa en ny revision för att "
                "arbeta vidare med budgeten."
            )
        )
    if budget.status == BudgetStatus.SUPERSEDED:
        raise ValidationError(_("Budgeten är ersatt och kan inte ändras."))


@transaction.atomic
def revision_create(*, actor, budget: Budget, note: str = "") -> BudgetRevision:
    """A new revision as a copy of the latest one; the earlier revision stays unchanged."""
    Budget.objects.select_for_update().filter(pk=budget.pk).first()
    previous = latest_revision(budget)
    reason = _("Ny revision")
    revision = save_with_history(
        BudgetRevision(budget=budget, number=previous.number + 1, created_from=previous, note=note),
        actor=actor,
        reason=reason,
    )
    lines = previous.lines.prefetch_related("amounts").select_related("decision")
    for line in lines:
        _line_save(
            actor=actor,
            revision=revision,
            position=line.position,
            data=LineInput(
                label=line.label,
                kind=line.kind,
                category=line.category,
                reference=line.reference,
                decision=line.decision,
                amounts={amount.year: amount.amount for amount in line.amounts.all()},
            ),
            reason=reason,
        )
    for check in previous.closing_checks.all():
        save_with_history(
            ClosingCheck(
                revision=revision,
                year=check.year,
                stated_closing_balance=check.stated_closing_balance,
            ),
            actor=actor,
            reason=reason,
        )
    return revision


@transaction.atomic
def line_create(*, actor, revision: BudgetRevision, data: LineInput) -> BudgetLine:
    ensure_editable(revision)
    position = (revision.lines.aggregate(top=Max("position"))["top"] or 0) + 1
    return _line_save(
        actor=actor,
        revision=revision,
        position=position,
        data=data,
        reason=_("Rad tillagd i revision %(number)s") % {"number": revision.number},
    )


@transaction.atomic
def line_update(*, actor, line: BudgetLine, data: LineInput) -> BudgetLine:
    ensure_editable(line.revision)
    reason = _("Rad ändrad i revision %(number)s") % {"number": line.revision.number}
    line.label = data.label
    line.kind = data.kind
    line.category = data.category
    line.reference = data.reference
    line.decision = data.decision
    save_with_history(line, actor=actor, reason=reason)
    existing = {amount.year: amount for amount in line.amounts.all()}
    _amounts_save(actor=actor, line=line, amounts=data.amounts, existing=existing, reason=reason)
    return line


@transaction.atomic
def line_delete(*, actor, line: BudgetLine) -> None:
    ensure_editable(line.revision)
    reason = _("Rad borttagen ur revision %(number)s") % {"number": line.revision.number}
    for record in [*line.amounts.all(), line]:
        record._history_user = actor if actor is not None and actor.is_authenticated else None
        record._change_reason = reason
        record.delete()


@transaction.atomic
def budget_adopt(
    *, actor, budget: Budget, decision: Decision | None, revision: BudgetRevision | None = None
) -> Budget:
    """Record that a decision adopted a revision (the latest unless named). The decision may
    be recorded later, when it has been entered in the portal."""
    revision = revision or latest_revision(budget)
    if revision.budget_id != budget.pk:
        raise ValidationError(_("Revisionen hör inte till budgeten."))
    budget.status = BudgetStatus.ADOPTED
    budget.adopted_by = decision
    budget.adopted_revision = revision
    return save_with_history(
        budget,
        actor=actor,
        reason=_("Revision %(number)s fastställd genom %(decision)s")
        % {
            "number": revision.number,
            "decision": decision or _("beslut som inte finns i portalen"),
        },
    )
