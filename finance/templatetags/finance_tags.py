from decimal import Decimal

from django import template
from django.utils.html import format_html

from finance.numbers import format_amount

register = template.Library()


@register.filter
def amount(value) -> str:
    """8 441, −6 617, 1,5 (no-break space for thousands, a real minus sign)."""
    return "" if value is None or value == "" else format_amount(Decimal(value))


@register.simple_tag
def amount_cell(value, tag: str = "td", empty: str = "–"):
    """A right-aligned table cell; negative numbers get class `negative` as well as the minus."""
    if value is None:
        return format_html('<{} class="number">{}</{}>', tag, empty, tag)
    css = "number negative" if Decimal(value) < 0 else "number"
    return format_html('<{} class="{}">{}</{}>', tag, css, format_amount(Decimal(value)), tag)


@register.filter
def percent(value) -> str:
    if value is None:
        return "–"
    return format_amount(Decimal(value).quantize(Decimal("0.1"))) + "\u00a0%"


@register.filter
def amount_negated(value):
    """Costs are stored as amounts spent and shown negative, as the sheets write them."""
    return None if value is None else -Decimal(value)
