"""Corpus processing at scale: the worker pool, streaming export, incremental corpus steps."""

from __future__ import annotations

import io
import json
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from veille.corpus import process
from veille.corpus.export import export_corpus, stream_export, write_export
from veille.corpus.process import analyze_stream, finalize_corpus, ingest, workers_needed
from veille.ingest.readers import read_inputs
from veille.model import Document, Published
from veille.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
STORY = Path(__file__).resolve().parent.parent / "fixtures" / "inputs" / "story"


def export_bytes(store: Store) -> str:
    return json.dumps(export_corpus(store), ensure_ascii=False, indent=1) + "\n"


def ingest_fixtures(tmp_path: Path, name: str, workers: int) -> Store:
    store = Store(tmp_path / f"{name}.db")
    report = ingest([str(FIXTURES), str(STORY)], store, workers=workers)
    assert not report.errors, report.errors
    return store


@pytest.fixture
def pool_for_every_document(monkeypatch):
    """Make the pool start even for a handful of documents, one document per task."""
    monkeypatch.setattr(process, "MIN_PER_WORKER", 1)
    monkeypatch.setattr(process, "CHUNK_SIZE", 1)


def test_process_workers_give_the_same_export_bytes_as_one_process(tmp_path, pool_for_every_document):
    one = ingest_fixtures(tmp_path, "one", workers=1)
    two = ingest_fixtures(tmp_path, "two", workers=2)
    try:
        assert one.count_documents() == two.count_documents() == 5
        assert export_bytes(one) == export_bytes(two)
        # what ingestion saved for the inference: the same from the workers as in process
        for table in ("timex_directions", "infer_words", "infer_docs", "infer_bounds", "infer_undated_keys"):
            rows = [sorted(tuple(r) for r in s.conn.execute(f"SELECT * FROM {table}")) for s in (one, two)]
            assert rows[0] == rows[1], table
        assert one.conn.execute("SELECT COUNT(*) FROM infer_words").fetchone()[0] > 0
    finally:
        one.close()
        two.close()


def test_process_analyze_stream_keeps_input_order_across_workers(pool_for_every_document):
    def documents():  # type: ignore[no-untyped-def]
        return [d for r in read_inputs([str(FIXTURES), str(STORY)]) for d in r.documents]

    alone = [d.to_dict() for d in analyze_stream(iter(documents()), workers=1)]
    pooled = [d.to_dict() for d in analyze_stream(iter(documents()), workers=2)]
    assert [d["id"] for d in pooled] == [d.id for d in documents()]
    assert sum(len(d["mentions"]) for d in pooled) > 0  # the analysis came back from the workers
    assert pooled == alone


