"""Noun phrases that name a speaker, read off spaCy's parse, and the entity they refer to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from veille.model import Mention
from veille.resources import load_resource

SUBJECT_CLITICS = {"-il": "Sing", "-elle": "Sing", "-ils": "Plur", "-elles": "Plur", "-on": "Sing"}
PRONOUNS = {"il": "Sing", "elle": "Sing", "ils": "Plur", "elles": "Plur", "lui": "Sing", "eux": "Plur",
            "-il": "Sing", "-elle": "Sing", "-ils": "Plur", "-elles": "Plur"}
# dependents that leave the speaker phrase: relative clauses, clauses, incidental material
_CUT_DEPS = {"acl:relcl", "acl", "advcl", "parataxis", "ccomp", "xcomp", "obl:mod", "obl", "obl:arg",
             "dep", "discourse", "vocative", "cop", "aux", "aux:tense", "aux:pass", "expl:subj"}
_NP_POS = {"DET", "NOUN", "PROPN", "ADJ", "NUM", "ADP", "PRON", "PUNCT", "CCONJ", "X"}


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker phrase: tokens [start, end) of the doc, and its head token index."""

    start: int
    end: int
    head: int

    def chars(self, doc: Doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1].text)


@lru_cache(maxsize=1)
def speaker_words() -> dict[str, frozenset[str]]:
    """Word lists of resources/fr/speakers.yaml, as lower-case sets."""
    data = load_resource("quotes", "speakers")
    return {name: frozenset(w.lower() for w in block["words"]) for name, block in data.items()}


def is_time_word(tok: Token) -> bool:
    return tok.lower_ in speaker_words()["time_words"]


def np_from_head(doc: Doc, head: int, lo: int, hi: int) -> Phrase:
    """The contiguous noun phrase around `head` within tokens [lo, hi), without clauses."""
    keep = {head}
    stack = [doc[head]]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _CUT_DEPS and child.i != head and not _in_name(doc, child.i):
                continue
            if child.lower_ in ("qui", "que", "dont") or not (lo <= child.i < hi):
                continue
            if tok.i == head and child.i < head and child.dep_ in ("nmod", "obl", "obl:mod") and \
                    any(doc[j].text == "," for j in range(child.i, head)):
                continue  # `Dans un communiqué, les dirigeants ...`: a fronted adjunct, not the phrase
            keep.add(child.i)
            stack.append(child)
    start = end = head
    while start - 1 >= lo and (start - 1) in keep:
        start -= 1
    while end + 1 < hi and (end + 1) in keep:
        end += 1
    while start - 1 >= lo and not doc[start - 1].whitespace_ and (doc[start - 1].is_alpha or doc[start - 1].text == "-") \
            and (doc[start].is_alpha or doc[start].text == "-"):
        start -= 1  # `Royaume-Uni` cut in two by the tokenizer
    if doc[head].pos_ == "PROPN":
        # a title the parser left outside the name: `La navigatrice Léa Dumont`
        k = start - 1
        while k >= lo and doc[k].pos_ in ("NOUN", "ADJ") and not is_time_word(doc[k]):
            k -= 1
        if k < start - 1 and k >= lo and doc[k].pos_ == "DET":
            start = k
    return trim(doc, Phrase(start, end + 1, head))


def trim(doc: Doc, p: Phrase) -> Phrase:
    start, end = p.start, p.end
    head = p.head
    for k in range(start, end - 1):
        if doc[k].lower_ in ("duquel", "auquel", "desquels", "desquelles", "lequel", "laquelle", "dont", "où"):
            start = k + 1  # `un échange à l'issue duquel LE PRÉSIDENT`
            if head < start:
                head = next((t for t in range(start, end) if doc[t].pos_ in ("NOUN", "PROPN")), start)
    p = Phrase(start, end, head)
    strip = {",", "-", "–", "—", "(", ")", ":", ";", "et", "mais", "»", "«", '"', "'"}
    while start < end - 1 and (doc[start].lower_ in strip or doc[start].is_space or doc[start].pos_ == "ADP"
                               and start != p.head):
        start += 1
    while end - 1 > start and (doc[end - 1].lower_ in strip or doc[end - 1].is_space
                               or doc[end - 1].pos_ in ("ADP", "DET", "CCONJ") and not _name_end(doc, end - 1)):
        end -= 1
    head = p.head if start <= p.head < end else start
    return Phrase(start, end, head)


