"""Event mentions from a parsed French Doc: triggers, participants, place, time, status.

The parse gives the frame (subject, objects, prepositional complements) and the actor stage's
mentions give the entities filling it. Nothing here needs the actor or time stages: without
them a mention has no participants or date (and mentions without participants are dropped,
unless `keep_empty`).

Order of work for one document:
1. every token matching a trigger rule becomes a candidate (veille/events/triggers.py);
2. arguments: subject (through control verbs, relative pronouns, coordination), partners
   introduced by avec/entre/contre/par/à, direct objects, the place (en/à/dans + a place),
   the subject of a support verb for event nouns ("a eu un entretien avec");
3. time: the nearest time expression in the clause, else one derived from a duration
   ("trois jours après une rencontre"), else an anchor ("à l'issue de la réunion");
4. status from morphology and governing verbs (veille/events/status.py);
5. discourse: "les deux dirigeants", "ils", anaphoric "la réunion" take the event or actors
   last discussed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from veille.events import dates
from veille.events.rules import Rules, TriggerRule, load_rules
from veille.events.status import mention_status
from veille.model import Entity, EventMention, Mention, Timex, Trigger

# dependents that open another clause: their words are not arguments of this event
CLAUSE_DEPS = frozenset({"ccomp", "acl:relcl", "advcl", "parataxis", "csubj", "csubj:pass", "vocative",
                         "dislocated", "reparandum"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
ACTOR_TYPES = frozenset({"PER", "ORG", "GPE"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
PLURAL_PRONOUNS = frozenset({"ils", "elles", "eux"})
OBJECT_DEPS = frozenset({"obj", "iobj", "nsubj:pass", "obl:arg"})
DEFINITE = frozenset({"le", "la", "les", "l'", "l’"})
DEMONSTRATIVE = frozenset({"ce", "cet", "cette", "ces"})


@dataclass
class Candidate:
    """An event mention under construction."""

    token: Token
    rule: TriggerRule
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    timex: Timex | None = None
    date: str | None = None
    status: str = "occurred"
    mode: str | None = None
    open_group: bool = False  # a plural description without entity takes part ("les Européens")
    subject: list[str] = field(default_factory=list)
    anaphoric: bool = False

    def add(self, ids: list[str]) -> None:
        for i in ids:
            if i and i not in self.participants:
                self.participants.append(i)


class DocContext:
    """Token-level indexes of the actor mentions and time expressions of one Doc."""

    def __init__(self, doc: Doc, rules: Rules):
        self.doc = doc
        self.rules = rules
        self.mentions: list[Mention] = sorted(doc._.mentions or [], key=lambda m: (m.start, -m.end))
        self.entities: dict[str, Entity] = dict(doc._.entities or {})
        self.timexes: list[Timex] = list(doc._.timexes or [])
        published = doc._.published
        self.published: str | None = getattr(published, "value", None)
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

    # -- mentions ---------------------------------------------------------------------------
    def entity_type(self, k: int) -> str:
        m = self.mentions[k]
        ent = self.entities.get(m.entity or "")
        return ent.type if ent is not None else m.type

    def covering(self, i: int) -> list[int]:
        """Mentions covering token i, outermost first."""
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
        """Mentions inside `tokens`; a mention inside an entity mention is dropped, one inside a
        singular description without entity too ("un conseiller du président")."""
        found = sorted({k for i in tokens for k in self.covering(i)},
                       key=lambda k: (self.m_tokens[k][0], -self.m_tokens[k][1]))
        kept: list[int] = []
        for k in found:
            s, e = self.m_tokens[k]
            if not all(i in tokens for i in range(s, e)):
                continue
            outer = next((o for o in kept if self.m_tokens[o][0] <= s and e <= self.m_tokens[o][1]), None)
            if outer is not None:
                om = self.mentions[outer]
                root = self.root_of(outer)
                plural = root is not None and "Plur" in root.morph.get("Number")
                if om.entity or not plural:
                    continue
            kept.append(k)
        return kept

    def entities_before(self, char: int, types: frozenset[str] = frozenset({"PER"})) -> list[str]:
        """Entity ids of mentions ending before `char`, most recent first, distinct."""
        out: list[str] = []
        for k in range(len(self.mentions) - 1, -1, -1):
            m = self.mentions[k]
            if m.end <= char and m.entity and self.entity_type(k) in types and m.entity not in out:
                out.append(m.entity)
        return out


# -- syntax helpers -----------------------------------------------------------------------
def is_reflexive(tok: Token) -> bool:
    for c in tok.children:
        if c.pos_ == "PRON" and ("Yes" in c.morph.get("Reflex") or c.lower_ in ("se", "s'", "s’")):
            return True
    return False


def case_words(tok: Token) -> list[str]:
    """Lower-case words of the case/mark dependents of tok, in order ("lors", "de")."""
    words: list[str] = []
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i < tok.i:
            words.append(c.lower_)
            words.extend(f.lower_ for f in c.children if f.dep_ == "fixed")
    return words


def words_before(tok: Token, n: int) -> list[str]:
    doc = tok.doc
    return [doc[i].lower_ for i in range(max(0, tok.i - n), tok.i)]


def preposition(tok: Token) -> str | None:
    """The preposition introducing tok's phrase: its own case word, else the one of the
    phrase it is coordinated with, else the word just before (skipping determiners)."""
    seen = 0
    cur = tok
    while seen < 4:
        words = case_words(cur)
        if words:
            return words[0]
        if cur.dep_ in ("conj", "appos", "flat:name", "flat") and cur.head.i != cur.i:
            cur = cur.head
            seen += 1
            continue
        break
    i = tok.left_edge.i - 1
    while i >= 0 and tok.doc[i].pos_ == "DET":
        i -= 1
    if i >= 0 and tok.doc[i].pos_ == "ADP":
        return tok.doc[i].lower_
    return None


def region(head: Token, skip: set[int] | None = None, keep_subject: bool = False) -> set[int]:
    """Token indices of head's clause: its subtree without embedded clauses (and subject)."""
    out: set[int] = set()
    stack = [head]
    while stack:
        tok = stack.pop()
        out.add(tok.i)
        for c in tok.children:
            if skip and c.i in skip:
                continue
            if c.dep_ in CLAUSE_DEPS:
                continue
            if tok.i == head.i and c.dep_ in SUBJECT_DEPS and not keep_subject:
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and tok.pos_ in ("VERB", "AUX"):
                continue
            stack.append(c)
    return out


