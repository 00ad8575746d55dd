"""Speech cues in a Doc: cue verbs with their auxiliary and subject clitic, phrases, `selon X`,
and the phrase naming each cue's speaker (inverted incise, preverbal subject, passive agent)."""

from __future__ import annotations

from spacy.tokens import Token

from veille.quotes.index import DocIndex
from veille.quotes.phrases import (
    PRONOUNS,
    SUBJECT_CLITICS,
    Phrase,
    is_time_word,
    np_after,
    np_from_head,
    np_span,
)
from veille.quotes.records import (
    AUX_LEMMAS,
    DASHES,
    MEDIUM_PREPS,
    NEGATION,
    OBJECT_CLITICS,
    QUE,
    REFLEXIVE,
    Cue,
)


class CueFinder(DocIndex):
    """Finds the cues of a document and the speaker phrase of each."""

    def find_cues(self) -> list[Cue]:
        cues: list[Cue] = []
        doc = self.doc
        skip_to = 0
        may_cue = self.lex.may_cue
        in_quote = self.in_quote
        for i, (low, lemma) in enumerate(zip(self.tok_lower, self.tok_lemma, strict=True)):
            if i < skip_to or in_quote[i] or not may_cue(low, lemma):
                continue
            t = doc[i]
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
            # `le président, selon qui ...`, `la ministre, pour qui ...`: the antecedent speaks
            if doc[t.i + 1].lower_ == "qui" and t.i > 0 and doc[t.i - 1].lower_ == ",":
                entry = next((e for e in entries if len(e.words) == 1), None)
                if entry is not None:
                    cue = Cue(t.i, t.i + 2, t.i, entry, t.text)
                    cue.relative = True
                    return cue
            return None
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
        if entry.kind == "verb" and entry.reflexive_only and not self._reflexive_before(t.i):
            return None
        if t.pos_ in ("NOUN", "ADJ") and phrase_end is None and low not in self.lex.verb_forms:
            return None
        start, clitic = self._group_left(t.i)
        has_aux = any(self.doc[k].lemma_ in AUX_LEMMAS or self.doc[k].lower_ in REFLEXIVE for k in range(start, t.i))
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and not has_aux and clitic is None and phrase_end is None:
            nxt = self.doc[t.i + 1].lower_ if t.i + 1 < len(self.doc) else ""
            prev = self.doc[t.i - 1] if t.i > 0 else None
            subject_before = prev is not None and prev.pos_ in ("NOUN", "PROPN") and (
                nxt in QUE or nxt in ("à", "au", "aux", "de", "d'", "d’")
                or entry.object and t.i + 1 < len(self.doc) and self.doc[t.i + 1].pos_ == "DET")
            if not (nxt in SUBJECT_CLITICS or nxt == "-t" or subject_before
                    or prev is not None and (prev.text in DASHES or self._closes_mark(prev.i))):
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
        cue.passive = entry.id != "convenir" and any(self.doc[k].lemma_ == "être" and self.doc[k].dep_ == "aux:pass"
                                                     for k in range(start, t.i)) or (
            any(self.doc[k].lower_ in ("été", "est", "sont", "fut") for k in range(start, t.i))
            and entry.id not in ("indigner", "inquiéter", "féliciter", "exclamer", "écrier", "emporter",
                                 "réjouir", "plaindre", "étonner", "alarmer", "agacer", "offusquer",
                                 "désoler", "enthousiasmer", "vanter", "targuer", "exprimer", "interroger",
                                 "se dire", "convenir")
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
        if k >= 0 and doc[k].lower_ in REFLEXIVE:
            return None  # `s'assurer que`: another sense
        # `pour réclamer`, `afin de rappeler`, `se contentant d'annoncer`: the speaker is the
        # subject of the clause the infinitive depends on
        entry = self.lex.verb_entry(doc[i].lower_, doc[i].lemma_.lower())
        if entry is not None and entry.incise_only:
            return None
        if k >= 0 and doc[k].lower_ == "pour" or k >= 1 and doc[k].lower_ in ("de", "d'", "d’") and (
                doc[k - 1].lower_ == "afin" or doc[k - 1].pos_ in ("VERB", "AUX")):
            return i
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
        return any(self.doc[k].lower_ in REFLEXIVE for k in range(max(0, i - 4), i))

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
            if tok.lemma_ in AUX_LEMMAS and tok.pos_ in ("AUX", "VERB") or low in ("a", "ont", "avait", "avaient",
                                                                                   "est", "sont", "été"):
                start = k
                k -= 1
                continue
            if low in REFLEXIVE or low in NEGATION:
                start = k
                k -= 1
                continue
            if low in ("ailleurs", "nouveau") and k >= 1 and doc[k - 1].lower_ in ("par", "de", "à"):
                k -= 2  # `a par ailleurs assuré`, `a de nouveau réclamé`
                continue
            if tok.pos_ == "ADV" or low in skippable and low != ",":
                k -= 1
                continue
            if low == "part" and k >= 2 and doc[k - 2].lower_ == "pour" or \
                    low == "côté" and k >= 2 and doc[k - 2].lower_ == "de":
                k -= 3  # `a pour sa part souligné`, `a de son côté estimé`
                continue

            break
        return start, clitic

    def _cue_text(self, start: int, end: int) -> str:
        parts: list[str] = []
        doc = self.doc
        for k in range(start, end):
            tok = doc[k]
            if tok.pos_ == "ADV" and tok.lower_ not in NEGATION or tok.is_space:
                continue
            if tok.lower_ == "pour" and k + 2 < end and doc[k + 2].lower_ == "part" or \
                    tok.lower_ == "part" and k >= 2 and doc[k - 2].lower_ == "pour" or \
                    k >= 1 and doc[k - 1].lower_ == "pour" and k + 1 < end and doc[k + 1].lower_ == "part":
                continue  # `a pour sa part souligné` -> `a souligné`
            if k + 1 < end and (tok.lower_ == "par" and doc[k + 1].lower_ == "ailleurs"
                                or tok.lower_ in ("de", "à") and doc[k + 1].lower_ == "nouveau") \
                    or tok.lower_ == "nouveau":
                continue  # `a par ailleurs assuré`, `a de nouveau réclamé`
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
                    while s > j and k - s < 4 and doc[s - 1].lower_ not in MEDIUM_PREPS:
                        s -= 1
                    if s == j or doc[s - 1].lower_ not in MEDIUM_PREPS:
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
            if cue.entry.kind == "preposition" and cue.relative:
                k = cue.start - 2
                while k >= lo and doc[k].pos_ not in ("NOUN", "PROPN"):
                    k -= 1
                if k >= lo:
                    while doc[k].dep_ in ("flat:name", "flat", "amod") and lo <= doc[k].head.i < k:
                        k = doc[k].head.i  # `Paul Marty`: from the last name to the head of the name
                    cue.speaker = np_from_head(doc, k, lo, cue.start - 1)
                cue.region = (cue.end, self._clause_end(cue.end, hi))
                continue
            if cue.entry.kind == "preposition":
                k = cue.end
                e = k
                while e < hi and doc[e].lower_ not in (",", ".", ":", ";", "«", "»", '"', "!", "?") \
                        and not doc[e].is_space and not self.in_quote[e]:
                    e += 1
                e = self._apposition_end(e, hi)
                p = np_span(doc, k, e)
                if p is not None and doc[p.head].lower_ in self.words["legal_texts"]:
                    continue  # `selon l'article 12 de la Constitution`: a rule is cited, no one speaks
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
                glued = lo < cue.start and self._closes_mark(cue.start - 1)  # `une « avancée » selon X.`
                if lo < cue.start and (doc[cue.start - 1].lower_ == "," or glued) and (rest < 2 or relative):
                    cue.region = (lo, cue.start if glued else cue.start - 1)  # `..., selon X.`
                    cue.inverted = True
                else:
                    cue.region = (e + 1 if e < hi and doc[e].lower_ == "," else e, hi)
                continue
            cue.medium = self._medium_after(cue.end, hi)
            before = cue.start - 1
            prev = doc[before] if before >= 0 else None
            after_mark = prev is not None and (prev.text in DASHES or self._closes_mark(before))
            if cue.pronoun is not None and after_mark:
                cue.inverted = True
                if doc[cue.pronoun_tok or 0].lower_ == "-on" and cue.medium:
                    # `peut-on lire dans le communiqué`: the document speaks
                    p = self._medium_phrase(cue.end, hi)
                    if p is not None:
                        cue.speaker, cue.pronoun, cue.pronoun_tok = p, None, None
            elif cue.pronoun is None and self._cleft_start(cue.start) is not None:
                # `« ... », c'est ce qu'a déclaré X`: the subject of a cleft relative is inverted
                p = np_after(doc, cue.end, hi)
                if p is not None and doc[p.start].pos_ != "ADP":
                    cue.inverted = True
                    cue.speaker = p
                    cleft = self._cleft_start(cue.start)
                    assert cleft is not None
                    cue.region = (lo, cleft)
                    continue
            elif after_mark and cue.pronoun is None and cue.participle != "present":
                p = np_after(doc, cue.end, hi)
                clause_before = self._closes_mark(before) or before > 0 and self._closes_mark(before - 1) \
                    or self._main_clause_before(lo, before)
                if p is not None and doc[p.start].pos_ != "ADP" and doc[p.start].lower_ not in ("de", "d'", "d’") \
                        and clause_before:
                    cue.inverted = True
                    cue.speaker = p
            if cue.inverted:
                if doc[cue.start - 1].text in DASHES:
                    cue.region = (lo, cue.start - 1)
                else:
                    cue.region = (lo, cue.start)
                continue
            coordinated = cue.start > lo and doc[cue.start - 1].lower_ == "et"
            if cue.participle == "past" and not coordinated and not self._followed_by_que(cue.end, hi):
                cue.passive = True  # `une rencontre qualifiée de « ... » par X`
                self._preverbal_speaker(cue, lo, hi)
                cue.region = (cue.end, self._clause_end(cue.end, hi)) if cue.speaker else None
                continue
            if cue.participle == "present" or coordinated:
                # `..., ajoutant que`, `... et a insisté`: the speaker of the clause it hangs on
                earlier = [c for c in cues if c.sentence == cue.sentence and c.verb < cue.verb
                           and c.entry.kind in ("verb", "phrase") and (c.speaker is not None or c.pronoun)]
                opens = cue.participle == "present" and all(
                    doc[k].lower_ in ("tout", "en") or doc[k].pos_ in ("ADV", "CCONJ") or doc[k].is_punct
                    or doc[k].is_space for k in range(lo, cue.start))
                if earlier and (coordinated or doc[cue.start - 1].lower_ in (",", "en")):
                    cue.speaker, cue.pronoun, cue.pronoun_tok = (earlier[-1].speaker, earlier[-1].pronoun,
                                                                 earlier[-1].pronoun_tok)
                elif opens and self._main_subject(cue, lo, hi) is not None:
                    # `Tout en reconnaissant que ..., elle a salué`: the subject of the main clause
                    subj = self._main_subject(cue, lo, hi)
                    assert subj is not None
                    if doc[subj].lower_ in PRONOUNS:  # `..., elle a remercié`: who the pronoun continues
                        if cue.sentence > 0:
                            self._previous_subject(cue, cues)
                        if cue.speaker is None and cue.pronoun is None:
                            cue.pronoun, cue.pronoun_tok = PRONOUNS[doc[subj].lower_], subj
                    else:
                        cue.speaker, cue.pronoun, cue.pronoun_tok = np_from_head(doc, subj, lo, hi), None, None
                elif opens and cue.sentence > 0:
                    # `Tout en précisant que ...` opening a sentence: the subject of the previous one
                    self._previous_subject(cue, cues)
                else:
                    self._preverbal_speaker(cue, lo, hi)
                cue.region = (cue.end, self._clause_end(cue.end, hi))
                continue
            if cue.pronoun is not None and cue.pronoun_tok is not None and cue.pronoun_tok < cue.verb:
                pass  # `a-t-il déclaré` in a question-like order without a comma: rare
            self._preverbal_speaker(cue, lo, hi)
            cue.region = (cue.end, self._clause_end(cue.end, hi))

    def _main_subject(self, cue: Cue, lo: int, hi: int) -> int | None:
        """The subject of the main clause a sentence-opening gerund depends on, if any."""
        doc = self.doc
        root = next((k for k in range(lo, hi) if doc[k].dep_ == "ROOT"), None)
        if root is None or root == cue.verb or doc[root].pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
            return None
        for child in doc[root].children:
            k = child.i
            if child.dep_ == "nsubj" and k >= cue.end and not self.in_quote[k] and (
                    child.pos_ in ("NOUN", "PROPN") or child.lower_ in PRONOUNS):
                return k
        return None

    def _previous_subject(self, cue: Cue, cues: list[Cue]) -> None:
        doc = self.doc
        prev = [c for c in cues if c.sentence == cue.sentence - 1 and c.entry.kind in ("verb", "phrase")
                and (c.speaker is not None or c.pronoun)]
        if prev:
            cue.speaker, cue.pronoun, cue.pronoun_tok = prev[-1].speaker, prev[-1].pronoun, prev[-1].pronoun_tok
            return
        _, lo, hi = self.sent_of(self.sent_of(cue.start)[1] - 1)
        root = next((k for k in range(lo, hi) if doc[k].dep_ == "ROOT" and doc[k].pos_ in ("VERB", "AUX")), None)
        if root is None:
            return
        subj = self._parse_subject(doc[root], lo, strict=True)
        if subj is None or self.in_quote[subj] or doc[subj].pos_ not in ("NOUN", "PROPN", "PRON"):
            return
        if doc[subj].lower_ in PRONOUNS:
            cue.pronoun, cue.pronoun_tok = PRONOUNS[doc[subj].lower_], subj
        elif doc[subj].pos_ != "PRON":
            cue.speaker = np_from_head(doc, subj, lo, root)

    def _cleft_start(self, i: int) -> int | None:
        """`c'est ce qu'` (or `voilà ce que`) right before token i: the token where it starts."""
        doc = self.doc
        if i < 3 or doc[i - 1].lower_.replace("’", "'") not in ("qu'", "que") or doc[i - 2].lower_ != "ce":
            return None
        k = i - 3
        if doc[k].lower_ in ("voilà", "voici"):
            return k
        while k > 0 and doc[k].pos_ == "ADV":
            k -= 1  # `c'est en tout cas ce qu'`: rare, kept simple
        if k >= 1 and doc[k].lower_ in ("est", "était") and doc[k - 1].lower_.replace("’", "'") in ("c'", "ce"):
            return k - 1
        return None

    def _apposition_end(self, e: int, hi: int) -> int:
        """`Pour Léa Roux, chercheuse à l'Inserm, ...`: past an apposition closed by a comma."""
        doc = self.doc
        if e >= hi or doc[e].lower_ != "," or e + 1 >= hi or doc[e + 1].pos_ not in ("NOUN", "DET", "ADJ", "PROPN"):
            return e
        k = e + 1
        while k < hi and doc[k].lower_ not in (",", ".", ":", ";") and k - e <= 15:
            t = doc[k]
            if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) or t.lower_ in QUE or self.in_quote[k]:
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
        return i < hi and doc[i].lower_ in QUE

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
        if subj is None and (verb.lower_.endswith(("er", "ir", "re")) or verb.lower_.endswith("ant")):
            # an infinitive or a participle: the subject of the sentence so far
            subj = next((k for k in range(cue.start - 1, lo - 1, -1) if doc[k].dep_ == "nsubj"
                         and doc[k].pos_ in ("NOUN", "PROPN", "PRON") and not self.in_quote[k]), None)
        if subj is not None and doc[subj].lower_ == "tout" and subj + 1 < len(doc) and doc[subj + 1].lower_ == "en":
            # `Tout en reconnaissant que ..., Trump a souligné`: `tout` opens a gerund, the subject follows
            subj = next((k for k in range(subj + 2, cue.start) if doc[k].dep_ == "nsubj" and doc[k].head.i == verb.i
                         and not self.in_quote[k]), None)
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
        cue.speaker = self._with_apposition(np_from_head(doc, subj, lo, cue.start), cue)

    def _with_apposition(self, p: Phrase, cue: Cue) -> Phrase:
        """`Ses auteurs, des experts mandatés par l'ONU, ont noté`: the noun phrase between commas
        before the verb renames the subject and belongs to the speaker phrase; `La ministre,
        lundi, a affirmé`: a date between commas does not."""
        doc = self.doc
        commas = [j for j in range(p.head + 1, p.end) if doc[j].text == ","]
        if commas and all(is_time_word(doc[j]) or doc[j].like_num for j in range(commas[-1] + 1, p.end)
                          if not doc[j].is_punct):
            return Phrase(p.start, commas[-1], p.head)
        if p.end >= cue.start or doc[p.end].text != ",":
            return p
        k = cue.start - 1
        while k > p.end and (doc[k].pos_ in ("AUX", "ADV") or doc[k].is_space):
            k -= 1
        if k <= p.end + 1 or doc[k].text != ",":
            return p
        inner = range(p.end + 1, k)
        if doc[p.end + 1].pos_ not in ("DET", "NOUN", "PROPN") or any(
                doc[j].text in (",", ";", ":") or self.in_quote[j] or doc[j].lower_ in ("qui", "que", "qu'", "qu’")
                or "Fin" in doc[j].morph.get("VerbForm", []) or is_time_word(doc[j]) for j in inner):
            return p  # `La ministre, lundi, a affirmé`: a date, not a second name
        if not any(doc[j].dep_ in ("nsubj", "appos") and doc[j].head.i in (p.head, cue.verb) for j in inner):
            return p
        return Phrase(p.start, k, p.head)

    def _parse_subject(self, verb: Token, lo: int, strict: bool = False) -> int | None:
        """Token index of the subject of a (non-inverted) cue verb."""
        seen = set()
        tok: Token | None = verb
        while tok is not None and tok.i not in seen:
            seen.add(tok.i)
            anywhere = tok.i != verb.i or verb.lower_.endswith("ant")
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubj:pass") and lo <= child.i and (child.i < verb.i or anywhere) \
                        and child.lower_ not in OBJECT_CLITICS and not self.in_quote[child.i]:
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
                k >= lo and self.doc[k].lower_ in REFLEXIVE | NEGATION | OBJECT_CLITICS | {","}):
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
