"""Tense of the clause a time expression attaches to, read from spaCy's parse and morphology.

A bare weekday points back in a past clause ("s'est ouvert jeudi", "a déclaré mercredi") and
forward in a future or conditional one ("vont acter jeudi", "sera passé jeudi", "rechercherons
jeudi"). We climb from the expression to the verb it depends on, then read Tense, Mood and
VerbForm of the verb and of its auxiliaries; an infinitive takes the direction of the verb that
governs it, forward when that verb is prospective (relative.yaml: prospective_verbs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from veille.resources import load_resource
from veille.timex.vocab import fold

_AUX_DEPS = {"aux", "aux:tense", "aux:pass", "cop", "aux:caus"}


@lru_cache(maxsize=1)
def prospective_verbs() -> frozenset[str]:
    return frozenset(fold(w) for w in load_resource("timex", "relative").get("prospective_verbs") or [])


def _has(token: Token, feature: str, value: str) -> bool:
    return value in token.morph.get(feature, [])


def verb_direction(verb: Token, depth: int = 0) -> int | None:
    auxes = [c for c in verb.children if c.dep_ in _AUX_DEPS and c.pos_ == "AUX"]
    infinitive = _has(verb, "VerbForm", "Inf")
    participle = _has(verb, "VerbForm", "Part")
    verbal_infinitive = participle and bool(auxes) and all(_has(a, "VerbForm", "Inf") for a in auxes)
    if verbal_infinitive:
        # "doit être signé vendredi", "après avoir signé jeudi": an infinitive, read like one
        infinitive, participle = True, False
    if participle and auxes and fold(verb.lemma_) in prospective_verbs() \
            and all(a.dep_ == "aux:pass" and _has(a, "Tense", "Pres") for a in auxes):
        return 1  # "il est attendu dans la soirée", "le vote est prévu jeudi"
    for a in auxes:
        lemma = fold(a.lemma_)
        if lemma == "aller" and infinitive:
            return -1 if _has(a, "Tense", "Imp") and not infinitive else 1
        if lemma == "venir" and infinitive:
            return -1
    for a in auxes:
        if _has(a, "Tense", "Fut") or _has(a, "Mood", "Cnd"):
            return 1
    if _has(verb, "Tense", "Fut") or _has(verb, "Mood", "Cnd"):
        return 1
    if participle and not auxes and fold(verb.lemma_) in prospective_verbs():
        # "la réunion, attendue vendredi, aura lieu": forward unless the clause it sits in is past
        # ("le report de la réunion, initialement prévue jeudi, avait été annoncé")
        host = clause_verb(verb.head) if verb.head is not verb and depth < 3 else None
        if host is not None and host is not verb:
            d = verb_direction(host, depth + 1)
            if d == -1:
                return -1
        return 1
    if participle and (auxes or _has(verb, "Tense", "Past")):
        if any(_has(a, "Tense", "Pres") or _has(a, "Tense", "Imp") or _has(a, "Tense", "Past")
               or _has(a, "VerbForm", "Part") for a in auxes):
            return -1
        return -1
    if not verbal_infinitive and (_has(verb, "Tense", "Imp") or _has(verb, "Tense", "Past")):
        return -1
    if infinitive or (verb.pos_ == "VERB" and not verb.morph.get("Tense", [])):
        head = verb.head
        if head is verb or depth > 3:
            return None
        if head.pos_ in ("VERB", "AUX"):
            if fold(head.lemma_) in prospective_verbs():
                d = verb_direction(head, depth + 1)
                return 1 if d in (None, 0, 1) else 1 if _has(head, "Tense", "Imp") else -1
            return verb_direction(head, depth + 1)
        return None
    if _has(verb, "Tense", "Pres"):
        return 0
    return None


def _tense(token: Token) -> str | None:
    tenses = token.morph.get("Tense", [])
    return str(tenses[0]) if tenses else None


def finite_tense(verb: Token, depth: int = 0) -> str | None:
    """Tense of the finite verb a clause hangs on: "doit s'envoler" Pres, "devait signer" Imp."""
    for a in verb.children:
        if a.dep_ in _AUX_DEPS and a.pos_ == "AUX" and _has(a, "VerbForm", "Fin"):
            return _tense(a)
    if _has(verb, "VerbForm", "Fin"):
        return _tense(verb)
    if verb.dep_ == "xcomp" and verb.head is not verb and depth < 3:
        return finite_tense(verb.head, depth + 1)
    return None


def adjacent_verb(token: Token) -> Token | None:
    """A verb right before the expression ("a déclaré mercredi", "rechercherons jeudi").

    The parser sometimes hangs a weekday on the wrong word; the verb just before it, in the
    same clause, is then the better witness of its tense.
    """
    i = token.i - 1
    for _ in range(3):
        if i < token.sent.start:
            return None
        tok = token.doc[i]
        if tok.pos_ == "VERB" or tok.pos_ == "AUX" and tok.dep_ not in _AUX_DEPS:
            return tok
        if tok.pos_ not in ("ADV", "PRON", "PART", "AUX"):
            return None
        i -= 1
    return None


def clause_verb(token: Token) -> Token | None:
    """The verb the token's clause is built on: the verb just before it, else up the tree."""
    near = adjacent_verb(token)
    if near is not None:
        return near
    tok = token
    for _ in range(8):
        if tok.pos_ == "VERB" or tok.pos_ == "AUX" and tok.dep_ not in _AUX_DEPS:
            return tok
        if tok.head is tok:
            break
        tok = tok.head
    # no verb above: a title or a nominal sentence; look for the sentence's main verb
    root = token.sent.root if token.doc.has_annotation("DEP") else None
    if root is not None and root.pos_ in ("VERB", "AUX"):
        return root
    return None