def test_process_small_input_is_shared_evenly_between_the_workers(monkeypatch):
    """Ten new articles on two workers: five each (not one chunk of ten for one worker, the
    other idle), with no warm-up in the parent; a large input goes in full chunks."""
    asked: list[tuple[int, int]] = []

    def pooled(ctx, workers, it, size, directions=None):  # type: ignore[no-untyped-def]
        asked.append((workers, size))
        yield from it

    def warm_up(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("no warm-up for a small input")

    monkeypatch.setattr(process, "_pooled", pooled)
    monkeypatch.setattr("veille.pipeline.analyze", warm_up)
    docs = [Document(id=f"d{i}", source=f"{i}.txt", text=f"Article {i}.", published=Published(None, "unknown"))
            for i in range(40)]
    assert [d.id for d in analyze_stream(iter(docs[:10]), workers=2)] == [d.id for d in docs[:10]]
    assert [d.id for d in analyze_stream(iter(docs[:5]), workers=2)] == [d.id for d in docs[:5]]
    assert asked == [(2, 5), (2, 3)]
    monkeypatch.undo()
    monkeypatch.setattr(process, "_pooled", pooled)
    assert len(list(analyze_stream(iter(docs), workers=2))) == 40
    assert asked[-1] == (2, process.CHUNK_SIZE)


def test_process_workers_needed_one_process_for_a_small_input(monkeypatch):
    monkeypatch.setattr(process, "MIN_PER_WORKER", 16)
    assert workers_needed(0, 8) == 1
    assert workers_needed(10, 2) == 1
    assert workers_needed(16, 2) == 1
    assert workers_needed(17, 2) == 2
    assert workers_needed(1000, 2) == 2
    assert workers_needed(1000, 1) == 1


def test_process_stream_export_gives_the_bytes_of_export_corpus(tmp_path):
    store = ingest_fixtures(tmp_path, "s", workers=1)
    try:
        buf = io.StringIO()
        stream_export(store, buf)
        assert buf.getvalue() == export_bytes(store)
        out = tmp_path / "out.json"
        write_export(store, out)
        assert out.read_text(encoding="utf-8") == export_bytes(store)
    finally:
        store.close()


def test_process_stream_export_of_an_empty_store(tmp_path):
    store = Store(tmp_path / "empty.db")
    try:
        buf = io.StringIO()
        stream_export(store, buf)
        assert buf.getvalue() == export_bytes(store)
        assert json.loads(buf.getvalue())["documents"] == []
    finally:
        store.close()


def test_process_iter_documents_in_batches_equals_one_by_one(tmp_path, monkeypatch):
    store = ingest_fixtures(tmp_path, "b", workers=1)
    try:
        monkeypatch.setattr(Store, "_BATCH", 2)
        batched = list(store.iter_documents())
        assert [d["id"] for d in batched] == [r[0] for r in store.conn.execute(
            "SELECT id FROM documents ORDER BY source, id")]
        assert batched == [store.document(d["id"]) for d in batched]
        some = [batched[3]["id"], "missing", batched[0]["id"]]
        assert list(store.iter_documents(ids=some)) == [batched[0], batched[3]]
    finally:
        store.close()


def test_process_finalize_passes_new_ids_to_steps_that_take_them(tmp_path, monkeypatch):
    calls: list[tuple[str, object]] = []
    mod = types.ModuleType("veille_test_steps")

    def with_ids(store, new_ids=None):  # type: ignore[no-untyped-def]
        calls.append(("with_ids", new_ids))

    def without(store):  # type: ignore[no-untyped-def]
        calls.append(("without", None))

    mod.with_ids = with_ids  # type: ignore[attr-defined]
    mod.without = without  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "veille_test_steps", mod)
    monkeypatch.setattr(process, "CORPUS_STEPS", (("veille_test_steps", "with_ids"),
                                                  ("veille_test_steps", "without"),
                                                  ("veille_test_absent_module", "step")))
    store = Store(tmp_path / "f.db")
    try:
        finalize_corpus(store, new_ids=["d1", "d2"])
        finalize_corpus(store)
    finally:
        store.close()
    assert calls == [("with_ids", ["d1", "d2"]), ("without", None), ("with_ids", None), ("without", None)]


def test_process_near_duplicate_signatures_are_datasketch_ones():
    from datasketch import MinHash, MinHashLSH

    from veille.ingest.dedup import (
        BAND_ROWS,
        BANDS,
        CANDIDATE_THRESHOLD,
        NUM_PERM,
        SCHEME,
        NearDuplicateIndex,
        minhash_of,
        shingles,
    )

    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, BAND_ROWS)
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))] + ["", "un deux trois"]
    index = NearDuplicateIndex()
    for i, text in enumerate(texts):
        sh = shingles(text)
        ref = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME)
        ref.update_batch([int(x).to_bytes(4, "little") for x in sh])
        assert np.array_equal(minhash_of(sh), ref.hashvalues)
        lsh.insert(f"d{i}", ref)
        index.add(f"d{i}", minhash_of(sh), sh)
    for text in texts:
        mh = minhash_of(shingles(text))
        query = MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME, hashvalues=mh)
        assert index.candidates(mh) == set(lsh.query(query))


