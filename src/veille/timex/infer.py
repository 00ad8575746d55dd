"""Publication dates of undated articles (origin `text`, then `inferred`): a corpus step.

First, a day the text states itself (a timestamp line or dateline of the page, a lead such as
"aujourd'hui jeudi 24 août 2023": see `dateline`) dates a document whose metadata gives no day,
or refines a metadata month that contains it (origin `text`); a metadata day is never replaced.
`infer_publication_dates(store)` runs after ingestion. For each document without a date it
gathers evidence, each piece a bound on the writing date:

- the text itself: "Hier dimanche 5 mai 2024" (a relative day next to a full date) fixes the day;
  "plus de 40 mois après l'invasion du 24 février 2022" gives a lower bound; dates told in a
  past clause are not after the writing; titles of office holders ("le secrétaire d'État Marco
  Rubio") bound it by their tenure (the actors knowledge base, when that stage is installed);
- the corpus: other, dated articles that date the same event. With the events stage, stored
  event mentions of the same type and place or participants; without it, the same weekday
  said about the same story (shared names and words) in an article whose date resolves it.
  A bare weekday in news speaks of the current week, so the article is dated to that week.

It states only the precision the bounds justify (a day, an ISO week, a month, a year) and never
guesses beyond them. A document it dates is analysed again with the new anchor
(pipeline.reanchor) and replaced in the store, so its relative expressions get values.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language

from veille.model import Document, Published, Source
from veille.store import Store
from veille.timex import dates
from veille.timex.normalize import NoOracle, TenseOracle
from veille.timex.vocab import fold, table

log = logging.getLogger(__name__)

_FULL_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
# "d'ici 2030", "prévu pour le 3 mai": a date that may lie after the writing
_FUTURE_CUE = re.compile(r"(?:d['’]ici|jusqu['’](?:en|à|au)|avant|prévu\w*\s+(?:pour|en|le))\s*$", re.IGNORECASE)
# thresholds of the corpus weekday matching (names Jaccard; summed IDF of shared words)
MIN_STORY_SIMILARITY = 0.35
MIN_SHARED_EVIDENCE = 0.5  # times log(number of articles): the rarity of one word in two articles
# a week is claimed only when at least this many weekday mentions of the article point to it
MIN_AGREEING_MENTIONS = 2
_SENT = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_NAME = re.compile(r"\b[A-ZÉÈÀ][\w’'-]{2,}")
_STOP = frozenset(["alors", "aussi", "autre", "avant", "avec", "avoir", "cette", "celle", "celui", "comme", "dans", "depuis", "donc", "elle", "elles", "entre", "être", "leur", "leurs", "mais", "même", "moins", "notre", "nous", "pendant", "plus", "pour", "quand", "quelle", "quelles", "selon", "sont", "sous", "tout", "toute", "tous", "toutes", "très", "vers", "votre", "vous", "avait", "avaient", "était", "étaient", "ayant", "été", "cela", "ceci", "dont", "lors", "après", "encore", "déjà", "ainsi", "contre", "chez", "parce", "puis", "sans", "doit", "doivent", "fait", "faire", "peut", "pourrait"])


@dataclass
class Bounds:
    lo: dt.date | None = None
    hi: dt.date | None = None
    why: list[str] = field(default_factory=list)

    def after(self, day: dt.date, why: str) -> None:
        if self.lo is None or day > self.lo:
            self.lo = day
        self.why.append(why)

    def before(self, day: dt.date, why: str) -> None:
        if self.hi is None or day < self.hi:
            self.hi = day
        self.why.append(why)

    @property
    def consistent(self) -> bool:
        return self.lo is None or self.hi is None or self.lo <= self.hi


def period(value: str, end: bool = False) -> dt.date | None:
    """First (last with `end`) day of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value."""
    m = _PERIOD.match(value)
    if not m:
        return None
    y = int(m[1])
    if m[3]:
        try:
            return dt.date(y, int(m[2]), int(m[3]))
        except ValueError:
            return None
    if m[2]:
        month = int(m[2])
        if not 1 <= month <= 12:
            return None
        if not end:
            return dt.date(y, month, 1)
        ny, nm = dates.add_months(y, month, 1)
        return dt.date(ny, nm, 1) - dt.timedelta(days=1)
    return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)


def precise_value(lo: dt.date, hi: dt.date) -> str | None:
    """The most precise TIMEX value that contains the whole range lo..hi."""
    if lo > hi:
        return None
    if lo == hi:
        return lo.isoformat()
    if lo.isocalendar()[:2] == hi.isocalendar()[:2]:
        return dates.week_value(lo)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    if lo.year == hi.year:
        return f"{lo.year:04d}"
    return None


def _sentence_at(text: str, pos: int) -> str:
    for m in _SENT.finditer(text):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return m.group(0)
    return text[max(0, pos - 150):pos + 150]


def _content_words(text: str) -> set[str]:
    skip = _not_content()
    # a word holds no space: folding it is lower case and the ASCII apostrophe
    return {f for w in set(_WORD.findall(text)) if len(w) >= 5
            and (f := w.replace("’", "'").lower()) not in skip}


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    return frozenset(table("weekdays")) | frozenset(table("months")) | frozenset(
        ("semaine", "semaines", "heures", "année", "années", "aujourd'hui", "demain", "matin", "soir"))


@lru_cache(maxsize=1)
def _not_content() -> frozenset[str]:
    return _STOP | _calendar_words()


def _names(text: str) -> set[str]:
    return {f for n in set(_NAME.findall(text)) if (f := n.replace("’", "'").lower()) not in _STOP}


def _weekdays() -> dict[str, int]:
    return {k: int(v) for k, v in table("weekdays").items() if not k.endswith("s")}


def _bare_weekday(timex: dict[str, Any]) -> int | None:
    """The weekday of "jeudi", "ce jeudi", "jeudi soir" (not "jeudi 4 septembre")."""
    words = fold(timex["text"]).split()
    if words and words[0] in ("ce", "cet", "cette", "même"):
        words = words[1:]
    if not words or words[0] not in _weekdays() or any(w[:1].isdigit() for w in words):
        return None
    return _weekdays()[words[0]]


# ---- evidence from the text ---------------------------------------------------------------
def text_point(doc: dict[str, Any]) -> str | None:
    """ "Hier dimanche 5 mai 2024", "aujourd'hui 6 mai 2024": a relative day next to a full date."""
    days = table("relative", "days")
    timexes = doc["timexes"]
    text = doc["text"]
    for a, b in zip(timexes, timexes[1:], strict=False):
        word = fold(a["text"]).split(" ")[0]
        if word not in days or not re.fullmatch(r"\s*,?\s*", text[a["end"]:b["start"]]):
            continue
        day = period(b["value"][:10]) if _FULL_DAY.match(b["value"]) and b["anchor"] is None else None
        if day is not None:
            return (day - dt.timedelta(days=int(days[word]))).isoformat()
    return None


def text_bounds(doc: dict[str, Any], oracle: TenseOracle, bounds: Bounds) -> None:
    text = doc["text"]
    timexes = doc["timexes"]
    absolute = {t["id"] for t in timexes if t["anchor"] is None}
    for t in timexes:
        # a date given in full (or counted from one: "40 mois après l'invasion du 24 février
        # 2022"), in a clause that is not about the future, is not after the writing
        if t["type"] == "DATE" and (t["anchor"] is None or t["anchor"] in absolute) \
                and t.get("mod") not in ("LESS_THAN", "EQUAL_OR_LESS") and _PERIOD.match(t["value"]) \
                and not _FUTURE_CUE.search(text[max(0, t["start"] - 25):t["start"]]) \
                and oracle.direction(t["start"], t["end"]) != 1:
            day = period(t["value"])
            if day is not None:
                bounds.after(day, f"date told: {t['text']}")
    for a, b in zip(timexes, timexes[1:], strict=False):
        # "plus de 40 mois après l'invasion du 24 février 2022"
        m = re.fullmatch(r"P(\d+)([YMWD])", a["value"]) if a["type"] == "DURATION" else None
        gap = text[a["end"]:b["start"]]
        if m is None or len(gap) > 70 or not re.match(r"\s*après\b", gap, re.IGNORECASE) \
                or re.search(r"[.;!?]", gap) or not _FULL_DAY.match(b["value"]) or b["anchor"]:
            continue
        base = period(b["value"][:10])
        if base is None:
            continue
        n, unit = int(m[1]), m[2]
        anchor = dates.Anchor(base.year, base.month, base.day)
        moved = period(dates.shift_amount(anchor, unit, n, keep_day=True)[:10])
        if moved is not None and a.get("mod") in ("MORE_THAN", "EQUAL_OR_MORE", None):
            bounds.after(moved, f"{a['text']} après {b['text']}")


def tenure_bounds(doc: dict[str, Any], bounds: Bounds) -> None:
    """ "le secrétaire d'État Marco Rubio": the writing falls within one of his tenures."""
    try:
        from veille.actors.kb import load_kb
    except ImportError:
        return
    try:
        kb = load_kb(strict=False)
    except Exception as exc:  # the actors stage's data is not ours to validate
        log.debug("no knowledge base for tenures: %s", exc)
        return
    text = doc["text"]
    seen: set[tuple[str, str]] = set()
    for m in doc.get("mentions", []):
        entry = kb.entries.get(m.get("entity") or "") if hasattr(kb, "entries") else None
        if entry is None or not getattr(entry, "roles", None):
            continue
        before = fold(text[max(0, m["start"] - 45):m["start"]])
        for role in entry.roles:
            title = fold(role.title or "")
            if not title or title not in before or (m["entity"], title) in seen:
                continue
            if re.search(r"\b(?:ancien|ancienne|ex-|futur|future)\s*(?:\w+\s+)?" + re.escape(title), before):
                continue
            seen.add((m["entity"], title))
            spans = [(r.start, r.end) for r in entry.roles if fold(r.title or "") == title]
            starts = [s for s, _e in spans if s is not None]
            lo = min(starts) if starts else None
            open_ended = any(e is None for _s, e in spans)
            # several tenures (Trump 2017-2021, 2025-): keep those after the other lower bounds
            if bounds.lo is not None:
                later = [(s, e) for s, e in spans if e is None or e >= bounds.lo]
                if later:
                    starts = [s for s, _e in later if s is not None]
                    lo = min(starts) if starts else lo
                    open_ended = any(e is None for _s, e in later)
                    if not open_ended:
                        bounds.before(max(e for _s, e in later if e is not None), f"{title} {m['text']}")
            if lo is not None:
                bounds.after(lo, f"{title} {m['text']} (tenure)")
            if not open_ended and bounds.lo is None:
                ends = [e for _s, e in spans if e is not None]
                if ends:
                    bounds.before(max(ends), f"{title} {m['text']}")


# ---- evidence from the corpus -------------------------------------------------------------
@dataclass
class DatedMention:
    weekday: int
    date: dt.date
    words: set[str]
    doc_id: str


@dataclass
class PeriodMention:
    """A bare weekday in an article dated to a month only: the day is unknown, the month is not."""
    weekday: int
    period: str  # the article's month, "2025-03"
    words: set[str]
    doc_id: str


class CorpusIndex:
    """What the dated articles of the corpus say about which day, indexed for look-up.

    Built in one pass over the documents (`from_store` streams them): the dated ones give their
    names and their bare weekdays (indexed by weekday and by each content word around them: a
    match needs a shared word), every one counts in the word rarities, and the undated ones are
    kept aside for `infer_publication_dates`.
    """

    def __init__(self, docs: Iterable[dict[str, Any]] = (), everything: Iterable[dict[str, Any]] = ()):
        self.names: dict[str, set[str]] = {}
        self._df: dict[str, int] = defaultdict(int)
        self._counted = 0
        self.weekday_mentions: list[DatedMention] = []
        self.period_mentions: list[PeriodMention] = []
        # (weekday, content word) -> indices into weekday_mentions / period_mentions, ascending
        self.by_word: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.period_by_word: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.latest: dt.date | None = None
        self.undated: list[dict[str, Any]] = []
        docs = list(docs)
        for d in list(everything) or docs:
            self.count(d)
        for d in docs:
            self.add_dated(d)

    @classmethod
    def from_store(cls, store: Store, undated: set[str]) -> CorpusIndex:
        """One streamed pass over the store; the `undated` documents are kept in `self.undated`."""
        index = cls()
        for d in store.iter_documents():
            index.count(d)
            if d["id"] in undated:
                index.undated.append(d)
            elif d["published"]["value"]:
                index.add_dated(d)
        return index

    @property
    def n_docs(self) -> int:
        return max(self._counted, 1)

    @property
    def df(self) -> dict[str, int]:
        return self._df

    def count(self, d: dict[str, Any]) -> None:
        """How rare a word is in the whole corpus: a word every article uses ("Trump") tells nothing."""
        self._counted += 1
        for w in _content_words(d["text"]):
            self._df[w] += 1

    def add_dated(self, d: dict[str, Any]) -> None:
        self.names[d["id"]] = _names(d["text"]) | _entities(d)
        published = d["published"]["value"] or ""
        pub = period(published, end=True)
        if pub is not None and (self.latest is None or pub > self.latest):
            self.latest = pub
        for _pos, wd, day, month, words in _dated_weekdays(d):
            if day is not None:
                for w in words:
                    self.by_word[(wd, w)].append(len(self.weekday_mentions))
                self.weekday_mentions.append(DatedMention(wd, day, words, d["id"]))
            elif month is not None:
                for w in words:
                    self.period_by_word[(wd, w)].append(len(self.period_mentions))
                self.period_mentions.append(PeriodMention(wd, month, words, d["id"]))

    def candidates(self, wd: int, words: set[str], periods: bool = False, names: set[str] | None = None) -> list[int]:
        """Indices (ascending) of the dated weekday mentions sharing the weekday and a word.
        (`names`: those of the asking article; an index may leave out the mentions of articles
        too unlike it to match, see _story_match.)"""
        index = self.period_by_word if periods else self.by_word
        found: set[int] = set()
        for w in words:
            found.update(index.get((wd, w), ()))
        return sorted(found)

    def similarity(self, doc: dict[str, Any], other_id: str) -> float:
        return self.similarity_of(_names(doc["text"]) | _entities(doc), other_id)

    def similarity_of(self, names: set[str], other_id: str) -> float:
        b = self.names.get(other_id, set())
        return len(names & b) / len(names | b) if names and b else 0.0

    def weight(self, words: set[str]) -> float:
        """Summed rarity (inverse document frequency) of words."""
        return sum(math.log((self.n_docs + 1) / self._df.get(w, 1)) for w in words)


def _dated_weekdays(d: dict[str, Any]) -> Iterator[tuple[int, int, dt.date | None, str | None, set[str]]]:
    """(position, weekday, day, month, words around) of each bare weekday of a dated document that
    its date resolves: to a day, or (`month`) to the month the document is dated to."""
    published = d["published"]["value"] or ""
    for pos, t in enumerate(d["timexes"]):
        wd = _bare_weekday(t) if t["anchor"] == "dct" else None
        if not wd:
            continue
        day = period(t["value"][:10]) if _FULL_DAY.match(t["value"]) else None
        if day is not None and day.isoweekday() == wd:
            yield pos, wd, day, None, _content_words(_context(d["text"], t["start"]))
        elif day is None and _MONTH.match(published) and t["value"] == published:
            yield pos, wd, None, published, _content_words(_context(d["text"], t["start"]))


def _context(text: str, pos: int) -> str:
    """The sentence of a position and the ones around it."""
    return text[max(0, pos - 250):pos + 250]


def _entities(doc: dict[str, Any]) -> set[str]:
    return {m["entity"] for m in doc.get("mentions", []) if m.get("entity")}


def weekday_evidence(doc: dict[str, Any], corpus: CorpusIndex, oracle: TenseOracle,
                     bounds: Bounds) -> dt.date | None:
    """The day an undated article's bare weekdays refer to, from dated articles on the same story."""
    votes: dict[dt.date, float] = defaultdict(float)
    voters: dict[tuple[int, int], set[int]] = defaultdict(set)  # week -> the article's mentions
    tenses: dict[dt.date, set[int]] = defaultdict(set)
    directions: dict[int, int | None] = {}
    for t, m, score in _story_matches(doc, corpus, periods=False):
        assert isinstance(m, DatedMention)
        votes[m.date] += score
        voters[m.date.isocalendar()[:2]].add(t["start"])
        if t["start"] not in directions:  # asked once per weekday: the oracle may parse
            directions[t["start"]] = oracle.direction(t["start"], t["end"])
        direction = directions[t["start"]]
        if direction is not None:
            tenses[m.date].add(direction)
    if not votes:
        return None
    best = max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    week = best.isocalendar()[:2]
    by_week: dict[tuple[int, int], float] = defaultdict(float)
    for day, v in votes.items():
        by_week[day.isocalendar()[:2]] += v
    rivals = sorted((v for w, v in by_week.items() if w != week), reverse=True)
    if len(voters[week]) < MIN_AGREEING_MENTIONS or rivals and rivals[0] * 2 > by_week[week]:
        return None  # one mention, or another week nearly as likely: no claim
    for day in votes:
        if day.isocalendar()[:2] == week:
            if -1 in tenses[day]:
                bounds.after(day, f"weekday said in the past of {day}")
            if 1 in tenses[day]:
                bounds.before(day, f"weekday said in the future of {day}")
    monday = best - dt.timedelta(days=best.isoweekday() - 1)
    bounds.after(monday, f"bare weekday: the week of {best}")
    bounds.before(monday + dt.timedelta(days=6), f"bare weekday: the week of {best}")
    return best