def governing_verb(tok: Token) -> Token | None:
    """The nearest verb above a noun (through nmod/obl/obj chains), or None."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") or (cur.pos_ == "ADJ" and any(c.dep_ == "cop" for c in cur.children)):
            return cur
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, through control (tenter de rencontrer), coordination and
    relative pronouns (X, qui avait participé ...)."""
    if depth > 4:
        return None
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            if "Rel" in c.morph.get("PronType") and verb.dep_.startswith("acl") and verb.head.i != verb.i:
                return verb.head
            return c
    inf = "Inf" in verb.morph.get("VerbForm") or "Part" in verb.morph.get("VerbForm")
    if verb.head.i != verb.i and (verb.dep_ in ("xcomp", "conj") or (inf and verb.dep_ in (
            "advcl", "obj", "obl:arg", "obl", "ccomp", "csubj"))):
        return subject_of(verb.head, depth + 1)
    return None


# -- participants -------------------------------------------------------------------------
class ArgumentFinder:
    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.rules = ctx.rules

    def phrase_entities(self, tok: Token) -> tuple[list[str], bool]:
        """Entities a noun phrase refers to (with coordination), and whether it is a group
        without entity ("les dirigeants européens")."""
        ctx = self.ctx
        ids: list[str] = []
        group = False
        conjuncts = [tok] + [c for c in tok.subtree if c.dep_ == "conj" and c.head.i != c.i
                             and self._conj_chain(c, tok)]
        for part in conjuncts:
            cover = [k for k in ctx.covering(part.i) if ctx.mentions[k].entity]
            if cover:
                # the outermost mention with an entity covering the head word
                k = min(cover, key=lambda k: (ctx.m_tokens[k][0], -ctx.m_tokens[k][1]))
                if ctx.entity_type(k) in ACTOR_TYPES:
                    ids.append(ctx.mentions[k].entity or "")
                continue
            inner = {i for i in region(part) if not any(
                c.dep_ == "conj" for c in [part.doc[i]] if part.doc[i].i != part.i and self._conj_chain(part.doc[i], part))}
            inner_ids = [ctx.mentions[k].entity or "" for k in ctx.outermost(inner)
                         if ctx.mentions[k].entity and ctx.entity_type(k) in ACTOR_TYPES
                         and preposition(ctx.root_of(k) or part) not in self.rules.place_cases]
            if inner_ids and not (part.pos_ == "NOUN" and "Sing" in part.morph.get("Number")):
                ids.extend(inner_ids)
                continue
            if inner_ids and part.dep_ in ("nmod",):
                ids.extend(inner_ids)
                continue
            if part.pos_ in ("NOUN", "PRON", "PROPN") and "Plur" in part.morph.get("Number"):
                group = True
        return [i for i in ids if i], group

    @staticmethod
    def _conj_chain(c: Token, top: Token) -> bool:
        cur = c
        while cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
            if cur.i == top.i:
                return True
        return False

    def pair_reference(self, tok: Token) -> bool:
        """"les deux dirigeants", "ils", "leur" standing for two actors already named."""
        if tok.lower_ in PLURAL_PRONOUNS or tok.lower_ in ("leur", "leurs"):
            return True
        if tok.lemma_.lower() in self.rules.pair_nouns and "Plur" in tok.morph.get("Number"):
            return any(c.lower_ == "deux" for c in tok.children)
        return False

    def subject_entities(self, verb: Token) -> tuple[list[str], bool, Token | None]:
        subj = subject_of(verb)
        if subj is None:
            return [], False, None
        ids, group = self.phrase_entities(subj)
        return ids, group, subj

    def complements(self, cand: Candidate, tokens: set[int], trigger: Token) -> None:
        """Partners and place among the mentions of `tokens` (the trigger's clause)."""
        ctx, rules = self.ctx, self.rules
        for k in ctx.outermost(tokens):
            m = ctx.mentions[k]
            root = ctx.root_of(k)
            if root is None or not m.entity:
                continue
            etype = ctx.entity_type(k)
            prep = preposition(root)
            seat = etype == "ORG" and cand.rule.type == "CONSULT" and prep in ("à", "au")
            if prep in rules.place_cases and (etype in PLACE_TYPES or seat):
                if prep in ("à", "au", "aux") and etype == "PER":
                    cand.add([m.entity])
                elif cand.place is None:
                    cand.place = m.entity
                continue
            if etype not in ACTOR_TYPES:
                continue
            if prep in rules.partner_cases or (prep in ("à", "au", "aux") and etype == "PER"):
                cand.add([m.entity])
            elif prep is None and (root.dep_ in OBJECT_DEPS or root.head.i == trigger.i
                                   or root.dep_ in ("conj", "appos")):
                cand.add([m.entity])
            elif prep in ("de", "d'", "d’", "du", "des") and root.head.i == trigger.i and trigger.pos_ == "NOUN":
                cand.add([m.entity])

    def possessive(self, noun: Token) -> tuple[list[str], bool]:
        """Who "son/sa/leur" on an event noun stands for: (entities, is a pair reference)."""
        for c in noun.children:
            if c.dep_ == "det" and "Yes" in c.morph.get("Poss"):
                cover = [k for k in self.ctx.covering(c.i) if self.ctx.mentions[k].entity]
                if cover:
                    return [self.ctx.mentions[cover[0]].entity or ""], False
                if c.lower_ in ("leur", "leurs"):
                    return [], True
                return [], False
        return [], False


