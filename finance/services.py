"""Writes for budgets. Every change goes through here, with its audit row, in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
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
from finance.numbers import format_amount
from governance.models import Commission, Decision, DecisionStatus
from groups.models import Group
from portal.history import save_with_history

# A decision that was tabled, referred back, rejected or withdrawn adopted nothing.
UNUSABLE_DECISION_STATUSES = (
    DecisionStatus.DEFERRED,
    DecisionStatus.REFERRED_BACK,
    DecisionStatus.REJECTED,
    DecisionStatus.WITHDRAWN,
)


@dataclass
class LineInput:
    label: str
    kind: str
    amounts: Mapping[int, Decimal]
    category: str = LineCategory.OTHER
    reference: str = ""
    decision: Decision | None = None
    commission: Commission | None = None


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
        Budget(owner=owner, title=title, first_year=years[0], last_year=years[-1]),
        actor=actor,
        reason=reason,
    )
    revision = save_with_history(
        BudgetRevision(
            budget=budget, number=1, note=note or reason, opening_balance=opening_balance
        ),
        actor=actor,
        reason=reason,
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
            commission=data.commission,
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


def line_commissions(owner: Group) -> QuerySet[Commission]:
    """The commissions a line of this body's budget may name: those whose commissioner or
    assignee is in the body's healthcare region, by title."""
    region = owner.healthcare_region_id
    return Commission.objects.filter(
        Q(commissioner__healthcare_region_id=region) | Q(assignee__healthcare_region_id=region)
    ).order_by("title", "pk")


def _ensure_commission_allowed(revision: BudgetRevision, data: LineInput) -> None:
    if data.commission is None:
        return
    if not line_commissions(revision.budget.owner).filter(pk=data.commission.pk).exists():
        raise ValidationError(
            {
                "commission": _(
                    "Uppdraget hör inte till budgetägarens sjukvårdsregion. Välj ett uppdrag i "
                    "listan."
                )
            }
        )


def latest_revision(budget: Budget) -> BudgetRevision:
    return budget.revisions.order_by("-number").first()


def revision_edit_refusal(budget: Budget, revision: BudgetRevision, *, latest_id) -> str | None:
    """Why this revision may not change, or None. The one rule behind `ensure_editable` and
    `finance.access.budget_actions`: only the latest revision of a budget still in use, and
    never an adopted one (with or without its decision in the portal)."""
    if latest_id != revision.pk:
        return _("Bara den senaste revisionen kan ändras. Tidigare revisioner sparas oförändrade.")
    if budget.status == BudgetStatus.SUPERSEDED:
        return _("Budgeten är ersatt och kan inte ändras.")
    if budget.adopted_revision_id == revision.pk:
        return _(
            "Revisionen är fastställd och kan inte ändras. Skapa en ny revision för att "
            "arbeta vidare med budgeten."
        )
    return None


def revision_create_refusal(budget: Budget) -> str | None:
    if budget.status == BudgetStatus.SUPERSEDED:
        return _("Budgeten är ersatt och kan inte ändras.")
    return None


def ensure_editable(revision: BudgetRevision) -> None:
    latest = latest_revision(revision.budget)
    refusal = revision_edit_refusal(
        revision.budget, revision, latest_id=latest.pk if latest else None
    )
    if refusal:
        raise ValidationError(refusal)