def _story_matches(doc: dict[str, Any], corpus: CorpusIndex, periods: bool
                   ) -> Iterator[tuple[dict[str, Any], DatedMention | PeriodMention, float]]:
    """(bare weekday of `doc`, the dated or month-dated mention of another article it matches,
    how surely): candidates share the weekday and a word, then `_story_match` scores them."""
    names = _names(doc["text"]) | _entities(doc)
    pool: list[DatedMention] | list[PeriodMention] = corpus.period_mentions if periods else corpus.weekday_mentions
    for t in doc["timexes"]:
        wd = _bare_weekday(t)
        if wd is None:
            continue
        words = _content_words(_context(doc["text"], t["start"]))
        for i in corpus.candidates(wd, words, periods=periods, names=names):
            m = pool[i]
            score = _story_match(names, words, m, corpus)
            if score is not None:
                yield t, m, score


def _story_match(names: set[str], words: set[str], m: DatedMention | PeriodMention,
                 corpus: CorpusIndex) -> float | None:
    """How surely a weekday of an article (its `names`, `words` around the weekday) is the one of
    mention `m`: the same story has many names in common, and rare words around both weekdays.
    None: not the same. (Without a shared word there is no evidence: `corpus.candidates`.)"""
    sim = corpus.similarity_of(names, m.doc_id)
    if sim < MIN_STORY_SIMILARITY:
        return None
    evidence = corpus.weight(words & m.words)
    if evidence < MIN_SHARED_EVIDENCE * math.log(corpus.n_docs + 1):
        return None
    return sim + 0.1 * evidence


