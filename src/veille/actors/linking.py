"""Linking names: surname chains, corpus entities (`ent:<slug>`), capitals read as countries."""

from __future__ import annotations

from veille.actors.names import corpus_id, fold
from veille.actors.spans import Cand, Context, span_root


def _words(text: str) -> list[str]:
    return fold(text).replace("-", " - ").split()


def link_names(ctx: Context, names: list[Cand]) -> None:
    """Give every name an entity: knowledge base, full name of the same document, or corpus id."""
    kb = ctx.kb
    # full names (two words or more) of people, in text order: the targets of surname mentions
    full: list[tuple[Cand, list[str]]] = []
    for c in names:
        if c.kind == "name" and c.type == "PER":
            words = _words(c.name_text(ctx.text))
            if len(words) >= 2:
                full.append((c, words))
    # knowledge-base people named in the document, by their names' last words
    kb_people = {c.entity for c in names if c.entity and kb[c.entity].type == "PER"}
    for c in names:
        if c.entity or c.kind != "name":
            continue
        words = _words(c.name_text(ctx.text))
        if c.type == "PER" and len(words) == 1:
            # "(Volodymyr) Zelensky": a first name just before the surname of a known person
            nxt = [o for o in names if o.entity and o.type == "PER" and 0 < o.ts - c.te <= 2]
            for o in nxt:
                entry = kb.get(o.entity or "")
                if entry is not None and any(_words(n)[:1] == words for n in entry.names()):
                    c.entity, c.link, c.gender = entry.id, "alias", entry.gender
                    break
            if c.entity:
                continue
        if c.type == "PER" and words:
            target = _full_name_for(c, words, full)
            if target is not None:
                if target.entity is None:
                    target.entity = corpus_id(target.name_text(ctx.text))
                c.entity, c.link = target.entity, "surname"
                c.gender = c.gender or target.gender
                continue
            for pid in sorted(kb_people):
                if any(_words(n)[-len(words):] == words for n in kb[pid].names()):
                    c.entity, c.link, c.gender = pid, "surname", c.gender or kb[pid].gender
                    break
            if c.entity:
                continue
        if c.type in ("PER", "MISC") and len(words) == 1 and c.te - c.ts == 1 and ctx.doc[c.ts].pos_ == "PROPN":
            # "Mark" for the only person of the document whose first name is Mark
            owners = sorted({pid for pid in kb_people if any(_words(n)[:1] == words and len(_words(n)) > 1
                                                              for n in kb[pid].names())})
            if len(owners) == 1:
                c.entity, c.link, c.type = owners[0], "alias", "PER"
                c.gender = c.gender or kb[owners[0]].gender
                continue
        c.entity, c.link = corpus_id(c.name_text(ctx.text)), "name"
    for c in names:
        city = kb[c.entity] if c.entity and c.entity in kb else None
        stands_for = (city.acts_for or city.capital_of) if city is not None else None
        if stands_for and acts(ctx, c):
            c.entity, c.type, c.link = stands_for, kb[stands_for].type if stands_for in kb else "GPE", "metonymy"


def _full_name_for(c: Cand, words: list[str], full: list[tuple[Cand, list[str]]]) -> Cand | None:
    """The nearest full name (before, else after) whose last words are this name's words."""
    if len(words) >= 2 and any(f is c for f, _ in full):
        # a full name is its own target unless a longer one ends with it ("Keir Starmer" / "Sir ...")
        longer = [f for f, w in full if len(w) > len(words) and w[-len(words):] == words]
        return longer[0] if longer else None
    matches = [f for f, w in full if f is not c and len(w) > len(words) and w[-len(words):] == words]
    if not matches:
        return None
    before = [f for f in matches if f.start < c.start]
    return before[-1] if before else matches[0]


def acts(ctx: Context, c: Cand) -> bool:
    """Is the place the agent of a verb of saying/deciding/wanting (or of a passive)?"""
    doc, vocab = ctx.doc, ctx.vocab
    tok = span_root(doc, c.ts, c.te)
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    dep, head = tok.dep_, tok.head
    if any(ch.lower_ == "par" and ch.dep_ == "case" for ch in tok.children) and head.pos_ in ("VERB", "AUX") \
            and ("Part" in head.morph.get("VerbForm", []) or dep == "obl:agent"):
        return True
    if _verb_follows(ctx, c):
        return True
    if c.ts > 0 and fold(doc[c.ts - 1].text) in vocab.opinion_words and c.te < len(doc) and doc[c.te].text == "," \
            and (c.ts == 1 or doc[c.ts - 1].is_sent_start or doc[c.ts - 2].is_space or doc[c.ts - 2].text in (".", "»")):
        return True  # "Pour Moscou, ...": a viewpoint opening the sentence
    if not (dep.startswith("nsubj") or dep == "expl:subj"):
        return False
    lemma = fold(head.lemma_)
    if head.pos_ == "VERB" and lemma in vocab.metonymy_verbs:
        return True
    if head.pos_ in ("ADJ", "VERB") and (lemma in vocab.metonymy_adjectives
                                          or fold(head.text) in vocab.metonymy_adjectives):
        return True
    # "Moscou a fait savoir / entend / compte répondre": a verb of saying one level down
    return any(ch.dep_ in ("xcomp", "ccomp") and fold(ch.lemma_) in vocab.metonymy_verbs
               for ch in head.children if ch.pos_ == "VERB")


# words between a subject and its verb: negation, clitics, auxiliaries ("Moscou n'a pas dit")
_BETWEEN = {"ne", "n'", "se", "s'", "lui", "leur", "y", "en", "a", "avait", "aura", "aurait", "va", "allait",
            "est", "etait", "serait", "sera", "s'est", "pas", "deja", "aussi", "encore", "toujours",
            "a-t-il", "ont"}


def _stems(words: set[str]) -> list[str]:
    out = []
    for w in words:
        for suffix in ("er", "ir", "re", "e"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                out.append(w[: -len(suffix)])
                break
        else:
            out.append(w)
    return out


def _verb_follows(ctx: Context, c: Cand) -> bool:
    """Surface fallback when the parse is wrong: the place starts its clause and is followed by
    one of the verbs (any inflection: same stem) or adjectives ("Kiev réclame", "Pékin est opposé")."""
    doc, vocab = ctx.doc, ctx.vocab
    if c.ts > 0 and not (doc[c.ts - 1].is_punct or doc[c.ts - 1].lower_ in ("et", "mais", "que", "qu'")):
        return False
    stems = _stems(vocab.metonymy_verbs | vocab.metonymy_adjectives)
    k = c.te
    while k < len(doc) and fold(doc[k].text) in _BETWEEN:
        k += 1
    if k >= len(doc) or not doc[k].is_alpha:
        return False
    word = fold(doc[k].text)
    return any(word.startswith(s) for s in stems)
