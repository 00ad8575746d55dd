"""The read-only HTTP API over a store, and the web page at `/`.

`create_app(db_path)` returns a FastAPI app. Every list is paged (`limit`, `offset`, `total`);
bad parameters give a 4xx with a one-line `detail`, unknown ids a 404, never a 5xx.
Each worker thread opens its own read-only connection to the store.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from veille import __version__
from veille.api import views
from veille.corpus.views import find_entity_id, fold
from veille.errors import VeilleError
from veille.store import Store

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_LIMIT = 500
MAX_TIMELINE_LIMIT = 5000
MAX_OFFSET = 10_000_000
MAX_QUERY = 200
# no inline script or style, nothing from elsewhere: article text can never run
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Most items to return.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Since = Annotated[str | None, Query(description="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")]
Until = Annotated[str | None, Query(description="Latest date (a prefix: 2025-08 includes the whole month).")]
Actor = Annotated[str | None, Query(max_length=MAX_QUERY, description="Entity id or name.")]
EventType = Annotated[str | None, Query(description="PLOVER type, e.g. CONSULT.")]
Status = Annotated[str | None, Query(description="occurred, planned, proposed, possible, failed, negated.")]
Words = Annotated[str | None, Query(max_length=MAX_QUERY, description="Words (accents ignored).")]


class _Stores(threading.local):
    store: Store | None = None


class FastJSONResponse(JSONResponse):
    """JSON without FastAPI's per-field re-encoding: the store already gives plain JSON types."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _fast(func: Callable[..., Any]) -> Callable[..., Any]:
    """Return the route's dict as a FastJSONResponse (the signature, hence the OpenAPI, is kept)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return FastJSONResponse(func(*args, **kwargs))

    return wrapper


class _Cache:
    """Answers of expensive whole-store views, kept until the store file changes (a commit
    always touches the database or its write-ahead log)."""

    def __init__(self, db: str, size: int = 64):
        self.files = [Path(db), Path(db + "-wal")]
        self.size = size
        self.items: dict[Any, tuple[Any, Any]] = {}
        self.lock = threading.Lock()

    def _stamp(self) -> tuple[Any, ...]:
        out: list[tuple[int, int] | None] = []
        for f in self.files:
            try:
                st = f.stat()
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        stamp = self._stamp()
        with self.lock:
            hit = self.items.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = compute()
        with self.lock:
            if len(self.items) >= self.size:
                self.items.pop(next(iter(self.items)))
            self.items[key] = (stamp, value)
        return value


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items, **extra}


def create_app(db_path: str | Path) -> FastAPI:
    """The API and web page over the store at `db_path` (opened read-only)."""
    db = str(db_path)
    Store(db, readonly=True).close()  # fail now (VeilleError) rather than on the first request
    local = _Stores()
    cache = _Cache(db)
    opened: list[Store] = []
    lock = threading.Lock()

    def store() -> Store:
        if local.store is None:
            local.store = Store(db, readonly=True)
            with lock:
                opened.append(local.store)
        return local.store

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        with lock:
            for s in opened:
                s.close()
            opened.clear()

    # /openapi.json describes the API; FastAPI's /docs pages load their scripts from a CDN, so
    # they are off (offline, and our Content-Security-Policy would block them anyway)
    app = FastAPI(title="veille", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Read-only API over a veille knowledge base: documents, actors, "
                              "quotes and events extracted from French news articles.")

    # -- errors: always a one-line `detail` ------------------------------------------------
    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return JSONResponse({"detail": "; ".join(parts) or "invalid request"}, status_code=400)

    @app.exception_handler(VeilleError)
    async def _veille_error(_request: Request, exc: VeilleError) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=400)

    @app.exception_handler(sqlite3.OperationalError)
    async def _sqlite_error(_request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        message = str(exc)
        if "fts5" in message or "MATCH" in message or "syntax" in message:
            return JSONResponse({"detail": f"search words not understood: {message}"}, status_code=400)
        return JSONResponse({"detail": f"store unavailable: {message}"}, status_code=503)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    @app.middleware("http")
    async def _headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    # -- helpers ---------------------------------------------------------------------------
    def resolve_actor(actor: str | None) -> str | None:
        """An entity id from an id or a name; 404 when nothing matches."""
        if not actor:
            return None
        s = store()
        if s.entity(actor) is not None:
            return actor
        found = find_entity_id(s, actor)
        if found is None:
            raise HTTPException(404, f"no entity matches {actor!r}")
        return found

    def with_names(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids: set[str] = set()
        for ev in events:
            ids.update(ev["participants"])
            if ev.get("place"):
                ids.add(ev["place"])
        names = store().entity_names(ids)
        for ev in events:
            ev["participant_names"] = [names.get(p, {}).get("name", p) for p in ev["participants"]]
            ev["place_name"] = names[ev["place"]]["name"] if ev.get("place") in names else None
            ev["relation"] = views.relation(ev["type"], ev.get("mode"))
        return events

    # -- routes ----------------------------------------------------------------------------
    @app.get("/api/stats", tags=["corpus"], summary="Counts of everything in the store")
    @_fast
    def stats() -> dict[str, Any]:
        return cache.get(("stats",), lambda: store().overview())

    @app.get("/api/documents", tags=["documents"], summary="Documents, newest first")
    @_fast
    def documents(limit: Limit = 50, offset: Offset = 0, since: Since = None, until: Until = None,
                  actor: Actor = None, q: Words = None) -> dict[str, Any]:
        since, until = views.check_range(since, until)
        actor_id = resolve_actor(actor)
        if q and q.strip():
            if since or until or actor_id:
                raise views.bad("q cannot be combined with since, until or actor on /api/documents")
            hits, total = store().search_document_page(q, limit=limit, offset=offset)
            return _page(hits, total, limit, offset)
        rows, total = store().document_page(since=since, until=until, actor=actor_id, limit=limit, offset=offset)
        return _page(rows, total, limit, offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"],
             summary="One document with its mentions, dates, quotes, event mentions and entity names")
    @_fast
    def document(doc_id: str) -> dict[str, Any]:
        s = store()
        doc = s.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        ids = {m["entity"] for m in doc.get("mentions", []) if m.get("entity")}
        for q in doc.get("quotes", []):
            if q.get("speaker") and q["speaker"].get("entity"):
                ids.add(q["speaker"]["entity"])
        for em in doc.get("event_mentions", []):
            ids.update(em.get("participants", []))
            if em.get("place"):
                ids.add(em["place"])
        doc["entity_names"] = s.entity_names(ids)
        return doc

    @app.get("/api/entities", tags=["entities"], summary="Entities, most mentioned first")
    @_fast
    def entities(limit: Limit = 50, offset: Offset = 0,
                 type: Annotated[str | None, Query(description="PER, ORG, GPE, LOC or MISC.")] = None,
                 q: Words = None,
                 sort: Annotated[str, Query(description="mentions, quotes or events (most first).")] = "mentions",
                 nonzero: Annotated[bool, Query(description="Only entities with at least one of `sort`.")] = False,
                 ) -> dict[str, Any]:
        etype = views.check_choice(type, "entity type", views.ENTITY_TYPES, upper=True)
        order = views.check_choice(sort, "sort", ("mentions", "quotes", "events")) or "mentions"
        ids = None
        if q and q.strip():
            wanted = fold(q)
            ids = [eid for eid, name, aliases in store().entity_search_rows()
                   if wanted in fold(name) or any(wanted in fold(a) for a in json.loads(aliases))
                   or wanted == fold(eid)]
        rows, total = store().entity_page(type=etype, limit=limit, offset=offset, ids=ids, sort=order,
                                          nonzero=nonzero)
        return _page(rows, total, limit, offset)

    @app.get("/api/entities/{entity_id}", tags=["entities"],
             summary="One entity: aliases, roles, documents, quotes, events")
    @_fast
    def entity(entity_id: str) -> dict[str, Any]:
        s = store()
        found = entity_id if s.entity(entity_id) else find_entity_id(s, entity_id)
        if found is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        e = s.entity(found)
        assert e is not None
        profile: dict[str, Any] = e.to_dict()
        try:
            from veille.actors.kb import load_kb  # type: ignore[import-not-found,unused-ignore]

            kb_entry = load_kb().get(found)
            if kb_entry is not None:
                profile["roles"] = [r.to_dict() for r in kb_entry.roles]
                known = s.entity_names(r["of"] for r in profile["roles"] if r.get("of"))
                for r in profile["roles"]:
                    r["of_name"] = known.get(r.get("of") or "", {}).get("name")
        except Exception:  # noqa: BLE001 - the knowledge base is optional here
            pass
        profile["counts"] = s.entity_counts(found)
        profile["documents"] = s.entity_documents(found, limit=100)
        profile["quotes"], _ = s.quote_page(speaker=found, limit=50)
        profile["events"] = with_names(s.events(actor=found, limit=200))
        return profile

    @app.get("/api/quotes", tags=["quotes"], summary="The quote book, newest first")
    @_fast
    def quotes(limit: Limit = 50, offset: Offset = 0,
               speaker: Annotated[str | None, Query(max_length=MAX_QUERY, description="Entity id or name.")] = None,
               kind: Annotated[str | None, Query(description="direct, partial or indirect.")] = None,
               since: Since = None, until: Until = None, q: Words = None) -> dict[str, Any]:
        since, until = views.check_range(since, until)
        kind = views.check_choice(kind, "quote kind", views.QUOTE_KINDS)
        speaker_id = resolve_actor(speaker)
        rows, total = store().quote_page(speaker=speaker_id, since=since, until=until, search=q, kind=kind,
                                         limit=limit, offset=offset)
        names = store().entity_names(r["speaker_entity"] for r in rows if r["speaker_entity"])
        for r in rows:
            r["speaker_name"] = names.get(r["speaker_entity"], {}).get("name") if r["speaker_entity"] else None
        return _page(rows, total, limit, offset)

    @app.get("/api/events", tags=["events"], summary="Corpus events by date")
    @_fast
    def events(limit: Limit = 50, offset: Offset = 0, actor: Actor = None, type: EventType = None,
               status: Status = None, since: Since = None, until: Until = None) -> dict[str, Any]:
        since, until = views.check_range(since, until)
        etype, estatus = views.event_type(type), views.event_status(status)
        actor_id = resolve_actor(actor)
        s = store()
        rows = s.events(actor=actor_id, type=etype, since=since, until=until, status=estatus, limit=limit,
                        offset=offset)
        total = s.count_events_where(actor=actor_id, type=etype, since=since, until=until, status=estatus)
        return _page(with_names(rows), total, limit, offset)

    @app.get("/api/events/{event_id}", tags=["events"],
             summary="One event with each source document and the sentence that reports it")
    @_fast
    def event(event_id: str) -> dict[str, Any]:
        s = store()
        ev = s.event(event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id!r}")
        with_names([ev])
        docs = s.document_texts(src["document"] for src in ev["sources"])
        expanded = []
        for src in ev["sources"]:
            d = docs.get(src["document"])
            item: dict[str, Any] = {"document": src["document"], "mention": src["mention"]}
            if d is not None:
                item.update(title=d["title"], source=d["source"], url=d["url"], published=d["published"])
                em = next((m for m in d["event_mentions"] if m.get("id") == src["mention"]), None)
                if em is not None and em.get("trigger"):
                    t = em["trigger"]
                    item["trigger"] = t
                    item["sentence"] = views.sentence_around(d["text"], t["start"], t["end"])
            expanded.append(item)
        ev["sources"] = expanded
        return ev

    @app.get("/api/timeline", tags=["events"],
             summary="Events for the timeline: dated first, with participant names and relation")
    @_fast
    def timeline(limit: Annotated[int, Query(ge=1, le=MAX_TIMELINE_LIMIT)] = 1000, offset: Offset = 0,
                 actor: Actor = None, type: EventType = None, status: Status = None, since: Since = None,
                 until: Until = None) -> dict[str, Any]:
        since, until = views.check_range(since, until)
        etype, estatus = views.event_type(type), views.event_status(status)
        actor_id = resolve_actor(actor)
        s = store()
        rows = s.events(actor=actor_id, type=etype, since=since, until=until, status=estatus, limit=limit,
                        offset=offset)
        total = s.count_events_where(actor=actor_id, type=etype, since=since, until=until, status=estatus)
        items = []
        for ev in with_names(rows):
            ev["n_sources"] = len(ev["sources"])
            items.append(ev)
        return _page(items, total, limit, offset, actor=actor_id)

    @app.get("/api/graph", tags=["events"],
             summary="Actor graph: entities linked by the events they share, weighted by event count")
    @_fast
    def graph(type: EventType = None, status: Status = None, since: Since = None, until: Until = None,
              min_weight: Annotated[int, Query(ge=1, le=10_000)] = 1,
              max_nodes: Annotated[int, Query(ge=1, le=500, description="Most connected entities kept.")] = 80,
              max_edges: Annotated[int, Query(ge=1, le=20_000, description="Strongest edges kept.")] = 400,
              ) -> dict[str, Any]:
        since, until = views.check_range(since, until)
        etype, estatus = views.event_type(type), views.event_status(status)
        s = store()
        key = ("graph", etype, estatus, since, until, min_weight, max_nodes, max_edges)
        return cache.get(key, lambda: views.build_graph(
            s.graph_events(type=etype, since=since, until=until, status=estatus), min_weight, max_nodes,
            s.entity_names, max_edges=max_edges))

    @app.get("/api/search", tags=["search"], summary="Full-text search over articles and quotes")
    @_fast
    def search(q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="Words (accents ignored).")],
               limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0) -> dict[str, Any]:
        if not q.strip():
            raise views.bad("q must contain at least one word")
        s = store()
        docs, n_docs = s.search_document_page(q, limit=limit, offset=offset)
        quotes_rows, n_quotes = s.quote_page(search=q, limit=limit, offset=offset)
        names = s.entity_names(r["speaker_entity"] for r in quotes_rows if r["speaker_entity"])
        for r in quotes_rows:
            r["speaker_name"] = names.get(r["speaker_entity"], {}).get("name") if r["speaker_entity"] else None
        return {"q": q, "limit": limit, "offset": offset,
                "documents": {"total": n_docs, "items": docs},
                "quotes": {"total": n_quotes, "items": quotes_rows},
                "marks": list(Store._SEARCH_MARKS)}

    # -- the page --------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
