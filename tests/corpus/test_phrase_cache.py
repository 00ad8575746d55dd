"""The disk cache of phrase splits: the same Docs as the tokenizer's, and never a stale one."""

from __future__ import annotations

import json

from veille.corpus.phrase_cache import Phrases

PHRASES = ["Jean-Noël Barrot", "l'OTAN", "l’Union européenne", "M. Macron", "États-Unis", "la CGT",
           "aujourd'hui", "Banque centrale européenne", "G7", "le Premier ministre", "Kyiv"]


def _split(doc):
    return [t.text for t in doc], [t.whitespace_ for t in doc]


def test_phrases_are_split_as_the_tokenizer_splits_them_first_time_and_from_the_cache(nlp, tmp_path):
    first = Phrases(nlp, PHRASES + PHRASES[:3], directory=tmp_path)
    assert not first.from_cache and first.path.exists()
    again = Phrases(nlp, reversed(PHRASES), directory=tmp_path)  # the same set: the same file
    assert again.from_cache and again.path == first.path
    for text in PHRASES:
        assert _split(again.doc(text)) == _split(nlp.make_doc(text)), text
        assert [t.lower_ for t in again.doc(text)] == [t.lower_ for t in nlp.make_doc(text)]
    assert _split(again.doc("une phrase absente")) == _split(nlp.make_doc("une phrase absente"))
    other = Phrases(nlp, PHRASES[:4], directory=tmp_path)  # other phrases: another file
    assert not other.from_cache and other.path != first.path


def test_a_damaged_or_wrong_cache_is_not_used_and_is_written_again(nlp, tmp_path):
    path = Phrases(nlp, PHRASES, directory=tmp_path).path
    path.write_text("{not json", encoding="utf-8")
    assert not Phrases(nlp, PHRASES, directory=tmp_path).from_cache
    assert Phrases(nlp, PHRASES, directory=tmp_path).from_cache  # rewritten
    data = json.loads(path.read_text(encoding="utf-8"))
    data["splits"] = [[[" ".join(words)], [False]] for words, _ in data["splits"]]  # every split wrong
    path.write_text(json.dumps(data), encoding="utf-8")
    fresh = Phrases(nlp, PHRASES, directory=tmp_path)
    assert not fresh.from_cache  # the sample split again differs
    assert _split(fresh.doc("Jean-Noël Barrot")) == _split(nlp.make_doc("Jean-Noël Barrot"))


def test_the_cache_can_be_switched_off(nlp, tmp_path, monkeypatch):
    Phrases(nlp, PHRASES, directory=tmp_path)
    monkeypatch.setenv("VEILLE_NO_PHRASE_CACHE", "1")
    assert not Phrases(nlp, PHRASES, directory=tmp_path).from_cache


def test_a_tokenizer_special_case_changes_the_key(nlp, tmp_path):
    """A rule added to the tokenizer (or one whose split changed) makes a new cache file."""
    from veille.corpus.phrase_cache import tokenizer_fingerprint

    before = tokenizer_fingerprint(nlp)
    Phrases(nlp, PHRASES, directory=tmp_path)  # cached with the model's own rules
    rules = dict(nlp.tokenizer.rules)
    try:
        nlp.tokenizer.add_special_case("Jean-Noël", [{"ORTH": "Jean"}, {"ORTH": "-Noël"}])
        assert tokenizer_fingerprint(nlp) != before
        after = Phrases(nlp, PHRASES, directory=tmp_path)
        assert not after.from_cache
        assert _split(after.doc("Jean-Noël Barrot")) == _split(nlp.make_doc("Jean-Noël Barrot"))
    finally:
        nlp.tokenizer.rules = rules
    assert tokenizer_fingerprint(nlp) == before
