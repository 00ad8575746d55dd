"""A live veille server over a small store, and a headless Chromium driven by Playwright.

The store holds the example corpus (or, while examples/ is empty, a few articles written
here), an article full of HTML/JS injection attempts, and directly inserted documents with
events, so the page always has a timeline to show whatever extraction stages exist.
"""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

# injection attempts: none of them may run in the page
XSS_SCRIPT = "<script>window.__pwned = 'script'</script>"
XSS_IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
XSS_SVG = "<svg onload=\"window.__pwned = 'svg'\"></svg>"

FALLBACK_ARTICLES = {
    "a1_sommet_lisbonne.txt": (
        "titre: Sommet à Lisbonne sur la sécurité maritime\ndate: 2025-05-12\n\n"
        "La présidente de la Commission européenne s'est rendue lundi à Lisbonne pour un sommet consacré "
        "à la sécurité maritime. « Nos ports doivent rester ouverts », a-t-elle affirmé devant la presse.\n\n"
        "Le Premier ministre portugais a annoncé qu'une nouvelle réunion se tiendrait en juin à Bruxelles."),
    "a2_appel_ottawa.txt": (
        "titre: Appel entre Ottawa et Paris\ndate: 2025-05-14\n\n"
        "Le Premier ministre canadien a téléphoné mercredi au président français pour évoquer la pêche "
        "dans l'Atlantique Nord. Les deux dirigeants ont convenu de se revoir à l'Élysée à l'automne."),
}
XSS_ARTICLE = (
    f"titre: Article piégé {XSS_SCRIPT}\ndate: 2025-05-20\n\n"
    f"Le porte-parole du ministère a publié un message étrange {XSS_SCRIPT} dans la matinée. "
    f"Une image {XSS_IMG} accompagnait le texte, ainsi qu'un dessin {XSS_SVG}.\n\n"
    "« Rien de tout cela n'est exécuté », a assuré le porte-parole."
)


def _at(text: str, sub: str) -> tuple[int, int]:
    start = text.index(sub)
    return start, start + len(sub)


