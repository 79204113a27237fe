"""Calendar arithmetic for the time grammar: intervals of days, weeks, months, years, and the
precision an interval has by its shape."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Interval = tuple[date, date]


def month_interval(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_interval(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31)


def week_interval(day: date) -> Interval:
    """Monday to Sunday around `day` (ISO weeks, as in Norway)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def last_weekday(day: date, weekday: int, strict: bool = False) -> date:
    """The latest `weekday` on or before `day` (strictly before when `strict`)."""
    back = (day.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return day - timedelta(days=back)


def next_weekday(day: date, weekday: int, strict: bool = True) -> date:
    """The first `weekday` after `day` (on or after when not `strict`)."""
    ahead = (weekday - day.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return day + timedelta(days=ahead)


def last_weekend(day: date) -> Interval:
    """The Saturday-Sunday on or before `day` (the one it is in, on a weekend day)."""
    if day.weekday() == 6:
        return day - timedelta(days=1), day
    if day.weekday() == 5:
        return day, day + timedelta(days=1)
    sat = last_weekday(day, 5)
    return sat, sat + timedelta(days=1)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def precision_of(start: date | None, end: date | None) -> str:
    """day | week | month | year | range, read off the interval's shape."""
    if start is None or end is None:
        return "unresolved"
    if start == end:
        return "day"
    if start.weekday() == 0 and end - start == timedelta(days=6):
        return "week"
    if start.day == 1 and start.year == end.year and start.month == end.month \
            and end.day == calendar.monthrange(end.year, end.month)[1]:
        return "month"
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31 and start.year == end.year:
        return "year"
    return "range"


def days_between(a: date, b: date) -> list[date]:
    return [a + timedelta(days=i) for i in range((b - a).days + 1)]


def distance(a: Interval, b: Interval) -> int:
    """Days between two intervals (0 when they overlap)."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0
