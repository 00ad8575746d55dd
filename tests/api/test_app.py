"""Every endpoint of the API on a small store built without spaCy, good and bad parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from veille.api.app import create_app
from veille.errors import VeilleError


def ok(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, (url, params, r.status_code, r.text)
    return r.json()


# -- stats, page, OpenAPI -----------------------------------------------------------------
def test_app_stats_counts_the_store(client: TestClient) -> None:
    stats = ok(client, "/api/stats")
    assert stats["documents"] == 3
    assert stats["events"] == 5
    assert stats["quotes"] == 3
    assert stats["timexes"] == 3
    assert stats["event_types"] == {"CONSULT": 3, "PROTEST": 1, "THREATEN": 1}
    assert stats["first_event"] == "2025-03-03"


def test_app_serves_page_and_static_files_with_csp(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "/static/js/app.js" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    for path in ("/static/app.css", "/static/js/app.js", "/static/js/dom.js", "/static/js/timeline.js",
                 "/static/js/graph.js", "/static/js/docview.js"):
        assert client.get(path).status_code == 200, path
    assert client.get("/static/nope.js").status_code == 404


def test_app_page_loads_nothing_from_elsewhere() -> None:
    static = Path(__file__).resolve().parents[2] / "src" / "veille" / "web" / "static"
    for f in static.rglob("*"):
        if f.suffix in {".html", ".js", ".css"}:
            text = f.read_text(encoding="utf-8")
            assert "//cdn" not in text and "googleapis" not in text and "unpkg" not in text, f
            assert ".innerHTML" not in text and "insertAdjacentHTML" not in text and "eval(" not in text, f


def test_app_openapi_lists_every_endpoint(client: TestClient) -> None:
    spec = ok(client, "/openapi.json")
    paths = set(spec["paths"])
    for path in ("/api/stats", "/api/documents", "/api/documents/{doc_id}", "/api/entities",
                 "/api/entities/{entity_id}", "/api/quotes", "/api/events", "/api/events/{event_id}",
                 "/api/timeline", "/api/graph", "/api/search"):
        assert path in paths, path
    assert spec["info"]["title"] == "veille"
    assert client.get("/docs").status_code == 404  # it would load Swagger UI from a CDN


def test_app_refuses_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(VeilleError):
        create_app(tmp_path / "missing.db")


# -- documents ----------------------------------------------------------------------------
def test_app_documents_newest_first_with_counts(client: TestClient) -> None:
    page = ok(client, "/api/documents")
    assert page["total"] == 3
    assert [d["id"] for d in page["items"]] == ["dB", "dA", "dC"]  # undated last
    assert page["items"][0]["counts"] == {"mentions": 4, "timexes": 1, "quotes": 1, "event_mentions": 3}


def test_app_documents_pagination_and_filters(client: TestClient) -> None:
    page = ok(client, "/api/documents", limit=1, offset=1)
    assert [d["id"] for d in page["items"]] == ["dA"] and page["total"] == 3
    assert ok(client, "/api/documents", offset=50)["items"] == []
    assert [d["id"] for d in ok(client, "/api/documents", since="2025-03-05")["items"]] == ["dB"]
    assert [d["id"] for d in ok(client, "/api/documents", until="2025-03-04")["items"]] == ["dA"]
    assert {d["id"] for d in ok(client, "/api/documents", actor="Jean Dupont")["items"]} == {"dC"}
    assert {d["id"] for d in ok(client, "/api/documents", q="elysee")["items"]} == {"dA"}


def test_app_document_has_spans_and_entity_names(client: TestClient) -> None:
    doc = ok(client, "/api/documents/dA")
    assert doc["title"] == "Macron et Scholz à Berlin"
    for key in ("mentions", "timexes", "quotes"):
        for item in doc[key]:
            assert doc["text"][item["start"]:item["end"]] == item["text"]
    assert doc["entity_names"]["kb:elysee"] == {"name": "Élysée", "type": "ORG"}
    assert doc["event_mentions"][0]["event"] == "ev1"


def test_app_unknown_document_is_404(client: TestClient) -> None:
    r = client.get("/api/documents/nope")
    assert r.status_code == 404 and "nope" in r.json()["detail"]


# -- entities -----------------------------------------------------------------------------
def test_app_entities_most_mentioned_first(client: TestClient) -> None:
    page = ok(client, "/api/entities")
    assert page["total"] == 6
    first = page["items"][0]
    assert first["id"] == "ent:olaf-scholz" and first["mentions"] == 3 and first["events"] == 4
    assert [e["id"] for e in ok(client, "/api/entities", type="org")["items"]] == ["ent:acme", "kb:elysee"]
    assert [e["id"] for e in ok(client, "/api/entities", q="elysee")["items"]] == ["kb:elysee"]
    assert [e["id"] for e in ok(client, "/api/entities", q="scholz")["items"]] == ["ent:olaf-scholz"]


def test_app_entity_profile_by_id_or_name(client: TestClient) -> None:
    e = ok(client, "/api/entities/ent:olaf-scholz")
    assert e["name"] == "Olaf Scholz"
    assert {d["id"] for d in e["documents"]} == {"dA", "dB", "dC"}
    assert [q["text"] for q in e["quotes"]] == ["« La patience a des limites »"]
    assert {ev["id"] for ev in e["events"]} == {"ev1", "ev2", "ev3", "ev4"}
    assert ok(client, "/api/entities/elysee")["id"] == "kb:elysee"  # name, accents folded
    assert client.get("/api/entities/ent:nobody").status_code == 404


# -- quotes -------------------------------------------------------------------------------
def test_app_quotes_filters(client: TestClient) -> None:
    page = ok(client, "/api/quotes")
    assert page["total"] == 3
    assert page["items"][0]["speaker_name"] == "Olaf Scholz"  # newest first, undated last
    assert [q["document_id"] for q in ok(client, "/api/quotes", speaker="Emmanuel Macron")["items"]] == ["dA"]
    assert [q["document_id"] for q in ok(client, "/api/quotes", speaker="ent:jean-dupont")["items"]] == ["dC"]
    assert [q["kind"] for q in ok(client, "/api/quotes", kind="indirect")["items"]] == ["indirect"]
    assert [q["document_id"] for q in ok(client, "/api/quotes", q="crise")["items"]] == ["dA"]
    assert [q["document_id"] for q in ok(client, "/api/quotes", since="2025-03-05")["items"]] == ["dB"]
    assert [q["document_id"] for q in ok(client, "/api/quotes", until="2025-03-04")["items"]] == ["dA"]
    assert ok(client, "/api/quotes", limit=1, offset=2)["items"][0]["document_id"] == "dC"


# -- events, timeline ---------------------------------------------------------------------
def test_app_events_by_date_with_names(client: TestClient) -> None:
    page = ok(client, "/api/events")
    assert [e["id"] for e in page["items"]] == ["ev1", "ev2", "ev3", "ev4", "ev5"]
    assert page["items"][0]["participant_names"] == ["Emmanuel Macron", "Olaf Scholz"]
    assert page["items"][0]["place_name"] == "Berlin"
    assert page["items"][1]["relation"] == "called"
    assert page["items"][2]["relation"] == "threatened"


@pytest.mark.parametrize(("params", "expected", "total"), [
    ({"actor": "ent:acme"}, ["ev3", "ev5"], 2),
    ({"actor": "Scholz"}, ["ev1", "ev2", "ev3", "ev4"], 4),
    ({"type": "consult"}, ["ev1", "ev2", "ev4"], 3),
    ({"status": "planned"}, ["ev4"], 1),
    ({"since": "2025-03-04"}, ["ev2", "ev3", "ev4"], 3),
    ({"until": "2025-03"}, ["ev1", "ev2", "ev3"], 3),
    ({"since": "2025-03-04", "until": "2025-03-04"}, ["ev2"], 1),
    ({"limit": 2, "offset": 1}, ["ev2", "ev3"], 5),
])
def test_app_timeline_filters(client: TestClient, params: dict[str, Any], expected: list[str], total: int) -> None:
    for url in ("/api/timeline", "/api/events"):
        page = ok(client, url, **params)
        assert [e["id"] for e in page["items"]] == expected, url
        assert page["total"] == total


def test_app_event_detail_gives_sources_and_sentences(client: TestClient) -> None:
    ev = ok(client, "/api/events/ev1")
    assert [s["document"] for s in ev["sources"]] == ["dA", "dB"]
    first, second = ev["sources"]
    assert first["title"] == "Macron et Scholz à Berlin"
    assert first["sentence"]["text"] == "Emmanuel Macron a rencontré Olaf Scholz à Berlin le 3 mars."
    s = first["sentence"]
    assert s["text"][s["start"]:s["end"]] == "rencontré"
    # "M. Scholz" does not end a sentence
    assert second["sentence"]["text"] == "M. Scholz a rencontré Emmanuel Macron à Berlin le 3 mars."
    assert client.get("/api/events/ev404").status_code == 404


# -- graph --------------------------------------------------------------------------------
def test_app_graph_weights_pairs_by_shared_events(client: TestClient) -> None:
    g = ok(client, "/api/graph")
    edges = {(e["source"], e["target"]): e for e in g["edges"]}
    pair = edges[("ent:emmanuel-macron", "ent:olaf-scholz")]
    assert pair["weight"] == 2
    assert pair["relations"] == {"called": 1, "met": 1}
    assert edges[("ent:acme", "ent:olaf-scholz")]["relation"] == "threatened"
    assert g["nodes"][0]["id"] == "ent:olaf-scholz"  # the most connected first
    assert {n["id"] for n in g["nodes"]} == {"ent:olaf-scholz", "ent:emmanuel-macron", "ent:acme", "ent:jean-dupont"}


def test_app_graph_filters(client: TestClient) -> None:
    assert [e["relation"] for e in ok(client, "/api/graph", type="THREATEN")["edges"]] == ["threatened"]
    heavy = ok(client, "/api/graph", min_weight=2)
    assert [(e["source"], e["target"]) for e in heavy["edges"]] == [("ent:emmanuel-macron", "ent:olaf-scholz")]
    assert len(ok(client, "/api/graph", max_nodes=2)["nodes"]) == 2
    strongest = ok(client, "/api/graph", max_edges=1)
    assert [e["weight"] for e in strongest["edges"]] == [2] and strongest["total_edges"] == 3
    assert ok(client, "/api/graph", status="planned")["edges"][0]["source"] == "ent:jean-dupont"
    assert ok(client, "/api/graph", since="2026")["nodes"] == []


# -- search -------------------------------------------------------------------------------
def test_app_search_folds_accents_and_marks_matches(client: TestClient) -> None:
    res = ok(client, "/api/search", q="elysee")
    assert [d["id"] for d in res["documents"]["items"]] == ["dA"]
    start, end = res["marks"]
    assert f"{start}Élysée{end}" in res["documents"]["items"][0]["snippet"]
    res = ok(client, "/api/search", q="PATIENCE")
    assert res["quotes"]["total"] == 1 and res["quotes"]["items"][0]["speaker_name"] == "Olaf Scholz"
    assert ok(client, "/api/search", q="zzzz")["documents"]["total"] == 0


@pytest.mark.parametrize("q", ['"', "AND", "OR NOT", "(*)", "a:b", "NEAR(x y)", "'", "«»", "-", "*", "^x"])
def test_app_search_never_fails_on_odd_words(client: TestClient, q: str) -> None:
    r = client.get("/api/search", params={"q": q})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert r.json()["detail"]


# -- bad parameters: always a 4xx with a message ------------------------------------------
BAD = [
    ("/api/events", {"limit": 0}),
    ("/api/events", {"limit": 100000}),
    ("/api/events", {"limit": "ten"}),
    ("/api/events", {"offset": -1}),
    ("/api/events", {"offset": 10**12}),
    ("/api/events", {"since": "yesterday"}),
    ("/api/events", {"since": "2025-02-30"}),
    ("/api/events", {"until": "2025-13"}),
    ("/api/events", {"since": "2025-05", "until": "2025-04"}),
    ("/api/events", {"type": "PARTY"}),
    ("/api/events", {"status": "done"}),
    ("/api/events", {"actor": "Nobody Atall"}),
    ("/api/timeline", {"type": "X"}),
    ("/api/timeline", {"limit": 999999}),
    ("/api/timeline", {"since": "2025-1-1"}),
    ("/api/timeline", {"actor": "x" * 500}),
    ("/api/documents", {"since": "2025/01/01"}),
    ("/api/documents", {"limit": -5}),
    ("/api/documents", {"q": "berlin", "since": "2025"}),
    ("/api/entities", {"type": "PERSON"}),
    ("/api/entities", {"limit": 501}),
    ("/api/quotes", {"kind": "shouted"}),
    ("/api/quotes", {"speaker": "Personne Inconnue"}),
    ("/api/quotes", {"until": "20250101"}),
    ("/api/graph", {"min_weight": 0}),
    ("/api/graph", {"max_nodes": 100000}),
    ("/api/graph", {"max_edges": 0}),
    ("/api/graph", {"type": "nope"}),
    ("/api/search", {}),
    ("/api/search", {"q": ""}),
    ("/api/search", {"q": "   "}),
    ("/api/search", {"q": "x" * 1000}),
    ("/api/search", {"q": "paix", "limit": 1000}),
    ("/api/documents/%00", {}),
    ("/api/entities/%3Cscript%3E", {}),
    ("/api/events/..%2F..%2Fetc", {}),
    ("/api/nothing", {}),
]


@pytest.mark.parametrize(("url", "params"), BAD)
def test_app_bad_parameters_give_4xx_with_message(client: TestClient, url: str, params: dict[str, Any]) -> None:
    r = client.get(url, params=params)
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    detail = r.json()["detail"]
    assert isinstance(detail, str) and detail


def test_app_is_read_only(client: TestClient) -> None:
    for method in ("post", "put", "delete", "patch"):
        r = getattr(client, method)("/api/events")
        assert r.status_code == 405


def test_app_empty_store_serves_empty_lists(tmp_path: Path) -> None:
    from veille.store import Store

    Store(tmp_path / "empty.db").close()
    with TestClient(create_app(tmp_path / "empty.db")) as c:
        assert ok(c, "/api/stats")["documents"] == 0
        for url in ("/api/documents", "/api/entities", "/api/quotes", "/api/events", "/api/timeline"):
            assert ok(c, url)["items"] == []
        assert ok(c, "/api/graph") == {"nodes": [], "edges": [], "total_nodes": 0, "total_edges": 0}
        assert ok(c, "/api/search", q="paix")["documents"]["total"] == 0


def test_app_entities_sorted_by_quotes_or_events(client: TestClient) -> None:
    speakers = ok(client, "/api/entities", sort="quotes", nonzero=True)
    assert speakers["total"] == 3
    assert {e["id"] for e in speakers["items"]} == {"ent:emmanuel-macron", "ent:jean-dupont", "ent:olaf-scholz"}
    actors = ok(client, "/api/entities", sort="events", nonzero="true")
    assert [e["id"] for e in actors["items"]][:1] == ["ent:olaf-scholz"]
    assert [e["events"] for e in actors["items"]] == [4, 2, 2, 1]
    r = client.get("/api/entities", params={"sort": "name"})
    assert r.status_code == 400 and "sort" in r.json()["detail"]
