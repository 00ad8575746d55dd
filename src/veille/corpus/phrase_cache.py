"""A disk cache of how spaCy's tokenizer splits the phrases of veille's matchers.

The actors component builds its phrase matchers from about 7,000 strings (the knowledge base's
names and their variants, titles, group words). The tokenizer meets each for the first time in
every process, so splitting them took about half a second of every start-up. A phrase's split
depends only on the tokenizer: `Phrases(nlp, texts)` keeps the words and spaces of every phrase
in the cache folder (`regex_cache.cache_dir()`), keyed by the spaCy version, the model, a
fingerprint of its tokenizer's rules and the phrases, and rebuilds each Doc from them
(`Doc(vocab, words, spaces)`: the ORTH and LOWER values the matchers read are those of the
words). On every load a sample of the phrases is split again and compared; any difference,
damage or missing file falls back to the tokenizer, which writes the cache again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from veille.corpus.regex_cache import cache_dir, write_atomically

_FORMAT = 1
SAMPLE = 24  # phrases split again on each load, spread over the sorted list


def _pattern(fn: Any) -> str:
    """The regex behind a tokenizer callable (a bound `search`/`finditer`/`match`), if any."""
    owner = getattr(fn, "__self__", None)
    return str(getattr(owner, "pattern", "")) if owner is not None else repr(fn)


def tokenizer_fingerprint(nlp: Language) -> str:
    tok: Any = nlp.tokenizer
    parts = [spacy.__version__, nlp.meta.get("lang", ""), nlp.meta.get("name", ""), nlp.meta.get("version", ""),
             json.dumps(sorted((tok.rules or {}).items()), ensure_ascii=False, default=str)]
    parts += [_pattern(getattr(tok, a, None)) for a in ("prefix_search", "suffix_search", "infix_finditer",
                                                        "token_match", "url_match")]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _split(doc: Doc) -> tuple[list[str], list[bool]]:
    return [t.text for t in doc], [bool(t.whitespace_) for t in doc]


class Phrases:
    """The Docs of these phrases as `nlp.make_doc` makes them, from the cache when it holds."""

    def __init__(self, nlp: Language, texts: Iterable[str], directory: Path | None = None):
        self.nlp = nlp
        self.texts = sorted(set(texts))
        key = hashlib.sha256(json.dumps([_FORMAT, tokenizer_fingerprint(nlp), self.texts],
                                        ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self.path = (directory or cache_dir()) / f"phrases-{key}.json"
        self.splits = self._load()
        self.from_cache = self.splits is not None
        if self.splits is None:
            self.splits = {t: _split(nlp.make_doc(t)) for t in self.texts}
            self._save()

    def _load(self) -> dict[str, tuple[list[str], list[bool]]] | None:
        if os.environ.get("VEILLE_NO_PHRASE_CACHE"):
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["texts"] != self.texts or len(data["splits"]) != len(self.texts):
                return None
            splits = {t: (list(words), [bool(s) for s in spaces]) for t, (words, spaces)
                      in zip(self.texts, data["splits"], strict=True)}
            step = max(1, len(self.texts) // SAMPLE)
            for text in self.texts[::step]:
                if _split(self.nlp.make_doc(text)) != splits[text]:
                    return None
            return splits
        except Exception:  # missing, damaged or stale: split them again
            return None

    def _save(self) -> None:
        assert self.splits is not None
        payload = json.dumps({"texts": self.texts, "splits": [self.splits[t] for t in self.texts]},
                             ensure_ascii=False)
        write_atomically(self.path, payload.encode("utf-8", "surrogatepass"))

    def doc(self, text: str) -> Doc:
        found = self.splits.get(text) if self.splits is not None else None
        if found is None:
            return self.nlp.make_doc(text)
        words, spaces = found
        return Doc(self.nlp.vocab, words=words, spaces=spaces)
