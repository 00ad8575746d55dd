"""TIMEX values as day intervals: containment, windows and arithmetic for event dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")

Interval = tuple[dt.date, dt.date]


@lru_cache(maxsize=65536)
def interval(value: str | None) -> Interval | None:
    """The days a TIMEX value covers (first, last), or None when it names no calendar span."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
        if m := _MONTH.match(value):
            y, mo = int(m.group(1)), int(m.group(2))
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := _WEEK.match(value):
            first = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return first, first + dt.timedelta(days=6)
        if m := _YEAR.match(value):
            y = int(m.group(1))
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None
    return None


def day_value(value: str | None) -> str | None:
    """A calendar TIMEX value without its time of day (2025-09-03TEV -> 2025-09-03)."""
    if not value:
        return None
    if m := _DAY.match(value):
        return value[:10] if m.group(4) else value
    return value if interval(value) else None


@lru_cache(maxsize=65536)
def precision(value: str | None) -> int:
    """Smaller is more precise: day 0, week 1, month 2, year 3, no calendar value 9."""
    span = interval(value)
    if span is None:
        return 9
    days = (span[1] - span[0]).days
    return 0 if days == 0 else 1 if days <= 6 else 2 if days <= 31 else 3


def contains(outer: Interval, inner: Interval) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def compatible(a: str | None, b: str | None, window: int = 0) -> bool:
    """Same day, one span containing the other, or two days at most `window` days apart."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return False
    if contains(ia, ib) or contains(ib, ia):
        return True
    if window and ia[0] == ia[1] and ib[0] == ib[1]:
        return abs((ia[0] - ib[0]).days) <= window
    return False


def duration_days(value: str | None) -> int | None:
    """Whole days of a TIMEX duration (P3D, P2W); None for months, years or hours."""
    if not value:
        return None
    m = _DURATION.match(value)
    if not m or m.group(1) or m.group(2):
        return None
    weeks, days = int(m.group(3) or 0), int(m.group(4) or 0)
    total = weeks * 7 + days
    return total or None


def shift(value: str | None, days: int) -> str | None:
    """A day value moved by `days`; None unless `value` names one day."""
    span = interval(value)
    if span is None or span[0] != span[1]:
        return None
    return (span[0] + dt.timedelta(days=days)).isoformat()


def after(a: str | None, b: str | None) -> bool:
    """True when span `a` lies entirely after span `b`."""
    ia, ib = interval(a), interval(b)
    return bool(ia and ib and ia[0] > ib[1])
