"""Every knowledge-base entry's own example sentence, through the whole pipeline: the entry is linked."""

from __future__ import annotations

import pytest

from veille.actors.kb import load_kb
from veille.actors.names import fold

KB = load_kb(strict=False)
ENTRIES = sorted((e for e in KB.values() if e.example), key=lambda e: e.id)


def test_kb_examples_every_entry_has_one():
    missing = sorted(e.id for e in KB.values() if not e.example)
    assert not missing, f"entries without an example: {missing}"


@pytest.mark.parametrize("entry_id", [e.id for e in ENTRIES])
def test_kb_example_links_entry(analyze_text, entry_id):
    entry = KB[entry_id]
    doc = analyze_text(entry.example)
    linked = {m.entity for m in doc.mentions}
    # a capital that acts in its example ("Moscou a annoncé") is read as its country: metonymy
    accepted = {entry.id} | {e for e in (entry.capital_of, entry.acts_for) if e}
    assert linked & accepted, f"{entry.name} not linked in {entry.example!r}: " \
        f"{[(m.text, m.entity) for m in doc.mentions]}"
    assert all(m.entity in doc.entities for m in doc.mentions if m.entity)


NOUNS = sorted((e.id for e in KB.values() if e.nouns), key=str)
EPITHETS = sorted((e.id for e in KB.values() if e.epithets), key=str)


@pytest.mark.parametrize("entry_id", NOUNS)
def test_kb_noun_example_refers_back(analyze_text, entry_id):
    """ "l'Alliance", "le bloc": one of the entry's nouns, in its own example, is linked to it."""
    entry = KB[entry_id]
    doc = analyze_text(entry.noun_example or "")
    nouns = {fold(n) for n in entry.nouns}
    hits = [m for m in doc.mentions if any(n in fold(m.text) for n in nouns)]
    assert any(m.entity == entry.id and m.link == "description" for m in hits), \
        f"{entry.nouns} not linked in {entry.noun_example!r}: {[(m.text, m.entity) for m in doc.mentions]}"


@pytest.mark.parametrize("entry_id", EPITHETS)
def test_kb_epithet_example_refers_back(analyze_text, entry_id):
    """ "le milliardaire républicain": the epithet, in its own example, is linked to the person."""
    entry = KB[entry_id]
    doc = analyze_text(entry.epithet_example or "")
    epithets = {fold(n) for n in entry.epithets}
    hits = [m for m in doc.mentions if any(n in fold(m.text) for n in epithets)]
    assert any(m.entity == entry.id for m in hits), \
        f"{entry.epithets} not linked in {entry.epithet_example!r}: {[(m.text, m.entity) for m in doc.mentions]}"
