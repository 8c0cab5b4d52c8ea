"""Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer) in free text, found and masked before anything leaves for the public side.

Both forms are recognised: ten digits (ÅÅMMDD-NNNK, "+" for those past a hundred) and twelve
(ÅÅÅÅMMDDNNNK, with or without the hyphen). A candidate counts only when its date is a
possible one (a coordination number adds 60 to the day) and its last digit is the Luhn check
digit of the ten digits, so dates, amounts and diarienummer are left alone.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

MASK = _("[personnummer dolt]")

_CANDIDATE = re.compile(
    r"(?<![\d\w-])(?P<century>\d{2})?(?P<date>\d{6})(?P<sep>[-+]?)(?P<serial>\d{3})(?P<check>\d)(?![\d\w])"
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _plausible_date(date: str) -> bool:
    month, day = int(date[2:4]), int(date[4:6])
    if day > 60:  # samordningsnummer
        day -= 60
    return 1 <= month <= 12 and 1 <= day <= 31


def _is_personal_number(match: re.Match) -> bool:
    if match["century"] and match["century"] not in ("18", "19", "20"):
        return False
    if match["century"] and match["sep"] == "+":
        return False
    return _plausible_date(match["date"]) and luhn_valid(
        match["date"] + match["serial"] + match["check"]
    )


def find_personal_numbers(text: str) -> list[str]:
    return [m.group(0) for m in _CANDIDATE.finditer(text or "") if _is_personal_number(m)]


def mask_personal_numbers(text: str) -> str:
    """The text with every personnummer and samordningsnummer replaced by a visible mark."""
    if not text:
        return text
    return _CANDIDATE.sub(lambda m: str(MASK) if _is_personal_number(m) else m.group(0), text)