# -- time -----------------------------------------------------------------------------------
def _preceded_by(ctx: DocContext, start_tok: int, seqs: tuple[tuple[str, ...], ...]) -> bool:
    for seq in seqs:
        n = len(seq)
        before = tuple(ctx.doc[i].lower_ for i in range(max(0, start_tok - n), start_tok))
        if before == seq:
            return True
        # "jusqu'en mai": the excluded word may be one further back
        before2 = tuple(ctx.doc[i].lower_ for i in range(max(0, start_tok - n - 1), start_tok - 1))
        if before2 == seq:
            return True
    return False


def clause_timex(ctx: DocContext, tokens: set[int], trigger: Token) -> Timex | None:
    """The time expression of a clause: a DATE/TIME inside `tokens`, nearest the trigger."""
    best: tuple[int, int] | None = None
    for j, (s, e) in enumerate(ctx.t_tokens):
        t = ctx.timexes[j]
        if s < 0 or t.type not in ("DATE", "TIME"):
            continue
        if not any(i in tokens for i in range(s, e)):
            continue
        if _preceded_by(ctx, s, ctx.rules.not_event_time):
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
    if t.type == "DATE" and ctx.published and dates.interval(ctx.published) is not None:
        pub = ctx.published
        return pub[:7] if len(pub) >= 7 and pub[:4].isdigit() and "W" not in pub else pub
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
        skip = set(range(s, e)) | {i for i in anchor_tokens if noun.i <= i <= noun.right_edge.i}
        anchor = clause_timex(ctx, anchor_tokens - skip, noun)
        base = timex_value(ctx, anchor) if anchor else ctx.published
        return dates.shift(base, sign * days)
    return None


