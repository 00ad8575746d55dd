"""The API over a store filled by the real pipeline (spaCy and every stage present), crawled
end to end: every listed document, entity and event opens, nothing answers 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sample_store import sample_documents, sample_events

from veille.api.app import create_app
from veille.store import Store

ARTICLES = {
    "port.txt": ("titre: Accord sur le port de Gdańsk\ndate: 2025-06-10\n\n"
                 "Le président polonais a rencontré mardi à Varsovie le chancelier allemand pour parler du port. "
                 "« Nous avons trouvé un accord équilibré », a déclaré le président polonais à l'issue de l'entretien. "
                 "Les deux dirigeants se reverront en septembre à Berlin."),
    "appel.txt": ("titre: Appel entre Paris et Ottawa\ndate: 2025-06-12\n\n"
                  "Emmanuel Macron s'est entretenu par téléphone jeudi avec le Premier ministre canadien. "
                  "Selon l'Élysée, les deux hommes ont évoqué la pêche et le commerce."),
}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from veille.corpus.process import ingest

    tmp = tmp_path_factory.mktemp("ingested")
    folder = tmp / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(tmp / "ingested.db") as store:
        report = ingest([str(folder)], store, workers=1)
        assert report.stored == 2
    with TestClient(create_app(tmp / "ingested.db"), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.slow
def test_ingested_store_every_item_opens(ingested: TestClient) -> None:
    stats = ingested.get("/api/stats").json()
    assert stats["documents"] == 2
    docs = ingested.get("/api/documents").json()["items"]
    assert {d["title"] for d in docs} == {"Accord sur le port de Gdańsk", "Appel entre Paris et Ottawa"}
    for d in docs:
        doc = ingested.get(f"/api/documents/{d['id']}").json()
        for key in ("mentions", "timexes", "quotes"):
            for item in doc[key]:
                assert doc["text"][item["start"]:item["end"]] == item["text"]
    for e in ingested.get("/api/entities", params={"limit": 500}).json()["items"]:
        assert ingested.get(f"/api/entities/{e['id']}").status_code == 200, e["id"]
    for ev in ingested.get("/api/timeline").json()["items"]:
        detail = ingested.get(f"/api/events/{ev['id']}").json()
        assert detail["sources"], ev["id"]
    for url in ("/api/graph", "/api/quotes", "/api/events"):
        assert ingested.get(url).status_code == 200, url


@pytest.mark.slow
def test_ingested_search_folds_accents(ingested: TestClient) -> None:
    res = ingested.get("/api/search", params={"q": "elysee"}).json()
    assert [d["title"] for d in res["documents"]["items"]] == ["Appel entre Paris et Ottawa"]
    res = ingested.get("/api/search", params={"q": "GDANSK"}).json()
    assert res["documents"]["total"] == 1


def test_app_answers_follow_store_updates(tmp_path: Path) -> None:
    """Cached whole-store views (stats, graph) change as soon as the store does."""
    db = tmp_path / "live.db"
    docs = sample_documents()
    with Store(db) as store:
        store.add_document(docs[0])
    with TestClient(create_app(db)) as client:
        assert client.get("/api/stats").json()["documents"] == 1
        assert client.get("/api/graph").json()["nodes"] == []
        with Store(db) as store:
            for doc in docs[1:]:
                store.add_document(doc)
            store.replace_events(sample_events())
        assert client.get("/api/stats").json()["documents"] == 3
        assert len(client.get("/api/graph").json()["nodes"]) == 4
