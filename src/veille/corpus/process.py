"""Corpus processing: read inputs, analyse new documents (in parallel), store, then resolve
what needs the whole corpus (publication dates of undated articles, events merged across
articles). `veille extract` is the same run on an in-memory store, then an export.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from veille.errors import InputError
from veille.ingest.readers import read_inputs
from veille.model import Document, Published, Source
from veille.store import Store

# corpus-level steps run after ingestion, in order: (module, function(store) -> None; a step
# may also take `new_ids`, see finalize_corpus). A step whose module is absent is skipped.
CORPUS_STEPS: tuple[tuple[str, str], ...] = (
    ("veille.timex.infer", "infer_publication_dates"),
    ("veille.events.merge", "merge_events"),
)

# what a stage indexes of the documents as they are stored: (module, function(store, documents
# as dicts)); the corpus steps then ask these indexes instead of reading the whole store
STORE_HOOKS: tuple[tuple[str, str], ...] = (
    ("veille.timex.infer", "index_documents"),
)

Progress = Callable[[int], None]


def _functions(names: Iterable[tuple[str, str]]) -> Iterator[tuple[str, Any]]:
    """("module.function", the function) of each named one whose module is present."""
    for module_name, func_name in names:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        yield f"{module_name}.{func_name}", getattr(module, func_name)


def _store_hooks() -> list[Callable[[Store, list[dict[str, Any]]], None]]:
    return [hook for _name, hook in _functions(STORE_HOOKS)]


@dataclass
class IngestReport:
    stored: int = 0
    already_known: int = 0
    near_duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)
    inputs: int = 0
    workers: int = 1  # analysis processes actually used
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase (bench/run_bench.py)

    @property
    def ok(self) -> bool:
        return not self.errors


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


# -- analysis: in process, or a pool of worker processes ------------------------------------
CHUNK_SIZE = 16  # documents per task sent to a worker (and the worker's nlp.pipe batch: bare spaCy's default)
IN_FLIGHT = 3  # tasks queued or running per worker: enough that a worker never waits for the next
MIN_PER_WORKER = 4  # below this many new documents per worker, fewer workers (1: no pool at all)
STORE_BATCH = 16  # analysed documents written per store transaction
# a worker is replaced (forked again from the loaded parent: cheap) after this many chunks, so
# what its heap accumulates (spaCy's string store grows with every new word) stays bounded
TASKS_PER_WORKER = 64

# analysed once in the parent before the workers are forked (see analyze_stream); our own words
WARM_UP_TEXT = ("Le président Emmanuel Macron a reçu lundi 12 mai à Paris le chancelier allemand, "
                "deux jours avant le sommet de Bruxelles. « Nous avançons ensemble », a-t-il déclaré.")

# What a worker sends back for one document: the extensions the components wrote, not the
# text the parent already has, and for an undated document the tense direction of each TIMEX
# (publication-date inference reads them instead of parsing the text again).
Extraction = tuple[list[Any], list[Any], dict[str, Any], list[Any], list[Any], dict[str, Any] | None]
Directions = dict[str, dict[str, Any]]  # document id -> its TIMEX directions ("start:end" -> -1/0/1/None)
_worker_nlp: Any = None


def _init_worker() -> None:
    """Give this process its pipeline: inherited from the parent under fork, else loaded."""
    global _worker_nlp
    from veille.pipeline import shared_nlp

    _worker_nlp = shared_nlp()


def warm_pipeline() -> None:
    """Load the pipeline and analyse one short text, so that what the components build on their
    first document is built now: a long-running process (`veille watch`) then analyses its first
    new articles as fast as the next ones."""
    from veille.pipeline import analyze

    list(analyze([Document(id="warm-up", source="warm-up", text=WARM_UP_TEXT,
                           published=Published("2025-05-12", "metadata"))]))


def _directions(doc: Any, document: Document) -> dict[str, Any] | None:
    """The TIMEX directions of an undated document (None for a dated one, or without the step)."""
    if document.published.value is not None or not document.timexes:
        return None
    try:
        from veille.timex.infer import timex_directions
    except ModuleNotFoundError:
        return None
    return timex_directions(doc, document.timexes)


def analyze_with_directions(documents: Iterable[Document], nlp: Any, batch_size: int = CHUNK_SIZE
                            ) -> Iterator[tuple[Document, dict[str, Any] | None]]:
    """pipeline.analyze, also giving each undated document's TIMEX directions from its parse."""
    from veille.pipeline import analyze_with_docs

    for document, doc in analyze_with_docs(documents, nlp, batch_size):
        yield document, _directions(doc, document)


def _analyze_chunk(chunk: list[tuple[str, Published]]) -> list[Extraction]:
    docs = [Document(id="", source="", text=text, published=published) for text, published in chunk]
    return [(d.timexes, d.mentions, d.entities, d.quotes, d.event_mentions, directions)
            for d, directions in analyze_with_directions(docs, _worker_nlp, batch_size=len(chunk))]


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _fork_context() -> Any:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork") if "fork" in methods else None