def _in_name(doc: Doc, k: int) -> bool:
    """`von`, `der` in `Mme von der Leyen`: a particle between a name and its capitalised end."""
    j = k
    while j < len(doc) and doc[j].lower_ in _PARTICLES and j - k < 3:
        j += 1
    return j > k and j < len(doc) and _name_end(doc, j)


def _name_end(doc: Doc, k: int) -> bool:
    """`Mme von der Leyen`: a capitalised word after a particle ends a name whatever its tag."""
    tok = doc[k]
    return k > 0 and tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start and (
        doc[k - 1].lower_ in _PARTICLES or doc[k - 1].pos_ == "PROPN")


_PARTICLES = {"von", "van", "der", "den", "de", "du", "des", "la", "le", "al", "el", "ben", "bin", "ibn", "da", "di",
              "dos", "das", "del", "della", "ter", "zu"}


def np_after(doc: Doc, i: int, hi: int) -> Phrase | None:
    """The inverted subject that follows a cue verb ending at token i-1 (`a déclaré mardi LE MINISTRE`)."""
    words = speaker_words()
    j = i
    for _ in range(3):
        while j < hi and doc[j].lower_ not in _ADJUNCT_PREPS and not _capitalised(doc[j]) and (
                doc[j].pos_ in ("ADV",) or is_time_word(doc[j]) or doc[j].is_space
                or doc[j].lower_ in words["skip_after_verb"]):
            j += 1
        past_time = _timex_end(doc, j, hi)
        if past_time > j:
            j = past_time  # `a déclaré VERS 22 H 15 le maire`, `a dit À 20 HEURES la ministre`
        elif j + 2 < hi and doc[j].lower_ == "pour" and doc[j + 2].lower_ == "part":
            j += 3  # `a pour sa part souligné`
        elif j < hi and doc[j].lower_ in _ADJUNCT_PREPS:
            j = skip_adjunct(doc, j, hi)
        elif j + 2 < hi and doc[j].pos_ == "DET" and doc[j + 1].like_num and is_time_word(doc[j + 2]):
            j += 3  # `le 2 avril`
        else:
            break
    if j >= hi or doc[j].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON") and doc[j].lower_ not in words["titles"] \
            and not _capitalised(doc[j]):
        return None
    if doc[j].lower_ in ("que", "qu'", "qu’", "ce", "cela", "ça", "en", "y"):
        return None
    start = j
    k = j
    while k < hi:
        tok = doc[k]
        low = tok.lower_
        if tok.is_space or low in (".", ";", ":", "!", "?", "»", "«", '"', "(", ")", "…") or low in words["stop_after_np"]:
            break
        if low == "à" and k + 1 < hi and (doc[k + 1].lower_ == "propos" or doc[k + 1].pos_ == "PROPN") \
                or low == "aux" and k > start:
            break  # `a dit le ministre À PARIS`, `AUX JOURNALISTES`, `À PROPOS de`
        if tok.pos_ in ("VERB", "AUX", "SCONJ") and low not in words["titles"] and not _capitalised(tok) \
                or is_time_word(tok) and k > start:
            break
        if low == ",":
            # keep an apposition made of nouns (`Paul Durand, président du club`), stop otherwise
            m = k + 1
            ok = False
            if m < hi and doc[m].pos_ in ("ADP", "ADV", "SCONJ", "CCONJ"):
                break
            while m < hi and doc[m].lower_ not in (",", ".", ";", ":", "!", "?", "»", "«") and not doc[m].is_space:
                if doc[m].pos_ in ("VERB", "AUX", "SCONJ", "PRON") or doc[m].lower_ in words["stop_after_np"] \
                        or is_time_word(doc[m]):
                    break
                if doc[m].pos_ in ("NOUN", "PROPN"):
                    ok = True
                m += 1
            else:
                if ok and m - k <= 8:
                    k = m
                    continue
            break
        k += 1
    if k <= start:
        return None
    head = start
    for t in range(start, k):
        if (doc[t].pos_ in ("NOUN", "PROPN", "PRON") or _capitalised(doc[t])) \
                and doc[t].lower_ not in words["title_abbreviations"]:
            head = t
            break
    return trim(doc, Phrase(start, k, head))


