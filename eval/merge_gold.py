#!/usr/bin/env python3
"""Merge the gold halves written for examples/ (gold-examples-a.json, -b.json) into
gold-examples.json, the file `make eval` scores. Entity alias lists and speaker descriptors are
united; a key defined differently in two halves is an error to fix by hand."""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parts = sorted(HERE.glob("gold-examples-?.json"))
    merged: dict = {"about": "Gold for veille's own example articles (examples/), written before tuning, "
                             "in the format of ../shared/eval/gold-dev.json. Merged from: "
                             + ", ".join(p.name for p in parts),
                    "entities": {}, "speaker_descriptors": {}, "docs": {}, "corpus_events": []}
    for part in parts:
        gold = json.loads(part.read_text(encoding="utf-8"))
        for key, aliases in gold["entities"].items():
            merged["entities"][key] = sorted(set(merged["entities"].get(key, [])) | set(aliases))
        for key, desc in gold.get("speaker_descriptors", {}).items():
            old = merged["speaker_descriptors"].get(key)
            if old is not None and old != desc:
                print(f"speaker descriptor {key!r} differs between halves: {part.name}", file=sys.stderr)
                return 1
            merged["speaker_descriptors"][key] = desc
        for stem, doc in gold["docs"].items():
            if stem in merged["docs"]:
                print(f"document {stem} in two halves", file=sys.stderr)
                return 1
            merged["docs"][stem] = doc
        merged["corpus_events"] += gold["corpus_events"]
    ids = [e["id"] for e in merged["corpus_events"]]
    if len(ids) != len(set(ids)):
        print("duplicate corpus event ids", file=sys.stderr)
        return 1
    out = HERE / "gold-examples.json"
    out.write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out.name}: {len(merged['docs'])} documents, {len(merged['corpus_events'])} corpus events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
