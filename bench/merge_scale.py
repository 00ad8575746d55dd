#!/usr/bin/env python3
"""Scaling of the corpus event merge (`veille.events.merge.merge_events`).

Builds stores of N synthetic articles WITHOUT spaCy: each article only carries event mentions
(type, mode, participants, place, date, status) written through the Store API, as the events
stage would store them. Parsing 10,000 articles with the real pipeline takes hours on this
machine; the merge reads nothing but the event mention rows, so synthetic rows measure it
faithfully. The world: a fixed set of actors (a few very active ones, many occasional), real
events spread over `--span-days`, each reported by several articles with the noise of real
reports (a month instead of the day, no date, one participant missing, planned before the
date and occurred after it).

Measures, for each size: a full merge (`merge_events(store, full=True)`, the fastest of
`--repeat` runs, wall and CPU time: the machine may be shared), then the
incremental merge after adding 10 articles (`merge_events(store, new_ids=...)`), then a run
with nothing new (early exit). Prints the 10,000 / 1,000 ratio of the full merge.

    .venv/bin/python bench/merge_scale.py [--sizes 1000,10000] [--span-days 3650] [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from veille.events.merge import merge_events
from veille.model import Document, Entity, EventMention, Published, Trigger
from veille.store import Store

TYPES = [("CONSULT", None), ("CONSULT", "phone"), ("CONSULT", "visit"), ("AGREE", None), ("THREATEN", None),
         ("ACCUSE", None), ("REQUEST", None), ("SANCTION", None), ("SUPPORT", None)]
START = dt.date(2016, 1, 1)


class World:
    def __init__(self, n_docs: int, span_days: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.actors = [Entity(f"ent:acteur-{i:04d}", f"Acteur {i}", "PER") for i in range(400)]
        self.places = [Entity(f"ent:ville-{i:03d}", f"Ville {i}", "LOC") for i in range(60)]
        self.weights = [1.0 / (i + 1) ** 0.8 for i in range(len(self.actors))]
        self.span = span_days
        self.by_day: dict[int, list[dict[str, Any]]] = {}
        for n in range(int(n_docs * 1.2)):  # real-world events, about one per article
            etype, mode = self.rng.choice(TYPES)
            parts = {a.id for a in self.rng.choices(self.actors, weights=self.weights, k=2)}
            if self.rng.random() < 0.15:
                parts |= {a.id for a in self.rng.choices(self.actors, weights=self.weights, k=2)}
            day = self.rng.randrange(span_days)
            place = self.rng.choice(self.places).id if self.rng.random() < 0.6 else None
            self.by_day.setdefault(day, []).append({"n": n, "type": etype, "mode": mode, "parts": sorted(parts),
                                                    "day": day, "place": place})

    def event_near(self, day: int) -> dict[str, Any]:
        """A real event told by an article published on `day`: mostly the days before, some to come."""
        for _ in range(50):
            near = self.by_day.get(day + self.rng.randint(-6, 4))
            if near:
                return self.rng.choice(near)
        return self.rng.choice(self.by_day[self.rng.choice(sorted(self.by_day))])

    def mention(self, mid: str, pub: int) -> EventMention:
        ev = self.event_near(pub)
        when = START + dt.timedelta(days=ev["day"])
        r = self.rng.random()
        date = (when.isoformat() if r < 0.6 else f"{when.year}-{when.month:02d}" if r < 0.75
                else str(when.year) if r < 0.8 else None)
        parts = list(ev["parts"])
        r = self.rng.random()
        if r < 0.2 and len(parts) > 1:
            parts.remove(self.rng.choice(parts))
        elif r < 0.3:
            parts.append(self.rng.choice(self.actors).id)
        status = "planned" if ev["day"] > pub else "occurred"
        place = ev["place"] if self.rng.random() < 0.5 else None
        return EventMention(mid, ev["type"], ev["mode"], Trigger(0, 5, "texte"), sorted(set(parts)), place, None,
                            status, date=date)

    def document(self, n: int, pub: int | None = None) -> Document:
        pub = self.rng.randrange(self.span) if pub is None else pub
        mentions = [self.mention(f"e{k + 1}", pub) for k in range(self.rng.randint(2, 4))]
        used = {p for m in mentions for p in m.participants} | {m.place for m in mentions if m.place}
        entities = {e.id: e for e in self.actors + self.places if e.id in used}
        doc_id = f"doc{n:07d}"
        published = (START + dt.timedelta(days=pub)).isoformat()
        return Document(id=doc_id, source=f"synthetic/{doc_id}.txt", text=f"Article synthétique {n}.",
                        published=Published(published, "metadata"), event_mentions=mentions, entities=entities)


def _merge(store: Store, **kwargs: Any) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process): on a shared machine the CPU time is the
    steadier measure of the work."""
    start, cpu = time.perf_counter(), time.process_time()
    merge_events(store, **kwargs)
    return time.perf_counter() - start, time.process_time() - cpu


