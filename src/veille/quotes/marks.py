"""Find spans between quotation marks in French news text.

Handles « », “ ”, „ “, straight double quotes, single quotes (' and ‘ ’, told apart from the
apostrophe of `qu'il`, `l'Ukraine`, `aujourd'hui`) and AFP's `+...+` inner quotes. A quote may
run over several sentences and paragraphs: French typography reopens a long quote with « (or ")
at the start of each new paragraph without closing the previous one.

Quotes nested in another quote (inner quotes) are not reported: they belong to the outer one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# the longest run of text a quote may cover before we give up on pairing its marks
MAX_QUOTE_CHARS = 4000


@dataclass(frozen=True, slots=True)
class Marked:
    """Text between two quotation marks: [start, end) is inside the marks, [open, close) with them."""

    open: int
    start: int
    end: int
    close: int
    mark: str  # the opening mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.start, self.end


_WORD = re.compile(r"\w", re.UNICODE)


def _is_word(ch: str) -> bool:
    return bool(ch) and bool(_WORD.match(ch))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding white space (never past each other)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_GUILLEMET = re.compile("[«»]")


@functools.cache
def _chars(chars: str) -> re.Pattern[str]:
    """A regex matching any one of `chars`."""
    return re.compile("[" + re.escape(chars) + "]")


def _paragraph_starts(text: str) -> set[int]:
    """Offsets of the first non-blank character of each paragraph (line)."""
    starts = set()
    for m in re.finditer(r"(?:^|\n)[ \t\u00a0]*(?=\S)", text):
        starts.add(m.end())
    return starts


def _pair_guillemets(text: str, para_starts: set[int]) -> list[Marked]:
    """« ... » pairs; a « opening a paragraph inside an open quote continues it."""
    found: list[Marked] = []
    open_at: int | None = None

    def close_unclosed(at: int) -> None:
        # a quote opened at the start of a sentence that its paragraph never closes (a cut
        # text, or an outlet that does not close before the next paragraph): up to the break
        assert open_at is not None
        before = text[:open_at].rstrip()
        if open_at in para_starts or before.endswith((":", ".", "!", "?")) and at - open_at <= MAX_QUOTE_CHARS:
            s, e = _strip(text, open_at + 1, at)
            if e > s:
                found.append(Marked(open_at, s, e, e, "«"))

    if "«" not in text:
        return found
    # only guillemets and paragraph starts change anything: visit those positions, in order
    positions = sorted(para_starts.union(m.start() for m in _GUILLEMET.finditer(text)))
    for i in positions:
        ch = text[i]
        if open_at is not None and i in para_starts and ch != "«":
            close_unclosed(i)
            open_at = None
        if ch == "«":
            if open_at is None:
                open_at = i
            elif i in para_starts:
                continue  # continuation mark of a multi-paragraph quote
            else:
                open_at = i  # an unclosed « before: restart from this one
        elif ch == "»" and open_at is not None:
            if i - open_at <= MAX_QUOTE_CHARS:
                s, e = _strip(text, open_at + 1, i)
                if e > s:
                    found.append(Marked(open_at, s, e, i + 1, "«"))
            open_at = None
    if open_at is not None:
        close_unclosed(len(text))
    return found


def _pair_curly(text: str, opener: str, closer: str) -> list[Marked]:
    """Typographic pairs whose opening and closing marks differ (“ ”)."""
    found: list[Marked] = []
    open_at: int | None = None
    if opener not in text:
        return found
    for m in _chars(opener + closer).finditer(text):  # the marks only, in text order
        i, ch = m.start(), m.group()
        if ch == opener:
            open_at = i
        elif ch == closer and open_at is not None:
            if i - open_at <= MAX_QUOTE_CHARS:
                s, e = _strip(text, open_at + 1, i)
                if e > s:
                    found.append(Marked(open_at, s, e, i + 1, opener))
            open_at = None
    if open_at is not None and opener == "“":
        _cut_at_end(text, open_at, found)
    return found


def _can_open(text: str, i: int) -> bool:
    """A mark opens a quote when nothing word-like touches it on the left and text follows."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word(before) and not after.isspace() and after not in ",;.:!?"


