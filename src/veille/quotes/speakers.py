"""Speakers in text order: pronouns and cue-less quotes refer back to the history of who spoke."""

from __future__ import annotations

from veille.model import Mention, Speaker
from veille.quotes.index import DocIndex
from veille.quotes.phrases import (
    PRONOUNS,
    Phrase,
    covering,
    entity_of,
    gender_of,
    np_from_head,
    number_of,
)
from veille.quotes.records import Candidate, Cue, Said


class SpeakerResolver(DocIndex):
    """Gives each quote candidate its Speaker, keeping the history of who spoke."""

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
