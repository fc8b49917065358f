"""The Lithuanian working calendar: public holidays (Labor Code, art. 123) and the general-education
school holidays, for scheduling (the demo district, reminders) and for checking dates.

School holidays follow the Ministry's usual pattern: the autumn week around 1 November, Christmas
from 22 December to 2 January, the winter week of 16 February, the spring week after Easter Monday and
the summer from the last week of June to the end of August.
"""

import datetime as dt
from functools import lru_cache


def easter_sunday(year: int) -> dt.date:
    """Western Easter (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _first_sunday(year, month):
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(6 - day.weekday()) % 7)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset:
    """Every public holiday of the year, the Sunday ones (Easter, Mother's and Father's Day) included."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (2, 16), (3, 11), (5, 1), (6, 24), (7, 6), (8, 15), (11, 1), (11, 2), (12, 24), (12, 25),
             (12, 26)]
    days = {dt.date(year, month, day) for month, day in fixed}
    days |= {easter, easter + dt.timedelta(days=1), _first_sunday(year, 5), _first_sunday(year, 6)}
    return frozenset(days)


def is_public_holiday(day: dt.date) -> bool:
    return day in public_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


@lru_cache(maxsize=64)
def school_holidays(year: int) -> tuple:
    """(first, last) ranges of the school holidays that fall in the calendar year."""
    nov_first = dt.date(year, 11, 1)
    autumn_monday = nov_first - dt.timedelta(days=nov_first.weekday()) if nov_first.weekday() < 5 else \
        nov_first + dt.timedelta(days=7 - nov_first.weekday())
    feb = dt.date(year, 2, 16)
    winter_monday = feb - dt.timedelta(days=feb.weekday())
    easter_monday = easter_sunday(year) + dt.timedelta(days=1)
    return (
        (dt.date(year, 1, 1), dt.date(year, 1, 2)),
        (winter_monday, winter_monday + dt.timedelta(days=4)),
        (easter_monday, easter_monday + dt.timedelta(days=4)),
        (dt.date(year, 6, 22), dt.date(year, 8, 31)),
        (autumn_monday, autumn_monday + dt.timedelta(days=4)),
        (dt.date(year, 12, 22), dt.date(year, 12, 31)),
    )


def is_school_holiday(day: dt.date) -> bool:
    return any(first <= day <= last for first, last in school_holidays(day.year))


def is_school_day(day: dt.date) -> bool:
    """A day with lessons: a working day outside the school holidays."""
    return is_working_day(day) and not is_school_holiday(day)


def next_school_day(day: dt.date) -> dt.date:
    """The day itself when it has lessons, else the next one that does."""
    while not is_school_day(day):
        day += dt.timedelta(days=1)
    return day


def school_days_from(day: dt.date, count: int) -> list:
    """`count` consecutive school days, starting on the first school day on or after `day` from which
    that many follow one another without a weekend or holiday in between."""
    start = next_school_day(day)
    while True:
        days = [start + dt.timedelta(days=i) for i in range(count)]
        if all(is_school_day(d) for d in days):
            return days
        start = next_school_day(start + dt.timedelta(days=1))
