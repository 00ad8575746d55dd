"""Names: spaCy's NER corrected (boundaries, types, junk) plus knowledge-base names it missed."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from veille.actors.matchers import Matchers
from veille.actors.names import fold
from veille.actors.spans import Cand, Context

# characters never part of a name's edges: typographic emphasis (+deal+), quotes, brackets
_EDGE = "+*«»\"“”‘’'()[]{}<>,;:!?–—-_/|#=~ \t\n\u00a0"
_HYPHENATED = re.compile(r"^([A-ZÀ-Ý][\w’']+)-([A-ZÀ-Ý][\w’']+)$")
NER_TYPES = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE", "MISC": "MISC"}


def _token_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def _trim(doc: Doc, start: int, end: int, ctx: Context) -> tuple[int, int]:
    """Strip emphasis characters and a leading article (`l'Elysée` -> `Elysée`)."""
    text = ctx.text
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _EDGE:
            start += 1
            changed = True
        while end > start and text[end - 1] in _EDGE:
            end -= 1
            changed = True
        piece = text[start:end].replace("’", "'")
        if ctx.kb.lookup(piece):
            break
        for art in ("l'", "L'", "le ", "la ", "les ", "the "):
            if piece.startswith(art) and len(piece) > len(art):
                start += len(art)
                changed = True
                break
        for tail in _TAILS:  # "Conseil économique national de la": the name stops before "de la"
            if piece.endswith(tail) and len(piece) > len(tail) + 2:
                end -= len(tail)
                changed = True
                break
    return start, end


# words a name never ends with (the NER span ran into the next complement)
_TAILS = (" de la", " de l'", " de l", " du", " de", " des", " d", " et")
# words introducing a noun complement inside a name ("Cité de l'Union africaine")
_OF_WORDS = ("de", "du", "des", "d'", "l'")


def kb_matches(ctx: Context, m: Matchers) -> list[tuple[int, int, str]]:
    """(start token, end token, folded name) of knowledge-base names, longest first, no overlaps."""
    doc = ctx.doc
    strings = doc.vocab.strings
    found = [(s, e, strings[k]) for k, s, e in m.names(doc)]
    # any case ("bureau ovale"), but not from an article ("le monde" is not the newspaper)
    found += [(s, e, strings[k]) for k, s, e in m.names_lower(doc)
              if doc[s].text[:1].isupper() or doc[s].lower_ not in ctx.vocab.determiners]
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    out = []
    for s, e, key in found:
        if any(i in taken for i in range(s, e)):
            continue
        if e - s == 1 and not doc[s].text[:1].isupper() and doc[s].text not in m.lowercase_names:
            continue
        taken.update(range(s, e))
        out.append((s, e, key))
    return sorted(out)


def _make(ctx: Context, start: int, end: int, label: str, kind: str = "name") -> Cand | None:
    doc = ctx.doc
    start, end = _trim(doc, start, end, ctx)
    if end <= start:
        return None
    toks = _token_span(doc, start, end)
    if toks is None:
        return None
    return Cand(start=start, end=end, ts=toks[0], te=toks[1], type=NER_TYPES.get(label, "MISC"),
                kind=kind, label=label)


def _with_honorific(ctx: Context, c: Cand) -> Cand:
    """`M. Trump`: the honorific is part of the mention; the name starts after it."""
    doc, hon = ctx.doc, ctx.vocab.honorifics
    first = doc[c.ts]
    if first.text in hon and c.te - c.ts > 1:
        c.name_start = doc[c.ts + 1].idx
        c.gender = hon[first.text]
        return c
    if c.ts > 0:
        prev = doc[c.ts - 1]
        if prev.text in hon:
            c.name_start = c.start
            c.start, c.ts = prev.idx, c.ts - 1
            c.gender = hon[prev.text]
        elif prev.text == "." and c.ts > 1 and doc[c.ts - 2].text + "." in hon \
                and doc[c.ts - 2].idx + len(doc[c.ts - 2].text) == prev.idx:
            c.name_start = c.start
            c.start, c.ts = doc[c.ts - 2].idx, c.ts - 2
            c.gender = hon[doc[c.ts].text + "."]
    return c


def find_names(ctx: Context, m: Matchers) -> list[Cand]:
    """Name mentions (kind "name"), corrected, with `entity` set for knowledge-base names."""
    doc, kb, vocab = ctx.doc, ctx.kb, ctx.vocab
    kbm = kb_matches(ctx, m)
    kb_tokens = {i: (s, e, key) for s, e, key in kbm for i in range(s, e)}
    used_kb: set[tuple[int, int, str]] = set()
    out: list[Cand] = []

    def add_kb(s: int, e: int, key: str, label: str | None = None) -> None:
        ids = kb.lookup(key)
        if not ids:
            return
        c = _make(ctx, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), label or "MISC")
        if c is None:
            return
        out.append(_link_kb(ctx, c, ids, key, label))
        used_kb.add((s, e, key))

    for ent in doc.ents:
        c = _make(ctx, ent.start_char, ent.end_char, ent.label_)
        if c is None:
            continue
        while c.te - c.ts > 1 and doc[c.ts].is_sent_start and doc[c.ts].pos_ in ("VERB", "ADJ", "ADV", "AUX"):
            # "Baptisée Toile, l'opération...": a sentence-opening participle is not the name
            nxt = doc[c.ts + 1]
            c.ts, c.start = nxt.i, nxt.idx
        while c.te - c.ts > 1 and doc[c.ts].pos_ == "NOUN" and doc[c.ts].is_alpha and doc[c.ts].is_lower \
                and doc[c.ts + 1].text[:1].isupper():
            # "syndicat Force ouvrière": a common noun before the name is not part of it
            nxt = doc[c.ts + 1]
            c.ts, c.start = nxt.i, nxt.idx
        c = _with_honorific(ctx, c)
        name = c.name_text(ctx.text)
        first = c.ts if c.name_start is None else c.ts + 1
        longer = kb_tokens.get(first)
        if longer is not None and longer[0] <= first and longer[1] > c.te \
                and all(kb_tokens.get(k) == longer for k in range(first, c.te)):
            # "Québec" tagged inside "Québec solidaire": the longer known name is the mention
            add_kb(*longer)
            continue
        ids = kb.lookup(name)
        if ids:
            out.append(_link_kb(ctx, c, ids, fold(name), ent.label_))
            for k in range(c.ts, c.te):
                if k in kb_tokens:
                    used_kb.add(kb_tokens[k])
            continue
        cut = next((k for k in range(c.ts + 1, c.te) if doc[k].text.islower() and doc[k - 1].whitespace_ and (
            doc[k].pos_ == "PRON" or (doc[k].pos_ == "CCONJ" and k + 1 < c.te and doc[k + 1].pos_ == "PRON"))), None)
        if cut is not None:  # "Mark et moi": the name stops before "et" + a pronoun, or a pronoun
            c2 = _make(ctx, c.start, doc[cut - 1].idx + len(doc[cut - 1].text), ent.label_)
            if c2 is None:
                continue
            c2.name_start, c2.gender = c.name_start, c.gender
            c = c2
            name = c.name_text(ctx.text)
        inside = sorted({kb_tokens[k] for k in range(c.ts, c.te) if k in kb_tokens})
        first_name = c.name_start if c.name_start is not None else c.start
        if ent.label_ == "PER" and inside and inside[-1][1] == c.te and doc[inside[-1][0]].idx > first_name \
                and (len(inside) == 1 or not any(kb[i].type == "PER" for i in kb.lookup(inside[-1][2]))) \
                and doc[c.ts if c.name_start is None else c.ts + 1].pos_ == "PROPN":
            # "Melania Trump", "Hafez al-Assad", "Thérèse Kayikwamba Wagner": given names before a
            # known name make another person's name
            inside = []
            for k in range(c.ts, c.te):
                kb_tokens.pop(k, None)
        if ent.label_ == "PER" and len(inside) == 1 and inside[0][1] - inside[0][0] == 1 \
                and doc[inside[0][0]].idx == first_name and 1 <= c.te - inside[0][1] <= 2 \
                and all(kb[i].type == "PER" for i in kb.lookup(inside[0][2])) \
                and all(doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and k not in kb_tokens
                        and fold(doc[k].text) not in vocab.state_forms for k in range(inside[0][1], c.te)):
            # "Abbas Kamel": a known one-word name followed by other names in one person's name is
            # another person's given name; unless they are the known person's own other names
            # ("Poutine Vladimir", as official lists write it): then all of it is that person
            s0, e0, key = inside[0]
            own = {fold(w) for i in kb.lookup(key) for n in kb[i].names() for w in n.split()}
            for k in range(c.ts, c.te):
                kb_tokens.pop(k, None)
            inside = []
            if all(fold(doc[k].text) in own for k in range(e0, c.te)):
                add_kb(c.ts, c.te, key, "PER")
                continue
        if ent.label_ in ("LOC", "ORG", "MISC") and len(inside) == 1 and inside[0][0] > c.ts + 1 \
                and doc[c.ts].text[:1].isupper() and c.ts not in kb_tokens \
                and fold(doc[c.ts].text) not in vocab.state_forms \
                and doc[inside[0][0] - 1].lower_.replace("’", "'") in _OF_WORDS:
            # "la Cité de l'Union africaine", "l'Université de Dakar": a known name as the complement
            # of a capitalised head is part of a longer name, which must not stop at "de l'"
            inside = []
        if inside:
            # split around the knowledge-base names it contains ("Otan Mark Rutte")
            for s, e, key in inside:
                add_kb(s, e, key, ent.label_ if e - s == c.te - c.ts else None)
            rest: list[int] = [k for k in range(c.ts, c.te) if k not in kb_tokens]
            runs: list[list[int]] = []
            for k in rest:
                if runs and runs[-1][-1] == k - 1:
                    runs[-1].append(k)
                else:
                    runs.append([k])
            for run in runs:
                if any(doc[k].text[:1].isupper() and doc[k].text not in vocab.honorifics for k in run):
                    r = _make(ctx, doc[run[0]].idx, doc[run[-1]].idx + len(doc[run[-1]].text), ent.label_)
                    if r is not None and _office(ctx, r):
                        out.extend(_office_complement(ctx, r))
                    elif r is not None and _keep(ctx, r):
                        out.append(_with_honorific(ctx, r))
            continue
        hy = _HYPHENATED.match(name)
        if hy and (kb.lookup(hy.group(1)) or kb.lookup(hy.group(2))):
            base = c.name_start if c.name_start is not None else c.start
            for part, offset in ((hy.group(1), 0), (hy.group(2), len(hy.group(1)) + 1)):
                p = _make(ctx, base + offset, base + offset + len(part), "PER")
                if p is not None:
                    pids = kb.lookup(part)
                    out.append(_link_kb(ctx, p, pids, fold(part), "PER") if pids else p)
            continue
        if _office(ctx, c):
            out.extend(_office_complement(ctx, c))
            continue
        if _keep(ctx, c):
            country = kb.by_demonym.get(fold(name))
            if country and c.te - c.ts == 1:
                c.kind, c.entity, c.type, c.link = "demonym", country, "GPE", "metonymy"
            out.append(c)
    for s, e, key in kbm:
        if (s, e, key) in used_kb or any(s < o.te and o.ts < e for o in out):
            continue
        add_kb(s, e, key)
    out = _state_names(ctx, sorted(out, key=lambda c: (c.start, -c.end)))
    out = [_with_honorific(ctx, c) if c.name_start is None else c for c in out]
    for c in out:
        _with_article(ctx, c)
    out.sort(key=lambda c: (c.start, -c.end))
    return out


_ARTICLES = ("le", "la", "les")
_OF_END = re.compile(r"(?:^|\s)(?:d['’]|de\s+|du\s+|des\s+)$")


def _state_names(ctx: Context, out: list[Cand]) -> list[Cand]:
    """ "République fédérale démocratique d'" + "Éthiopie": a state's formal name (a word for a
    form of state, lower-case adjectives, "de") before a country's name is one mention of it."""
    text, kb = ctx.text, ctx.kb
    dropped: set[int] = set()
    for i, c in enumerate(out):
        words = c.name_text(text).split()
        if c.entity is not None or i in dropped or not words or fold(words[0]) not in ctx.vocab.state_forms:
            continue
        adjectives = [kb.by_demonym.get(fold(w)) for w in words[1:] if w.islower()]
        if len(words) > 1 and all(w.islower() for w in words[1:]) and any(adjectives):
            country = next(a for a in adjectives if a)  # "la République argentine"
            c.entity, c.type, c.link = country, kb[country].type, "alias"
            continue
        nxt = next((j for j in range(i + 1, len(out)) if out[j].start >= c.end), None)
        if nxt is None or nxt - i > 2:
            continue
        o = out[nxt]
        head = text[c.start:o.start]
        if o.entity is None or not kb[o.entity].demonyms or not _OF_END.search(head) or o.start - c.end > 5 \
                or any(w[:1].isupper() for w in head.split()[1:] if not w.lower().startswith(("d'", "d’"))):
            continue
        c.end, c.te, c.entity, c.type, c.link = o.end, o.te, o.entity, o.type, "alias"
        dropped.add(nxt)
    return [c for i, c in enumerate(out) if i not in dropped]


