"""Every entry of the actors vocabulary files carries an example of our own; each one runs here.

`expect: {text, name}`: a mention with exactly that text is found and linked to the entity
named `name` (null: found but not linked). `absent: WORD`: no mention is exactly WORD.
"""

from __future__ import annotations

import pytest

from veille.resources import load_resource

from .conftest import find

FILES = ("titles", "determiners", "honorifics", "relational", "groups", "junk", "pronouns", "metonymy",
         "states")


def _cases():
    for name in FILES:
        data = load_resource("actors", name)
        for section, entries in data.items():
            for i, entry in enumerate(entries):
                yield pytest.param(entry, id=f"{name}.{section}[{i}]")


CASES = list(_cases())


def test_resources_every_entry_has_an_example():
    assert CASES
    for case in CASES:
        entry = case.values[0]
        assert entry.get("example"), case.id
        assert entry.get("expect") or entry.get("absent"), case.id


@pytest.mark.parametrize("entry", CASES)
def test_resources_example(mentions_of, entry):
    _doc, found = mentions_of(entry["example"], published=entry.get("published", "2025-08-19"))
    if "expect" in entry:
        want = entry["expect"]
        hits = find(found, want["text"])
        assert hits, f"no mention {want['text']!r} in {[f[0] for f in found]}"
        assert want["name"] in [h[1] for h in hits], f"{want['text']!r} -> {[h[1] for h in hits]}"
        if entry.get("expect_alias"):
            entity = _doc.entities[hits[0][2].entity]
            assert entry["expect_alias"] in entity.aliases
    if entry.get("absent"):
        assert not find(found, entry["absent"]), f"{entry['absent']!r} should not be a mention"
        assert entry["absent"] in entry["example"], "the example must contain the word it tests"
