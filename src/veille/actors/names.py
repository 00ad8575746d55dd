"""Name normalisation: folding for lookups, slugs for corpus entity ids."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces: the lookup key of a name."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(plain.split())


def slug(text: str) -> str:
    """`Jean-Noël Dupont` -> `jean-noel-dupont`."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")


def corpus_id(name: str) -> str:
    """Id of an entity absent from the knowledge base: same name, same id, in every document."""
    return f"ent:{slug(name)}"
