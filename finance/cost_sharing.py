"""Solidarisk finansiering: split a shared-financing line among the member regions of the
healthcare region by their population share that year.

Parts are rounded to whole tkr by the largest-remainder method, so they always add up exactly
to the line (an amount with decimals is split in units of its own last decimal instead, the
only way the parts can still add up). Pure functions on plain data; the selector supplies the
regions and populations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from finance.calculations import LineData
from portal.spreadsheets import write_csv

ONE = Decimal(1)


class SharingError(ValueError):
    pass


def unit_for(total: Decimal) -> Decimal:
    """Whole tkr for a whole amount, else the amount's own last decimal (1,5 → 0,1)."""
    total = Decimal(total)
    if total == total.to_integral_value():
        return ONE
    return ONE.scaleb(total.normalize().as_tuple().exponent)


def largest_remainder(total: Decimal, weights: Sequence[int], unit: Decimal = ONE) -> list[Decimal]:
    """Parts of `total` proportional to `weights`, each a multiple of `unit`, summing exactly.

    Each part gets the floor of its exact quota; the units left over go one each to the
    largest remainders (ties: the larger weight, then the earlier position). A negative total
    is split as its absolute value, then negated, so rounding is symmetric.
    """
    total = Decimal(total)
    if any(weight < 0 for weight in weights):
        raise SharingError("negative weight")
    weight_sum = sum(weights)
    if weight_sum == 0:
        raise SharingError("no weight")
    units = total / unit
    if units != units.to_integral_value():
        raise SharingError("total is not a multiple of the unit")
    units = int(units)
    sign = -1 if units < 0 else 1
    units = abs(units)
    floors = []
    remainders = []
    for weight in weights:
        quotient, remainder = divmod(units * weight, weight_sum)
        floors.append(quotient)
        remainders.append(remainder)
    leftover = units - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], -weights[i], i))
    for index in order[:leftover]:
        floors[index] += 1
    return [sign * part * unit for part in floors]


@dataclass(frozen=True)
class RegionInfo:
    key: int
    name: str


@dataclass
class RegionRow:
    region: RegionInfo
    parts: list[Decimal | None]
    shares: list[Decimal | None]

    @property
    def cells(self) -> list[tuple[Decimal | None, Decimal | None]]:
        return list(zip(self.parts, self.shares, strict=True))

    @property
    def total(self) -> Decimal | None:
        if any(part is None for part in self.parts):
            return None
        return sum(self.parts, Decimal(0))


@dataclass
class LineSharing:
    label: str
    years: list[int]
    line_amounts: list[Decimal]
    rows: list[RegionRow]
    problems: list[str] = field(default_factory=list)

    @property
    def totals(self) -> list[Decimal | None]:
        totals = []
        for index in range(len(self.years)):
            parts = [row.parts[index] for row in self.rows]
            missing = not parts or any(p is None for p in parts)
            totals.append(None if missing else sum(parts, Decimal(0)))
        return totals


def share_line(
    line: LineData,
    *,
    years: Sequence[int],
    regions: Sequence[RegionInfo],
    populations: Mapping[tuple[int, int], int],
) -> LineSharing:
    """The region × year table of one line. A year without every region's population gets
    no parts and a Swedish message saying what is missing."""
    sharing = LineSharing(
        label=line.label,
        years=list(years),
        line_amounts=[line.amount(year) for year in years],
        rows=[RegionRow(region, [], []) for region in regions],
    )
    if not regions:
        sharing.problems.append(
            _("Sjukvårdsregionen har inga regioner att fördela kostnaden mellan.")
        )
    for year in years:
        missing = [r.name for r in regions if (r.key, year) not in populations]
        weights = [populations.get((r.key, year), 0) for r in regions]
        parts: list[Decimal | None] = [None] * len(regions)
        shares: list[Decimal | None] = [None] * len(regions)
        if missing:
            sharing.problems.append(
                _(
                    "Folkmängd saknas för %(regions)s år %(year)s. Fördelningen för det året "
                    "kan inte beräknas förrän folkmängden har lagts in."
                )
                % {"regions": ", ".join(missing), "year": year}
            )
        elif regions and sum(weights) == 0:
            sharing.problems.append(
                _("Alla regioners folkmängd är 0 år %(year)s; inget att fördela efter.")
                % {"year": year}
            )
        elif regions:
            amount = line.amount(year)
            parts = list(largest_remainder(amount, weights, unit_for(amount)))
            total_weight = sum(weights)
            shares = [Decimal(w * 100) / total_weight for w in weights]
        for row, part, share in zip(sharing.rows, parts, shares, strict=True):
            row.parts.append(part)
            row.shares.append(share)
    return sharing


def sharing_csv(sharings: Sequence[LineSharing]) -> bytes:
    """`label;region;<year>;…` with one row per region and a total row per line (semicolons,
    decimal commas, BOM: see portal.spreadsheets.write_csv)."""
    if not sharings:
        return b""
    rows: list[list] = [["label", "region", *sharings[0].years]]
    for sharing in sharings:
        rows += [[sharing.label, row.region.name, *row.parts] for row in sharing.rows]
        rows.append([sharing.label, "total", *sharing.line_amounts])
    return write_csv(rows)
