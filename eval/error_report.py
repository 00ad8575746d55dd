#!/usr/bin/env python3
"""Every miss of the gold sets, with what veille produced around it (for eval/ERRORS.md).

usage: error_report.py [--sets real-dev,seeds,examples] [--real-dev DIR] [--export NAME=FILE ...]
                       [--metric PREFIX ...] [--keep DIR] [--summary]

Runs `veille extract` on each set (or reads an existing export given with --export), runs
../shared/eval/score.py -v on it unchanged, and prints the misses grouped by metric. Under
each miss: the sentence of the article where the gold item sits, then the system output that
overlaps it (T timexes, M mentions, Q quotes with speaker and cue, E event mentions); for
event misses the gold event and the closest merged system events; for publication dates the
head of the text. Stdlib only; the article text is printed to the terminal, never stored.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MISS = re.compile(r"^\s*MISS (\w+): (.*)$")
FIGURE = re.compile(r"^(\w+)\s+(\d+)/(\d+)\s")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'").strip()


def nth_find(text: str, needle: str, n: int = 1) -> int:
    t, nd, pos = text.replace("’", "'"), needle.replace("’", "'"), -1
    for _ in range(n):
        pos = t.find(nd, pos + 1)
        if pos < 0:
            return -1
    return pos


def sets_config(a: argparse.Namespace) -> dict[str, tuple[list[str], Path]]:
    shared = Path(a.shared)
    return {
        "real-dev": ([a.real_dev], shared / "eval" / "real-dev" / "gold.json"),
        "seeds": ([str(shared / "seeds")], shared / "eval" / "gold-dev.json"),
        "examples": ([str(ROOT / "examples")], ROOT / "eval" / "gold-examples.json"),
    }


def extract(veille: str, inputs: list[str], out: Path) -> None:
    cmd = veille.split() if Path(veille.split()[0]).exists() else [sys.executable, "-m", "veille.cli"]
    out.unlink(missing_ok=True)
    subprocess.run([*cmd, "extract", *inputs, "-o", str(out)], check=False, stdout=subprocess.DEVNULL)


class Report:
    def __init__(self, export: dict, gold: dict) -> None:
        self.gold = gold
        self.ents = {e["id"]: e for e in export.get("entities", [])}
        self.events = export.get("events", [])
        self.docs: dict[str, dict] = {}
        for d in export.get("documents", []):
            stem = Path(str(d.get("source", d.get("id", "")))).name[:3]
            self.docs[stem if stem in gold["docs"] else str(d.get("id", ""))[:3]] = d
        self.key_of_doc = {d["id"]: k for k, d in self.docs.items()}
        self.aliases = {k: [norm(x) for x in v] for k, v in gold["entities"].items()}

    # ---- naming -------------------------------------------------------------------------
    def keys(self, eid: str | None) -> set[str]:
        e = self.ents.get(eid or "")
        if not e:
            return set()
        names = [norm(x) for x in [e.get("name", ""), *(e.get("aliases") or [])]]
        return {k for k, al in self.aliases.items() for n in names
                if any(x == n or re.search(r"\b" + re.escape(x) + r"\b", n) for x in al)}

    def ent(self, eid: str | None) -> str:
        if not eid:
            return "-"
        name = self.ents.get(eid, {}).get("name", eid)
        ks = self.keys(eid)
        return f"{name}[{','.join(sorted(ks))}]" if ks else name

    def speaker(self, sp: dict | None) -> str:
        if not sp:
            return "NO SPEAKER"
        return f"'{sp.get('text')}'->{self.ent(sp.get('entity'))}"

    # ---- context ------------------------------------------------------------------------
    @staticmethod
    def sentence(text: str, pos: int, length: int) -> tuple[int, int]:
        left = max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1, pos - 220, 0)
        ends = [i for i in (text.find(". ", pos + length), text.find("\n", pos + length)) if i >= 0]
        right = min([*ends, pos + length + 220, len(text)])
        return left, min(right + 1, len(text))

    def around(self, key: str, pos: int, length: int, label: str = "") -> list[str]:
        d = self.docs.get(key)
        if d is None:
            return ["    (document missing from the export)"]
        text = d.get("text", "")
        if pos < 0:
            return [f"    (gold text not found in the document{label})"]
        lo, hi = self.sentence(text, pos, length)
        s = text[lo:pos] + "⟦" + text[pos:pos + length] + "⟧" + text[pos + length:hi]
        out = [f"    @{pos}{label}: " + " ".join(s.split())]

        def over(x: dict) -> bool:
            return x["start"] < hi and x["end"] > lo
        tx = [f"'{t['text']}'={t.get('value')}({t.get('type')})" for t in d.get("timexes", []) if over(t)]
        ms = [f"'{m['text']}'->{self.ent(m.get('entity'))}" + ("" if m.get("link") in (None, "name") else
              f"/{m['link']}") for m in d.get("mentions", []) if over(m)]
        qs = [f"[{q.get('kind')}] «{' '.join(q.get('text', '').split())[:50]}» by {self.speaker(q.get('speaker'))}"
              f" cue={q.get('cue')!r}" for q in d.get("quotes", []) if over(q)]
        es = [f"{e.get('type')} '{e['trigger']['text']}' {[self.ent(p) for p in e.get('participants', [])]}"
              f" date={e.get('date')} {e.get('status')}" for e in d.get("event_mentions", [])
              if e.get("trigger") and lo <= e["trigger"]["start"] < hi]
        for tag, items in (("T", tx), ("M", ms), ("Q", qs), ("E", es)):
            if items:
                out.append(f"      {tag}: " + ("; ".join(items) if tag in "TM" else
                                                 "\n         ".join(items)))
        return out

    def gold_items(self, key: str, field: str, attr: str, value: str) -> list[dict]:
        items = self.gold["docs"].get(key, {}).get(field, [])
        return [g for g in items if g.get(attr, "").replace("’", "'") == value.replace("’", "'")]

    # ---- one miss -----------------------------------------------------------------------
    def explain(self, metric: str, detail: str) -> list[str]:
        m = re.match(r"event (\S+)", detail)
        if metric.startswith("event_") and m:
            return self.explain_event(m.group(1))
        key = detail[:3]
        if metric.startswith("published"):
            d = self.docs.get(key, {})
            head = " ".join(d.get("text", "")[:160].split())
            tx = [f"'{t['text']}'={t.get('value')}" for t in d.get("timexes", []) if t["start"] < 400]
            return [f"    published={d.get('published')} title={d.get('title')!r}",
                    f"    head: {head}", f"    early timexes: {'; '.join(tx) or '-'}"]
        if metric == "entity_recall":
            k = detail.split()[2]
            text = norm(self.docs.get(key, {}).get("text", ""))
            out = [f"    gold aliases of {k}: {self.gold['entities'].get(k)}"]
            for al in self.aliases.get(k, []):
                p = text.find(al)
                if p >= 0:
                    out += self.around(key, p, len(al), f" alias '{al}'")
                    break
            else:
                out.append("    (no alias occurs literally: needs a description, metonym or demonym)")
            return out
        m = (re.match(r"\S+ '(.*)'#(\d+) got", detail) or re.match(r"\S+ «(.*?)»", detail)
             or re.match(r"\S+ indirect '(.*?)' got", detail) or re.match(r"\S+ '(.*?)' (?:->|wrongly|tagged|taken)", detail)
             or re.match(r"\S+ spurious quote «(.*)»$", detail))
        if not m:
            return ["    (could not parse the miss)"]
        needle = m.group(1)
        if m.re.pattern.endswith("got") and m.lastindex == 2:
            ns = [int(m.group(2))]
        else:
            field = {"mention_link": ("mentions", "text"), "quote_found": ("quotes", "starts"),
                     "quote_speaker": ("quotes", "starts")}.get(metric)
            ns = sorted({g.get("n", 1) for g in self.gold_items(key, *field, needle)}) if field else [1]
            ns = ns or [1]
        g = self.gold_items(key, "quotes", "starts", needle) if metric.startswith("quote_") else []
        out = [f"    gold speaker {g[0]['speaker']} kind {g[0].get('kind')}"] if g else []
        text = self.docs.get(key, {}).get("text", "")
        for n in ns:
            pos = nth_find(text, needle, n)
            out += self.around(key, pos, len(needle), f" #{n}" if len(ns) > 1 else "")
            out += self.span_hint(metric, key, pos, len(needle))
        return out

    def span_hint(self, metric: str, key: str, pos: int, length: int) -> list[str]:
        """The scorer matches by start offset: say when a system item overlaps the gold text but starts late."""
        field, slack = {"timex_value": ("timexes", 0), "mention_link": ("mentions", 2)}.get(metric, ("", 0))
        if not field or pos < 0:
            return []
        late = [x for x in self.docs.get(key, {}).get(field, [])
                if pos + slack < x["start"] < pos + min(length, 17) and (field == "timexes" or x.get("entity"))]
        return [f"    hint: system {field.rstrip('es')} '{x['text']}' starts {x['start'] - pos} chars into the gold text"
                f" (the scorer wants start <= gold start{' + 2' if slack else ''})" for x in late[:1]]

    def explain_event(self, gid: str) -> list[str]:
        g = next((x for x in self.gold["corpus_events"] if x["id"] == gid), None)
        if g is None:
            return ["    (unknown gold event)"]
        out = [f"    gold: {'/'.join(g['type'])} {g['participants']} date={g['date']} place={g.get('place')}"
               f" docs={g['docs']}"]
        scored = []
        for e in self.events:
            docs = {self.key_of_doc.get(s.get("document")) for s in e.get("sources", [])}
            if not docs & set(g["docs"]):
                continue
            pk = set().union(*[self.keys(p) for p in e.get("participants", [])]) if e.get("participants") else set()
            score = (2 * (e.get("type") in g["type"]) + len(pk & set(g["participants"]))
                     + (bool(g["date"]) and e.get("date") in g["date"]))
            if score >= 2:
                scored.append((-score, e["id"], e, pk, docs))
        for _, _, e, pk, docs in sorted(scored, key=lambda x: x[:2])[:4]:
            out.append(f"      sys: {e.get('type')} {sorted(pk) or [self.ent(p) for p in e.get('participants', [])]}"
                       f" date={e.get('date')} place={self.ent(e.get('place'))} docs={sorted(x for x in docs if x)}"
                       f" «{e.get('summary', '')[:70]}»")
        if not scored:
            ems = [f"{k}:{e.get('type')} '{e['trigger']['text']}' {[self.ent(p) for p in e.get('participants', [])]}"
                   for k in g["docs"] for e in self.docs.get(k, {}).get("event_mentions", []) if e.get("trigger")]
            out.append("      sys: nothing close; event mentions of these documents: " + ("; ".join(ems[:8]) or "none"))
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="real-dev,seeds,examples")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--real-dev", default=str(ROOT.parent / "real-dev-texts"), help="folder of the real-dev texts")
    ap.add_argument("--veille", default=str(ROOT / ".venv" / "bin" / "veille"), help="command that runs veille")
    ap.add_argument("--export", action="append", default=[], metavar="NAME=FILE", help="use this export, no run")
    ap.add_argument("--keep", metavar="DIR", help="keep the exports made here")
    ap.add_argument("--metric", action="append", help="only these metrics (prefix)")
    ap.add_argument("--summary", action="store_true", help="figures and miss counts only")
    a = ap.parse_args()
    score_py = Path(a.shared) / "eval" / "score.py"
    given = dict(x.split("=", 1) for x in a.export)
    config = sets_config(a)
    with tempfile.TemporaryDirectory() as tmp:
        outdir = Path(a.keep or tmp)
        outdir.mkdir(parents=True, exist_ok=True)
        for name in a.sets.split(","):
            inputs, gold = config[name]
            export = Path(given[name]) if name in given else outdir / f"{name}.json"
            if name not in given:
                if not all(Path(x).exists() for x in inputs):
                    print(f"\n== {name}: skipped, {inputs[0]} not found", file=sys.stderr)
                    continue
                extract(a.veille, inputs, export)
            if not export.exists():
                print(f"\n== {name}: no export at {export}", file=sys.stderr)
                continue
            res = subprocess.run([sys.executable, str(score_py), str(export), "--gold", str(gold), "-v"],
                                 capture_output=True, text=True, check=False)
            misses: dict[str, list[str]] = {}
            figures = []
            for line in res.stdout.splitlines():
                if m := MISS.match(line):
                    misses.setdefault(m.group(1), []).append(m.group(2))
                elif FIGURE.match(line) or line.startswith("seed gold overall"):
                    figures.append(line)
            print(f"\n{'=' * 100}\n== {name}: {export}\n" + "\n".join(figures))
            if a.summary:
                print("misses: " + ", ".join(f"{k} {len(v)}" for k, v in misses.items()))
                continue
            rep = Report(json.loads(export.read_text(encoding="utf-8")), json.loads(gold.read_text(encoding="utf-8")))
            for metric, items in misses.items():
                if a.metric and not any(metric.startswith(p) for p in a.metric):
                    continue
                print(f"\n-- {metric}: {len(items)} misses")
                for detail in items:
                    print(f"  * {detail}")
                    print("\n".join(rep.explain(metric, detail)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
