"""Per-document indexes the quote finder works on: tokens inside quotes, sentences that never
cut a quote, paragraphs."""

from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX, IS_SPACE, LEMMA, LOWER, ORTH
from spacy.tokens import Doc

from veille.model import Mention
from veille.quotes.lexicon import Lexicon, load_lexicon
from veille.quotes.marks import find_marked
from veille.quotes.phrases import (
    speaker_words,
)
from veille.quotes.records import END_PUNCT


class DocIndex:
    """A parsed Doc with its quoted spans, sentence and paragraph indexes."""

    def __init__(self, doc: Doc, lexicon: Lexicon | None = None, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token: read it once
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
        """Per-token arrays, read in one pass over the Doc (each Token read costs an object)."""
        starts: list[int] = []
        texts: list[str] = []
        lowers: list[str] = []
        lemmas: list[str] = []
        spaces: list[bool] = []
        strings = self.doc.vocab.strings
        seen: dict[int, str] = {}  # string hash -> string, as transformed for each column
        seen_low: dict[int, str] = {}
        seen_lemma: dict[int, str] = {}
        for idx, orth, low, lemma, space in self.doc.to_array([IDX, ORTH, LOWER, LEMMA, IS_SPACE]).tolist():
            starts.append(idx)
            text = seen.get(orth)
            if text is None:
                text = seen[orth] = strings[orth]
            texts.append(text)
            text = seen_low.get(low)
            if text is None:
                text = seen_low[low] = strings[low].replace("’", "'")
            lowers.append(text)
            text = seen_lemma.get(lemma)
            if text is None:
                text = seen_lemma[lemma] = strings[lemma].lower()
            lemmas.append(text)
            spaces.append(bool(space))
        self.tok_starts = starts
        self.tok_text = texts
        self.tok_lower = lowers  # lower-cased, ’ as '
        self.tok_lemma = lemmas  # lower-cased
        self.tok_space = spaces
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
        texts = self.tok_text
        n = len(texts)
        in_quote = self.in_quote
        for i, (text, space) in enumerate(zip(texts, self.tok_space, strict=True)):
            if in_quote[i]:
                continue
            if space and "\n" in text:
                bounds.append(i + 1)
            elif text in END_PUNCT:
                nxt = i + 1
                # a closing mark glued after the period belongs to this sentence
                while nxt < n and texts[nxt] in ("»", '"', "'", "”", ")") and not in_quote[nxt]:
                    nxt += 1
                bounds.append(nxt)
        bounds.append(n)
        bounds = sorted(set(bounds))
        self.sent_starts = bounds[:-1]
        self.sent_bounds = list(zip(bounds[:-1], bounds[1:], strict=False))

    def sent_of(self, tok: int) -> tuple[int, int, int]:
        k = bisect.bisect_right(self.sent_starts, tok) - 1
        k = max(k, 0)
        lo, hi = self.sent_bounds[k]
        return k, lo, hi

    def _paragraphs(self) -> None:
        # the C-level scan: a Python loop over every character cost ~1 ms per article
        self.para_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

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
