"""The appeal period of an announced justering, counted as Swedish law counts time.

Three weeks from the day the notice is posted (kommunallagen 13 kap. 5 §): posted on 3 March,
the last day to appeal is 24 March. When that day is a Saturday, Sunday, public holiday
(lagen 1989:253 om allmänna helgdagar), midsommarafton, julafton or nyårsafton, the period runs
to the next weekday (lagen 1930:173 om beräkning av lagstadgad tid, 2 §). Pure functions, no
ORM; the holidays are computed here (Easter by the Gregorian computus), see decision 0018.
"""

from __future__ import annotations

import datetime
from functools import cache

APPEAL_PERIOD = datetime.timedelta(weeks=3)


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _saturday_between(year: int, month: int, first_day: int) -> datetime.date:
    start = datetime.date(year, month, first_day)
    return start + datetime.timedelta(days=(5 - start.weekday()) % 7)


@cache
def swedish_holidays(year: int) -> dict[datetime.date, str]:
    """The days on which a period counted in law cannot end, other than weekends: the public
    holidays and the three eves lagen 1930:173 names."""
    easter = easter_sunday(year)
    midsummer_day = _saturday_between(year, 6, 20)
    days = {
        datetime.date(year, 1, 1): "Nyårsdagen",
        datetime.date(year, 1, 6): "Trettondedag jul",
        easter - datetime.timedelta(days=2): "Långfredagen",
        easter: "Påskdagen",
        easter + datetime.timedelta(days=1): "Annandag påsk",
        datetime.date(year, 5, 1): "Första maj",
        easter + datetime.timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + datetime.timedelta(days=49): "Pingstdagen",
        datetime.date(year, 6, 6): "Sveriges nationaldag",
        midsummer_day - datetime.timedelta(days=1): "Midsommarafton",
        midsummer_day: "Midsommardagen",
        _saturday_between(year, 10, 31): "Alla helgons dag",
        datetime.date(year, 12, 24): "Julafton",
        datetime.date(year, 12, 25): "Juldagen",
        datetime.date(year, 12, 26): "Annandag jul",
        datetime.date(year, 12, 31): "Nyårsafton",
    }
    return days


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in swedish_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """The day itself if a period may end on it, else the next weekday that is no holiday."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def appeal_last_day(posted_on: datetime.date) -> datetime.date:
    """The last day to appeal, and the day the notice comes down."""
    return next_working_day(posted_on + APPEAL_PERIOD)


def latest_posting_taken_down(today: datetime.date) -> datetime.date:
    """The last posting day whose notice is down by today (its appeal period ended before
    today). The last day to appeal never falls before posting + 3 weeks, nor, because of
    holidays, more than a few days after it, so a short walk back finds it."""
    posted_on = today - APPEAL_PERIOD
    while appeal_last_day(posted_on) >= today:
        posted_on -= datetime.timedelta(days=1)
    return posted_on
