"""Calendar arithmetic on TIMEX3 values of any precision (year, month, ISO week, day).

An `Anchor` is what a relative expression is computed from: the publication date or a date the
text mentions. It keeps only the precision it was given, and every operation returns a value no
more precise than its anchor allows ("hier" against "2025-02" is "2025-02").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, slots=True)
class Anchor:
    year: int
    month: int | None = None
    day: int | None = None
    week: int | None = None  # ISO week, when the anchor is a week

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "D"
        if self.week is not None:
            return "W"
        if self.month is not None:
            return "M"
        return "Y"

    @property
    def date(self) -> dt.date | None:
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        return None

    def value(self) -> str:
        if self.precision == "D":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.precision == "W":
            return f"{self.year:04d}-W{self.week:02d}"
        if self.precision == "M":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def truncated(self, precision: str) -> str:
        """The anchor's value at a precision no finer than both its own and `precision`."""
        order = "YMWD"
        own = self.precision
        if precision == "W" and own == "M" or precision == "M" and own == "W":
            return f"{self.year:04d}"
        if order.index(precision) >= order.index(own):
            return self.value()
        if precision == "Y":
            return f"{self.year:04d}"
        if precision == "M":
            d = self.date
            return f"{self.year:04d}-{self.month:02d}" if d or self.month else f"{self.year:04d}"
        d = self.date
        if precision == "W" and d is not None:
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}"
        return self.value()


def parse_anchor(value: str | None) -> Anchor | None:
    """A TIMEX value (`2025`, `2025-02`, `2025-W36`, `2025-08-19`, `2025-08-19T10:00`) -> Anchor."""
    if not value:
        return None
    if m := _DAY.match(value):
        try:
            dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return Anchor(int(m[1]), int(m[2]), int(m[3]))
    if m := _WEEK.match(value):
        try:
            dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return Anchor(int(m[1]), week=int(m[2]))
    if m := _MONTH.match(value):
        return Anchor(int(m[1]), int(m[2])) if 1 <= int(m[2]) <= 12 else None
    if m := _YEAR.match(value):
        return Anchor(int(m[1]))
    return None


def iso(d: dt.date) -> str:
    return d.isoformat()


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def shift_days(anchor: Anchor, n: int) -> str:
    d = anchor.date
    if d is None:
        return anchor.value()
    return iso(d + dt.timedelta(days=n))


def weekday_date(anchor: Anchor, weekday: int, direction: int) -> str:
    """The date of a weekday (1 = Monday) relative to the anchor.

    direction -1: the latest one on or before the anchor; +1: the next one on or after it;
    0: the one in the anchor's own ISO week. A week anchor gives the day in that week; a month
    or year anchor gives the month or year (a weekday cannot be placed more precisely).
    """
    d = anchor.date
    if d is None:
        if anchor.week is not None:
            return iso(dt.date.fromisocalendar(anchor.year, anchor.week, weekday))
        return anchor.value()
    delta = weekday - d.isoweekday()
    if direction < 0:
        delta = delta - 7 if delta > 0 else delta
    elif direction > 0:
        delta = delta + 7 if delta < 0 else delta
    return iso(d + dt.timedelta(days=delta))


