"""Helpers for the actors stage's tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def mentions_of(analyze_text):
    """mentions_of(text, published=...) -> (document, {mention text: entity name or None})."""

    def run(text: str, published: str | None = "2025-08-19"):
        doc = analyze_text(text, published=published)
        return doc, [(m.text, doc.entities[m.entity].name if m.entity else None, m) for m in doc.mentions]

    return run


def find(found, text: str):
    """The mentions whose text is exactly `text` (apostrophes normalised)."""
    want = text.replace("’", "'")
    return [x for x in found if x[0].replace("’", "'") == want]
