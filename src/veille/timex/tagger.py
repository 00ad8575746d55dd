"""Find and normalise the time expressions of a text: a pure function, no spaCy needed.

`tag(text, published, oracle)` runs every rule over the text (each only over the sentences that
hold one of its trigger words: rules.yaml `trigger`), drops the matches a normaliser
vetoes, keeps the longest of overlapping matches (then the earliest rule), and normalises the
kept ones in text order, tracking the day the narrative is at for "la veille", "le lendemain"
and clock times. The tense oracle (veille.timex.tense) tells past from future clauses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from veille.model import Timex
from veille.resources import load_resource
from veille.timex.dates import Anchor, parse_anchor
from veille.timex.normalize import Candidate, Context, NoOracle, Result, TenseOracle, normalise
from veille.timex.rules import DIGIT, load_rules
from veille.timex.vocab import alternation, fold

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# rules whose value is a full date the narrative can move to
_EXPLICIT = {"iso_date", "numeric_date", "day_month_year", "day_month_past", "weekday_day", "coordinated_day"}
# rules whose day may date a noun near it ("ont assisté samedi à ses obsèques")
_DATES_A_NOUN = _EXPLICIT | {"weekday", "weekday_future"}
# "le pape, élu le 8 mai, ...": a date in an aside opened by a comma and a few words
_ASIDE_CUE = re.compile(r",\s*(?:[^\W\d_][\w'’-]*\s+){1,4}$")
_WORDS = re.compile(r"[^\W\d_][\w-]{3,}")
_NARRATIVE_SOURCES = {"iso_date", "numeric_date", "day_month_year", "day_month_past", "weekday_day",
                      "coordinated_day", "relative_day", "weekday", "weekday_future", "after_date",
                      "narrative_day", "day_and_clock", "night_between_days"}


def _sentence_window(text: str, start: int, end: int, width: int = 90) -> tuple[int, int, str]:
    """(start, end, text) of the words around a span, within its sentence."""
    left = re.split(r"[.!?;]\s", text[max(0, start - width):start])[-1]
    right = re.split(r"[.!?;]\s", text[end:end + width])[0]
    return start - len(left), end + len(right), left + " " + right


@lru_cache(maxsize=1)
def _deadline_cue() -> re.Pattern[str]:
    words = load_resource("timex", "relative").get("not_narrative_before") or []
    return re.compile(r"(?:" + alternation(words) + r")\s*$", re.IGNORECASE)


def _ends_with(pattern: re.Pattern[str], window: str) -> bool:
    """Whether `pattern` (ending in `$`) matches at the very end of `window`: a `$` also matches
    before a final newline, which would let a line's last character veto the next line's start."""
    return any(m.end() == len(window) for m in pattern.finditer(window))


# where a match cannot run on: a line break, or a sentence end before a capital
_BREAK = re.compile(r"\n|(?<=[.!?…])(?=\s+[A-ZÀ-ÖØ-Ý«\"“])")


def _segments(text: str) -> list[int]:
    """Start offsets of the pieces (lines, sentences) no time expression runs across."""
    return [0] + [m.end() if m.group() else m.start() for m in _BREAK.finditer(text)]


def _ranges(starts: list[int], pieces: list[int], size: int) -> list[tuple[int, int]]:
    """The runs of consecutive pieces (sorted indices into `starts`), as (start, end) offsets."""
    ranges: list[tuple[int, int]] = []
    for i in pieces:
        lo = starts[i]
        hi = starts[i + 1] if i + 1 < len(starts) else size
        if ranges and ranges[-1][1] >= lo:
            ranges[-1] = (ranges[-1][0], hi)
        else:
            ranges.append((lo, hi))
    return ranges


def _word_pieces(text: str, starts: list[int]) -> dict[str, list[int]]:
    """For each trigger word of the text, the pieces it occurs in, in order."""
    wanted = _all_triggers()
    lower = text.lower()
    if len(lower) != len(text):  # a rare letter whose lower case is longer: offsets move
        lower = "".join(ch.lower()[:1] or ch for ch in text)
    found: dict[str, list[int]] = {}
    findall, has_digit = _TOKEN.findall, _HAS_DIGIT.search
    size = len(lower)
    # no word runs across two pieces (they end at a line break or before the space after a
    # sentence end): each piece's words are read apart, and compared with the triggers in one
    # set operation; a digit anywhere in a piece is a digit in one of its words
    for piece, lo in enumerate(starts):
        hi = starts[piece + 1] if piece + 1 < len(starts) else size
        words = findall(lower, lo, hi)
        if not words:
            continue
        for key in wanted.intersection(words):
            found.setdefault(key, []).append(piece)
        if has_digit(lower, lo, hi):
            found.setdefault(DIGIT, []).append(piece)
    return found


_TOKEN = re.compile(r"\w+")
_HAS_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _all_triggers() -> frozenset[str]:
    return frozenset(w for rule in load_rules() for w in rule.trigger or ())


def find_candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    starts = _segments(text)
    pieces = _word_pieces(text, starts)
    by_trigger: dict[frozenset[str], list[tuple[int, int]]] = {}
    for rule in load_rules():
        if rule.trigger is None:
            ranges = [(0, len(text))]
        elif (ranges := by_trigger.get(rule.trigger)) is None:  # type: ignore[assignment]
            hit = sorted({i for w in rule.trigger for i in pieces.get(w, ())})
            ranges = by_trigger[rule.trigger] = _ranges(starts, hit, len(text))
        for m in (m for lo, hi in ranges for m in rule.regex.finditer(text, lo, hi)):
            start, end = m.start(), m.end()
            try:
                pre_end = m.end("pre")
            except IndexError:
                pre_end = -1
            if pre_end >= 0:
                start = pre_end
                while start < end and text[start].isspace():
                    start += 1
            if start >= end:
                continue
            check = start
            if "lead" in rule.regex.groupindex and m.end("lead") >= 0:
                check = m.end("lead")
                while check < end and text[check].isspace():
                    check += 1
            if rule.not_after is not None and _ends_with(rule.not_after, text[max(0, check - 40):check]):
                continue
            if rule.not_before is not None and rule.not_before.search(text[end:end + 40]):
                continue
            found.append(Candidate(rule, m, start, end))
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then the earlier rule; in text order."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rule.order, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _stated_year(c: Candidate) -> str | None:
    """The four-digit year a kept expression states ("2024", "le 3 février 2024"), if any."""
    if "year" not in c.rule.regex.groupindex:
        return None
    year = c.match.group("year")
    return year if year and len(year) == 4 else None


def tag(text: str, published: str | None, oracle: TenseOracle | None = None) -> list[Timex]:
    dct = parse_anchor(published)
    ctx = Context(text=text, dct=dct, oracle=oracle or NoOracle(), vetting=True)
    # veto first (ages, counts that are no years...), with the publication date as reference
    valid = [c for c in find_candidates(text) if normalise(c, ctx) is not None]
    kept = select(valid)
    ctx.vetting = False
    ctx.text_years = tuple(sorted({int(y) for c in kept if (y := _stated_year(c)) is not None}))
    results: list[tuple[Candidate, Result]] = []
    ref_id: str | None = None
    ids = {id(c): f"t{i + 1}" for i, c in enumerate(kept)}

    def next_date(c: Candidate, link: re.Pattern[str]) -> Anchor | None:
        """The date of what "la veille de ..." is anchored to, when the text gives it next."""
        for other in kept:
            if other.start < c.end:
                continue
            gap = text[c.end:other.start]
            if other.start - c.end > 60 or re.search(r"[.;!?]", gap) or not link.match(gap):
                return None
            result = normalise(other, ctx)
            if result is not None and _DAY_VALUE.match(result.value):
                ctx_next[0] = ids[id(other)]
                return parse_anchor(result.value[:10])
            return None
        return None

    ctx_next: list[str | None] = [None]
    ctx.next_date = next_date
    noun_index: dict[str, set[tuple[str, str, int, int]]] | None = None

    def noun_date(noun: str, pos: int) -> tuple[Anchor, str] | None:
        """The one date the text gives next to a noun ("la visite ..., prévue le 12 mai")."""
        nonlocal noun_index
        if noun_index is None:
            noun_index = {}
            for other in kept:
                if other.rule.name not in _DATES_A_NOUN:
                    continue
                result = normalise(other, ctx)
                if result is None or not _DAY_VALUE.match(result.value):
                    continue
                lo, hi, window = _sentence_window(text, other.start, other.end)
                for word in _WORDS.findall(window):
                    noun_index.setdefault(fold(word), set()).add((result.value[:10], ids[id(other)], lo, hi))
        found = noun_index.get(noun) or noun_index.get(noun.rstrip("s")) or set()
        # not the sentence asking: "le 3 mai, deux jours avant l'élection" does not date the election
        found = {f for f in found if not f[2] <= pos < f[3]}
        if len({f[0] for f in found}) != 1:
            return None
        value, timex_id, _lo, _hi = sorted(found)[0]
        anchor = parse_anchor(value)
        return (anchor, timex_id) if anchor is not None else None

    ctx.noun_date = noun_date
    past_ref_id: str | None = None
    month_ref_id: str | None = None
    for c in kept:
        ctx_next[0] = None
        result = normalise(c, ctx)
        if result is None:
            continue
        if result.anchor == "ref":
            result.anchor = ref_id
        elif result.anchor == "past_ref":
            result.anchor = past_ref_id
        elif result.anchor == "month_ref":
            result.anchor = month_ref_id
        elif result.anchor == "next":
            result.anchor = ctx_next[0]
        results.append((c, result))
        if c.rule.name in _NARRATIVE_SOURCES and _DAY_VALUE.match(result.value) \
                and not _deadline_cue().search(text[max(0, c.start - 20):c.start]) \
                and not (c.rule.name in _EXPLICIT and _ASIDE_CUE.search(text, max(0, c.start - 60), c.start)
                         and ctx.oracle.in_aside(c.start, c.end)):
            ctx.ref = parse_anchor(result.value[:10])
            if result.value.endswith("TNI") and ctx.ref is not None:
                ctx.nights.append(ctx.ref)
            ctx.ref_start = c.start
            ref_id = ids[id(c)]
            if dct is None or dct.date is None or result.value[:10] <= dct.value():
                ctx.past_ref = ctx.ref
                past_ref_id = ref_id
                ctx.back_to_writing = -1
            elif result.anchor == "dct" and ctx.past_ref is not None and ctx.back_to_writing < 0:
                ctx.back_to_writing = c.start
            if dct is not None and dct.precision == "M" and ctx.ref is not None \
                    and (ctx.ref.year, ctx.ref.month) == (dct.year, dct.month):
                ctx.month_ref = ctx.ref
                month_ref_id = ref_id
    timexes = []
    renumber = {}
    for i, (c, _r) in enumerate(results):
        renumber[ids[id(c)]] = f"t{i + 1}"
    for i, (c, r) in enumerate(results):
        anchor = renumber.get(r.anchor, r.anchor) if r.anchor else None
        timexes.append(Timex(id=f"t{i + 1}", start=c.start, end=c.end, text=text[c.start:c.end],
                             type=r.type, value=r.value, mod=r.mod, anchor=anchor))  # type: ignore[arg-type]
    return timexes
