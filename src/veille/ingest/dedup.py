"""Near-duplicates: the same story republished with another headline, a teaser added or a
paragraph cut. MinHash/LSH (datasketch) proposes candidates; the share of word 4-grams the two
texts have in common (containment in the shorter one) decides, so a cut paragraph still matches.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # datasketch 2 asks for the hashing scheme explicitly when values are reloaded
SHINGLE = 4
CANDIDATE_THRESHOLD = 0.5  # LSH recall setting (estimated Jaccard)
CONTAINMENT = 0.8  # share of the shorter text's 4-grams found in the other one
MIN_SHINGLES = 20  # too short to call anything a duplicate of it

_WORD = re.compile(r"\w+")


def shingles(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's word 4-grams (accents and case folded)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    words = _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}
    return np.array(sorted(zlib.crc32(g.encode()) for g in grams), dtype=np.uint32)


def minhash_of(sh: np.ndarray) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
    mh.update_batch([int(x).to_bytes(4, "little") for x in sh])
    return mh


def containment(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / min(len(a), len(b))


class NearDuplicateIndex:
    """Documents seen so far; `find(text)` returns the id of a near-duplicate, if any."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        self.shingles: dict[str, np.ndarray] = {}

    def load(self, rows: Iterable[tuple[str, bytes, bytes]]) -> None:
        for doc_id, mh_bytes, sh_bytes in rows:
            mh = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME,
                         hashvalues=np.frombuffer(mh_bytes, dtype=np.uint64))
            self._add(doc_id, mh, np.frombuffer(sh_bytes, dtype=np.uint32))

    def _add(self, doc_id: str, mh: MinHash, sh: np.ndarray) -> None:
        if doc_id in self.shingles:
            return
        self.shingles[doc_id] = sh
        self.lsh.insert(doc_id, mh)

    def signature(self, text: str) -> tuple[MinHash, np.ndarray]:
        sh = shingles(text)
        return minhash_of(sh), sh

    def find(self, mh: MinHash, sh: np.ndarray) -> str | None:
        if len(sh) < MIN_SHINGLES:
            return None
        best: tuple[float, str] | None = None
        for cand in sorted(self.lsh.query(mh)):
            score = containment(sh, self.shingles[cand])
            if score >= CONTAINMENT and (best is None or score > best[0]):
                best = (score, cand)
        return best[1] if best else None

    def add(self, doc_id: str, mh: MinHash, sh: np.ndarray) -> None:
        self._add(doc_id, mh, sh)

    @staticmethod
    def to_bytes(mh: MinHash, sh: np.ndarray) -> tuple[bytes, bytes]:
        return mh.hashvalues.astype(np.uint64).tobytes(), sh.astype(np.uint32).tobytes()
