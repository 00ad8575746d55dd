"""The Store: schema, one transaction per document, idempotent ingestion."""

from __future__ import annotations

import sqlite3

import pytest

from veille.errors import VeilleError
from veille.model import Document, Entity, Mention, Published, Quote, Source, Speaker
from veille.store import Store
from veille.store.schema import SCHEMA_VERSION


def make_doc(text: str = "Emmanuel Macron a parlé.", source: str = "a.txt") -> Document:
    doc = Document(id="d" + str(abs(hash(text)))[:10], source=source, text=text,
                   published=Published("2025-05-01", "metadata"))
    doc.sources = [Source(source)]
    doc.mentions = [Mention(0, 15, "Emmanuel Macron", "Q3052772", "PER", "name")]
    doc.entities = {"Q3052772": Entity("Q3052772", "Emmanuel Macron", "PER", "Q3052772", ["Macron"])}
    doc.quotes = [Quote("q1", 0, 5, "Emman", "partial", Speaker(0, 15, "Emmanuel Macron", "Q3052772"))]
    return doc


def test_store_creates_schema_with_version(tmp_path):
    with Store(tmp_path / "v.db") as store:
        assert store.stats()["schema_version"] == SCHEMA_VERSION
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_store_add_document_once_and_keeps_new_sources(tmp_path):
    with Store(tmp_path / "v.db") as store:
        doc = make_doc()
        assert store.add_document(doc) is True
        again = make_doc(source="b.txt")
        assert store.add_document(again) is False
        assert store.count_documents() == 1
        stored = store.document(doc.id)
        assert stored is not None
        assert [s["source"] for s in stored["sources"]] == ["a.txt", "b.txt"]
        assert stored["mentions"][0]["entity"] == "Q3052772"


def test_store_failed_insert_leaves_nothing_behind(tmp_path, monkeypatch):
    with Store(tmp_path / "v.db") as store:
        doc = make_doc()
        doc.quotes.append(doc.quotes[0])  # duplicate (document_id, id): the quotes insert fails
        with pytest.raises(sqlite3.IntegrityError):
            store.add_document(doc)
        assert store.count_documents() == 0
        assert store.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == 0


def test_store_search_folds_accents(tmp_path):
    with Store(tmp_path / "v.db") as store:
        store.add_document(make_doc("L'Élysée a répondu à la Maison Blanche."))
        assert store.search_documents("elysee")
        assert store.search_documents("ELYSÉE")
        assert not store.search_documents("kremlin")


def test_store_entities_merge_aliases(tmp_path):
    with Store(tmp_path / "v.db") as store:
        store.upsert_entities([Entity("ent:jean-dupont", "Jean Dupont", "PER", None, ["Dupont"])])
        store.upsert_entities([Entity("ent:jean-dupont", "Jean Dupont", "PER", None, ["M. Dupont"])])
        entity = store.entity("ent:jean-dupont")
        assert entity is not None and entity.aliases == ["Dupont", "M. Dupont"]


def test_store_refuses_newer_schema(tmp_path):
    path = tmp_path / "v.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 5,))
    conn.commit()
    conn.close()
    with pytest.raises(VeilleError) as info:
        Store(path)
    assert info.value.code == "E021"


def test_store_readonly_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(VeilleError) as info:
        Store(tmp_path / "absent.db", readonly=True)
    assert "veille ingest" in str(info.value)


def test_store_add_documents_one_transaction_for_a_batch(tmp_path):
    with Store(tmp_path / "v.db") as store:
        first = make_doc("Emmanuel Macron a parlé devant les maires.")
        second = make_doc("Emmanuel Macron a reçu les syndicats à l'Élysée.")
        assert store.add_documents([(first, (b"m", b"s")), (second, None)]) == [True, True]
        again = make_doc("Emmanuel Macron a parlé devant les maires.", source="c.txt")
        assert store.add_documents([(again, None)]) == [False]
        assert store.count_documents() == 2
        stored = store.document(first.id)
        assert stored is not None
        assert [s["source"] for s in stored["sources"]] == ["a.txt", "c.txt"]
        assert [r[0] for r in store.signatures()] == [first.id]