def period_evidence(doc: dict[str, Any], corpus: CorpusIndex, bounds: Bounds) -> str | None:
    """The month of an undated article whose bare weekdays tell the same story as articles dated
    to a month only ("mardi" in an article of 2025-03): the day is unknown, and a story told with
    bare weekdays is told within days, so the article belongs to that month. (A story on the
    last days of a month may spill into the next: the month is the precision the corpus gives.)"""
    votes: dict[str, float] = defaultdict(float)
    voters: dict[str, set[int]] = defaultdict(set)
    for t, m, score in _story_matches(doc, corpus, periods=True):
        assert isinstance(m, PeriodMention)
        votes[m.period] += score
        voters[m.period].add(t["start"])
    if not votes:
        return None
    best = max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    rivals = sorted((v for p, v in votes.items() if p != best), reverse=True)
    if len(voters[best]) < MIN_AGREEING_MENTIONS or rivals and rivals[0] * 2 > votes[best]:
        return None
    lo, hi = period(best), period(best, end=True)
    if lo is None or hi is None:
        return None
    bounds.after(lo, f"bare weekdays told in articles of {best}")
    bounds.before(hi, f"bare weekdays told in articles of {best}")
    return best


class EventIndex:
    """Stored event mentions (events stage), indexed once: by document, and the dated ones by
    (type, participant): a match needs the same type and a shared participant. A mention is
    dated when it gives a day and its document is dated (not `undated`: a date the inference
    gave is no evidence for another, so the order articles arrive in does not matter)."""

    def __init__(self, mentions: Iterable[dict[str, Any]], undated: Collection[str] = ()):
        self.own: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.dated: list[dict[str, Any]] = []
        self.by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.dated_docs: dict[str, int] = defaultdict(int)  # document -> its dated mentions
        for m in mentions:
            self.own[m["document_id"]].append(m)
            if m.get("date") and _FULL_DAY.match(m["date"]) and m.get("doc_published") \
                    and m["document_id"] not in undated:
                for p in sorted(set(m.get("participants") or [])):
                    self.by_key[(m["type"], p)].append(len(self.dated))
                self.dated_docs[m["document_id"]] += 1
                self.dated.append(m)

    def own_of(self, doc_id: str) -> list[dict[str, Any]]:
        return self.own.get(doc_id, [])

    def keys_of(self, doc_id: str) -> set[tuple[str, str]]:
        return {(m["type"], p) for m in self.own.get(doc_id, []) for p in m.get("participants") or []}

    def others(self, m: dict[str, Any], wd: int | None = None) -> list[dict[str, Any]]:
        """Dated mentions of other documents with m's type and one of its participants (in
        memory, all of them: `wd` narrows only the store's look-up, _event_match decides)."""
        found: set[int] = set()
        for p in set(m.get("participants") or []):
            found.update(self.by_key.get((m["type"], p), ()))
        return [self.dated[i] for i in sorted(found) if self.dated[i]["document_id"] != m["document_id"]]


