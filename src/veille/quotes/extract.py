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

from spacy.tokens import Doc, Token

from veille.model import Quote, QuoteKind
from veille.pipeline import doc_text
from veille.quotes.cues import CueFinder
from veille.quotes.lexicon import Lexicon
from veille.quotes.marks import Marked
from veille.quotes.phrases import (
    Phrase,
    covering,
    is_time_word,
    np_after,
    np_from_head,
    skip_adjunct,
)
from veille.quotes.records import (
    DASHES,
    END_PUNCT,
    NAME_TOKENS,
    NEGATION,
    QUE,
    REFLEXIVE,
    SHORT_TOKENS,
    Candidate,
    Cue,
)
from veille.quotes.speakers import SpeakerResolver


class QuoteExtractor(CueFinder, SpeakerResolver):
    """Finds the quotes of one Doc; `mentions` are the actor stage's (or None)."""

    def extract(self) -> list[Quote]:
        cues = self.find_cues()
        self.attach_speakers(cues)
        cands = self._marked_candidates(cues)
        cands += self._indirect_candidates(cues, cands)
        cands += self._headline_statements(cands)
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
        if k < len(doc) and doc[k].text in DASHES:
            k += 1
        cleft = self._past_cleft(k)
        if cleft != k:  # `c'est ce que le médecin a répété`: a subject, then the cue
            for c in by_start.values():
                if c.speaker is not None and c.speaker.start == cleft and c.start == c.speaker.end:
                    return c
        k = cleft
        for j in range(k, min(k + 3, len(doc))):
            cue = by_start.get(j)
            if cue is not None and cue.inverted:
                return cue
            if doc[j].pos_ not in ("ADV",):
                break
        return None

    def _past_cleft(self, k: int) -> int:
        """`« ... », c'est ce qu'a déclaré X`, `« ... ». C'est ce qu'a dit X.`: the cue after the
        cleft words, else k."""
        doc = self.doc
        j = k
        if j < len(doc) and doc[j].text in (",", "."):
            j += 1
        while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
            j += 1
        words: list[str] = []
        while j < len(doc) and len(words) < 4:
            words.append(doc[j].lower_.replace("’", "'"))
            j += 1
        if words in (["c'", "est", "ce", "qu'"], ["c'", "est", "ce", "que"]):
            return j
        if words[:3] in (["voilà", "ce", "qu'"], ["voilà", "ce", "que"]):
            return j - 1
        return k

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
                doc[before].is_space) or doc[before].text in END_PUNCT
            continuation = False
            how = "after" if cue else None
            if cue is None and before >= 0 and doc[before].text == ":":
                cue = self._cue_before_colon(cues, before, lo)
                how = "colon" if cue else None
            if cue is None and prev_incise is not None and before >= 0 and doc[before].text in DASHES \
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
                phrase = self._headline_speaker(lo, o)
            if cue is None and phrase is None:
                phrase = self._credit_line(m)
                if phrase is not None:
                    kind = "direct"
            if cue is None and phrase is None:
                exclaimed = self.text[m.start:m.end].rstrip()[-1:] in "!?"
                if len(inner) <= SHORT_TOKENS and not finite and not exclaimed and not (opens_sentence and ends_sentence):
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

    def _headline_speaker(self, lo: int, o: int) -> Phrase | None:
        """`Macron à Trump : on ne peut pas ...`, `Zelensky : « ... »`: a name opening the sentence,
        then a colon, speaks what follows."""
        doc = self.doc
        k = lo
        while k < o and (doc[k].is_space or doc[k].is_punct and doc[k].text != ":"):
            k += 1
        start = k
        while k < o and k - start <= 6 and doc[k].text != ":":
            if doc[k].pos_ in ("VERB", "AUX") and not doc[k].text[:1].isupper():
                return None
            k += 1
        if k >= o or doc[k].text != ":" or k == start or doc[start].pos_ != "PROPN":
            return None
        end = start + 1
        while end < k and (doc[end].pos_ == "PROPN" or doc[end].text == "-"):
            end += 1
        return Phrase(start, end, start)

    def _headline_statements(self, cands: list[Candidate]) -> list[Candidate]:
        """`Macron à Trump : on ne peut pas ...`: a line opening with a person's name (and maybe
        `à` + whom), a colon, then unquoted words, reports what that person says."""
        doc, text = self.doc, self.text
        out: list[Candidate] = []
        taken = [(c.start, c.end) for c in cands]
        for lo, hi in self.sent_bounds:
            k = lo
            while k < hi and doc[k].is_space:
                k += 1
            if k >= hi or self.para_start_char(doc[k].idx) != doc[k].idx:
                continue  # only a sentence that opens its line
            if k + 1 < hi and doc[k].lower_ == "date" and doc[k + 1].text[:1].isdigit():
                k += 1  # the ` date 2025-06` line head of a scraped page
                while k < hi and (doc[k].text[:1].isdigit() or doc[k].text == "-"):
                    k += 1
            if k >= hi:
                continue
            who = next((mm for mm in self.mentions or [] if mm.start == doc[k].idx and mm.type == "PER" and mm.entity), None)
            if who is None:
                continue
            name_end = self.tok_after(who.end)
            colon = next((j for j in range(name_end, min(hi, name_end + 5)) if doc[j].text == ":"), None)
            if colon is None or colon > name_end and doc[name_end].lower_ not in ("à", "au", "aux") or any(
                    doc[j].pos_ in ("VERB", "AUX") for j in range(name_end, colon)):
                continue  # `Gaza : ...` or `Macron a dit :` are not this form
            start = colon + 1
            while start < hi and doc[start].is_space:
                start += 1
            end = hi
            line_end = text.find("\n", doc[start].idx) if start < hi else -1
            while end > start and (doc[end - 1].is_space or doc[end - 1].text in END_PUNCT
                                   or line_end >= 0 and doc[end - 1].idx >= line_end):
                end -= 1
            if end - start < 3 or any(self.in_quote[j] for j in range(start, end)):
                continue
            cs, ce = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            if any(s <= cs < e for s, e in taken):
                continue
            out.append(Candidate(cs, ce, "indirect", None, self.para_of(cs),
                                 phrase=Phrase(k, name_end, name_end - 1)))
        return out

    def _credit_line(self, m: Marked) -> Phrase | None:
        """A quote that fills its line, next to a line that only names someone (`Jeanne Roy,
        maire de Brest`): the credit of an embedded post or a pull quote, after it (else before)."""
        text = self.text
        line_start = text.rfind("\n", 0, m.open) + 1
        line_end = text.find("\n", m.close)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:m.open].strip() or text[m.close:line_end].strip(" \t\u00a0.!?…"):
            return None
        after = self._credit_at(line_end + 1)
        if after is not None:
            return after
        if line_start >= 2:
            prev_start = text.rfind("\n", 0, line_start - 1) + 1
            return self._credit_at(prev_start, before_quote=True)
        return None

    def _credit_at(self, start: int, before_quote: bool = False) -> Phrase | None:
        """The line at char `start` when it is only a person's name, maybe with `, title`."""
        doc, text = self.doc, self.text
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if not line or len(line) > 120 or line[-1] in ".:;!?»\"”" or line[0] in "«\"“”":
            return None
        s, e = self.tok_after(start), self.tok_after(end)
        toks = [doc[k] for k in range(s, e) if not doc[k].is_space]
        if not toks or len(toks) > 14 or any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in toks):
            return None
        first = toks[0].idx
        named = [mm for mm in (self.mentions or []) if mm.start == first and mm.type == "PER" and mm.entity]
        if not named and not (toks[0].pos_ == "PROPN" and len(toks) > 1 and toks[1].pos_ == "PROPN"):
            return None
        if before_quote and self.mentions is None:
            return None
        name_end = toks[0].i + 1
        while name_end < e and (doc[name_end].pos_ == "PROPN" or doc[name_end].text == "-"):
            name_end += 1
        if named:
            name_end = max(name_end, self.tok_after(named[0].end))
        if name_end < e and doc[name_end].text != ",":
            return None  # a name, then something that is not an apposition
        return Phrase(toks[0].i, toks[-1].i + 1, toks[0].i)

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
            if c.entry.kind == "verb" and c.entry.incise_only and not (
                    0 <= o - c.end <= 6 and all(self.doc[j].pos_ not in ("VERB", "AUX") or self._governed_infinitive(j)
                                                for j in range(c.end, o))
                    and all(self.doc[j].pos_ != "ADP" or self.doc[j].lower_ in ("à", "au", "aux", "de", "d'", "d’")
                            for j in range(c.end, o))):
                continue  # `a lancé à son homologue un « ... »`, not `a lancé une offensive qualifiée ...`
            if c.region[0] <= o < c.region[1] + 1:
                best = c
        if best is not None and not best.entry.incise_only:
            return best
        # `les deux parties sont convenues de conclure « ... », selon le communiqué`: the source
        # named by `selon` outranks a weak cue (`convenir`, `appeler`)
        for c in in_sentence:
            if c.entry.kind == "preposition" and c.region is not None and c.region[0] <= o < c.region[1] + 1:
                return c
        return best

    def _governed_infinitive(self, j: int) -> bool:
        """`ont convenu DE TRAVAILLER à « ... »`: an infinitive complement of the cue."""
        doc = self.doc
        return "Inf" in doc[j].morph.get("VerbForm", []) and j > 0 and doc[j - 1].lower_ in ("de", "d'", "d’", "à")

    def _ends_sentence(self, m: Marked, hi: int) -> bool:
        doc = self.doc
        if self.text[m.start:m.end].rstrip()[-1:] in ".!?…":
            return True
        k = self.tok_after(m.close)
        while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
            k += 1
        return k >= hi or k >= len(doc) or doc[k].text in END_PUNCT or doc[k].is_space

    def _name_like(self, m: Marked, inner: list[Token], opens_sentence: bool, finite: bool) -> bool:
        """`la « Coalition des volontaires »`: a short capitalised noun phrase used as a name."""
        if not inner or len(inner) > NAME_TOKENS or finite or opens_sentence:
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
            if c.entry.kind == "preposition" and not c.relative and any(
                    o.sentence == c.sentence and o.entry.kind == "verb" and not o.inverted and o.speaker is not None
                    and not o.entry.incise_only and o.region is not None and self._complement(o) is not None
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
            agent = self._statement_agent(start, end) if c.entry.kind == "preposition" else None
            out.append(Candidate(cs, ce, "indirect", c, self.para_of(cs), phrase=agent))
        return out

    def _statement_agent(self, start: int, end: int) -> Phrase | None:
        """`La notification du retrait a été faite par le gouvernement, selon l'AFP`: a statement
        with its own agent; the agency only reports it, the agent speaks."""
        doc = self.doc
        for k in range(start, end):
            t = doc[k]
            if self.in_quote[k] or t.dep_ != "nsubj:pass" or t.lower_ not in self.words["speech_nouns"]:
                continue
            for j in range(k + 1, end):
                if self.in_quote[j] or doc[j].text in (";", ":"):
                    break
                if doc[j].lower_ == "par":
                    return np_after(doc, j + 1, end)
        return None

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
            if low in ("en", "tout") and k + 2 < hi and any(
                    doc[j].lower_.endswith("ant") and doc[j].pos_ in ("VERB", "AUX") for j in (k + 1, k + 2)):
                break  # `a défendu son budget, tout en ajoutant que ...`: the gerund has its own content
            if low in QUE and first is not None and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
                break  # `accuse le Pakistan de soutenir le groupe QU'elle ...`: a relative clause
            if low in QUE:  # the reported clause, complementizer included: `qu'il viendrait`
                return k, self._content_end(tok.head if tok.head.i > k else tok, k + 1, hi)
            adjacent = k == c.end or self._dative_run(c.end, k) or self._addressee_run(c, k) or k == c.end + 1 and doc[c.end].lower_ == "à" or all(
                doc[j].pos_ == "ADV" or doc[j].lower_ in NEGATION or is_time_word(doc[j]) for j in range(c.end, k))
            # `a affirmé SE redéployer`, `a dit NE PAS vouloir`: clitics and negation before a bare infinitive
            clitic_inf = adjacent and low in NEGATION | REFLEXIVE and self._infinitive_after(k, hi)
            to_inf = low == "à" and self._addressee_run(c, k)  # `a exhorté les clubs À respecter`
            if low in ("de", "d'", "d’") and adjacent or to_inf or clitic_inf or "Inf" in tok.morph.get("VerbForm", []) and \
                    tok.pos_ in ("VERB", "AUX") and adjacent:
                j = k + 1 if low in ("de", "d'", "d’") or to_inf else k
                while j < hi and doc[j].lower_ in NEGATION | REFLEXIVE | {"y", "en", "l'", "le", "la", "les", "lui", "leur"}:
                    j += 1
                if j < hi and _infinitive(doc[j]):
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

    def _addressee_run(self, c: Cue, k: int) -> bool:
        """Tokens [c.end, k) are the object of an `addressee` verb and k is `de` + infinitive:
        `a averti les randonneurs du massif de ne pas sortir`, `a prévenu ses alliés d'être prêts`."""
        doc = self.doc
        if not c.entry.addressee or k - c.end < 1 or k - c.end > 10 or doc[k].lower_ not in ("de", "d'", "d’", "à"):
            return False
        if doc[c.end].pos_ not in ("DET", "NOUN", "PROPN", "PRON") and doc[c.end].lower_ not in ("du", "des"):
            return False
        if not all(doc[j].pos_ in ("DET", "NOUN", "PROPN", "ADJ", "ADP", "NUM") or doc[j].lower_ in ("du", "des")
                   for j in range(c.end, k)):
            return False
        return k + 1 < len(doc) and (_infinitive(doc[k + 1]) or self._infinitive_after(k + 1, len(doc)))

    def _infinitive_after(self, k: int, hi: int) -> bool:
        """Tokens from k are clitics or negation, then an infinitive."""
        doc = self.doc
        j = k
        while j < hi and doc[j].lower_ in NEGATION | REFLEXIVE | {"y", "en", "l'", "l’", "le", "la", "les", "lui", "leur"}:
            j += 1
        return j > k and j < hi and _infinitive(doc[j])

    def _dative_run(self, start: int, k: int) -> bool:
        """Tokens [start, k) hold `à CBS News`, `aux journalistes`: a dative before `que` / `de`."""
        doc = self.doc
        return any(doc[j].lower_ in ("à", "au", "aux") and j + 1 < k and "Inf" not in doc[j + 1].morph.get("VerbForm", [])
                   for j in range(start, k)) and doc[k - 1].lower_ not in ("à", "au", "aux")

    def _content_end(self, head: Token, start: int, hi: int) -> int:
        """End of a reported clause: its parse subtree, or the clause end when they nearly agree."""
        clause_end = self._clause_end(start, hi)
        if head.pos_ not in ("VERB", "AUX", "ADJ"):
            return clause_end  # the parse did not find the reported verb
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
        while k < hi and not (doc[k].text in END_PUNCT or doc[k].is_space):
            if doc[k].lower_ == "en" and k + 1 < hi and doc[k + 1].lower_.endswith("ant") \
                    and doc[k + 1].pos_ in ("VERB", "AUX"):
                return True  # `..., a-t-il déclaré EN RECEVANT la présidence, évoquant « ... »`
            if doc[k].text in ("«", "»", '"') or doc[k].lower_ in QUE:
                return False
            k += 1
        return True

    def _cut_at_next_cue(self, cues: list[Cue], c: Cue, start: int, end: int) -> int:
        for other in cues:
            if other is c or not (start < other.start < end):
                continue
            if other.entry.kind == "verb" and self.doc[other.start - 1].lower_ in (",", "et") or \
                    other.entry.kind == "preposition" and other.inverted and self.doc[other.start - 1].lower_ == ",":
                return other.start - 1  # `..., a-t-il ajouté`, `..., selon l'AFP`: not the reported words
            if other.entry.kind == "verb" and other.start - 2 > start and self.doc[other.start - 2].lower_ == "," \
                    and self.doc[other.start - 1].lower_ in ("il", "elle", "ils", "elles", "on"):
                return other.start - 2  # `que ..., elle a salué`: a new main clause
        return end

    # -- speakers -------------------------------------------------------------------------------


def _infinitive(tok: Token) -> bool:
    """An infinitive, also when the tagger calls it a participle (`de ne pas s'APPROCHER`): a
    participle never ends in -er, -ir or -re."""
    forms = tok.morph.get("VerbForm", [])
    return "Inf" in forms or tok.pos_ in ("VERB", "AUX") and "Fin" not in forms and \
        tok.lower_.endswith(("er", "ir", "re")) and len(tok.text) > 3


def extract_quotes(doc: Doc, lexicon: Lexicon | None = None) -> list[Quote]:
    """The quotes of a parsed Doc, with ids q1, q2, ... in text order."""
    text = doc_text(doc)
    if not text.strip():
        return []
    return QuoteExtractor(doc, lexicon, text).extract()
