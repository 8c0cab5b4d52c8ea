"""The closing balance per year as an inline SVG bar chart, drawn on the server.

No JavaScript and no chart library: the SVG has role="img" and a <title>, and the page's
table with the same figures is its accessible alternative.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from finance.calculations import BudgetTable
from finance.numbers import format_amount

WIDTH = 640
HEIGHT = 280
LEFT = 16
RIGHT = 16
TOP = 28
BOTTOM = 40


def _nice_ceiling(value: Decimal) -> Decimal:
    """1, 2 or 5 times a power of ten, at least `value` (the axis never hugs the tallest bar)."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def closing_balance_chart(
    table: BudgetTable, *, title: str, chart_id: str = "closing-chart"
) -> SafeString:
    values = [value for _, value in table.closing_balances]
    if not values:
        return mark_safe("")
    top = _nice_ceiling(max([*values, Decimal(0)]))
    bottom = -_nice_ceiling(-min([*values, Decimal(0)])) if min(values) < 0 else Decimal(0)
    span = top - bottom
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def y(value: Decimal) -> float:
        return TOP + float((top - value) / span) * plot_height

    slot = plot_width / len(values)
    bar = min(slot * 0.6, 120)
    heading = _("Utgående balans per år (tkr): %(title)s") % {"title": title}
    summary = "; ".join(
        f"{year}: {format_amount(value, separator=' ')}" for year, value in table.closing_balances
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="balance-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(heading)}</title>',
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>',
        f'<line class="balance-chart__axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
        f'y1="{y(Decimal(0)):.1f}" y2="{y(Decimal(0)):.1f}" />',
    ]
    for index, (year, value) in enumerate(table.closing_balances):
        x = LEFT + slot * index + (slot - bar) / 2
        zero, level = y(Decimal(0)), y(value)
        y_top, height = min(zero, level), max(abs(zero - level), 1)
        css = (
            "balance-chart__bar balance-chart__bar--negative" if value < 0 else "balance-chart__bar"
        )
        label_y = y_top - 6 if value >= 0 else y_top + height + 16
        centre = x + bar / 2
        parts += [
            f'<rect class="{css}" x="{x:.1f}" y="{y_top:.1f}" width="{bar:.1f}" '
            f'height="{height:.1f}" />',
            f'<text class="balance-chart__value" x="{centre:.1f}" y="{label_y:.1f}" '
            f'text-anchor="middle">{escape(format_amount(value))}</text>',
            f'<text class="balance-chart__year" x="{centre:.1f}" y="{HEIGHT - 12}" '
            f'text-anchor="middle">{year}</text>',
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