WeekdayRow = tuple[int, str, str, int, int, str | None, str | None, list[str]]  # Store.infer_weekdays_of
HOLD_NAMES_FROM = 12  # documents to infer from which the names of the store are read once (hold_names:
# at 10,000 documents, reading them costs about what eight look-ups of Store.infer_similar cost)


class _HeldNames:
    """The names of every indexed document in memory (as postings of document numbers):
    Store.infer_similar's answers, counted with numpy."""

    def __init__(self, rows: Iterable[tuple[str, str, int]]):
        import numpy as np

        numbers: dict[str, int] = {}
        sizes: list[int] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for name, doc_id, n in rows:
            j = numbers.get(doc_id)
            if j is None:
                j = numbers[doc_id] = len(sizes)
                sizes.append(n)
            postings[name].append(j)
        self.ids = list(numbers)
        self.sizes = np.array(sizes, dtype=np.int64)
        self.postings = {name: np.array(found, dtype=np.int64) for name, found in postings.items()}

    def similar(self, names: set[str], threshold: float) -> dict[str, tuple[int, int]]:
        import numpy as np

        hits = [self.postings[name] for name in sorted(names) if name in self.postings]
        if not hits:
            return {}
        a = len(names)
        shared = np.bincount(np.concatenate(hits), minlength=len(self.ids))
        least = max(1, math.ceil(threshold * a - 1e-9))  # the same tests as Store.infer_similar
        keep = (shared >= least) & (shared + 1e-9 >= threshold * (a + self.sizes - shared))
        return {self.ids[j]: (int(shared[j]), int(self.sizes[j])) for j in np.flatnonzero(keep)}


