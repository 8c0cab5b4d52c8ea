"""Cost sharing by population: parts in whole tkr that always add up to the line."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finance.calculations import LineData
from finance.cost_sharing import (
    RegionInfo,
    SharingError,
    largest_remainder,
    share_line,
    sharing_csv,
    unit_for,
)

D = Decimal


@given(
    total=st.integers(min_value=-(10**9), max_value=10**9),
    weights=st.lists(st.integers(min_value=0, max_value=3_000_000), min_size=1, max_size=12).filter(
        lambda w: sum(w) > 0
    ),
)
def test_parts_always_sum_exactly_and_stay_within_one_tkr_of_the_exact_share(total, weights):
    parts = largest_remainder(D(total), weights)
    assert sum(parts) == total
    assert all(part == part.to_integral_value() for part in parts)
    for part, weight in zip(parts, weights, strict=True):
        exact = D(total) * weight / sum(weights)
        assert abs(part - exact) < 1
        if weight == 0:
            assert part == 0


def test_ties_go_to_the_earlier_region_deterministically():
    assert largest_remainder(D(10), [1, 1, 1]) == [D(4), D(3), D(3)]
    assert largest_remainder(D(1), [5, 5]) == [D(1), D(0)]
    assert largest_remainder(D(2), [1, 1, 1]) == [D(1), D(1), D(0)]


def test_ties_prefer_the_larger_population_before_position():
    # Quotas 0.5 and 1.5: equal remainders; the larger region gets the leftover tkr.
    assert largest_remainder(D(2), [1, 3]) == [D(0), D(2)]
    # Quotas 0.75, 0.75, 1.5: the two largest remainders win, not the largest region.
    assert largest_remainder(D(3), [1, 1, 2]) == [D(1), D(1), D(1)]


def test_a_tiny_region_gets_nothing_when_its_share_is_under_half_a_tkr():
    assert largest_remainder(D(8441), [1_390_000, 159_000, 202_000, 1]) == [
        D(6701),
        D(766),
        D(974),
        D(0),
    ]


def test_zero_and_negative_amounts():
    assert largest_remainder(D(0), [3, 2, 1]) == [D(0), D(0), D(0)]
    negative = largest_remainder(D(-10), [1, 1, 1])
    assert negative == [D(-4), D(-3), D(-3)]
    assert negative == [-p for p in largest_remainder(D(10), [1, 1, 1])]


def test_an_amount_with_decimals_is_split_in_its_own_last_decimal():
    assert unit_for(D("1.5")) == D("0.1")
    assert unit_for(D("8441.00")) == D(1)
    parts = largest_remainder(D("1.5"), [1, 1], unit_for(D("1.5")))
    assert parts == [D("0.8"), D("0.7")]
    assert sum(parts) == D("1.5")


def test_no_population_at_all_is_refused():
    with pytest.raises(SharingError):
        largest_remainder(D(10), [0, 0])


REGIONS = [RegionInfo(1, "Region Skåne"), RegionInfo(2, "Region Blekinge")]


def test_missing_population_gives_a_swedish_message_and_no_parts_for_that_year():
    line = LineData("Solidarisk finansiering", "income", {2020: D(100), 2021: D(100)})
    sharing = share_line(
        line,
        years=[2020, 2021],
        regions=REGIONS,
        populations={(1, 2020): 3, (2, 2020): 1, (1, 2021): 3},
    )
    assert [row.parts for row in sharing.rows] == [[D(75), None], [D(25), None]]
    assert sharing.totals == [D(100), None]
    assert sharing.problems == [
        "Folkmängd saknas för Region Blekinge år 2021. Fördelningen för det året kan inte "
        "beräknas förrän folkmängden har lagts in."
    ]


def test_all_zero_population_and_no_regions_are_explained():
    line = LineData("x", "income", {2020: D(5)})
    zero = share_line(line, years=[2020], regions=REGIONS, populations={(1, 2020): 0, (2, 2020): 0})
    assert "Alla regioners folkmängd är 0 år 2020" in zero.problems[0]
    empty = share_line(line, years=[2020], regions=[], populations={})
    assert "inga regioner" in empty.problems[0]


def test_sharing_csv_has_region_rows_and_a_total():
    line = LineData("Solidarisk finansiering", "income", {2020: D(10)})
    sharing = share_line(
        line, years=[2020], regions=REGIONS, populations={(1, 2020): 2, (2, 2020): 1}
    )
    assert sharing_csv([sharing]).decode("utf-8-sig").splitlines() == [
        "label;region;2020",
        "Solidarisk finansiering;Region Skåne;7",
        "Solidarisk finansiering;Region Blekinge;3",
        "Solidarisk finansiering;total;10",
    ]