def test_process_near_duplicate_index_reloaded_from_store_finds_the_same_twin():
    from veille.ingest.dedup import NearDuplicateIndex

    text = (FIXTURES / "a1_sommet.txt").read_text(encoding="utf-8")
    index = NearDuplicateIndex()
    rows = [(f"other{i}", *index.to_bytes(*index.signature(f"Un autre article, numéro {i}, sans rapport."))) for i in
            range(5)]
    rows.append(("d1", *index.to_bytes(*index.signature(text))))
    reloaded = NearDuplicateIndex()
    reloaded.load(rows, batch=4)
    edited = "Une phrase ajoutée en tête de l'article.\n\n" + text
    assert reloaded.find(*reloaded.signature(edited)) == "d1"
    assert reloaded.find(*reloaded.signature("Rien à voir : la météo de demain sera pluvieuse sur la côte.")) is None


def test_process_ingest_of_known_documents_loads_no_model_and_runs_no_step(tmp_path, monkeypatch):
    store = ingest_fixtures(tmp_path, "k", workers=1)
    try:
        import veille.pipeline

        def no_model(*a, **k):  # type: ignore[no-untyped-def]
            raise AssertionError("the model was loaded for inputs that are all known")

        monkeypatch.setattr(veille.pipeline, "shared_nlp", no_model)
        steps: list[object] = []
        mod = types.ModuleType("veille_test_steps2")
        mod.step = lambda store, new_ids=None: steps.append(new_ids)  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "veille_test_steps2", mod)
        monkeypatch.setattr(process, "CORPUS_STEPS", (("veille_test_steps2", "step"),))
        report = ingest([str(FIXTURES), str(STORY)], store, workers=2)
        assert report.stored == 0 and report.already_known == 5
        assert steps == []
    finally:
        store.close()


def test_process_batched_store_writes_keep_sources_of_copies_read_meanwhile(tmp_path, monkeypatch):
    # a copy of an article read while the original waits in the write queue becomes a source of it
    monkeypatch.setattr(process, "STORE_BATCH", 100)
    text = ("La ministre des Armées a présenté mardi à Paris le budget de la défense pour l'année prochaine, "
            "en hausse de trois milliards d'euros, devant les députés de la commission.\n")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "q.db")
    try:
        report = ingest([str(tmp_path / "in")], store, workers=1)
        assert report.stored == 1 and report.already_known == 1
        (doc_id,) = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
        stored = store.document(doc_id)
        assert stored is not None
        assert sorted(Path(s["source"]).name for s in stored["sources"]) == ["a.txt", "b.txt"]
    finally:
        store.close()


def test_process_doc_text_is_the_text_the_doc_was_made_from(nlp):
    from veille.model import Document, Published
    from veille.pipeline import doc_text, make_doc

    text = "Le chef de l'État  a reçu  mardi\nses ministres. « Avançons », a-t-il lancé. "
    doc = make_doc(nlp, Document(id="x", source="x", text=text, published=Published(None, "unknown")))
    assert doc_text(doc) == doc.text == text
    doc.user_data["veille.text"] = text[:-3]  # no longer the tokens' text: spaCy's own is used
    assert doc_text(doc) == text
    assert doc_text(nlp.make_doc("")) == ""


def test_process_workers_replaced_after_each_task_give_the_same_export(tmp_path, pool_for_every_document,
                                                                       monkeypatch):
    monkeypatch.setattr(process, "TASKS_PER_WORKER", 1)  # a fresh fork for every chunk
    one = ingest_fixtures(tmp_path, "one", workers=1)
    recycled = ingest_fixtures(tmp_path, "recycled", workers=2)
    try:
        assert one.count_documents() == recycled.count_documents() == 5
        assert export_bytes(one) == export_bytes(recycled)
    finally:
        one.close()
        recycled.close()


def test_warm_pipeline_leaves_the_shared_pipeline_loaded_for_the_next_ingest():
    from veille.corpus.process import warm_pipeline
    from veille.pipeline import shared_nlp

    warm_pipeline()
    before = shared_nlp.cache_info()
    assert before.currsize >= 1
    shared_nlp()  # the ingest that follows finds it: a cache hit, no second load
    assert shared_nlp.cache_info().hits == before.hits + 1
    assert shared_nlp.cache_info().misses == before.misses