def _with_article(ctx: Context, c: Cand) -> None:
    """ "la Russie", "le Kremlin", "les Nations unies": a separate definite article is part of the
    mention (our gold's noun-phrase convention); the elided "l'" is not ("Elysée", not "l'Elysée"),
    and neither is the article of a person's name. The name itself starts after the article."""
    doc = ctx.doc
    if c.type == "PER" or c.kind not in ("name", "demonym") or c.ts == 0 or c.name_start is not None:
        return
    prev = doc[c.ts - 1]
    if prev.lower_ in _ARTICLES and prev.idx + len(prev.text) < c.start:
        c.name_start = c.start
        c.start, c.ts = prev.idx, prev.i


def _keep(ctx: Context, c: Cand) -> bool:
    """A name spaCy found that is not in the knowledge base: drop junk and lower-case jargon."""
    text = c.name_text(ctx.text)
    if not text or fold(text) in ctx.vocab.junk:
        return False
    if not any(ch.isupper() for ch in text[:1]):
        return False
    toks = [t for t in ctx.doc[c.ts:c.te] if t.is_alpha]
    if not toks:
        return False
    if len(toks) == 1 and fold(text) in ctx.vocab.common_nouns:
        return False  # "Hôte", "Source": a title or group noun opening a sentence
    if _office(ctx, c):
        return False  # "Président de la Cour d'appel": an office, which the descriptions read
    capitals = [t for t in toks if t.text[:1].isupper()]
    if all(t.lower_ in ctx.vocab.determiners or fold(t.text) in ctx.vocab.junk for t in capitals):
        return False  # "État saoudiens", "Défense"
    if not any(t.pos_ == "PROPN" for t in toks):
        # a capitalised common word opening a sentence ("Hier", "Assis") or a clause tagged MISC
        if len(toks) == 1 and (toks[0].is_sent_start or toks[0].i == 0 or ctx.doc[toks[0].i - 1].is_punct):
            return False
        if any(t.pos_ in ("VERB", "AUX", "PRON") for t in toks):
            return False
    return True


