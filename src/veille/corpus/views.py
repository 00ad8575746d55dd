"""Read-side views shared by the CLI and the API: timeline rows, actor profiles."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from veille.errors import VeilleError
from veille.model import PLOVER_TYPES
from veille.store import Store

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fold(text: str) -> str:
    """Lower case without accents, for lenient name matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("’", "'").strip()


def check_date(value: str | None, name: str) -> None:
    if value is not None and not _DATE.match(value):
        raise VeilleError("E030", f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")


def find_entity_id(store: Store, name: str) -> str | None:
    """An entity id from an id, a name or an alias (accents and case ignored)."""
    if store.entity(name):
        return name
    wanted = fold(name)
    best: tuple[int, str] | None = None
    counts = store.entity_mention_counts()
    for e in store.entities():
        names = [e.name, *e.aliases]
        if any(fold(n) == wanted for n in names):
            score = counts.get(e.id, 0)
            if best is None or score > best[0]:
                best = (score, e.id)
    return best[1] if best else None


def timeline_rows(store: Store, actor: str | None = None, type: str | None = None, since: str | None = None,
                  until: str | None = None, status: str | None = None, limit: int | None = 50,
                  offset: int = 0, complete: bool = False) -> list[dict[str, Any]]:
    """Events with participant names and their reporting articles; `complete` keeps those a
    reader can place on a timeline (a date and at least one participant)."""
    check_date(since, "since")
    check_date(until, "until")
    if type is not None and type.upper() not in PLOVER_TYPES:
        raise VeilleError("E030", f"unknown event type {type!r}; one of {', '.join(PLOVER_TYPES)}")
    actor_id = None
    if actor:
        actor_id = find_entity_id(store, actor)
        if actor_id is None:
            return []
    events = store.events(actor=actor_id, type=type.upper() if type else None, since=since, until=until,
                          status=status, limit=limit, offset=offset, complete=complete)
    names = {e.id: e.name for e in store.entities()}
    labels = store.document_labels(s["document"] for ev in events for s in ev["sources"])
    for ev in events:
        ev["participant_names"] = [names.get(p, p) for p in ev["participants"]]
        ev["place_name"] = names.get(ev["place"]) if ev.get("place") else None
        # the reporting documents, once each, oldest report first
        docs = list(dict.fromkeys(s["document"] for s in ev["sources"]))
        ev["source_documents"] = sorted(({"document": d, **labels.get(d, {})} for d in docs),
                                        key=lambda x: (x.get("published") or "", x.get("source") or ""))
    return events


def actor_profile(store: Store, name: str) -> dict[str, Any] | None:
    entity_id = find_entity_id(store, name)
    if entity_id is None:
        return None
    entity = store.entity(entity_id)
    assert entity is not None
    profile: dict[str, Any] = entity.to_dict()
    try:
        from veille.actors.kb import load_kb

        kb_entry = load_kb().get(entity_id)
        if kb_entry is not None:
            profile["roles"] = [r.to_dict() for r in kb_entry.roles]
    except ModuleNotFoundError:
        pass
    profile["mentions"] = store.entity_mention_counts().get(entity_id, 0)
    profile["documents"] = store.documents_mentioning(entity_id)
    profile["quotes"] = store.quotes(speaker=entity_id, limit=50)
    profile["events"] = store.events(actor=entity_id, limit=100)
    return profile
