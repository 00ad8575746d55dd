"""The store: every write and every SQL statement of veille goes through this class.

SQLite in WAL mode; one transaction per document, so a crash never leaves half a document.
A document's id is a hash of its cleaned text: storing it again only records the new source.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from veille.errors import VeilleError
from veille.model import Document, Entity, Event, Source
from veille.store.schema import BANDS_FROM_SIGNATURES, MIGRATIONS, SCHEMA_VERSION

_BANDS_OF_ONE = BANDS_FROM_SIGNATURES.format(where=" AND s.document_id = :id")

DEFAULT_DB = "veille.db"


def _calendar(column: str) -> str:
    """SQL: the TIMEX value in `column` is a year, month or day (not a week, season or unknown)."""
    return f"({column} GLOB '[0-9][0-9][0-9][0-9]' OR {column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*')"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def fts_query(words: str) -> str:
    """User words to a safe FTS5 query: every word must match (prefix match on each)."""
    terms = ["".join(ch for ch in w if ch.isalnum() or ch in "-'’") for w in words.split()]
    terms = [t.replace("'", " ").replace("’", " ").replace("-", " ") for t in terms if t]
    parts = []
    for t in terms:
        for sub in t.split():
            parts.append(f'"{sub}"*')
    return " AND ".join(parts)


def _date_range(column: str, since: str | None, until: str | None, where: list[str], args: list[Any]) -> None:
    """Add `since`/`until` conditions on a TIMEX-valued column; `until` compares as a prefix,
    so until=2025-06 keeps every date of June 2025."""
    if since:
        where.append(f"{column} >= ?")
        args.append(since)
    if until:
        # the second bound says the same for an index to range over: U+10FFFF sorts after every
        # other character, so a value with the prefix `until` is below until + U+10FFFF
        where.append(f"substr({column}, 1, ?) <= ? AND {column} <= ? || char(1114111)")
        args.extend([len(until), until, until])


class Store:
    """A veille knowledge base in one SQLite file (or `:memory:`)."""

    def __init__(self, path: str | Path = DEFAULT_DB, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                if self.path != ":memory:" and not Path(self.path).exists():
                    raise VeilleError("E020", f"no store at {self.path} (run `veille ingest` first)")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                if self.path != ":memory:":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            raise VeilleError("E020", f"cannot open store {self.path}: {exc}") from exc

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self.conn
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()

    def _version(self) -> int:
        has = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
        if not has:
            return 0
        row = self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _check_version(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise VeilleError("E021", f"store {self.path} has schema version {version}; this veille "
                                      f"knows up to {SCHEMA_VERSION}: upgrade veille")

    def _migrate(self) -> None:
        self._check_version()
        version = self._version()
        if version == SCHEMA_VERSION:
            return
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        for target in range(version + 1, SCHEMA_VERSION + 1):
            script = MIGRATIONS[target - 1]
            # executescript commits; each migration then records itself
            self.conn.executescript(f"BEGIN;\n{script}\nINSERT INTO schema_version VALUES ({target});\nCOMMIT;")

    # -- documents -------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_source(self, doc_id: str, source: Source) -> bool:
        """Record one more place a stored document was read from; False if already known."""
        with self.transaction() as c:
            cur = c.execute("INSERT OR IGNORE INTO sources(document_id, source, url, title) VALUES (?,?,?,?)",
                            (doc_id, source.source, source.url, source.title))
            return cur.rowcount > 0

    def add_document(self, doc: Document, signature: tuple[bytes, bytes] | None = None) -> bool:
        """Store a fully analysed document in one transaction; False (and sources kept) if known.

        `signature` (MinHash, shingle hashes) is stored with it for near-duplicate detection.
        """
        if self.has_document(doc.id):
            for src in doc.sources:
                self.add_source(doc.id, src)
            return False
        with self.transaction() as c:
            self._insert_document(c, doc)
            if signature is not None:
                self._insert_signature(c, doc.id, signature)
        return True

    def _insert_signature(self, c: sqlite3.Connection, doc_id: str, signature: tuple[bytes, bytes]) -> None:
        c.execute("DELETE FROM signature_bands WHERE document_id = ?", (doc_id,))
        c.execute("INSERT OR REPLACE INTO signatures(document_id, minhash, shingles) VALUES (?,?,?)",
                  (doc_id, signature[0], signature[1]))
        c.execute(_BANDS_OF_ONE, {"id": doc_id})

    def add_documents(self, items: Iterable[tuple[Document, tuple[bytes, bytes] | None]]) -> list[bool]:
        """Store several analysed documents (each with its signature or None) in ONE transaction:
        a commit per document costs more than the inserts of a long article. Per document, True
        if stored, False if it was already there (its sources are then added)."""
        stored = []
        with self.transaction() as c:
            for doc, signature in items:
                if c.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone() is not None:
                    c.executemany("INSERT OR IGNORE INTO sources(document_id, source, url, title) VALUES (?,?,?,?)",
                                  [(doc.id, s.source, s.url, s.title) for s in doc.sources])
                    stored.append(False)
                    continue
                self._insert_document(c, doc)
                if signature is not None:
                    self._insert_signature(c, doc.id, signature)
                stored.append(True)
        return stored

    def replace_document(self, doc: Document) -> None:
        """Replace a document's extractions (after re-analysis), keeping its sources."""
        with self.transaction() as c:
            sources = [Source(r["source"], r["url"], r["title"]) for r in
                       c.execute("SELECT source, url, title FROM sources WHERE document_id=?", (doc.id,))]
            self._delete_document(c, doc.id)
            known = {s.source for s in doc.sources}
            doc.sources = doc.sources + [s for s in sources if s.source not in known]
            self._insert_document(c, doc)
            self._infer_stale(c, doc.id)

    def _delete_document(self, c: sqlite3.Connection, doc_id: str) -> None:
        # by rowid (the document's seq, the quote's rowid): the ids are UNINDEXED columns, so a
        # delete by id would scan every indexed text
        c.execute("DELETE FROM documents_fts WHERE rowid = (SELECT seq FROM documents WHERE id = ?)", (doc_id,))
        c.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT rowid FROM quotes WHERE document_id = ?)", (doc_id,))
        c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def _insert_document(self, c: sqlite3.Connection, doc: Document) -> None:
        seq = c.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0]
        data = doc.to_dict()
        data.pop("text")
        c.execute(
            "INSERT INTO documents(id, seq, source, title, language, url, published, published_origin, text, data)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            (doc.id, seq, doc.source, doc.title, doc.language, doc.url, doc.published.value,
             doc.published.origin, doc.text, _dumps(data)))
        sources = doc.sources or [Source(doc.source, doc.url, doc.title)]
        c.executemany("INSERT OR IGNORE INTO sources(document_id, source, url, title) VALUES (?,?,?,?)",
                      [(doc.id, s.source, s.url, s.title) for s in sources])
        c.executemany("INSERT INTO mentions(document_id, start, end, text, entity_id, type) VALUES (?,?,?,?,?,?)",
                      [(doc.id, m.start, m.end, m.text, m.entity, m.type) for m in doc.mentions])
        c.executemany(
            "INSERT INTO quotes(document_id, id, start, end, text, kind, speaker_entity, speaker_text, cue,"
            " published) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(doc.id, q.id, q.start, q.end, q.text, q.kind, q.speaker.entity if q.speaker else None,
              q.speaker.text if q.speaker else None, q.cue, doc.published.value) for q in doc.quotes])
        c.execute("INSERT INTO quotes_fts(rowid, document_id, id, text, speaker)"
                  " SELECT rowid, document_id, id, text, COALESCE(speaker_text, '') FROM quotes WHERE document_id = ?",
                  (doc.id,))
        c.executemany(
            "INSERT INTO event_mentions(document_id, id, event_id, type, mode, date, status, place, participants)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [(doc.id, e.id, e.event, e.type, e.mode, e.date, e.status, e.place, _dumps(e.participants))
             for e in doc.event_mentions])
        c.executemany("INSERT INTO event_mention_keys(document_id, mention_id, type, participant) VALUES (?,?,?,?)",
                      [(doc.id, e.id, e.type, p) for e in doc.event_mentions for p in sorted(set(e.participants))])
        c.execute("INSERT INTO documents_fts(rowid, id, title, text) VALUES (?,?,?,?)",
                  (seq, doc.id, doc.title or "", doc.text))
        for entity in doc.entities.values():
            self._upsert_entity(c, entity)

    # -- near-duplicate signatures ------------------------------------------------------------
    def near_duplicate_candidates(self, band_keys: list[bytes]) -> list[tuple[str, bytes]]:
        """(id, shingle bytes) of the stored documents sharing at least one LSH band key with a
        signature (`band_keys[i]` is band i's key), by id: one index lookup per band."""
        ids: set[str] = set()
        for band, key in enumerate(band_keys):
            ids.update(r[0] for r in self.conn.execute(
                "SELECT document_id FROM signature_bands WHERE band = ? AND key = ?", (band, key)))
        wanted = sorted(ids)
        found: dict[str, bytes] = {}
        for i in range(0, len(wanted), 500):  # one query per 500 candidates
            part = wanted[i:i + 500]
            found.update(self.conn.execute(
                f"SELECT document_id, shingles FROM signatures WHERE document_id IN ({','.join('?' * len(part))})",
                part).fetchall())
        return [(doc_id, found[doc_id]) for doc_id in wanted if doc_id in found]

    def signatures(self) -> Iterator[tuple[str, bytes, bytes]]:
        for r in self.conn.execute("SELECT document_id, minhash, shingles FROM signatures ORDER BY document_id"):
            yield r[0], r[1], r[2]

    # -- entities --------------------------------------------------------------------------
    def _upsert_entity(self, c: sqlite3.Connection, entity: Entity) -> None:
        row = c.execute("SELECT aliases FROM entities WHERE id = ?", (entity.id,)).fetchone()
        if row is None:
            c.execute("INSERT INTO entities(id, name, type, wikidata, aliases, description) VALUES (?,?,?,?,?,?)",
                      (entity.id, entity.name, entity.type, entity.wikidata, _dumps(sorted(set(entity.aliases))),
                       entity.description))
            return
        aliases = set(json.loads(row["aliases"])) | set(entity.aliases)
        if aliases != set(json.loads(row["aliases"])):
            c.execute("UPDATE entities SET aliases = ? WHERE id = ?", (_dumps(sorted(aliases)), entity.id))

    def upsert_entities(self, entities: Iterable[Entity]) -> None:
        with self.transaction() as c:
            for entity in entities:
                self._upsert_entity(c, entity)

    @staticmethod
    def _entity_from_row(row: sqlite3.Row) -> Entity:
        return Entity(id=row["id"], name=row["name"], type=row["type"], wikidata=row["wikidata"],
                      aliases=json.loads(row["aliases"]), description=row["description"])

    def entity(self, entity_id: str) -> Entity | None:
        row = self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return self._entity_from_row(row) if row else None

    def entities(self) -> list[Entity]:
        return [self._entity_from_row(r) for r in self.conn.execute("SELECT * FROM entities ORDER BY id")]

    def entity_mention_counts(self) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT entity_id, COUNT(*) AS n FROM mentions WHERE entity_id IS NOT NULL GROUP BY entity_id")
        return {r["entity_id"]: r["n"] for r in rows}

    # -- events ----------------------------------------------------------------------------
    def event_mentions(self, undated_only: bool = False, unassigned_only: bool = False,
                       documents: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Every stored event mention (with its document's publication date), in a stable order;
        `undated_only`: those without a date; `unassigned_only`: those not yet in an event;
        `documents`: only those of these documents (the merge of new articles reads no more)."""
        if documents is not None:
            rows = self.event_mentions_of(documents)
            return [r for r in rows if (not undated_only or r["date"] is None)
                    and (not unassigned_only or r["event_id"] is None)]
        sql = ("SELECT m.*, d.published AS doc_published, d.seq AS doc_seq FROM event_mentions m"
               " JOIN documents d ON d.id = m.document_id")
        where = [w for w, on in (("m.date IS NULL", undated_only), ("m.event_id IS NULL", unassigned_only)) if on]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.seq, m.id"
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: dict(zip()) is several times cheaper than dict(Row)
        cur.execute(sql)
        names = [c[0] for c in cur.description]
        at = names.index("participants")
        loads = json.loads
        decoded: dict[str, list[str]] = {}  # the same participant lists recur: decode each once
        out = []
        for row in cur:
            item = dict(zip(names, row, strict=True))
            raw = row[at]
            parts = decoded.get(raw)
            if parts is None:
                parts = decoded[raw] = loads(raw)
            item["participants"] = list(parts)
            out.append(item)
        return out

    def replace_events(self, events: Iterable[Event]) -> None:
        """Set the corpus events and point every event mention at its event, in one transaction."""
        with self.transaction() as c:
            # a whole rebuild: the children first (no cascade to walk), and the index of the
            # mentions' events built once at the end instead of updated twice per mention
            c.execute("DELETE FROM event_participants")
            c.execute("DELETE FROM events")
            c.execute("DROP INDEX IF EXISTS event_mentions_event")
            c.execute("UPDATE event_mentions SET event_id = NULL")
            for ev in events:
                self._insert_event(c, ev)
            c.execute("CREATE INDEX event_mentions_event ON event_mentions(event_id)")

    def upsert_events(self, events: Iterable[Event], removed: Iterable[str] = ()) -> None:
        """Incremental form of replace_events: write these events, drop the ids in `removed`."""
        with self.transaction() as c:
            for event_id in removed:
                c.execute("DELETE FROM events WHERE id = ?", (event_id,))
            for ev in events:
                c.execute("DELETE FROM events WHERE id = ?", (ev.id,))
                self._insert_event(c, ev)

    def _insert_event(self, c: sqlite3.Connection, ev: Event) -> None:
        c.execute(
            "INSERT INTO events(id, type, mode, participants, place, date, status, summary, sources)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (ev.id, ev.type, ev.mode, _dumps(ev.participants), ev.place, ev.date, ev.status, ev.summary,
             _dumps([s.to_dict() for s in ev.sources])))
        c.executemany("INSERT OR IGNORE INTO event_participants(event_id, entity_id) VALUES (?,?)",
                      [(ev.id, p) for p in ev.participants])
        c.executemany("UPDATE event_mentions SET event_id = ? WHERE document_id = ? AND id = ?",
                      [(ev.id, s.document, s.mention) for s in ev.sources])

    @staticmethod
    def _event_from_row(row: sqlite3.Row) -> dict[str, Any]:
        return {"id": row["id"], "type": row["type"], "mode": row["mode"],
                "participants": json.loads(row["participants"]), "place": row["place"], "date": row["date"],
                "status": row["status"], "summary": row["summary"], "sources": json.loads(row["sources"])}

    def events(self, actor: str | None = None, type: str | None = None, since: str | None = None,
               until: str | None = None, status: str | None = None, limit: int | None = None,
               offset: int = 0, complete: bool = False) -> list[dict[str, Any]]:
        """Corpus events as contract dicts, by date then id; dates compare as TIMEX prefixes.
        `complete`: only the events with a date and at least one participant."""
        where: list[str] = []
        args: list[Any] = []
        if complete:
            where.append("date IS NOT NULL AND date != '' AND id IN (SELECT event_id FROM event_participants)")
        if actor:
            where.append("id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)")
            args.append(actor)
        if type:
            where.append("type = ?")
            args.append(type)
        if status:
            where.append("status = ?")
            args.append(status)
        _date_range("date", since, until, where, args)
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date IS NULL, date, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args.extend([limit, offset])
        return [self._event_from_row(r) for r in self.conn.execute(sql, args)]

    def events_citing(self, doc_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The events whose sources list one of these documents, by id. (A re-analysed
        document's event mentions are new rows: only the events' sources still tell which events
        its old mentions were in.) The JSON is searched in SQL for the quoted id, then checked."""
        wanted = sorted(set(doc_ids))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(wanted), 100):
            chunk = wanted[i:i + 100]
            sql = "SELECT * FROM events WHERE " + " OR ".join("instr(sources, ?) > 0" for _ in chunk)
            for row in self.conn.execute(sql, [_dumps(doc_id) for doc_id in chunk]):
                ev = self._event_from_row(row)
                if any(src.get("document") in wanted for src in ev["sources"]):
                    out[ev["id"]] = ev
        return [out[k] for k in sorted(out)]

    def undated_events_reported(self, type: str, actor: str, published: Iterable[str]) -> list[dict[str, Any]]:
        """The undated events of this type with this participant reported by an article published
        with one of these values or value prefixes (months "2025-05" also give the days and
        weeks are compared whole): those a newly dated report may take in (see the merge)."""
        keys = sorted(set(published))
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        # from the undated events of the type (a partial index holding their ids), the actor
        # checked before the articles (the cheaper test first)
        sql = ("SELECT e.* FROM events e WHERE e.type = ? AND (e.date IS NULL OR e.date = '')"
               " AND EXISTS (SELECT 1 FROM event_participants p WHERE p.event_id = e.id AND p.entity_id = ?)"
               " AND EXISTS (SELECT 1 FROM event_mentions m JOIN documents d ON d.id = m.document_id"
               f" WHERE m.event_id = e.id AND (substr(d.published, 1, 7) IN ({marks}) OR d.published IN ({marks})))"
               " ORDER BY e.id")
        return [self._event_from_row(r) for r in self.conn.execute(sql, [type, actor, *keys, *keys])]

    def count_events(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def document_labels(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Source, title and publication date of these documents, by id (to list event sources)."""
        ids = sorted(set(doc_ids))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self.conn.execute(
                f"SELECT id, source, title, published FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                chunk)
            out.update({r["id"]: {"source": r["source"], "title": r["title"], "published": r["published"]}
                        for r in rows})
        return out

    # -- reading documents -----------------------------------------------------------------
    def _document_from_row(self, row: sqlite3.Row, event_ids: dict[str, str] | None = None,
                           sources: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        data = json.loads(row["data"])
        data["text"] = row["text"]
        if event_ids is None:
            event_ids = {r["id"]: r["event_id"] for r in self.conn.execute(
                "SELECT id, event_id FROM event_mentions WHERE document_id = ?", (row["id"],))}
        for em in data.get("event_mentions", []):
            em["event"] = event_ids.get(em["id"])
        if sources is None:
            sources = [{"source": r["source"], "url": r["url"], "title": r["title"]} for r in
                       self.conn.execute("SELECT source, url, title FROM sources WHERE document_id = ?"
                                         " ORDER BY source", (row["id"],))]
        data["sources"] = sources
        # keep the contract's key order: text after the metadata
        order = ["id", "source", "title", "language", "published", "url", "text", "mentions", "timexes",
                 "quotes", "event_mentions", "sources"]
        return {k: data[k] for k in order if k in data} | {k: v for k, v in data.items() if k not in order}

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._document_from_row(row) if row else None

    _BATCH = 200  # documents read per query when iterating over the store

    def iter_documents(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every document (or those of `ids` that exist) as a contract dict, ordered by source path
        then id (stable). Streams: a batch of documents is in memory at a time, read with three
        queries (not three per document)."""
        if ids is None:
            order = [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY source, id")]
        else:
            order = self._ordered_ids(ids)
        for i in range(0, len(order), self._BATCH):
            batch = order[i:i + self._BATCH]
            marks = ",".join("?" * len(batch))
            rows = {r["id"]: r for r in self.conn.execute(f"SELECT * FROM documents WHERE id IN ({marks})", batch)}
            event_ids: dict[str, dict[str, str]] = {doc_id: {} for doc_id in batch}
            for r in self.conn.execute(
                    f"SELECT document_id, id, event_id FROM event_mentions WHERE document_id IN ({marks})", batch):
                event_ids[r["document_id"]][r["id"]] = r["event_id"]
            sources: dict[str, list[dict[str, Any]]] = {doc_id: [] for doc_id in batch}
            for r in self.conn.execute(
                    "SELECT document_id, source, url, title FROM sources"
                    f" WHERE document_id IN ({marks}) ORDER BY document_id, source", batch):
                sources[r["document_id"]].append({"source": r["source"], "url": r["url"], "title": r["title"]})
            for doc_id in batch:
                row = rows.get(doc_id)
                if row is not None:  # deleted since the ids were listed
                    yield self._document_from_row(row, event_ids[doc_id], sources[doc_id])

    def _ordered_ids(self, ids: Iterable[str]) -> list[str]:
        """The given document ids that exist, ordered by source then id."""
        wanted = sorted(set(ids))
        found: list[tuple[str, str]] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.extend((r[0], r[1]) for r in self.conn.execute(
                f"SELECT source, id FROM documents WHERE id IN ({marks})", chunk))
        return [doc_id for _source, doc_id in sorted(found)]

    def list_documents(self, limit: int = 50, offset: int = 0, since: str | None = None,
                       until: str | None = None) -> list[dict[str, Any]]:
        where: list[str] = []
        args: list[Any] = []
        _date_range("published", since, until, where, args)
        sql = "SELECT id, source, title, language, url, published, published_origin FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?"
        args.extend([limit, offset])
        return [{"id": r["id"], "source": r["source"], "title": r["title"], "language": r["language"],
                 "url": r["url"], "published": {"value": r["published"], "origin": r["published_origin"]}}
                for r in self.conn.execute(sql, args)]

    def documents_mentioning(self, entity_id: str, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.source, d.published, COUNT(*) AS mentions FROM mentions m"
            " JOIN documents d ON d.id = m.document_id WHERE m.entity_id = ?"
            " GROUP BY d.id ORDER BY d.published IS NULL, d.published, d.id LIMIT ?", (entity_id, limit))
        return [dict(r) for r in rows]

    def undated_documents(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM documents WHERE published IS NULL OR published_origin IN ('inferred', 'unknown')"
            " ORDER BY seq")]

    def count_documents(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    # -- publication-date inference: its evidence tables (veille.timex.infer, migration 5) -----
    # "Dated": a publication value from the metadata or the text; "undated": none, or one the
    # inference gave (the same split as undated_documents).
    _UNDATED = "(d.published IS NULL OR d.published_origin IN ('inferred', 'unknown'))"
    _FULL_DAY_GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"

    def _infer_stale(self, c: sqlite3.Connection, doc_id: str) -> None:
        """A document's publication date or analysis changed: its evidence rows are rebuilt by the
        next inference (its words, counted in infer_words, are those of its text: they stay)."""
        self._infer_drop_evidence(c, doc_id)
        c.execute("UPDATE infer_docs SET indexed = 0, names = NULL WHERE document_id = ?", (doc_id,))
        c.execute("DELETE FROM infer_doc_names WHERE document_id = ?", (doc_id,))

    @staticmethod
    def _infer_drop_evidence(c: sqlite3.Connection, doc_id: str) -> None:
        c.execute("DELETE FROM infer_weekday_keys WHERE mention IN"
                  " (SELECT id FROM infer_weekdays WHERE document_id = ?)", (doc_id,))
        c.execute("DELETE FROM infer_weekdays WHERE document_id = ?", (doc_id,))
        c.execute("DELETE FROM infer_undated_keys WHERE document_id = ?", (doc_id,))
        c.execute("DELETE FROM infer_undated_events WHERE document_id = ?", (doc_id,))

    def infer_unindexed(self) -> list[tuple[str, bool]]:
        """(id, counted) of the documents whose inference evidence is missing or stale, in storage
        order; `counted`: its words are already in infer_words."""
        return [(r[0], bool(r[1])) for r in self.conn.execute(
            "SELECT d.id, i.document_id IS NOT NULL FROM documents d"
            " LEFT JOIN infer_docs i ON i.document_id = d.id WHERE i.document_id IS NULL OR i.indexed = 0"
            " ORDER BY d.seq")]

    def write_infer_index(self, entries: Iterable[dict[str, Any]]) -> None:
        """Write the evidence of several documents in one transaction. Each entry: `id`; `words`
        (its content words, to count; None when already counted); `names` (its names, or None);
        `weekdays`: [(source, pos, weekday, day, period, [words])] of a dated one; `undated_keys`:
        [(weekday, word)] and `undated_events` [(type, place, [participants], weekday, status)] of
        an undated one; `original`: the analysis of an undated one (kept)."""
        counts: dict[str, int] = {}
        with self.transaction() as c:
            for e in entries:
                doc_id = e["id"]
                self._infer_drop_evidence(c, doc_id)
                names = _dumps(e["names"]) if e.get("names") is not None else None
                c.execute("INSERT INTO infer_docs(document_id, indexed, names) VALUES (?, 1, ?)"
                          " ON CONFLICT(document_id) DO UPDATE SET indexed = 1, names = excluded.names",
                          (doc_id, names))
                c.execute("DELETE FROM infer_doc_names WHERE document_id = ?", (doc_id,))
                if e.get("names"):
                    distinct = sorted(set(e["names"]))
                    c.executemany("INSERT INTO infer_doc_names(name, document_id, n) VALUES (?,?,?)",
                                  [(name, doc_id, len(distinct)) for name in distinct])
                for w in e.get("words") or ():
                    counts[w] = counts.get(w, 0) + 1
                for source, pos, weekday, day, period, words in e.get("weekdays") or ():
                    cur = c.execute("INSERT INTO infer_weekdays(document_id, source, pos, weekday, day, period, words)"
                                    " VALUES (?,?,?,?,?,?,?)", (doc_id, source, pos, weekday, day, period,
                                                                _dumps(sorted(words))))
                    c.executemany("INSERT INTO infer_weekday_keys(weekday, word, mention, periodic) VALUES (?,?,?,?)",
                                  [(weekday, w, cur.lastrowid, int(day is None)) for w in sorted(words)])
                c.executemany("INSERT INTO infer_undated_keys(document_id, weekday, word) VALUES (?,?,?)",
                              [(doc_id, wd, w) for wd, w in sorted(set(e.get("undated_keys") or ()))])
                c.executemany("INSERT INTO infer_undated_events(document_id, type, place, participants, weekday, status)"
                              " VALUES (?,?,?,?,?,?)", [(doc_id, t, place, _dumps(parts), wd, status)
                                                        for t, place, parts, wd, status in e.get("undated_events") or ()])
                if e.get("original") is not None:
                    c.execute("INSERT OR REPLACE INTO infer_original(document_id, data) VALUES (?, ?)",
                              (doc_id, _dumps(e["original"])))
            c.executemany("INSERT INTO infer_words(word, n) VALUES (?, ?)"
                          " ON CONFLICT(word) DO UPDATE SET n = n + excluded.n", sorted(counts.items()))

    def infer_n_docs(self) -> int:
        """Documents counted in the word rarities."""
        return int(self.conn.execute("SELECT COUNT(*) FROM infer_docs").fetchone()[0])

    def infer_df(self, words: Iterable[str]) -> dict[str, int]:
        """In how many documents each of these words occurs (unknown words are left out)."""
        wanted = sorted(set(words))
        out: dict[str, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.update(self._tuples(
                f"SELECT word, n FROM infer_words WHERE word IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        return out

    def infer_weekday_candidates(self, periodic: bool, weekday: int, words: Iterable[str]
                                 ) -> list[tuple[int, str, str, int]]:
        """(mention id, document id, source, position) of the bare weekdays of dated documents
        (`periodic`: of documents dated to a month) with this weekday and one of these words,
        ordered by source, document id and position (the order of a pass over the store)."""
        wanted = sorted(set(words))
        found: dict[int, tuple[int, str, str, int]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            found.update((r[0], (r[0], r[1], r[2], r[3])) for r in self._tuples(
                "SELECT id, document_id, source, pos FROM infer_weekdays WHERE id IN"
                " (SELECT mention FROM infer_weekday_keys WHERE periodic = ? AND weekday = ?"
                f"  AND word IN ({','.join('?' * len(chunk))}))", [int(periodic), weekday, *chunk]))
        return sorted(found.values(), key=lambda r: (r[2], r[1], r[3]))

    def infer_similar(self, names: Iterable[str], threshold: float) -> dict[str, tuple[int, int]]:
        """document id -> (names shared with `names`, its number of names) of the indexed
        documents whose names' Jaccard index with `names` may reach `threshold`: every one that
        does, and few others (shared >= threshold x both counts, compared with a margin for
        rounding: the caller computes the exact index from the two counts)."""
        wanted = sorted(set(names))
        if not wanted:
            return {}
        a = len(wanted)
        least = max(1, math.ceil(threshold * a - 1e-9))  # the union has at least the asking names
        if a <= 500:  # (the usual case: SQLite keeps only those that may reach the threshold)
            return {r[0]: (r[1], r[2]) for r in self._tuples(
                "SELECT document_id, COUNT(*), MAX(n) FROM infer_doc_names"
                f" WHERE name IN ({','.join('?' * a)}) GROUP BY document_id"
                " HAVING COUNT(*) >= ? AND COUNT(*) + 1e-9 >= ? * (? + MAX(n) - COUNT(*))",
                [*wanted, least, threshold, a])}
        out: dict[str, tuple[int, int]] = {}
        for i in range(0, len(wanted), 500):  # (more than 500 names: counted per chunk, summed)
            chunk = wanted[i:i + 500]
            for doc_id, shared, n in self._tuples(
                    "SELECT document_id, COUNT(*), MAX(n) FROM infer_doc_names"
                    f" WHERE name IN ({','.join('?' * len(chunk))}) GROUP BY document_id", chunk):
                before = out.get(doc_id, (0, n))[0]
                out[doc_id] = (before + shared, n)
        return {doc_id: (shared, n) for doc_id, (shared, n) in out.items()
                if shared >= least and shared + 1e-9 >= threshold * (a + n - shared)}

    def _tuples(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        """A query's rows as plain tuples (the inference reads many rows by position: a
        sqlite3.Row costs about twice as much to make)."""
        cur = self.conn.cursor()
        cur.row_factory = None
        return cur.execute(sql, args)

    def infer_all_names(self) -> Iterator[tuple[str, str, int]]:
        """(name, document id, its number of names) of every indexed document."""
        yield from self._tuples("SELECT name, document_id, n FROM infer_doc_names")  # 300,000 at 10,000 articles

    def infer_weekdays_of(self, doc_ids: Iterable[str]
                          ) -> list[tuple[int, str, str, int, int, str | None, str | None, list[str]]]:
        """(mention id, document id, source, position, weekday, day, period, words) of the bare
        weekdays of these dated documents, ordered by source, document id and position (the order
        infer_weekday_candidates gives)."""
        wanted = sorted(set(doc_ids))
        out: list[tuple[int, str, str, int, int, str | None, str | None, list[str]]] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.extend((r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7])) for r in self._tuples(
                "SELECT id, document_id, source, pos, weekday, day, period, words FROM infer_weekdays"
                f" WHERE document_id IN ({','.join('?' * len(chunk))})", chunk))
        out.sort(key=lambda r: (r[2], r[1], r[3]))
        return out

    def infer_weekday_mentions(self, ids: Iterable[int]) -> dict[int, tuple[str | None, str | None, list[str]]]:
        """id -> (day, period, words) of these bare weekdays of dated documents."""
        wanted = sorted(set(ids))
        out: dict[int, tuple[str | None, str | None, list[str]]] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            out.update((r[0], (r[1], r[2], json.loads(r[3]))) for r in self._tuples(
                f"SELECT id, day, period, words FROM infer_weekdays WHERE id IN ({','.join('?' * len(part))})", part))
        return out

    def documents_without_day(self, ids: Iterable[str] | None = None) -> list[str]:
        """The documents (of `ids`, or all) whose publication date is not a day, and not one their
        text gave: those whose text may state the day."""
        sql = ("SELECT id FROM documents WHERE published_origin != 'text' AND (published IS NULL"
               f" OR published NOT GLOB {self._FULL_DAY_GLOB})")
        if ids is None:
            return [r[0] for r in self._tuples(sql + " ORDER BY seq")]
        wanted = sorted(set(ids))
        out: list[str] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.extend(r[0] for r in self._tuples(sql + f" AND id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def infer_names(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """The names of these dated documents."""
        wanted = sorted(set(ids))
        out: dict[str, list[str]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.update((r[0], json.loads(r[1])) for r in self._tuples(
                "SELECT document_id, names FROM infer_docs WHERE names IS NOT NULL"
                f" AND document_id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def dated_publications(self) -> list[str]:
        """The distinct publication values of the dated documents."""
        return [r[0] for r in self._tuples(
            f"SELECT DISTINCT d.published FROM documents d WHERE NOT {self._UNDATED} ORDER BY 1")]

    def infer_reached_words(self, doc_ids: Iterable[str]) -> set[tuple[str, str, int, str]]:
        """What joins an undated document to these dated ones: (undated document, dated one, a bare
        weekday of the dated one (dated to a day or a month), a word around it that one of the
        undated one's bare weekdays on the same weekday has around it too)."""
        wanted = sorted(set(doc_ids))
        rows: set[tuple[str, str, int, str]] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            rows.update((r[0], r[1], r[2], r[3]) for r in self._tuples(
                "SELECT DISTINCT u.document_id, w.document_id, w.id, k.word FROM infer_weekdays w"
                " JOIN infer_weekday_keys k ON k.mention = w.id"
                " JOIN infer_undated_keys u ON u.weekday = k.weekday AND u.word = k.word"
                f" WHERE w.document_id IN ({','.join('?' * len(chunk))})", chunk))
        return rows

    def _event_rows(self, sql: str, args: Sequence[Any]) -> list[dict[str, Any]]:
        cur = self.conn.cursor()
        cur.row_factory = None
        cur.execute(sql, args)
        names = [c[0] for c in cur.description]
        out = []
        for row in cur:
            item = dict(zip(names, row, strict=True))
            item["participants"] = json.loads(item["participants"])
            out.append(item)
        return out

    def event_mentions_of(self, doc_ids: Iterable[str], dated: bool = False) -> list[dict[str, Any]]:
        """The event mentions of these documents, as event_mentions() gives them, in its order;
        `dated`: only those dated to a day, of dated documents."""
        wanted = sorted(set(doc_ids))
        where = f" AND m.date GLOB {self._FULL_DAY_GLOB} AND NOT {self._UNDATED}" if dated else ""
        out: list[dict[str, Any]] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.extend(self._event_rows(
                "SELECT m.*, d.published AS doc_published, d.seq AS doc_seq FROM event_mentions m"
                f" JOIN documents d ON d.id = m.document_id WHERE m.document_id IN ({','.join('?' * len(chunk))})"
                + where, chunk))
        out.sort(key=lambda m: (m["doc_seq"], m["id"]))
        return out

    def dated_event_mentions(self, type: str, participants: Iterable[str], weekday: int | None = None,
                             place: str | None = None) -> list[dict[str, Any]]:
        """The event mentions of this type with one of these participants, dated to a day, of
        dated documents, in event_mentions() order; only those on this ISO `weekday` (1-7) and
        only those at this `place`, when given (a big corpus has thousands per leader)."""
        wanted = sorted(set(participants))
        if not wanted:
            return []
        where = ""
        args: list[Any] = [type, *wanted]
        if weekday is not None:  # SQLite's %w counts from Sunday = 0
            where += " AND CAST(strftime('%w', substr(m.date, 1, 10)) AS INTEGER) = ?"
            args.append(weekday % 7)
        if place is not None:
            where += " AND m.place = ?"
            args.append(place)
        return sorted(self._event_rows(
            "SELECT m.*, d.published AS doc_published, d.seq AS doc_seq FROM event_mentions m"
            " JOIN documents d ON d.id = m.document_id WHERE (m.document_id, m.id) IN"
            " (SELECT document_id, mention_id FROM event_mention_keys WHERE type = ?"
            f"  AND participant IN ({','.join('?' * len(wanted))}))"
            f" AND m.date GLOB {self._FULL_DAY_GLOB} AND NOT {self._UNDATED}{where}", args),
            key=lambda m: (m["doc_seq"], m["id"]))

    def infer_originals(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The analyses without a date saved for these documents."""
        wanted = sorted(set(ids))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.update((r[0], json.loads(r[1])) for r in self.conn.execute(
                f"SELECT document_id, data FROM infer_original WHERE document_id IN ({','.join('?' * len(chunk))})",
                chunk))
        return out

    def publications(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str]]:
        """id -> (publication value, origin) of these documents."""
        wanted = sorted(set(ids))
        out: dict[str, tuple[str | None, str]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.update((r[0], (r[1], r[2])) for r in self.conn.execute(
                "SELECT id, published, published_origin FROM documents"
                f" WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def infer_bounds(self, ids: Iterable[str] | None = None
                     ) -> dict[str, tuple[str | None, str | None, str | None, str | None]]:
        """id -> (point, lo, hi, latest) of the documents inferred (of `ids`; None: those with a
        lower bound alone, which the latest dated article closes)."""
        sql = "SELECT document_id, point, lo, hi, latest FROM infer_bounds"
        if ids is None:
            return {r[0]: (r[1], r[2], r[3], r[4]) for r in self.conn.execute(
                sql + " WHERE hi IS NULL AND point IS NULL AND lo IS NOT NULL")}
        wanted = sorted(set(ids))
        out: dict[str, tuple[str | None, str | None, str | None, str | None]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out.update((r[0], (r[1], r[2], r[3], r[4])) for r in self.conn.execute(
                sql + f" WHERE document_id IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def set_infer_bounds(self, items: Iterable[tuple[str, str | None, str | None, str | None, str | None]]) -> None:
        """Record (id, point, lo, hi, latest) of documents just inferred."""
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO infer_bounds(document_id, point, lo, hi, latest) VALUES (?,?,?,?,?)",
                          list(items))

    def undated_events(self, type: str) -> list[tuple[str, str | None, list[str], int | None, str | None]]:
        """(document id, place, participants, weekday, status) of the event mentions of this type
        of the undated documents, as first analysed."""
        return [(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in self.conn.execute(
            "SELECT document_id, place, participants, weekday, status FROM infer_undated_events WHERE type = ?"
            " ORDER BY document_id, rowid", (type,))]

    def timex_directions(self, doc_id: str) -> dict[str, int | None] | None:
        """The tense direction of each TIMEX span ("start:end") of a document, saved at analysis."""
        row = self.conn.execute("SELECT directions FROM timex_directions WHERE document_id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_timex_directions(self, items: Iterable[tuple[str, dict[str, int | None]]]) -> None:
        with self.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO timex_directions(document_id, directions) VALUES (?, ?)",
                          [(doc_id, _dumps(d)) for doc_id, d in items])

    # -- quotes and search -----------------------------------------------------------------
    def quotes(self, speaker: str | None = None, since: str | None = None, search: str | None = None,
               kind: str | None = None, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Quotes with their document; `speaker` matches an entity id or words of the speaker text."""
        where: list[str] = []
        args: list[Any] = []
        if speaker:
            where.append("(q.speaker_entity = ? OR q.speaker_entity IN (SELECT id FROM entities WHERE"
                         " name LIKE ? OR aliases LIKE ?) OR q.speaker_text LIKE ?)")
            like = f"%{speaker}%"
            args.extend([speaker, like, like, like])
        if since:
            where.append("q.published >= ?")
            args.append(since)
        if kind:
            where.append("q.kind = ?")
            args.append(kind)
        if search:
            query = fts_query(search)
            if not query:
                return []
            where.append("(q.document_id, q.id) IN (SELECT document_id, id FROM quotes_fts WHERE quotes_fts MATCH ?)")
            args.append(query)
        sql = ("SELECT q.*, d.source AS source, d.title AS title FROM quotes q JOIN documents d ON d.id = q.document_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY q.published IS NULL, q.published, d.source, q.start"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args.extend([limit, offset])
        return [dict(r) for r in self.conn.execute(sql, args)]

    def search_documents(self, words: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies, accents folded; best matches first."""
        query = fts_query(words)
        if not query:
            return []
        rows = self.conn.execute(
            "SELECT f.id AS id, d.title AS title, d.source AS source, d.published AS published,"
            " snippet(documents_fts, 2, '[', ']', '…', 12) AS snippet"
            " FROM documents_fts f JOIN documents d ON d.id = f.id WHERE documents_fts MATCH ?"
            " ORDER BY rank, f.id LIMIT ? OFFSET ?", (query, limit, offset))
        return [dict(r) for r in rows]

    # -- corpus-level ----------------------------------------------------------------------
    def set_published(self, doc_id: str, value: str | None, origin: str) -> None:
        with self.transaction() as c:
            row = c.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return
            data = json.loads(row["data"])
            data["published"] = {"value": value, "origin": origin}
            c.execute("UPDATE documents SET published = ?, published_origin = ?, data = ? WHERE id = ?",
                      (value, origin, _dumps(data), doc_id))
            c.execute("UPDATE quotes SET published = ? WHERE document_id = ?", (value, doc_id))
            self._infer_stale(c, doc_id)

    def stats(self) -> dict[str, Any]:
        one = lambda sql: int(self.conn.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "sources": one("SELECT COUNT(*) FROM sources"),
            "mentions": one("SELECT COUNT(*) FROM mentions"),
            "linked_mentions": one("SELECT COUNT(*) FROM mentions WHERE entity_id IS NOT NULL"),
            "entities": one("SELECT COUNT(*) FROM entities"),
            "timexes": sum(len(json.loads(r[0]).get("timexes", []))
                           for r in self.conn.execute("SELECT data FROM documents")),
            "quotes": one("SELECT COUNT(*) FROM quotes"),
            "event_mentions": one("SELECT COUNT(*) FROM event_mentions"),
            "events": one("SELECT COUNT(*) FROM events"),
            # weeks ("2025-W20") sort after every month of their year as strings: calendar values only
            "first_published": self.conn.execute(
                f"SELECT MIN(published) FROM documents WHERE {_calendar('published')}").fetchone()[0],
            "last_published": self.conn.execute(
                f"SELECT MAX(published) FROM documents WHERE {_calendar('published')}").fetchone()[0],
            "schema_version": self._version(),
        }

    # -- read side of the web API (veille.api): paged lists with totals, graph, detail -----
    # Added for `veille serve`; read-only, every method returns plain dicts.
    _SEARCH_MARKS = ("\x02", "\x03")  # snippet highlight markers no article text contains

    @staticmethod
    def _event_where(actor: str | None, type: str | None, since: str | None, until: str | None,
                     status: str | None, prefix: str = "") -> tuple[list[str], list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        if actor:
            where.append(f"{prefix}id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)")
            args.append(actor)
        if type:
            where.append(f"{prefix}type = ?")
            args.append(type)
        if status:
            where.append(f"{prefix}status = ?")
            args.append(status)
        if since:
            where.append(f"{prefix}date >= ?")
            args.append(since)
        if until:
            where.append(f"substr({prefix}date, 1, ?) <= ?")
            args.extend([len(until), until])
        return where, args

    def count_events_where(self, actor: str | None = None, type: str | None = None, since: str | None = None,
                           until: str | None = None, status: str | None = None) -> int:
        where, args = self._event_where(actor, type, since, until, status)
        sql = "SELECT COUNT(*) FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        return int(self.conn.execute(sql, args).fetchone()[0])

    def event(self, event_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return self._event_from_row(row) if row else None

    def entity_names(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {name, type} for the given entity ids (unknown ids are left out)."""
        wanted = sorted(set(ids))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT id, name, type FROM entities WHERE id IN ({marks})", chunk):
                out[r["id"]] = {"name": r["name"], "type": r["type"]}
        return out

    _ENTITY_COUNTS = {
        "mentions": "SELECT entity_id AS id, COUNT(*) AS n FROM mentions GROUP BY entity_id",
        "quotes": "SELECT speaker_entity AS id, COUNT(*) AS n FROM quotes GROUP BY speaker_entity",
        "events": "SELECT entity_id AS id, COUNT(*) AS n FROM event_participants GROUP BY entity_id",
    }

    _ENTITY_COUNT_ONE = {
        "mentions": "(SELECT COUNT(*) FROM mentions x WHERE x.entity_id = page.id)",
        "quotes": "(SELECT COUNT(*) FROM quotes x WHERE x.speaker_entity = page.id)",
        "events": "(SELECT COUNT(*) FROM event_participants x WHERE x.entity_id = page.id)",
    }

    def entity_page(self, type: str | None = None, limit: int = 50, offset: int = 0,
                    ids: list[str] | None = None, sort: str = "mentions",
                    nonzero: bool = False) -> tuple[list[dict[str, Any]], int]:
        """Entities with mention, quote and event counts, by `sort` (mentions, quotes or events)
        descending; `nonzero` keeps only entities with at least one of that count."""
        if sort not in self._ENTITY_COUNTS:
            raise VeilleError("E030", f"unknown entity sort {sort!r}")
        where: list[str] = []
        args: list[Any] = []
        if type:
            where.append("e.type = ?")
            args.append(type)
        if ids is not None:
            if not ids:
                return [], 0
            where.append(f"e.id IN ({','.join('?' * len(ids))})")
            args.extend(ids)
        if nonzero:
            where.append("c.n > 0")
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        counted = f"entities e LEFT JOIN ({self._ENTITY_COUNTS[sort]}) c ON c.id = e.id"
        total = int(self.conn.execute(f"SELECT COUNT(*) FROM {counted}{cond}", args).fetchone()[0])
        # order by one count (one pass over its index), count the others for the page only
        others = {k: v for k, v in self._ENTITY_COUNT_ONE.items() if k != sort}
        sql = (f"SELECT page.*, {', '.join(f'{expr} AS {k}' for k, expr in others.items())} FROM"
               f" (SELECT e.*, COALESCE(c.n, 0) AS {sort} FROM {counted}{cond}"
               f"  ORDER BY {sort} DESC, e.id LIMIT ? OFFSET ?) page ORDER BY page.{sort} DESC, page.id")
        rows = []
        for r in self.conn.execute(sql, [*args, limit, offset]):
            item = self._entity_from_row(r).to_dict()
            item.update(mentions=r["mentions"], quotes=r["quotes"], events=r["events"])
            rows.append(item)
        return rows, total

    def entity_counts(self, entity_id: str) -> dict[str, int]:
        """Mentions of an entity, quotes it said, events it takes part in."""
        one = lambda sql: int(self.conn.execute(sql, (entity_id,)).fetchone()[0])  # noqa: E731
        return {"mentions": one("SELECT COUNT(*) FROM mentions WHERE entity_id = ?"),
                "quotes": one("SELECT COUNT(*) FROM quotes WHERE speaker_entity = ?"),
                "events": one("SELECT COUNT(*) FROM event_participants WHERE entity_id = ?")}

    def entity_documents(self, entity_id: str, limit: int = 100) -> list[dict[str, Any]]:
        """Documents mentioning an entity, newest first, with the number of mentions in each."""
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.source, d.published, c.n AS mentions FROM"
            " (SELECT document_id, COUNT(*) AS n FROM mentions WHERE entity_id = ? GROUP BY document_id) c"
            " JOIN documents d ON d.id = c.document_id ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ?",
            (entity_id, limit))
        return [dict(r) for r in rows]

    def entity_search_rows(self) -> list[tuple[str, str, str]]:
        """(id, name, aliases JSON) of every entity, for accent-folded name matching in Python."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute("SELECT id, name, aliases FROM entities")]

    def document_page(self, since: str | None = None, until: str | None = None, actor: str | None = None,
                      limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Document metadata (newest first) with counts of what was extracted from each."""
        where: list[str] = []
        args: list[Any] = []
        _date_range("d.published", since, until, where, args)
        if actor:
            where.append("d.id IN (SELECT document_id FROM mentions WHERE entity_id = ?)")
            args.append(actor)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self.conn.execute(f"SELECT COUNT(*) FROM documents d{cond}", args).fetchone()[0])
        # page the ids first (an index walk), then decode counts for those rows only
        sql = ("SELECT d.id, d.source, d.title, d.language, d.url, d.published, d.published_origin,"
               " json_array_length(d.data, '$.mentions') AS n_mentions,"
               " json_array_length(d.data, '$.timexes') AS n_timexes,"
               " json_array_length(d.data, '$.quotes') AS n_quotes,"
               " json_array_length(d.data, '$.event_mentions') AS n_events"
               f" FROM (SELECT d.id FROM documents d{cond}"
               "   ORDER BY d.published IS NULL, d.published DESC, d.id LIMIT ? OFFSET ?) page"
               " JOIN documents d ON d.id = page.id"
               " ORDER BY d.published IS NULL, d.published DESC, d.id")
        rows = [{"id": r["id"], "source": r["source"], "title": r["title"], "language": r["language"],
                 "url": r["url"], "published": {"value": r["published"], "origin": r["published_origin"]},
                 "counts": {"mentions": r["n_mentions"] or 0, "timexes": r["n_timexes"] or 0,
                            "quotes": r["n_quotes"] or 0, "event_mentions": r["n_events"] or 0}}
                for r in self.conn.execute(sql, [*args, limit, offset])]
        return rows, total

    def quote_page(self, speaker: str | None = None, since: str | None = None, until: str | None = None,
                   search: str | None = None, kind: str | None = None, limit: int = 50,
                   offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Quotes (newest first) with their document; `speaker` is an entity id."""
        where: list[str] = []
        args: list[Any] = []
        if speaker:
            where.append("q.speaker_entity = ?")
            args.append(speaker)
        _date_range("q.published", since, until, where, args)
        if kind:
            where.append("q.kind = ?")
            args.append(kind)
        if search:
            query = fts_query(search)
            if not query:
                return [], 0
            where.append("q.rowid IN (SELECT q2.rowid FROM quotes_fts f JOIN quotes q2"
                         " ON q2.document_id = f.document_id AND q2.id = f.id WHERE quotes_fts MATCH ?)")
            args.append(query)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        if search and len(where) == 1:  # words only: FTS5 counts its matches itself
            total = int(self.conn.execute("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH ?",
                                          args).fetchone()[0])
        else:
            total = int(self.conn.execute(f"SELECT COUNT(*) FROM quotes q{cond}", args).fetchone()[0])
        sql = ("SELECT q.document_id, q.id, q.start, q.end, q.text, q.kind, q.speaker_entity, q.speaker_text,"
               " q.cue, q.published, d.source AS source, d.title AS title FROM quotes q"
               f" JOIN documents d ON d.id = q.document_id{cond}"
               " ORDER BY q.published IS NULL, q.published DESC, q.document_id, q.start LIMIT ? OFFSET ?")
        return [dict(r) for r in self.conn.execute(sql, [*args, limit, offset])], total

    def search_document_page(self, words: str, limit: int = 20,
                             offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Full-text search over titles and bodies (accents folded), best first; snippets mark
        matches between \\x02 and \\x03."""
        query = fts_query(words)
        if not query:
            return [], 0
        total = int(self.conn.execute("SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?",
                                      (query,)).fetchone()[0])
        start, end = self._SEARCH_MARKS
        # rank then page inside FTS5 (a tie-break column would make it snippet every match)
        rows = self.conn.execute(
            "SELECT p.id AS id, d.title AS title, d.source AS source, d.published AS published, p.snippet AS snippet"
            " FROM (SELECT f.id AS id, snippet(documents_fts, 2, ?, ?, '…', 16) AS snippet, f.rank AS r"
            "       FROM documents_fts f WHERE documents_fts MATCH ? ORDER BY f.rank LIMIT ? OFFSET ?) p"
            " JOIN documents d ON d.id = p.id ORDER BY p.r, p.id", (start, end, query, limit, offset))
        return [dict(r) for r in rows], total

    def graph_events(self, type: str | None = None, since: str | None = None, until: str | None = None,
                     status: str | None = None) -> list[tuple[str, str | None, list[str]]]:
        """(type, mode, participants) of every event matching the filters, for the actor graph."""
        where, args = self._event_where(None, type, since, until, status)
        sql = "SELECT type, mode, participants FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        return [(r[0], r[1], json.loads(r[2])) for r in self.conn.execute(sql, args)]

    def document_texts(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {text, title, source, url, published, event_mentions} for event source display."""
        out: dict[str, dict[str, Any]] = {}
        for doc_id in sorted(set(ids)):
            r = self.conn.execute("SELECT id, text, title, source, url, published,"
                                  " json_extract(data, '$.event_mentions') AS ems FROM documents WHERE id = ?",
                                  (doc_id,)).fetchone()
            if r is not None:
                out[doc_id] = {"text": r["text"], "title": r["title"], "source": r["source"], "url": r["url"],
                               "published": r["published"], "event_mentions": json.loads(r["ems"] or "[]")}
        return out

    def overview(self) -> dict[str, Any]:
        """Counts for the web page header (cheap: no JSON decoding in Python)."""
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "documents": int(one("SELECT COUNT(*) FROM documents")),
            "entities": int(one("SELECT COUNT(*) FROM entities")),
            "mentions": int(one("SELECT COUNT(*) FROM mentions")),
            "timexes": int(one("SELECT COALESCE(SUM(json_array_length(data, '$.timexes')), 0) FROM documents")),
            "quotes": int(one("SELECT COUNT(*) FROM quotes")),
            "event_mentions": int(one("SELECT COUNT(*) FROM event_mentions")),
            "events": int(one("SELECT COUNT(*) FROM events")),
            # calendar values only: "2025-W20" would sort after every "2025-08-19"
            "first_published": self.conn.execute(
                f"SELECT MIN(published) FROM documents WHERE {_calendar('published')}").fetchone()[0],
            "last_published": self.conn.execute(
                f"SELECT MAX(published) FROM documents WHERE {_calendar('published')}").fetchone()[0],
            "first_event": one(f"SELECT MIN(date) FROM events WHERE {_calendar('date')}"),
            "last_event": one(f"SELECT MAX(date) FROM events WHERE {_calendar('date')}"),
            "event_types": {r[0]: r[1] for r in self.conn.execute(
                "SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY type")},
            "event_statuses": {r[0]: r[1] for r in self.conn.execute(
                "SELECT status, COUNT(*) FROM events GROUP BY status ORDER BY status")},
            "quote_kinds": {r[0]: r[1] for r in self.conn.execute(
                "SELECT kind, COUNT(*) FROM quotes GROUP BY kind ORDER BY kind")},
            "schema_version": self._version(),
        }