def workers_needed(n_documents: int, workers: int) -> int:
    """Processes worth starting for this many new documents: one per MIN_PER_WORKER."""
    return max(1, min(workers, -(-n_documents // MIN_PER_WORKER)))


def analyze_stream(documents: Iterable[Document], workers: int = 1, chunk_size: int | None = None,
                   report: IngestReport | None = None, directions: Directions | None = None) -> Iterator[Document]:
    """Analysed documents in input order; with workers > 1 and enough documents, a process pool.

    The pipeline is loaded once, in this process (a small input then needs nothing else), and
    worker processes are forked from it: they share the loaded model instead of each loading
    their own (on platforms without fork, each worker loads it). Memory stays bounded whatever
    the input size: at most IN_FLIGHT chunks per worker are read ahead. `directions` receives
    the TIMEX directions of each undated document (see analyze_with_directions), by id.
    """
    from veille.pipeline import shared_nlp

    it = iter(documents)
    first = next(it, None)
    if first is None:  # nothing new (e.g. every input already stored): no model to load
        return
    it = chain([first], it)
    whole: int | None = None  # the number of documents, when the read-ahead got them all
    size = chunk_size or CHUNK_SIZE
    if workers > 1:  # read a chunk per worker ahead: a handful of documents does not need a pool,
        # and fewer than a chunk per worker are shared evenly (10 documents: 5 + 5, not 10 + 0)
        head = list(islice(it, workers * size))
        if len(head) < workers * size:
            whole = len(head)
        workers = workers_needed(len(head), workers)
        it = chain(head, it)
    if report is not None:
        report.workers = workers
    ctx = _fork_context() if workers > 1 else None
    if workers <= 1 or ctx is not None:
        start = time.perf_counter()
        nlp = shared_nlp()
        if report is not None:
            report.timings["model"] = time.perf_counter() - start
    if workers <= 1:
        for document, found in analyze_with_directions(it, nlp):
            if found is not None and directions is not None:
                directions[document.id] = found
            yield document
        return
    if ctx is None:  # no fork: spawned workers load their own pipeline
        ctx = mp.get_context("spawn")
    elif whole is None:  # what the components build on their first document is built once, here,
        # and inherited; for a small input (`whole`: one chunk per worker) each worker builds it
        # at the same time instead, which is sooner than the parent first and the workers after
        start = time.perf_counter()
        warm_pipeline()
        if report is not None:
            report.timings["warm_up"] = time.perf_counter() - start
    if whole is None:  # (a pool of one chunk per worker is gone before the garbage matters)
        gc.collect()
    # objects inherited by the workers stay shared: the collector does not touch them. Frozen
    # while the pool lives, since a replaced worker (TASKS_PER_WORKER) is forked again.
    gc.freeze()
    try:
        if whole is not None:  # one even share per worker
            size = min(size, -(-whole // workers))
        yield from _pooled(ctx, workers, it, size, directions)
    finally:
        gc.unfreeze()


def _pooled(ctx: Any, workers: int, it: Iterator[Document], size: int,
            directions: Directions | None = None) -> Iterator[Document]:
    pool = ctx.Pool(workers, initializer=_init_worker, maxtasksperchild=TASKS_PER_WORKER)
    with pool:
        chunks = _chunks(it, size)
        pending: deque[tuple[list[Document], Any]] = deque()

        def submit() -> None:
            chunk = next(chunks, None)
            if chunk is not None:
                payload = [(d.text, d.published) for d in chunk]
                pending.append((chunk, pool.apply_async(_analyze_chunk, (payload,))))

        for _ in range(workers * IN_FLIGHT):
            submit()
        while pending:
            chunk, result = pending.popleft()
            extractions = result.get()
            submit()  # before handing these over, so the workers stay busy meanwhile
            for document, (timexes, mentions, entities, quotes, event_mentions, found) in zip(
                    chunk, extractions, strict=True):
                if found is not None and directions is not None:
                    directions[document.id] = found
                document.timexes = timexes
                document.mentions = mentions
                document.entities = entities
                document.quotes = quotes
                document.event_mentions = event_mentions
                yield document


# -- ingestion ----------------------------------------------------------------------------
class _Intake:
    """Decides, before any analysis, which read documents are new.

    Exact duplicates (same cleaned text) and near-duplicates (same story lightly edited) only add
    a source to the document already stored or already on its way to the store.
    """

    def __init__(self, store: Store, report: IngestReport, on_error: Callable[[InputError], None] | None):
        self.store = store
        self.report = report
        self.on_error = on_error
        from veille.ingest.dedup import NearDuplicateIndex  # datasketch (and scipy): only to ingest

        # stored documents are looked up in the store (one index query per LSH band): nothing
        # proportional to the store is loaded; the index holds this run's documents until stored
        self.index = NearDuplicateIndex(lookup=store.near_duplicate_candidates)
        self.new_ids: list[str] = []  # documents stored by this run, in order
        self.pending: dict[str, list[Source]] = {}  # doc id -> sources found while it is analysed
        self.signatures: dict[str, tuple[bytes, bytes]] = {}
        self.queue: list[Document] = []  # analysed, not yet written (see store_document)
        self.directions: Directions = {}  # TIMEX directions of the undated analysed documents
        self.indexers = _store_hooks()

    def _error(self, error: InputError) -> None:
        self.report.errors.append(error)
        if self.on_error:
            self.on_error(error)

    def _add_source(self, doc_id: str, sources: list[Source]) -> None:
        if doc_id in self.pending:
            self.pending[doc_id].extend(sources)
        else:
            for src in sources:
                self.store.add_source(doc_id, src)

    def documents(self, paths: Iterable[str]) -> Iterator[Document]:
        for result in read_inputs(paths):
            self.report.inputs += 1
            if result.error is not None:
                self._error(result.error)
            for error in result.partial_errors:
                self._error(error)
            for doc in result.documents:
                if doc.id in self.pending or self.store.has_document(doc.id):
                    self._add_source(doc.id, doc.sources)
                    self.report.already_known += 1
                    continue
                mh, sh = self.index.signature(doc.text)
                twin = self.index.find(mh, sh)
                if twin is not None:
                    self._add_source(twin, doc.sources)
                    self.report.near_duplicates += 1
                    continue
                self.index.add(doc.id, mh, sh)
                self.signatures[doc.id] = self.index.to_bytes(mh, sh)
                self.pending[doc.id] = []
                yield doc

    def store_document(self, doc: Document) -> int:
        """Queue an analysed document; every STORE_BATCH of them are written in one transaction.
        Returns how many documents this call stored (0 while queued)."""
        self.queue.append(doc)
        return self.flush() if len(self.queue) >= STORE_BATCH else 0

    def flush(self) -> int:
        """Write the queued documents (a document stays `pending` until written, so a copy of it
        read meanwhile adds its source here instead of to a row that does not exist yet)."""
        if not self.queue:
            return 0
        items = []
        for doc in self.queue:
            extra = self.pending.pop(doc.id, [])
            known = {s.source for s in doc.sources}
            doc.sources.extend(s for s in extra if s.source not in known)
            items.append((doc, self.signatures.pop(doc.id, None)))
        self.queue = []
        stored = self.store.add_documents(items)
        self.index.forget(doc.id for doc, _ in items)  # now in the store, found through its lookup
        written = [doc for (doc, _), ok in zip(items, stored, strict=True) if ok]
        self.new_ids.extend(doc.id for doc in written)
        directions = [(doc.id, self.directions.pop(doc.id)) for doc, _ in items if doc.id in self.directions]
        if any(ok for ok in stored):
            ids = {doc.id for doc in written}  # (a copy of a stored document keeps the stored ones)
            self.store.set_timex_directions([item for item in directions if item[0] in ids])
        if written:
            dicts = [doc.to_dict() for doc in written]
            for hook in self.indexers:
                hook(self.store, dicts)
        return sum(stored)


def ingest(paths: Iterable[str], store: Store, workers: int = 1,
           on_error: Callable[[InputError], None] | None = None,
           on_document: Callable[[Document], None] | None = None,
           finalize: bool = True) -> IngestReport:
    """Read, analyse and store every input; one transaction per STORE_BATCH documents."""
    report = IngestReport()
    start = time.perf_counter()
    intake = _Intake(store, report, on_error)
    report.timings["near_duplicate_index"] = time.perf_counter() - start
    start = time.perf_counter()
    for doc in analyze_stream(intake.documents(paths), workers=workers, report=report, directions=intake.directions):
        report.stored += intake.store_document(doc)
        if on_document:
            on_document(doc)
    report.stored += intake.flush()
    report.timings["read_analyse_store"] = (time.perf_counter() - start - report.timings.get("model", 0.0)
                                            - report.timings.get("warm_up", 0.0))
    if finalize:
        finalize_corpus(store, new_ids=intake.new_ids, timings=report.timings)
    return report


def finalize_corpus(store: Store, new_ids: Sequence[str] | None = None,
                    timings: dict[str, float] | None = None) -> None:
    """Run the corpus-level steps of every stage that has one.

    `new_ids`: the documents this run stored (None: unknown, e.g. a whole-store rebuild). A step
    that takes a `new_ids` keyword gets them, so it can work on what they touch only. An empty
    `new_ids` (nothing stored: every input was known) runs nothing: the corpus has not changed.
    """
    if new_ids is not None and not new_ids:
        return
    for name, step in _functions(CORPUS_STEPS):
        start = time.perf_counter()
        if new_ids is not None and "new_ids" in inspect.signature(step).parameters:
            step(store, new_ids=list(new_ids))
        else:
            step(store)
        if timings is not None:
            timings[name] = time.perf_counter() - start