class StoreCorpus(CorpusIndex):
    """The CorpusIndex of the whole store, read from its evidence tables (which `index_evidence`
    keeps) as the look-ups ask: an inference reads what its document touches, not the corpus.
    Gives the answers `CorpusIndex.from_store` gives (a test compares them)."""

    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self._counted = store.infer_n_docs()
        ends = [p for v in store.dated_publications() if (p := period(v, end=True)) is not None]
        self.latest = max(ends) if ends else None
        self._loaded: dict[int, int] = {}  # stored mention id -> its index in its list
        self._sims_for: set[str] | None = None  # the names of the article asking, and its similarities
        self._sims: dict[str, float] = {}
        # the bare weekdays of the documents in _sims (Store.infer_weekdays_of) with their word
        # sets, by (weekday, dated to a month only), in the store's order
        self._their_weekdays: dict[tuple[int, bool], list[tuple[WeekdayRow, set[str]]]] = {}
        self._rows_of: dict[str, list[tuple[WeekdayRow, set[str]]]] = {}  # document -> its bare weekdays
        self._rows_held = 0
        self._held: _HeldNames | None = None

    def candidates(self, wd: int, words: set[str], periods: bool = False, names: set[str] | None = None) -> list[int]:
        """Indices of the dated weekday mentions sharing the weekday and a word, in the order of a
        pass over the store (the order CorpusIndex gives them); with `names`, only those of
        articles similar enough to match (_story_match rejects the others before anything else)."""
        if names is not None:
            return self._similar_candidates(wd, words, periods, names)
        keys = self.store.infer_weekday_candidates(periods, wd, words)
        missing = {row[1] for row in keys if row[1] not in self.names}
        found = self.store.infer_names(missing)
        for doc_id in missing:
            self.names[doc_id] = set(found.get(doc_id, ()))
        rows = self.store.infer_weekday_mentions([row[0] for row in keys if row[0] not in self._loaded])
        out = []
        for mention_id, doc_id, _source, _pos in keys:
            i = self._loaded.get(mention_id)
            if i is not None:
                out.append(i)
                continue
            day, month, mention_words = rows[mention_id]
            if periods:
                i = len(self.period_mentions)
                self.period_mentions.append(PeriodMention(wd, month or "", set(mention_words), doc_id))
            else:
                i = len(self.weekday_mentions)
                self.weekday_mentions.append(
                    DatedMention(wd, dt.date.fromisoformat(day or ""), set(mention_words), doc_id))
            self._loaded[mention_id] = i
            out.append(i)
        return out

    def _similar_candidates(self, wd: int, words: set[str], periods: bool, names: set[str]) -> list[int]:
        """`candidates` for an article with these names: the store gives the documents similar
        enough (Store.infer_similar, from the counts of shared names: the similarities
        similarity_of computes) and their bare weekdays, once per article; those on weekday `wd`
        sharing a word are the ones infer_weekday_candidates gives of these documents."""
        if names is not self._sims_for:
            if self._sims_for is None or names != self._sims_for:  # the next article asking
                similar = (self._held.similar(names, MIN_STORY_SIMILARITY) if self._held is not None
                           else self.store.infer_similar(names, MIN_STORY_SIMILARITY))
                self._sims = {doc_id: shared / (len(names) + n - shared) for doc_id, (shared, n) in similar.items()}
                self._sims = {doc_id: sim for doc_id, sim in self._sims.items() if sim >= MIN_STORY_SIMILARITY}
                self._their_weekdays = defaultdict(list)
                for row, row_words in self._weekdays_of(self._sims):
                    self._their_weekdays[(row[4], row[5] is None)].append((row, row_words))
            self._sims_for = names
        out = []
        for row, mention_words in self._their_weekdays.get((wd, periods), ()):
            mention_id, doc_id, _source, _pos, _weekday, day, month, _words = row
            if mention_words.isdisjoint(words):
                continue
            i = self._loaded.get(mention_id)
            if i is None:
                if periods:
                    i = len(self.period_mentions)
                    self.period_mentions.append(PeriodMention(wd, month or "", mention_words, doc_id))
                else:
                    i = len(self.weekday_mentions)
                    self.weekday_mentions.append(DatedMention(wd, dt.date.fromisoformat(day or ""), mention_words, doc_id))
                self._loaded[mention_id] = i
            out.append(i)
        return out

    def _weekdays_of(self, doc_ids: Collection[str]) -> list[tuple[WeekdayRow, set[str]]]:
        """Store.infer_weekdays_of with their word sets, kept from one article to the next (the
        same stories are asked about again) up to LOADED_MENTIONS of them."""
        missing = [doc_id for doc_id in doc_ids if doc_id not in self._rows_of]
        if self._rows_held > LOADED_MENTIONS:
            self._rows_of.clear()
            self._rows_held = 0
            missing = list(doc_ids)
        for doc_id in missing:
            self._rows_of[doc_id] = []
        for row in self.store.infer_weekdays_of(missing):
            self._rows_of[row[1]].append((row, set(row[7])))
            self._rows_held += 1
        rows = [item for doc_id in doc_ids for item in self._rows_of[doc_id]]
        rows.sort(key=lambda item: (item[0][2], item[0][1], item[0][3]))
        return rows

    def hold_names(self) -> None:
        """Read the names of every indexed document once (for a run that infers many documents:
        one pass instead of a look-up per document); the similar documents then come from them."""
        self._held = _HeldNames(self.store.infer_all_names())

    def similarity_of(self, names: set[str], other_id: str) -> float:
        if names is self._sims_for and other_id in self._sims:
            return self._sims[other_id]
        if other_id not in self.names:
            self.names[other_id] = set(self.store.infer_names([other_id]).get(other_id, ()))
        return super().similarity_of(names, other_id)

    def forget(self) -> None:
        """Drop what the look-ups loaded (between two documents, so that memory stays bounded)."""
        self.weekday_mentions.clear()
        self.period_mentions.clear()
        self._loaded.clear()
        self.names.clear()
        self._sims_for, self._sims, self._their_weekdays = None, {}, {}
        self._rows_of.clear()
        self._rows_held = 0
        self._df.clear()

    def weight(self, words: set[str]) -> float:
        missing = [w for w in words if w not in self._df]
        if missing:
            found = self.store.infer_df(missing)
            for w in missing:
                self._df[w] = found.get(w, 1)  # an unknown word counts as in one document, as in CorpusIndex
        return super().weight(words)


class StoreEvents:
    """EventIndex's look-ups asked of the store: the mentions of the documents being inferred,
    and for each the dated mentions of its type and participants elsewhere."""

    def __init__(self, store: Store, doc_ids: Iterable[str]):
        self.store = store
        self.own: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self._asked: dict[tuple[str, tuple[str, ...], int | None, str | None], list[dict[str, Any]]] = {}
        for m in store.event_mentions_of(doc_ids):
            self.own[m["document_id"]].append(m)

    def own_of(self, doc_id: str) -> list[dict[str, Any]]:
        return self.own.get(doc_id, [])

    def others(self, m: dict[str, Any], wd: int | None = None) -> list[dict[str, Any]]:
        """Those _event_match can accept: on weekday `wd` when told on one, else at m's place."""
        if wd is None and not m.get("place"):
            return []
        key = (m["type"], tuple(sorted(set(m.get("participants") or []))), wd, None if wd else m["place"])
        found = self._asked.get(key)
        if found is None:
            if len(self._asked) >= 256:  # the same meetings recur; memory stays bounded
                self._asked.clear()
            found = self._asked[key] = self.store.dated_event_mentions(*key)
        return [o for o in found if o["document_id"] != m["document_id"]]


def event_evidence(doc: dict[str, Any], mentions: list[dict[str, Any]] | EventIndex | StoreEvents,
                   bounds: Bounds) -> bool:
    """Stored event mentions (events stage) of this article matched to dated ones elsewhere."""
    events = mentions if isinstance(mentions, EventIndex | StoreEvents) else EventIndex(mentions)
    own = events.own_of(doc["id"])
    if not own:
        return False
    timex_by_id = {t["id"]: t for t in doc["timexes"]}
    times = {em["id"]: timex_by_id.get(em.get("time") or "") for em in doc.get("event_mentions", [])}
    found = False
    for m in own:
        timex = times.get(m["id"])
        wd = _bare_weekday(timex) if timex else None
        for o in events.others(m, wd):
            found = _event_match(m, wd, o, bounds) or found
    return found


def _event_match(m: dict[str, Any], wd: int | None, o: dict[str, Any], bounds: Bounds) -> bool:
    """Bound the writing of the article of event mention `m` (told on bare weekday `wd`) by the
    dated mention `o` of another article, if they tell the same event."""
    same_place = bool(m.get("place")) and m.get("place") == o.get("place")
    ours, theirs = set(m.get("participants") or []), set(o.get("participants") or [])
    shared = len(ours & theirs)
    day = period(o["date"][:10])
    if day is None or wd is not None and day.isoweekday() != wd:
        return False
    # the same people meet often: ask for the same place too, or the same weekday and mostly
    # the same people (a talk of two on a Saturday is not the call of six held another Saturday)
    if not (same_place and shared >= 1 or wd is not None and shared >= 2 and 2 * shared >= len(ours | theirs)):
        return False
    if wd is not None:
        monday = day - dt.timedelta(days=wd - 1)
        bounds.after(monday, f"event {m['type']} on {day} (weekday)")
        bounds.before(monday + dt.timedelta(days=6), f"event {m['type']} on {day} (weekday)")
    if m.get("status") == "occurred":
        bounds.after(day, f"event {m['type']} occurred {day}")
    elif m.get("status") in ("planned", "proposed"):
        bounds.before(day, f"event {m['type']} planned for {day}")
    return True


