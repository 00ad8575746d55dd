"""spaCy component "veille_events": writes doc._.event_mentions (see veille/events/extract.py)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from veille.events.extract import find_event_mentions
from veille.extensions import register_extensions


class EventsComponent:
    def __init__(self, nlp: Language, name: str):
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.event_mentions = find_event_mentions(doc)
        return doc


@Language.factory("veille_events", assigns=["doc._.event_mentions"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)