def test_store_add_documents_failure_rolls_back_the_whole_batch(tmp_path):
    with Store(tmp_path / "v.db") as store:
        good = make_doc("Le Premier ministre a présenté son budget.")
        bad = make_doc("La ministre a répondu aux députés.")
        bad.quotes.append(bad.quotes[0])  # duplicate (document_id, id): the quotes insert fails
        with pytest.raises(sqlite3.IntegrityError):
            store.add_documents([(good, None), (bad, None)])
        assert store.count_documents() == 0
        assert store.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == 0


def test_store_stats_publication_range_ignores_week_values(tmp_path):
    store = Store(tmp_path / "v.db")
    for n, value in enumerate(["2025-05", "2025-07-28", "2025-W20"]):
        store.add_document(Document(id=f"d{n}", source=f"d{n}.txt", text=f"Texte {n}.",
                                    published=Published(value, "metadata")))
    stats = store.stats()
    # as strings "2025-W20" sorts after "2025-07-28": the range keeps calendar values only
    assert (stats["first_published"], stats["last_published"]) == ("2025-05", "2025-07-28")


def _store_at_version(path, version: int) -> sqlite3.Connection:
    """A store file as veille left it at this schema version (the later migrations not run)."""
    from veille.store.schema import MIGRATIONS

    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for v, script in enumerate(MIGRATIONS[:version], start=1):
        conn.executescript(f"BEGIN;\n{script}\nINSERT INTO schema_version VALUES ({v});\nCOMMIT;")
    return conn


def test_store_migration_5_keys_the_event_mentions_of_an_older_store(tmp_path):
    path = tmp_path / "old.db"
    conn = _store_at_version(path, 4)
    conn.execute("INSERT INTO documents(id, seq, source, language, published_origin, text, data)"
                 " VALUES ('d1', 1, 'a.txt', 'fr', 'unknown', 'x', '{}')")
    conn.execute("INSERT INTO event_mentions(document_id, id, type, status, participants)"
                 " VALUES ('d1', 'e1', 'CONSULT', 'occurred', '[\"Q1\",\"Q2\",\"Q1\"]')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.stats()["schema_version"] == SCHEMA_VERSION
        rows = store.conn.execute("SELECT document_id, mention_id, type, participant FROM event_mention_keys"
                                  " ORDER BY participant").fetchall()
        assert [tuple(r) for r in rows] == [("d1", "e1", "CONSULT", "Q1"), ("d1", "e1", "CONSULT", "Q2")]
        # nothing indexed yet for the inference: the next one indexes the whole store once
        assert store.infer_unindexed() == [("d1", False)]


def test_store_replaced_document_keeps_its_word_counts_and_rebuilds_its_evidence(tmp_path):
    with Store(tmp_path / "v.db") as store:
        doc = make_doc("Emmanuel Macron a parlé jeudi devant les députés.")
        store.add_document(doc)
        store.write_infer_index([{"id": doc.id, "words": ["devant", "députés"], "undated_keys": [(4, "députés")]}])
        assert store.infer_unindexed() == []
        store.replace_document(make_doc("Emmanuel Macron a parlé jeudi devant les députés."))
        assert store.infer_unindexed() == [(doc.id, True)]
        assert store.conn.execute("SELECT COUNT(*) FROM infer_undated_keys").fetchone()[0] == 0
        assert store.infer_df(["députés", "absent"]) == {"députés": 1}
        assert store.infer_n_docs() == 1


def test_dated_event_mentions_by_weekday_and_place():
    """The inference asks only for the reports it can use: those on the weekday an undated
    article told, or at its place (2025-05-10 was a Saturday, 2025-05-12 a Monday)."""
    from tests.events.test_merge import OSLO, ROME, A, B, _doc, _em

    with Store(":memory:") as store:
        store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-10", [A, B], place=OSLO),
                                                      _em("e2", "2025-05-12", [A, B], place=ROME)]))
        every = store.dated_event_mentions("CONSULT", [A])
        saturday = store.dated_event_mentions("CONSULT", [A], weekday=6)
        monday = store.dated_event_mentions("CONSULT", [A], weekday=1)
        in_rome = store.dated_event_mentions("CONSULT", [B], place=ROME)
        sunday = store.dated_event_mentions("CONSULT", [A], weekday=7)
    assert sorted(m["date"] for m in every) == ["2025-05-10", "2025-05-12"]
    assert [m["date"] for m in saturday] == ["2025-05-10"]
    assert [m["date"] for m in monday] == ["2025-05-12"]
    assert [m["date"] for m in in_rome] == ["2025-05-12"]
    assert sunday == []