class DocOracle:
    """Tense and counting information from a parsed spaCy Doc."""

    def __init__(self, doc: Doc, offset: int = 0):
        self.doc = doc
        self.offset = offset
        # the same spans are asked about several times (vetting, then normalising, then the
        # narrative's anchors): the parse does not change, so each answer is computed once
        self._roots: dict[tuple[int, int], Token | None] = {}
        self._directions: dict[tuple[int, int], int | None] = {}
        self._has_dep: bool | None = None

    @property
    def parsed(self) -> bool:
        """Whether the doc has a dependency parse (`has_annotation` visits every token: asked once)."""
        if self._has_dep is None:
            self._has_dep = self.doc.has_annotation("DEP")
        return self._has_dep

    def _root(self, start: int, end: int) -> Token | None:
        key = (start, end)
        if key in self._roots:
            return self._roots[key]
        span = self.doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        self._roots[key] = root
        return root

    def direction(self, start: int, end: int) -> int | None:
        if not self.parsed:
            return None
        key = (start, end)
        if key in self._directions:
            return self._directions[key]
        root = self._root(start, end)
        verb = clause_verb(root) if root is not None else None
        found = verb_direction(verb) if verb is not None else None
        self._directions[key] = found
        return found

    def said_now(self, start: int, end: int) -> bool:
        if not self.parsed:
            return False
        root = self._root(start, end)
        verb = clause_verb(root) if root is not None else None
        return verb is not None and finite_tense(verb) in ("Pres", "Fut")

    def in_aside(self, start: int, end: int) -> bool:
        if not self.parsed:
            return False
        root = self._root(start, end)
        verb = root.head if root is not None and root.dep_ in ("obl", "obl:mod", "obl:arg") else None
        return verb is not None and verb.dep_ == "acl" and _has(verb, "VerbForm", "Part") \
            and verb.head.pos_ in ("NOUN", "PROPN")

    def is_nummod(self, start: int, end: int) -> bool:
        if not self.parsed:
            return False
        root = self._root(start, end)
        if root is None:
            return False
        return root.dep_ == "nummod" and root.head.pos_ == "NOUN" and root.head.i > root.i


_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[«A-ZÀ-Ý\"'])|\n+")


class LazyOracle:
    """Parses only the sentences that a question is asked about (for the stand-alone tagger)."""

    def __init__(self, text: str, nlp: Language):
        self.text = text
        self.nlp = nlp
        self._cache: dict[int, DocOracle] = {}
        self._bounds: list[tuple[int, int]] | None = None

    def _sentence(self, pos: int) -> tuple[int, int]:
        if self._bounds is None:
            bounds, last = [], 0
            for m in _SENTENCE_END.finditer(self.text):
                bounds.append((last, m.start()))
                last = m.end()
            bounds.append((last, len(self.text)))
            self._bounds = bounds
        for s, e in self._bounds:
            if s <= pos < e or pos == e:
                return s, e
        return 0, len(self.text)

    def _oracle(self, pos: int) -> DocOracle:
        s, e = self._sentence(pos)
        if s not in self._cache:
            doc = self.nlp(self.text[s:e])
            self._cache[s] = DocOracle(doc, offset=s)
        return self._cache[s]

    def direction(self, start: int, end: int) -> int | None:
        return self._oracle(start).direction(start, end)

    def is_nummod(self, start: int, end: int) -> bool:
        return self._oracle(start).is_nummod(start, end)

    def said_now(self, start: int, end: int) -> bool:
        return self._oracle(start).said_now(start, end)

    def in_aside(self, start: int, end: int) -> bool:
        return self._oracle(start).in_aside(start, end)


def parse_only(nlp: Language) -> Any:
    """The components of a loaded model the oracle needs (no NER, no veille stages)."""
    return nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in
                                    ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")])
