"""spaCy matchers compiled once per pipeline: knowledge-base names, titles, groups, institutions."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from veille.actors.kb import KnowledgeBase
from veille.actors.names import fold
from veille.actors.vocab import Vocab
from veille.corpus.phrase_cache import Phrases


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_variants(name: str) -> set[str]:
    """How a name is written in the press: accents dropped on capitals or everywhere, ’ or '."""
    out = {name, _strip_accents(name)}
    out.add("".join(_strip_accents(c) if c.isupper() else c for c in name))
    for v in list(out):
        out.add(v.replace("'", "’"))
        out.add(v.replace("’", "'"))
    return out


def _apos_variants(text: str) -> set[str]:
    return {text, text.replace("'", "’"), text.replace("’", "'")}


_FUNCTION_WORDS = {"de", "du", "d'", "d’", "des", "la", "le", "l'", "l’", "à", "au", "aux", "pour"}


def plural(form: str) -> str:
    """ "chef d'État" -> "chefs d'État", "envoyé spécial" -> "envoyés spéciaux" (words up to the
    first preposition or article take the plural)."""
    words = form.split(" ")
    out = []
    done = False
    for w in words:
        low = w.lower()
        if done or low in _FUNCTION_WORDS or any(low.startswith(f) for f in ("d'", "d’", "l'", "l’")):
            done = True
            out.append(w)
        elif low.endswith(("s", "x", "z")):
            out.append(w)
        elif low.endswith("al"):
            out.append(w[:-2] + "aux")
        elif low.endswith("eau"):
            out.append(w + "x")
        else:
            out.append(w + "s")
    return " ".join(out)


@dataclass
class Matchers:
    names: PhraseMatcher  # case-sensitive KB names (match id = folded name)
    names_lower: PhraseMatcher  # multi-word KB names, any case
    lowercase_names: set[str]  # one-word KB names written in lower case ("talibans")
    titles: PhraseMatcher  # match id = "title:<index>"
    titles_split: dict[str, list[tuple[tuple[str, ...], int]]]
    demonyms: frozenset[str]
    groups: PhraseMatcher
    institutions: PhraseMatcher


def build_matchers(nlp: Language, kb: KnowledgeBase, vocab: Vocab) -> Matchers:
    # the phrases split as nlp.make_doc splits them, from a disk cache (see phrase_cache)
    phrases = Phrases(nlp)
    make = phrases.doc
    names = PhraseMatcher(nlp.vocab, attr="ORTH")
    names_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_key: dict[str, list[Doc]] = {}
    by_key_lower: dict[str, list[Doc]] = {}
    for entry in kb.values():
        for n in entry.names():
            key = fold(n)
            for v in name_variants(n):
                d = make(v)
                by_key.setdefault(key, []).append(d)
                if len(d) > 1:
                    by_key_lower.setdefault(key, []).append(make(v.lower()))
    lowercase_names = {n for e in kb.values() for n in e.names() if " " not in n and n.islower()}
    for key, docs in sorted(by_key.items()):
        names.add(key, docs)
    for key, docs in sorted(by_key_lower.items()):
        names_lower.add(key, docs)

    # plain titles: a phrase matcher; "le secrétaire américain à la Défense" (a demonym inside
    # a multi-word title): first word -> [(rest of the words, title index)], checked per token
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    split: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for i, title in enumerate(vocab.titles):
        plain: list[Doc] = []
        for form in title.forms:
            for v in _apos_variants(form) | _apos_variants(plural(form)):
                d = make(v.lower())
                plain.append(d)
                if len(d) > 1:
                    split.setdefault(d[0].lower_, []).append((tuple(t.lower_ for t in d[1:]), i))
        titles.add(f"title:{i}", plain)

    groups = PhraseMatcher(nlp.vocab, attr="LOWER")
    groups.add("group", [make(v.lower()) for f in vocab.groups for v in _apos_variants(f)])
    institutions = PhraseMatcher(nlp.vocab, attr="LOWER")
    institutions.add("institution", [make(f.lower()) for f in vocab.institution_forms])
    phrases.save()
    return Matchers(names=names, names_lower=names_lower, lowercase_names=lowercase_names, titles=titles, titles_split=split,
                    demonyms=frozenset(d.lower() for e in kb.values() for d in e.demonyms), groups=groups,
                    institutions=institutions)