_ADJUNCT_PREPS = {"lors", "dans", "devant", "en", "sur", "à", "au", "aux", "via", "depuis", "pendant", "auprès",
                  "face", "après", "avant"}


def _timex_end(doc: Doc, j: int, hi: int) -> int:
    """The token after a time expression (timex stage) that starts at token j, else j; a
    leading `vers` / `à` / `dès` of a clock time belongs to it."""
    timexes = doc._.timexes if doc.has_extension("timexes") else None
    if not timexes or j >= hi:
        return j
    k = j + 1 if doc[j].lower_ in ("vers", "à", "dès") and j + 1 < hi else j
    start = doc[k].idx
    for t in timexes:
        if t.start <= start < t.end:
            e = k
            while e < hi and doc[e].idx < t.end:
                e += 1
            return e
    return j


def skip_adjunct(doc: Doc, j: int, hi: int) -> int:
    """Past a prepositional adjunct between a cue verb and its inverted subject:
    `a dit LORS D'UN POINT PRESSE À PARIS le porte-parole`, `a affirmé À L'AFP une source`."""
    k = j + 1
    while k < hi and k - j <= 12:
        tok = doc[k]
        prev = doc[k - 1]
        if tok.lower_ == ",":
            return k + 1
        if tok.pos_ not in ("ADP", "DET", "NOUN", "ADJ", "PROPN", "NUM") and tok.lower_ not in ("d'", "d’", "l'", "l’"):
            return k
        # a new noun phrase starts: a determiner or a title right after a complete noun
        if (tok.pos_ == "DET" or tok.lower_ in speaker_words()["title_abbreviations"]) and \
                prev.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and k > j + 1:
            return k
        k += 1
    return k


def _capitalised(tok: Token) -> bool:
    """A capitalised word inside a sentence is a name whatever its tag (`dit Macron`)."""
    return tok.is_alpha and tok.text[:1].isupper() and tok.i > 0 and not tok.is_sent_start \
        and tok.lower_ not in speaker_words()["time_words"]


def head_of(doc: Doc, start: int, end: int) -> int:
    words = speaker_words()
    for t in range(start, end):
        if doc[t].pos_ in ("NOUN", "PROPN", "PRON") and doc[t].lower_ not in words["title_abbreviations"]:
            return t
    return start


def np_span(doc: Doc, start: int, end: int) -> Phrase | None:
    """A speaker phrase from explicit token bounds (`selon UNE SOURCE À L'ÉLYSÉE,`)."""
    p = trim(doc, Phrase(start, end, start))
    if p.end <= p.start:
        return None
    return Phrase(p.start, p.end, head_of(doc, p.start, p.end))


def covering(mentions: Sequence[Mention], char: int) -> list[Mention]:
    return [m for m in mentions if m.start <= char < m.end]