# -- the extractor --------------------------------------------------------------------------
def match_rule(tok: Token, ctx: DocContext) -> TriggerRule | None:
    rules = ctx.rules
    keys = [tok.lemma_.lower(), tok.lower_]
    for key in dict.fromkeys(keys):
        for rule in rules.triggers.get(key, []):
            if tok.pos_ not in rule.pos:
                continue
            if rule.reflexive is not None and is_reflexive(tok) != rule.reflexive:
                continue
            if rule.with_ and not _has_with(tok, rule.with_):
                continue
            if rule.prep and not _has_prep(tok, rule.prep):
                continue
            return rule
    return None


def _has_with(tok: Token, wanted: frozenset[str]) -> bool:
    for c in tok.children:
        if c.lemma_.lower() in wanted or c.lower_ in wanted:
            return True
        for g in c.children:
            if g.lemma_.lower() in wanted or g.lower_ in wanted:
                return True
    return False


def _has_prep(tok: Token, prep: str) -> bool:
    forms = {prep, "au", "aux"} if prep == "à" else {prep}
    for c in tok.children:
        if c.dep_ in SUBJECT_DEPS:
            continue
        if c.pos_ in ("NOUN", "VERB") and any(w in forms for w in case_words(c)):
            return True
    return False


def find_event_mentions(doc: Doc, keep_empty: bool = False) -> list[EventMention]:
    """The event mentions of a parsed doc, in text order, ids e1, e2, ..."""
    rules = load_rules()
    ctx = DocContext(doc, rules)
    finder = ArgumentFinder(ctx)
    candidates: list[Candidate] = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
            continue
        rule = match_rule(tok, ctx)
        if rule is None:
            continue
        cand = Candidate(tok, rule)
        _arguments(cand, ctx, finder)
        candidates.append(cand)
    _discourse(candidates, ctx, finder)
    out: list[EventMention] = []
    for cand in candidates:
        if cand.rule.needs_place and cand.place is None:
            continue
        if cand.rule.needs_partner and not [p for p in cand.participants if p not in cand.subject]:
            continue
        if not cand.participants and not keep_empty:
            continue
        for parts in _split(cand, ctx):
            out.append(_to_mention(cand, parts, len(out) + 1))
    return out