def _can_close(text: str, i: int) -> bool:
    """A mark closes a quote when text precedes it and no word is glued on its right."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not _is_word(after)


def _pair_straight(text: str, mark: str, para_starts: set[int]) -> list[Marked]:
    """Straight " or ' (and ‘ ’): a mark opens when it is not glued to a word on its left and
    closes when not glued to a word on its right; an apostrophe between letters does neither."""
    found: list[Marked] = []
    open_at: int | None = None
    for m in _chars(mark).finditer(text):  # the marks only, in text order
        i = m.start()
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if _is_word(before) and _is_word(after):
            continue  # apostrophe: l'Ukraine, aujourd'hui
        if open_at is not None and text.count("\n", open_at, i) and i in para_starts and mark == '"':
            # a paragraph reopening an unclosed straight quote continues it
            continue
        if open_at is None:
            if _can_open(text, i):
                open_at = i
            continue
        if _can_close(text, i):
            if i - open_at <= MAX_QUOTE_CHARS and (mark == '"' or "\n" not in text[open_at:i]):
                s, e = _strip(text, open_at + 1, i)
                if e > s:
                    found.append(Marked(open_at, s, e, i + 1, text[open_at]))
            open_at = None
        elif _can_open(text, i):
            open_at = i  # the previous opener was a stray mark
    if open_at is not None and mark == '"':
        _cut_at_end(text, open_at, found)
    return found


# the longest unclosed quote taken to run to the end of a cut text
CUT_QUOTE_CHARS = 600


def _cut_at_end(text: str, open_at: int, found: list[Marked]) -> None:
    """A quote opened in the last paragraph of a text cut before its closing mark (news
    excerpts stop mid-sentence): it runs to the end, unless the text ends cleanly."""
    rest = text[open_at + 1:]
    if "\n" in rest.strip() or len(rest) > CUT_QUOTE_CHARS or rest.rstrip()[-1:] in ".!?…»\"":
        return
    s, e = _strip(text, open_at + 1, len(text))
    if e > s:
        found.append(Marked(open_at, s, e, e, text[open_at]))


def _pair_plus(text: str) -> list[Marked]:
    """AFP's +...+ quotes: `la +Coalition des volontaires+`."""
    found = []
    for m in re.finditer(r"(?<![\w+])\+(?=[^\s\d+])([^+\n]{1,200}?)(?<=[^\s+])\+(?![\w+])", text):
        s, e = _strip(text, m.start(1), m.end(1))
        found.append(Marked(m.start(), s, e, m.end(), "+"))
    return found


def find_marked(text: str) -> list[Marked]:
    """Every outermost quoted span of `text`, in text order."""
    paras = _paragraph_starts(text)
    primary = _pair_guillemets(text, paras)
    primary += _pair_curly(text, "“", "”")
    primary += _pair_curly(text, "„", "“")
    primary += _pair_straight(text, '"', paras)
    # a text whose curly marks all lean one way (”...” or “...“, from a keyboard or a converter
    # that does not tell opening from closing) uses that one mark as a straight quote
    for mark, other in (("”", "“"), ("“", "”")):
        if mark in text and other not in text:
            primary += _pair_straight(text, mark, paras)
    primary = _outermost(primary)
    secondary = _pair_straight(text, "'", paras) + _pair_straight(text, "‘’", paras) + _pair_plus(text)
    kept = list(primary)
    for m in secondary:
        if not any(p.open <= m.open < p.close or m.open <= p.open < m.close for p in primary):
            kept.append(m)
    return _outermost(kept)


def _outermost(spans: list[Marked]) -> list[Marked]:
    spans = sorted(spans, key=lambda m: (m.open, -m.close))
    out: list[Marked] = []
    for m in spans:
        if out and m.open < out[-1].close:
            continue  # nested in (or overlapping) the previous one
        out.append(m)
    return out
