"""The speech-cue lexicon (resources/fr/cues.yaml), compiled once into lookup tables.

A token is a cue verb when its lower-cased form is one of the generated inflections of a cue
lemma, or when spaCy's lemma is a cue lemma: two dict look-ups per token, never a loop over
the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from veille.resources import load_resource

# endings of first-group (-er) verbs, from the stem
_ER_ENDINGS = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "a", "èrent", "era", "eront",
               "erait", "eraient", "ant", "er", "ais", "ai")
_ER_GRAVE = ("e", "es", "ent", "era", "eront", "erait", "eraient")
# endings of second-group (-ir) verbs
_IR_ENDINGS = ("i", "ie", "is", "ies", "it", "issent", "issait", "issaient", "ira", "iront", "irait",
               "iraient", "issant", "ir")
_WORD_RE = re.compile(r"[\w'’-]+")


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One lexicon entry: a verb, a multi-word phrase, a preposition or a medium noun."""

    id: str  # the lemma or the phrase, unique in the lexicon
    kind: str  # "verb", "phrase", "preposition", "noun"
    example: str
    object: bool = False  # a noun-phrase object is reported content
    incise_only: bool = False
    reflexive_only: bool = False  # a cue only as a reflexive verb (`se montrer prudent`)
    needs_name: bool = False  # a preposition that attributes only before a name: `pour X, ...`
    head: str = ""  # the verb of a phrase
    then_any: bool = False  # a phrase needs ONE of its `then` words (`se dire prêt / opposé`)
    words: tuple[str, ...] = ()  # phrase continuation / preposition words / noun words
    addressee: bool = False  # `a averti LES HABITANTS de ne pas ...`: an object, then de + infinitive


def _er_forms(lemma: str) -> set[str]:
    stem = lemma[:-2]
    forms = set()
    for end in _ER_ENDINGS:
        s = stem
        if end[:1] in ("a", "o", "â"):
            if s.endswith("c"):
                s = s[:-1] + "ç"
            elif s.endswith("g"):
                s = s + "e"
        forms.add(s + end)
    # verbs with a mute e or é in the last syllable (répéter -> répète, lever -> lève)
    m = re.search(r"[eé]([^aeiouyéèêëîïôûü]+)$", stem)
    if m:
        grave = stem[: m.start()] + "è" + m.group(1)
        forms.update(grave + end for end in _ER_GRAVE)
    return forms


def _ir_forms(lemma: str) -> set[str]:
    stem = lemma[:-2]
    return {stem + end for end in _IR_ENDINGS}


@dataclass
class Lexicon:
    entries: dict[str, CueEntry] = field(default_factory=dict)
    verb_forms: dict[str, str] = field(default_factory=dict)  # inflected form -> entry id
    verb_lemmas: dict[str, str] = field(default_factory=dict)  # lemma -> entry id
    phrases: dict[str, list[CueEntry]] = field(default_factory=dict)  # head verb entry id -> phrases
    preps: dict[str, list[CueEntry]] = field(default_factory=dict)  # first word -> prepositions
    nouns: dict[str, CueEntry] = field(default_factory=dict)  # first word of a medium noun -> entry

    def verb_entry(self, lower: str, lemma: str) -> CueEntry | None:
        """The cue verb a token (lower-cased form, spaCy lemma) is an inflection of, if any."""
        key = self.verb_forms.get(lower) or self.verb_lemmas.get(lemma)
        return self.entries.get(key) if key else None

    def may_cue(self, lower: str, lemma: str) -> bool:
        """False when a token (lower-cased form with ' for ’, lower-cased lemma) can start no cue:
        not a preposition, cue verb form or lemma, nor phrase head. A cheap test run on every
        token before the full checks (CueFinder.find_cues)."""
        return (lower in self.preps or lower in self.verb_forms or lemma in self.verb_lemmas
                or lower in _PHRASE_HEAD_FORMS() or lemma in self.phrases)

    def phrase_heads(self, lower: str, lemma: str) -> list[CueEntry]:
        key = _PHRASE_HEAD_FORMS().get(lower) or (lemma if lemma in self.phrases else None)
        return self.phrases.get(key, []) if key else []

    def entries_in(self, cue_text: str) -> set[str]:
        """Ids of the entries a cue string (as written in Quote.cue) contains."""
        low = cue_text.lower().replace("’", "'")
        low = re.sub(r"\b(?:du|des|de la|de l')(?=\s|$)", "de", low)
        words = _WORD_RE.findall(low)
        found = set()
        for w in words:
            for part in (w, *re.split(r"[-']", w)):
                key = self.verb_forms.get(part)
                if key:
                    found.add(key)
        heads = {_PHRASE_HEAD_FORMS().get(w) for w in words}
        for entry in self.entries.values():
            if entry.kind == "phrase":
                present = [w in words for w in entry.words]
                if entry.head in heads and (any(present) if entry.then_any else all(present)):
                    found.add(entry.id)
            elif entry.kind in ("preposition", "noun") and entry.id in low:
                found.add(entry.id)
        return found


