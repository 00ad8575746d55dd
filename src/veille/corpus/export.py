"""The export contract (../shared/spec/output.md): one JSON object for the whole store.

`write_export` streams it: documents go to the output one at a time (memory does not grow
with the corpus), and the bytes are those of `write_json(export_corpus(store))`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from veille import __version__
from veille.store import Store

SCHEMA_VERSION = "1"


def _generator() -> dict[str, str]:
    return {"name": "veille", "version": __version__}


def _note_used(document: dict[str, Any], used: set[str]) -> None:
    """Add the entity ids a document refers to."""
    used.update(m["entity"] for m in document["mentions"] if m.get("entity"))
    for q in document["quotes"]:
        if q.get("speaker") and q["speaker"].get("entity"):
            used.add(q["speaker"]["entity"])
    for em in document["event_mentions"]:
        used.update(em["participants"])
        if em.get("place"):
            used.add(em["place"])


def _entities(store: Store, used: set[str], events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entities referenced by documents (`used`) and events, by id."""
    used = set(used)
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
    return entities


def export_corpus(store: Store) -> dict[str, Any]:
    """Documents by source, entities by id, events by date: the same store gives the same bytes."""
    documents = list(store.iter_documents())
    used: set[str] = set()
    for d in documents:
        _note_used(d, used)
    events = store.events()
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": _generator(),
        "documents": documents,
        "entities": _entities(store, used, events),
        "events": events,
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def _nested(value: Any, depth: int) -> str:
    """`value` as json.dumps(indent=1) writes it `depth` levels down (first line not indented)."""
    return _dumps(value).replace("\n", "\n" + " " * depth)


def _write_member(fh: TextIO, key: str, value: Any, last: bool = False) -> None:
    fh.write(f" {json.dumps(key)}: {_nested(value, 1)}{'' if last else ','}\n")


def _write_list(fh: TextIO, key: str, items: Iterable[Any]) -> None:
    """`"key": [ ... ],` one item at a time, as json.dumps(indent=1) would lay it out."""
    fh.write(f" {json.dumps(key)}: [")
    first = True
    for item in items:
        fh.write("\n  " if first else ",\n  ")
        fh.write(_nested(item, 2))
        first = False
    fh.write("],\n" if first else "\n ],\n")


def stream_export(store: Store, fh: TextIO) -> None:
    """Write the contract JSON of the store to an open text file, one document at a time."""
    used: set[str] = set()

    def documents() -> Iterable[dict[str, Any]]:
        for d in store.iter_documents():
            _note_used(d, used)
            yield d

    fh.write("{\n")
    _write_member(fh, "schema_version", SCHEMA_VERSION)
    _write_member(fh, "generator", _generator())
    _write_list(fh, "documents", documents())
    events = store.events()
    _write_member(fh, "entities", _entities(store, used, events))
    _write_member(fh, "events", events, last=True)
    fh.write("}\n")


def write_export(store: Store, out: Path | str) -> None:
    """Stream the store's contract JSON to a file ('-': standard output)."""
    if str(out) == "-":
        stream_export(store, sys.stdout)
        return
    with Path(out).open("w", encoding="utf-8") as fh:
        stream_export(store, fh)


def write_json(data: dict[str, Any], out: Path | str) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if str(out) == "-":
        sys.stdout.write(text)
        return
    Path(out).write_text(text, encoding="utf-8")
