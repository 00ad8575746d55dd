"""Subject pronouns (`il`, `elle`, `-t-il`, `-t-elle`) resolved to the most salient compatible
antecedent: same gender, nearest sentence, subjects first. Emitted with link="pronoun" so the
quote stage can attribute "« ... », a-t-il ajouté".
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Token

from veille.actors.names import fold
from veille.actors.spans import Cand, Context, is_subject, span_root

MAX_SENTENCES_BACK = 2


def _impersonal(tok: Token, ctx: Context) -> bool:
    vocab = ctx.vocab
    doc = ctx.doc
    if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "y":
        return True
    head = tok.head
    if fold(head.lemma_) in vocab.impersonal:
        return True
    # "il est important que / de ...": copula + clause
    return bool(head.pos_ in ("ADJ", "NOUN") and any(c.dep_ == "cop" for c in head.children) and any(c.dep_ in ("ccomp", "csubj", "xcomp", "advcl") for c in head.children))


def _gender(c: Cand, ctx: Context, known: dict[str, str]) -> str | None:
    if c.gender:
        return c.gender
    if c.entity and c.entity in known:
        return known[c.entity]
    if c.entity and c.entity in ctx.kb and ctx.kb[c.entity].gender:
        return ctx.kb[c.entity].gender
    if c.type != "PER" or c.kind in ("description", "group"):
        root = span_root(ctx.doc, c.ts, c.te)
        g = root.morph.get("Gender", [])
        if g:
            return "m" if g[0] == "Masc" else "f"
    return None


def _has_article(c: Cand, ctx: Context) -> bool:
    doc = ctx.doc
    first = fold(doc[c.ts].text)
    prev = fold(doc[c.ts - 1].text) if c.ts > 0 else ""
    return first in ("le", "la", "l'") or prev in ("le", "la", "l'")


_OPEN = {"«": "»", "“": "”", '"': '"'}
_OPENERS = re.compile("[«“\"]")


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character spans between quotation marks (« », “ ”, straight double quotes)."""
    regions: list[tuple[int, int]] = []
    i = 0
    while True:
        m = _OPENERS.search(text, i)  # jump to the next opening mark
        if m is None:
            return regions
        i = m.start()
        j = text.find(_OPEN[text[i]], i + 1)
        newline = text.find("\n", i + 1)
        if j > i and (newline < 0 or j < newline):  # a quotation stays within its paragraph
            regions.append((i, j + 1))
            i = j + 1
        else:
            i += 1


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in regions)


def _salient_subject(c: Cand, ctx: Context) -> bool:
    """A subject, including the inverted subject of a reporting verb ("», a dit un conseiller")."""
    root = span_root(ctx.doc, c.ts, c.te)
    if is_subject(root):
        return True
    head = root.head
    return root.dep_ == "obj" and head.i < root.i and head.pos_ == "VERB" and \
        not any(ch.dep_.startswith("nsubj") for ch in head.children) and \
        any(t.text == "," for t in ctx.doc[max(head.i - 3, 0):head.i])


def resolve_pronouns(ctx: Context, mentions: list[Cand]) -> list[Cand]:
    doc, vocab = ctx.doc, ctx.vocab
    out: list[Cand] = []
    quotes = quoted_regions(ctx.text)
    # an entity's gender, learnt from any of its mentions ("Mme X", "la ministre, X")
    known: dict[str, str] = {}
    for c in mentions:
        if c.entity and c.gender and c.type == "PER":
            known.setdefault(c.entity, c.gender)
    outer = [c for c in mentions if c.kind == "group" or (c.kind == "description" and not c.entity)]
    pool = sorted((c for c in mentions
                   if not _inside(c.start, quotes)
                   and not any(o is not c and o.start <= c.start and c.end <= o.end for o in outer)),
                  key=lambda c: c.ts)
    pool_ts = [c.ts for c in pool]
    # only the tokens that are pronoun forms are looked at (no Token object for the others)
    forms = {doc.vocab.strings.add(f) for f in [*vocab.pronouns, *vocab.stressed]}
    at = [i for i, h in enumerate(doc.to_array("LOWER").tolist()) if h in forms]
    for i in at:
        tok = doc[i]
        low = tok.lower_
        # "Lui qui a critiqué...": a stressed pronoun opening a clause before "qui"
        stressed = low in vocab.stressed and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "qui" \
            and (tok.i == 0 or doc[tok.i - 1].is_punct or doc[tok.i - 1].is_space)
        if not stressed and (low not in vocab.pronouns or tok.pos_ != "PRON"):
            continue
        # an inverted clitic ("a-t-il", "dit-elle") is always a subject, whatever the parse says
        if not (stressed or tok.dep_.startswith("nsubj") or tok.text.startswith("-")):
            continue
        if (not stressed and _impersonal(tok, ctx)) or _inside(tok.idx, quotes):
            continue
        gender = vocab.stressed[low] if stressed else vocab.pronouns[low]
        sent = ctx.sentence(tok.i)
        best: tuple[tuple[int, int, int, int], Cand] | None = None
        # the candidates of the last MAX_SENTENCES_BACK sentences: a slice of the sorted pool
        first = ctx.sents[max(sent - MAX_SENTENCES_BACK, 0)].start if ctx.sents else 0
        window = pool[bisect_left(pool_ts, first):bisect_left(pool_ts, tok.i)]
        for c in window + out:
            if c.ts >= tok.i:
                continue
            dist = sent - ctx.sentence(c.ts)
            if dist > MAX_SENTENCES_BACK or dist < 0:
                continue
            if c.type not in ("PER",) and not (c.type in ("ORG", "GPE") and _has_article(c, ctx)):
                continue
            if c.kind == "demonym":
                continue
            g = _gender(c, ctx, known)
            if g is not None and g != gender:
                continue
            subj = _salient_subject(c, ctx) or c.kind == "pronoun"
            # same sentence: nearest subject before; earlier sentences: main subjects, leftmost
            order = -c.ts if dist == 0 else c.ts
            key = (dist, 0 if subj else 1, 0 if c.type == "PER" else 1, order)
            if best is None or key < best[0]:
                best = (key, c)
        if best is None:
            continue
        ante = best[1]
        start = tok.idx + (1 if tok.text.startswith("-") else 0)
        out.append(Cand(start=start, end=tok.idx + len(tok.text), ts=tok.i, te=tok.i + 1,
                        type=ante.type, kind="pronoun", entity=ante.entity, link="pronoun",
                        gender=gender))
    return out
