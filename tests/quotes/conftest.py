"""Helpers for the quotes stage's tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def quotes_only():
    """quotes_only(text) -> list[Quote] from spaCy + veille_quotes alone (no actor stage)."""
    import veille.quotes.component  # noqa: F401 - registers the factory
    from veille.pipeline import build_nlp

    nlp = build_nlp(stages=["veille_quotes"])

    def run(text: str):
        doc = nlp(text)
        assert doc._.mentions is None
        return doc._.quotes

    return run


@pytest.fixture(scope="session")
def quotes_of(analyze_text):
    """quotes_of(text) -> (document, quotes) through the full pipeline."""

    def run(text: str):
        doc = analyze_text(text)
        for q in doc.quotes:
            assert doc.text[q.start:q.end] == q.text
            if q.speaker:
                assert doc.text[q.speaker.start:q.speaker.end] == q.speaker.text
        return doc, doc.quotes

    return run


def containing(quotes, words: str):
    """The quotes whose text contains `words`."""
    return [q for q in quotes if words in q.text]
