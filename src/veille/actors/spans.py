"""The working record of the actors stage, and the per-document context every step reads."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from veille.actors.kb import KnowledgeBase, parse_date
from veille.actors.vocab import Vocab
from veille.pipeline import doc_text

_TIMEX_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")
# no publication date: resolve roles as of "now" in the knowledge base (deterministic)
FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(slots=True)
class Cand:
    """A mention being built: character span, token span, and what it refers to."""

    start: int
    end: int
    ts: int  # first token
    te: int  # token after the last
    type: str
    kind: str  # name, description, group, institution, pronoun, demonym
    entity: str | None = None
    link: str | None = None
    gender: str | None = None
    name_start: int | None = None  # where the name begins after an honorific ("M. |Trump")
    label: str | None = None  # spaCy NER label of a name
    alias: str | None = None  # another name of the entity this mention shows ("prince William")

    def name_text(self, text: str) -> str:
        """The name without its honorific, from the document's text (`ctx.text`)."""
        return text[self.name_start if self.name_start is not None else self.start:self.end]


def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """A TIMEX date value (`2025`, `2025-02`, `2025-02-14`, `2025-W07`) as a day interval."""
    if not value:
        return None
    m = _TIMEX_DATE.match(value)
    if not m:
        return None
    try:
        if m.group(4):
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(4)), 1)
            return monday, monday + dt.timedelta(days=6)
        return parse_date(value), parse_date(value, end=True)
    except ValueError:
        return None


@dataclass
class Context:
    """One document being annotated."""

    doc: Doc
    text: str  # doc.text, computed once (spaCy rebuilds it on every access)
    kb: KnowledgeBase
    vocab: Vocab
    published: tuple[dt.date, dt.date] | None = None
    # sentence start token -> (timex char start, interval)
    timex_dates: list[tuple[int, tuple[dt.date, dt.date]]] = field(default_factory=list)
    sent_of: list[int] = field(default_factory=list)  # token index -> sentence index
    sents: list[Span] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, kb: KnowledgeBase, vocab: Vocab) -> Context:
        pub: Any = doc._.published
        ctx = cls(doc=doc, text=doc_text(doc), kb=kb, vocab=vocab, published=period(getattr(pub, "value", None)))
        for t in doc._.timexes or []:
            if getattr(t, "type", None) == "DATE":
                p = period(getattr(t, "value", None))
                if p and not _noun_complement(ctx.text, t.start):
                    ctx.timex_dates.append((t.start, p))
        ctx.sents = list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") \
            else [doc[:]]
        ctx.sent_of = [0] * len(doc)
        for i, s in enumerate(ctx.sents):
            ctx.sent_of[s.start:s.end] = [i] * (s.end - s.start)
        return ctx

    def date_at(self, token_index: int) -> tuple[dt.date, dt.date]:
        """The date a description is read at: an absolute date in its sentence, else publication."""
        if 0 <= token_index < len(self.doc):
            sent = self.sents[self.sent_of[token_index]]
            lo, hi = sent.start_char, sent.end_char
            here = self.doc[token_index].idx
            inside = [(abs(start - here), p) for start, p in self.timex_dates if lo <= start < hi]
            if inside:
                return min(inside, key=lambda x: x[0])[1]
        return self.published or (FAR_FUTURE, FAR_FUTURE)

    def sentence(self, token_index: int) -> int:
        return self.sent_of[token_index] if 0 <= token_index < len(self.sent_of) else 0


_OF_BEFORE = re.compile(r"(?:^|\s)(?:du|des|de|d['’])\s*$")


def _noun_complement(text: str, start: int) -> bool:
    """ "les législatives du 23 février": a date that qualifies a noun is not when the sentence
    happens ("Le dirigeant, vainqueur des législatives du 23 février, a prêté serment")."""
    return bool(_OF_BEFORE.search(text[max(0, start - 4):start])) and " au " not in text[start:start + 12]


def is_subject(tok: Token) -> bool:
    dep = tok.dep_
    if dep.startswith("nsubj") or dep == "expl:subj":
        return True
    if dep in ("appos", "flat:name", "conj", "fixed") and tok.head is not tok:
        return is_subject(tok.head) if tok.head.i < tok.i else False
    return False


def span_root(doc: Doc, ts: int, te: int) -> Token:
    """The token of [ts, te) whose head lies outside the span (the first such one)."""
    for i in range(ts, te):
        h = doc[i].head.i
        if h < ts or h >= te or h == i:
            return doc[i]
    return doc[ts]
