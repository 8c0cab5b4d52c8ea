"""The appeal period: three weeks from the posting day, to the next weekday when it ends on a
weekend, a public holiday or one of the eves lagen (1930:173) names."""

import datetime

import pytest

from noticeboard.appeal import (
    appeal_last_day,
    easter_sunday,
    latest_posting_taken_down,
    swedish_holidays,
)

D = datetime.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2019, D(2019, 4, 21)), (2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)),
     (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28)), (2038, D(2038, 4, 25))],
)  # fmt: skip
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("posted", "last_day", "why"),
    [
        (D(2026, 3, 3), D(2026, 3, 24), "a weekday three weeks later"),
        (D(2026, 3, 7), D(2026, 3, 30), "Saturday 28 March: to Monday"),
        (D(2026, 3, 8), D(2026, 3, 30), "Sunday 29 March: to Monday"),
        (D(2026, 3, 13), D(2026, 4, 7), "långfredagen to annandag påsk: to Tuesday"),
        (D(2026, 4, 23), D(2026, 5, 15), "Kristi himmelsfärdsdag: to Friday"),
        (D(2026, 4, 10), D(2026, 5, 4), "Första maj on a Friday, then the weekend"),
        (D(2026, 5, 29), D(2026, 6, 22), "midsommarafton: to Monday"),
        (D(2025, 5, 16), D(2025, 6, 9), "nationaldagen on a Friday: to Monday"),
        (D(2026, 12, 3), D(2026, 12, 28), "julafton to the weekend: to Monday 28th"),
        (D(2026, 12, 10), D(2027, 1, 4), "nyårsafton and nyårsdagen: to Monday"),
        (D(2026, 12, 16), D(2027, 1, 7), "trettondedag jul: to Thursday"),
        (D(2026, 10, 10), D(2026, 11, 2), "alla helgons dag (Saturday) and Sunday"),
    ],
)
def test_the_last_day_to_appeal(posted, last_day, why):
    assert appeal_last_day(posted) == last_day, why


def test_the_holidays_of_a_year_include_the_moving_ones_and_the_three_eves():
    days = swedish_holidays(2026)
    assert days[D(2026, 4, 3)] == "Långfredagen"
    assert days[D(2026, 4, 6)] == "Annandag påsk"
    assert days[D(2026, 5, 14)] == "Kristi himmelsfärdsdag"
    assert days[D(2026, 6, 19)] == "Midsommarafton"
    assert days[D(2026, 6, 20)] == "Midsommardagen"
    assert days[D(2026, 10, 31)] == "Alla helgons dag"
    assert days[D(2026, 12, 24)] == "Julafton"
    assert days[D(2026, 12, 31)] == "Nyårsafton"
    assert D(2026, 5, 25) not in days  # annandag pingst has not been a holiday since 2005
    assert len(days) == 16


@pytest.mark.parametrize(
    "today", [D(2026, 12, 1), D(2026, 3, 25), D(2026, 4, 7), D(2026, 4, 8), D(2027, 1, 5)]
)
def test_the_last_posting_taken_down_is_exactly_where_the_board_turns(today):
    edge = latest_posting_taken_down(today)
    assert appeal_last_day(edge) < today
    assert appeal_last_day(edge + datetime.timedelta(days=1)) >= today