def test_store_migration_6_lists_the_names_of_an_older_store(tmp_path):
    path = tmp_path / "old5.db"
    conn = _store_at_version(path, 5)
    conn.execute("INSERT INTO infer_docs(document_id, indexed, names) VALUES ('d1', 1, '[\"lyon\",\"cgt\"]')")
    conn.execute("INSERT INTO infer_docs(document_id, indexed, names) VALUES ('d2', 1, NULL)")
    conn.commit()
    conn.close()
    with Store(path) as store:
        rows = store.conn.execute("SELECT name, document_id, n FROM infer_doc_names ORDER BY name").fetchall()
        assert [tuple(r) for r in rows] == [("cgt", "d1", 2), ("lyon", "d1", 2)]


def test_store_similar_names_are_every_document_reaching_the_threshold():
    """infer_similar against the Jaccard index computed on every pair of a small corpus of name
    sets, at the inference threshold and others: none reaching it is left out."""
    import itertools

    names = ["lyon", "cgt", "sncf", "grève", "macron", "borne", "paris", "marseille", "dockers"]
    sets = [set(c) for r in (1, 2, 3, 4) for c in itertools.combinations(names[:6], r)] + [set(names), {"paris"}]
    with Store(":memory:") as store:
        store.write_infer_index([{"id": f"d{i}", "names": sorted(s)} for i, s in enumerate(sets)])
        for threshold in (0.35, 0.5, 0.2, 1.0):
            for asking in sets[::3] + [{"lyon", "inconnu"}, {"ailleurs"}]:
                found = store.infer_similar(asking, threshold)
                expected = {f"d{i}" for i, s in enumerate(sets) if len(asking & s) / len(asking | s) >= threshold}
                assert {d for d, (shared, n) in found.items()
                        if shared / (len(asking) + n - shared) >= threshold} == expected, (asking, threshold)
                assert all(found[d] == (len(asking & sets[int(d[1:])]), len(sets[int(d[1:])])) for d in found)
        # a document whose evidence goes stale loses its names until indexed again
        with store.transaction() as c:
            store._infer_stale(c, "d0")
        assert "d0" not in store.infer_similar(sets[0], 0.35)


def test_event_mentions_unassigned_only_and_of_documents():
    """The merge of new articles asks only for the mentions not yet in an event, and for the
    mentions of the documents of the events it reads back (the store has both queries)."""
    from tests.events.test_merge import ROME, A, B, _doc, _em
    from veille.events.merge import _can_query, merge_events

    with Store(":memory:") as store:
        store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-12", [A, B], place=ROME)]))
        store.add_document(_doc("d2", "2025-05-14", [_em("e1", "2025-05-12", [A, B], place=ROME)]))
        assert _can_query(store, "unassigned_only") and _can_query(store, "documents")
        merge_events(store)
        store.add_document(_doc("d3", "2025-06-02", [_em("e1", "2025-06-01", [A])]))
        pending = store.event_mentions(unassigned_only=True)
        of_d2 = store.event_mentions(documents=["d2"])
        every = store.event_mentions()
    assert [(m["document_id"], m["id"]) for m in pending] == [("d3", "e1")]
    assert [(m["document_id"], m["id"]) for m in of_d2] == [("d2", "e1")]
    assert len(every) == 3 and sum(1 for m in every if m["event_id"]) == 2


