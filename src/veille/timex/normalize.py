"""From a rule match to a TIMEX3 (type, value, mod, anchor).

Each `norm:` name of rules.yaml is a function here taking the match and the context (the
publication date, the date the narrative is at, the tense of the clause). A function returns
None to veto a match it recognises as no time expression (an age, a number that is no year).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from veille.timex import dates
from veille.timex.dates import Anchor
from veille.timex.rules import Rule
from veille.timex.vocab import fold, parse_number, table

UNKNOWN_DAY = "XXXX-XX-XX"
# "la veille du sommet du 4 mars", "au lendemain de l'appel de jeudi": what may separate an
# anchored expression from the date it is anchored to
ANCHOR_LINK = re.compile(r"^\s*(?:,\s*)?(?:de|du|des|d['’])\s(?:[^\W\d]+['’]?\s*){0,5}?$", re.IGNORECASE)
# "trois jours après le sommet du 15 août": a quantity, then the date it counts from
SHIFT_LINK = re.compile(r"^\s+(?:après|avant|plus\s+tard|plus\s+tôt)\s+(?:[^\W\d]+['’]?\s*){0,6}?$", re.IGNORECASE)
_SHIFT = re.compile(r"\s+(?P<rel>après|avant)\s+", re.IGNORECASE)
# the noun an anchored expression names: "la veille de la visite", "au lendemain de l'appel"
_OF_NOUN = re.compile(r"\s*(?:de|du|des|d['’])\s*(?:la\s+|le\s+|les\s+|l['’]\s*|son\s+|sa\s+|ses\s+|leur\s+|"
                      r"ce\s+|cette\s+|un\s+|une\s+)?(?P<noun>[^\W\d_][\w-]{3,})", re.IGNORECASE)
# "au lendemain de ...", "à la veille de ...": the day of the clause, said by what precedes it
_AT_THE_EVE = re.compile(r"(?:\bà|\bau)\s*$", re.IGNORECASE)
_THE_NOUN = re.compile(r"(?:la\s+|le\s+|les\s+|l['’]\s*|son\s+|sa\s+|ses\s+|leur\s+|ce\s+|cette\s+|un\s+|une\s+)"
                       r"(?P<noun>[^\W\d_][\w-]{3,})", re.IGNORECASE)
# "vers 0 h 40, jeudi": a clock time followed by its day
CLOCK_LINK = re.compile(r"^\s*,?\s*$")


class TenseOracle(Protocol):
    """What the parser tells about the clause a span attaches to."""

    def direction(self, start: int, end: int) -> int | None:
        """-1 past clause, +1 future or conditional, 0 present, None unknown."""

    def is_nummod(self, start: int, end: int) -> bool:
        """True when the number at start..end counts a noun ("2000 soldats")."""

    def said_now(self, start: int, end: int) -> bool:
        """True when the clause's finite verb is in the present or future ("doit partir", not
        "devait partir"): its future is the future of the writing."""

    def in_aside(self, start: int, end: int) -> bool:
        """True when the span hangs on a participle describing a noun ("le pape, élu le 8 mai,"):
        a background fact, not a step of the story."""


class NoOracle:
    def direction(self, start: int, end: int) -> int | None:
        return None

    def is_nummod(self, start: int, end: int) -> bool:
        return False

    def said_now(self, start: int, end: int) -> bool:
        return False

    def in_aside(self, start: int, end: int) -> bool:
        return False


@dataclass
class Candidate:
    rule: Rule
    match: re.Match[str]
    start: int
    end: int

    def g(self, name: str) -> str | None:
        try:
            return self.match.group(name)
        except IndexError:
            return None

    def v(self, name: str) -> Any:
        """The vocabulary value of a group (None if the group did not match)."""
        text = self.g(name)
        if text is None:
            return None
        source = self.rule.vocab.get(name)
        if source is None:
            return text
        entries = table(*source)
        key = fold(text)
        if key in entries:
            return entries[key]
        return entries.get(re.sub(r"\bd'\s*$", "de", key).strip())


@dataclass
class Result:
    type: str
    value: str
    mod: str | None = None
    # "dct", "ref" (the narrative date), "past_ref", "month_ref", "next" (the following date)
    anchor: str | None = None


@dataclass
class Context:
    text: str
    dct: Anchor | None
    oracle: TenseOracle = field(default_factory=NoOracle)
    ref: Anchor | None = None  # the day the narrative is at (last full date mentioned)
    past_ref: Anchor | None = None  # the last full date mentioned that is not after the writing
    # where a day counted from the writing ("jeudi", "demain") was told after `past_ref`, if any
    back_to_writing: int = -1
    # with a publication known to the month: the last full date mentioned in that month
    month_ref: Anchor | None = None
    ref_start: int = -1  # where the expression that gave `ref` starts
    # anchors that are the first day of a night ("la nuit de samedi à dimanche")
    nights: list[Anchor] = field(default_factory=list)
    # the full date of the expression that follows `c` when only `link` separates them
    next_date: Callable[[Candidate, re.Pattern[str]], Anchor | None] | None = None
    # the date the text gives to a noun ("la visite ... le 12 mai"): (date, id of that timex)
    noun_date: Callable[[str, int], tuple[Anchor, str] | None] | None = None
    # True while matches are only being vetted: the tense (a parse) is not asked for then
    vetting: bool = False
    # the years the text states in full ("2024", "le 3 février 2024"), in order
    text_years: tuple[int, ...] = ()

    def day_anchor(self, c: Candidate | None = None, from_now: bool = True) -> Anchor | None:
        """The day a clock time or "la veille" counts from: the day the story is at; in a past
        clause, not a day ahead of the writing ("a parlé peu après 1h" after "jeudi prochain");
        with `from_now` (a time of day, not the anaphoric "le lendemain"), in a clause about what
        lies ahead of the writing, not a day gone."""
        if self.ref is not None and c is not None and self.ref is not self.past_ref and self.tense(c) == -1:
            if self.back_to_writing >= 0 and "\n" in self.text[self.back_to_writing:c.start]:
                # the story came back to the week of the writing ("une trêve de jeudi à samedi")
                # and a new paragraph tells the past: the day of the writing, not an old told day
                return self.dct
            return self.past_ref if self.past_ref is not None else self.dct
        if from_now and self.ref is not None and c is not None and self.dct is not None and self.dct.date is not None \
                and self.ref.date is not None and self.ref.date < self.dct.date and self.tense(c) == 1 \
                and self.oracle.said_now(c.start, c.end):
            # "il doit s'envoler dans l'après-midi" after a paragraph on the day before: what lies
            # ahead of the writing counts from the writing, not from a day gone
            return self.dct
        if self.ref is not None:
            return self.ref
        return self.dct

    def day_anchor_kind(self, base: Anchor | None) -> str | None:
        if base is None:
            return None
        if base is self.ref and base is not self.dct:
            return "ref"
        if base is self.past_ref:
            return "past_ref"
        return "dct"

    def tense(self, c: Candidate) -> int | None:
        if self.vetting:
            return None
        before = fold(self.text[max(0, c.start - 16):c.start])
        for cue, direction in table("relative", "direction_before").items():
            if before.endswith(cue + " ") or before.endswith(cue):
                return int(direction)  # "d'ici vendredi", "depuis lundi"
        told = self.oracle.direction(c.start, c.end)
        if told != -1:
            for cue, direction in table("relative", "direction_before_unless_past").items():
                if before.endswith(cue + " ") or before.endswith(cue):
                    return int(direction)  # "dès lundi", unless "étaient descendus dès lundi"
        return told


def _mod(c: Candidate) -> str | None:
    for name in ("qmod", "pos"):
        value = c.v(name)
        if value:
            return str(value)
    return None


def _day(text: str | None) -> int | None:
    if text is None:
        return None
    t = fold(text)
    if t in ("1er", "1re", "premier", "première"):
        return 1
    return int(t) if t.isdigit() else None


def _year(c: Candidate) -> int | None:
    if c.g("year"):
        return int(c.g("year") or 0)
    y2 = c.g("year2")
    if y2:
        n = int(y2.lstrip("'’"))
        return 2000 + n if n <= 40 else 1900 + n
    return None


def _direction(c: Candidate, ctx: Context, default: int | None = None) -> int:
    d = c.v("direction")
    if d is not None:
        return int(d)
    if "direction" in c.rule.params:
        return int(c.rule.params["direction"])
    t = ctx.tense(c)
    if t is None or t == 0:
        return default if default is not None else 0
    return t


# ---- absolute ----------------------------------------------------------------------------
def absolute(c: Candidate, ctx: Context) -> Result | None:
    month = c.v("month") or (int(c.g("month_num") or 0) or None)
    day = _day(c.g("day"))
    year = _year(c)
    mod = _mod(c)
    if month is None and day is not None:
        return _day_without_month(c, ctx, day)
    if month is None:
        return None
    if c.rule.name == "month_alone" and not _month_alone_ok(c, ctx):
        return None
    anchor = None
    if year is None:
        if ctx.dct is None:
            told = _year_of_weekday(c, ctx, int(month), day)
            if told is None:
                value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
                return Result("DATE", value, mod, None)
            return Result("DATE", f"{told:04d}-{month:02d}-{day:02d}", mod, None)
        explicit = c.v("direction") is not None or "direction" in c.rule.params
        year = dates.year_for(ctx.dct, int(month), day, _direction(c, ctx, 0), strict=explicit)
        anchor = "dct"
    if day is not None:
        try:
            dt.date(int(year or 0), int(month), day)
        except ValueError:
            return None
        return Result("DATE", f"{year:04d}-{month:02d}-{day:02d}", mod, anchor)
    return Result("DATE", f"{year:04d}-{month:02d}", mod, anchor)


def _year_of_weekday(c: Candidate, ctx: Context, month: int, day: int | None) -> int | None:
    """The year of "lundi 29 janvier" in an undated article: the one year among those the text
    states in full in which that day falls on that weekday; None when none or several do."""
    weekday = c.v("weekday")
    if weekday is None or day is None:
        return None
    fits = []
    for year in ctx.text_years:
        try:
            if dt.date(year, month, day).isoweekday() == int(weekday):
                fits.append(year)
        except ValueError:
            continue
    return fits[0] if len(fits) == 1 else None


def _month_alone_ok(c: Candidate, ctx: Context) -> bool:
    """A month name alone: "Mars"/"Mai" capitalised inside a sentence is a name, not a month."""
    word = c.g("month") or ""
    if word[:1].isupper() and c.match.start("month") == c.start:
        before = ctx.text[max(0, c.start - 3):c.start].strip()
        if before and before[-1] not in ".!?«\"'’:—–-(":
            return False
    if fold(word) in ("mars", "mai") and not (c.g("pos") or c.g("direction")) \
            and not fold(ctx.text[c.start:c.end]).startswith(("mois", "le mois")):
        # bare "mars"/"mai" need a temporal preposition before them
        before = ctx.text[max(0, c.start - 12):c.start]
        if not re.search(r"(?:\ben|\bde|\bd['’]|\bdepuis|\bdès|\bfin|\bdébut|\bmi|\bcourant|\bavant|\baprès|"
                         r"\bjusqu['’]en|\bmois\s+de)\s*$", before, re.IGNORECASE):
            return False
    return True


def _day_without_month(c: Candidate, ctx: Context, day: int) -> Result | None:
    weekday = c.v("weekday")
    anchor = ctx.day_anchor()
    if anchor is None or anchor.date is None:
        return Result("DATE", f"XXXX-XX-{day:02d}", None, None)
    base = anchor.date
    options = []
    for shift in (0, 1, -1):
        y, m = dates.add_months(base.year, base.month, shift)
        try:
            d = dt.date(y, m, day)
        except ValueError:
            continue
        if weekday is None or d.isoweekday() == int(weekday):
            options.append(d)
    if not options:
        return None
    return Result("DATE", dates.iso(options[0]), None, "dct")


def iso_datetime(c: Candidate, ctx: Context) -> Result | None:
    """ "2024-11-05T09:30:12Z": a timestamp, to the second when it gives one."""
    day = absolute(c, ctx)
    if day is None:
        return None
    value = f"{day.value}T{int(c.g('hour') or 0):02d}:{int(c.g('minute') or 0):02d}"
    if c.g("second"):
        value += f":{int(c.g('second') or 0):02d}"
    return Result("TIME", value, None, None)


def coordinated_day(c: Candidate, ctx: Context) -> Result | None:
    return absolute(c, ctx)


def year(c: Candidate, ctx: Context) -> Result | None:
    y = _year(c)
    if y is None:
        return None
    prefixed = c.g("pos") or fold(ctx.text[c.start:c.end]).startswith(("l'", "année", "an "))
    if not prefixed and _may_count(ctx.text, c.end) \
            and ctx.oracle.is_nummod(c.match.start("year"), c.match.end("year")):
        return None
    if not prefixed and y < 1800:
        return None
    return Result("DATE", f"{y:04d}", _mod(c), None)


_NOT_A_NOUN = re.compile(r"\s*(?:[^\w\s]|$|(?:et|ou|à|au|aux|de|des|du|en|dans|pour|par|sur|avec|sans|"
                        r"puis|mais|lors|où|qui|que|quand|avant|après|a|ont|avait|est|sont|était|"
                        r"sera|le|la|les|un|une|contre|entre|vers|jusqu|depuis|selon)\b)", re.IGNORECASE)


def _may_count(text: str, end: int) -> bool:
    """Could the number ending at `end` count a noun ("2000 soldats")? Not before a comma,
    a preposition or a verb: then the parser need not be asked."""
    return not _NOT_A_NOUN.match(text, end)


def decade(c: Candidate, ctx: Context) -> Result | None:
    d = c.g("decade") or ""
    if len(d) == 2:
        d = ("19" if int(d) >= 30 else "20") + d
    return Result("DATE", d[:3], None, None)


_ROMAN = {"I": 1, "V": 5, "X": 10}


def century(c: Candidate, ctx: Context) -> Result | None:
    roman = (c.g("roman") or "").upper()
    if not roman:
        return None
    total = 0
    for i, ch in enumerate(roman):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(roman) and _ROMAN[roman[i + 1]] > v else v
    if not 1 <= total <= 21:
        return None
    return Result("DATE", f"{total - 1:02d}", None, None)


def season(c: Candidate, ctx: Context) -> Result | None:
    code = c.v("season")
    if code is None:
        return None
    if code == "SU" and fold(c.g("season") or "") in ("été", "ete") and c.start == c.match.start("season") \
            and not (c.g("year") or c.g("direction")) and not (c.g("season") or "")[:1].isupper():
        return None  # bare "été" is mostly the participle of être
    y = _year(c)
    if y is None:
        if ctx.dct is None:
            return Result("DATE", f"XXXX-{code}", _mod(c), None)
        y = ctx.dct.year + int(c.v("direction") or 0)
    return Result("DATE", f"{y:04d}-{code}", _mod(c), None if _year(c) else "dct")


def movable_feast(c: Candidate, ctx: Context) -> Result | None:
    """Pâques, Pentecôte...: days after Easter, in the year given or the nearest one (by tense)."""
    offset = c.v("feast")
    if offset is None:
        return None
    y = _year(c)
    if y is None:
        if ctx.dct is None:
            return Result("DATE", UNKNOWN_DAY, None, None)
        here = ctx.dct.date or dt.date(ctx.dct.year, ctx.dct.month or 7, 1)
        direction = _direction(c, ctx, 0)
        options = [dates.easter(year) + dt.timedelta(days=int(offset)) for year in (here.year - 1, here.year,
                                                                                     here.year + 1)]
        best = min(options, key=lambda d: abs((d - here).days) * (6 if direction and (d - here).days * direction < 0
                                                                  else 1))
        return Result("DATE", best.isoformat(), None, "dct")
    return Result("DATE", (dates.easter(y) + dt.timedelta(days=int(offset))).isoformat(), None, None)


def holiday(c: Candidate, ctx: Context) -> Result | None:
    md = str(c.v("holiday") or "")
    if not md:
        return None
    y = _year(c)
    if y is None:
        if ctx.dct is None:
            return Result("DATE", f"XXXX-{md}", None, None)
        month, day = (int(x) for x in md.split("-"))
        y = dates.year_for(ctx.dct, month, day, _direction(c, ctx, 0)) or ctx.dct.year
    return Result("DATE", f"{y:04d}-{md}", None, "dct")


# ---- times -------------------------------------------------------------------------------
_AMOUNT_MODS = ("LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE")


def clock(c: Candidate, ctx: Context) -> Result | None:
    word = c.v("clock_word")
    if word:
        hh, mm = (int(x) for x in str(word).split(":"))
    else:
        hh = int(c.g("hour") or 0)
        mm = int(c.g("minute") or 0)
        tail = fold(ctx.text[c.start:c.end])
        if tail.endswith("et demie"):
            mm = 30
        elif tail.endswith("et quart"):
            mm = 15
    if hh > 24:
        return None
    if _mod(c) in _AMOUNT_MODS and not word:
        return None  # "moins de 24 heures", "plus de 3h": an amount of time, left to the duration rules
    half_day = fold(c.g("half_day") or "")
    if half_day and not half_day.endswith("matin") and hh < 12:
        hh += 12
    rel = c.v("rel_day")
    following = ctx.next_date(c, CLOCK_LINK) if ctx.next_date is not None else None
    anchor: str | None
    coarse_base = ctx.dct
    if rel is not None and ctx.dct is not None:
        day = dates.shift_days(ctx.dct, int(rel))
        anchor = "dct"
    elif following is not None and following.date is not None:
        day, anchor = following.value(), "next"
    else:
        base = coarse_base = ctx.day_anchor(c)
        day = base.value() if base is not None and base.date is not None else UNKNOWN_DAY
        anchor = ctx.day_anchor_kind(base) if day != UNKNOWN_DAY else None
        if base is not None and base.date is not None and any(base is n for n in ctx.nights) and hh < 12:
            # after "dans la nuit de samedi à dimanche", "vers 1h" is on the Sunday
            day = dates.shift_days(base, 1)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        if (coarse := _coarse_day(ctx, coarse_base)) is not None:
            return coarse
        day = UNKNOWN_DAY
    return Result("TIME", f"{day}T{hh:02d}:{mm:02d}", _mod(c), anchor)


def _coarse_day(ctx: Context, base: Anchor | None) -> Result | None:
    """A time of day counted from a date known only to the month ("ce soir", "à 20 h" in an
    article dated "2022-10"): the month (or week, or year) is what is known of it, as for a bare
    weekday or "aujourd'hui"; no modifier, since "vers 20 h" or "avant 20 h" do not bound it."""
    if base is None or base.date is not None:
        return None
    return Result("DATE", base.value(), None, ctx.day_anchor_kind(base))


def _with_part(value: str, c: Candidate) -> tuple[str, str]:
    part = c.v("part") or c.v("part2") or c.rule.params.get("part")
    if part and re.fullmatch(r"\d{4}-\d{2}-\d{2}|XXXX-XX-XX", value):
        return f"{value}T{'12:00' if part == 'MI' else part}", "TIME"
    return value, "DATE"


def relative_day(c: Candidate, ctx: Context) -> Result | None:
    offset = int(c.v("rel_day") or 0)
    before = ctx.text[max(0, c.start - 7):c.start]
    if offset == 0 and re.search(r"(?:d|jusqu)['’]\s*$", before):
        return Result("DATE", "PRESENT_REF", None, "dct")
    if ctx.dct is None:
        value = UNKNOWN_DAY
    elif ctx.dct.date is None:
        value = ctx.dct.value()
    else:
        value = dates.shift_days(ctx.dct, offset)
    value, kind = _with_part(value, c)
    return Result(kind, value, None, "dct")


def _noun_anchor(ctx: Context, pattern: re.Pattern[str], pos: int) -> tuple[Anchor, str] | None:
    m = pattern.match(ctx.text, pos)
    if m is None or ctx.noun_date is None:
        return None
    return ctx.noun_date(fold(m.group("noun")), pos)


def narrative_day(c: Candidate, ctx: Context) -> Result | None:
    offset = int(c.v("narrative") or 0)
    base = ctx.next_date(c, ANCHOR_LINK) if ctx.next_date is not None else None
    anchor: str | None = "next" if base is not None else None
    if base is None and (named := _noun_anchor(ctx, _OF_NOUN, c.end)) is not None:
        base, anchor = named  # "la veille de la visite", the visit being dated elsewhere
    if base is None and _OF_NOUN.match(ctx.text, c.end) \
            and (c.g("pre") or _AT_THE_EVE.search(ctx.text[max(0, c.start - 4):c.start])):
        # "au lendemain d'un appel" with the appel dated nowhere: the expression is the day of
        # its own clause, when the clause gives it ("se sont retrouvées ce lundi, au lendemain
        # d'une attaque") or is said in the present ("la décision intervient au lendemain de");
        # with no day told before, the day of the writing ("Au lendemain de l'attaque, le
        # gouvernement a annoncé...": not the day after the writing)
        if (ctx.tense(c) == 0 or ctx.ref is None) and ctx.dct is not None:
            base, anchor, offset = ctx.dct, "dct", 0
        elif ctx.ref is not None and ctx.ref_start >= 0 \
                and not re.search(r"[.!?]\s", ctx.text[ctx.ref_start:c.start]):
            offset = 0
    if base is None:
        base = ctx.day_anchor(c, from_now=False)
        anchor = ctx.day_anchor_kind(base)
    if base is None:
        value = UNKNOWN_DAY
        anchor = None
    elif base.date is None:
        value = base.value()
    else:
        value = dates.shift_days(base, offset)
    value, kind = _with_part(value, c)
    return Result(kind, value, None, anchor)


def weekday(c: Candidate, ctx: Context) -> Result | None:
    word = fold(c.g("weekday") or "")
    if word.endswith("s"):
        return None
    wd = int(c.v("weekday") or 0)
    det = c.g("det")
    if det and fold(det) == "le" and not c.g("direction"):
        # "le marché a lieu le mercredi": a habit in the present; in a past or future clause,
        # "le jeudi" is the Thursday of the story
        tense = ctx.tense(c)
        if ctx.vetting or tense == 0:
            part = c.v("part") or c.v("part2")
            return Result("SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), None, None)
        if tense is None:
            return None
        det = None
    direction = c.v("direction")
    if direction is None:
        direction = c.rule.params.get("direction")
    if direction is not None and ctx.dct is not None and ctx.dct.date is not None:
        # "jeudi dernier" said on a Thursday is a week ago; "jeudi prochain", in a week
        d = int(direction)
        value = dates.weekday_date(ctx.dct, wd, d)
        if value == ctx.dct.value():
            value = dates.shift_days(ctx.dct, 7 * d)
        value, kind = _with_part(value, c)
        return Result(kind, value, None, "dct")
    if direction is None:
        tense = ctx.tense(c)
        if tense in (-1, 1):
            direction = tense
        elif tense == 0 and ctx.dct is not None and ctx.dct.date is not None:
            # present tense: the nearer of the last and the next one ("le sommet s'ouvre jeudi")
            back = dates.weekday_date(ctx.dct, wd, -1)
            ahead = dates.weekday_date(ctx.dct, wd, 1)
            gap_back = (ctx.dct.date - dt.date.fromisoformat(back)).days
            gap_ahead = (dt.date.fromisoformat(ahead) - ctx.dct.date).days
            direction = -1 if gap_back < gap_ahead else 1
        else:
            direction = 0 if det else -1
    if not ctx.vetting and not c.v("direction") and c.rule.params.get("direction") is None:
        told = _weekday_near_told_day(ctx, wd, int(direction), c)
        if told is not None:
            return told
    value = UNKNOWN_DAY if ctx.dct is None else dates.weekday_date(ctx.dct, wd, int(direction))
    value, kind = _with_part(value, c)
    return Result(kind, value, None, "dct" if ctx.dct else None)


def _weekday_near_told_day(ctx: Context, wd: int, direction: int, c: Candidate) -> Result | None:
    """A bare weekday in an article dated only to a month, after the text told a full day of that
    month ("Le 11 mars, ... Mercredi, ..."): the writing is on or after that day and a bare weekday
    names a day of the week of the writing, so the weekday is placed from the told day: in a
    clause about the future, the next one on or after it; otherwise the nearest one (at most three
    days away: with the writing anywhere in the week after the told day, the nearer of the two
    candidates is the likelier one), the told day itself when the weekdays agree."""
    dct = ctx.dct
    if dct is None or dct.precision != "M":
        return None
    base, kind = (ctx.ref, "ref") if direction == 1 else (ctx.past_ref, "past_ref")
    if base is None or base.date is None or (base.year, base.month) != (dct.year, dct.month):
        # the story went back to an earlier month ("depuis le 23 septembre"): the weekday is
        # still one of the week of the writing, placed from the last day told in its month
        base, kind = ctx.month_ref, "month_ref"
    if base is None or base.date is None or (base.year, base.month) != (dct.year, dct.month):
        return None
    if direction == 1:
        value = dates.weekday_date(base, wd, 1)
    else:
        delta = (wd - base.date.isoweekday()) % 7
        value = dates.iso(base.date + dt.timedelta(days=delta if delta <= 3 else delta - 7))
    value, timex_kind = _with_part(value, c)
    return Result(timex_kind, value, None, kind)


def part_of_day(c: Candidate, ctx: Context) -> Result | None:
    code = table("parts", "parts").get(fold(c.g("part") or ""))
    if code is None:
        return None
    base = ctx.day_anchor(c) if c.rule.params.get("narrative") else ctx.dct
    if (coarse := _coarse_day(ctx, base)) is not None:
        return coarse
    day = base.value() if base is not None and base.date is not None else UNKNOWN_DAY
    if base is not None and day != UNKNOWN_DAY and c.rule.params.get("offset"):
        day = dates.shift_days(base, int(c.rule.params["offset"]))
    anchor = None if day == UNKNOWN_DAY else ctx.day_anchor_kind(base)
    return Result("TIME", f"{day}T{code}", _mod(c), anchor)


def relative_unit(c: Candidate, ctx: Context) -> Result | None:
    unit = c.v("cal_unit")
    if unit is None:
        return None
    n = int(c.v("direction") or 0)
    mod = _mod(c)
    if ctx.dct is None:
        value = {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(str(unit), "XXXX")
        return Result("DATE", value, mod, None)
    if unit == "WE" and n == 0 and ctx.dct.date is not None and ctx.dct.date.isoweekday() < 6 \
            and ctx.tense(c) == -1:
        n = -1  # "ce week-end" in a past clause, said on a weekday: the one just gone
    return Result("DATE", dates.shift_unit(ctx.dct, str(unit), n), mod, "dct")


def _amount(c: Candidate, default: float | None = None) -> tuple[float | None, str | None]:
    n = parse_number(c.g("number") or "")
    if n is None:
        n = default
    unit = c.v("unit")
    if unit is None and c.g("unit"):
        unit = table("units").get(fold(c.g("unit") or ""))
    if n is not None and c.g("half"):
        n += 0.25 if fold(c.g("half") or "") == "quart" else 0.5
    m = re.fullmatch(r"(\d+)(\w+)", str(unit)) if unit else None
    if m:  # "trois trimestres" = P9M
        unit = m.group(2)
        n = n * int(m.group(1)) if n is not None else None
    return n, (str(unit) if unit else None)


def shifted(c: Candidate, ctx: Context) -> Result | None:
    n, unit = _amount(c)
    if n is None or unit is None:
        return None
    sign = int(c.rule.params.get("sign", 1))
    if sign < 0 and c.g("qmod"):
        return None  # "il y a plus de trois ans": a quantity, no date (the duration rule takes it)
    if ctx.dct is None:
        return Result("DATE", {"D": UNKNOWN_DAY, "W": UNKNOWN_DAY, "M": "XXXX-XX"}.get(unit, "XXXX"),
                      _mod(c), None)
    if unit.startswith("T"):
        return Result("DATE", ctx.dct.value(), _mod(c), "dct")
    ref = ctx.ref
    if ctx.dct.date is None and unit in ("D", "W") and ref is not None and ref.date is not None \
            and ref.truncated(ctx.dct.precision) == ctx.dct.value():
        # "il y a huit jours" in an article dated to a month: a count of days says nothing of a
        # month; it counts from the day the story is at, which the text gave
        return Result("DATE", dates.shift_amount(ref, unit, sign * n), _mod(c), "ref")
    return Result("DATE", dates.shift_amount(ctx.dct, unit, sign * n), _mod(c), "dct")


def vague_shift(c: Candidate, ctx: Context) -> Result | None:
    """ "il y a quelques jours" -> PAST_REF, "dans quelques semaines" -> FUTURE_REF."""
    return Result("DATE", "FUTURE_REF" if c.g("pre") else "PAST_REF", None, "dct")


_ORDINALS = {"premier": 1, "1er": 1, "deuxième": 2, "2e": 2, "second": 2, "troisième": 3, "3e": 3,
             "quatrième": 4, "4e": 4}


def quarter(c: Candidate, ctx: Context) -> Result | None:
    """ "le deuxième trimestre 2024" -> 2024-Q2, "le second semestre" -> 2025-H2."""
    kind = "Q" if fold(c.g("period") or "").startswith("tri") else "H"
    word = fold(c.g("ordinal") or "")
    n = 4 if word == "dernier" and kind == "Q" else 2 if word == "dernier" else _ORDINALS.get(word)
    if n is None or kind == "H" and n > 2:
        return None
    y = _year(c)
    if y is None and ctx.dct is None:
        return Result("DATE", f"XXXX-{kind}{n}", None, None)
    year = y if y is not None else ctx.dct.year if ctx.dct else 0
    return Result("DATE", f"{year:04d}-{kind}{n}", None, None if y else "dct")


def narrative_shift(c: Candidate, ctx: Context) -> Result | None:
    n, unit = _amount(c)
    base = ctx.day_anchor(c, from_now=False)
    if n is None or unit is None or unit.startswith("T") or base is None or base.date is None:
        return None  # "une heure plus tard" stays a duration: a day cannot say it
    sign = -1 if fold(c.g("rel") or "").startswith(("avant", "plus tôt", "auparavant")) else 1
    return Result("DATE", dates.shift_amount(base, unit, sign * n), None, ctx.day_anchor_kind(base))


# ---- durations and sets ------------------------------------------------------------------
def duration_value(n: float, unit: str) -> str:
    """TIMEX3 duration of n units (halves become the next smaller unit: P3Y6M, PT1H30M)."""
    whole = int(n)
    frac = n - whole
    smaller = {"Y": ("M", 12), "M": ("D", 30), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60),
               "W": ("D", 7)}
    parts: list[tuple[str, float]] = [(unit, whole)]
    if frac:
        sub = smaller.get(unit)
        if sub and float(frac * sub[1]).is_integer():
            parts = [(unit, whole), (sub[0], int(frac * sub[1]))] if whole else [(sub[0], int(frac * sub[1]))]
        else:
            parts = [(unit, n)]
    date_part, time_part = "", ""
    for u, k in parts:
        if not k and len(parts) > 1:
            continue
        num = str(int(k)) if float(k).is_integer() else f"{k:g}"
        if u.startswith("T"):
            time_part += num + u[1:]
        else:
            date_part += num + u
    return "P" + date_part + ("T" + time_part if time_part else "")


@lru_cache(maxsize=1)
def _age_cues() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    cues = table("units", "age_cues")
    nouns = load_duration_nouns()
    return re.compile(cues["before"], re.IGNORECASE), re.compile(cues["after"], re.IGNORECASE), nouns


def load_duration_nouns() -> frozenset[str]:
    from veille.resources import load_resource

    return frozenset(fold(w) for w in load_resource("timex", "units").get("duration_nouns") or [])


def is_age(c: Candidate, ctx: Context) -> bool:
    before_re, after_re, nouns = _age_cues()
    before = ctx.text[max(0, c.start - 40):c.start]
    after = ctx.text[c.end:c.end + 20]
    m = before_re.search(before)
    if m is None:
        return False
    cue = fold(m.group(0))
    if cue in ("de", "d'") or cue.endswith((" de", " d'")) and not cue.startswith(("âg", "ag", "à l")):
        prev = re.search(r"([\w'’-]+)\s+(?:de|d['’])\s*$", before)
        if prev is None:
            return False
        word = fold(prev.group(1))
        return not (word in nouns or word.rstrip("s") in nouns)
    if cue.endswith(("(", ",")):
        return bool(after_re.search(after))
    return True


def _age_mod(c: Candidate, ctx: Context) -> bool:
    """ "les moins de 18 ans", "aux plus de 65 ans": an age group."""
    cue = table("units", "age_cues").get("before_mod")
    return bool(cue and re.search(cue, ctx.text[max(0, c.start - 20):c.start], re.IGNORECASE))


def duration(c: Candidate, ctx: Context) -> Result | None:
    n, unit = _amount(c)
    if n is None or unit is None:
        return None
    said_in_years = fold(c.g("unit") or "").startswith(("an", "ann"))
    if said_in_years and not c.g("window") and (is_age(c, ctx) if not c.g("qmod") else _age_mod(c, ctx)):
        return None
    if c.g("low") and c.rule.name == "duration_range" and parse_number(c.g("low") or "") is None:
        return None
    shift = _SHIFT.match(ctx.text, c.end) if c.rule.name == "duration" and not c.g("window") else None
    if shift is not None and not ctx.vetting and not unit.startswith("T"):
        # "trois jours après le sommet du 15 août": a date, when the text dates what it counts from
        base = ctx.next_date(c, SHIFT_LINK) if ctx.next_date is not None else None
        anchor: str | None = "next"
        if base is None and (named := _noun_anchor(ctx, _THE_NOUN, shift.end())) is not None:
            base, anchor = named
        if base is not None and base.date is not None:
            sign = -1 if fold(shift.group("rel")) == "avant" else 1
            return Result("DATE", dates.shift_amount(base, unit, sign * n, keep_day=True), _mod(c), anchor)
    return Result("DURATION", duration_value(n, unit), _mod(c), None)


def duration_hours(c: Candidate, ctx: Context) -> Result | None:
    """ "pendant 48h", "sous 1h30": hours written like a clock time after a duration preposition."""
    amount = c.g("amount")
    if not (c.g("pre") or amount):
        return None  # a bare "24h" is a clock time
    n = parse_number(c.g("number") or "")
    if n is None:
        return None
    minutes = int(c.g("minute") or 0)
    if c.rule.name == "event_length_hours" and not c.g("indef") and n >= 6:
        return None  # "la réunion de 14h30": the time the event is at
    mod = table("modifiers", "quantity").get(fold(amount)) if amount else None
    return Result("DURATION", "PT" + (f"{int(n)}H" if n else "") + (f"{minutes}M" if minutes else ""),
                  str(mod) if mod else None, None)


def duration_fixed(c: Candidate, ctx: Context) -> Result | None:
    value = c.v("fixed")
    return Result("DURATION", str(value), _mod(c), None) if value else None


def duration_vague(c: Candidate, ctx: Context) -> Result | None:
    det = fold(ctx.text[c.start:c.end]).split(" ")[0]
    if det in ("les", "ces") and not (c.g("window") or c.g("window2")):
        return None
    unit = table("units").get(fold(c.g("unit") or ""))
    if unit is None:
        return None
    u = re.sub(r"^\d+", "", str(unit))
    return Result("DURATION", f"PTX{u[1:]}" if u.startswith("T") else f"PX{u}", None, None)


def set_unit(c: Candidate, ctx: Context) -> Result | None:
    n, unit = _amount(c, default=1.0)
    if unit is None or n is None:
        return None
    return Result("SET", duration_value(n, unit), None, None)


def set_weekday(c: Candidate, ctx: Context) -> Result | None:
    wd = c.v("weekday")
    part = c.v("part")
    return Result("SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), None, None)


_ADJ = (("quotidien", "P1D"), ("hebdomadaire", "P1W"), ("bimensuel", "P2W"), ("mensuel", "P1M"),
        ("trimestriel", "P3M"), ("annuel", "P1Y"))


def set_adjective(c: Candidate, ctx: Context) -> Result | None:
    word = fold(c.g("adj") or "")
    for stem, value in _ADJ:
        if word.startswith(stem):
            return Result("SET", value, None, None)
    return None


def vague(c: Candidate, ctx: Context) -> Result | None:
    value = c.v("vague")
    return Result("DATE", str(value), None, "dct") if value else None


NORMALISERS: dict[str, Callable[[Candidate, Context], Result | None]] = {
    f.__name__: f for f in (absolute, iso_datetime, coordinated_day, year, decade, century, season, movable_feast, holiday, clock, relative_day,
                            narrative_day, vague_shift, quarter, weekday, part_of_day, relative_unit, shifted, narrative_shift,
                            duration, duration_hours, duration_fixed, duration_vague, set_unit, set_weekday, set_adjective,
                            vague)
}


def normalise(c: Candidate, ctx: Context) -> Result | None:
    fn = NORMALISERS.get(c.rule.norm)
    if fn is None:
        return None
    try:
        return fn(c, ctx)
    except (ValueError, OverflowError):  # a calendar that does not exist ("le 31 février")
        return None
