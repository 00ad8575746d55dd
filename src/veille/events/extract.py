"""Event mentions from a parsed French Doc: triggers, participants, place, time, status.

The parse gives the frame (subject, objects, prepositional complements) and the actor stage's
mentions give the entities filling it. Nothing here needs the actor or time stages: without
them a mention has no participants or date (and mentions without participants are dropped,
unless `keep_empty`).

Order of work for one document:
1. every token matching a trigger rule (resources/fr/triggers.yaml) becomes a candidate;
2. arguments: the subject (through control verbs, relative pronouns, coordination), partners
   introduced by avec/entre/contre/par/à, direct objects, the place (en/à/dans + a place),
   the subject of a support verb for event nouns ("a eu un entretien avec"); the words right
   after an event noun back the parse up ("son appel à X en février");
3. time: the nearest time expression of the clause, else one derived from a duration
   ("trois jours après une rencontre"), else an anchor ("à l'issue de la réunion");
4. status from morphology and governing verbs (veille/events/status.py);
5. discourse: "les deux dirigeants", "ils", "leur" take the pair of actors last discussed;
   "la réunion", "cette rencontre" take the event they refer back to; "X sera présent à Y"
   adds X to the event held at Y.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.attrs import IS_SPACE, LEMMA, LOWER, POS
from spacy.parts_of_speech import NAMES as UPOS_NAMES
from spacy.tokens import Doc, Token

from veille.events import dates
from veille.events.rules import Rules, TriggerRule, load_rules
from veille.events.status import happens, mention_status, verb_lemmas
from veille.model import Entity, EventMention, Mention, Quote, Timex, Trigger

# dependents that open another clause: their words are not arguments of this event
CLAUSE_DEPS = frozenset({"ccomp", "acl:relcl", "advcl", "parataxis", "csubj", "csubj:pass", "vocative",
                         "dislocated", "reparandum", "acl"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
SUBJECT_TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
PARTNER_TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
PLURAL_PRONOUNS = frozenset({"ils", "elles", "eux"})
OBJECT_DEPS = frozenset({"obj", "iobj", "nsubj:pass", "obl:arg"})
DEFINITE = frozenset({"le", "la", "les", "l'", "l’", "du", "des", "au", "aux"})
DEMONSTRATIVE = frozenset({"ce", "cet", "cette", "ces"})
DE_FORMS = frozenset({"de", "d'", "d’", "du", "des"})
A_FORMS = frozenset({"à", "au", "aux"})
BACKGROUND_CASES = frozenset({"après", "avant", "depuis", "dès"})
# event types whose actors are states: a head of state or government stands for the country
STATE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
STATE_ROLES = frozenset({"head_of_state", "head_of_government"})
MINISTER_ROLES = frozenset({"foreign_minister", "defence_minister"})  # act for their state in any event
ANAPHOR_SENTENCES = 3
GROUP_NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
                 "dix": 10}
# event types that happen somewhere: "à X" is their place rather than a recipient
LOCATED_TYPES = frozenset({"CONSULT", "ASSAULT", "MOBILIZE", "PROTEST", "RETREAT", "COERCE"})


@lru_cache(maxsize=1)
def _kb() -> Any:
    """The actor knowledge base when the actors stage is installed (demonyms, roles)."""
    try:
        from veille.actors.kb import load_kb
    except ModuleNotFoundError:
        return None
    try:
        return load_kb(strict=False)
    except Exception:  # a broken knowledge base must not stop event extraction
        return None


def _demonym(kb: Any, *words: str) -> str | None:
    """The country of a demonym: the knowledge base keys are folded (no accents, lower case),
    so "israéliennes" finds Israel."""
    for w in words:
        key = " ".join("".join(c for c in unicodedata.normalize("NFKD", w.replace("’", "'"))
                               if not unicodedata.combining(c)).lower().split())
        country = kb.by_demonym.get(key)
        if country:
            return str(country)
    return None


@dataclass
class Candidate:
    """An event mention under construction."""

    token: Token
    rule: TriggerRule
    sent: int
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    timex: Timex | None = None
    date: str | None = None
    status: str = "occurred"
    mode: str | None = None
    open_group: bool = False  # a plural description without entity takes part ("les Européens")
    subject: list[str] = field(default_factory=list)
    anaphoric: bool = False  # "la réunion", "cette rencontre": refers back to an event
    pair: bool = False  # "les deux dirigeants", "leur rencontre": the last two actors
    group: int = 2  # how many actors the reference stands for ("les cinq dirigeants")
    background: bool = False  # "après une rencontre ...": a reference point, not an antecedent
    anchor: bool = False  # "à l'issue de la réunion": dates the clause it modifies
    pair_person: bool = False  # the pair reference names people ("les cinq dirigeants")
    pair_state: bool = False  # the pair reference names states ("les délégations des deux pays")
    object_group: int = 0  # the object is a group reference ("X a reçu les deux ministres")
    object_types: frozenset[str] = frozenset()  # what that group names

    def add(self, ids: list[str]) -> None:
        for i in ids:
            if i and i not in self.participants:
                self.participants.append(i)


class DocContext:
    """Token-level indexes of the actor mentions and time expressions of one Doc."""

    def __init__(self, doc: Doc, rules: Rules):
        self.doc = doc
        self.rules = rules
        ext = doc._  # each `doc._` read builds an object: read it once
        self.mentions: list[Mention] = sorted(ext.mentions or [], key=lambda m: (m.start, -m.end))
        self.shared_entities: dict[str, Entity] | None = ext.entities
        self.entities: dict[str, Entity] = dict(ext.entities or {})
        self.timexes: list[Timex] = list(ext.timexes or [])
        self.published: str | None = getattr(ext.published, "value", None)
        self.quotes: list[Quote] = list(ext.quotes or [])
        self.m_tokens: list[tuple[int, int]] = []
        self.tok_mentions: dict[int, list[int]] = {}
        for k, m in enumerate(self.mentions):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                self.m_tokens.append((-1, -1))
                continue
            self.m_tokens.append((span.start, span.end))
            for i in range(span.start, span.end):
                self.tok_mentions.setdefault(i, []).append(k)
        self.t_tokens: list[tuple[int, int]] = []
        for t in self.timexes:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            self.t_tokens.append((span.start, span.end) if span is not None and len(span) else (-1, -1))
        self.time_tokens = {i for s, e in self.t_tokens for i in range(s, e)}
        self.event_times: list[tuple[int, int, int]] | None = None  # see `_event_times`
        # paragraphs: the parser may hang a headline onto the first sentence; arguments never
        # cross a blank line
        self.para: list[int] = []
        self.pos: list[str] = []  # per-token arrays: indexing them creates no Token
        self.lemma: list[str] = []
        self.lower: list[str] = []
        # read from the token arrays: iterating the Doc builds a Token per word
        strings = doc.vocab.strings
        cols = doc.to_array([POS, LEMMA, LOWER, IS_SPACE]).tolist() if len(doc) else []
        n = 0
        for i, (pos, lemma, lower, space) in enumerate(cols):
            self.para.append(n)
            self.pos.append(UPOS_NAMES[pos])
            self.lemma.append(strings[lemma].lower())
            self.lower.append(strings[lower])
            if space and "\n" in doc[i].text:
                n += 1
        self.triggers: set[int] = set()
        self.sent_of: dict[int, int] = {}
        self.sents = list(doc.sents)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n

    def entity_type(self, k: int) -> str:
        m = self.mentions[k]
        ent = self.entities.get(m.entity or "")
        return ent.type if ent is not None else m.type

    def covering(self, i: int) -> list[int]:
        return self.tok_mentions.get(i, [])

    def root_of(self, k: int) -> Token | None:
        """The syntactic head of mention k (the token whose head lies outside it)."""
        start, end = self.m_tokens[k]
        if start < 0:
            return None
        for i in range(start, end):
            tok = self.doc[i]
            if not (start <= tok.head.i < end) or tok.head.i == tok.i:
                return tok
        return self.doc[start]

    def outermost(self, tokens: set[int]) -> list[int]:
        """Mentions inside `tokens`; a mention nested in an entity mention is dropped, and one
        nested in a singular description without entity too ("un conseiller du président")."""
        found = sorted({k for i in tokens for k in self.covering(i)},
                       key=lambda k: (self.m_tokens[k][0], -self.m_tokens[k][1]))
        kept: list[int] = []
        for k in found:
            s, e = self.m_tokens[k]
            if not all(i in tokens for i in range(s, e)) and not self._split_name(k, tokens):
                continue
            outer = next((o for o in kept if self.m_tokens[o][0] <= s and e <= self.m_tokens[o][1]), None)
            if outer is not None:
                root = self.root_of(outer)
                plural = root is not None and "Plur" in root.morph.get("Number", [])
                if self.mentions[outer].entity or not plural:
                    continue
            kept.append(k)
        return kept

    def _split_name(self, k: int, tokens: set[int]) -> bool:
        """A proper name the parse cut in two ("et Vladimir | Poutine est possible"): its
        first word is in `tokens` and every word of it is a proper noun."""
        s, e = self.m_tokens[k]
        return e - s >= 2 and s in tokens and all(self.doc[i].pos_ == "PROPN" for i in range(s, e)) \
            and self.doc[s].head.i not in range(s, e)

    def coordinated_pair(self, char: int, types: frozenset[str]) -> list[str]:
        """The last two entities of `types` named together ("la Syldavie et la Bordurie", "de
        la Syldavie et du Rwanda") before `char`: the pair "les deux pays" refers back to."""
        text = self.doc.text
        for k in range(len(self.mentions) - 1, 0, -1):
            second, first = self.mentions[k], self.mentions[k - 1]
            if second.end > char or not (first.entity and second.entity) or first.entity == second.entity:
                continue
            if self.entity_type(k) in types and self.entity_type(k - 1) in types \
                    and COORDINATION.match(text[first.end:second.start]):
                return [first.entity, second.entity]
        return []

    def salient_pair(self, char: int, recent: list[str]) -> list[str]:
        """"Les deux hommes" with no event of two people just before: the person named last and
        the article's protagonist (the person named most often so far, when named more often
        than the one before last)."""
        counts: dict[str, int] = {}
        for k, m in enumerate(self.mentions):
            if m.end <= char and m.entity and self.entity_type(k) == "PER":
                counts[m.entity] = counts.get(m.entity, 0) + 1
        main = max(counts, key=lambda e: counts[e]) if counts else None
        if main is None or main in recent or counts[main] <= counts.get(recent[1], 0):
            return recent
        return [recent[0], main]

    def entities_before(self, char: int, types: frozenset[str] = frozenset({"PER"}), narrated: bool = False
                        ) -> list[str]:
        """Entity ids of mentions ending before `char`, most recent first, distinct; `narrated`:
        leave out the mentions inside a direct quotation."""
        out: list[str] = []
        quoted = [(q.start, q.end) for q in self.quotes if q.kind in ("direct", "partial", "mixed")] if narrated else []
        for k in range(len(self.mentions) - 1, -1, -1):
            m = self.mentions[k]
            if quoted and any(s <= m.start < e for s, e in quoted):
                continue
            if m.end <= char and m.entity and self.entity_type(k) in types and m.entity not in out:
                out.append(m.entity)
        return out


# -- syntax helpers -----------------------------------------------------------------------
def is_reflexive(tok: Token) -> bool:
    for c in tok.children:
        if c.pos_ == "PRON" and ("Yes" in c.morph.get("Reflex", []) or c.lower_ in ("se", "s'", "s’")):
            return True
    return False


def _norm(word: str) -> str:
    return "de" if word in DE_FORMS else "à" if word in A_FORMS else word.replace("’", "'")


def case_words(tok: Token) -> list[str]:
    """Lower-case words of the case/mark dependents of tok, in order ("lors", "de")."""
    words: list[str] = []
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i < tok.i:
            words.append(c.lower_)
            words.extend(f.lower_ for f in c.children if f.dep_ == "fixed")
    return words


_INTROS: dict[tuple[int, int], list[str]] = {}


def intro_words(tok: Token) -> list[str]:
    """The words introducing tok's phrase, normalised (d'/du/des -> de, au -> à): its case
    words, or the function words just before its first word ("lors d'", "à l'issue des").
    Memoised for the document being processed (find_event_mentions clears the memo)."""
    key = (id(tok.doc), tok.i)
    found = _INTROS.get(key)
    if found is None:
        found = _INTROS[key] = _intro_words(tok)
    return found


def _intro_words(tok: Token) -> list[str]:
    doc = tok.doc
    i = tok.left_edge.i - 1
    before: list[str] = []
    while i >= 0 and len(before) < 4 and doc[i].pos_ in ("ADP", "ADV", "DET", "NOUN") \
            and not doc[i].is_punct:
        if doc[i].pos_ == "NOUN" and doc[i].lower_ not in ("issue", "terme", "marge", "lendemain", "veille",
                                                           "cours", "occasion"):
            break
        before.insert(0, doc[i].lower_)
        i -= 1
    # an adverb of the phrase counts too ("peu après la rencontre"), and so do prepositions
    # coordinated with its own ("avant et après la rencontre")
    own: list[str] = []
    for c in tok.children:
        if c.i < tok.i and (c.dep_ in ("case", "det") or (c.dep_ == "advmod" and c.pos_ == "ADV")):
            own.append(c.lower_)
            if c.dep_ == "case":
                own += [g.lower_ for g in c.children if g.dep_ == "conj" and g.pos_ == "ADP" and g.i < tok.i]
    return [_norm(w) for w in before + own]


def has_intro(tok: Token, seq: tuple[str, ...]) -> bool:
    words = intro_words(tok)
    want = [_norm(w) for w in seq]
    n = len(want)
    return any(words[i:i + n] == want for i in range(len(words) - n + 1))


def preposition(tok: Token) -> str | None:
    """The preposition introducing tok's phrase: its own case word, else the one of the
    phrase it is coordinated with, else the word just before (skipping determiners)."""
    cur = tok
    for _ in range(4):
        words = case_words(cur)
        if words:
            first = next(c for c in cur.children if c.dep_ in ("case", "mark") and c.i < cur.i)
            if first.i > 0 and tok.doc[first.i - 1].lower_ in ("auprès", "lors", "près"):
                return tok.doc[first.i - 1].lower_  # "auprès d'Alice"
            return _norm(words[0])
        if cur.dep_ in ("conj", "appos", "flat:name", "flat") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    i = tok.left_edge.i - 1
    while i >= 0 and tok.doc[i].pos_ == "DET":
        i -= 1
    if i >= 0 and tok.doc[i].pos_ == "ADP":
        return _norm(tok.doc[i].lower_)
    return None


_REGIONS: dict[tuple[int, int, tuple[int, ...], bool, frozenset[str]], frozenset[int]] = {}


def region(head: Token, skip: set[int] | None = None, keep_subject: bool = False,
           keep_acl: frozenset[str] = frozenset()) -> set[int]:
    """Token indices of head's clause: its subtree without embedded clauses (and subject).
    Memoised for the document being processed (find_event_mentions clears the memo)."""
    key = (id(head.doc), head.i, tuple(sorted(skip)) if skip else (), keep_subject, keep_acl)
    found = _REGIONS.get(key)
    if found is None:
        found = frozenset(_region(head, skip, keep_subject, keep_acl))
        _REGIONS[key] = found
    return set(found)


def _region(head: Token, skip: set[int] | None, keep_subject: bool, keep_acl: frozenset[str]) -> set[int]:
    out: set[int] = set()
    stack = [head]
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        for c in tok.children:
            if skip and c.i in skip:
                continue
            if c.dep_ in CLAUSE_DEPS and not (c.dep_ == "acl" and c.lemma_.lower() in keep_acl):
                continue
            if tok.i == head.i and c.dep_ in SUBJECT_DEPS and not keep_subject:
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and tok.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return out


def subtree_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def governing_verb(tok: Token) -> Token | None:
    """The verb an event noun depends on directly ("a eu un entretien", "lors d'une réunion",
    "la réunion est prévue"), or None."""
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i and cur.head.pos_ == "NOUN":
        cur = cur.head
    measures = load_rules().measure_nouns
    while cur.head.i != cur.i and cur.head.pos_ == "NOUN" and cur.head.lemma_.lower() in measures \
            and any(c.dep_ == "case" and _norm(c.lower_) == "de" for c in cur.children):
        cur = cur.head  # "a adopté un paquet de sanctions": the verb governs the measure noun
    head = cur.head
    if head.i == cur.i:
        return None
    if head.pos_ == "ADV" and head.head.i != head.i:  # "lors d'une réunion" parsed under "lors"
        head = head.head
    if head.pos_ == "NOUN" and head.dep_.startswith("obl") and head.head.pos_ == "VERB" and head.head.i < head.i \
            and head.head.lemma_.lower() in load_rules().support_verbs and cur.dep_ == "nmod" and not any(c.dep_ == "det" for c in cur.children) \
            and any(c.dep_ == "case" and c.lower_ in ("des", "du") and c.i == cur.i - 1 for c in cur.children):
        # "a mené mercredi sur le sol X des frappes": the partitive article taken for "de les",
        # the object hung onto the complement before it
        return head.head
    if head.pos_ in ("VERB", "AUX"):
        return head
    if head.pos_ == "ADJ" and (any(c.dep_ == "cop" for c in head.children) or head.dep_ == "ROOT"):
        return head
    return None


def demonym_states(noun: Token) -> list[str]:
    """Countries named by the demonyms qualifying a noun ("les négociateurs russes et
    ukrainiens", "les délégations russe et ukrainienne"), from the knowledge base."""
    kb = _kb()
    if kb is None or noun.pos_ != "NOUN":
        return []
    out: list[str] = []
    # a demonym the tagger took for a noun is still an adjective when it qualifies the noun
    # ("des médiateurs qataris")
    adjectives = [c for c in noun.children if c.dep_ == "amod" and c.pos_ in ("ADJ", "NOUN")]
    adjectives += [c for a in adjectives for c in a.children if c.dep_ == "conj" and c.pos_ == "ADJ"]
    # the words right after the noun, whatever the parse made of them ("les délégations russe
    # et ukrainienne se sont retrouvées" with the second adjective hung on the verb)
    doc = noun.doc
    i = noun.i + 1
    while i < len(doc) and (doc[i].pos_ == "ADJ" or doc[i].lower_ in ("et", ",") or doc[i] in adjectives):
        if doc[i].pos_ == "ADJ" and doc[i] not in adjectives:
            adjectives.append(doc[i])
        i += 1
    for a in adjectives:
        country = _demonym(kb, a.lower_, a.lemma_)
        if country and country not in out:
            out.append(country)
    for country in _compound_demonym(noun, kb):
        if country not in out:
            out.append(country)
    return out


def _compound_demonym(noun: Token, kb: Any) -> list[str]:
    """"les pourparlers russo-ukrainiens", "le sommet sino-américain": the countries of a
    compound demonym right after the noun (one token, or split around the hyphen), when every
    part is known (arguments.yaml `demonym_prefixes`); nothing otherwise."""
    doc = noun.doc
    i = noun.i + 1
    if i >= len(doc):
        return []
    if "-" in doc[i].text.strip("-"):
        parts = doc[i].lower_.split("-")
    elif i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
        parts = [doc[i].lower_, doc[i + 2].lower_]
    else:
        return []
    prefixes = load_rules().demonym_prefixes
    out: list[str] = []
    for k, part in enumerate(parts):
        country = _demonym(kb, part) if k == len(parts) - 1 else (
            _demonym(kb, prefixes[part]) if part in prefixes else None)
        if country is None:
            return []
        if country not in out:
            out.append(country)
    return out if len(out) > 1 else []


def people_state(noun: Token) -> list[str]:
    """A people named by its capitalised plural demonym stands for its state ("les Russes",
    "Russes et Ukrainiens se sont accordés"); one person of it ("un Russe") does not."""
    kb = _kb()
    if kb is None or noun.pos_ not in ("NOUN", "PROPN") or not noun.text[:1].isupper() \
            or not noun.lower_.endswith(("s", "x")) or "Sing" in noun.morph.get("Number", []):
        return []
    country = _demonym(kb, noun.lower_)
    return [country] if country else []


# nouns of the phrases a writer inserts between the auxiliary and the participle ("pour sa
# part", "de son côté")
INSERTED_NOUNS = frozenset({"part", "côté"})


def sentence_subject(tok: Token) -> Token | None:
    root = tok.sent.root
    for c in root.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, through control (tenter de rencontrer), coordination and
    relative pronouns (X, qui avait participé ...); an infinitive without a controller takes
    the sentence's subject."""
    if depth > 4:
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] or [
        c for c in verb.children if c.dep_ == "expl:subj" and c.lower_ in ("il", "elle", "ils", "elles")
        and c.i < verb.i]  # a personal "il" the parser took for an impersonal one
    if subjects:
        # several "subjects" are a parse error: the one nearest before the verb is the real one
        before = [c for c in subjects if c.i < verb.i]
        c = before[-1] if before else subjects[0]
        if "Rel" in c.morph.get("PronType", []) and verb.dep_.startswith("acl") and verb.head.i != verb.i:
            return verb.head
        return c
    forms = verb.morph.get("VerbForm", [])
    aux = verb.head.head
    if "Part" in forms and verb.dep_ == "acl" and verb.head.lemma_.lower() in INSERTED_NOUNS \
            and verb.head.i < verb.i and aux.lemma_ in ("avoir", "être") and aux.i < verb.head.i:
        # "X a, pour sa part, appelé Y" / "X a de son côté rencontré Y": the parse hung the
        # participle on the inserted phrase; the subject is the auxiliary's (or the name
        # before it that the parse took for a modifier)
        before = [c for c in aux.children if c.i < aux.i and c.dep_ in SUBJECT_DEPS] or [
            c for c in aux.children if c.i < aux.i and c.pos_ in ("PROPN", "NOUN") and c.dep_ in ("advmod", "nmod", "dep")]
        if before:
            return before[-1]
    if "Fin" in forms and verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
        # "X et Y négocient" parsed as a clause attached to Y: the phrase is the subject
        cur = verb.head
        while cur.dep_ in ("conj", "flat:name", "appos") and cur.head.i != cur.i:
            cur = cur.head
        return cur
    if verb.dep_ == "conj" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i \
            and verb.head.dep_ in SUBJECT_DEPS:
        return verb.head  # "les délégations X et Y se sont retrouvées" hung on the subject noun
    nonfinite = "Inf" in forms or "Part" in forms
    if "Inf" in forms and verb.head.i != verb.i and verb.dep_ != "conj" \
            and any(lemma in load_rules().object_control for lemma in verb_lemmas(verb.head)):
        # "accuser X de rompre", "exhorter X à négocier": the object does the infinitive
        obj = next((c for c in verb.head.children if c.dep_ == "obj" and c.i < verb.i), None)
        if obj is not None:
            return obj
    if "Inf" in forms and verb.head.i != verb.i:
        # "c'est au tour de X de défiler": X does the infinitive
        tour = verb.head if verb.head.lemma_ == "tour" else \
            verb.head.head if verb.head.dep_ == "nmod" and verb.head.head.lemma_ == "tour" else None
        if tour is not None and tour.i < verb.i and any(c.lower_ == "au" for c in tour.children):
            actor = next((c for c in tour.children if c.dep_ == "nmod" and c.i < verb.i
                          and c.pos_ in ("NOUN", "PROPN") and preposition(c) == "de"), None)
            if actor is not None:
                return actor
    if verb.head.i != verb.i and (verb.dep_ in ("xcomp", "conj") or (nonfinite and verb.dep_ in (
            "advcl", "obj", "obl:arg", "obl", "ccomp", "csubj", "acl"))):
        if verb.head.pos_ in ("VERB", "AUX", "ADJ"):
            return subject_of(verb.head, depth + 1)
        if "Inf" in forms:
            return sentence_subject(verb)
    return None


