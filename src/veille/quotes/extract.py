"""Quotations and their speakers, from a parsed French Doc.

`extract_quotes(doc)` returns veille Quote records; it does not write on the Doc
(component.py does). Steps:
1. quoted spans (marks.py) and our own sentence split, which never cuts inside a quote;
2. speech cues (lexicon.py): cue verbs with their auxiliary and subject clitic, prepositions
   (`selon X`), each with the phrase that names its speaker;
3. each quoted span is attributed: a cue right after it (`», a déclaré X`), a cue before a colon
   (`X a déclaré : «`), an incise shared with the previous quote (`», a-t-il dit, «`), or a cue
   whose reported content contains it (`X a déclaré que ... « ... »`, `..., a indiqué X.`);
   unattributed short noun phrases are names or scare quotes, not utterances;
4. indirect speech: `X a déclaré que ...`, `..., a déclaré X.`, `selon X, ...`;
5. speakers in text order: pronouns take the previous speaker of the same or the previous
   paragraph, or the actor stage's pronoun mention; a quote without a cue continues the
   previous speaker of its paragraph.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from veille.model import Mention, Quote, QuoteKind, Speaker
from veille.quotes.lexicon import CueEntry, Lexicon, load_lexicon
from veille.quotes.marks import Marked, find_marked
from veille.quotes.phrases import (
    PRONOUNS,
    SUBJECT_CLITICS,
    Phrase,
    covering,
    entity_of,
    gender_of,
    is_time_word,
    np_after,
    np_from_head,
    np_span,
    number_of,
    skip_adjunct,
    speaker_words,
)

_AUX_LEMMAS = {"avoir", "être"}
_REFLEXIVE = {"se", "s'", "s’"}
_NEGATION = {"ne", "n'", "n’", "pas", "jamais", "plus", "guère"}
_END_PUNCT = {".", "!", "?", "…", "...", "?!", "!!"}
_QUE = {"que", "qu'", "qu’"}
_DASHES = {",", "-", "–", "—"}
_MEDIUM_PREPS = {"dans", "lors", "en", "sur", "via", "par"}
_OBJECT_CLITICS = {"-t", "l'", "l’", "le", "la", "les", "lui", "leur", "me", "m'", "te", "t'", "se", "s'", "y", "en"}
_SHORT_TOKENS = 5  # an unattributed quote this short, without a finite verb, is a term, not speech
_NAME_TOKENS = 6


@dataclass
class Cue:
    """A speech cue in the text and what it says about its speaker."""

    start: int  # first token of the cue group (auxiliary, reflexive, preposition)
    end: int  # one past the last token of the group (verb, clitic, preposition words)
    verb: int  # the cue verb (or first preposition word)
    entry: CueEntry
    text: str
    inverted: bool = False  # `», a déclaré X` / `, a-t-il dit`: the subject follows
    sentence: int = 0
    speaker: Phrase | None = None
    pronoun: str | None = None  # number ("Sing"/"Plur") when the subject is a pronoun
    pronoun_tok: int | None = None
    region: tuple[int, int] | None = None  # tokens of the reported content
    passive: bool = False
    participle: str | None = None
    medium: str | None = None  # "dans un communiqué"


@dataclass
class Said:
    """Who spoke last: the history that pronouns and cue-less quotes refer back to."""

    para: int
    speaker: Speaker
    number: str
    gender: str | None
    cue: str | None = None


@dataclass
class Candidate:
    start: int  # chars
    end: int
    kind: QuoteKind
    cue: Cue | None
    para: int
    continuation: bool = False  # continues the previous speaker (no cue)
    phrase: Phrase | None = None  # a speaker named without a cue (`« ... » : X a ...`)
    cue_text: str | None = None
    speaker: Speaker | None = field(default=None)


class QuoteExtractor:
    """Finds the quotes of one Doc; `mentions` are the actor stage's (or None)."""

    def __init__(self, doc: Doc, lexicon: Lexicon | None = None):
        self.doc = doc
        self.text = doc.text
        self.lex = lexicon or load_lexicon()
        self.words = speaker_words()
        mentions = doc._.mentions if doc.has_extension("mentions") else None
        self.mentions: list[Mention] = list(mentions or [])
        self.marks = find_marked(self.text)
        self.mark_opens = [m.open for m in self.marks]
        self._token_index()
        self._sentences()
        self._paragraphs()

    # -- indexes ------------------------------------------------------------------------------
    def _token_index(self) -> None:
        starts = [t.idx for t in self.doc]
        self.tok_starts = starts
        inside = [False] * len(self.doc)
        for m in self.marks:
            lo = bisect.bisect_left(starts, m.open)
            hi = bisect.bisect_left(starts, m.close)
            for i in range(lo, hi):
                inside[i] = True
        self.in_quote = inside

    def tok_at(self, char: int) -> int:
        """Index of the token containing (or first after) char."""
        i = bisect.bisect_right(self.tok_starts, char) - 1
        return max(i, 0)

    def tok_after(self, char: int) -> int:
        return bisect.bisect_left(self.tok_starts, char)

    def _sentences(self) -> None:
        """Sentence bounds (token ranges) that never cut inside a quote."""
        bounds = [0]
        doc = self.doc
        for t in doc:
            if self.in_quote[t.i]:
                continue
            if t.is_space and "\n" in t.text:
                bounds.append(t.i + 1)
            elif t.text in _END_PUNCT:
                nxt = t.i + 1
                # a closing mark glued after the period belongs to this sentence
                while nxt < len(doc) and doc[nxt].text in ("»", '"', "'", "”", ")") and not self.in_quote[nxt]:
                    nxt += 1
                bounds.append(nxt)
        bounds.append(len(doc))
        bounds = sorted(set(bounds))
        self.sent_starts = bounds[:-1]
        self.sent_bounds = list(zip(bounds[:-1], bounds[1:], strict=False))

    def sent_of(self, tok: int) -> tuple[int, int, int]:
        k = bisect.bisect_right(self.sent_starts, tok) - 1
        k = max(k, 0)
        lo, hi = self.sent_bounds[k]
        return k, lo, hi

    def _paragraphs(self) -> None:
        self.para_starts = [0]
        for i, ch in enumerate(self.text):
            if ch == "\n":
                self.para_starts.append(i + 1)

    def para_of(self, char: int) -> int:
        """Paragraph number; blank lines between paragraphs do not count."""
        k = bisect.bisect_right(self.para_starts, char) - 1
        # count only non-blank lines up to k
        return self._nonblank_rank(k)

    def _nonblank_rank(self, k: int) -> int:
        if not hasattr(self, "_ranks"):
            ranks = []
            r = 0
            for j, s in enumerate(self.para_starts):
                e = self.para_starts[j + 1] if j + 1 < len(self.para_starts) else len(self.text)
                if self.text[s:e].strip():
                    r += 1
                ranks.append(r)
            self._ranks = ranks
        return self._ranks[k]

    def para_start_char(self, char: int) -> int:
        k = bisect.bisect_right(self.para_starts, char) - 1
        s = self.para_starts[k]
        while s < len(self.text) and self.text[s] in " \t\u00a0":
            s += 1
        return s

    # -- cues ---------------------------------------------------------------------------------
    def find_cues(self) -> list[Cue]:
        cues: list[Cue] = []
        doc = self.doc
        skip_to = 0
        for t in doc:
            if t.i < skip_to or self.in_quote[t.i]:
                continue
            cue = self._prep_cue(t)
            if cue is None:
                cue = self._verb_cue(t)
            if cue is not None:
                cue.sentence, _, _ = self.sent_of(cue.verb)
                cues.append(cue)
                skip_to = cue.end
        return cues

    def _prep_cue(self, t: Token) -> Cue | None:
        entries = self.lex.preps.get(t.lower_.replace("’", "'"))
        if not entries:
            return None
        doc = self.doc
        if t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("qui", "quoi", "lequel", "laquelle", "lesquels", "lesquelles"):
            return None  # `le président, selon qui ...`: a relative clause, not an attribution
        for entry in entries:
            n = len(entry.words)
            words = [doc[i].lower_.replace("’", "'") for i in range(t.i, min(t.i + n, len(doc)))]
            if words == list(entry.words) or (len(words) == n and words[-1] in ("du", "des") and
                                              words[:-1] == list(entry.words[:-1]) and entry.words[-1] == "de"):
                end = t.i + n
                if entry.needs_name and not self._names_speaker(t.i, end):
                    continue
                return Cue(t.i, end, t.i, entry, self.text[t.idx:doc[end - 1].idx + len(doc[end - 1].text)])
        return None

    def _names_speaker(self, start: int, end: int) -> bool:
        """`Pour le chef de l'Otan, Mark Rutte, ...` (an opening `pour` + a name + a comma),
        unlike `Pour le reste, ...`."""
        doc = self.doc
        _, lo, hi = self.sent_of(start)
        k = lo
        while k < start and (doc[k].pos_ in ("CCONJ", "ADV") or doc[k].is_punct or doc[k].is_space):
            k += 1
        if k != start:
            return False
        e = end
        while e < hi and doc[e].lower_ not in (",", ".", ":", ";") and e - end < 12:
            e += 1
        if e >= hi or doc[e].lower_ != ",":
            return False
        titles = self.words["titles"]
        return any(doc[j].pos_ == "PROPN" or doc[j].lower_ in titles or doc[j].lower_ in PRONOUNS
                   for j in range(end, e))

    def _verb_cue(self, t: Token) -> Cue | None:
        if t.pos_ not in ("VERB", "AUX", "PROPN", "NOUN", "ADJ") or t.is_punct:
            return None
        low = t.lower_.replace("’", "'")
        entry = self.lex.verb_entry(low, t.lemma_.lower())
        phrase_end = None
        for ph in self.lex.phrase_heads(low, t.lemma_.lower()):
            j = t.i + 1
            ok = True
            if ph.then_any:
                while j < len(self.doc) and self.doc[j].pos_ == "ADV":
                    j += 1
                if j < len(self.doc) and self.doc[j].lower_ in ph.words and self._reflexive_before(t.i):
                    entry, phrase_end = ph, j + 1
                    break
                continue
            for w in ph.words:
                while j < len(self.doc) and self.doc[j].pos_ == "ADV" and self.doc[j].lower_ not in ph.words:
                    j += 1
                if j < len(self.doc) and self.doc[j].lower_ == w:
                    j += 1
                else:
                    ok = False
                    break
            if ok:
                entry, phrase_end = ph, j
                break
        if entry is None:
            return None
        if t.pos_ in ("NOUN", "ADJ") and phrase_end is None and low not in self.lex.verb_forms:
            return None
        start, clitic = self._group_left(t.i)
        has_aux = any(self.doc[k].lemma_ in _AUX_LEMMAS or self.doc[k].lower_ in _REFLEXIVE for k in range(start, t.i))
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and not has_aux and clitic is None and phrase_end is None:
            nxt = self.doc[t.i + 1].lower_ if t.i + 1 < len(self.doc) else ""
            prev = self.doc[t.i - 1] if t.i > 0 else None
            subject_before = prev is not None and prev.pos_ in ("NOUN", "PROPN") and (
                nxt in _QUE or nxt in ("à", "au", "aux", "de", "d'", "d’")
                or entry.object and t.i + 1 < len(self.doc) and self.doc[t.i + 1].pos_ == "DET")
            if not (nxt in SUBJECT_CLITICS or nxt == "-t" or subject_before
                    or prev is not None and (prev.text in _DASHES or self._closes_mark(prev.i))):
                return None  # `des garanties`, `la déclaration`: a noun, not the verb
        if phrase_end is None and ("Inf" in t.morph.get("VerbForm", []) and low.endswith(("er", "ir", "re"))
                                   or low == entry.id):
            modal = self._modal_before(t.i)
            if modal is None:
                return None  # `s'assurer que`, `de dire`: an infinitive is not an attribution
            start, clitic = self._group_left(modal)
            has_aux = True
            for k in range(modal + 1, t.i):  # `peut-on lire`
                if self.doc[k].lower_ in SUBJECT_CLITICS:
                    clitic = k
        end = (phrase_end or t.i + 1)
        # a clitic subject after the verb: `dit-il`, `estime-t-elle`
        j = end if phrase_end is None else t.i + 1
        if j < len(self.doc) and self.doc[j].lower_ == "-t":
            j += 1
        if j < len(self.doc) and self.doc[j].lower_ in SUBJECT_CLITICS:
            clitic = j
            if phrase_end is None:
                end = j + 1
        if entry.id == "dire" and not has_aux and clitic is None and low in ("dit", "dite", "dits", "dites") \
                and t.i > 0 and self.doc[t.i - 1].pos_ in ("NOUN", "PROPN") and t.i + 1 < len(self.doc) \
                and self.doc[t.i + 1].text in ("«", '"', "“", "de", "d'"):
            return None  # `le processus dit « de Luanda »`: so-called
        cue = Cue(start, end, t.i, entry, "")
        cue.text = self._cue_text(start, end)
        cue.participle = self._participle(t, has_aux, clitic)
        if clitic is not None:
            cue.pronoun = SUBJECT_CLITICS[self.doc[clitic].lower_]
            cue.pronoun_tok = clitic
        cue.passive = any(self.doc[k].lemma_ == "être" and self.doc[k].dep_ == "aux:pass"
                          for k in range(start, t.i)) or (
            any(self.doc[k].lower_ in ("été", "est", "sont", "fut") for k in range(start, t.i))
            and entry.id not in ("indigner", "inquiéter", "féliciter", "exclamer", "écrier", "emporter",
                                 "réjouir", "plaindre", "étonner", "alarmer", "agacer", "offusquer",
                                 "désoler", "enthousiasmer", "vanter", "targuer", "exprimer", "interroger",
                                 "se dire")
            and not self._reflexive_before(t.i))
        return cue

    def _modal_before(self, i: int) -> int | None:
        """`a tenu à souligner`, `a voulu rappeler`: the verb that governs a cue infinitive."""
        doc = self.doc
        k = i - 1
        while k >= 0 and (doc[k].pos_ == "ADV" or doc[k].lower_ in SUBJECT_CLITICS or doc[k].lower_ == "-t"):
            k -= 1
        if k >= 0 and doc[k].lower_ == "à":
            k -= 1
            if k >= 0 and doc[k].lemma_ == "tenir":
                return k
            return None
        if k >= 0 and doc[k].lemma_ in ("vouloir", "souhaiter", "pouvoir") and doc[k].pos_ in ("VERB", "AUX"):
            return k
        return None

    @staticmethod
    def _participle(t: Token, has_aux: bool, clitic: int | None) -> str | None:
        """"present" for `ajoutant`, "past" for a past participle without auxiliary."""
        if has_aux or clitic is not None:
            return None
        low = t.lower_
        if low.endswith("ant") and ("Part" in t.morph.get("VerbForm", []) or t.pos_ in ("VERB", "NOUN", "ADJ")):
            return "present"
        if "Part" in t.morph.get("VerbForm", []) and "Past" in t.morph.get("Tense", []) or low.endswith(("é", "ée", "és", "ées")):
            return "past"
        return None

    def _reflexive_before(self, i: int) -> bool:
        return any(self.doc[k].lower_ in _REFLEXIVE for k in range(max(0, i - 4), i))

    def _group_left(self, i: int) -> tuple[int, int | None]:
        """Start of the verb group ending at token i (auxiliary, reflexive, negation), and a
        subject clitic inside it (`a-t-il`)."""
        doc = self.doc
        start = i
        clitic = None
        k = i - 1
        skippable = self.words["skip_after_verb"]
        while k >= 0 and i - k <= 6:
            tok = doc[k]
            low = tok.lower_
            if low in SUBJECT_CLITICS or low == "-t":
                if low in SUBJECT_CLITICS:
                    clitic = k
                k -= 1
                continue
            if tok.lemma_ in _AUX_LEMMAS and tok.pos_ in ("AUX", "VERB") or low in ("a", "ont", "avait", "avaient",
                                                                                   "est", "sont", "été"):
                start = k
                k -= 1
                continue
            if low in _REFLEXIVE or low in _NEGATION:
                start = k
                k -= 1
                continue
            if tok.pos_ == "ADV" or low in skippable and low != ",":
                k -= 1
                continue
            break
        return start, clitic

    def _cue_text(self, start: int, end: int) -> str:
        parts: list[str] = []
        for k in range(start, end):
            tok = self.doc[k]
            if tok.pos_ == "ADV" and tok.lower_ not in _NEGATION or tok.is_space:
                continue
            if parts and not tok.text.startswith("-") and not parts[-1].endswith(("'", "’")):
                parts.append(" ")
            parts.append(tok.text)
        return "".join(parts)

    def _medium_after(self, j: int, hi: int) -> str | None:
        """`dans un communiqué`, `lors d'un point presse`, `en conférence de presse` after a cue."""
        doc = self.doc
        k = j
        limit = min(hi, j + 12)
        while k < limit:
            low = doc[k].lower_
            entry = self.lex.nouns.get(low)
            if entry is not None:
                n = len(entry.words)
                words = [doc[m].lower_ for m in range(k, min(k + n, len(doc)))]
                if words == list(entry.words):
                    # back to the preposition that introduces it (`dans un long communiqué`)
                    s = k
                    while s > j and k - s < 4 and doc[s - 1].lower_ not in _MEDIUM_PREPS:
                        s -= 1
                    if s == j or doc[s - 1].lower_ not in _MEDIUM_PREPS:
                        return None
                    s -= 1
                    e = k + n
                    return self.text[doc[s].idx:doc[e - 1].idx + len(doc[e - 1].text)]
            if low in (".", ";", "«", "»") or doc[k].is_space:
                break
            k += 1
        return None

    # -- speakers of cues ---------------------------------------------------------------------
    def attach_speakers(self, cues: list[Cue]) -> None:
        doc = self.doc
        for cue in cues:
            _, lo, hi = self.sent_of(cue.verb)
            if cue.entry.kind == "preposition":
                k = cue.end
                e = k
                while e < hi and doc[e].lower_ not in (",", ".", ":", ";", "«", "»", '"', "!", "?") \
                        and not doc[e].is_space and not self.in_quote[e]:
                    e += 1
                e = self._apposition_end(e, hi)
                p = np_span(doc, k, e)
                if p is not None:
                    # `selon un communiqué de l'armée`: the speaker is the author of the medium
                    if doc[p.head].lower_ in self.lex.nouns:
                        for m in range(p.head + 1, p.end):
                            if doc[m].lower_ in ("de", "du", "des", "d'", "d’") and m + 1 < p.end:
                                p = np_span(doc, m + 1, p.end) or p
                                break
                    cue.speaker = p
                    if doc[p.head].lower_ in PRONOUNS:
                        cue.pronoun = PRONOUNS[doc[p.head].lower_]
                        cue.pronoun_tok = p.head
                # region: the rest of the sentence
                rest = sum(1 for k in range(e, hi) if doc[k].is_alpha)
                relative = e + 1 < hi and doc[e].lower_ == "," and doc[e + 1].lower_ in ("qui", "dont", "où")
                if lo < cue.start and doc[cue.start - 1].lower_ == "," and (rest < 2 or relative):
                    cue.region = (lo, cue.start - 1)  # `..., selon X.`
                    cue.inverted = True
                else:
                    cue.region = (e + 1 if e < hi and doc[e].lower_ == "," else e, hi)
                continue
            cue.medium = self._medium_after(cue.end, hi)
            before = cue.start - 1
            prev = doc[before] if before >= 0 else None
            after_mark = prev is not None and (prev.text in _DASHES or self._closes_mark(before))
            if cue.pronoun is not None and after_mark:
                cue.inverted = True
                if doc[cue.pronoun_tok or 0].lower_ == "-on" and cue.medium:
                    # `peut-on lire dans le communiqué`: the document speaks
                    p = self._medium_phrase(cue.end, hi)
                    if p is not None:
                        cue.speaker, cue.pronoun, cue.pronoun_tok = p, None, None
            elif after_mark and cue.pronoun is None:
                p = np_after(doc, cue.end, hi)
                clause_before = self._closes_mark(before) or before > 0 and self._closes_mark(before - 1) \
                    or self._main_clause_before(lo, before)
                if p is not None and doc[p.start].pos_ != "ADP" and doc[p.start].lower_ not in ("de", "d'", "d’") \
                        and clause_before:
                    cue.inverted = True
                    cue.speaker = p
            if cue.inverted:
                if doc[cue.start - 1].text in _DASHES:
                    cue.region = (lo, cue.start - 1)
                else:
                    cue.region = (lo, cue.start)
                continue
            if cue.participle == "past" and not self._followed_by_que(cue.end, hi):
                cue.passive = True  # `une rencontre qualifiée de « ... » par X`
                self._preverbal_speaker(cue, lo, hi)
                cue.region = (cue.end, self._clause_end(cue.end, hi)) if cue.speaker else None
                continue
            coordinated = cue.start > lo and doc[cue.start - 1].lower_ == "et"
            if cue.participle == "present" or coordinated:
                # `..., ajoutant que`, `... et a insisté`: the speaker of the clause it hangs on
                earlier = [c for c in cues if c.sentence == cue.sentence and c.verb < cue.verb
                           and c.entry.kind == "verb" and (c.speaker is not None or c.pronoun)]
                if earlier and (coordinated or doc[cue.start - 1].lower_ in (",", "en")):
                    cue.speaker, cue.pronoun, cue.pronoun_tok = (earlier[-1].speaker, earlier[-1].pronoun,
                                                                 earlier[-1].pronoun_tok)
                else:
                    self._preverbal_speaker(cue, lo, hi)
                cue.region = (cue.end, self._clause_end(cue.end, hi))
                continue
            if cue.pronoun is not None and cue.pronoun_tok is not None and cue.pronoun_tok < cue.verb:
                pass  # `a-t-il déclaré` in a question-like order without a comma: rare
            self._preverbal_speaker(cue, lo, hi)
            cue.region = (cue.end, self._clause_end(cue.end, hi))

    def _apposition_end(self, e: int, hi: int) -> int:
        """`Pour Léa Roux, chercheuse à l'Inserm, ...`: past an apposition closed by a comma."""
        doc = self.doc
        if e >= hi or doc[e].lower_ != "," or e + 1 >= hi or doc[e + 1].pos_ not in ("NOUN", "DET", "ADJ", "PROPN"):
            return e
        k = e + 1
        while k < hi and doc[k].lower_ not in (",", ".", ":", ";") and k - e <= 15:
            t = doc[k]
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) or t.lower_ in _QUE or self.in_quote[k]:
                return e
            k += 1
        if k < hi and doc[k].lower_ == "," and any(doc[j].pos_ == "NOUN" for j in range(e + 1, k)):
            return k
        return e

    def _followed_by_que(self, i: int, hi: int) -> bool:
        """`L'économiste prédit que`: a form shared by the participle and the present tense is a
        finite verb when a `que` clause follows."""
        doc = self.doc
        while i < hi and doc[i].pos_ == "ADV":
            i += 1
        return i < hi and doc[i].lower_ in _QUE

    def _medium_phrase(self, i: int, hi: int) -> Phrase | None:
        doc = self.doc
        for k in range(i, min(hi, i + 8)):
            if doc[k].lower_ in self.lex.nouns and k > i:
                s = k
                while s > i and doc[s - 1].pos_ in ("DET", "ADJ"):
                    s -= 1
                e = k + 1
                while e < hi and doc[e].pos_ == "ADJ":
                    e += 1
                return Phrase(s, e, k)
        return None

    def _main_clause_before(self, lo: int, comma: int) -> bool:
        """Do tokens [lo, comma) hold a finite verb outside relative clauses (`Les deux pays ont
        convenu de se revoir, a déclaré X`), unlike `Le ministre, visiblement agacé, a dénoncé`?"""
        doc = self.doc
        if any(self.in_quote[k] for k in range(lo, comma)):
            return True
        for k in range(lo, comma):
            t = doc[k]
            if self.in_quote[k] or t.pos_ not in ("VERB", "AUX") or "Fin" not in t.morph.get("VerbForm", []):
                continue
            verb = t if t.pos_ == "VERB" else t.head
            if verb.dep_ in ("acl:relcl", "acl"):
                continue
            if any(doc[j].lower_ in ("qui", "dont", "où", "lequel", "laquelle") for j in range(max(lo, k - 6), k)):
                continue
            return True
        return False

    def _closes_mark(self, tok: int) -> bool:
        t = self.doc[tok]
        end = t.idx + len(t.text)
        return any(m.close == end for m in self.marks) and t.text in ("»", '"', "'", "”", "’", "+")

    def _clause_end(self, i: int, hi: int) -> int:
        doc = self.doc
        for k in range(i, hi):
            if self.in_quote[k]:
                continue
            if doc[k].lower_ in (";", "mais") or (doc[k].lower_ == "," and k + 1 < hi and doc[k + 1].lower_ == "mais"):
                return k
        end = hi
        while end > i and (doc[end - 1].is_punct and not self.in_quote[end - 1] or doc[end - 1].is_space):
            end -= 1
        return end

    def _preverbal_speaker(self, cue: Cue, lo: int, hi: int) -> None:
        doc = self.doc
        verb = doc[cue.verb]
        if cue.passive:
            # `qualifié de « ... » par les médias`: the agent speaks
            for k in range(cue.end, min(hi, cue.end + 12)):
                if doc[k].lower_ == "," and not self.in_quote[k]:
                    break  # the agent belongs to the same phrase: `qualifié de « ... » par X`
                if doc[k].lower_ == "par" and not self.in_quote[k]:
                    p = np_after(doc, k + 1, hi)
                    if p is not None:
                        cue.speaker = p
                    return
                if doc[k].lower_ in (";", ".") and not self.in_quote[k]:
                    break
            return
        subj = self._parse_subject(verb, lo)
        if subj is None:
            return
        if doc[subj].lower_ in PRONOUNS or doc[subj].lower_ in ("on",):
            cue.pronoun = PRONOUNS.get(doc[subj].lower_, "Sing")
            cue.pronoun_tok = subj
            return
        if doc[subj].pos_ == "PRON" and doc[subj].lower_ in ("qui",):
            # `le ministre, qui a déclaré`: the antecedent of the relative pronoun
            ant = verb.head if verb.dep_ == "acl:relcl" else None
            k = subj - 1
            while k >= lo and doc[k].lower_ == ",":
                k -= 1
            if ant is not None and ant.i < subj:
                subj = ant.i
            elif k >= lo and doc[k].pos_ in ("NOUN", "PROPN", "PRON"):
                subj = k  # `Lui qui a critiqué`, `le ministre, qui a déclaré`
            else:
                return
            if doc[subj].lower_ in PRONOUNS:
                cue.pronoun = PRONOUNS[doc[subj].lower_]
                cue.pronoun_tok = subj
                return
        cue.speaker = np_from_head(doc, subj, lo, cue.start)

    def _parse_subject(self, verb: Token, lo: int, strict: bool = False) -> int | None:
        """Token index of the subject of a (non-inverted) cue verb."""
        seen = set()
        tok: Token | None = verb
        while tok is not None and tok.i not in seen:
            seen.add(tok.i)
            anywhere = tok.i != verb.i or verb.lower_.endswith("ant")
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubj:pass") and lo <= child.i and (child.i < verb.i or anywhere) \
                        and child.lower_ not in _OBJECT_CLITICS and not self.in_quote[child.i]:
                    if child.lower_ in ("ce", "c'", "cela", "ça", "qui") and child.lower_ != "qui":
                        continue
                    return child.i
            if strict:
                return None
            # a participle or coordinated verb borrows the subject of the verb it depends on
            if tok.dep_ in ("conj", "advcl", "xcomp", "acl") and tok.head.i != tok.i and lo <= tok.head.i:
                tok = tok.head
                continue
            break
        if strict:
            return None
        # fallback: the nearest noun phrase before the verb group, within the sentence
        k = verb.i - 1
        while k >= lo and (doc_tok := self.doc[k]).pos_ in ("AUX", "ADV", "PART") or (
                k >= lo and self.doc[k].lower_ in _REFLEXIVE | _NEGATION | _OBJECT_CLITICS | {","}):
            k -= 1
        if k >= lo and self.doc[k].pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and not self.in_quote[k]:
            # climb to the head of that noun phrase
            t = self.doc[k]
            while t.dep_ in ("flat:name", "amod", "appos", "nmod", "fixed") and t.head.i < t.i and t.head.i >= lo:
                t = t.head
            if doc_tok is not None and t.pos_ in ("NOUN", "PROPN", "PRON"):
                return t.i
        return None

    # -- quotes -------------------------------------------------------------------------------
    def extract(self) -> list[Quote]:
        cues = self.find_cues()
        self.attach_speakers(cues)
        cands = self._marked_candidates(cues)
        cands += self._indirect_candidates(cues, cands)
        cands.sort(key=lambda c: (c.start, c.end))
        self._resolve_speakers(cands, cues)
        quotes = []
        for n, c in enumerate(cands, 1):
            cue_text = c.cue_text
            if c.cue is not None:
                cue_text = c.cue.text + (" " + c.cue.medium if c.cue.medium else "")
            quotes.append(Quote(f"q{n}", c.start, c.end, self.text[c.start:c.end], c.kind, c.speaker, cue_text))
        return quotes

    def _cue_after(self, m: Marked, by_start: dict[int, Cue]) -> Cue | None:
        doc = self.doc
        k = self.tok_after(m.close)
        while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
            k += 1
        if k < len(doc) and doc[k].text in _DASHES:
            k += 1
        for j in range(k, min(k + 3, len(doc))):
            cue = by_start.get(j)
            if cue is not None and cue.inverted:
                return cue
            if doc[j].pos_ not in ("ADV",):
                break
        return None

    def _marked_candidates(self, cues: list[Cue]) -> list[Candidate]:
        doc = self.doc
        by_start = {c.start: c for c in cues}
        out: list[Candidate] = []
        prev_incise: tuple[Cue, int] | None = None  # cue after the previous quote, its end token
        for m in self.marks:
            o = self.tok_at(m.open)
            s_idx, lo, hi = self.sent_of(o)
            first = self.tok_after(m.start)
            last = self.tok_after(m.end)
            inner = [doc[i] for i in range(first, last) if not doc[i].is_space]
            para = self.para_of(m.open)
            cue = self._cue_after(m, by_start)
            before = o - 1
            while before >= 0 and doc[before].is_space and "\n" not in doc[before].text:
                before -= 1
            opens_sentence = before < lo or before < 0 or doc[before].text in (":",) or (
                doc[before].is_space) or doc[before].text in _END_PUNCT
            continuation = False
            how = "after" if cue else None
            if cue is None and before >= 0 and doc[before].text == ":":
                cue = self._cue_before_colon(cues, before, lo)
                how = "colon" if cue else None
            if cue is None and prev_incise is not None and before >= 0 and doc[before].text in _DASHES \
                    and prev_incise[1] <= before <= prev_incise[1] + 4:
                cue = prev_incise[0]
                opens_sentence = True
                how = "incise"
            if cue is None:
                cue = self._governing_cue(cues, o, last, s_idx)
                how = "region" if cue else None
            if cue is None and opens_sentence:
                cue = self._incise_inside(first, last)
                how = "inside" if cue else None
            prev_incise = (cue, cue.end + self._incise_extent(cue)) if how == "after" and cue else None
            ends_sentence = self._ends_sentence(m, hi)
            kind: QuoteKind = "direct" if opens_sentence and (ends_sentence or how == "after") else "partial"
            finite = any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in inner)
            if self._name_like(m, inner, opens_sentence, finite):
                continue
            if how == "region" and cue is not None and cue.speaker is not None and \
                    cue.speaker.start <= first < cue.speaker.end:
                continue  # the quoted words are part of the speaker's name
            phrase = None
            if cue is None and opens_sentence:
                phrase = self._subject_after_colon(m, hi)
                if phrase is not None:
                    kind = "direct"
            if cue is None and phrase is None:
                if len(inner) <= _SHORT_TOKENS and not finite and not (opens_sentence and ends_sentence):
                    continue  # a term in quotation marks
                continuation = True
            out.append(Candidate(m.start, m.end, kind, cue, para, continuation, phrase=phrase))
        return out

    def _incise_inside(self, first: int, last: int) -> Cue | None:
        """`« Nous viendrons, a déclaré X. Nous resterons. »`: an incise left inside the marks."""
        doc = self.doc
        for k in range(first, last - 2):
            if doc[k].text != ",":
                continue
            for j in range(k + 1, min(k + 5, last)):
                if doc[j].pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
                    continue
                cue = self._verb_cue(doc[j])
                if cue is None or cue.start != k + 1 or cue.entry.kind != "verb":
                    continue
                end = cue.end
                if cue.pronoun is None:
                    p = np_after(doc, end, last)
                    if p is None or not (doc[p.head].pos_ == "PROPN" or doc[p.head].lower_ in self.words["titles"]
                                         or any(doc[t].pos_ == "PROPN" for t in range(p.start, p.end))):
                        break
                    cue.speaker = p
                    end = p.end
                while end < last and doc[end].text not in (",", ".", ";", "!", "?"):
                    end += 1
                if end < last and doc[end].text in (",", ".", "!", "?"):
                    cue.inverted = True
                    cue.sentence, _, _ = self.sent_of(k)
                    return cue
                break
        return None

    def _subject_after_colon(self, m: Marked, hi: int) -> Phrase | None:
        """`« ... » : Emmanuel Macron a défendu ...`: a lead quote, then the named speaker."""
        doc = self.doc
        k = self.tok_after(m.close)
        if k >= hi or doc[k].text != ":":
            return None
        for j in range(k + 1, min(hi, k + 8)):
            t = doc[j]
            if t.dep_ in ("nsubj",) and t.pos_ in ("PROPN", "NOUN") and t.head.i > j and (
                    t.pos_ == "PROPN" or any(mm.type == "PER" for mm in covering(self.mentions, t.idx))):
                return np_from_head(doc, j, k + 1, t.head.i)
        return None

    def _incise_extent(self, cue: Cue) -> int:
        if cue.speaker is not None:
            return max(0, cue.speaker.end - cue.end)
        doc = self.doc
        k = cue.end
        while k < len(doc) and doc[k].lower_ not in (",", ".", "«", "»", ";") and k - cue.end < 12:
            k += 1
        return k - cue.end

    def _cue_before_colon(self, cues: list[Cue], colon: int, lo: int) -> Cue | None:
        best = None
        for c in cues:
            if lo <= c.verb < colon and c.entry.kind != "noun":
                best = c
        return best

    def _governing_cue(self, cues: list[Cue], o: int, last: int, s_idx: int) -> Cue | None:
        """The cue whose reported content holds the quote at tokens [o, last)."""
        in_sentence = [c for c in cues if c.sentence == s_idx and c.region is not None]
        # a sentence-final incise or `selon` covers the whole sentence before it
        for c in in_sentence:
            if c.inverted and c.entry.kind != "preposition" and c.region is not None and c.region[0] <= o \
                    and last <= c.region[1] + 1:
                return c
        best = None
        for c in in_sentence:
            if c.inverted or c.entry.kind == "preposition" or c.region is None:
                continue
            if c.entry.kind == "verb" and c.entry.incise_only:
                continue
            if c.region[0] <= o < c.region[1] + 1:
                best = c
        if best is not None:
            return best
        for c in in_sentence:
            if c.entry.kind == "preposition" and c.region is not None and c.region[0] <= o < c.region[1] + 1:
                return c
        return None

    def _ends_sentence(self, m: Marked, hi: int) -> bool:
        doc = self.doc
        if self.text[m.start:m.end].rstrip()[-1:] in ".!?…":
            return True
        k = self.tok_after(m.close)
        while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
            k += 1
        return k >= hi or k >= len(doc) or doc[k].text in _END_PUNCT or doc[k].is_space

    def _name_like(self, m: Marked, inner: list[Token], opens_sentence: bool, finite: bool) -> bool:
        """`la « Coalition des volontaires »`: a short capitalised noun phrase used as a name."""
        if not inner or len(inner) > _NAME_TOKENS or finite or opens_sentence:
            return False
        first = next((t for t in inner if t.is_alpha), None)
        if first is None or not first.text[:1].isupper() or first.text.isupper() and len(first.text) > 1:
            return False
        if self.text[m.start:m.end].rstrip()[-1:] in ".!?…":
            return False
        return all(t.pos_ not in ("VERB", "AUX", "PRON") for t in inner)

    def _indirect_candidates(self, cues: list[Cue], marked: list[Candidate]) -> list[Candidate]:
        doc = self.doc
        out: list[Candidate] = []
        for c in cues:
            if c.region is None:
                continue
            _, lo, hi = self.sent_of(c.verb)
            start = end = None
            if c.entry.kind == "preposition" and c.inverted and any(
                    o.sentence == c.sentence and o.entry.kind == "verb" and not o.inverted and o.speaker is not None
                    for o in cues):
                continue  # `X a dit que ..., selon Y`: Y is the source of the report, X the speaker
            if c.entry.kind == "preposition" or c.inverted:
                start, end = c.region
                words_out = sum(1 for k in range(start, end) if not self.in_quote[k] and doc[k].is_alpha)
                if words_out < 3:
                    continue  # the content is a quotation: reported as direct or partial
                if c.inverted and c.entry.kind != "preposition" and not self._incise_ends_sentence(c, hi):
                    continue  # only a sentence-final incise reports what precedes it, unquoted
            else:
                if c.entry.kind == "verb" and c.entry.incise_only:
                    continue
                found = self._complement(c)
                if found is None:
                    continue
                start, end = found
                end = self._cut_at_next_cue(cues, c, start, end)
            if start is None or end is None or end <= start:
                continue
            # trim punctuation and spaces
            while start < end and (doc[start].is_punct and doc[start].text not in ("«", '"', "“") or doc[start].is_space):
                start += 1
            while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ";", ":", "-", "–", ".")):
                end -= 1
            if end - start < 3:
                continue
            words_out = sum(1 for k in range(start, end) if not self.in_quote[k] and doc[k].is_alpha)
            if words_out < 2 or words_out < 3 and any(self.in_quote[k] for k in range(start, end)):
                continue  # the content is a quotation, reported as direct or partial
            cs, ce = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            out.append(Candidate(cs, ce, "indirect", c, self.para_of(cs)))
        return out

    def _complement(self, c: Cue) -> tuple[int, int] | None:
        """Tokens of what a cue verb reports: `que ...`, an infinitive, `de` + infinitive, or (for
        `object` verbs) a noun phrase. Dates, datives and incidental clauses may come between:
        `a annoncé, jeudi, lors d'une conférence, que ...`, `a assuré son homologue que ...`."""
        doc = self.doc
        assert c.region is not None
        hi = c.region[1]
        k = c.end
        limit = min(hi, c.end + 30)
        first = None
        obj_at = c.end  # where an object may start: past adverbs, dates, adjuncts (`dans l'après-midi`)
        for _ in range(3):
            while obj_at < hi and (doc[obj_at].pos_ == "ADV" or is_time_word(doc[obj_at])):
                obj_at += 1
            if obj_at < hi and doc[obj_at].lower_ in ("dans", "lors", "devant", "depuis", "pendant"):
                obj_at = skip_adjunct(doc, obj_at, hi)
            else:
                break
        while k < limit:
            tok = doc[k]
            low = tok.lower_
            if self.in_quote[k] or tok.is_space:
                break
            if low in _QUE and first is not None and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
                break  # `accuse le Pakistan de soutenir le groupe QU'elle ...`: a relative clause
            if low in _QUE:
                return k + 1, self._content_end(tok.head if tok.head.i > k else tok, k + 1, hi)
            adjacent = k == c.end or self._dative_run(c.end, k) or k == c.end + 1 and doc[c.end].lower_ == "à" or all(
                doc[j].pos_ == "ADV" or doc[j].lower_ in _NEGATION or is_time_word(doc[j]) for j in range(c.end, k))
            if low in ("de", "d'", "d’") and adjacent or "Inf" in tok.morph.get("VerbForm", []) and \
                    tok.pos_ in ("VERB", "AUX") and adjacent:
                j = k + 1 if low in ("de", "d'", "d’") else k
                while j < hi and doc[j].lower_ in _NEGATION | _REFLEXIVE | {"y", "en", "l'", "le", "la", "les", "lui", "leur"}:
                    j += 1
                if j < hi and "Inf" in doc[j].morph.get("VerbForm", []):
                    return k, self._content_end(doc[j], j, hi)
                if low not in ("de", "d'", "d’"):
                    return k, self._content_end(tok, k, hi)
            if first is None and c.entry.object and k == obj_at and (
                    tok.pos_ in ("DET", "NOUN", "PROPN", "NUM") or low in ("de", "d'", "d’", "du", "des")):
                first = k
            if tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm", []) or low in (";", ":") \
                    or tok.pos_ == "SCONJ":
                break
            k += 1
        if first is not None:
            return first, self._clause_end(first, hi)
        return None

    def _dative_run(self, start: int, k: int) -> bool:
        """Tokens [start, k) hold `à CBS News`, `aux journalistes`: a dative before `que` / `de`."""
        doc = self.doc
        return any(doc[j].lower_ in ("à", "au", "aux") and j + 1 < k and "Inf" not in doc[j + 1].morph.get("VerbForm", [])
                   for j in range(start, k)) and doc[k - 1].lower_ not in ("à", "au", "aux")

    def _content_end(self, head: Token, start: int, hi: int) -> int:
        """End of a reported clause: its parse subtree, or the clause end when they nearly agree."""
        clause_end = self._clause_end(start, hi)
        sub_end = max((t.i for t in head.subtree), default=start) + 1
        for child in head.children:  # `que A et que B`
            if child.dep_ == "conj":
                sub_end = max(sub_end, max(t.i for t in child.subtree) + 1)
        if sub_end <= start + 2 or sub_end >= clause_end - 2:
            return clause_end
        # stop at a comma that opens a new main clause outside the reported one
        return min(clause_end, sub_end)

    def _incise_ends_sentence(self, c: Cue, hi: int) -> bool:
        doc = self.doc
        k = c.end
        if c.speaker is not None:
            k = max(k, c.speaker.end)
        while k < hi and not (doc[k].text in _END_PUNCT or doc[k].is_space):
            if doc[k].text in ("«", "»", '"') or doc[k].lower_ in _QUE:
                return False
            k += 1
        return True

    def _cut_at_next_cue(self, cues: list[Cue], c: Cue, start: int, end: int) -> int:
        for other in cues:
            if other is c or not (start < other.start < end):
                continue
            if other.entry.kind == "verb" and self.doc[other.start - 1].lower_ in (",", "et"):
                return other.start - 1
        return end

    # -- speakers -------------------------------------------------------------------------------
    def _resolve_speakers(self, cands: list[Candidate], cues: list[Cue]) -> None:
        """Speakers in text order. Every cue subject enters the history too (`X s'est adressé
        à la presse. « ... »`), so a quote without a cue continues it."""
        history: list[Said] = []
        doc = self.doc
        used = {id(c.cue) for c in cands if c.cue is not None}
        events = [c for c in cues if id(c) not in used and c.speaker is not None and c.entry.kind in ("verb", "phrase")
                  and doc[c.speaker.head].lower_ not in PRONOUNS and not c.passive]
        stream: list[tuple[int, int, Candidate | Cue]] = [(c.start, 1, c) for c in cands]
        stream += [(doc[c.verb].idx, 0, c) for c in events]
        stream.sort(key=lambda x: (x[0], x[1]))
        for _, _, item in stream:
            if isinstance(item, Cue):
                assert item.speaker is not None
                sp = self._speaker(item.speaker)
                history.append(Said(self.para_of(sp.start), sp, number_of(doc, item.speaker),
                                    gender_of(doc, item.speaker), item.text))
                continue
            c = item
            said = self._speaker_of(c, history)
            if said is not None:
                c.speaker = said.speaker
                if c.cue is None and c.continuation:
                    c.cue_text = said.cue  # the cue that attributed the speaker it continues
                elif c.cue is not None:
                    said.cue = c.cue.text
                history.append(said)

    def _speaker_of(self, c: Candidate, history: list[Said]) -> Said | None:
        doc = self.doc
        cue = c.cue
        phrase = c.phrase or (cue.speaker if cue is not None else None)
        if phrase is not None and doc[phrase.head].lower_ not in PRONOUNS:
            return Said(c.para, self._speaker(phrase), number_of(doc, phrase), gender_of(doc, phrase))
        if cue is not None and cue.pronoun is not None:
            sp = None
            if cue.entry.kind == "preposition":  # `selon lui`: the subject of the sentence
                sp = self._nearest_subject(cue, same_sentence=True)
            sp = sp or self._pronoun_speaker(cue, c.para, history)
            if sp is None:
                return None
            return Said(c.para, sp, cue.pronoun, self._pronoun_gender(cue))
        if cue is None and c.continuation and history:
            last = history[-1]
            if last.para == c.para or last.para == c.para - 1 and self.para_start_char(c.start - 1) >= c.start - 2:
                return Said(c.para, last.speaker, last.number, last.gender, last.cue)
        return None

    def _pronoun_gender(self, cue: Cue) -> str | None:
        if cue.pronoun_tok is None:
            return None
        low = self.doc[cue.pronoun_tok].lower_.lstrip("-")
        return {"il": "Masc", "ils": "Masc", "elle": "Fem", "elles": "Fem"}.get(low)

    def _speaker(self, p: Phrase) -> Speaker:
        s, e = p.chars(self.doc)
        return Speaker(s, e, self.text[s:e], entity_of(self.doc, p, self.mentions))

    def _pronoun_speaker(self, cue: Cue, para: int, history: list[Said]) -> Speaker | None:
        gender = self._pronoun_gender(cue)
        for said in reversed(history):
            if para - said.para > 1:
                break
            if said.number == cue.pronoun and (gender is None or said.gender in (None, gender)):
                return said.speaker
        # the actor stage's reading of the pronoun
        if cue.pronoun_tok is not None and self.mentions:
            tok = self.doc[cue.pronoun_tok]
            for m in covering(self.mentions, tok.idx + (1 if tok.text.startswith("-") else 0)):
                if m.entity:
                    ante = self._antecedent(m)
                    return ante or Speaker(m.start, m.end, m.text, m.entity)
        return self._nearest_subject(cue)

    def _antecedent(self, pron: Mention) -> Speaker | None:
        for m in reversed(self.mentions):
            if m.end <= pron.start and m.entity == pron.entity and m.link != "pronoun":
                return Speaker(m.start, m.end, m.text, m.entity)
        return None

    def _nearest_subject(self, cue: Cue, same_sentence: bool = False) -> Speaker | None:
        """Without the actor stage: the last noun subject before the pronoun, in its paragraph."""
        doc = self.doc
        tok = cue.pronoun_tok if cue.pronoun_tok is not None else cue.verb
        para = self.para_of(doc[tok].idx)
        _, s_lo, _ = self.sent_of(tok)
        for k in range(tok - 1, -1, -1):
            t = doc[k]
            if same_sentence and k < s_lo:
                break
            if self.para_of(t.idx) < para - 1:
                break
            if self.in_quote[k]:
                continue
            if t.dep_ == "nsubj" and t.pos_ in ("PROPN", "NOUN") and t.lower_ not in PRONOUNS:
                _, lo, hi = self.sent_of(k)
                p = np_from_head(doc, k, lo, hi)
                if number_of(doc, p) == cue.pronoun:
                    return self._speaker(p)
        return None


def extract_quotes(doc: Doc, lexicon: Lexicon | None = None) -> list[Quote]:
    """The quotes of a parsed Doc, with ids q1, q2, ... in text order."""
    if not doc.text.strip():
        return []
    return QuoteExtractor(doc, lexicon).extract()

