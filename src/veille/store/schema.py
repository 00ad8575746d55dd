"""SQLite schema, as a list of migrations: version N is reached by running MIGRATIONS[N-1].

Never edit a released migration: add a new one, so an old store upgrades in place.
"""

from __future__ import annotations

# The LSH band keys of stored signatures (`veille.ingest.dedup`: MinHashLSH with 14 bands of 4
# values; a MinHash is stored as 64 uint64 little-endian values): band i is the low 4 bytes of
# values 4i..4i+3, concatenated. A test checks these keys against dedup.NearDuplicateIndex's.
BANDS_FROM_SIGNATURES = """
    WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i < 13)
    INSERT INTO signature_bands(document_id, band, key)
    SELECT s.document_id, b.i, CAST(substr(s.minhash, 32 * b.i + 1, 4) || substr(s.minhash, 32 * b.i + 9, 4)
                                    || substr(s.minhash, 32 * b.i + 17, 4) || substr(s.minhash, 32 * b.i + 25, 4)
                                    AS BLOB)
    FROM signatures s JOIN b WHERE length(s.minhash) = 512{where};
"""

MIGRATIONS: list[str] = [
    # 1: documents, their sources, per-document extractions, corpus entities and events
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        source TEXT NOT NULL,
        title TEXT,
        language TEXT NOT NULL,
        url TEXT,
        published TEXT,
        published_origin TEXT NOT NULL,
        text TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE INDEX documents_seq ON documents(seq);
    CREATE TABLE sources (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        PRIMARY KEY (document_id, source)
    );
    CREATE INDEX sources_source ON sources(source);
    CREATE TABLE mentions (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        entity_id TEXT,
        type TEXT
    );
    CREATE INDEX mentions_entity ON mentions(entity_id);
    CREATE INDEX mentions_document ON mentions(document_id);
    CREATE TABLE quotes (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        speaker_entity TEXT,
        speaker_text TEXT,
        cue TEXT,
        published TEXT,
        PRIMARY KEY (document_id, id)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_entity);
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        wikidata TEXT,
        aliases TEXT NOT NULL,
        description TEXT
    );
    CREATE TABLE event_mentions (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        event_id TEXT,
        type TEXT NOT NULL,
        mode TEXT,
        date TEXT,
        status TEXT NOT NULL,
        place TEXT,
        participants TEXT NOT NULL,
        PRIMARY KEY (document_id, id)
    );
    CREATE INDEX event_mentions_event ON event_mentions(event_id);
    CREATE INDEX event_mentions_block ON event_mentions(type, date);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        mode TEXT,
        participants TEXT NOT NULL,
        place TEXT,
        date TEXT,
        status TEXT NOT NULL,
        summary TEXT NOT NULL,
        sources TEXT NOT NULL
    );
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_type ON events(type);
    CREATE TABLE event_participants (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (event_id, entity_id)
    );
    CREATE INDEX event_participants_entity ON event_participants(entity_id);
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        document_id UNINDEXED, id UNINDEXED, text, speaker, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    # 2: near-duplicate detection: each document's MinHash and shingle hashes
    """
    CREATE TABLE signatures (
        document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        minhash BLOB NOT NULL,
        shingles BLOB NOT NULL
    );
    """,
    # 3: the web API's listings walk an index in their display order (timeline, newest documents
    # and quotes first) instead of sorting the whole table on every request
    """
    CREATE INDEX events_timeline ON events(date IS NULL, date, id);
    CREATE INDEX documents_listing ON documents(published IS NULL, published DESC, id);
    CREATE INDEX quotes_listing ON quotes(published IS NULL, published DESC, document_id, start);
    """,
    # 4: near-duplicate lookups in SQL instead of an in-memory index of the whole store: each
    # stored MinHash's 14 LSH bands (4 values each), derived from the signatures table
    """
    CREATE TABLE signature_bands (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        band INTEGER NOT NULL,
        key BLOB NOT NULL
    );
    CREATE INDEX signature_bands_key ON signature_bands(band, key);
    CREATE INDEX signature_bands_document ON signature_bands(document_id);
    """ + BANDS_FROM_SIGNATURES.format(where=""),
    # 5: publication-date inference (veille.timex.infer) asks these tables for what its new
    # documents touch instead of streaming the whole store. Filled by the inference step itself
    # (a store from before this migration is indexed once, on its next ingest):
    # - infer_docs: documents counted in infer_words; `indexed` 0 = evidence rows to rebuild (its
    #   publication date or analysis changed); `names` (JSON) of a dated document;
    # - infer_words: in how many documents each content word occurs (its rarity);
    # - infer_weekdays: the bare weekdays of dated documents (`day`), or of documents dated to a
    #   month (`period`), with the content words around them (JSON), and their keys
    #   (weekday, word) in infer_weekday_keys; infer_undated_keys: the same keys for undated ones,
    #   and infer_undated_events their event mentions (type, place, participants, the bare
    #   weekday they are told on, status);
    # - timex_directions: the tense direction of each TIMEX of an undated document, from the
    #   parse made at analysis (JSON {"start:end": direction}): inference needs no second parse;
    # - event_mention_keys: (type, participant) of each event mention, for the event evidence;
    # - infer_bounds: what the evidence of each undated document inferred gave (the day its text
    #   states, or the bounds; `latest`: the latest dated article then): a new dated event
    #   mention is folded into these bounds, and a lower bound alone (closed by the latest dated
    #   article) is concluded again when that latest moves;
    # - infer_original: what an undated document's analysis without a date gave (TIMEXes, linked
    #   mentions, event mentions; JSON): once dated and analysed again, its evidence is still
    #   read from these, as a first inference would.
    """
    CREATE TABLE infer_docs (
        document_id TEXT PRIMARY KEY,
        indexed INTEGER NOT NULL,
        names TEXT
    );
    CREATE INDEX infer_docs_indexed ON infer_docs(indexed);
    CREATE TABLE infer_words (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE infer_weekdays (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL,
        source TEXT NOT NULL,
        pos INTEGER NOT NULL,
        weekday INTEGER NOT NULL,
        day TEXT,
        period TEXT,
        words TEXT NOT NULL
    );
    CREATE INDEX infer_weekdays_document ON infer_weekdays(document_id);
    CREATE TABLE infer_weekday_keys (
        weekday INTEGER NOT NULL,
        word TEXT NOT NULL,
        mention INTEGER NOT NULL,
        periodic INTEGER NOT NULL
    );
    CREATE INDEX infer_weekday_keys_key ON infer_weekday_keys(periodic, weekday, word, mention);
    CREATE INDEX infer_weekday_keys_mention ON infer_weekday_keys(mention);
    CREATE TABLE infer_undated_keys (
        document_id TEXT NOT NULL,
        weekday INTEGER NOT NULL,
        word TEXT NOT NULL
    );
    CREATE INDEX infer_undated_keys_key ON infer_undated_keys(weekday, word);
    CREATE INDEX infer_undated_keys_document ON infer_undated_keys(document_id);
    CREATE TABLE infer_undated_events (
        document_id TEXT NOT NULL,
        type TEXT NOT NULL,
        place TEXT,
        participants TEXT NOT NULL,
        weekday INTEGER,
        status TEXT
    );
    CREATE INDEX infer_undated_events_type ON infer_undated_events(type);
    CREATE INDEX infer_undated_events_document ON infer_undated_events(document_id);
    CREATE TABLE timex_directions (document_id TEXT PRIMARY KEY, directions TEXT NOT NULL);
    CREATE TABLE infer_bounds (document_id TEXT PRIMARY KEY, point TEXT, lo TEXT, hi TEXT, latest TEXT);
    CREATE INDEX infer_bounds_open ON infer_bounds(hi) WHERE hi IS NULL;
    CREATE TABLE infer_original (document_id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE TABLE event_mention_keys (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        mention_id TEXT NOT NULL,
        type TEXT NOT NULL,
        participant TEXT NOT NULL
    );
    CREATE INDEX event_mention_keys_key ON event_mention_keys(type, participant);
    CREATE INDEX event_mention_keys_document ON event_mention_keys(document_id);
    INSERT INTO event_mention_keys(document_id, mention_id, type, participant)
        SELECT DISTINCT m.document_id, m.id, m.type, j.value FROM event_mentions m, json_each(m.participants) j;
    """,
    # 6: the names of each document of infer_docs, one row a name, with how many it has (`n`):
    # the weekday evidence asks for the dated documents whose names are similar enough to the
    # asking article's (a Jaccard index needs the shared names and both counts) before any of
    # their weekdays, instead of every weekday sharing a word. Back-filled from infer_docs.
    """
    CREATE TABLE infer_doc_names (
        name TEXT NOT NULL,
        document_id TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (name, document_id)
    ) WITHOUT ROWID;
    CREATE INDEX infer_doc_names_document ON infer_doc_names(document_id);
    INSERT OR IGNORE INTO infer_doc_names(name, document_id, n)
        SELECT j.value, d.document_id, json_array_length(d.names) FROM infer_docs d, json_each(d.names) j
        WHERE d.names IS NOT NULL;
    """,
    # 7: the undated events by type (a partial index): the incremental merge asks, for each new
    # dated mention, for the undated events of its type and actor (undated_events_reported); the
    # events of a type grow with the corpus, the undated ones far less.
    """
    CREATE INDEX events_undated_type ON events(type) WHERE date IS NULL OR date = '';
    """,
    # 8: the events by type and date: the incremental merge reads the events of a type in a
    # month (one block query per type and month of the new mentions); by type alone, each read
    # scanned every event of the type, which grows with the corpus. The old index is its prefix.
    # The undated events' index also holds their ids, so that their participants are checked
    # without reading each event's row (its JSON sources make it long).
    """
    CREATE INDEX events_type_date ON events(type, date);
    DROP INDEX events_type;
    DROP INDEX events_undated_type;
    CREATE INDEX events_undated_type ON events(type, id) WHERE date IS NULL OR date = '';
    """,
    # 9: the full-text rows take the rowid of what they index (a document's seq, a quote's
    # rowid), so that removing a re-analysed document's rows is a lookup, not a scan of every
    # text (their id columns are UNINDEXED). Rebuilt once.
    """
    DELETE FROM documents_fts;
    INSERT INTO documents_fts(rowid, id, title, text) SELECT seq, id, COALESCE(title, ''), text FROM documents;
    DELETE FROM quotes_fts;
    INSERT INTO quotes_fts(rowid, document_id, id, text, speaker)
        SELECT rowid, document_id, id, text, COALESCE(speaker_text, '') FROM quotes;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
