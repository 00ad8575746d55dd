"""The export contract (../shared/spec/output.md): one JSON object for the whole store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from veille import __version__
from veille.store import Store

SCHEMA_VERSION = "1"


def export_corpus(store: Store) -> dict[str, Any]:
    """Documents by source, entities by id, events by date: the same store gives the same bytes."""
    documents = list(store.iter_documents())
    used: set[str] = set()
    for d in documents:
        used.update(m["entity"] for m in d["mentions"] if m.get("entity"))
        for q in d["quotes"]:
            if q.get("speaker") and q["speaker"].get("entity"):
                used.add(q["speaker"]["entity"])
        for em in d["event_mentions"]:
            used.update(em["participants"])
            if em.get("place"):
                used.add(em["place"])
    events = store.events()
    for ev in events:
        used.update(ev["participants"])
        if ev.get("place"):
            used.add(ev["place"])
    entities = [e.to_dict() for e in store.entities() if e.id in used]
    known = {e["id"] for e in entities}
    missing = sorted(used - known)
    if missing:  # an extractor referenced an entity it did not describe: keep the output valid
        entities.extend({"id": m, "name": m, "type": "MISC", "wikidata": None, "aliases": [],
                         "description": None} for m in missing)
        entities.sort(key=lambda e: e["id"])
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "veille", "version": __version__},
        "documents": documents,
        "entities": entities,
        "events": events,
    }


def write_json(data: dict[str, Any], out: Path | str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if str(out) == "-":
        import sys

        sys.stdout.write(text)
        return
    Path(out).write_text(text, encoding="utf-8")
