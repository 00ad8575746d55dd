"""Every knowledge-base entry's own example sentence, through the whole pipeline: the entry is linked."""

from __future__ import annotations

import pytest

from veille.actors.kb import load_kb

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
    accepted = {entry.id} | ({entry.capital_of} if entry.capital_of else set())
    assert linked & accepted, f"{entry.name} not linked in {entry.example!r}: " \
        f"{[(m.text, m.entity) for m in doc.mentions]}"
    assert all(m.entity in doc.entities for m in doc.mentions if m.entity)
