"""Near-duplicates: the same story republished with another headline, a teaser added or a
paragraph cut. MinHash signatures and banded LSH propose candidates; the share of word 4-grams
the two texts have in common (containment in the shorter one) decides, so a cut paragraph still
matches.

The MinHash and the LSH bands are datasketch's (MinHash scheme "affine32", seed 7; MinHashLSH
bands for CANDIDATE_THRESHOLD), computed here with numpy so that ingesting needs neither
datasketch nor the scipy it imports, and a large store's signatures load in bulk. The tests
check both against datasketch.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import numpy as np

NUM_PERM = 64
SCHEME = "affine32"  # datasketch's name of the permutation scheme (stored signatures use it)
SEED = 7
SHINGLE = 4
CANDIDATE_THRESHOLD = 0.5  # LSH recall setting (estimated Jaccard)
# datasketch's MinHashLSH(threshold=0.5, num_perm=64) optimiser: 14 bands of 4 hash values
BANDS, BAND_ROWS = 14, 4
CONTAINMENT = 0.8  # share of the shorter text's 4-grams found in the other one
MIN_SHINGLES = 20  # too short to call anything a duplicate of it

_WORD = re.compile(r"\w+")
assert SHINGLE == 4, "shingles() builds the 4-grams with a zip of four offsets"
_EMPTY = np.uint32(0xFFFFFFFF)
# the stored documents sharing a band key: band keys -> (id, shingle bytes)
Lookup = Callable[[list[bytes]], Iterable[tuple[str, bytes]]]


def shingles(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's word 4-grams (accents and case folded)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    if not folded.isascii():  # drop combining marks: look each distinct character up once
        folded = folded.translate(_combining_table(frozenset(folded)))
    words = _WORD.findall(folded)
    grams = {f"{a} {b} {c} {d}" for a, b, c, d in zip(words, words[1:], words[2:], words[3:], strict=False)}
    crc = zlib.crc32
    return np.array(sorted([crc(g.encode()) for g in grams]), dtype=np.uint32)


_COMBINING: dict[str, bool] = {}


def _combining_table(chars: frozenset[str]) -> dict[int, None]:
    """str.translate table deleting the combining marks among `chars`."""
    table: dict[int, None] = {}
    for ch in chars:
        if ch.isascii():
            continue
        known = _COMBINING.get(ch)
        if known is None:
            known = _COMBINING[ch] = bool(unicodedata.combining(ch))
        if known:
            table[ord(ch)] = None
    return table


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations (a odd, b) datasketch draws for seed 7."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch pre-mixes every input hash with it)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def minhash_of(sh: np.ndarray) -> np.ndarray:
    """The MinHash values (uint32, NUM_PERM) of a shingle set: datasketch's MinHash(num_perm=64,
    seed=7, scheme="affine32") after update_batch of each shingle as 4 little-endian bytes."""
    if len(sh) == 0:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    data = np.asarray(sh, dtype="<u4").tobytes()  # each shingle as its 4 little-endian bytes
    sha1 = hashlib.sha1
    # the first 4 bytes of each SHA-1 digest, read as a little-endian uint32
    digests = b"".join([sha1(data[i:i + 4]).digest()[:4] for i in range(0, len(data), 4)])
    hv = np.frombuffer(digests, dtype="<u4").astype(np.uint32)
    a, b = _permutations()
    with np.errstate(over="ignore"):
        phv = _fmix32(hv).reshape(-1, 1) * a + b
    return np.minimum(np.full(NUM_PERM, _EMPTY, dtype=np.uint32), phv.min(axis=0))


def _values(mh: Any) -> np.ndarray:
    """MinHash values as uint32, from an array or a datasketch MinHash."""
    return np.asarray(getattr(mh, "hashvalues", mh), dtype=np.uint32)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    # both are sorted and unique (shingles() makes them so): binary search each of a in b
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    common = int(np.count_nonzero(b[at] == a))
    return common / min(len(a), len(b))


class NearDuplicateIndex:
    """Documents seen so far; `find(text)` returns the id of a near-duplicate, if any.

    LSH as datasketch's MinHashLSH does it (a candidate shares all the values of one band), kept
    in plain dicts so that a large store's signatures load in bulk.
    """

    def __init__(self, lookup: Lookup | None = None) -> None:
        """`lookup(band keys)`: (id, shingle bytes) of STORED documents sharing a band (the
        store answers from its signature_bands table); the index itself then only holds the
        documents added to it (`add`, `load`) until `forget`: memory does not grow with the store."""
        self.bands = tuple((i * BAND_ROWS, (i + 1) * BAND_ROWS) for i in range(BANDS))
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in self.bands]
        self.shingles: dict[str, np.ndarray] = {}
        self.lookup = lookup
        self._keys_of: dict[str, list[bytes]] = {}

    def _keys(self, mh: Any) -> list[bytes]:
        """The band keys: each band's 4 values as little-endian uint32 bytes (the store derives the
        same keys from its stored signatures, see veille.store.schema.BANDS_FROM_SIGNATURES)."""
        values = _values(mh).astype("<u4")
        return [values[a:b].tobytes() for a, b in self.bands]

    def load(self, rows: Iterable[tuple[str, bytes, bytes]], batch: int = 2000) -> None:
        """Add stored signatures (id, MinHash bytes, shingle bytes), vectorised by batch."""
        pending: list[tuple[str, bytes, bytes]] = []
        for row in rows:
            pending.append(row)
            if len(pending) >= batch:
                self._load_batch(pending)
                pending = []
        if pending:
            self._load_batch(pending)

    def _load_batch(self, rows: list[tuple[str, bytes, bytes]]) -> None:
        rows = [r for r in rows if r[0] not in self.shingles]
        if not rows:
            return
        width = NUM_PERM * 8  # stored as uint64
        if any(len(mh) != width for _id, mh, _sh in rows):  # not ours: one by one
            for doc_id, mh, sh in rows:
                self._add(doc_id, self._keys(np.frombuffer(mh, dtype=np.uint64)), np.frombuffer(sh, dtype=np.uint32))
            return
        values = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.uint64).reshape(len(rows), NUM_PERM)
        values = values.astype(np.uint32)
        for (a, b), table in zip(self.bands, self.tables, strict=True):
            raw = np.ascontiguousarray(values[:, a:b]).tobytes()
            size = (b - a) * 4
            for i, (doc_id, _mh, _sh) in enumerate(rows):
                table.setdefault(raw[i * size:(i + 1) * size], []).append(doc_id)
        for doc_id, _mh, sh in rows:
            self.shingles[doc_id] = np.frombuffer(sh, dtype=np.uint32)

    def _add(self, doc_id: str, keys: list[bytes], sh: np.ndarray) -> None:
        if doc_id in self.shingles:
            return
        self.shingles[doc_id] = sh
        self._keys_of[doc_id] = keys
        for key, table in zip(keys, self.tables, strict=True):
            table.setdefault(key, []).append(doc_id)

    def signature(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        sh = shingles(text)
        return minhash_of(sh), sh

    def candidates(self, mh: Any) -> set[str]:
        """Documents sharing at least one band with this MinHash (in the index and, through
        `lookup`, in the store)."""
        return set(self._candidate_shingles(mh))

    def _candidate_shingles(self, mh: Any) -> dict[str, np.ndarray]:
        keys = self._keys(mh)
        found: dict[str, np.ndarray] = {}
        for key, table in zip(keys, self.tables, strict=True):
            for doc_id in table.get(key, ()):
                if doc_id in self.shingles:
                    found[doc_id] = self.shingles[doc_id]
        if self.lookup is not None:
            for doc_id, raw in self.lookup(keys):
                if doc_id not in found:
                    found[doc_id] = np.frombuffer(raw, dtype=np.uint32)
        return found

    def forget(self, doc_ids: Iterable[str]) -> None:
        """Drop documents added with `add` (once stored, `lookup` finds them)."""
        for doc_id in doc_ids:
            self.shingles.pop(doc_id, None)
            for key, table in zip(self._keys_of.pop(doc_id, ()), self.tables, strict=False):
                ids = table.get(key)
                if ids is not None and doc_id in ids:
                    ids.remove(doc_id)
                    if not ids:
                        del table[key]

    def find(self, mh: Any, sh: np.ndarray) -> str | None:
        if len(sh) < MIN_SHINGLES:
            return None
        best: tuple[float, str] | None = None
        cands = self._candidate_shingles(mh)
        for cand in sorted(cands):
            score = containment(sh, cands[cand])
            if score >= CONTAINMENT and (best is None or score > best[0]):
                best = (score, cand)
        return best[1] if best else None

    def add(self, doc_id: str, mh: Any, sh: np.ndarray) -> None:
        self._add(doc_id, self._keys(mh), sh)

    @staticmethod
    def to_bytes(mh: Any, sh: np.ndarray) -> tuple[bytes, bytes]:
        """(MinHash values as uint64, as datasketch stored them; shingles as uint32)."""
        return _values(mh).astype(np.uint64).tobytes(), sh.astype(np.uint32).tobytes()
