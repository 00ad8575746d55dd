"""Fixtures shared by the publication-date inference tests."""

from __future__ import annotations

import pytest

from veille.model import Document, Published
from veille.pipeline import analyze_one
from veille.store import Store


@pytest.fixture
def store_with(nlp):
    stores = []

    def make(*docs: tuple[str, str | None]) -> Store:
        store = Store(":memory:")
        stores.append(store)
        for i, (text, published) in enumerate(docs):
            doc = Document(id=f"d{i}", source=f"d{i}.txt", text=text,
                           published=Published(published, "metadata" if published else "unknown"))
            store.add_document(analyze_one(doc, nlp))
        return store

    yield make
    for s in stores:
        s.close()
