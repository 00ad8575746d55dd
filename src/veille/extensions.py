"""Every `Doc._` extension veille uses, registered in one place.

Input set by the caller before the pipeline runs:
    doc._.published      Published   publication date of the article (anchor for relative dates)
Written by the stages, in pipeline order:
    doc._.timexes        list[Timex]          veille_timex
    doc._.mentions       list[Mention]        veille_actors
    doc._.entities       dict[str, Entity]    veille_actors (entities not in the knowledge base)
    doc._.quotes         list[Quote]          veille_quotes
    doc._.event_mentions list[EventMention]   veille_events
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: dict[str, object] = {
    "published": None,
    "timexes": None,
    "mentions": None,
    "entities": None,
    "quotes": None,
    "event_mentions": None,
}


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory and every worker process."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