def _event_folds(store: Store, new: set[str], undated: set[str]) -> dict[str, Bounds]:
    """The bounds the dated event mentions of the new documents give each undated document
    (event_evidence restricted to them, read from the evidence tables): bounds being a maximum
    and a minimum, they fold into what the earlier mentions gave."""
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for o in store.event_mentions_of(new, dated=True):
        by_type[o["type"]].append(o)
    folds: dict[str, Bounds] = {}
    for type_, others in sorted(by_type.items()):
        by_participant: dict[str, list[int]] = defaultdict(list)  # a match shares a participant
        for i, o in enumerate(others):
            for p in set(o["participants"]):
                by_participant[p].append(i)
        for doc_id, place, parts, wd, status in store.undated_events(type_):
            found = sorted({i for p in set(parts) for i in by_participant.get(p, ())})
            if doc_id not in undated or not found:
                continue
            m = {"type": type_, "place": place, "participants": parts, "status": status}
            bounds = folds.get(doc_id) or Bounds()
            if any([_event_match(m, wd, others[i], bounds) for i in found if others[i]["document_id"] != doc_id]):
                folds[doc_id] = bounds
    return folds


# ---- the corpus step ----------------------------------------------------------------------
def infer_date(doc: dict[str, Any], corpus: CorpusIndex, mentions: list[dict[str, Any]] | EventIndex | StoreEvents,
               oracle: TenseOracle | None = None) -> tuple[str | None, list[str]]:
    """(TIMEX value, reasons) for one undated article, or (None, reasons)."""
    point, bounds = evidence_bounds(doc, corpus, mentions, oracle)
    if point:
        return point, bounds.why
    return conclude(bounds, corpus.latest)


def evidence_bounds(doc: dict[str, Any], corpus: CorpusIndex,
                    mentions: list[dict[str, Any]] | EventIndex | StoreEvents,
                    oracle: TenseOracle | None = None) -> tuple[str | None, Bounds]:
    """(the day the text states, or None; the bounds its text and the corpus give)."""
    oracle = oracle or NoOracle()
    point = text_point(doc)
    bounds = Bounds()
    if point:
        bounds.why.append("relative day next to a full date")
        return point, bounds
    text_bounds(doc, oracle, bounds)
    tenure_bounds(doc, bounds)
    event_evidence(doc, mentions, bounds)
    if weekday_evidence(doc, corpus, oracle, bounds) is None:
        period_evidence(doc, corpus, bounds)
    return None, bounds


def conclude(bounds: Bounds, latest: dt.date | None) -> tuple[str | None, list[str]]:
    """The value the bounds justify (see precise_value), with the reasons."""
    if bounds.lo is not None and bounds.hi is None and latest is not None and latest >= bounds.lo:
        # nothing bounds it from above: take the article to belong to the period its corpus covers
        bounds.before(latest, "latest dated article of the corpus")
    if bounds.lo is None or bounds.hi is None or not bounds.consistent:
        return None, bounds.why
    return precise_value(bounds.lo, bounds.hi), bounds.why


def _open_value(lo: str, latest: str | None) -> str | None:
    """What `conclude` gives for a lower bound alone and this latest date."""
    low = dt.date.fromisoformat(lo)
    high = dt.date.fromisoformat(latest) if latest else None
    return precise_value(low, high) if high is not None and high >= low else None


def _oracle_for(text: str, nlp: Language | None = None) -> TenseOracle:
    try:
        from veille.pipeline import shared_nlp
        from veille.timex.tense import DocOracle, parse_only

        nlp = nlp or shared_nlp()
        with parse_only(nlp):
            doc = nlp(text)
        return DocOracle(doc)
    except Exception as exc:  # no model: dates from the text without tenses
        log.debug("no parser for tense: %s", exc)
        return NoOracle()


def _document(d: dict[str, Any], published: Published) -> Document:
    return Document(id=d["id"], source=d["source"], text=d["text"], title=d.get("title"),
                    language=d.get("language", "fr"), published=published, url=d.get("url"),
                    sources=[Source(s["source"], s.get("url"), s.get("title")) for s in d.get("sources", [])])


def _within(day: dt.date, value: str | None) -> bool:
    """Whether a day lies inside a less precise publication value (`2025`, `2025-06`, `2025-W26`)."""
    if not value:
        return True
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        return day.isocalendar()[:2] == (int(week[1]), int(week[2]))
    lo, hi = period(value), period(value, end=True)
    return lo is not None and hi is not None and lo <= day <= hi