def direct_documents() -> tuple[list[Document], list[Event]]:
    """Two articles with mentions, dates, quotes and events, one of them hostile."""
    ents = {
        "ent:claire-moreau": Entity("ent:claire-moreau", "Claire Moreau", "PER"),
        "ent:karl-lindqvist": Entity("ent:karl-lindqvist", "Karl Lindqvist", "PER"),
        "ent:nordavia": Entity("ent:nordavia", f"Nordavia {XSS_IMG}", "GPE"),
    }
    t1 = ("La ministre Claire Moreau a rencontré jeudi Karl Lindqvist à Genève. "
          "« Nous avons trouvé un terrain d'entente », a déclaré Claire Moreau après l'entretien. "
          "Karl Lindqvist a ensuite appelé le gouvernement de Nordavia, qui a menacé de quitter les négociations.")
    d1 = Document(id="dweb1", source="direct/geneve.txt", text=t1, title="Entretien à Genève",
                  published=Published("2025-05-16", "metadata"))
    t2 = (f"Karl Lindqvist a accusé Nordavia {XSS_SCRIPT} de bloquer le port. "
          f"« Cette situation {XSS_IMG} ne peut plus durer », a dit Karl Lindqvist le 18 mai.")
    d2 = Document(id="dweb2", source="direct/port.txt", text=t2, title=f"Port bloqué {XSS_IMG}",
                  published=Published("2025-05-19", "metadata"))
    for doc in (d1, d2):
        doc.sources = [Source(doc.source, None, doc.title)]
        doc.entities = dict(ents)

    def mention(doc: Document, surface: str, entity: str, etype: str) -> None:
        s, e = _at(doc.text, surface)
        doc.mentions.append(Mention(s, e, surface, entity, etype, "name"))

    mention(d1, "Claire Moreau", "ent:claire-moreau", "PER")
    mention(d1, "Karl Lindqvist", "ent:karl-lindqvist", "PER")
    mention(d1, "Nordavia", "ent:nordavia", "GPE")
    s, e = _at(t1, "jeudi")
    d1.timexes.append(Timex("t1", s, e, "jeudi", "DATE", "2025-05-15", anchor="dct"))
    qs, qe = _at(t1, "« Nous avons trouvé un terrain d'entente »")
    ss, se = _at(t1, "Claire Moreau a")
    d1.quotes.append(Quote("q1", qs, qe, t1[qs:qe], "direct", Speaker(ss, ss + 13, "Claire Moreau", "ent:claire-moreau"),
                           "a déclaré"))
    for i, (trigger, etype, mode, parts, date) in enumerate([
            ("rencontré", "CONSULT", "visit", ["ent:claire-moreau", "ent:karl-lindqvist"], "2025-05-15"),
            ("appelé", "CONSULT", "phone", ["ent:karl-lindqvist", "ent:nordavia"], "2025-05-16"),
            ("menacé", "THREATEN", None, ["ent:nordavia"], "2025-05-16")], 1):
        s, e = _at(t1, trigger)
        d1.event_mentions.append(EventMention(f"e{i}", etype, mode, Trigger(s, e, trigger), parts, None, None,
                                              "occurred", date=date))
    mention(d2, "Karl Lindqvist", "ent:karl-lindqvist", "PER")
    mention(d2, "Nordavia", "ent:nordavia", "GPE")
    s, e = _at(t2, "le 18 mai")
    d2.timexes.append(Timex("t1", s, e, "le 18 mai", "DATE", "2025-05-18", anchor="dct"))
    qs, qe = _at(t2, f"« Cette situation {XSS_IMG} ne peut plus durer »")
    ss, se = _at(t2, "Karl Lindqvist le")
    d2.quotes.append(Quote("q1", qs, qe, t2[qs:qe], "direct",
                           Speaker(ss, ss + 14, "Karl Lindqvist", "ent:karl-lindqvist"), "a dit"))
    s, e = _at(t2, "accusé")
    d2.event_mentions.append(EventMention("e1", "ACCUSE", None, Trigger(s, e, "accusé"),
                                          ["ent:karl-lindqvist", "ent:nordavia"], None, None, "occurred",
                                          date="2025-05-19"))
    events = [
        Event("evw1", "CONSULT", "visit", ["ent:claire-moreau", "ent:karl-lindqvist"], None, "2025-05-15", "occurred",
              "Claire Moreau rencontre Karl Lindqvist", [EventSource("dweb1", "e1")]),
        Event("evw2", "CONSULT", "phone", ["ent:karl-lindqvist", "ent:nordavia"], None, "2025-05-16", "occurred",
              "Karl Lindqvist appelle Nordavia", [EventSource("dweb1", "e2")]),
        Event("evw3", "THREATEN", None, ["ent:nordavia"], None, "2025-05-16", "occurred",
              f"Nordavia menace {XSS_SCRIPT}", [EventSource("dweb1", "e3")]),
        Event("evw4", "ACCUSE", None, ["ent:karl-lindqvist", "ent:nordavia"], None, "2025-05-19", "occurred",
              f"Karl Lindqvist accuse Nordavia {XSS_IMG}", [EventSource("dweb2", "e1")]),
    ]
    return [d1, d2], events


def _example_files(examples: Path) -> list[Path]:
    if not examples.is_dir():
        return []
    return sorted(p for p in examples.rglob("*") if p.is_file() and p.suffix in {".txt", ".html", ".htm", ".jsonl"})


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from veille.corpus.process import ingest

    tmp = tmp_path_factory.mktemp("web")
    folder = tmp / "articles"
    folder.mkdir()
    (folder / "zz_piege.txt").write_text(XSS_ARTICLE, encoding="utf-8")
    examples = _example_files(ROOT / "examples")
    if not examples:
        for name, text in FALLBACK_ARTICLES.items():
            (folder / name).write_text(text, encoding="utf-8")
    db = tmp / "web.db"
    info: dict[str, Any] = {"db": db, "examples": len(examples), "ingested": False}
    with Store(db) as store:
        try:
            ingest([str(p) for p in examples] + [str(folder)], store, workers=1)
            info["ingested"] = True
        except Exception as exc:  # noqa: BLE001 - another stage may be mid-change; the page must still work
            warnings.warn(f"ingesting the example corpus failed: {exc!r}", stacklevel=1)
        docs, events = direct_documents()
        for doc in docs:
            store.add_document(doc)
        store.upsert_events(events)
    return info


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_db: dict[str, Any]) -> Iterator[str]:
    import uvicorn

    from veille.api.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(web_db["db"]), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the veille server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    pg = context.new_page()
    pg.problems = []  # page errors and dialogs: an injected script would show up here
    pg.on("pageerror", lambda exc: pg.problems.append(f"pageerror: {exc}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.base = live_server
    yield pg
    context.close()


@pytest.fixture()
def shot() -> Any:
    """shot(page, name): a full-page screenshot under screenshots/ (git-ignored)."""

    def take(pg: Any, name: str, full_page: bool = False) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)

    return take