def _affiliates(doc: Doc, p: Phrase, mentions: Sequence[Mention]) -> set[str]:
    """Entities named as the complement of the head (`un conseiller DU PRÉSIDENT X`)."""
    out = set()
    start, end = p.chars(doc)
    titles = speaker_words()["titles"]
    for m in mentions:
        if not m.entity or m.start < start or m.end > end:
            continue
        tok = doc.char_span(m.start, m.end, alignment_mode="expand")
        if tok is None:
            continue
        i = tok.start - 1
        while i > p.start and (doc[i].pos_ in ("DET", "ADJ") or doc[i].lower_ in titles):
            i -= 1
        if i >= p.start and doc[i].lower_ in ("de", "du", "des", "d'", "d’", "à", "au", "aux") and i > p.head:
            out.add(m.entity)
    return out


def entity_of(doc: Doc, p: Phrase, mentions: Sequence[Mention] | None,
              types: dict[str, str] | None = None) -> str | None:
    """The entity a speaker phrase refers to: the mention at its head, an apposed name, or
    (for an unnamed speaker: `une source à l'Élysée`) the organisation or place it belongs to,
    never a person it is attached to."""
    if not mentions:
        return None
    start, end = p.chars(doc)
    head = doc[p.head]
    affiliates = _affiliates(doc, p, mentions)
    inside = [m for m in mentions if m.entity and m.start >= start and m.end <= end]
    for m in covering(mentions, head.idx):
        if m.entity and m.entity not in affiliates:
            if m.text.split(" ", 1)[0].lower() in speaker_words()["titles"] and " " in m.text:
                # `Le Président du tribunal de Thiès, Awa Ndiaye, ...`: an office taken for a name;
                # the name apposed to it speaks
                named = _apposed_name(doc, m, inside)
                if named is not None:
                    return named
            return m.entity
    # an apposed name: `le chef de la diplomatie, Jean Dupont`, `le ministre Jean Dupont`
    for m in reversed(inside):
        if m.entity not in affiliates and m.type in ("PER", "ORG") and m.end >= end - 1:
            return m.entity
    # the organisation or country of an unnamed speaker (`une source À L'ÉLYSÉE`,
    # `les médias d'État RUSSES`), not a place it is at (`un diplomate présent à Kiev`)
    for m in inside:
        if m.type != "PER" and m.entity is not None and _belongs(doc, p, m):
            return m.entity
    return None


def _apposed_name(doc: Doc, office: Mention, inside: Sequence[Mention]) -> str | None:
    """The person named between commas right after an office mention (`le Président du tribunal
    de Thiès, Awa Ndiaye, ...`)."""
    for m in inside:
        if m.type != "PER" or m.start < office.end or m.entity == office.entity:
            continue
        between = doc.text[office.end:m.start]
        if between.rstrip().endswith(",") and between.count(",") == 1 and len(between) <= 40:
            return m.entity
    return None


_LOCATIVE = {"présent", "présente", "présents", "présentes", "basé", "basée", "basés", "installé", "installée",
             "venu", "venue", "arrivé", "arrivée", "réfugié", "réfugiée", "en", "dans", "sur", "depuis"}


def _belongs(doc: Doc, p: Phrase, m: Mention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    return not any(doc[k].lower_ in _LOCATIVE or doc[k].pos_ == "VERB" for k in range(p.head + 1, span.start))


def number_of(doc: Doc, p: Phrase) -> str:
    tok = doc[p.head]
    if tok.lower_ in PRONOUNS:
        return PRONOUNS[tok.lower_]
    num = tok.morph.get("Number", [])
    if num:
        return num[0]
    return "Plur" if tok.lower_.endswith(("s", "x")) and tok.pos_ == "NOUN" else "Sing"


def gender_of(doc: Doc, p: Phrase) -> str | None:
    """"Masc"/"Fem" when the head says so (`la ministre`: its determiner), else None."""
    tok = doc[p.head]
    for t in (*[c for c in tok.children if c.dep_ in ("det", "amod")], tok):
        g = t.morph.get("Gender", [])
        if g and t.pos_ != "PROPN":
            return g[0]
    return None