_OF_ARTICLES = ("du", "des", "d'")


def _office(ctx: Context, c: Cand) -> bool:
    """A capitalised office title followed by its complement ("Ministre de l'Intérieur", "Président
    du Sénat"): never a name by itself. "de" + a bare name stays a name ("Général de Gaulle")."""
    doc = ctx.doc
    ts = c.ts if c.name_start is None else c.ts + 1
    if c.te - ts < 3 or not doc[ts].text[:1].isupper() or fold(doc[ts].text) not in ctx.vocab.office_heads:
        return False
    nxt, after = doc[ts + 1].lower_.replace("’", "'"), doc[ts + 2].lower_.replace("’", "'")
    return nxt in _OF_ARTICLES or (nxt == "de" and after in ("la", "l'"))


def _office_complement(ctx: Context, c: Cand) -> list[Cand]:
    """ "Président de la Cour suprême": the office is read by the descriptions; its complement
    ("Cour suprême") stays a name."""
    doc, kb = ctx.doc, ctx.kb
    k = c.ts + (3 if doc[c.ts + 1].lower_ == "de" else 2)
    if c.name_start is not None or k >= c.te or not doc[k].text[:1].isupper():
        return []
    r = _make(ctx, doc[k].idx, c.end, "ORG")
    if r is None:
        return []
    ids = kb.lookup(r.name_text(ctx.text))
    if ids:
        return [_link_kb(ctx, r, ids, fold(r.name_text(ctx.text)), "ORG")]
    return [r] if _keep(ctx, r) else []


def _link_kb(ctx: Context, c: Cand, ids: list[str], key: str, label: str | None) -> Cand:
    kb = ctx.kb
    want = NER_TYPES.get(label or "")
    chosen = ids[0]
    if want and len(ids) > 1:
        same = [i for i in ids if kb[i].type == want or (want == "LOC" and kb[i].type == "GPE")]
        if same:
            chosen = same[0]
    e = kb[chosen]
    c.entity, c.type = e.id, e.type
    c.link = "name" if fold(e.name) == key else "alias"
    if e.gender:
        c.gender = e.gender
    return c