@transaction.atomic
def revision_create(*, actor, budget: Budget, note: str = "") -> BudgetRevision:
    """A new revision as a copy of the latest one; the earlier revision stays unchanged."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if refusal := revision_create_refusal(budget):
        raise ValidationError(refusal)
    previous = latest_revision(budget)
    reason = _("Ny revision")
    revision = save_with_history(
        BudgetRevision(
            budget=budget,
            number=previous.number + 1,
            created_from=previous,
            note=note,
            opening_balance=previous.opening_balance,
        ),
        actor=actor,
        reason=reason,
    )
    lines = previous.lines.prefetch_related("amounts").select_related("decision", "commission")
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
                commission=line.commission,
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
    _ensure_commission_allowed(revision, data)
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
    _ensure_commission_allowed(line.revision, data)
    reason = _("Rad ändrad i revision %(number)s") % {"number": line.revision.number}
    line.label = data.label
    line.kind = data.kind
    line.category = data.category
    line.reference = data.reference
    line.decision = data.decision
    line.commission = data.commission
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
def revision_set_opening_balance(
    *, actor, revision: BudgetRevision, opening_balance: Decimal, reason: str
) -> BudgetRevision:
    """Change the first year's opening balance of a revision that may still change. The
    reason is required: the balance carries into every later year."""
    ensure_editable(revision)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv varför den ingående balansen ändras.")})
    if revision.opening_balance == opening_balance:
        raise ValidationError(
            {
                "opening_balance": _("Den ingående balansen är redan %(amount)s tkr.")
                % {"amount": format_amount(opening_balance, separator=" ")}
            }
        )
    old = revision.opening_balance
    revision.opening_balance = opening_balance
    return save_with_history(
        revision,
        actor=actor,
        reason=_(
            "Ingående balans i revision %(number)s ändrad från %(old)s till %(new)s tkr: %(reason)s"
        )
        % {
            "number": revision.number,
            "old": format_amount(old, separator=" "),
            "new": format_amount(opening_balance, separator=" "),
            "reason": reason,
        },
    )


def supersede_candidates(budget: Budget) -> QuerySet[Budget]:
    """Adopted budgets of the same body whose years overlap this one's: what adopting this
    budget may replace."""
    return (
        Budget.objects.filter(
            owner_id=budget.owner_id,
            status=BudgetStatus.ADOPTED,
            first_year__lte=budget.last_year,
            last_year__gte=budget.first_year,
        )
        .exclude(pk=budget.pk)
        .select_related("adopted_by")
        .order_by("-first_year", "title")
    )


def adoption_decision_period(budget: Budget) -> tuple[int, int]:
    """The years a decision adopting this budget may be from: a budget is adopted the year
    before it starts at the earliest, and a revision by the end of its last year."""
    return budget.first_year - 1, budget.last_year


def adoptable_decisions(budget: Budget) -> QuerySet[Decision]:
    """The owning body's decisions that may adopt the budget: usable (not deferred or
    withdrawn), from the right years, and not the adoption of another budget."""
    first, last = adoption_decision_period(budget)
    other_adoptions = Budget.objects.filter(adopted_by=OuterRef("pk")).exclude(pk=budget.pk)
    return (
        Decision.objects.filter(body_id=budget.owner_id, year__gte=first, year__lte=last)
        .exclude(status__in=UNUSABLE_DECISION_STATUSES)
        .exclude(Exists(other_adoptions))
    )


def adoption_decision_refusal(budget: Budget, decision: Decision) -> str | None:
    """Why this decision cannot adopt the budget, or None."""
    if decision.body_id != budget.owner_id:
        return _("Beslutet måste vara fattat av budgetens ägare.")
    if decision.status in UNUSABLE_DECISION_STATUSES:
        return _("Beslutet är %(status)s och kan inte fastställa en budget.") % {
            "status": decision.get_status_display().lower()
        }
    first, last = adoption_decision_period(budget)
    if not first <= decision.year <= last:
        return _(
            "Beslutet är från %(year)s. En budget för %(budget_first)s–%(budget_last)s "
            "fastställs av ett beslut från %(first)s–%(last)s."
        ) % {
            "year": decision.year,
            "budget_first": budget.first_year,
            "budget_last": budget.last_year,
            "first": first,
            "last": last,
        }
    other = Budget.objects.filter(adopted_by=decision).exclude(pk=budget.pk).first()
    if other is not None:
        return _(
            "%(decision)s har redan fastställt budgeten ”%(title)s”. Ett beslut fastställer "
            "en budget; välj beslutet som gäller den här."
        ) % {"decision": decision, "title": other.title}
    return None


def adoption_refusal(budget: Budget, revision: BudgetRevision) -> str | None:
    """Why this revision may not be adopted, or None (rights are checked separately)."""
    if revision.budget_id != budget.pk:
        return _("Revisionen hör inte till budgeten.")
    if budget.status == BudgetStatus.SUPERSEDED:
        return _("Budgeten är ersatt och kan inte fastställas.")
    # An adoption recorded without its decision (not yet in the portal) may be completed.
    if budget.adopted_revision_id == revision.pk and budget.adopted_by_id is not None:
        return _(
            "Revision %(number)s är redan fastställd. Skapa en ny revision om budgeten "
            "ska ändras och fastställas på nytt."
        ) % {"number": revision.number}
    return None


def ensure_adoptable(budget: Budget, revision: BudgetRevision) -> None:
    if refusal := adoption_refusal(budget, revision):
        raise ValidationError(refusal)


def supersede_refusal(budget: Budget) -> str | None:
    if budget.status != BudgetStatus.ADOPTED:
        return _("Bara en fastställd budget kan markeras som ersatt. Budgeten är %(status)s.") % {
            "status": budget.get_status_display().lower()
        }
    return None


def ensure_supersedable(budget: Budget) -> None:
    if refusal := supersede_refusal(budget):
        raise ValidationError(refusal)


def _decision_text(decision: Decision | None, adopted_on: datetime.date | None) -> str:
    if decision is None:
        return _("beslut som inte finns i portalen")
    text = str(decision)
    if decision.registry_number:
        text += f" ({decision.registry_number})"
    if adopted_on:
        text += " " + _("den %(date)s") % {"date": adopted_on.isoformat()}
    return text


@transaction.atomic
def budget_adopt(
    *,
    actor,
    budget: Budget,
    decision: Decision | None,
    adopted_on: datetime.date | None = None,
    revision: BudgetRevision | None = None,
    supersedes: Iterable[Budget] = (),
) -> Budget:
    """Record that a decision of the owning body adopted a revision (the latest unless named):
    the budget becomes adopted, the revision is frozen, and the budgets named in `supersedes`
    (adopted budgets of the same body with overlapping years) become superseded by it.

    The decision may be None for a budget adopted before its decision was entered in the
    portal (the demo does that); the page always asks for one."""
    budget = Budget.objects.select_for_update().select_related("owner").get(pk=budget.pk)
    revision = revision or latest_revision(budget)
    ensure_adoptable(budget, revision)
    if decision is not None:
        if refusal := adoption_decision_refusal(budget, decision):
            raise ValidationError({"decision": refusal})
        if adopted_on is None:
            adopted_on = decision.decision_date
    if adopted_on is not None and adopted_on > timezone.localdate():
        raise ValidationError(
            {
                "adopted_on": _(
                    "Datumet ligger i framtiden. Fastställ budgeten när beslutet är fattat."
                )
            }
        )
    candidates = {b.pk: b for b in supersede_candidates(budget).select_for_update(of=("self",))}
    replaced = []
    for other in supersedes:
        if other.pk not in candidates:
            raise ValidationError(
                {
                    "supersedes": _(
                        "”%(title)s” kan inte ersättas: bara fastställda budgetar för samma "
                        "organ och år kan ersättas."
                    )
                    % {"title": other.title}
                }
            )
        replaced.append(candidates[other.pk])
    decision_text = _decision_text(decision, adopted_on)
    budget.status = BudgetStatus.ADOPTED
    budget.adopted_by = decision
    budget.adopted_on = adopted_on
    budget.adopted_revision = revision
    save_with_history(
        budget,
        actor=actor,
        reason=_("Revision %(number)s fastställd genom %(decision)s")
        % {"number": revision.number, "decision": decision_text},
    )
    for other in replaced:
        other.status = BudgetStatus.SUPERSEDED
        other.superseded_by = budget
        save_with_history(
            other,
            actor=actor,
            reason=_("Ersatt av ”%(title)s”, fastställd genom %(decision)s")
            % {"title": budget.title, "decision": decision_text},
        )
    return budget


@transaction.atomic
def budget_supersede(*, actor, budget: Budget, reason: str) -> Budget:
    """Mark an adopted budget as no longer in force, e.g. replaced by a budget kept outside the
    portal. Its revisions stay readable and unchanged."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    reason = (reason or "").strip()
    ensure_supersedable(budget)
    if not reason:
        raise ValidationError({"reason": _("Skriv varför budgeten inte längre gäller.")})
    budget.status = BudgetStatus.SUPERSEDED
    return save_with_history(
        budget, actor=actor, reason=_("Markerad som ersatt: %(reason)s") % {"reason": reason}
    )
