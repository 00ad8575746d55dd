"""Publication days stated by the text itself (origin `text`).

Two kinds of explicit evidence, both read from the text as stored:

- a timestamp line of the page near its top or bottom: `2025-06-25T13:04:07Z` alone on a
  line, `10.05.2025, 18:11` (possibly repeated), `24/06/2025 - 14h32`, a date alone on its line
  with a clock time glued before it and a weekday (`09:4503/11/2023, vendredi`), a written date
  alone on its line (`mercredi 24 mars 2004, 14h35`), any of these after "Publié le" / "Mis en
  ligne le" (never "Mis à jour le": a later day), or an agency dateline
  `Ville, Pays | AFP | mardi 24/06/2025 -` or `PARIS, 24 mars 2004 (AFP) -`;
- a lead sentence (one of the first two) that dates the reporting day itself:
  `aujourd'hui jeudi 24 août 2023`, `ce mardi 9 août 2022`, `ce 4 décembre 2024` (a demonstrative
  names the day of the writing; a weekday, when given, must agree with the date).

A date told deeper in the body ("le 24 février 2022") is never taken for the publication day.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from veille.timex.vocab import fold, table

# how many non-blank lines at the top and at the bottom may hold the page's timestamp
EDGE_LINES = 12
LEAD_SENTENCES = 2

_TIME = r"\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?"
_ISO_LINE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$")
_NUM_STAMP = rf"(\d{{1,2}})[./](\d{{1,2}})[./](\d{{4}})\s*(?:[,\-–]\s*)?(?:à\s*)?{_TIME}"
_NUM_LINE = re.compile(rf"^\s*{_NUM_STAMP}(?:\s*{_NUM_STAMP})*\s*$")
# a numeric date alone on its line, a clock time before it (scraped pages glue them:
# `10:2910/10/2024`) or after it, and a weekday that must agree: `10/10/2024, jeudi`
_DATE_LINE = re.compile(
    rf"^\s*(?:{_TIME}\s*)?(\d{{1,2}})/(\d{{1,2}})/(\d{{4}})\s*(?:,\s*)?([^\W\d_]+)?"
    rf"\s*(?:[,\-–]\s*)?(?:(?:à\s*)?{_TIME})?\s*$")
# `La Haye, Pays-Bas | AFP | mardi 24/06/2025 -`: place | agency | (weekday) day/month/year
_DATELINE = re.compile(
    r"^[^\n|]{1,80}\|[^\n|]{1,40}\|\s*(?:([^\W\d_]+)\s+)?(\d{1,2})/(\d{1,2})/(\d{4})\s*(?:[-–]|$)")
_SENT = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def _day(y: str | int, m: str | int, d: str | int) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _weekdays() -> dict[str, int]:
    return {k: int(v) for k, v in table("weekdays").items() if not k.endswith("s")}


def _months() -> dict[str, int]:
    out: dict[str, int] = {}
    for k, v in table("months").items():
        try:
            out[k] = int(v)
        except (TypeError, ValueError):
            continue
    return out


def _weekday_agrees(word: str | None, day: dt.date) -> bool:
    if not word:
        return True
    wd = _weekdays().get(fold(word))
    return wd is None or wd == day.isoweekday()


# what a page writes before its publication stamp ("Publié le 24/03/2004 à 14h35"), folded
_STAMP_PREFIX = re.compile(r"^\s*(?:article\s+)?(?:publi[ée]|mis\s+en\s+ligne|paru)\s+le\s*:?\s*")


@lru_cache(maxsize=1)
def _written_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a written date, the same alone on its line, an agency dateline opening a paragraph), on
    folded text: `mercredi 24 mars 2004`; `mercredi 24 mars 2004, 14h35`; `PARIS, 24 mars 2004 (AFP) -`."""
    weekdays = "|".join(sorted(_weekdays(), key=len, reverse=True))
    months = "|".join(sorted((re.escape(k) for k in _months()), key=len, reverse=True))
    date = rf"(?:({weekdays})\s+)?(1er|\d{{1,2}})\s+({months})\.?\s+(\d{{4}})"
    line = re.compile(rf"^\s*(?:le\s+)?{date}\s*(?:[,\-–]\s*)?(?:(?:[aà]\s*)?{_TIME})?\s*$")
    dateline = re.compile(rf"^[^\W\d_](?:[^\W\d_]|['’ .-]){{1,40}},\s+{date}\s*(?:\((?:afp|reuters|ap|belga|ats)\)|[-–—])")
    return re.compile(date), line, dateline