def _arguments(cand: Candidate, ctx: DocContext, finder: ArgumentFinder) -> None:
    tok, rules = cand.token, ctx.rules
    own = region(tok)
    time_tokens = set(own)
    if tok.pos_ == "VERB":
        ids, group, _subj = finder.subject_entities(tok)
        if not ids and _subj is not None and finder.pair_reference(_subj):
            cand.anaphoric = True
        cand.subject = ids
        cand.add(ids)
        cand.open_group = group
        finder.complements(cand, own, tok)
        governing = tok
    else:
        finder.complements(cand, own, tok)
        poss, pair = finder.possessive(tok)
        governing = governing_verb(tok)
        between = any(preposition(ctx.root_of(k) or tok) == "entre" for k in ctx.outermost(own))
        case = tuple(case_words(tok))
        joins = False
        if governing is not None:
            joins = (governing.lemma_.lower() in rules.support_verbs
                     or any(case[:len(c)] == c for c in rules.participation_cases))
            if tok.dep_ in SUBJECT_DEPS and governing.lemma_.lower() not in rules.happen:
                joins = False
        if poss:
            cand.subject = poss
            cand.participants[:0] = [p for p in poss if p not in cand.participants]
        elif governing is not None and not between and (joins or _possessive_det(tok)):
            ids, group, subj = finder.subject_entities(governing)
            if not ids and subj is not None and finder.pair_reference(subj):
                cand.anaphoric = True
            cand.subject = ids
            cand.participants[:0] = [p for p in ids if p not in cand.participants]
            cand.open_group = cand.open_group or group
        if pair:
            cand.anaphoric = True
        if not cand.participants and _determiner(tok) in ("def", "dem"):
            cand.anaphoric = True
        elif _determiner(tok) == "dem":
            cand.anaphoric = True
        if governing is not None:
            time_tokens |= region(governing, skip={tok.i})
    # the place of an assault is also its target ("une offensive en Ukraine")
    if cand.rule.type == "ASSAULT" and cand.place and ctx.entities.get(cand.place, None) is not None \
            and ctx.entities[cand.place].type == "GPE":
        cand.add([cand.place])
    # time
    timex = clause_timex(ctx, own, tok) or (clause_timex(ctx, time_tokens, tok) if governing is not None else None)
    if tok.pos_ == "NOUN":
        rel = relative_date(ctx, tok, time_tokens if governing is None else region(governing))
        if rel is not None:
            cand.date = rel
            timex = None
    if timex is not None:
        cand.timex = timex
        cand.date = timex_value(ctx, timex)
    # mode
    cand.mode = cand.rule.mode if cand.rule.type == "CONSULT" else None
    if cand.rule.type == "CONSULT" and cand.mode is None:
        for i in own | ({governing.i} if governing is not None else set()):
            cue = rules.mode_cues.get(doc_lemma(ctx.doc[i]))
            if cue:
                cand.mode = cue
                break
    cand.status = mention_status(tok, rules, governing if tok.pos_ != "VERB" else None)


def doc_lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _possessive_det(tok: Token) -> bool:
    return any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in tok.children)


