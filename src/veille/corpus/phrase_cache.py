"""A disk cache of how spaCy's tokenizer splits the phrases of veille's matchers.

The actors component builds its phrase matchers from about 4,000 strings (the knowledge base's
names and their variants, titles, group words). The tokenizer meets each for the first time in
every process, so splitting them took about half a second of every start-up. A phrase's split
depends only on the tokenizer: `Phrases(nlp)` keeps the words and spaces of every phrase
in the cache folder (`regex_cache.cache_dir()`), one file per tokenizer (keyed by the spaCy
version, the model and a fingerprint of its rules), and rebuilds each Doc from them
(`Doc(vocab, words, spaces)`: the ORTH and LOWER values the matchers read are those of the
words). On every load a sample of the phrases is split again and compared; any difference,
damage or missing file falls back to the tokenizer; phrases the file lacks (a knowledge base
edited since) are split and the file written again.
"""

from __future__ import annotations

import hashlib
import json
import os
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
    """Docs of phrases as `nlp.make_doc` makes them, from the cache file of this tokenizer when
    it holds them; the phrases it did not hold are split and added by `save()`."""

    def __init__(self, nlp: Language, directory: Path | None = None):
        self.nlp = nlp
        key = hashlib.sha256(f"{_FORMAT}\x00{tokenizer_fingerprint(nlp)}".encode()).hexdigest()[:32]
        self.path = (directory or cache_dir()) / f"phrases-{key}.json"
        loaded = self._load()
        self.from_cache = loaded is not None
        self.splits: dict[str, tuple[list[str], list[bool]]] = loaded or {}
        self.added = 0  # phrases split by the tokenizer since loading

    def _load(self) -> dict[str, tuple[list[str], list[bool]]] | None:
        if os.environ.get("VEILLE_NO_PHRASE_CACHE"):
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            splits = {t: (list(words), [bool(s) for s in spaces]) for t, (words, spaces) in data.items()}
            texts = sorted(splits)
            for text in texts[::max(1, len(texts) // SAMPLE)]:
                if _split(self.nlp.make_doc(text)) != splits[text]:
                    return None
            return splits
        except Exception:  # missing, damaged or stale: split them again
            return None

    def doc(self, text: str) -> Doc:
        found = self.splits.get(text)
        if found is None:
            doc = self.nlp.make_doc(text)
            self.splits[text] = _split(doc)
            self.added += 1
            return doc
        words, spaces = found
        return Doc(self.nlp.vocab, words=words, spaces=spaces)

    def save(self) -> None:
        """Write the cache file if phrases were added (sorted: the same phrases, the same file)."""
        if self.added and not os.environ.get("VEILLE_NO_PHRASE_CACHE"):
            payload = json.dumps({t: self.splits[t] for t in sorted(self.splits)}, ensure_ascii=False)
            write_atomically(self.path, payload.encode("utf-8", "surrogatepass"))
            self.added = 0
