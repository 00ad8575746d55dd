"""API latency on a large synthetic store: p50/p95/p99 of the timeline and search endpoints.

The store (10,000 articles by default) is built WITHOUT spaCy: synthetic French-style
documents with mentions, dates, quotes and event mentions, and the merged events, inserted
through the Store methods. Requests go through a real uvicorn server on 127.0.0.1 (or the
in-process TestClient with --client testclient).

    .venv/bin/python bench/bench_api.py [--docs 10000] [--requests 400] [--db PATH] [--keep]

Writes bench/results-api.json and prints a table. Target: p95 < 100 ms for timeline and search.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from veille.model import (
    Document,
    Entity,
    Event,
    EventMention,
    EventSource,
    Mention,
    Published,
    Quote,
    Source,
    Speaker,
    Timex,
    Trigger,
)
from veille.store import Store

HERE = Path(__file__).resolve().parent
FIRST = ["Claire", "Karl", "Amina", "Luc", "Sofia", "Henrik", "Inès", "Mateo", "Yara", "Pavel", "Léa", "Omar",
         "Nadia", "Jonas", "Élise", "Tomas", "Rania", "Hugo", "Greta", "Malik"]
LAST = ["Moreau", "Lindqvist", "Benali", "Ferrand", "Okafor", "Novak", "Duval", "Ramírez", "Sato", "Kowalski",
        "Haddad", "Brunet", "Castillo", "Olsen", "Petrov", "Garnier", "Mbeki", "Laurent", "Vidal", "Kaya"]
PLACES = ["Genève", "Lisbonne", "Varsovie", "Nairobi", "Séoul", "Québec", "Tunis", "Oslo", "Lima", "Hanoï",
          "Dakar", "Prague", "Bogota", "Vilnius", "Accra", "Montréal", "Riga", "Quito", "Tallinn", "Abidjan"]
ORGS = ["Union des ports", "Agence maritime", "Conseil nordique", "Banque régionale", "Alliance du Sud",
        "Office des pêches", "Comité des sages", "Fonds pour la paix", "Ligue des villes", "Forum de l'Élysée"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
# (sentence template, PLOVER type, mode, status): {a} and {b} are actors, {p} a place, {d} a date
EVENTS = [
    ("{a} a rencontré {b} à {p} {d}.", "CONSULT", "visit", "occurred"),
    ("{a} s'est entretenu par téléphone avec {b} {d}.", "CONSULT", "phone", "occurred"),
    ("{a} a menacé {b} de nouvelles sanctions {d}.", "THREATEN", None, "occurred"),
    ("{a} a accusé {b} de bloquer le port de {p} {d}.", "ACCUSE", None, "occurred"),
    ("{a} et {b} ont signé un accord à {p} {d}.", "AGREE", None, "occurred"),
    ("{a} doit se rendre à {p} pour voir {b} {d}.", "CONSULT", "visit", "planned"),
    ("{a} a imposé des sanctions à {b} {d}.", "SANCTION", None, "occurred"),
    ("{a} a rejeté la proposition de {b} {d}.", "REJECT", None, "occurred"),
    ("{a} a annoncé une aide à {b} {d}.", "AID", None, "occurred"),
    ("{a} a demandé à {b} un cessez-le-feu {d}.", "REQUEST", None, "occurred"),
]
QUOTES = ["Nous ne céderons pas", "La paix reste possible", "Le dialogue doit reprendre", "Il faut agir vite",
          "Personne ne gagne une guerre commerciale", "Nos ports resteront ouverts", "La confiance est rompue",
          "Cet accord est historique", "Nous attendons des garanties", "Le calendrier sera respecté"]
FILLER = ["Les discussions ont porté sur la sécurité régionale et le commerce.",
          "Plusieurs diplomates évoquent une négociation difficile.",
          "La presse locale parle d'un tournant dans la crise.",
          "Les marchés ont réagi avec prudence à ces annonces.",
          "Un communiqué commun doit être publié dans la soirée."]


def slug(name: str) -> str:
    import unicodedata

    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in folded).split())


def make_entities(rng: random.Random, n_people: int = 300) -> tuple[list[Entity], list[Entity], list[Entity]]:
    people: dict[str, Entity] = {}
    while len(people) < n_people:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        people[name] = Entity(f"ent:{slug(name)}", name, "PER", aliases=[name.split()[1]])
    places = [Entity(f"ent:{slug(p)}", p, "GPE") for p in PLACES]
    orgs = [Entity(f"ent:{slug(o)}", o, "ORG") for o in ORGS]
    return list(people.values()), places, orgs


class DocBuilder:
    """Appends sentences and records the spans it writes."""

    def __init__(self) -> None:
        self.text = ""
        self.mentions: list[Mention] = []
        self.timexes: list[Timex] = []
        self.quotes: list[Quote] = []
        self.events: list[EventMention] = []

    def add(self, template: str, values: dict[str, tuple[str, Entity | None | str]]) -> dict[str, tuple[int, int]]:
        """Fill a template; values: key -> (surface, Entity or timex value or None)."""
        spans: dict[str, tuple[int, int]] = {}
        if self.text:
            self.text += " "
        pos = 0
        while pos < len(template):
            i = template.find("{", pos)
            if i < 0:
                self.text += template[pos:]
                break
            self.text += template[pos:i]
            j = template.index("}", i)
            key = template[i + 1:j]
            surface, what = values[key]
            start = len(self.text)
            self.text += surface
            spans[key] = (start, len(self.text))
            if isinstance(what, Entity):
                self.mentions.append(Mention(start, len(self.text), surface, what.id, what.type, "name"))
            elif isinstance(what, str):
                self.timexes.append(Timex(f"t{len(self.timexes) + 1}", start, len(self.text), surface, "DATE", what,
                                          anchor="dct"))
            pos = j + 1
        return spans


def build_store(path: Path, n_docs: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    people, places, orgs = make_entities(rng)
    actors = people + orgs
    # a few very active actors, many occasional ones (as in news)
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(actors))]
    events: dict[tuple[Any, ...], Event] = {}
    t0 = time.perf_counter()
    with Store(path) as store:
        for n in range(n_docs):
            day = rng.randrange(0, 3 * 365)
            pub = time.strftime("%Y-%m-%d", time.gmtime(1672531200 + day * 86400))  # from 2023-01-01
            b = DocBuilder()
            pending: list[Event] = []
            for _ in range(rng.randint(2, 4)):
                template, etype, mode, status = rng.choice(EVENTS)
                a, other = rng.choices(actors, weights=weights, k=2)
                if a.id == other.id:
                    other = rng.choice(actors)
                place = rng.choice(places)
                ev_day = max(0, day - rng.randrange(0, 4))
                date = time.strftime("%Y-%m-%d", time.gmtime(1672531200 + ev_day * 86400))
                d_surface = f"le {int(date[8:])} {MONTHS[int(date[5:7]) - 1]}"
                spans = b.add(template, {"a": (a.name, a), "b": (other.name, other), "p": (place.name, place),
                                         "d": (d_surface, date)})
                verb_start = spans["a"][1] + 1
                verb_end = b.text.index(" ", verb_start + 3) if " " in b.text[verb_start + 3:] else len(b.text)
                em = EventMention(f"e{len(b.events) + 1}", etype, mode,
                                  Trigger(verb_start, verb_end, b.text[verb_start:verb_end]),
                                  sorted({a.id, other.id}), place.id if "{p}" in template else None,
                                  b.timexes[-1].id, status, date=date)  # type: ignore[arg-type]
                b.events.append(em)
                key = (etype, mode, tuple(em.participants), date, status)
                ev = events.get(key)
                if ev is None:
                    ev = events[key] = Event(f"ev{len(events) + 1:06d}", etype, mode, list(em.participants),
                                             em.place, date, status,  # type: ignore[arg-type]
                                             template.split(" {d}")[0].format(a=a.name, b=other.name, p=place.name))
                ev.sources.append(EventSource("", em.id))  # document id filled below
                pending.append(ev)
                if rng.random() < 0.7:
                    speaker = rng.choice([a, other])
                    words = rng.choice(QUOTES)
                    spans = b.add("« {q} », a déclaré {s}.", {"q": (words, None), "s": (speaker.name, speaker)})
                    qs, qe = spans["q"][0] - 2, spans["q"][1] + 2
                    ss, se = spans["s"]
                    b.quotes.append(Quote(f"q{len(b.quotes) + 1}", qs, qe, b.text[qs:qe], "direct",
                                          Speaker(ss, se, speaker.name, speaker.id), "a déclaré"))
                b.add(rng.choice(FILLER), {})
            doc_id = f"d{n:07d}"
            for ev in pending:
                ev.sources = [EventSource(doc_id, src.mention) if not src.document else src for src in ev.sources]
            used = {m.entity for m in b.mentions if m.entity}
            by_id = {e.id: e for e in actors + places}
            doc = Document(id=doc_id, source=f"synthetic/{doc_id}.txt", text=b.text,
                           title=f"{b.mentions[0].text} : {b.events[0].type.lower()} ({pub})",
                           published=Published(pub, "metadata"), mentions=b.mentions, timexes=b.timexes,
                           quotes=b.quotes, event_mentions=b.events,
                           entities={i: by_id[i] for i in used},
                           sources=[Source(f"synthetic/{doc_id}.txt")])
            store.add_document(doc)
        store.replace_events(events.values())
        stats = store.overview()
    return {"seconds": round(time.perf_counter() - t0, 1), "documents": stats["documents"],
            "events": stats["events"], "quotes": stats["quotes"], "mentions": stats["mentions"],
            "entities": stats["entities"]}


def request_mix(rng: random.Random, store_path: Path, n: int) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    with Store(store_path, readonly=True) as store:
        ids = [e["id"] for e in store.entity_page(limit=60)[0]]
    words = ["accord", "sanctions", "geneve", "port", "paix", "cessez-le-feu", "lisbonne", "elysee", "confiance",
             "negociation difficile", "moreau", "garanties", "dialogue reprendre", "tournant crise", "prague"]
    types = ["CONSULT", "THREATEN", "ACCUSE", "AGREE", "SANCTION"]
    timeline: list[tuple[str, dict[str, Any]]] = []
    search: list[tuple[str, dict[str, Any]]] = []
    for _ in range(n):
        params: dict[str, Any] = {"limit": 100}
        r = rng.random()
        if r < 0.35:
            params["actor"] = rng.choice(ids)
        elif r < 0.55:
            params["type"] = rng.choice(types)
        elif r < 0.75:
            year = rng.choice(["2023", "2024", "2025"])
            params["since"] = f"{year}-{rng.randint(1, 12):02d}"
            params["until"] = year
        elif r < 0.85:
            params["offset"] = rng.randrange(0, 5000)
        timeline.append(("/api/timeline", params))
        search.append(("/api/search", {"q": rng.choice(words)}))
    return {"timeline": timeline, "search": search,
            "timeline (page load, limit=2000)": [("/api/timeline", {"limit": 2000})] * max(20, n // 10),
            "events": [("/api/events", {"limit": 50, "actor": rng.choice(ids)}) for _ in range(max(20, n // 4))],
            "quotes": [("/api/quotes", {"q": rng.choice(words)}) for _ in range(max(20, n // 4))],
            "graph (cached)": [("/api/graph", {})] * max(10, n // 20),
            "graph (uncached: a new filter each time)": [
                ("/api/graph", {"since": f"{2023 + i // 12 % 3}-{i % 12 + 1:02d}", "max_nodes": 60 + i})
                for i in range(max(10, n // 20))],
            "documents": [("/api/documents", {"offset": rng.randrange(0, 9000)}) for _ in range(max(20, n // 4))]}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure(get: Callable[[str, dict[str, Any]], int], requests: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    for url, params in requests[:5]:  # warm-up: connections, page cache
        get(url, params)
    times = []
    errors = 0
    for url, params in requests:
        t = time.perf_counter()
        status = get(url, params)
        times.append((time.perf_counter() - t) * 1000)
        errors += status != 200
    return {"requests": len(times), "errors": errors, "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(percentile(times, 95), 2), "p99_ms": round(percentile(times, 99), 2),
            "max_ms": round(max(times), 2)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=400, help="requests per endpoint (timeline, search)")
    ap.add_argument("--db", type=Path, help="reuse or create the store here (default: a temporary file)")
    ap.add_argument("--client", choices=["uvicorn", "testclient"], default="uvicorn")
    ap.add_argument("--out", type=Path, default=HERE / "results-api.json")
    args = ap.parse_args(argv)

    import httpx

    from veille.api.app import create_app

    tmp = tempfile.TemporaryDirectory(prefix="veille-bench-")
    db = args.db or Path(tmp.name) / "bench.db"
    if db.exists():
        build = {"reused": str(db)}
        print(f"reusing {db}", file=sys.stderr)
    else:
        print(f"building a store of {args.docs} synthetic articles in {db} ...", file=sys.stderr)
        build = build_store(db, args.docs)
        print(f"built in {build['seconds']} s: {build}", file=sys.stderr)
    mix = request_mix(random.Random(11), db, args.requests)
    app = create_app(db)
    results: dict[str, Any] = {}
    if args.client == "testclient":
        from fastapi.testclient import TestClient

        with TestClient(app) as client:
            for name, reqs in mix.items():
                results[name] = measure(lambda u, p: client.get(u, params=p).status_code, reqs)
    else:
        import uvicorn

        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for name, reqs in mix.items():
                results[name] = measure(lambda u, p: client.get(u, params=p).status_code, reqs)
        server.should_exit = True
        thread.join(timeout=10)
    report = {"store": build, "client": args.client, "python": platform.python_version(),
              "machine": platform.machine(), "cpus": os.cpu_count(),
              "load_average_1m": round(os.getloadavg()[0], 2), "target_p95_ms": 100,
              "ok": all(results[k]["p95_ms"] < 100 and not results[k]["errors"] for k in ("timeline", "search")),
              "endpoints": results}
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{report['cpus']} CPUs, load average {report['load_average_1m']} while measuring")
    print(f"{'endpoint':42} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for name, r in results.items():
        print(f"{name:42} {r['requests']:5} {r['p50_ms']:8} {r['p95_ms']:8} {r['p99_ms']:8} {r['errors']:6}")
    print(f"p95 < 100 ms for timeline and search: {'yes' if report['ok'] else 'NO'}  ({args.out})")
    tmp.cleanup()
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
