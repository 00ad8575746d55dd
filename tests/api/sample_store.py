"""A small store built directly through Store methods (no spaCy): three articles, five events.

Imported by conftest.py and the API tests (pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

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

ENTITIES = {
    "ent:emmanuel-macron": Entity("ent:emmanuel-macron", "Emmanuel Macron", "PER", aliases=["Macron"]),
    "ent:olaf-scholz": Entity("ent:olaf-scholz", "Olaf Scholz", "PER", aliases=["Scholz"]),
    "ent:berlin": Entity("ent:berlin", "Berlin", "GPE"),
    "kb:elysee": Entity("kb:elysee", "Élysée", "ORG", description="présidence française"),
    "ent:acme": Entity("ent:acme", "Acme", "ORG"),
    "ent:jean-dupont": Entity("ent:jean-dupont", "Jean Dupont", "PER"),
}


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def make_doc(doc_id: str, text: str, published: str | None, title: str,
             mentions: list[tuple[str, str | None, str]] = (),  # type: ignore[assignment]
             timexes: list[tuple[str, str]] = (),  # type: ignore[assignment]
             quotes: list[tuple[str, str, str | None, str]] = (),  # type: ignore[assignment]
             events: list[tuple[str, str, str | None, list[str], str | None, str]] = ()) -> Document:  # type: ignore[assignment]
    """mentions: (surface, entity, type); timexes: (surface, value); quotes: (surface, kind,
    speaker entity, speaker surface); events: (trigger, type, mode, participants, date, status)."""
    doc = Document(id=doc_id, source=f"{doc_id}.txt", text=text, title=title,
                   published=Published(published, "metadata" if published else "unknown"))
    doc.sources = [Source(doc.source, None, title)]
    for surface, entity, etype in mentions:
        s, e = at(text, surface)
        doc.mentions.append(Mention(s, e, surface, entity, etype, "name"))
        if entity:
            doc.entities[entity] = ENTITIES[entity]
    for i, (surface, value) in enumerate(timexes, 1):
        s, e = at(text, surface)
        doc.timexes.append(Timex(f"t{i}", s, e, surface, "DATE", value, anchor="dct"))
    for i, (surface, kind, speaker, speaker_text) in enumerate(quotes, 1):
        s, e = at(text, surface)
        ss, se = at(text, speaker_text)
        doc.quotes.append(Quote(f"q{i}", s, e, surface, kind,  # type: ignore[arg-type]
                                Speaker(ss, se, speaker_text, speaker), cue="a déclaré"))
    for i, (trigger, etype, mode, participants, date, status) in enumerate(events, 1):
        s, e = at(text, trigger)
        doc.event_mentions.append(EventMention(f"e{i}", etype, mode, Trigger(s, e, trigger), participants, None,
                                               None, status, date=date))  # type: ignore[arg-type]
        for p in participants:
            doc.entities[p] = ENTITIES[p]
    return doc


TEXT_A = ("Emmanuel Macron a rencontré Olaf Scholz à Berlin le 3 mars. "
          "« Nous devons agir ensemble face à la crise », a déclaré Emmanuel Macron depuis l'Élysée.")
TEXT_B = ("Le chancelier Olaf Scholz a téléphoné à Emmanuel Macron le 4 mars. "
          "Il a aussi menacé de sanctions la société Acme, selon un communiqué.\n\n"
          "« La patience a des limites », a prévenu Olaf Scholz. M. Scholz a rencontré Emmanuel Macron à Berlin le 3 mars.")
TEXT_C = ("Une réunion est prévue à Berlin en avril entre Jean Dupont et Olaf Scholz. "
          "Jean Dupont a estimé que la discussion serait difficile.")


def sample_documents() -> list[Document]:
    a = make_doc("dA", TEXT_A, "2025-03-04", "Macron et Scholz à Berlin",
                 mentions=[("Emmanuel Macron", "ent:emmanuel-macron", "PER"), ("Olaf Scholz", "ent:olaf-scholz", "PER"),
                           ("Berlin", "ent:berlin", "GPE"), ("Élysée", "kb:elysee", "ORG")],
                 timexes=[("le 3 mars", "2025-03-03")],
                 quotes=[("« Nous devons agir ensemble face à la crise »", "direct", "ent:emmanuel-macron",
                          "Emmanuel Macron")],
                 events=[("rencontré", "CONSULT", "visit", ["ent:emmanuel-macron", "ent:olaf-scholz"], "2025-03-03",
                          "occurred")])
    b = make_doc("dB", TEXT_B, "2025-03-05", "Scholz appelle Macron",
                 mentions=[("Olaf Scholz", "ent:olaf-scholz", "PER"), ("Emmanuel Macron", "ent:emmanuel-macron", "PER"),
                           ("Acme", "ent:acme", "ORG"), ("communiqué", None, "MISC")],
                 timexes=[("le 4 mars", "2025-03-04")],
                 quotes=[("« La patience a des limites »", "direct", "ent:olaf-scholz", "Olaf Scholz")],
                 events=[("téléphoné", "CONSULT", "phone", ["ent:olaf-scholz", "ent:emmanuel-macron"], "2025-03-04",
                          "occurred"),
                         ("menacé", "THREATEN", None, ["ent:olaf-scholz", "ent:acme"], "2025-03-05", "occurred"),
                         ("rencontré", "CONSULT", "visit", ["ent:olaf-scholz", "ent:emmanuel-macron"], "2025-03-03",
                          "occurred")])
    c = make_doc("dC", TEXT_C, None, "Réunion prévue en avril",
                 mentions=[("Berlin", "ent:berlin", "GPE"), ("Jean Dupont", "ent:jean-dupont", "PER"),
                           ("Olaf Scholz", "ent:olaf-scholz", "PER")],
                 timexes=[("en avril", "2025-04")],
                 quotes=[("la discussion serait difficile", "indirect", "ent:jean-dupont", "Jean Dupont")],
                 events=[("réunion", "CONSULT", "visit", ["ent:jean-dupont", "ent:olaf-scholz"], "2025-04", "planned")])
    return [a, b, c]


def sample_events() -> list[Event]:
    return [
        Event("ev1", "CONSULT", "visit", ["ent:emmanuel-macron", "ent:olaf-scholz"], "ent:berlin", "2025-03-03",
              "occurred", "Emmanuel Macron rencontre Olaf Scholz", [EventSource("dA", "e1"), EventSource("dB", "e3")]),
        Event("ev2", "CONSULT", "phone", ["ent:olaf-scholz", "ent:emmanuel-macron"], None, "2025-03-04", "occurred",
              "Olaf Scholz appelle Emmanuel Macron", [EventSource("dB", "e1")]),
        Event("ev3", "THREATEN", None, ["ent:olaf-scholz", "ent:acme"], None, "2025-03-05", "occurred",
              "Olaf Scholz menace Acme", [EventSource("dB", "e2")]),
        Event("ev4", "CONSULT", "visit", ["ent:jean-dupont", "ent:olaf-scholz"], "ent:berlin", "2025-04", "planned",
              "Réunion prévue entre Jean Dupont et Olaf Scholz", [EventSource("dC", "e1")]),
        Event("ev5", "PROTEST", None, ["ent:acme"], None, None, "possible", "Acme pourrait protester", []),
    ]


def build_sample_store(path: Path) -> Path:
    with Store(path) as store:
        for doc in sample_documents():
            store.add_document(doc)
        store.replace_events(sample_events())
    return path
