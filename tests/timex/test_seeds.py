"""The seeds' time expressions against the shared gold (../shared/eval/gold-dev.json)."""

from __future__ import annotations

import json

from veille.ingest.readers import read_inputs
from veille.pipeline import analyze_one


def _find(text: str, needle: str, n: int) -> int:
    t, nd, pos = text.replace("’", "'"), needle.replace("’", "'"), -1
    for _ in range(n):
        pos = t.find(nd, pos + 1)
        if pos < 0:
            return -1
    return pos


def test_seeds_timex_values_and_no_false_positives(shared_dir, nlp):
    gold = json.loads((shared_dir / "eval" / "gold-dev.json").read_text(encoding="utf-8"))
    files = {p.name[:3]: p for p in (shared_dir / "seeds").iterdir()}
    right = total = 0
    misses = []
    for key, gd in gold["docs"].items():
        docs = [d for r in read_inputs([str(files[key])]) for d in r.documents]
        doc = analyze_one(docs[0], nlp)
        for g in gd["timex"]:
            p = _find(doc.text, g["text"], g.get("n", 1))
            hit = [t for t in doc.timexes if t.start <= p < t.end + 1 and t.end > p]
            total += 1
            if hit and hit[0].value in g["accept"]:
                right += 1
            else:
                misses.append((key, g["text"], hit[0].value if hit else None))
        for g in gd.get("not_timex", []):
            p = _find(doc.text, g["text"], 1)
            assert not [t for t in doc.timexes if t.start <= p < t.end], f"{key}: '{g['text']}' tagged"
    assert right / total >= 0.95, misses