def shift_unit(anchor: Anchor, unit: str, n: int) -> str:
    """The calendar unit (W, M, Y, Q, WE, DE, CE) containing the anchor, shifted by n units."""
    d = anchor.date
    if unit in ("W", "WE"):
        if d is None and anchor.week is not None:
            d = dt.date.fromisocalendar(anchor.year, anchor.week, 1)
        if d is None:
            return anchor.value()
        value = week_value(d + dt.timedelta(weeks=n))
        return value + "-WE" if unit == "WE" else value
    if unit == "M":
        month = anchor.month
        year = anchor.year
        if month is None and anchor.week is not None:
            monday = dt.date.fromisocalendar(anchor.year, anchor.week, 1)
            sunday = monday + dt.timedelta(days=6)
            if (monday.year, monday.month) == (sunday.year, sunday.month):
                year, month = monday.year, monday.month  # the week lies in one month
        if month is None:
            return anchor.value() if n == 0 else f"{anchor.year:04d}"
        y, m = add_months(year, month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "Q":
        if anchor.month is None:
            return f"{anchor.year:04d}"
        q = (anchor.month - 1) // 3 + n
        y = anchor.year + q // 4
        return f"{y:04d}-Q{q % 4 + 1}"
    if unit == "DE":
        return f"{(anchor.year // 10 + n):03d}"
    if unit == "CE":
        return f"{(anchor.year // 100 + n):02d}"
    year = anchor.year
    if anchor.week is not None and anchor.month is None:
        year = dt.date.fromisocalendar(anchor.year, anchor.week, 4).year
    return f"{year + n:04d}"


def shift_amount(anchor: Anchor, unit: str, n: float, keep_day: bool = False) -> str:
    """The anchor moved by a quantity ("il y a trois ans", "dans deux semaines"), at the unit's
    precision (or at the day with `keep_day`, the day clamped to the month's end)."""
    d = anchor.date
    if keep_day and d is not None and unit in ("M", "Q", "H", "Y"):
        months = int(n) * {"M": 1, "Q": 3, "H": 6, "Y": 12}[unit]
        y, m = add_months(d.year, d.month, months)
        last = (dt.date(*add_months(y, m, 1), 1) - dt.timedelta(days=1)).day
        return iso(dt.date(y, m, min(d.day, last)))
    k = int(n)
    if unit == "D":
        return shift_days(anchor, k)
    if unit == "W":
        if d is None:
            return anchor.value()
        return iso(d + dt.timedelta(weeks=k))
    if unit in ("M", "Q", "H"):
        months = k * {"M": 1, "Q": 3, "H": 6}[unit]
        if anchor.month is None:
            return f"{anchor.year + (months // 12 if abs(months) >= 12 else 0):04d}"
        y, m = add_months(anchor.year, anchor.month, months)
        return f"{y:04d}-{m:02d}"
    if unit == "Y":
        return f"{anchor.year + k:04d}"
    if unit == "DE":
        return f"{anchor.year + 10 * k:04d}"
    if unit == "CE":
        return f"{anchor.year + 100 * k:04d}"
    return anchor.value()


def year_for(anchor: Anchor | None, month: int, day: int | None, direction: int,
             strict: bool = False) -> int | None:
    """The year of a month (and day) given without one: the nearest such date to the anchor,
    a date on the wrong side of the tense counting six times (past clause -> before the anchor).
    `strict` (an explicit "dernier", "prochain"): only dates on the right side.
    """
    if anchor is None:
        return None
    if anchor.month is None and anchor.week is None:
        return anchor.year
    if anchor.month is None:
        here = dt.date.fromisocalendar(anchor.year, anchor.week or 1, 4)
    else:
        here = dt.date(anchor.year, anchor.month, anchor.day or 15)
    best, best_score = anchor.year, None
    for year in (here.year - 1, here.year, here.year + 1):
        try:
            there = dt.date(year, month, day or 15)
        except ValueError:
            continue
        if day is None and (year, month) == (here.year, here.month) and not strict:
            return year
        gap = (there - here).days
        if day is None and direction and ((year, month) > (here.year, here.month)) == (direction < 0) \
                and (year, month) != (here.year, here.month):
            continue  # a month not begun yet cannot be told in the past (nor a gone one ahead)
        if strict and direction and gap * direction < 0 and abs(gap) > 0:
            continue
        score = abs(gap) * (6 if direction and gap * direction < 0 else 1)
        if best_score is None or score < best_score:
            best, best_score = year, score
    return best


def easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    day = (h + m - 7 * n + 114) % 31 + 1
    return dt.date(year, month, day)