def measure(n_docs: int, span_days: int, seed: int, folder: Path, repeat: int = 1) -> dict[str, Any]:
    world = World(n_docs + 10, span_days, seed)
    out: dict[str, Any] = {"documents": n_docs}
    path = folder / f"merge-{n_docs}.db"
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    with Store(path) as store:
        t = time.perf_counter()
        for n in range(n_docs):
            store.add_document(world.document(n))
        out["build_s"] = round(time.perf_counter() - t, 2)
        out["event_mentions"] = store.stats()["event_mentions"]
        runs = [_merge(store, full=True) for _ in range(repeat)]  # the same rebuild each time: the best is
        wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)  # the least disturbed by other processes
        out["full_s"], out["full_cpu_s"] = round(wall, 3), round(cpu, 3)
        out["events"] = store.count_events()
        incremental = "new_ids" in inspect.signature(merge_events).parameters
        new = [world.document(n_docs + k) for k in range(10)]
        for doc in new:
            store.add_document(doc)
        kwargs: dict[str, Any] = {"new_ids": [d.id for d in new]} if incremental else {}
        out["add10_s"], out["add10_cpu_s"] = (round(x, 3) for x in _merge(store, **kwargs))
        out["nothing_new_s"] = round(_merge(store, **({"new_ids": []} if incremental else {}))[0], 3)
        out["events_after_add"] = store.count_events()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--span-days", type=int, default=3650, help="days the corpus covers (default ten years)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="full merges per size; the fastest is kept")
    ap.add_argument("--dir", help="keep the stores in this folder (default: a temporary one)")
    ap.add_argument("--out", help="also write the figures to this JSON file")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(a.dir) if a.dir else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        measure(20, a.span_days, a.seed, folder)  # warm-up: the knowledge base is loaded once per process
        for n in sizes:
            r = measure(n, a.span_days, a.seed, folder, a.repeat)
            results.append(r)
            print(f"{n:>7} articles, {r['event_mentions']:>6} mentions -> {r['events']:>6} events: full merge "
                  f"{r['full_s']:.3f}s (CPU {r['full_cpu_s']:.3f}s); +10 articles {r['add10_s']:.3f}s "
                  f"(CPU {r['add10_cpu_s']:.3f}s); nothing new {r['nothing_new_s']:.3f}s"
                  f" (store built in {r['build_s']:.1f}s)", flush=True)
    summary: dict[str, Any] = {"span_days": a.span_days, "seed": a.seed, "repeat": a.repeat, "runs": results}
    if len(results) >= 2 and results[0]["full_s"] > 0 and results[0]["full_cpu_s"] > 0:
        ratio = results[-1]["full_s"] / results[0]["full_s"]
        cpu_ratio = results[-1]["full_cpu_s"] / results[0]["full_cpu_s"]
        summary["ratio"], summary["cpu_ratio"] = round(ratio, 2), round(cpu_ratio, 2)
        print(f"full merge {results[-1]['documents']} / {results[0]['documents']} articles: x{ratio:.1f} wall,"
              f" x{cpu_ratio:.1f} CPU (target < 15)")
    if a.out:
        Path(a.out).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
