"""What a difference between a sheet's closing balance and the computed one probably means,
in plain Swedish. Pure: works on the computed table, no ORM."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from finance.calculations import BudgetTable, CheckDifference
from finance.numbers import format_amount


@dataclass(frozen=True)
class ExplainedCheck:
    check: CheckDifference
    explanation: str  # "" when the sheet agrees


def explained_checks(table: BudgetTable) -> list[ExplainedCheck]:
    return [ExplainedCheck(check, check_explanation(table, check)) for check in table.checks]


def check_explanation(table: BudgetTable, check: CheckDifference) -> str:
    """ "Utgående balans enligt underlaget är 16 221, beräknat 11 195: skillnaden −5 026
    (beräknat minus underlag). …" and the likely cause, or "" when they agree."""
    if check.matches:
        return ""
    facts = _(
        "Utgående balans enligt underlaget är %(stated)s, beräknat %(computed)s: skillnaden "
        "%(difference)s (beräknat minus underlag)."
    ) % {
        "stated": format_amount(check.stated),
        "computed": format_amount(check.computed),
        "difference": format_amount(check.difference),
    }
    return f"{facts} {_cause(table, check)}"


def _cause(table: BudgetTable, check: CheckDifference) -> str:
    excess = -check.difference  # what the sheet has more than the computation
    for figures in reversed([f for f in table.figures if f.year < check.year]):
        values = {"year": figures.year}
        if excess == figures.result > 0:
            return _("Troligen har överskottet från %(year)s räknats två gånger.") % values
        if excess == figures.result < 0:
            return _("Troligen har underskottet från %(year)s räknats två gånger.") % values
        if excess == figures.closing_balance != 0:
            return (
                _(
                    "Troligen har den utgående balansen från %(year)s förts över två gånger: "
                    "som ingående balans och en gång till."
                )
                % values
            )
    first = table.figures[0] if table.figures else None
    if first is not None and excess == first.opening_balance != 0:
        return _(
            "Troligen har den ingående balansen %(amount)s från före %(year)s räknats två gånger."
        ) % {"amount": format_amount(first.opening_balance), "year": first.year}
    previous = [c for c in table.checks if c.year == check.year - 1]
    if previous and previous[0].difference == check.difference:
        return _("Skillnaden är densamma som %(year)s och följer troligen med därifrån.") % {
            "year": check.year - 1
        }
    if check.difference < 0:
        return _(
            "Underlaget anger %(amount)s tkr mer än portalens beräkning. Portalen för över "
            "föregående års utgående balans en gång, som årets ingående balans; kontrollera om "
            "underlaget räknar ett överskott från ett tidigare år en gång till, eller har en "
            "intäkt som saknas i portalen."
        ) % {"amount": format_amount(excess)}
    return _(
        "Underlaget anger %(amount)s tkr mindre än portalens beräkning. Kontrollera om "
        "underlaget har en kostnad som saknas i portalen, eller räknar en kostnad två gånger."
    ) % {"amount": format_amount(check.difference)}
