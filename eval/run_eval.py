#!/usr/bin/env python3
"""`make eval`: veille and its peers scored side by side on every gold set we have.

- the seeds (../shared/seeds) against ../shared/eval/gold-dev.json;
- our examples (examples/) against eval/gold-examples.json (written before tuning);
- with --real-dev DIR, the real articles in DIR against ../shared/eval/real-dev/gold.json.
Scoring is ../shared/eval/score.py, unchanged. Peers not installed are left out.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

from peers import PEERS  # noqa: E402

# the metrics each peer addresses; the others are left blank for it
PEER_METRICS = {
    "heideltime": ("timex_",),
    "dateparser": ("timex_",),
    "spacy-ner": ("mention_link", "entity_recall"),
    "naive-quotes": ("quote_", "indirect_speaker"),
}
LINE = re.compile(r"^(?P<metric>\w+)\s+(?P<ok>\d+)/(?P<n>\d+)\s+(?P<pct>[\d.]+)%")


def veille_extract(inputs: list[str], out: Path) -> None:
    cmd = [str(ROOT / ".venv" / "bin" / "veille"), "extract", *inputs, "-o", str(out)]
    if not Path(cmd[0]).exists():
        cmd = [sys.executable, "-m", "veille.cli", "extract", *inputs, "-o", str(out)]
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)


def score(score_py: Path, export: Path, gold: Path) -> dict[str, tuple[int, int]]:
    res = subprocess.run([sys.executable, str(score_py), str(export), "--gold", str(gold)],
                         capture_output=True, text=True, check=False)
    figures = {}
    for line in res.stdout.splitlines():
        m = LINE.match(line.strip())
        if m:
            figures[m.group("metric")] = (int(m.group("ok")), int(m.group("n")))
    return figures


def table(title: str, columns: dict[str, dict[str, tuple[int, int]]]) -> str:
    metrics: list[str] = []
    for figs in columns.values():
        metrics += [m for m in figs if m not in metrics]
    names = list(columns)
    lines = [f"\n== {title}", f"{'metric':26s}" + "".join(f"{n:>14s}" for n in names)]
    for m in metrics:
        row = f"{m:26s}"
        for n in names:
            ok, tot = columns[n].get(m, (0, 0))
            shown = n == "veille" or m.startswith(PEER_METRICS.get(n, ()))
            row += f"{(ok / tot if tot else 0):>13.1%} " if shown and tot else f"{'-':>14s}"
        n_gold = columns["veille"].get(m, (0, 0))[1]
        lines.append(row + f"   (n={n_gold})")
    return "\n".join(lines)


def evaluate(title: str, inputs: list[str], gold: Path, score_py: Path, peers: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "veille.json"
        veille_extract(inputs, out)
        columns = {"veille": score(score_py, out, gold)}
        if peers and out.exists():
            export = json.loads(out.read_text(encoding="utf-8"))
            for name, peer in PEERS.items():
                try:
                    peer_export = peer(export)
                except ImportError:
                    continue
                except Exception as exc:  # a peer's own failure must not hide veille's figures
                    print(f"peer {name} failed: {exc}", file=sys.stderr)
                    continue
                path = Path(tmp) / f"{name}.json"
                path.write_text(json.dumps(peer_export, ensure_ascii=False), encoding="utf-8")
                columns[name] = score(score_py, path, gold)
        return table(title, columns)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--real-dev", default=None, help="folder of the real-dev article texts")
    ap.add_argument("--no-peers", action="store_true")
    a = ap.parse_args()
    shared = Path(a.shared)
    score_py = shared / "eval" / "score.py"
    if not score_py.exists():
        print(f"no scorer at {score_py}: ../shared is needed for make eval", file=sys.stderr)
        return 2
    peers = not a.no_peers
    print(evaluate("seeds (gold-dev.json)", [str(shared / "seeds")], shared / "eval" / "gold-dev.json",
                   score_py, peers))
    examples_gold = ROOT / "eval" / "gold-examples.json"
    if examples_gold.exists():
        print(evaluate("examples (eval/gold-examples.json)", [str(ROOT / "examples")], examples_gold,
                       score_py, peers))
    if a.real_dev:
        print(evaluate("real-dev (real-dev/gold.json)", [a.real_dev], shared / "eval" / "real-dev" / "gold.json",
                       score_py, peers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