# -- participants -------------------------------------------------------------------------
class ArgumentFinder:
    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.rules = ctx.rules

    @staticmethod
    def _in_conj_chain(c: Token, top: Token) -> bool:
        """Is c coordinated with top (through appositions: "les présidents X et Y")?"""
        cur = c
        while cur.dep_ in ("conj", "appos", "flat:name", "flat") and cur.head.i != cur.i:
            cur = cur.head
            if cur.i == top.i:
                return True
        return False

    def phrase_entities(self, tok: Token) -> tuple[list[str], bool]:
        """Entities a noun phrase refers to (with coordination), and whether it contains a
        group without entity ("les principaux dirigeants européens")."""
        ctx = self.ctx
        ids: list[str] = []
        group = False
        conjuncts = [tok] + [c for c in tok.subtree if c.i != tok.i and c.pos_ not in ("VERB", "AUX")
                             and self._in_conj_chain(c, tok)
                             and (c.dep_ == "conj" or (c.dep_ == "appos" and self._other_entity(c, tok)))]
        for part in conjuncts:
            cover = [k for k in ctx.covering(part.i) if ctx.mentions[k].entity]
            if cover:
                k = min(cover, key=lambda k: (ctx.m_tokens[k][0], -ctx.m_tokens[k][1]))
                if ctx.entity_type(k) in SUBJECT_TYPES:
                    ids.append(ctx.mentions[k].entity or "")
                continue
            inner = region(part) - {t.i for c in conjuncts if c.i != part.i for t in c.subtree}
            inner_ids = [ctx.mentions[k].entity or "" for k in ctx.outermost(inner)
                         if ctx.mentions[k].entity and ctx.entity_type(k) in SUBJECT_TYPES
                         and preposition(ctx.root_of(k) or part) not in self.rules.place_cases]
            plural = part.pos_ in ("NOUN", "PRON", "PROPN") and "Plur" in part.morph.get("Number", [])
            states = demonym_states(part)  # "les délégations russe et ukrainienne"
            if not states and not inner_ids:
                states = people_state(part)  # "Russes et Ukrainiens s'accordent"
            if states and not inner_ids:
                ids.extend(states)
                continue
            # "le prince héritier X": a name in apposition (no preposition) is the phrase's referent
            named = [ctx.mentions[k].entity or "" for k in ctx.outermost(inner) if ctx.mentions[k].entity
                     and ctx.entity_type(k) in SUBJECT_TYPES and preposition(ctx.root_of(k) or part) is None]
            if named and not plural and part.pos_ == "NOUN":
                ids.extend(named[:1])
            elif inner_ids and not plural and part.lemma_.lower() in self.rules.representative_nouns:
                ids.extend(inner_ids[:1])  # "une délégation du Hamas" acts for the Hamas
            elif inner_ids and (plural or part.pos_ == "PROPN") or inner_ids and not cover and part.pos_ != "NOUN":
                ids.extend(inner_ids)
            elif plural:
                group = True
        return [i for i in dict.fromkeys(ids) if i], group

    def _other_entity(self, c: Token, top: Token) -> bool:
        """"X, Y, Z et W" parsed as appositions: a name of another entity than the head's."""
        mine = {self.ctx.mentions[k].entity for k in self.ctx.covering(c.i)} - {None}
        theirs = {self.ctx.mentions[k].entity for k in self.ctx.covering(top.i)} - {None}
        return bool(mine) and bool(theirs) and not mine & theirs

    def group_size(self, tok: Token, depth: int = 0) -> int:
        """How many actors already named "les deux dirigeants" (2), "les cinq dirigeants" (5),
        "ils" (2: the pair last discussed) stand for; 0 when tok is no such reference."""
        if tok.lower_ in PLURAL_PRONOUNS:
            return 2
        plural = "Plur" in tok.morph.get("Number", [])
        if tok.lemma_.lower() in self.rules.pair_nouns and plural:
            for c in tok.children:
                # "les deux pays", "des deux pays" (the article contracted with de)
                if c.lower_ in GROUP_NUMBERS and any(d.lower_ in ("les", "ces") or (
                        d.lower_ in ("des", "aux") and d.dep_ == "case") for d in tok.children):
                    return GROUP_NUMBERS[c.lower_]
        if plural and tok.pos_ == "NOUN" and depth < 2 and not any(
                self.ctx.mentions[k].entity for k in self.ctx.covering(tok.i)):
            # "les chefs des armées des deux pays": people of the pair stand for it
            for c in tok.children:
                if c.dep_ == "nmod" and c.pos_ == "NOUN" and preposition(c) == "de":
                    size = self.group_size(c, depth + 1)
                    if size:
                        return size
        return 0

    def person_group(self, tok: Token) -> bool:
        """"les cinq dirigeants", "les chefs des armées des deux pays" (no: "pays" is the
        pair), "les deux ministres": the group reference names people."""
        return tok.lemma_.lower() in self.rules.person_pair_nouns and "Plur" in tok.morph.get("Number", []) \
            and any(c.lower_ in GROUP_NUMBERS for c in tok.children)

    def object_group(self, cand: Candidate, verb: Token) -> None:
        """"X a reçu les deux ministres", "paraphé par les équipes des deux pays": a direct object
        or an agent after the verb that is a group reference without an entity of its own
        stands for the people (or states) last named, X left aside; resolved in `_discourse`."""
        doc, ctx = verb.doc, self.ctx
        agent = None
        for i in range(verb.i + 1, min(len(doc), verb.i + 10)):  # the token arrays: no Token built
            if ctx.pos[i] == "PUNCT":
                break
            if ctx.pos[i] == "NOUN" and "par" in ctx.lower[verb.i + 1:i] and preposition(doc[i]) == "par":
                agent = doc[i]
                break
        for c in [*verb.children, *([agent] if agent is not None else [])]:
            if (c.dep_ != "obj" and c is not agent) or c.pos_ != "NOUN" \
                    or any(self.ctx.mentions[k].entity for k in self.ctx.covering(c.i)):
                continue
            size = self.group_size(c)
            if size:
                cand.object_group = size
                cand.object_types = frozenset({"PER"}) if self.person_group(c) else \
                    frozenset({"GPE"}) if self.state_group(c) else frozenset({"PER", "GPE", "ORG"})
                return

    def state_group(self, tok: Token, depth: int = 0) -> bool:
        """"les deux pays", "les délégations des deux pays": the group reference names states
        (arguments.yaml `pair_nouns` with `state: true`)."""
        if tok.lemma_.lower() in self.rules.state_pair_nouns and "Plur" in tok.morph.get("Number", []) \
                and any(c.lower_ in GROUP_NUMBERS for c in tok.children):
            return True
        return depth < 2 and tok.pos_ == "NOUN" and any(
            c.dep_ == "nmod" and c.pos_ == "NOUN" and preposition(c) == "de" and self.state_group(c, depth + 1)
            for c in tok.children)

    def pair_reference(self, tok: Token) -> bool:
        return self.group_size(tok) > 0

    def subject_entities(self, verb: Token, not_subject: frozenset[str] = frozenset()
                         ) -> tuple[list[str], bool, int]:
        """(entities, group, pair reference) of a verb's subject. A "subject" whose lemma is
        in `not_subject` is a parse error ("le tapis" of "dérouler le tapis rouge")."""
        speaker = self.speaker_before(verb)
        if speaker:
            return speaker, False, 0
        subj = subject_of(verb)
        if subj is not None and subj.lemma_.lower() in not_subject and subj.head.i == verb.i:
            subj = subject_of(verb.head) if verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") \
                else sentence_subject(verb)
        if subj is None:
            return [], False, 0
        ids, group = self.phrase_entities(subj)
        if subj.head.i == verb.i and any(c.dep_ == "cc" and c.lower_ == "et" and c.i < subj.i for c in subj.children):
            # "X et Y ont conclu" parsed as two subjects of the verb: the first is a subject too
            for other in verb.children:
                if other.dep_ == subj.dep_ and other.i < subj.i:
                    more, _group = self.phrase_entities(other)
                    ids = [*more, *(i for i in ids if i not in more)]
        if not ids and subj.lower_ in ("il", "elle") and not self.ctx.covering(subj.i):
            ids = self.previous_subject(subj)
        if not ids and subj.lower_ == "nous" and not self.ctx.covering(subj.i):
            ids = self.speaker_body(subj)
            group = group and not ids
        pair = 0 if ids else self.group_size(subj)
        return ids, group and not pair, pair

    def document_parties(self, cand: Candidate, verb: Token) -> None:
        """"Le rapport publié par les experts de X prouvant que les troupes de Y ont ...": who
        wrote the document (named in its phrase) and whom the proven clause is about (its
        subject)."""
        ctx = self.ctx
        doc_noun = _document_subject(verb, cand.rule.author)
        if doc_noun is None:
            return
        inside = subtree_ids(doc_noun) - subtree_ids(verb) if verb.head.i == doc_noun.i or doc_noun.head.i != verb.i \
            else subtree_ids(doc_noun)
        authors = [ctx.mentions[k].entity or "" for k in ctx.outermost(inside)
                   if ctx.mentions[k].entity and ctx.entity_type(k) in ("ORG", "GPE", "PER")]
        cand.add(authors[:1])
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:  # the parse may hang the "que" clause on the document noun
            sent_end = ctx.sents[ctx.sent_of.get(verb.i, 0)].end
            mark = next((j for j in range(verb.i + 1, min(sent_end, verb.i + 12))
                         if ctx.lower[j] in ("que", "qu'", "qu’") and ctx.doc[j].dep_ == "mark"), None)
            clause = ctx.doc[mark].head if mark is not None and ctx.doc[mark].head.i > mark else None
        target = subject_of(clause) if clause is not None else None
        if target is not None:
            cand.add(self.phrase_entities(target)[0])

    def speaker_before(self, verb: Token) -> list[str]:
        """A present participle right after a quote's speaker has the speaker for subject
        ("« ... », a plaidé X à l'issue du sommet, appelant Y à ..."; the parser takes the
        inverted subject of the cue for an object)."""
        ctx = self.ctx
        if not ctx.quotes or verb.pos_ != "VERB" or "Part" not in verb.morph.get("VerbForm", []) \
                or "Pres" not in verb.morph.get("Tense", []) or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return []
        sent = ctx.sents[ctx.sent_of.get(verb.i, 0)]
        lo = sent.start_char
        for q in ctx.quotes:
            sp = q.speaker
            if sp is None or not sp.entity or not lo <= sp.start or sp.end > verb.idx:
                continue
            between = [i for i in range(verb.i - 1, sent.start - 1, -1) if ctx.doc[i].idx >= sp.end]
            if between and ctx.doc[between[-1]].idx > sp.end + 1:
                continue  # the span does not end on a token boundary
            if len(between) <= 8 and not any(ctx.pos[i] in ("VERB", "AUX") for i in between) \
                    and any(ctx.doc[i].text == "," for i in between):
                return [sp.entity]
        return []

    def speaker_body(self, pronoun: Token) -> list[str]:
        """"nous" in a direct quote: the state or organisation the speaker speaks for ("« Nous
        avons des contacts prévus avec X », a dit le porte-parole du Kremlin" -> Russia): the
        body of the office the speaker holds, the country of a seat of power ("le Kremlin"), or
        the organisation or state speaking itself. A speaker holding no office gives nothing."""
        ctx = self.ctx
        kb = _kb()
        char = pronoun.idx
        quote = next((q for q in ctx.quotes if q.start <= char < q.end and q.kind in ("direct", "partial", "mixed")
                      and q.speaker is not None and q.speaker.entity), None)
        if quote is None or kb is None or quote.speaker is None:
            return []
        sid = quote.speaker.entity or ""
        entry = kb.get(sid)
        ent = ctx.entities.get(sid)
        etype = entry.type if entry is not None else ent.type if ent is not None else None
        if etype in ("ORG", "GPE"):
            country = kb.country_of(sid) if entry is not None and entry.seat_of else None
            return [country or sid]
        if entry is None or etype != "PER":
            return []
        span = dates.interval(ctx.published)
        if span is not None:
            roles = kb.roles_at(sid, span[0], span[1])
        else:
            roles = [r for r in entry.roles if r.end is None]
        return [roles[0].of] if roles else []

    def object_clitic(self, cand: Candidate, verb: Token) -> None:
        """"X a affirmé que ... Y l'a démenti": an object clitic the actor stage leaves
        unresolved stands for the person who is the subject of the sentence before, in the same
        paragraph (the person, or what that person said)."""
        ctx = self.ctx
        clitic = next((c for c in verb.children if c.dep_ in ("obj", "iobj") and c.pos_ == "PRON" and c.i < verb.i
                       and c.lower_ in ("l'", "l’", "le", "la", "lui") and not ctx.covering(c.i)), None)
        n = ctx.sent_of.get(verb.i, 0)
        if clitic is None or n == 0:
            return
        prev = ctx.sents[n - 1]
        if ctx.para[prev.start] != ctx.para[verb.i] and ctx.para[prev.end - 1] != ctx.para[verb.i]:
            return
        subj = next((c for c in prev.root.children if c.dep_ in SUBJECT_DEPS), None)
        for k in ctx.covering(subj.i) if subj is not None else []:
            m = ctx.mentions[k]
            if m.entity and ctx.entity_type(k) == "PER" and m.entity not in cand.subject:
                cand.add([m.entity])
                return

    def previous_subject(self, pronoun: Token) -> list[str]:
        """"il"/"elle" the actor stage left unresolved: the person named as subject of the
        sentence before, in the same or the previous paragraph ("Ce vendredi, X se trouvait à
        Tirana. ... il s'y est entretenu avec Y")."""
        ctx = self.ctx
        n = ctx.sent_of.get(pronoun.i, 0)
        own = ctx.sents[n]
        subj = next((c for c in own.root.children if c.dep_ in SUBJECT_DEPS and c.i < pronoun.i), None)
        for k in ctx.covering(subj.i) if subj is not None else []:
            m = ctx.mentions[k]
            if m.entity and ctx.entity_type(k) == "PER":
                return [m.entity]  # "X se rendra à Paris, où il sera reçu": the main clause's subject
        if n == 0:
            return []
        sent = ctx.sents[n - 1]
        if ctx.para[pronoun.i] - ctx.para[sent.start] > 1:
            return []
        subj = next((c for c in sent.root.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None:
            return []
        for k in ctx.covering(subj.i):
            m = ctx.mentions[k]
            if m.entity and ctx.entity_type(k) == "PER":
                return [m.entity]
        return []

    def complements(self, cand: Candidate, tokens: set[int], trigger: Token,
                    partners_only: bool = False) -> None:
        """Partners and place among the mentions of `tokens` (the trigger's clause)."""
        ctx, rules = self.ctx, self.rules
        consult_noun = not verbal(trigger) and cand.rule.type == "CONSULT"
        for k in ctx.outermost(tokens):
            m = ctx.mentions[k]
            root = ctx.root_of(k)
            if root is None or not m.entity:
                continue
            etype = ctx.entity_type(k)
            prep = preposition(root)
            if prep == "de" and root.head.lemma_.lower() in rules.host_nouns and root.head.i != trigger.i \
                    and etype in PARTNER_TYPES:
                cand.add([m.entity])  # "à l'invitation du roi": the host takes part
                continue
            if partners_only and prep not in ("avec", "entre"):
                continue
            seat = etype == "ORG" and cand.rule.type == "CONSULT" and prep == "à"
            # "imposer des sanctions à X", "apporter son soutien à X": à names a recipient
            recipient = prep == "à" and cand.rule.type not in LOCATED_TYPES and etype != "LOC"
            if (prep in rules.place_cases or prep == "à") and not recipient:
                if prep == "à" and etype == "PER":
                    cand.add([m.entity])
                elif (etype in PLACE_TYPES or seat) and cand.place is None:
                    cand.place = m.entity
                continue
            if etype not in PARTNER_TYPES:
                continue
            if prep in rules.partner_cases or recipient or prep is None and (root.dep_ in OBJECT_DEPS or root.head.i == trigger.i
                                   or root.dep_ in ("conj", "appos")):
                cand.add([m.entity])
            elif prep == "de":
                head = root.head
                if head.i == trigger.i and verbal(trigger) and cand.rule.prep == "de":
                    cand.add([m.entity])  # "entendre de X une condamnation": whom it is asked of
                elif head.i == trigger.i and not verbal(trigger):
                    if consult_noun and etype in PLACE_TYPES:
                        cand.place = cand.place or m.entity  # "le sommet de Paris"
                    else:
                        cand.add([m.entity])  # "la visite du roi", "l'invasion de l'Ukraine"
                elif head.pos_ == "NOUN" and "Plur" in head.morph.get("Number", []) and not ctx.covering(head.i) \
                        and (preposition(head) in rules.partner_cases
                             or (head.head.i == trigger.i and not verbal(trigger) and preposition(head) == "de")):
                    cand.add([m.entity])  # "avec les dirigeants de la coalition", "la réunion des ministres de X"

    def surface_place(self, cand: Candidate, verb: Token) -> None:
        """"seront reçus ensemble à la Maison Blanche" with the place hung elsewhere by the
        parse: a place right after a located event's verb (arguments.yaml `place_cases`)."""
        ctx = self.ctx
        if cand.place is not None or cand.rule.type not in LOCATED_TYPES:
            return
        for k in ctx.outermost(_surface_window(verb, ctx)):
            m, root = ctx.mentions[k], ctx.root_of(k)
            if root is None or not m.entity:
                continue
            prep, etype = preposition(root), ctx.entity_type(k)
            if (prep in self.rules.place_cases or prep == "à") and (
                    etype in PLACE_TYPES or etype == "ORG" and cand.rule.type == "CONSULT" and prep == "à"):
                cand.place = m.entity
                return

    def preverbal(self, verb: Token) -> list[str]:
        """The entities named just before a verb whose subject the parse lost ("X et Y se sont
        entretenus" hung onto a headline): back to the clause start, skipping clitics,
        auxiliaries and adverbs; names only, coordinated with "et"."""
        ctx = self.ctx
        doc = verb.doc
        i = verb.i - 1
        while i >= 0 and (doc[i].pos_ in ("AUX", "ADV", "PRON") and doc[i].lower_ not in ("qui", "que")):
            i -= 1
        ids: list[str] = []
        near: int | None = None  # how many names were found before the first comma
        listed = False  # an "et" was crossed: the commas enumerate ("X, Y et Z"), else they set apart
        while i >= 0 and ctx.para[i] == ctx.para[verb.i]:
            cover = [k for k in ctx.covering(i) if ctx.mentions[k].entity]
            people = [] if cover or ctx.covering(i) else people_state(doc[i])
            if (cover or people) and ids and doc[i + 1].text == ",":
                j = (ctx.m_tokens[cover[0]][0] if cover else i) - 1
                while j >= 0 and doc[j].pos_ == "DET":
                    j -= 1
                if j >= 0 and doc[j].pos_ == "ADP":
                    # "À Istanbul, X et Y s'accordent", "Selon le ministre, X, Y a accepté": the
                    # names before the first comma are a complement, the list ends there
                    ids = ids[len(ids) - near:] if near is not None and not listed else ids
                    i += 1
                    break
            if cover or people:
                if people:  # "Russes et Ukrainiens s'accordent"
                    ids.insert(0, people[0])
                    i -= 1
                else:
                    k = cover[0]
                    if ctx.entity_type(k) in SUBJECT_TYPES:
                        ids.insert(0, ctx.mentions[k].entity or "")
                    i = ctx.m_tokens[k][0] - 1
                # "les présidents chinois X et américain Y": demonyms before each name
                while i >= 0 and doc[i].pos_ == "ADJ" and not ctx.covering(i):
                    i -= 1
                if i >= 0 and doc[i].lower_ in ("et", ","):
                    if doc[i].text == "," and near is None:
                        near = len(ids)
                    listed = listed or doc[i].lower_ == "et"
                    i -= 1
                    while i >= 0 and doc[i].pos_ == "ADJ" and not ctx.covering(i):
                        i -= 1
                    continue
                break
            break
        if near is not None and not listed and i >= 0 and doc[i].text != ",":
            k = i  # "Selon la ministre, X, Y et Z ont ...": a phrase opened by a preposition
            while k >= 0 and doc[k].pos_ in ("NOUN", "DET", "ADJ", "PROPN") and ctx.para[k] == ctx.para[i]:
                k -= 1
            if k >= 0 and doc[k].pos_ == "ADP":
                ids, i = ids[len(ids) - near:], verb.i - 1
        if len(ids) >= 2 and i >= 0 and doc[i].pos_ == "NOUN" and not ctx.covering(i) \
                and "Plur" in doc[i].morph.get("Number", []):
            i -= 1  # the plural title heading the names ("les présidents X et Y")
            while i >= 0 and doc[i].pos_ == "DET":
                i -= 1
        while ids and i >= 0 and doc[i].pos_ == "DET" and doc[i].lower_ in DEFINITE:
            i -= 1  # the article of the first name ("Le Royaume-Uni a annoncé")
        if i >= 0 and ctx.para[i] == ctx.para[verb.i] and doc[i].pos_ in ("ADP", "DET"):
            return []  # the names are a complement ("avec X"), not a subject
        return list(dict.fromkeys(ids))

    def demonym_partners(self, cand: Candidate, tokens: set[int]) -> None:
        """"avec les délégations russe et ukrainienne", "contre des groupes armés congolais": the
        countries of a group of partners."""
        for i in sorted(tokens):
            if self.ctx.pos[i] != "NOUN" or self.ctx.covering(i):
                continue
            tok = self.ctx.doc[i]
            if preposition(tok) in ("avec", "entre", "contre"):
                cand.add(demonym_states(tok))

    def territory_place(self, cand: Candidate, tokens: set[int]) -> None:
        """"sur le sol pakistanais", "en territoire ukrainien": the country named by the demonym
        of a ground noun is the place (arguments.yaml `territory_nouns`)."""
        if cand.place is not None:
            return
        for i in sorted(tokens):
            if self.ctx.pos[i] not in ("NOUN", "PROPN", "AUX") or (
                    self.ctx.lemma[i] not in self.rules.territory_nouns
                    and self.ctx.lower[i] not in self.rules.territory_nouns):
                continue
            tok = self.ctx.doc[i]
            if tok.pos_ == "AUX" and not any(c.dep_ == "det" for c in tok.children):
                continue  # "est" the verb, not "l'est" the region the tagger took for it
            if not self.ctx.covering(i) and preposition(tok) in ("sur", "en", "dans"):
                states = demonym_states(tok)
                if states:
                    cand.place = states[0]
                    return
                for c in tok.children:  # "dans l'est de la Syldavie", "sur le territoire de X"
                    if c.dep_ == "nmod" and preposition(c) == "de":
                        named = [k for k in self.ctx.covering(c.i) if self.ctx.mentions[k].entity
                                 and self.ctx.entity_type(k) in PLACE_TYPES]
                        if named:
                            cand.place = self.ctx.mentions[named[0]].entity
                            return

    def surface_partners(self, cand: Candidate, noun: Token) -> None:
        """The words right after a trigger, up to the next clause: "son appel à X en février",
        "une rencontre entre X et Y", "a rencontré X" (backs up a parse attaching them
        elsewhere, or splitting the sentence at an unknown name)."""
        ctx = self.ctx
        doc = noun.doc
        if verbal(noun):  # the direct object right after the verb
            j = noun.i + 1
            if j < len(doc) and cand.rule.prep == "de" and doc[j].pos_ == "ADP" and _norm(doc[j].lower_) == "de":
                j += 1  # "entend du Conseil ...": the complement of the rule's preposition
            while j < len(doc) and doc[j].pos_ in ("DET", "ADV") and j - noun.i <= 2:
                j += 1
            for k in ctx.covering(j) if j < len(doc) else []:
                m = ctx.mentions[k]
                if m.entity and ctx.m_tokens[k][0] == j and ctx.entity_type(k) in PARTNER_TYPES \
                        and ctx.entity_type(k) != "LOC":
                    cand.add([m.entity])
                    break
        window = _surface_window(noun, ctx)
        for k in ctx.outermost(window):
            m = ctx.mentions[k]
            root = ctx.root_of(k)
            if root is None or not m.entity:
                continue
            s = ctx.m_tokens[k][0]
            j = s - 1
            while j > noun.i and doc[j].pos_ == "DET":
                j -= 1
            prep = _norm(doc[j].lower_) if j > noun.i else None
            if prep in ("et",):  # coordination: the role of the previous partner
                continue
            etype = ctx.entity_type(k)
            if prep in ("avec", "entre", "contre") and etype in PARTNER_TYPES or prep == "à" and etype == "PER":
                cand.add([m.entity])
        # coordinated partners after "entre X et Y"
        for k in ctx.outermost(window):
            m = ctx.mentions[k]
            s = ctx.m_tokens[k][0]
            if m.entity and s - 1 > noun.i and doc[s - 1].lower_ == "et" and ctx.entity_type(k) in PARTNER_TYPES \
                    and any(doc[j].lower_ == "entre" for j in range(noun.i + 1, s)):
                cand.add([m.entity])

    def possessive(self, noun: Token) -> tuple[list[str], bool, bool]:
        """Who "son/sa/leur" on an event noun stands for: (entities, has a possessive,
        is a pair reference)."""
        for c in noun.children:
            if c.dep_ == "det" and "Yes" in c.morph.get("Poss", []):
                cover = [k for k in self.ctx.covering(c.i) if self.ctx.mentions[k].entity]
                if cover:
                    return [self.ctx.mentions[cover[0]].entity or ""], True, False
                return [], True, c.lower_ in ("leur", "leurs")
        return [], False, False


# -- time -----------------------------------------------------------------------------------
def _preceded_by(ctx: DocContext, start_tok: int, seqs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the time phrase starting at token `start_tok` is introduced by one of `seqs`,
    before it ("depuis le 3 mai") or as its own first words when the time stage included
    them in the span ("d'ici 2035")."""
    doc = ctx.doc
    inside = [_norm(doc[i].lower_) for i in range(start_tok, min(len(doc), start_tok + 3))]
    for seq in seqs:
        want = [_norm(w) for w in seq]
        if inside[:len(want)] == want:
            return True
    words = [_norm(ctx.doc[i].lower_) for i in range(max(0, start_tok - 4), start_tok)]
    # skip the determiner of the time phrase ("depuis le 3 mai")
    while words and ctx.doc[start_tok - 1].pos_ == "DET" and words[-1] in ("le", "la", "l'", "les"):
        words.pop()
        start_tok -= 1
    for seq in seqs:
        want = [_norm(w) for w in seq]
        n = len(want)
        if words[-n:] == want:
            return True
        if len(want) == 1 and words[-2:-1] == want:  # "jusqu'en mai"
            return True
    return False


def _event_relative(ctx: DocContext, start: int, end: int) -> bool:
    """"au lendemain de l'appel", "à la veille du sommet": a day counted from another event,
    which the time stage could only resolve from the publication date."""
    return end < len(ctx.doc) and ctx.lower[end] in DE_FORMS \
        and any(ctx.lemma[i] in ("lendemain", "veille") for i in range(start, end))


START_VERBS = frozenset({"commencer", "débuter"})


def _start_timex(ctx: DocContext, noun: Token) -> Timex | None:
    """"une pause qui a commencé jeudi et s'achève samedi": a lasting event is dated by its
    start."""
    # the relative clause may hang on the noun's complement ("une pause des combats qui a commencé")
    heads = [noun, *(c for c in noun.children if c.dep_ == "nmod" and c.i > noun.i)]
    for c in (c for h in heads for c in h.children):
        if c.dep_ == "acl:relcl" and c.lemma_.lower() in START_VERBS:
            tokens = subtree_ids(c) - {i for cc in c.children if cc.dep_ == "conj" for i in subtree_ids(cc)}
            found = clause_timex(ctx, tokens, noun)
            if found is not None:
                return found
    return None


def _dates_other_noun(ctx: DocContext, start: int, end: int, trigger: Token) -> bool:
    """"une trêve à l'occasion des commémorations de la victoire de 1945": a year or date
    complementing ("de") a noun that is neither the trigger nor another event names when
    that thing was, not the event."""
    doc = ctx.doc
    roots = [doc[i] for i in range(start, end) if not (start <= doc[i].head.i < end)]
    if len(roots) != 1:
        return False
    root = roots[0]
    head = root.head
    return root.dep_ == "nmod" and preposition(root) == "de" and head.pos_ == "NOUN" \
        and head.i != trigger.i and head.i not in ctx.triggers and not (start <= head.i < end)


def _event_times(ctx: DocContext) -> list[tuple[int, int, int]]:
    """(index, first token, end token) of the DATE/TIME expressions that may date an event,
    in text order: not "depuis mars", not "au lendemain de l'appel" (computed once a Doc)."""
    if ctx.event_times is None:
        ctx.event_times = [(j, s, e) for j, (s, e) in enumerate(ctx.t_tokens)
                           if s >= 0 and ctx.timexes[j].type in ("DATE", "TIME")
                           and not _preceded_by(ctx, s, ctx.rules.not_event_time) and not _event_relative(ctx, s, e)]
    return ctx.event_times


def clause_timex(ctx: DocContext, tokens: set[int], trigger: Token) -> Timex | None:
    """The time expression of a clause: a DATE/TIME inside `tokens`, nearest the trigger."""
    best: tuple[int, int] | None = None
    for j, s, e in _event_times(ctx):
        if tokens.isdisjoint(range(s, e)) or ctx.para[s] != ctx.para[trigger.i]:
            continue  # a parse across a blank line does not date the next paragraph
        if _dates_other_noun(ctx, s, e, trigger):
            continue
        dist = min(abs(trigger.i - s), abs(trigger.i - (e - 1)))
        if best is None or dist < best[0]:
            best = (dist, j)
    return ctx.timexes[best[1]] if best else None


def timex_value(ctx: DocContext, t: Timex) -> str | None:
    """A calendar value for a mention's date; an unresolved weekday or relative reference
    falls back on the publication month (the article was written within days of it)."""
    if dates.interval(t.value) is not None:
        return t.value
    if t.type in ("DATE", "TIME") and ctx.published and dates.interval(ctx.published) is not None \
            and t.value and "X" in t.value and not t.value.startswith("PAST") and not t.value.startswith("FUT"):
        pub = ctx.published
        return pub[:7] if len(pub) >= 10 else pub
    return None


def relative_date(ctx: DocContext, noun: Token, anchor_tokens: set[int]) -> str | None:
    """"trois jours après une rencontre": the clause's date minus the duration."""
    rules = ctx.rules
    case = next((c for c in noun.children if c.dep_ == "case" and c.lower_ in rules.relative_cases), None)
    if case is None:
        return None
    sign = rules.relative_cases[case.lower_]
    for j, (s, e) in enumerate(ctx.t_tokens):
        t = ctx.timexes[j]
        if s < 0 or not (0 <= case.i - e <= 1):
            continue
        if t.type == "DATE" and dates.interval(t.value):
            return t.value  # the time stage already resolved "trois jours après ..."
        days = dates.duration_days(t.value)
        if t.type != "DURATION" or days is None:
            continue
        skip = set(range(s, e)) | {i for i in range(noun.left_edge.i, noun.right_edge.i + 1)}
        anchor = clause_timex(ctx, anchor_tokens - skip, noun)
        base = timex_value(ctx, anchor) if anchor else ctx.published
        return dates.shift(base, sign * days)
    return None


# -- the extractor --------------------------------------------------------------------------
def verbal(tok: Token) -> bool:
    """A verb, or a past participle the tagger took for an adjective ("a gelé")."""
    return tok.pos_ in ("VERB", "AUX") or _participle_lemma(tok) is not None


def _participle_lemma(tok: Token) -> str | None:
    """"a gelé" tagged as an adjective or a noun: the infinitive of a past participle with an
    auxiliary."""
    if tok.pos_ not in ("ADJ", "NOUN"):
        return None
    word = tok.lower_
    ending = next((e for e in ("ées", "és", "ée", "é") if word.endswith(e)), None)
    if ending is None or not any(c.dep_ == "aux:tense" for c in tok.children):
        return None
    return word[: -len(ending)] + "er"


def trigger_keys(tok: Token) -> list[str]:
    """The words a trigger rule may be filed under for this token: its lemma, its form, and the
    infinitive when the lemmatiser left a verb form unchanged ("cherche") or the tagger took a
    participle for an adjective ("a gelé")."""
    from veille.events.status import verb_lemmas

    lemma, word = tok.lemma_.lower(), tok.lower_
    keys = [lemma, word]
    if tok.pos_ in ("ADJ", "NOUN") and word[-1:] in ("é", "s", "e"):
        participle = _participle_lemma(tok)
        if participle:
            keys.append(participle)
    if tok.pos_ in ("VERB", "AUX") and lemma == word:
        keys.extend(verb_lemmas(tok))
    return list(dict.fromkeys(keys))


def match_rule(tok: Token, ctx: DocContext) -> TriggerRule | None:
    rules = ctx.rules
    keys = [k for k in trigger_keys(tok) if k in rules.triggers]
    if not keys:
        return None
    participle = _participle_lemma(tok)
    for key in keys:
        for rule in rules.triggers.get(key, []):
            if tok.pos_ not in rule.pos and not (participle and "VERB" in rule.pos):
                continue
            if rule.reflexive is not None and is_reflexive(tok) != rule.reflexive:
                continue
            if rule.with_ and not _has_with(tok, rule.with_):
                continue
            if rule.also and not _has_with(tok, rule.also):
                continue
            if rule.without and _has_without(tok, rule.without):
                continue
            if rule.author and _document_subject(tok, rule.author) is None:
                continue
            if rule.prep and not _has_prep(tok, rule.prep):
                continue
            return rule
    return None


def _document_subject(tok: Token, nouns: frozenset[str]) -> Token | None:
    """The noun naming the document a verb is said of ("le rapport ... prouve que", "un rapport
    prouvant que"), when it is one of `nouns`."""
    subj = subject_of(tok)
    if subj is None and tok.dep_ == "acl" and tok.head.i != tok.i:
        subj = tok.head
    if subj is None and "Part" in tok.morph.get("VerbForm", []) and "Pres" in tok.morph.get("Tense", []):
        # the participle right after the document's phrase, whatever the parse made of it
        doc = tok.doc
        for i in range(tok.i - 1, max(-1, tok.i - 16), -1):
            t = doc[i]
            if t.pos_ == "NOUN" and t.lemma_.lower() in nouns:
                return t
            if t.is_punct or t.pos_ == "AUX" or t.pos_ == "VERB" and "Past" not in t.morph.get("Tense", []):
                break
        return None
    return subj if subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() in nouns else None


def _has_with(tok: Token, wanted: frozenset[str]) -> bool:
    for c in tok.children:
        if c.lemma_.lower() in wanted or c.lower_ in wanted:
            return True
        for g in c.children:
            if g.lemma_.lower() in wanted or g.lower_ in wanted:
                return True
    return False


def _has_without(tok: Token, unwanted: frozenset[str]) -> bool:
    """One of `unwanted` is a dependent of the trigger or the word right before it."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return any(c.lemma_.lower() in unwanted or c.lower_ in unwanted
               for c in [*tok.children, *([before] if before is not None else [])])


def _has_prep(tok: Token, prep: str) -> bool:
    forms = A_FORMS if prep == "à" else DE_FORMS if prep == "de" else {prep}
    for c in tok.children:
        if c.dep_ in SUBJECT_DEPS:
            continue
        if c.i > tok.i and (c.pos_ in ("NOUN", "VERB") or c.pos_ == "PROPN" and prep != "à") and any(w in forms for w in case_words(c)):
            return True
    return False


def find_event_mentions(doc: Doc, keep_empty: bool = False) -> list[EventMention]:
    """The event mentions of a parsed doc, in text order, ids e1, e2, ..."""
    rules = load_rules()
    _REGIONS.clear()
    _INTROS.clear()
    ctx = DocContext(doc, rules)
    finder = ArgumentFinder(ctx)
    matched: list[tuple[Token, TriggerRule]] = []
    for i, pos in enumerate(ctx.pos):
        if pos not in ("VERB", "NOUN", "ADJ", "PROPN"):
            continue
        lemma, word = ctx.lemma[i], ctx.lower[i]
        # trigger_keys adds keys only to verbs left unlemmatised and participles in -é(e)(s)
        if lemma not in rules.triggers and word not in rules.triggers and not (
                pos == "VERB" and lemma == word) and not (pos != "VERB" and word[-1:] in ("é", "s", "e")):
            continue
        tok = doc[i]
        rule = match_rule(tok, ctx)
        if rule is not None:
            matched.append((tok, rule))
            ctx.triggers.add(tok.i)
    candidates = []
    for tok, rule in matched:
        cand = Candidate(tok, rule, ctx.sent_of.get(tok.i, 0))
        _arguments(cand, ctx, finder)
        if _keep(cand, ctx, keep_empty):
            candidates.append(cand)
    _discourse(candidates, ctx, finder)
    out: list[EventMention] = []
    for cand in candidates:
        _state_actors(cand, ctx)
        _describe(cand, ctx, doc)
        # a dated state of affairs with no named actor ("la trêve du 8 mai") is still an event;
        # a bare "réunion" with neither actors nor date says nothing
        if not cand.participants and not keep_empty and not (
                cand.date and cand.rule.type != "CONSULT" and not cand.anaphoric):
            continue
        if cand.rule.needs_partner and cand.object_group and not keep_empty \
                and not [p for p in cand.participants if p not in cand.subject]:
            continue  # the group object stood for no one
        for parts in _split(cand, ctx):
            out.append(_to_mention(cand, parts, len(out) + 1, ctx))
    return out


def _keep(cand: Candidate, ctx: DocContext, keep_empty: bool) -> bool:
    """The conditions of the trigger rule (a place for "se rendre", a partner for "recevoir")."""
    if cand.rule.needs_partner and any(c.i in ctx.triggers and c.pos_ == "NOUN" and not case_words(c)
                                       for c in cand.token.children):
        return False  # "accueillir les discussions": hosting an event, not receiving a visitor
    if keep_empty:
        return True
    if cand.rule.needs_place and cand.place is None:
        return False
    # a group object ("a reçu les deux ministres") and the host of a seat of power ("sera reçu
    # à la Maison Blanche") are found later (`_discourse`, `_hosts`)
    return not (cand.rule.needs_partner and not cand.object_group and not _received_at_seat(cand)
                and not [p for p in cand.participants if p not in cand.subject])


def _received_at_seat(cand: Candidate) -> bool:
    """A passive visit verb without agent whose place is a seat of power ("reçu à l'Élysée")."""
    kb = _kb()
    entry = kb.get(cand.place) if kb is not None and cand.place else None
    tok = cand.token
    return entry is not None and entry.seat_of is not None and verbal(tok) \
        and any(c.dep_ == "aux:pass" for c in tok.children) and not any(c.dep_ == "obl:agent" for c in tok.children)


def _other_triggers(ctx: DocContext, tok: Token) -> set[int]:
    """Tokens under other triggers: their arguments are not tok's. A noun keeps the nouns
    nested in it ("une rencontre au sommet avec X") unless they are a time reference."""
    out: set[int] = set()
    sent = ctx.sent_of.get(tok.i)
    for i in ctx.triggers:
        if i == tok.i or ctx.sent_of.get(i) != sent:  # an ancestor is in the same sentence
            continue
        other = ctx.doc[i]
        if not tok.is_ancestor(other):
            continue
        if verbal(tok) or verbal(other) or \
                any(w in BACKGROUND_CASES for w in case_words(other)):
            out |= subtree_ids(other) - (_bare_times(ctx, other) if verbal(tok) and other.head.i == tok.i else set())
    return out


def _bare_times(ctx: DocContext, noun: Token) -> set[int]:
    """Time phrases without a preposition hung on a noun ("a rejeté l'ultimatum ce lundi"): a
    noun takes its dates with "de" ("l'ultimatum de lundi"), so a bare one is the verb's."""
    out: set[int] = set()
    if verbal(noun):
        return out
    for s, e in ctx.t_tokens:
        if s < 0 or not (noun.i < s):
            continue
        root = next((ctx.doc[i] for i in range(s, e) if not (s <= ctx.doc[i].head.i < e)), None)
        if root is None or root.head.i != noun.i or case_words(root) or ctx.pos[s] == "ADP":
            continue
        out |= set(range(s, e))
    return out


def _arguments(cand: Candidate, ctx: DocContext, finder: ArgumentFinder) -> None:
    tok, rules = cand.token, ctx.rules
    others = _other_triggers(ctx, tok)
    own = region(tok, keep_acl=rules.support_verbs) - others
    governing: Token | None = None
    own = {i for i in own if ctx.para[i] == ctx.para[tok.i]}
    if verbal(tok):
        # only the subject proper is left out: a second "subject" after the verb is, in a
        # declarative sentence, an object the parser mislabelled ("X a rencontré Y")
        subj = subject_of(tok)
        own = region(tok, keep_subject=True, keep_acl=rules.support_verbs) - others
        # a dateline or the next paragraph the parser hung onto the verb is not its complement
        own = {i for i in own if ctx.para[i] == ctx.para[tok.i]}
        if subj is not None:
            own -= subtree_ids(subj) if subj.head.i == tok.i else set()
            for child in tok.children:
                if child.dep_ in SUBJECT_DEPS and child.i < tok.i:
                    own -= subtree_ids(child)
        ids, group, pair = finder.subject_entities(tok, cand.rule.with_)
        if subj is not None and ctx.para[subj.i] != ctx.para[tok.i]:
            ids, group, pair = [], False, 0
        if not pair:
            # the parse may keep only the last of coordinated names ("les présidents chinois X
            # et américain Y se rencontrent"): the names before the verb, when they include it
            before = finder.preverbal(tok)
            if not ids or (set(ids) < set(before) and ids[-1] == before[-1]):
                ids = before or ids
        cand.subject, cand.open_group, cand.pair, cand.group = ids, group, bool(pair), pair or 2
        cand.pair_person = bool(pair) and subj is not None and finder.person_group(subj)
        cand.pair_state = bool(pair) and subj is not None and finder.state_group(subj)
        cand.add(ids)
        finder.object_clitic(cand, tok)
        finder.object_group(cand, tok)
        if cand.rule.type == "CONSULT":
            # "X a rencontré des médiateurs qataris et égyptiens": the countries of the group met
            for c in tok.children:
                if c.dep_ == "obj" and c.pos_ == "NOUN" and "Plur" in c.morph.get("Number", []) \
                        and not any(ctx.mentions[k].entity for k in ctx.covering(c.i)):
                    cand.add(demonym_states(c))
        refused = next((c for c in tok.children if c.dep_ == "nsubj:pass"), None)  # the first one
        if refused is not None and refused.pos_ == "NOUN" and not ctx.covering(refused.i) \
                and "REJECT" in (cand.rule.type, cand.rule.negated_type) \
                and not any(c.dep_ == "obl:agent" for c in tok.children):
            # "la demande faite par X pour adhérer à Y n'a pas été acceptée": the refusal,
            # whose author is left unsaid, is between the parties of what was refused
            words = {i for i in range(refused.left_edge.i, tok.i) if ctx.para[i] == ctx.para[tok.i]}
            cand.add([ctx.mentions[k].entity or "" for k in ctx.outermost(words)
                      if ctx.mentions[k].entity and ctx.entity_type(k) in PARTNER_TYPES - {"LOC"}])
        finder.complements(cand, own, tok)
        finder.surface_partners(cand, tok)
        finder.surface_place(cand, tok)
        if cand.rule.type == "AGREE" and subj is not None and subj.pos_ == "NOUN" and subj.head.i == tok.i \
                and not ctx.covering(subj.i) and subj.lemma_.lower() in rules.triggers:
            # "le cessez-le-feu entre X et Y est entré en vigueur", "l'accord entre X et Y a été
            # signé": the parties of the agreement named as subject
            finder.complements(cand, subtree_ids(subj), subj, partners_only=True)
        if cand.rule.author:
            finder.document_parties(cand, tok)
        time_tokens = own | _surface_window(tok, ctx)
    else:
        cand.background = any(w in BACKGROUND_CASES for w in case_words(tok))
        cand.anchor = any(has_intro(tok, words) for words, _offset in rules.anchor_cases)
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.pos_ == "VERB" and "Part" in nxt.morph.get("VerbForm", []) \
                and nxt.lemma_.lower() in rules.support_verbs and nxt.head.i != tok.i:
            own |= region(nxt) - others  # "l'offensive lancée par X le ...", attached elsewhere
        finder.complements(cand, own, tok)
        finder.surface_partners(cand, tok)
        finder.demonym_partners(cand, own)
        finder.object_group(cand, tok)  # "l'accord paraphé par les délégations des deux pays"
        # "des sanctions visant le secteur pétrolier russe": the target; "la levée des sanctions
        # visant X": the target of what is lifted
        heads = [tok, *(n for n in tok.children if n.dep_ == "nmod" and n.pos_ == "NOUN" and preposition(n) == "de")]
        for c in (c for h in heads for c in h.children):
            if c.dep_ == "acl" and c.lemma_.lower() in ("viser", "cibler") and c.i > tok.i:
                for k in ctx.outermost(subtree_ids(c)):
                    if ctx.mentions[k].entity and ctx.entity_type(k) in PARTNER_TYPES:
                        cand.add([ctx.mentions[k].entity or ""])
                for o in c.children:
                    if o.dep_ == "obj" and not ctx.covering(o.i):
                        cand.add(demonym_states(o))
        poss, has_poss, pair = finder.possessive(tok)
        governing = governing_verb(tok)
        if governing is None and any(has_intro(tok, c) for c in rules.participation_cases):
            governing = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        between = any(preposition(ctx.root_of(k) or tok) == "entre" for k in ctx.outermost(own)) or \
            any(doc_tok.lower_ == "entre" for doc_tok in tok.doc[tok.i + 1:min(len(tok.doc), tok.i + 3)])
        joins = False
        if governing is not None:
            glemma = governing.lemma_.lower()
            joins = glemma in rules.support_verbs or any(has_intro(tok, c) for c in rules.participation_cases)
            if tok.dep_ in SUBJECT_DEPS:
                joins = False
            if happens(governing, rules) or any(c.dep_ == "xcomp" and happens(c, rules)
                                                for c in governing.children):
                # "une réunion aura lieu à Lisbonne": the place of the happening verb
                finder.complements(cand, region(governing) - subtree_ids(tok) - others, tok)
            elif glemma in rules.support_verbs:
                finder.complements(cand, region(governing) - subtree_ids(tok) - others, tok, partners_only=True)
        if pair and governing is not None:
            # "lors de leur visite, X et Y ont ...": "leur" is the clause's plural subject
            ids, group, _spair = finder.subject_entities(governing)
            if len(ids) >= 2:
                poss, pair = ids, False
        if poss:
            cand.subject = poss
            cand.participants[:0] = [p for p in poss if p not in cand.participants]
        elif pair:
            cand.pair = True
        elif has_poss or (joins and not between):
            source = governing if governing is not None else None
            ids, group, spair = finder.subject_entities(source) if source is not None else ([], False, 0)
            if not ids and not spair and source is not None and source.pos_ == "VERB":
                ids = finder.preverbal(source)  # the parse lost the support verb's subject
            if not ids and not spair and has_poss:
                subj = sentence_subject(tok)
                if subj is not None:
                    ids, group = finder.phrase_entities(subj)
            cand.subject = ids
            cand.participants[:0] = [p for p in ids if p not in cand.participants]
            cand.open_group = cand.open_group or group
            if spair and not cand.pair:
                cand.pair, cand.group = True, spair
        elif governing is None and tok.sent.root.pos_ in ("NOUN", "PROPN") and tok.sent.root.i != tok.i \
                and _determiner(tok) == "dem":
            # a sentence whose verb the parser missed: its root phrase is the subject
            ids, group = finder.phrase_entities(tok.sent.root)
            cand.subject = ids
            cand.participants[:0] = [p for p in ids if p not in cand.participants]
        for i in own | _surface_window(tok, ctx):  # "une rencontre entre les deux chefs d'État"
            if ctx.pos[i] != "NOUN":
                continue
            word = tok.doc[i]
            size = finder.group_size(word) if word.pos_ == "NOUN" else 0
            if size and preposition(word) in ("entre", "avec") and not any(ctx.mentions[k].entity for k in ctx.covering(i)):
                cand.pair, cand.group, cand.pair_person = True, size, finder.person_group(word)
                cand.pair_state = finder.state_group(word)
        det = _determiner(tok)
        if det == "dem" or (det == "def" and not cand.participants) or (cand.anchor and det == "def"):
            cand.anaphoric = True
        # "a rejeté l'ultimatum ce lundi": the day of the rejection, not of the ultimatum
        verbs_day = _bare_times(ctx, tok) if governing is not None and governing.i in ctx.triggers \
            and tok.head.i == governing.i else set()
        own -= verbs_day
        time_tokens = set(own)
        if governing is not None:
            time_tokens |= region(governing, skip={tok.i}) - others
        for c in tok.children:  # "une réunion, qui se tiendra jeudi"
            if c.dep_ == "acl:relcl" and _happens(c, rules):
                time_tokens |= subtree_ids(c)
        if tok.i + 1 < len(tok.doc):
            time_tokens |= _surface_window(tok, ctx) - verbs_day
    # demonyms: "l'invasion russe", "les sanctions américaines"
    if not verbal(tok):
        kb = _kb()
        if kb is not None:
            for c in tok.children:
                if c.dep_ != "amod" or c.pos_ != "ADJ":
                    continue
                country = _demonym(kb, c.lower_, c.lemma_)
                if country and country not in cand.participants:
                    cand.participants.insert(0, country)
            # "la rencontre sino-indienne", "des pourparlers russo-ukrainiens": both countries
            cand.add([c for c in _compound_demonym(tok, kb) if c not in cand.participants])
            for c in tok.children:  # "une attaque de drones ukrainiens": the means names the agent
                if c.dep_ == "nmod" and c.i > tok.i and not ctx.covering(c.i) and preposition(c) == "de":
                    for country in demonym_states(c)[:1]:
                        if country not in cand.participants:
                            cand.participants.insert(0, country)
    # the country visited is the host of a visit ("une visite d'État en France")
    place_entry = _kb().get(cand.place) if cand.place and _kb() is not None else None
    if cand.rule.type == "CONSULT" and cand.rule.mode == "visit" and place_entry is not None \
            and place_entry.demonyms:
        cand.add([place_entry.id])
    ground = own | (region(governing) - subtree_ids(tok) - others if governing is not None else set())
    finder.territory_place(cand, ground)
    # the place of an assault is also its target ("une offensive en Ukraine")
    place_entity = ctx.entities.get(cand.place or "")
    if place_entity is None and cand.place and _kb() is not None and cand.place in _kb():
        place_entity = _kb()[cand.place].to_entity()
    if cand.rule.type == "ASSAULT" and place_entity is not None and place_entity.type == "GPE":
        cand.add([place_entity.id])
    # time
    timex = None if verbal(tok) else _start_timex(ctx, tok)
    timex = timex or clause_timex(ctx, own, tok) or (
        clause_timex(ctx, time_tokens, tok) if time_tokens != own else None)
    clause_verb = tok if verbal(tok) else governing
    if timex is None and clause_verb is not None:
        timex = clause_timex(ctx, _framing_clauses(clause_verb), tok)
    if timex is None and clause_verb is not None and _purpose(clause_verb):
        # "X est arrivé samedi à Kiev pour réclamer ...": the purpose is pursued then
        timex = clause_timex(ctx, region(clause_verb.head, skip={clause_verb.i}), tok)
    if not verbal(tok):
        rel = relative_date(ctx, tok, region(governing) if governing is not None else time_tokens)
        if rel is not None:
            cand.date = rel
            timex = None
    if timex is not None:
        cand.timex = timex
        cand.date = timex_value(ctx, timex)
    # "au lendemain d'une attaque" parsed under "lendemain": the clause of the first verb above
    anchor_verb = governing or next((a for a in tok.ancestors if a.pos_ == "VERB"), None)
    if not verbal(tok) and not cand.anaphoric and anchor_verb is not None:
        # "au lendemain d'un entretien": the day before the clause's date
        offset = next((off for words, off in rules.anchor_cases if off and has_intro(tok, words)), 0)
        if offset:
            intro = set(range(max(0, tok.left_edge.i - 4), tok.i))
            clause = clause_timex(ctx, region(anchor_verb) - subtree_ids(tok) - intro, anchor_verb)
            base = timex_value(ctx, clause) if clause is not None else ctx.published
            shifted = dates.shift(base, -offset)
            if shifted:
                cand.date, cand.timex = shifted, None
    # mode
    cand.mode = cand.rule.mode if cand.rule.type == "CONSULT" else None
    if cand.rule.type == "CONSULT" and cand.mode is None:
        for i in sorted(own | ({governing.i} if governing is not None else set())):
            cue = rules.mode_cues.get(ctx.doc[i].lemma_.lower()) or rules.mode_cues.get(ctx.doc[i].lower_)
            if cue:
                cand.mode = cue
                break
    cand.status = mention_status(tok, rules, None if verbal(tok) else governing, verbal(tok))
    if cand.status == "negated" and not verbal(tok) and governing is not None and tok.dep_ in SUBJECT_DEPS \
            and governing.i in ctx.triggers:
        cand.status = "occurred"  # "la demande de X n'a pas été acceptée": the refusal is negated, not the request
    if cand.timex is not None and cand.timex.value == "FUTURE_REF" and cand.status == "occurred":
        cand.status = "planned"  # "bientôt", "prochainement"


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose ("pour réclamer", "afin de signer") under a verb."""
    return "Inf" in verb.morph.get("VerbForm", []) and verb.head.i != verb.i and verb.head.pos_ == "VERB" \
        and any(c.dep_ == "mark" and c.lower_ in ("pour", "afin") for c in verb.children)


def _framing_clauses(verb: Token) -> set[int]:
    """Participle clauses opening a sentence frame its main clause in time ("Arrivé à Rome
    mardi, X a rencontré Y"): their words, when they have no conjunction of their own."""
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ == "advcl" and c.i < verb.i and "Part" in c.morph.get("VerbForm", []) \
                and not any(m.dep_ == "mark" for m in c.children):
            out |= subtree_ids(c)
    return out


def _surface_window(trigger: Token, ctx: DocContext) -> set[int]:
    """The words right after a trigger that can only belong to its phrase: up to the next
    punctuation, verb, conjunction, trigger, or common noun heading a phrase of its own
    ("un sommet de trois jours assombri par ..." stops at "jours")."""
    doc = trigger.doc
    out: set[int] = set()
    for i in range(trigger.i + 1, min(len(doc), trigger.i + 12)):
        t = doc[i]
        if i in ctx.time_tokens and not t.is_punct:
            out.add(i)  # "des contacts fixés dans la semaine qui vient avec X": a time phrase is crossed
            continue
        if i == trigger.i + 1 and t.pos_ == "VERB" and t.head.i == trigger.i and "Part" in t.morph.get("VerbForm", []) \
                and "Past" in t.morph.get("Tense", []) and i not in ctx.triggers:
            out.add(i)  # "le cessez-le-feu conclu samedi avec X": the participle's complements
            continue
        if (t.is_punct and t.text not in ("-", "'", "’")) or t.pos_ in ("VERB", "AUX", "SCONJ") or i in ctx.triggers \
                or t.lower_ in ("qui", "que", "qu'", "dont") or "Part" in t.morph.get("VerbForm", []):
            break
        if t.pos_ == "NOUN" and not ctx.covering(i) and i not in ctx.time_tokens and t.head.i != trigger.i \
                and i > trigger.i + 1 and not (out and preposition(t) in ("entre", "avec")):
            break  # ... but "un entretien téléphonique entre les responsables ..." is its partner
        out.add(i)
    return out


def _happens(verb: Token, rules: Rules) -> bool:
    return happens(verb, rules) or any(c.dep_ == "xcomp" and happens(c, rules) for c in verb.children)


def _determiner(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "det":
            if c.lower_ in DEMONSTRATIVE:
                return "dem"
            if c.lower_ in DEFINITE and (c.lower_ != "des" or "Def" in c.morph.get("Definite", [])):
                return "def"
            return "other"
    for c in tok.children:  # "à l'issue des discussions": contracted article parsed as case
        if c.dep_ == "case" and c.lower_ in ("du", "des", "au", "aux"):
            return "def"
    return None


def _describe(cand: Candidate, ctx: DocContext, doc: Doc) -> None:
    """A country put in place of its capital or leader must be described in doc._.entities
    (every entity a document refers to is, so that no later step needs the knowledge base)."""
    kb = _kb()
    shared = ctx.shared_entities
    if kb is None or shared is None:
        return
    for eid in [*cand.participants, cand.place]:
        if eid and eid not in shared and eid in kb:
            shared[eid] = kb[eid].to_entity()
            ctx.entities[eid] = shared[eid]


def _state_actors(cand: Candidate, ctx: DocContext) -> None:
    """A capital taking part stands for its country ("des négociations entre Moscou et Kiev"),
    or for the union it is the seat of ("Bruxelles et Washington ont conclu un accord");
    in state actions (ASSAULT, MOBILIZE) a head of state or government acts for the country."""
    kb = _kb()
    if kb is not None:
        actors: list[str] = []
        for p in cand.participants:
            entry = kb.get(p)
            country = (entry.acts_for or entry.capital_of or p) if entry is not None else p
            if country not in actors:
                actors.append(country)
        cand.participants = actors
    span = dates.interval(cand.date) or dates.interval(ctx.published)
    if cand.rule.type not in STATE_TYPES:
        if kb is not None and span is not None:
            # a foreign (or defence) minister acts for the state: his meeting is also his
            # country's ("Wang Yi a rencontré Jean-Noël Barrot": China and France too); a head
            # of state or government too, in what he says or does to others (a meeting of two
            # presidents stays theirs: it is told apart from their countries' talks)
            acting = MINISTER_ROLES if cand.rule.type == "CONSULT" else MINISTER_ROLES | STATE_ROLES
            for p in list(cand.participants):
                ent = ctx.entities.get(p)
                if ent is not None and ent.type == "PER":
                    for r in kb.roles_at(p, span[0], span[1]):
                        if r.role in acting and r.of and r.of not in cand.participants:
                            cand.participants.append(r.of)
        return
    if kb is None or span is None:
        return
    out: list[str] = []
    for p in cand.participants:
        replaced = p
        ent = ctx.entities.get(p)
        if ent is not None and ent.type == "PER":
            roles = [r for r in kb.roles_at(p, span[0], span[1]) if r.role in STATE_ROLES]
            if roles:
                replaced = roles[0].of
        if replaced not in out:
            out.append(replaced)
    cand.participants = out


def _antecedent(cand: Candidate, earlier: list[Candidate]) -> Candidate | None:
    """The event an anaphoric noun refers back to, among earlier mentions of its type that are
    not a background reference ("trois jours après une rencontre"):
    - "à l'issue des discussions": the article's event, however far back;
    - "cette réunion": any event of the type in the last few sentences;
    - "la réunion": one named by the same noun, or one in the previous sentence.
    Events with two participants or more (a real meeting, not a bare mention) come first."""
    det = _determiner(cand.token)
    reach = 10**6 if cand.anchor else 2 * ANAPHOR_SENTENCES if det == "dem" else ANAPHOR_SENTENCES
    lemma = cand.token.lemma_.lower()
    # an event is not referred to from inside its own clause, nor by "ce/cette" from its own
    # sentence ("nous allons appeler X pour l'informer de cette conversation": another event)
    near = [c for c in earlier if cand.sent - c.sent <= reach and not c.background
            and c.rule.type == cand.rule.type and c.participants and not c.token.is_ancestor(cand.token)
            and not (det == "dem" and c.sent == cand.sent and verbal(c.token))]
    if det == "dem" and not any(c.token.lemma_.lower() == lemma for c in near):
        # "ce sommet" names the summit mentioned before even when no actor was found for it,
        # not another event of the type ("un dîner")
        named = [c for c in earlier if cand.sent - c.sent <= reach and not c.background
                 and c.rule.type == cand.rule.type and c.token.lemma_.lower() == lemma]
        if named:
            return named[-1]
    if not cand.anchor and det != "dem":
        near = [c for c in near if c.token.lemma_.lower() == lemma
                or (verbal(c.token) and cand.sent - c.sent <= 1)]
    if not near:
        return None
    full = [c for c in near if len(c.participants) >= 2]
    same = [c for c in full if c.token.lemma_.lower() == lemma]
    named = [c for c in near if c.token.lemma_.lower() == lemma] if det == "dem" else []
    pick = (same or named or full or near)[-1]
    if cand.timex is not None and not dates.compatible(cand.date, pick.date):
        return None
    return pick


def _discourse(cands: list[Candidate], ctx: DocContext, finder: ArgumentFinder) -> None:
    rules = ctx.rules
    _series_meeting(cands, ctx)
    for n, cand in enumerate(cands):
        tok = cand.token
        earlier = cands[:n]
        if cand.pair and len(cand.participants) < cand.group:
            n = cand.group
            source = next((c for c in reversed(earlier) if len(c.participants) == n
                           and cand.sent - c.sent <= 2 * ANAPHOR_SENTENCES
                           and not (cand.pair_state and any(ctx.entities.get(p) is None or ctx.entities[p].type != "GPE"
                                                            for p in c.participants))
                           and not (cand.pair_person and any(ctx.entities.get(p) is None or ctx.entities[p].type != "PER"
                                                             for p in c.participants))), None)
            pair = source.participants if source is not None else None
            if source is not None and source.rule.type == "CONSULT" and cand.rule.type != "CONSULT" \
                    and cand.date is None and cand.sent - source.sent <= 2 and not cand.background:
                # "X et Y se sont retrouvés lundi ... Les deux camps sont convenus de ...": what
                # the meeting produced happened at the meeting
                cand.date, cand.timex = source.date, source.timex
                cand.place = cand.place or source.place
            if pair is None:
                types = frozenset({"GPE"}) if cand.pair_state else frozenset({"PER"})
                recent = ctx.entities_before(tok.idx, types=types, narrated=cand.pair_person)[:n]
                if cand.pair_state and n == 2:
                    recent = list(reversed(ctx.coordinated_pair(tok.idx, types))) or recent
                elif cand.pair_person and n == 2 and len(recent) == 2:
                    recent = ctx.salient_pair(tok.idx, recent)
                pair = list(reversed(recent)) if len(recent) == n else []
            cand.add(list(pair))
            cand.subject = cand.subject or list(pair)
        if cand.object_group:
            named = ctx.coordinated_pair(tok.idx, cand.object_types) if cand.object_types == {"GPE"} \
                and cand.object_group == 2 else []
            others = list(reversed(named)) or [
                e for e in ctx.entities_before(tok.idx, types=cand.object_types, narrated=True)
                if e not in cand.subject and e not in cand.participants][:cand.object_group]
            if len(others) == cand.object_group:
                cand.add(list(reversed(others)))
        if cand.anaphoric and not verbal(tok):
            ante = _antecedent(cand, earlier)
            if ante is not None:
                empty = not cand.participants
                cand.add(ante.participants)
                if _determiner(tok) == "dem":
                    ante.add(cand.participants)
                    ante.date = ante.date or cand.date
                cand.place = cand.place or ante.place
                cand.date = cand.date or ante.date
                cand.mode = cand.mode or ante.mode
                cand.open_group = cand.open_group or ante.open_group
                if empty and cand.status == "occurred":
                    cand.status = ante.status
        # an undated mention anchored on an event noun of its clause ("à l'issue de la réunion")
        if cand.date is None:
            for other in earlier:
                o = other.token
                if other.date is None or not other.anchor:
                    continue
                attached = tok.i in (o.head.i, o.head.head.i)
                # the parse may attach "à l'issue de X" elsewhere: X opens tok's sentence
                before = o.sent.start == tok.sent.start and o.i < tok.i and ctx.para[o.i] == ctx.para[tok.i] and not any(
                    j in ctx.triggers and ctx.doc[j].pos_ == "VERB" for j in range(o.i + 1, tok.i))
                if not (attached or before):
                    continue
                for words, offset in rules.anchor_cases:
                    if has_intro(o, words):
                        cand.date = dates.shift(other.date, offset) if offset else other.date
                        break
                if cand.date:
                    break
    _attendance(cands, ctx, finder)
    _verbless(cands, ctx)
    _inherit(cands, ctx)
    _sentence_dates(cands, ctx)
    _immediate(cands, ctx)
    _same_sentence(cands)
    _present_reports(cands, ctx)
    _clitic_y(cands, ctx)
    _recent_past(cands, ctx)
    _during(cands, ctx)
    _hosts(cands, ctx)
    _taking_effect(cands, ctx)
    _after_meeting(cands)
    _requested(cands)


def _requested(cands: list[Candidate]) -> None:
    """"X exige le retrait de Y", "sa demande de retrait d'Israël": the actor of the requested
    event is the one the request is addressed to, and that event is only asked for."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        if cand.rule.type != "REQUEST":
            continue
        tok = cand.token
        for child in tok.children:
            other = by_token.get(child.i)
            if other is None or other.rule.type in ("REQUEST", "PROTEST") or not other.participants:
                continue
            if verbal(tok) and child.dep_ != "obj" or not verbal(tok) and not (
                    child.dep_ == "nmod" and preposition(child) == "de"):
                continue
            asked = other.participants[0]
            if asked not in cand.subject:
                cand.add([asked])
            if not verbal(tok) and other.status == "occurred":
                other.status = "proposed"
        if tok.lemma_.lower() in ("appeler", "appel"):
            # "la CGT a appelé à une grève", "l'appel de la CGT à manifester": who calls a
            # protest takes part in it
            for child in tok.children:
                other = by_token.get(child.i)
                if other is not None and other.rule.type == "PROTEST" and "à" in case_words(child):
                    other.add(cand.subject)


COORDINATION = re.compile(r"^\s*et\s+(?:(?:l['’]|la|le|les|du|des|de\s+la|de\s+l['’]|d['’])\s*)?$")
ORDINAL = re.compile(r"^\d+(e|è|ème|eme)$|^[a-zé-]+ième$")


def _series_meeting(cands: list[Candidate], ctx: DocContext) -> None:
    """"le 15e sommet", "la dixième réunion": a meeting numbered in a series is one of the
    series an organisation holds; with no actor of its own it is the meeting of the
    organisation named last before it in the article."""
    for cand in cands:
        tok = cand.token
        if cand.participants or cand.rule.type != "CONSULT" or verbal(tok) \
                or not any(ORDINAL.match(c.lower_) for c in tok.children if c.dep_ in ("amod", "nummod")):
            continue
        org = ctx.entities_before(tok.idx, types=frozenset({"ORG"}))[:1]
        cand.add(org)


def _taking_effect(cands: list[Candidate], ctx: DocContext) -> None:
    """"X a décrété une trêve. Elle doit entrer en vigueur jeudi": an agreement said to take
    effect through a pronoun is the truce or agreement told in the sentence before, which
    starts that day."""
    for n, cand in enumerate(cands):
        tok = cand.token
        if cand.rule.type != "AGREE" or not verbal(tok) or "vigueur" not in cand.rule.with_ or cand.date is None:
            continue
        subj = subject_of(tok)
        if subj is None or subj.lower_ not in ("il", "elle") or ctx.covering(subj.i):
            continue
        before = [c for c in cands[:n] if c.sent == cand.sent - 1 and not verbal(c.token)
                  and c.rule.type in ("RETREAT", "AGREE")]
        if before:
            ante = before[-1]
            cand.add(ante.participants)
            if ante.date is None:
                ante.date, ante.timex = cand.date, cand.timex


def _hosts(cands: list[Candidate], ctx: DocContext) -> None:
    """The host a visit leaves unsaid, from the knowledge base, at the visit's date (else the
    publication's): "X sera reçu à la Maison Blanche" (a seat of power, no agent) is received
    by the holder of the seat's office; "la visite d'État de X au Royaume-Uni" by the head of
    state (or monarch) of the country visited."""
    kb = _kb()
    if kb is None:
        return
    for cand in cands:
        tok = cand.token
        entry = kb.get(cand.place) if cand.place else None
        span = dates.interval(cand.date or ctx.published)
        if cand.rule.type != "CONSULT" or cand.rule.mode != "visit" or entry is None or span is None:
            continue
        lo, hi = span
        host = None
        if _received_at_seat(cand) and entry.seat_of:
            host = kb.holder(entry.seat_of[0], entry.seat_of[1], lo, hi)
        elif entry.demonyms and not verbal(tok) and any(
                c.dep_ == "nmod" and c.lemma_.lower() == "état" and preposition(c) == "de" for c in tok.children):
            host = kb.holder("head_of_state", entry.id, lo, hi) or kb.holder("monarch", entry.id, lo, hi)
        if host and host not in cand.participants:
            cand.add([host])  # described in doc._.entities by `_describe`


def _during(cands: list[Candidate], ctx: DocContext) -> None:
    """"X a été refusé durant le sommet": an undated meeting during which a dated event of its
    clause happened was held that day; it was held even if what happened there is negated."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        tok = cand.token
        if verbal(tok) or cand.rule.type != "CONSULT" \
                or not any(has_intro(tok, words) for words in (("durant",), ("pendant",), ("lors", "de"))):
            continue
        if cand.status == "negated":
            cand.status = "occurred"  # "n'a pas été acceptée durant le sommet": the summit was held
        verb = by_token.get(tok.head.i)
        if cand.date is None and verb is not None and verb.date is not None and verbal(verb.token) \
                and dates.precision(verb.date) == 0:
            cand.date = verb.date


def _verbless(cands: list[Candidate], ctx: DocContext) -> None:
    """A sentence without a verb continuing the one before in its paragraph ("X a tout fait
    pour que Y soit satisfait. Des messages de félicitations, un sommet écourté ..."): an event
    noun of it that found no actor has the actors of the sentence before (a title stands in a
    paragraph of its own and is left alone)."""
    for cand in cands:
        tok = cand.token
        if cand.participants or verbal(tok) or cand.sent == 0:
            continue
        sent, prev = ctx.sents[cand.sent], ctx.sents[cand.sent - 1]
        if any(ctx.pos[i] in ("VERB", "AUX") and "Fin" in ctx.doc[i].morph.get("VerbForm", [])
               for i in range(sent.start, sent.end)) \
                or ctx.para[prev.end - 1] != ctx.para[tok.i]:
            continue
        words = {i for i in range(prev.start, prev.end) if ctx.para[i] == ctx.para[tok.i]}
        actors = [ctx.mentions[k].entity or "" for k in ctx.outermost(words)
                  if ctx.mentions[k].entity and ctx.entity_type(k) in ("PER", "ORG", "GPE")
                  and preposition(ctx.root_of(k) or prev.root) not in ctx.rules.place_cases | {"à"}]
        actors = list(dict.fromkeys(actors))
        if 1 <= len(actors) <= 3:
            cand.add(actors)
            cand.subject = actors[:1]


def _inherit(cands: list[Candidate], ctx: DocContext) -> None:
    """Clauses that happen where and when the clause they hang on happens: "se rendra mercredi
    à Paris, où il sera reçu par X" (the place before "où", the date of the verb it follows),
    "pour y rencontrer Y" (a purpose pursued at the time of its verb). In text order, so that
    a chain of such clauses passes the date along."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        tok = cand.token
        if not verbal(tok) or tok.head.i == tok.i:
            continue
        where = next((c for c in tok.children if c.lower_ == "où" and c.i < tok.i), None)
        if where is None and not _purpose(tok):
            continue
        head = by_token.get(tok.head.i)
        if head is None and where is not None and tok.head.pos_ in ("NOUN", "PROPN"):
            head = by_token.get(tok.head.head.i)  # "à Paris, où ...": the verb of "à Paris"
        if head is not None and cand.date is None and head.date is not None:
            cand.date, cand.timex = head.date, head.timex
        if where is not None:
            j = where.i - 1
            while j >= 0 and ctx.doc[j].is_punct:
                j -= 1
            found = [k for k in ctx.covering(j) if ctx.mentions[k].entity and ctx.entity_type(k) in PLACE_TYPES]
            if found:
                cand.place = ctx.mentions[found[0]].entity


def _clitic_y(cands: list[Candidate], ctx: DocContext) -> None:
    """"il s'y est entretenu": "y" stands for the place named in the sentence before ("X se
    trouvait à Tirana"), and for the day that sentence gives, when it gives one."""
    for cand in cands:
        tok = cand.token
        if cand.place is not None or not verbal(tok) or not any(c.lower_ == "y" for c in tok.children):
            continue
        n = ctx.sent_of.get(tok.i, 0)
        sent = ctx.sents[n]
        before = [k for k in ctx.outermost(set(range(sent.start, tok.i)))
                  if ctx.mentions[k].entity and ctx.entity_type(k) in PLACE_TYPES
                  and preposition(ctx.root_of(k) or tok) in ("à", "en")]
        if before:  # "puis à Varsovie pour y rencontrer X"
            cand.place = ctx.mentions[before[-1]].entity
            continue
        if n == 0:
            continue
        prev = ctx.sents[n - 1]
        places = [k for k in ctx.outermost(set(range(prev.start, prev.end)))
                  if ctx.mentions[k].entity and ctx.entity_type(k) in PLACE_TYPES
                  and preposition(ctx.root_of(k) or prev.root) in ("à", "en")]
        if not places:
            continue
        cand.place = ctx.mentions[places[-1]].entity
        days = [j for j, (s, _e) in enumerate(ctx.t_tokens) if prev.start <= s < prev.end
                and dates.precision(ctx.timexes[j].value) == 0]
        if cand.date is None and len(days) == 1:
            cand.timex, cand.date = ctx.timexes[days[0]], timex_value(ctx, ctx.timexes[days[0]])


def _present_reports(cands: list[Candidate], ctx: DocContext) -> None:
    """A verb in the simple present with no date of its own reports what happens on the day
    the article is published ("L'Inde accuse le Pakistan de ..."), when that day is known."""
    if dates.precision(ctx.published) != 0:
        return
    for cand in cands:
        tok = cand.token
        if cand.date is not None or cand.status != "occurred" or tok.pos_ != "VERB" or cand.background:
            continue
        # (a dateline the parser hung onto a headline's verb is not the clause's time)
        clause = {i for i in region(tok, keep_subject=True) if ctx.para[i] == ctx.para[tok.i]}
        if any(s in clause for s, _e in ctx.t_tokens):
            continue  # "négocient depuis mars": the clause has its own time, even if not a date
        if "Pres" in tok.morph.get("Tense", []) and "Ind" in tok.morph.get("Mood", []) \
                and not any(c.dep_.startswith("aux") for c in tok.children):
            cand.date = ctx.published


def _recent_past(cands: list[Candidate], ctx: DocContext) -> None:
    """A main clause in the passé composé with no time expression in its sentence reports, in
    a news article, what happened on the day it is published ("Le Kremlin a dénoncé des
    mesures illégales."), when that day is known; the pluperfect ("avait dénoncé") tells of
    an earlier day and keeps no date. An article known only by its week or month dates it by
    that week or month: coarser, but the report is of the days just before the writing."""
    if dates.precision(ctx.published) > 2:
        return
    for cand in cands:
        tok = cand.token
        if cand.date is not None or cand.background or tok.pos_ != "VERB" or not cand.participants \
                or not (cand.status == "occurred" or cand.status == "negated" and cand.rule.negated_type):
            continue
        if any(c.dep_ == "advmod" and c.lower_ in ctx.rules.not_recent_adverbs for c in tok.children) \
                or any(c.dep_ in SUBJECT_DEPS and "Rel" in c.morph.get("PronType", []) for c in tok.children):
            continue  # "X a souvent critiqué Y"; "Lui qui a critiqué ...": a relative clause
        if not ("Part" in tok.morph.get("VerbForm", []) and "Past" in tok.morph.get("Tense", [])):
            continue
        aux = [c for c in tok.children if c.dep_ == "aux:tense"]
        if len(aux) != 1 or "Pres" not in aux[0].morph.get("Tense", []) or "Ind" not in aux[0].morph.get("Mood", []):
            continue
        # a main clause (the parse may hang a paragraph's main clause onto the one before)
        head = tok.head if tok.dep_ == "conj" else tok
        if not (head.dep_ == "ROOT" or ctx.para[head.head.i] != ctx.para[head.i]):
            continue
        clause = {i for i in region(tok, keep_subject=True) if ctx.para[i] == ctx.para[tok.i]}
        if any(not clause.isdisjoint(range(s, e)) for s, e in ctx.t_tokens):
            continue  # "X a rencontré Y depuis mars": the clause has its own time, if not a date
        cand.date = ctx.published


def _immediate(cands: list[Candidate], ctx: DocContext) -> None:
    """"Le Pakistan a aussitôt riposté": an undated event told as following at once the event
    narrated just before (arguments.yaml `immediate_adverbs`) takes that event's date, when the
    event before is dated and near (a few sentences back)."""
    for n, cand in enumerate(cands):
        tok = cand.token
        if cand.date is not None or cand.background or not verbal(tok):
            continue
        if not any(c.dep_ == "advmod" and c.lower_ in ctx.rules.immediate_adverbs for c in tok.children):
            continue
        before = [c for c in cands[:n] if c.token.i < tok.i and c.sent < cand.sent]
        if before and before[-1].date is not None and cand.sent - before[-1].sent <= ANAPHOR_SENTENCES:
            cand.date, cand.timex = before[-1].date, before[-1].timex
    for n, cand in enumerate(cands):
        # "Quelques heures plus tard, X a reçu Y": the day of the last dated event told before
        tok = cand.token
        if cand.date is not None or cand.background or not verbal(tok) or not _hours_later(ctx, cand):
            continue
        dated = [c for c in cands[:n] if c.sent < cand.sent and c.date is not None and not c.background
                 and cand.sent - c.sent <= 2 * ANAPHOR_SENTENCES]
        if dated:
            cand.date, cand.timex = dated[-1].date, dated[-1].timex


def _hours_later(ctx: DocContext, cand: Candidate) -> bool:
    """A count of hours or minutes followed by "plus tard", "après" (arguments.yaml
    `hours_later`) in the clause of the trigger, before it."""
    for j, (s, e) in enumerate(ctx.t_tokens):
        t = ctx.timexes[j]
        if s < 0 or t.type != "DURATION" or not (t.value or "").startswith("PT") or t.value[-1:] not in ("H", "M"):
            continue
        if ctx.sent_of.get(s) != cand.sent or e > cand.token.i:
            continue
        words = [_norm(w) for w in ctx.lower[e:e + 2]]
        if any(words[:len(seq)] == [_norm(w) for w in seq] for seq in ctx.rules.hours_later):
            return True
    return False


def _after_meeting(cands: list[Candidate]) -> None:
    """"L'accord a été conclu samedi après un entretien téléphonique entre X et Y": a meeting or
    call newly told (indefinite article, singular, no date of its own) right after "après" on a
    verb dated to the day happened that day. A duration before "après" ("deux jours après")
    is a relative date, handled elsewhere; a definite meeting may be dated elsewhere."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        tok = cand.token
        if cand.date is not None or cand.rule.type != "CONSULT" or verbal(tok) or tok.head.i == tok.i \
                or "Plur" in tok.morph.get("Number", []):
            continue
        case = [c for c in tok.children if c.dep_ == "case" and c.i < tok.i]
        if len(case) != 1 or case[0].lower_ != "après" or case[0].i == 0 \
                or tok.doc[case[0].i - 1].pos_ in ("NOUN", "NUM", "ADV"):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("un", "une") for c in tok.children):
            continue
        head = by_token.get(tok.head.i)
        if head is not None and head.date is not None and len(head.date) == 10 and head.date[4] == "-" \
                and verbal(head.token):
            cand.date, cand.timex = head.date, head.timex


def _same_sentence(cands: list[Candidate]) -> None:
    """Two mentions of one type in one sentence, one with the actors and no date, the other
    with the date and no actors ("l'accord conclu dimanche ... entre X et Y"): one event."""
    for cand in cands:
        if cand.participants or cand.date is None:
            continue
        for other in cands:
            if other is not cand and other.sent == cand.sent and other.rule.type == cand.rule.type \
                    and other.participants and other.date is None:
                other.date, other.timex = cand.date, cand.timex
                cand.add(other.participants)
                break


def _sentence_dates(cands: list[Candidate], ctx: DocContext) -> None:
    """An event still undated takes the date of its sentence when the sentence has exactly one
    calendar date and no other event of the sentence is dated by it ("Lundi, à Kiev, les
    dirigeants ... ont appelé ..." where the parse hung the date elsewhere)."""
    by_sent: dict[tuple[int, int], list[int]] = {}
    for j, (s, _e) in enumerate(ctx.t_tokens):
        t = ctx.timexes[j]
        if s < 0 or t.type not in ("DATE", "TIME") or dates.interval(t.value) is None:
            continue
        if _preceded_by(ctx, s, ctx.rules.not_event_time) or _event_relative(ctx, s, _e):
            continue
        sent = ctx.sent_of.get(s, -1)
        if _e < len(ctx.doc) and ctx.lower[_e] == "," and ctx.sent_of.get(_e, -1) == sent + 1 \
                and (s == 0 or ctx.lower[s - 1] in (".", "!", "?")):
            sent += 1  # "... syrienne. Mardi, les deux hommes ont signé": the parse cut after the date
        by_sent.setdefault((sent, ctx.para[s]), []).append(j)
    for cand in cands:
        if cand.date is not None or cand.background:
            continue
        # a sentence of the parse across a blank line is two sentences
        found = by_sent.get((cand.sent, ctx.para[cand.token.i]), [])
        if len(found) != 1:
            continue
        timex = ctx.timexes[found[0]]
        start = ctx.t_tokens[found[0]][0]
        # a framing date opens the sentence before the event ("Lundi, à Kiev, ...")
        if start > cand.token.i or any(start < other.token.i < cand.token.i for other in cands):
            continue
        if any(other.timex is not None and other.timex.id == timex.id and other.rule.type == cand.rule.type
               for other in cands if other is not cand):
            continue
        cand.timex, cand.date = timex, timex_value(ctx, timex)


def _attendance(cands: list[Candidate], ctx: DocContext, finder: ArgumentFinder) -> None:
    """"X sera présent à Y": X joins the event of the document held at Y."""
    rules = ctx.rules
    if not cands:
        return
    prefixes = tuple(sorted(rules.attendance))
    for i, pos in enumerate(ctx.pos):
        if pos not in ("ADJ", "VERB") or not (ctx.lower[i].startswith(prefixes) or ctx.lemma[i].startswith(prefixes)):
            continue
        tok = ctx.doc[i]
        ids, _group, _pair = finder.subject_entities(tok)
        if not ids:
            continue
        mine = region(tok)
        events = [c for c in cands if c.token.i in mine and c.rule.type == "CONSULT"]
        places = [ctx.mentions[k].entity for k in ctx.outermost(mine) if ctx.mentions[k].entity
                  and preposition(ctx.root_of(k) or tok) in rules.place_cases | {"à"}]
        for cand in cands:
            if cand in events or (cand.rule.type == "CONSULT" and cand.place and cand.place in places):
                cand.add(ids)


def _split(cand: Candidate, ctx: DocContext) -> list[list[str]]:
    """One participant list per reported event ("des entretiens distincts avec X et Y")."""
    tok = cand.token
    if "Plur" in tok.morph.get("Number", []) and any(
            c.lower_.startswith(m[:5]) for c in tok.children for m in ctx.rules.split_modifiers):
        partners = [p for p in cand.participants if p not in cand.subject]
        if cand.subject and len(partners) >= 2:
            return [cand.subject + [p] for p in partners]
    return [cand.participants]


def _to_mention(cand: Candidate, participants: list[str], n: int, ctx: DocContext) -> EventMention:
    tok = cand.token
    mode = cand.mode
    if cand.rule.type == "CONSULT" and mode is None and (len(participants) >= 3 or cand.open_group):
        mode = "multilateral"
    status = cand.status
    etype = cand.rule.type
    if status == "negated" and cand.rule.negated_type:
        etype, status = cand.rule.negated_type, "occurred"  # "n'a pas accepté": a refusal
    if status == "occurred" and cand.date and dates.after(cand.date, ctx.published):
        status = "planned"
    return EventMention(
        id=f"e{n}", type=etype, mode=mode,
        trigger=Trigger(tok.idx, tok.idx + len(tok.text), tok.text),
        participants=list(participants), place=cand.place,
        time=cand.timex.id if cand.timex is not None else None,
        status=status,  # type: ignore[arg-type]
        date=cand.date)