def test_undated_events_reported_finds_an_undated_event_by_actor_type_and_period_through_its_index(tmp_path):
    from tests.api.sample_store import sample_documents, sample_events
    from veille.model import Event, EventSource

    with Store(tmp_path / "s.db") as store:
        for doc in sample_documents():
            store.add_document(doc)
        events = sample_events()
        dated = events[1]  # ev2: the call of dB, dated
        undated = Event("ev9", dated.type, dated.mode, dated.participants, None, None, "occurred",
                        "the same call, undated", [EventSource("dB", "e1")])
        store.replace_events([e for e in events if e.id != dated.id] + [undated])
        published_b = next(d for d in sample_documents() if d.id == "dB").published.value
        assert published_b is not None
        month = published_b[:7]
        found = store.undated_events_reported(dated.type, dated.participants[0], [month])
        assert [ev["id"] for ev in found] == ["ev9"]  # ev1 (same type and actor) is dated
        assert store.undated_events_reported(dated.type, dated.participants[0], ["1999-01"]) == []
        assert store.undated_events_reported("PROTEST", dated.participants[0], [month]) == []
        assert "events_undated_type" in _plan_of(store, lambda: store.undated_events_reported(
            dated.type, dated.participants[0], [month]))


def _plan_of(store: Store, call) -> str:
    """The query plan of the SELECT this store call runs (its SQL with the values bound, as the
    connection's trace gives it)."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.conn.set_trace_callback(None)
    select = next(s for s in statements if s.lstrip().upper().startswith("SELECT"))
    return " ".join(str(row[-1]) for row in store.conn.execute("EXPLAIN QUERY PLAN " + select))


def test_events_of_a_type_in_a_period_keep_prefix_bounds_and_range_over_the_type_date_index():
    """until=2025-06 keeps every value of June (days, weeks given as days, the month itself),
    not July; the merge's block reads (a type, a month) range over the (type, date) index
    instead of scanning every event of the type."""
    from tests.api.sample_store import sample_events
    from veille.model import Event

    template = sample_events()[0]
    dates = ["2025-05-31", "2025-06", "2025-06-01", "2025-06-30T18:00", "2025-07-01", "2025", None]
    with Store(":memory:") as store:
        store.replace_events([Event(f"ev{i}", template.type, template.mode, template.participants, None, d,
                                    "occurred", "s", template.sources) for i, d in enumerate(dates)])
        found = store.events(type=template.type, since="2025-06", until="2025-06")
        assert [ev["date"] for ev in found] == ["2025-06", "2025-06-01", "2025-06-30T18:00"]
        assert [ev["date"] for ev in store.events(type=template.type, until="2025")] == sorted(dates[:6])
        plan = _plan_of(store, lambda: store.events(type=template.type, since="2025-06", until="2025-06"))
    assert "events_type_date" in plan and "date<" in plan.replace(" ", "")


def test_replacing_a_document_replaces_its_full_text_rows_and_leaves_the_others(tmp_path):
    """A re-analysed document's old words and quotes leave the search indexes (removed by rowid,
    see migration 9), its new ones are found, the other documents' rows stay; the same holds
    after the store is reopened (the rowids are stored, not kept in memory)."""
    import dataclasses

    from tests.api.sample_store import sample_documents

    docs = sample_documents()
    with Store(tmp_path / "s.db") as store:
        for doc in docs:
            store.add_document(doc)
        assert [r["id"] for r in store.search_documents("patience")] == ["dB"]
        assert [q["document_id"] for q in store.quotes(search="patience")] == ["dB"]
    old_b = docs[1]
    quote = dataclasses.replace(old_b.quotes[0], text="« La fermeté paiera »")
    new_b = dataclasses.replace(old_b, text=old_b.text.replace("patience", "fermeté"), quotes=[quote])
    with Store(tmp_path / "s.db") as store:
        store.replace_document(new_b)
        assert store.search_documents("patience") == [] and store.quotes(search="patience") == []
        assert [r["id"] for r in store.search_documents("fermete")] == ["dB"]
        assert [q["text"] for q in store.quotes(search="fermete")] == ["« La fermeté paiera »"]
        assert [r["id"] for r in store.search_documents("Berlin")] and {
            r["id"] for r in store.search_documents("crise")} == {"dA"}
        assert [q["document_id"] for q in store.quotes(search="ensemble")] == ["dA"]
        fts_rows = store.conn.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
        assert fts_rows == len(docs)


def test_store_migration_9_gives_the_full_text_rows_of_an_older_store_the_rowids_of_what_they_index(tmp_path):
    path = tmp_path / "old8.db"
    conn = _store_at_version(path, 8)
    for doc_id, seq, text in (("d1", 2, "grève à Lyon"), ("d2", 1, "accord signé à Rome")):
        conn.execute("INSERT INTO documents(id, seq, source, language, published_origin, text, data)"
                     " VALUES (?, ?, 'a.txt', 'fr', 'unknown', ?, '{}')", (doc_id, seq, text))
        conn.execute("INSERT INTO documents_fts(id, title, text) VALUES (?, '', ?)", (doc_id, text))
    conn.execute("INSERT INTO quotes(document_id, id, start, end, text, kind, speaker_text)"
                 " VALUES ('d2', 'q1', 0, 5, 'nous signerons', 'direct', 'la ministre')")
    conn.execute("INSERT INTO quotes_fts(document_id, id, text, speaker) VALUES ('d2', 'q1', 'nous signerons', 'x')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        fts = store.conn.execute("SELECT rowid, id FROM documents_fts ORDER BY rowid").fetchall()
        assert [tuple(r) for r in fts] == [(1, "d2"), (2, "d1")]  # the documents' seq
        quotes = store.conn.execute("SELECT f.rowid = q.rowid, f.speaker FROM quotes_fts f"
                                    " JOIN quotes q ON q.document_id = f.document_id AND q.id = f.id").fetchall()
        assert [tuple(r) for r in quotes] == [(1, "la ministre")]
        assert [r["id"] for r in store.search_documents("greve")] == ["d1"]


def test_events_citing_documents_reads_only_the_events_that_list_them():
    """The merge reads back the events of re-analysed documents through their sources; an id
    that is the start of another ("d1", "d10") or found elsewhere in the JSON does not count."""
    from tests.api.sample_store import sample_events
    from veille.model import Event, EventSource

    template = sample_events()[0]

    def event(i: str, docs: list[str], summary: str = "s") -> Event:
        return Event(i, template.type, template.mode, template.participants, None, "2025-03-03", "occurred",
                     summary, [EventSource(d, "e1") for d in docs])

    with Store(":memory:") as store:
        store.replace_events([event("ev1", ["d1", "d2"]), event("ev2", ["d10"]), event("ev3", ["d3"], summary="d1"),
                              event("ev4", ["d2"])])
        assert [ev["id"] for ev in store.events_citing(["d1"])] == ["ev1"]
        assert [ev["id"] for ev in store.events_citing(["d2", "d10"])] == ["ev1", "ev2", "ev4"]
        assert store.events_citing(["d9"]) == [] and store.events_citing([]) == []
        assert store.events_citing(["d3"])[0]["sources"] == [{"document": "d3", "mention": "e1"}]
