"""The records that flow between veille's stages.

They mirror the export contract (../shared/spec/output.md): `to_dict()` gives exactly the
contract's JSON shape, so the store and the export never re-derive field names.
Offsets are Python `str` indices into `Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PublishedOrigin = Literal["metadata", "text", "inferred", "unknown"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "partial", "indirect"]
EntityType = Literal["PER", "ORG", "GPE", "LOC", "MISC"]
EventStatus = Literal["occurred", "planned", "proposed", "possible", "failed", "negated"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
EVENT_STATUSES = ("occurred", "planned", "proposed", "possible", "failed", "negated")


@dataclass(slots=True)
class Published:
    """When an article was written: a TIMEX value (`2025-08-19`, `2025-02`, `2025-W36`) or None."""

    value: str | None = None
    origin: PublishedOrigin = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "origin": self.origin}


@dataclass(slots=True)
class Mention:
    """A reference to an actor, place or organisation: a name or a description."""

    start: int
    end: int
    text: str
    entity: str | None
    type: str  # PER, ORG, GPE, LOC, MISC
    # how the link was made: "name", "alias", "description", "metonymy", "coref", "apposition", ...
    link: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "entity": self.entity,
                "type": self.type, "link": self.link}


@dataclass(slots=True)
class Timex:
    """A TIMEX3 time expression. `value` is resolved against the document's publication date."""

    id: str
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None  # TIMEX3 mod: APPROX, MORE_THAN, LESS_THAN, START, END, ...
    # the date the value was computed from ("dct" = publication date, or another timex id)
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "text": self.text,
                "type": self.type, "value": self.value, "mod": self.mod, "anchor": self.anchor}


@dataclass(slots=True)
class Speaker:
    """Who said a quote: the mention that names or describes the speaker, and its entity."""

    start: int
    end: int
    text: str
    entity: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Quote:
    id: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Speaker | None
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "start": self.start, "end": self.end, "text": self.text,
                "kind": self.kind, "speaker": self.speaker.to_dict() if self.speaker else None,
                "cue": self.cue}


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class EventMention:
    """One report of an event in one document. `event` is the corpus event it was merged into."""

    id: str
    type: str  # a PLOVER type
    mode: str | None
    trigger: Trigger
    participants: list[str]  # entity ids
    place: str | None  # entity id
    time: str | None  # timex id
    status: EventStatus
    event: str | None = None
    # the resolved date of the mention (a TIMEX value), used for merging and the timeline
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "event": self.event, "type": self.type, "mode": self.mode,
                "trigger": self.trigger.to_dict(), "participants": list(self.participants),
                "place": self.place, "time": self.time, "status": self.status, "date": self.date}


@dataclass(slots=True)
class Entity:
    """A canonical actor, place or organisation (from the knowledge base or the corpus)."""

    id: str
    name: str
    type: EntityType
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "wikidata": self.wikidata,
                "aliases": list(self.aliases), "description": self.description}


@dataclass(slots=True)
class Source:
    """Where a document was read from; near-duplicates keep every source."""

    source: str
    url: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "url": self.url, "title": self.title}


@dataclass(slots=True)
class Document:
    """An article: its cleaned text, metadata and everything the extractors found in it."""

    id: str
    source: str
    text: str
    title: str | None = None
    language: str = "fr"
    published: Published = field(default_factory=Published)
    url: str | None = None
    author: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    # entities first seen in this document (not in the knowledge base), by id
    entities: dict[str, Entity] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "language": self.language,
            "published": self.published.to_dict(),
            "url": self.url,
            "text": self.text,
            "mentions": [m.to_dict() for m in self.mentions],
            "timexes": [t.to_dict() for t in self.timexes],
            "quotes": [q.to_dict() for q in self.quotes],
            "event_mentions": [e.to_dict() for e in self.event_mentions],
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(slots=True)
class EventSource:
    document: str
    mention: str

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "mention": self.mention}


@dataclass(slots=True)
class Event:
    """A real-world event, merged across every document that reports it."""

    id: str
    type: str
    mode: str | None
    participants: list[str]
    place: str | None
    date: str | None
    status: EventStatus
    summary: str
    sources: list[EventSource] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "mode": self.mode,
                "participants": list(self.participants), "place": self.place, "date": self.date,
                "status": self.status, "summary": self.summary,
                "sources": [s.to_dict() for s in self.sources]}