# "Publié le" inside a page's top line ("... Publié le 12/03/2021 16:25 Mis à jour le ...",
# "Publié le 15 janvier 2026 à 05h00, modifié le ..."): capitalised, as a stamp is written (a
# sentence's "un rapport publié le 3 mars" is another document's publication)
_PUBLISHED_ON = re.compile(r"(?:^|(?<=[\s|·•–-]))Publi[ée]e?\s+le\s*:?\s*")
_NUM_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})\b")


def _published_on(line: str) -> dt.date | None:
    date_only = _written_patterns()[0]
    for m in _PUBLISHED_ON.finditer(line):
        rest = fold(line[m.end():m.end() + 60])
        found = date_only.match(rest)
        if found and (day := _written_day(found)):
            return day
        num = _NUM_DATE.match(rest)
        if num and (day := _day(num[3], num[2], num[1])):
            return day
    return None


def _written_day(m: re.Match[str]) -> dt.date | None:
    month = _months().get(m[3])
    day = _day(m[4], month, 1 if m[2] == "1er" else m[2]) if month else None
    return day if day and _weekday_agrees(m[1], day) else None


def timestamp_line(text: str) -> dt.date | None:
    """The day of a timestamp or dateline line near the top or the bottom of the page."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    edge = lines[:EDGE_LINES] + lines[-EDGE_LINES:] if len(lines) > 2 * EDGE_LINES else lines
    _date, written, written_dateline = _written_patterns()
    for raw in edge:
        folded = fold(raw)  # (the same length as the line, but for a rare letter: then no prefix)
        m = _STAMP_PREFIX.match(folded)
        line = raw[m.end():] if m and len(folded) == len(raw) else raw
        m = written.match(fold(line))
        if m and (day := _written_day(m)):
            return day
        m = _ISO_LINE.match(line)
        if m:
            day = _day(m[1], m[2], m[3])
            if day:
                return day
        m = _NUM_LINE.match(line)
        if m:
            day = _day(m[3], m[2], m[1])
            if day:
                return day
        m = _DATE_LINE.match(line)
        if m:
            day = _day(m[3], m[2], m[1])
            if day and (not m[4] or fold(m[4]) in _weekdays()) and _weekday_agrees(m[4], day):
                return day
    for line in lines[:EDGE_LINES]:
        if day := _published_on(line):
            return day
        m = _DATELINE.match(line)
        if m:
            day = _day(m[4], m[3], m[2])
            if day and _weekday_agrees(m[1], day):
                return day
        m = written_dateline.match(fold(line))
        if m and (day := _written_day(m)):
            return day
    return None


def _lead_pattern() -> re.Pattern[str]:
    weekdays = "|".join(sorted(_weekdays(), key=len, reverse=True))
    months = "|".join(sorted((re.escape(k) for k in _months()), key=len, reverse=True))
    # "ce" may drop the weekday ("ce 4 décembre 2024"); "aujourd'hui" keeps it. A preposition
    # before "ce" ("depuis ce 4 décembre 2024") makes it a past day, not the writing day
    return re.compile(
        rf"(?<!\bdepuis )(?<!\bavant )(?<!\baprès )(?<!\bdès )(?<!\bjusqu'à )"
        rf"\b(?:ce\s+(?:({weekdays})\s+)?|aujourd['’]hui\s*,?\s*({weekdays})\s+)"
        rf"(1er|\d{{1,2}})\s+({months})\.?\s+(\d{{4}})\b",
        re.IGNORECASE)


def lead_day(text: str) -> dt.date | None:
    """ "aujourd'hui jeudi 24 août 2023", "ce mardi 9 août 2022", "ce 4 décembre 2024" in one of
    the first two sentences. Without a year ("ce samedi 16 novembre") it is not taken: a
    demonstrative may also name a coming day of the week of the writing."""
    pattern = _lead_pattern()
    sentences = [m.group(0) for m in _SENT.finditer(text) if m.group(0).strip()][:LEAD_SENTENCES]
    months = _months()
    for sentence in sentences:
        m = pattern.search(fold(sentence))
        if not m:
            continue
        month = months.get(m[4].lower())
        day = _day(m[5], month, 1 if m[3] == "1er" else m[3]) if month else None
        if day and _weekday_agrees(m[1] or m[2], day):
            return day
    return None


def text_publication_day(text: str) -> dt.date | None:
    """The publication day the text states explicitly, or None."""
    return timestamp_line(text) or lead_day(text)