def _determiner(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "det":
            if c.lower_ in DEMONSTRATIVE:
                return "dem"
            if c.lower_ in DEFINITE or c.lower_ in ("du", "des", "au", "aux"):
                return "def" if c.lower_ not in ("des",) or "Def" in c.morph.get("Definite") else None
            return "other"
    # "des discussions" after "à l'issue": contracted article as case
    for c in tok.children:
        if c.dep_ == "case" and c.lower_ in ("du", "des", "au", "aux"):
            return "def"
    return None


def _discourse(cands: list[Candidate], ctx: DocContext, finder: ArgumentFinder) -> None:
    """Resolve pair references and anaphoric event nouns against earlier mentions, date
    mentions anchored on an earlier event, and add attendees ("X sera présent à Y")."""
    rules = ctx.rules
    for n, cand in enumerate(cands):
        tok = cand.token
        previous = [c for c in cands[:n] if c.participants]
        if cand.anaphoric and not cand.participants:
            same = next((c for c in reversed(previous) if c.rule.type == cand.rule.type), None)
            is_noun = tok.pos_ != "VERB"
            if is_noun and same is not None:
                cand.add(same.participants)
                cand.place = cand.place or same.place
                cand.date = cand.date or same.date
                cand.timex = cand.timex or None
                cand.mode = cand.mode or same.mode
                cand.open_group = cand.open_group or same.open_group
                if cand.status == "occurred":
                    cand.status = same.status
            else:
                pair = next((c.participants for c in reversed(previous) if len(c.participants) == 2
                             and tok.i - c.token.i < 80), None)
                if pair is None:
                    recent = ctx.entities_before(tok.idx)[:2]
                    pair = list(reversed(recent)) if len(recent) == 2 else []
                cand.add(list(pair))
                cand.subject = list(cand.participants)
        elif cand.anaphoric and _determiner(tok) == "dem":
            same = next((c for c in reversed(cands[:n]) if c.rule.type == cand.rule.type), None)
            if same is not None:
                cand.add(same.participants)
                same.add(cand.participants)
                cand.place = cand.place or same.place
                cand.date = cand.date or same.date
                same.date = same.date or cand.date
                cand.open_group = cand.open_group or same.open_group
        # an undated mention anchored on an event noun of its clause ("à l'issue de la réunion")
        if cand.date is None:
            for other in cands[:n]:
                o = other.token
                if o.i == tok.i or other.date is None or o.head.i not in (tok.i,) and o.head.head.i != tok.i:
                    continue
                before = [ctx.doc[i].lower_ for i in range(o.left_edge.i, o.i)]
                for words, offset in rules.anchor_cases:
                    if tuple(before[:len(words)]) == words or tuple(before[1:len(words) + 1]) == words:
                        cand.date = dates.shift(other.date, offset) if offset else other.date
                        break
    _attendance(cands, ctx, finder)


def _attendance(cands: list[Candidate], ctx: DocContext, finder: ArgumentFinder) -> None:
    """"X sera présent à Y": X joins the event of the document held at Y."""
    rules = ctx.rules
    for tok in ctx.doc:
        if tok.lemma_.lower() not in rules.attendance or tok.pos_ not in ("ADJ", "VERB"):
            continue
        places = [k for k in ctx.outermost(region(tok)) if ctx.mentions[k].entity
                  and preposition(ctx.root_of(k) or tok) in rules.place_cases]
        if not places:
            continue
        place = ctx.mentions[places[0]].entity
        ids, _group, _subj = finder.subject_entities(tok)
        if not ids:
            continue
        for cand in cands:
            if cand.rule.type == "CONSULT" and cand.place == place and cand.participants:
                cand.add(ids)


def _split(cand: Candidate, ctx: DocContext) -> list[list[str]]:
    """One participant list per reported event ("des entretiens distincts avec X et Y")."""
    tok = cand.token
    if "Plur" in tok.morph.get("Number") and any(c.lemma_.lower() in ctx.rules.split_modifiers
                                                 for c in tok.children):
        partners = [p for p in cand.participants if p not in cand.subject]
        if cand.subject and len(partners) >= 2:
            return [cand.subject + [p] for p in partners]
    return [cand.participants]


def _to_mention(cand: Candidate, participants: list[str], n: int) -> EventMention:
    tok = cand.token
    mode = cand.mode
    if cand.rule.type == "CONSULT" and mode is None and (len(participants) >= 3 or cand.open_group):
        mode = "multilateral"
    date = cand.date
    status = cand.status
    if status == "occurred" and date and cand.token.doc._.published is not None:
        pub = getattr(cand.token.doc._.published, "value", None)
        if dates.after(date, pub):
            status = "planned"
    return EventMention(
        id=f"e{n}", type=cand.rule.type, mode=mode,
        trigger=Trigger(tok.idx, tok.idx + len(tok.text), tok.text),
        participants=list(participants), place=cand.place,
        time=cand.timex.id if cand.timex is not None else None,
        status=status,  # type: ignore[arg-type]
        date=date)
