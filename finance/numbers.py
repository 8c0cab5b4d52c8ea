"""Swedish number format for tkr amounts: read what spreadsheets write, write what Swedes read.

`8441`, `8 441` (space, no-break or narrow no-break space), `-6617`, `−6 617` (Unicode minus),
`1,5` (decimal comma; `1.5` too, as XLSX cells arrive). Shown as `8 441`, `−6 617`, `1,5`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MINUS = "\u2212"
NBSP = "\u00a0"
SPACES = " \u00a0\u202f\u2009"
DASHES = {"-", "–", MINUS}
_NUMBER = re.compile(r"^[+-]?(\d+)([.,](\d+))?$")


class NumberError(ValueError):
    pass


def parse_amount(text: str, *, max_decimals: int = 2) -> Decimal:
    """A Decimal from a spreadsheet cell. An empty cell (or a lone dash) is zero."""
    value = (text or "").strip()
    if value in DASHES or not value:
        return Decimal(0)
    for space in SPACES:
        value = value.replace(space, "")
    value = value.replace(MINUS, "-")
    match = _NUMBER.match(value)
    if not match:
        raise NumberError("not a number")
    if match.group(3) and len(match.group(3)) > max_decimals:
        raise NumberError("too many decimals")
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern rules this out
        raise NumberError("not a number") from error


def normalized(value: Decimal) -> Decimal:
    """Drop trailing zero decimals (8441.00 → 8441, 1.50 → 1.5)."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def format_amount(value: Decimal | None, *, separator: str = NBSP) -> str:
    """`−6 617`, `8 441`, `1,5`: space for thousands, decimal comma, a real minus sign."""
    if value is None:
        return ""
    value = normalized(value)
    sign = MINUS if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, decimals = text.partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    result = sign + separator.join(groups or ["0"])
    return f"{result},{decimals}" if decimals else result