# the head verbs of multi-word phrases are common verbs (faire, laisser, mettre, tenir):
# their inflections are listed here rather than generated
_IRREGULAR_HEADS = {
    "faire": "fait faite faits faites font faisait faisaient fera feront ferait feraient faisant faire fasse",
    "laisser": "",
    "mettre": "met mis mise mettent mettait mettra mettrait mettant mettre",
    "tenir": "tient tiennent tenu tenue tenait tiendra tiendrait tenant tenir",
    "prendre": "prend prennent pris prise prenait prenaient prendra prendrait prenant prendre",
    "dire": "dit dite dits dites disent disait disaient dira diront dirait diraient disant dire",
}


@lru_cache(maxsize=1)
def _PHRASE_HEAD_FORMS() -> dict[str, str]:  # noqa: N802 - a cached constant
    out: dict[str, str] = {}
    for lemma, forms in _IRREGULAR_HEADS.items():
        words = forms.split() if forms else sorted(_er_forms(lemma))
        for f in words:
            out[f] = lemma
    return out


def _entry_forms(item: dict[str, Any]) -> set[str]:
    lemma = item["lemma"]
    forms = {f.lower() for f in item.get("forms", [])}
    if lemma.endswith("er"):
        forms |= _er_forms(lemma)
    elif lemma.endswith("ir") and not item.get("forms"):
        forms |= _ir_forms(lemma)
    forms.add(lemma)
    return forms


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = load_resource("quotes", "cues")
    lex = Lexicon()
    for item in data.get("verbs", []):
        lemma = item["lemma"]
        entry = CueEntry(lemma, "verb", item["example"], bool(item.get("object")),
                         bool(item.get("incise_only")), bool(item.get("reflexive_only")),
                         addressee=bool(item.get("addressee")))
        lex.entries[lemma] = entry
        lex.verb_lemmas[lemma] = lemma
        for form in _entry_forms(item):
            lex.verb_forms.setdefault(form, lemma)
    for item in data.get("phrases", []):
        entry = CueEntry(item["cue"], "phrase", item["example"], bool(item.get("object")),
                         words=tuple(item["then"]), head=item["lemma"], then_any=bool(item.get("then_any")))
        lex.entries[entry.id] = entry
        lex.phrases.setdefault(item["lemma"], []).append(entry)
    for item in data.get("prepositions", []):
        entry = CueEntry(item["cue"], "preposition", item["example"], words=tuple(item["words"]),
                         needs_name=bool(item.get("needs_name")))
        lex.entries[entry.id] = entry
        lex.preps.setdefault(entry.words[0], []).append(entry)
    for item in data.get("nouns", []):
        words = tuple(item["cue"].split())
        entry = CueEntry(item["cue"], "noun", item["example"], words=words)
        lex.entries[entry.id] = entry
        lex.nouns[words[0]] = entry
    for entries in lex.preps.values():
        entries.sort(key=lambda e: -len(e.words))  # longest first
    return lex
