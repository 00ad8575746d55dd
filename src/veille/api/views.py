"""Pure helpers behind the API routes: parameter checks, sentences around a span, relation labels.

Kept apart from the routes so tests (and other readers) call them without an HTTP stack.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any

from veille.errors import VeilleError
from veille.model import EVENT_STATUSES, PLOVER_TYPES

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")
QUOTE_KINDS = ("direct", "partial", "indirect")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# what an event between two actors says about their relation (graph edge types)
RELATIONS: dict[str, str] = {
    "AGREE": "agreed", "CONSULT": "met", "SUPPORT": "supported", "CONCEDE": "conceded",
    "COOPERATE": "cooperated", "AID": "aided", "RETREAT": "retreated", "REQUEST": "asked",
    "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened", "PROTEST": "protested",
    "SANCTION": "sanctioned", "MOBILIZE": "mobilized", "COERCE": "coerced", "ASSAULT": "attacked",
}


def relation(type: str, mode: str | None) -> str:
    """The edge label for an event type: a phone CONSULT is a call, other CONSULTs a meeting."""
    if type == "CONSULT" and mode == "phone":
        return "called"
    return RELATIONS.get(type, type.lower())


def bad(message: str) -> VeilleError:
    return VeilleError("E030", message)


def check_date(value: str | None, name: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real date, else a 400."""
    if value is None or value == "":
        return None
    m = _DATE.match(value)
    if not m:
        raise bad(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise bad(f"{name} is not a real date: {value!r}") from exc
    return value


def check_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    since, until = check_date(since, "since"), check_date(until, "until")
    if since and until and since[:len(until)] > until:
        raise bad(f"since ({since}) is after until ({until})")
    return since, until


def check_choice(value: str | None, name: str, choices: tuple[str, ...], upper: bool = False) -> str | None:
    if value is None or value == "":
        return None
    norm = value.upper() if upper else value.lower()
    if norm not in choices:
        raise bad(f"unknown {name} {value!r}; one of {', '.join(choices)}")
    return norm


def event_type(value: str | None) -> str | None:
    return check_choice(value, "event type", PLOVER_TYPES, upper=True)


def event_status(value: str | None) -> str | None:
    return check_choice(value, "status", EVENT_STATUSES)


# -- sentences ----------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[.!?…])[»\"”)]?\s+|\n\s*")
# "M. Dupont", "J.-L. Martin", "MM. Durand et Petit": a dot that does not end a sentence
_ABBREVIATION = re.compile(r"(?:^|[\s(«\"'-])(?:[A-Z]|MM|Mgr|Dr|St|av|J\.-C)\.$")


def sentence_around(text: str, start: int, end: int, max_chars: int = 600) -> dict[str, object]:
    """The sentence holding text[start:end]: {text, start, end} with the span's offsets inside it."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left, right = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if "\n" not in m.group() and _ABBREVIATION.search(text, max(0, m.start() - 8), m.start()):
            continue
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    left = max(left, start - max_chars // 2)
    right = min(right, end + max_chars // 2)
    return {"text": text[left:right], "start": start - left, "end": end - left, "offset": left}


# -- actor graph --------------------------------------------------------------------------
def build_graph(events: Iterable[tuple[str, str | None, list[str]]], min_weight: int, max_nodes: int,
                names: Callable[[set[str]], dict[str, dict[str, Any]]], max_edges: int = 400) -> dict[str, Any]:
    """Nodes = entities, edges = pairs of participants of the same events, weighted by the
    number of events, with their relations (met, called, threatened...). `events` gives
    (type, mode, participants); the `max_nodes` most connected entities are kept, and the
    `max_edges` strongest edges between them (`total_edges` counts them all)."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    events_of: Counter[str] = Counter()
    for ev_type, mode, participants in events:
        people = sorted(set(participants))
        events_of.update(people)
        label = relation(ev_type, mode)
        for a, b in combinations(people, 2):
            e = edges.get((a, b))
            if e is None:
                e = edges[(a, b)] = {"source": a, "target": b, "weight": 0, "relations": Counter(),
                                     "types": Counter()}
            e["weight"] += 1
            e["relations"][label] += 1
            e["types"][ev_type] += 1
    kept = [e for e in edges.values() if e["weight"] >= min_weight]
    strength: dict[str, int] = defaultdict(int)
    for e in kept:
        strength[e["source"]] += e["weight"]
        strength[e["target"]] += e["weight"]
    top = sorted(strength, key=lambda n: (-strength[n], n))[:max_nodes]
    chosen = set(top)
    kept = [e for e in kept if e["source"] in chosen and e["target"] in chosen]
    known = names(chosen)
    nodes = [{"id": n, "name": known.get(n, {}).get("name", n), "type": known.get(n, {}).get("type", "MISC"),
              "events": events_of.get(n, 0), "weight": strength[n]} for n in top]
    out_edges = []
    kept.sort(key=lambda e: (-e["weight"], e["source"], e["target"]))
    for e in kept[:max_edges]:
        relations = dict(sorted(e["relations"].items(), key=lambda kv: (-kv[1], kv[0])))
        out_edges.append({"source": e["source"], "target": e["target"], "weight": e["weight"],
                          "relation": next(iter(relations)), "relations": relations,
                          "types": dict(sorted(e["types"].items()))})
    return {"nodes": nodes, "edges": out_edges, "total_nodes": len(strength), "total_edges": len(kept)}