def stated_publication_dates(store: Store, reanalyse: bool = True, nlp: Language | None = None,
                             new_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Days the text itself states (a timestamp line, a dateline, "aujourd'hui jeudi 24 août 2023")
    for documents whose metadata gives no day (none, or only a month): origin `text`.
    A day-precise date is never replaced, and a less precise one only refined within itself.
    `new_ids`: look at these documents only (the others were looked at when they came in)."""
    from veille.timex.dateline import text_publication_day

    found: dict[str, str] = {}
    ids = store.documents_without_day(new_ids)
    batches = (list(store.iter_documents(ids=ids[i:i + INDEX_BATCH])) for i in range(0, len(ids), INDEX_BATCH))
    for d in (d for batch in batches for d in batch):  # read before any is replaced, a batch at a time
        value, origin = d["published"]["value"], d["published"]["origin"]
        if origin == "text" or value and _FULL_DAY.match(value):
            continue
        day = text_publication_day(d["text"])
        if day is None or not _within(day, value if origin == "metadata" else None):
            continue
        log.info("publication day %s stated in the text of %s", day, d["source"])
        found[d["id"]] = day.isoformat()
        published = Published(day.isoformat(), "text")
        store.set_published(d["id"], day.isoformat(), "text")
        if reanalyse:
            from veille.pipeline import reanchor

            store.replace_document(reanchor(_document(d, published), published, nlp))
    return found


def _affected(corpus: CorpusIndex, events: EventIndex, new: set[str]) -> set[str]:
    """The undated documents that the new documents' evidence can reach: a bare weekday sharing
    the weekday and a word with one of theirs, in an article similar enough to match (see
    _story_match), or an event mention event_evidence matches (_event_match). (The reference for
    `_reached` and `_event_folds`, which ask the evidence tables.)"""
    new_events = [m for m in events.dated if m["document_id"] in new]
    reached: set[str] = set()
    for d in corpus.undated:
        timexes = {t["id"]: t for t in d["timexes"]}
        times = {em["id"]: timexes.get(em.get("time") or "") for em in d.get("event_mentions", [])}
        if any(m["type"] == o["type"] and o["document_id"] != d["id"]
               and _event_match(m, _bare_weekday(t) if (t := times.get(m["id"])) else None, o, Bounds())
               for m in events.own_of(d["id"]) for o in new_events):
            reached.add(d["id"])
            continue
        names = _names(d["text"]) | _entities(d)
        for t in d["timexes"]:
            wd = _bare_weekday(t)
            if wd is None:
                continue
            words = _content_words(_context(d["text"], t["start"]))
            if any(_story_match(names, words, m, corpus) is not None
                   for index, pool in ((corpus.by_word, corpus.weekday_mentions),
                                       (corpus.period_by_word, corpus.period_mentions))
                   for w in words for i in index.get((wd, w), ()) if (m := pool[i]).doc_id in new):
                reached.add(d["id"])
                break
    return reached


def _original(d: dict[str, Any]) -> dict[str, Any]:
    """What inference reads of an undated document's analysis (kept once it is analysed again)."""
    return {"timexes": d["timexes"], "event_mentions": d.get("event_mentions", []),
            "mentions": [{"start": m["start"], "end": m["end"], "text": m["text"], "entity": m["entity"]}
                         for m in d.get("mentions", []) if m.get("entity")]}


def _as_first_analysed(d: dict[str, Any], original: dict[str, Any] | None) -> dict[str, Any]:
    """A document dated by an earlier inference, with the analysis it had without that date."""
    if original is None or d["published"]["origin"] != "inferred":
        return d
    return d | original


def evidence_entry(d: dict[str, Any], counted: bool = False, original: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
    """What the evidence tables keep of a stored document (Store.write_infer_index): its content
    words (unless `counted` already), and for a dated one its names and resolved bare weekdays,
    for an undated one its names, the (weekday, word) keys its bare weekdays can be reached by
    and (not dated yet) its analysis. `original`: the analysis without a date of one dated by
    inference."""
    text = d["text"]
    entry: dict[str, Any] = {"id": d["id"], "words": None if counted else sorted(_content_words(text))}
    value, origin = d["published"]["value"], d["published"]["origin"]
    if value is None or origin in ("inferred", "unknown"):
        first = _as_first_analysed(d, original)
        keys: set[tuple[int, str]] = set()
        for t in first["timexes"]:
            wd = _bare_weekday(t)
            if wd is not None:
                keys.update((wd, w) for w in _content_words(_context(text, t["start"])))
        entry["undated_keys"] = sorted(keys)
        timexes = {t["id"]: t for t in first["timexes"]}
        entry["undated_events"] = [
            (em["type"], em.get("place"), sorted(set(em.get("participants") or [])),
             _bare_weekday(timexes[em["time"]]) if em.get("time") in timexes else None, em.get("status"))
            for em in first.get("event_mentions", [])]
        entry["names"] = sorted(_names(text) | _entities(first))
        if value is None:
            entry["original"] = _original(d)
    elif value:
        weekdays = [(d["source"], pos, wd, day.isoformat() if day else None, month, sorted(words))
                    for pos, wd, day, month, words in _dated_weekdays(d)]
        if weekdays:
            entry["names"] = sorted(_names(text) | _entities(d))
            entry["weekdays"] = weekdays
    return entry


INDEX_BATCH = 200  # documents indexed per store transaction


def index_documents(store: Store, docs: Iterable[dict[str, Any]]) -> None:
    """Index documents just stored (ingestion calls this as it writes them, with the analysed
    documents it holds: nothing is read back)."""
    batch: list[dict[str, Any]] = []
    for d in docs:
        batch.append(evidence_entry(d))
        if len(batch) >= INDEX_BATCH:
            store.write_infer_index(batch)
            batch = []
    if batch:
        store.write_infer_index(batch)


def index_evidence(store: Store) -> int:
    """Bring the evidence tables up to date: index the documents never indexed (a store from
    before them, an ingest that did not index) and those whose date or analysis changed since.
    Streams them; returns how many."""
    todo = store.infer_unindexed()
    counted = dict(todo)
    originals = store.infer_originals(counted)
    batch: list[dict[str, Any]] = []
    for d in store.iter_documents(ids=[doc_id for doc_id, _c in todo]):
        batch.append(evidence_entry(d, counted[d["id"]], originals.get(d["id"])))
        if len(batch) >= INDEX_BATCH:
            store.write_infer_index(batch)
            batch = []
    if batch:
        store.write_infer_index(batch)
    return len(todo)


class _SavedOracle:
    """The tense directions saved at analysis (Store.timex_directions), parsing only for a span
    not saved (a store from before they were saved)."""

    def __init__(self, text: str, saved: dict[str, int | None] | None, nlp: Language | None):
        self.text = text
        self.saved = saved or {}
        self.nlp = nlp
        self._parsed: TenseOracle | None = None

    def _oracle(self) -> TenseOracle:
        if self._parsed is None:
            self._parsed = _oracle_for(self.text, self.nlp)
        return self._parsed

    def direction(self, start: int, end: int) -> int | None:
        key = f"{start}:{end}"
        if key in self.saved:
            return self.saved[key]
        return self._oracle().direction(start, end)

    def is_nummod(self, start: int, end: int) -> bool:
        return self._oracle().is_nummod(start, end)

    def said_now(self, start: int, end: int) -> bool:
        return self._oracle().said_now(start, end)

    def in_aside(self, start: int, end: int) -> bool:
        return self._oracle().in_aside(start, end)


def timex_directions(doc: Any, timexes: Iterable[Any]) -> dict[str, int | None]:
    """The tense direction of each TIMEX span of an analysed spaCy Doc (saved at analysis for
    an undated document, so that inference needs no second parse)."""
    from veille.timex.tense import DocOracle

    oracle = DocOracle(doc)
    return {f"{t.start}:{t.end}": oracle.direction(t.start, t.end) for t in timexes}


LOADED_MENTIONS = 20000  # dated weekday mentions kept loaded from one inferred document to the next
REANCHOR_BATCH = 16  # dated documents analysed again together (one nlp.pipe batch)


def _reanchor_all(store: Store, items: list[tuple[dict[str, Any], Published]], nlp: Language | None) -> None:
    from veille.pipeline import analyze

    for doc in analyze([_document(d, published) for d, published in items], nlp, batch_size=REANCHOR_BATCH):
        store.replace_document(doc)


def _reached(store: Store, new: set[str]) -> set[str]:
    """The undated documents a bare weekday of the new documents may match (Store.infer_reached_words:
    the same weekday and words around it), in articles similar enough, by words rare enough
    (_story_match's two tests; the words are those around any of the undated article's bare
    weekdays on that weekday: as many as around one of them or more, so none that can match is
    left out). A document these cannot reach keeps what its last inference gave."""
    shared: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    for undated, dated, mention, word in store.infer_reached_words(new):
        shared[(undated, dated, mention)].add(word)
    names = {doc_id: set(found) for doc_id, found in store.infer_names({i for k in shared for i in k[:2]}).items()}
    df = store.infer_df({w for words in shared.values() for w in words})
    n_docs = max(store.infer_n_docs(), 1)
    least = MIN_SHARED_EVIDENCE * math.log(n_docs + 1) - 1e-9  # (with a margin for the order of the sum)
    reached: set[str] = set()
    for (undated, dated, _mention), words in sorted(shared.items()):
        a, b = names.get(undated, set()), names.get(dated, set())
        if undated not in reached and a and b and len(a & b) / len(a | b) >= MIN_STORY_SIMILARITY \
                and sum(math.log((n_docs + 1) / df.get(w, 1)) for w in sorted(words)) >= least:
            reached.add(undated)
    return reached


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def infer_publication_dates(store: Store, reanalyse: bool = True, nlp: Language | None = None,
                            new_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Date every undated document the evidence allows; returns {document id: value} for the
    dates set ("" for a date an earlier run gave that the evidence no longer gives).

    `new_ids` (the documents this ingest stored; None: all): only the new undated documents, the
    old undated ones their evidence reaches (`_reached`: a weekday match or an event key) and
    those closed by the latest dated article when it has moved are looked at again, each from
    the analysis it had without a date: the dates are those one ingest of everything gives,
    whatever order the articles came in (but for the word rarities, which move a little with
    every article: that drift alone does not re-open a document).
    The corpus is never read whole: the evidence tables (`index_evidence`) answer the look-ups,
    and only the documents inferred are read.
    """
    new = set(new_ids) if new_ids is not None else None
    found = stated_publication_dates(store, reanalyse, nlp, new_ids=new)
    index_evidence(store)
    undated = set(store.undated_documents())
    if not undated:
        if found:
            index_evidence(store)
        return found
    corpus = StoreCorpus(store)
    latest = _iso(corpus.latest)
    todo = undated if new is None else undated & new
    folds: dict[str, Bounds] = {}
    if todo != undated:  # (an ingest of every undated document needs no look-up)
        todo |= _reached(store, new or set()) & undated
        folds = _event_folds(store, new or set(), undated - todo)
        # a lower bound alone, closed by the latest dated article: concluded again if that moved
        for doc_id, (_point, lo, _hi, then) in store.infer_bounds().items():
            if doc_id in undated and _open_value(lo or "", then) != _open_value(lo or "", latest):
                folds.setdefault(doc_id, Bounds())
    known = store.infer_bounds(undated)
    todo |= undated - set(known)  # never inferred from the tables (a store from before them): in full
    changed: dict[str, str | None] = {}  # document -> its new value
    recorded: list[tuple[str, str | None, str | None, str | None, str | None]] = []
    if todo:
        if len(todo) >= HOLD_NAMES_FROM:
            corpus.hold_names()
        events = StoreEvents(store, todo)
        originals = store.infer_originals(todo)
        for stored in store.iter_documents(ids=todo):
            if stored["published"]["origin"] in ("metadata", "text"):
                recorded.append((stored["id"], None, None, None, latest))  # not ours to date
                continue
            d = _as_first_analysed(stored, originals.get(stored["id"]))
            if d is not stored:  # its evidence as a first inference reads it, not its re-analysis
                events.own[d["id"]] = sorted(({**em, "document_id": d["id"]} for em in d["event_mentions"]),
                                             key=lambda em: em["id"])
            oracle = _SavedOracle(d["text"], store.timex_directions(d["id"]), nlp)
            if len(corpus.weekday_mentions) + len(corpus.period_mentions) > LOADED_MENTIONS:
                corpus.forget()
            point, bounds = evidence_bounds(d, corpus, events, oracle)
            recorded.append((d["id"], point, _iso(bounds.lo), _iso(bounds.hi), latest))
            value, why = (point, bounds.why) if point else conclude(bounds, corpus.latest)
            if d["published"]["value"] != value and not (value is None and d is stored and d["published"]["value"]):
                # (a date from an older veille, whose analysis without it is unknown, is kept)
                log.info("inferred %s for %s: %s", value, d["source"], "; ".join(why))
                changed[d["id"]] = value
    folded = sorted(doc_id for doc_id in folds if doc_id in known and doc_id not in todo)
    if folded:
        published = store.publications(folded)
        originals = store.infer_originals(folded)
        for doc_id in folded:
            point, lo, hi, _then = known[doc_id]
            if point:
                continue  # its text states the day: nothing else counts
            bounds = Bounds(_date(lo), _date(hi))
            extra = folds[doc_id]
            if extra.lo is not None:
                bounds.after(extra.lo, "; ".join(extra.why))
            if extra.hi is not None:
                bounds.before(extra.hi, "; ".join(extra.why))
            recorded.append((doc_id, None, _iso(bounds.lo), _iso(bounds.hi), latest))
            value, why = conclude(bounds, corpus.latest)
            current = published.get(doc_id, (None, "unknown"))
            if current[0] != value and not (value is None and current[0] and doc_id not in originals):
                log.info("inferred %s for %s: %s", value, doc_id, "; ".join(why))
                changed[doc_id] = value
    if recorded:
        store.set_infer_bounds(recorded)
    redo: list[tuple[dict[str, Any], Published]] = []
    originals = store.infer_originals(changed)
    for d in store.iter_documents(ids=changed):
        value = changed[d["id"]]
        found[d["id"]] = value or ""
        published_as = Published(value, "inferred" if value else "unknown")
        store.set_published(d["id"], published_as.value, published_as.origin)
        if reanalyse:
            redo.append((_as_first_analysed(d, originals.get(d["id"])), published_as))
            if len(redo) >= REANCHOR_BATCH:
                _reanchor_all(store, redo, nlp)
                redo = []
    if redo:
        _reanchor_all(store, redo, nlp)
    if found:
        index_evidence(store)  # the documents dated here (no longer undated, or analysed again)
    return found
