"""Checks of the export contract (../shared/spec/output.md) that every export must pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).resolve().parent.parent.parent / "shared" / "spec" / "output.schema.json"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def spans_of(doc: dict[str, Any]):
    for m in doc["mentions"]:
        yield "mention", m
    for t in doc["timexes"]:
        yield "timex", t
    for q in doc["quotes"]:
        yield "quote", q
        if q.get("speaker"):
            yield "speaker", q["speaker"]
    for e in doc["event_mentions"]:
        yield "trigger", e["trigger"]


def check_contract(data: dict[str, Any]) -> None:
    """Raise AssertionError on any contract violation; jsonschema too when ../shared is present."""
    if SCHEMA.exists():
        import jsonschema

        jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["schema_version"] == "1"
    entity_ids = {e["id"] for e in data["entities"]}
    assert len(entity_ids) == len(data["entities"]), "duplicate entity ids"
    event_ids = {e["id"] for e in data["events"]}
    doc_ids = [d["id"] for d in data["documents"]]
    assert len(set(doc_ids)) == len(doc_ids), "duplicate document ids"
    for doc in data["documents"]:
        text = doc["text"]
        for kind, span in spans_of(doc):
            assert 0 <= span["start"] <= span["end"] <= len(text), f"{kind} span out of text: {span}"
            assert text[span["start"]:span["end"]] == span["text"], f"{kind} text mismatch: {span}"
        for m in doc["mentions"]:
            assert m["entity"] is None or m["entity"] in entity_ids, f"unknown entity {m['entity']}"
        for q in doc["quotes"]:
            if q.get("speaker") and q["speaker"].get("entity"):
                assert q["speaker"]["entity"] in entity_ids
        timex_ids = {t["id"] for t in doc["timexes"]}
        for em in doc["event_mentions"]:
            assert em["type"] in PLOVER
            assert em["event"] is None or em["event"] in event_ids
            assert all(p in entity_ids for p in em["participants"])
            assert em["time"] is None or em["time"] in timex_ids
    for ev in data["events"]:
        assert ev["type"] in PLOVER
        assert ev["sources"], "event without sources"
        assert all(p in entity_ids for p in ev["participants"])
        assert all(s["document"] in doc_ids for s in ev["sources"])
