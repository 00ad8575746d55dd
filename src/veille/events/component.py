"""spaCy component "veille_events": writes doc._.event_mentions (see veille/events/extract.py)."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from veille.events.extract import find_event_mentions
from veille.extensions import register_extensions

log = logging.getLogger(__name__)


class EventsComponent:
    def __init__(self, nlp: Language, name: str):
        register_extensions()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.event_mentions = find_event_mentions(doc)
        except Exception as exc:  # one odd document must not stop a corpus run
            log.warning("events: no event mentions for a document (%s: %s)", type(exc).__name__, exc)
            doc._.event_mentions = []
        return doc


@Language.factory("veille_events", assigns=["doc._.event_mentions"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)
