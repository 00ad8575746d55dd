"""The disk cache of phrase splits: the same Docs as the tokenizer's, and never a stale one."""

from __future__ import annotations

import json

from veille.corpus.phrase_cache import Phrases, tokenizer_fingerprint

PHRASES = ["Jean-Noël Barrot", "l'OTAN", "l’Union européenne", "M. Macron", "États-Unis", "la CGT",
           "aujourd'hui", "Banque centrale européenne", "G7", "le Premier ministre", "Kyiv"]


def _split(doc):
    return [t.text for t in doc], [t.whitespace_ for t in doc]


def _fill(nlp, directory, texts) -> Phrases:
    phrases = Phrases(nlp, directory=directory)
    for text in texts:
        phrases.doc(text)
    phrases.save()
    return phrases


def test_phrases_are_split_as_the_tokenizer_splits_them_first_time_and_from_the_cache(nlp, tmp_path):
    first = _fill(nlp, tmp_path, PHRASES[:6])
    assert not first.from_cache and first.path.exists()
    again = Phrases(nlp, directory=tmp_path)
    assert again.from_cache and again.path == first.path
    for text in PHRASES:  # the last five were not in the file: split, then added on save
        assert _split(again.doc(text)) == _split(nlp.make_doc(text)), text
        assert [t.lower_ for t in again.doc(text)] == [t.lower_ for t in nlp.make_doc(text)]
    assert again.added == len(PHRASES) - 6
    again.save()
    assert sorted(json.loads(first.path.read_text(encoding="utf-8"))) == sorted(PHRASES)


def test_a_damaged_or_wrong_cache_is_not_used_and_is_written_again(nlp, tmp_path):
    path = _fill(nlp, tmp_path, PHRASES).path
    path.write_text("{not json", encoding="utf-8")
    assert not _fill(nlp, tmp_path, PHRASES).from_cache
    assert Phrases(nlp, directory=tmp_path).from_cache  # rewritten
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({t: [[" ".join(words)], [False]] for t, (words, _s) in data.items()}),
                    encoding="utf-8")  # every split wrong
    fresh = Phrases(nlp, directory=tmp_path)
    assert not fresh.from_cache  # the sample split again differs
    assert _split(fresh.doc("Jean-Noël Barrot")) == _split(nlp.make_doc("Jean-Noël Barrot"))


def test_the_cache_can_be_switched_off(nlp, tmp_path, monkeypatch):
    _fill(nlp, tmp_path, PHRASES)
    monkeypatch.setenv("VEILLE_NO_PHRASE_CACHE", "1")
    assert not Phrases(nlp, directory=tmp_path).from_cache


def test_a_tokenizer_special_case_changes_the_key(nlp, tmp_path):
    """A rule added to the tokenizer (or one whose split changed) makes a new cache file."""
    before = tokenizer_fingerprint(nlp)
    _fill(nlp, tmp_path, PHRASES)  # cached with the model's own rules
    rules = dict(nlp.tokenizer.rules)
    try:
        nlp.tokenizer.add_special_case("Jean-Noël", [{"ORTH": "Jean"}, {"ORTH": "-Noël"}])
        assert tokenizer_fingerprint(nlp) != before
        after = Phrases(nlp, directory=tmp_path)
        assert not after.from_cache
        assert _split(after.doc("Jean-Noël Barrot")) == _split(nlp.make_doc("Jean-Noël Barrot"))
    finally:
        nlp.tokenizer.rules = rules
    assert tokenizer_fingerprint(nlp) == before
