"""Every entry of the quotes vocabulary files carries an example of our own; each one runs here."""

from __future__ import annotations

import pytest

from veille.quotes.lexicon import load_lexicon
from veille.resources import load_resource

LEXICON = load_lexicon()
CUE_CASES = [pytest.param(entry, id=f"{entry.kind}:{entry.id}") for entry in LEXICON.entries.values()]
SPEAKER_CASES = [pytest.param(name, block, id=name) for name, block in load_resource("quotes", "speakers").items()]


def test_resources_lexicon_is_large_enough():
    assert len(LEXICON.entries) >= 150
    assert {e.kind for e in LEXICON.entries.values()} == {"verb", "phrase", "preposition", "noun"}


@pytest.mark.parametrize("entry", CUE_CASES)
def test_resources_cue_example(analyze_text, entry):
    doc = analyze_text(entry.example)
    attributed = [q for q in doc.quotes if q.speaker is not None and q.cue]
    assert attributed, f"no attributed quote in {entry.example!r}: {doc.quotes}"
    cues = set().union(*(LEXICON.entries_in(q.cue or "") for q in attributed))
    assert entry.id in cues, f"{entry.id} not among the cues {[q.cue for q in attributed]}"
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text
        if q.speaker:
            assert doc.text[q.speaker.start:q.speaker.end] == q.speaker.text


@pytest.mark.parametrize(("name", "block"), SPEAKER_CASES)
def test_resources_speaker_example(analyze_text, name, block):
    doc = analyze_text(block["example"])
    speakers = [q.speaker.text for q in doc.quotes if q.speaker]
    assert block["speaker"] in speakers, f"{name}: {speakers}"
