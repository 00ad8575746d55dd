"""Corpus processing: read inputs, analyse new documents (in parallel), store, then resolve
what needs the whole corpus (publication dates of undated articles, events merged across
articles). `veille extract` is the same run on an in-memory store, then an export.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from veille.errors import InputError
from veille.ingest.dedup import NearDuplicateIndex
from veille.ingest.readers import read_inputs
from veille.model import Document, Source
from veille.store import Store

# corpus-level steps run after ingestion, in order: (module, function(store) -> None).
# A step whose module is absent is skipped (the stage is not built yet).
CORPUS_STEPS: tuple[tuple[str, str], ...] = (
    ("veille.timex.infer", "infer_publication_dates"),
    ("veille.events.merge", "merge_events"),
)

Progress = Callable[[int], None]


@dataclass
class IngestReport:
    stored: int = 0
    already_known: int = 0
    near_duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)
    inputs: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


# -- workers ------------------------------------------------------------------------------
_worker_nlp: Any = None


def _init_worker() -> None:
    global _worker_nlp
    from veille.pipeline import build_nlp

    _worker_nlp = build_nlp()


def _analyze_chunk(chunk: list[Document]) -> list[Document]:
    from veille.pipeline import analyze

    return list(analyze(chunk, _worker_nlp))


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def analyze_stream(documents: Iterable[Document], workers: int = 1, chunk_size: int = 8) -> Iterator[Document]:
    """Analysed documents in input order; with workers > 1, a process pool with its own models.

    Memory stays bounded: at most a window of chunks is in flight at any time.
    """
    if workers <= 1:
        from veille.pipeline import analyze, shared_nlp

        yield from analyze(documents, shared_nlp())
        return
    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    window = workers * 4
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        chunks = _chunks(documents, chunk_size)
        while batch := list(islice(chunks, window)):
            for analysed in pool.imap(_analyze_chunk, batch):
                yield from analysed


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
        self.index = NearDuplicateIndex()
        self.index.load(store.signatures())
        self.pending: dict[str, list[Source]] = {}  # doc id -> sources found while it is analysed
        self.signatures: dict[str, tuple[bytes, bytes]] = {}

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
                self.signatures[doc.id] = NearDuplicateIndex.to_bytes(mh, sh)
                self.pending[doc.id] = []
                yield doc

    def store_document(self, doc: Document) -> bool:
        extra = self.pending.pop(doc.id, [])
        known = {s.source for s in doc.sources}
        doc.sources.extend(s for s in extra if s.source not in known)
        signature = self.signatures.pop(doc.id, None)
        return self.store.add_document(doc, signature=signature)


def ingest(paths: Iterable[str], store: Store, workers: int = 1,
           on_error: Callable[[InputError], None] | None = None,
           on_document: Callable[[Document], None] | None = None,
           finalize: bool = True) -> IngestReport:
    """Read, analyse and store every input; one transaction per document."""
    report = IngestReport()
    intake = _Intake(store, report, on_error)
    for doc in analyze_stream(intake.documents(paths), workers=workers):
        if intake.store_document(doc):
            report.stored += 1
        if on_document:
            on_document(doc)
    if finalize:
        finalize_corpus(store)
    return report


def finalize_corpus(store: Store) -> None:
    """Run the corpus-level steps of every stage that has one."""
    for module_name, func_name in CORPUS_STEPS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        getattr(module, func_name)(store)
