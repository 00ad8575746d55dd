"""Publication-date inference from the store's evidence tables: the same answers as a pass over
the whole store, and the same dates whatever order the articles arrive in."""

from __future__ import annotations

import copy

import pytest

from veille.model import Document, Published
from veille.pipeline import analyze_one
from veille.store import Store
from veille.timex import infer

# our own articles: two stories told with bare weekdays, a month-dated story, a meeting told by
# its participants, a day stated next to a relative one, a lower bound alone (closed by the
# latest dated article), and an article with no evidence
_ARTICLES: list[tuple[str, str, str | None]] = [
    ("rail", "Les cheminots ont manifesté samedi 28 juin 2025 à Lyon contre la fermeture de deux lignes "
     "régionales.", "2025-06-28"),
    ("war", "Plus de 40 mois après l'invasion du 24 février 2022, la guerre continue et les négociations "
     "piétinent.", None),
    ("summit-announce", "Les dirigeants européens se retrouveront jeudi à Bruxelles pour un sommet sur la "
     "défense commune, a annoncé mardi le président du Conseil européen Antonio Costa. Les ministres de la "
     "défense prépareront mercredi soir le sommet de Bruxelles avec les chefs d'état-major.", "2025-09-02"),
    ("summit-report", "Le sommet sur la défense commune s'est ouvert jeudi à Bruxelles, sous la présidence "
     "d'Antonio Costa. Mercredi soir, les ministres de la défense avaient préparé le sommet avec les chefs "
     "d'état-major.", None),
    ("port-1", "Les dockers du port de Marseille ont voté mardi une grève illimitée contre la réforme des "
     "retraites portuaires, a annoncé le syndicat CGT des ports et docks. Le préfet des Bouches-du-Rhône a "
     "convoqué mercredi les représentants du Grand Port maritime.", "2025-03"),
    ("port-2", "À Marseille, la grève illimitée des dockers votée mardi paralyse le Grand Port maritime, selon "
     "la CGT des ports et docks. Le préfet des Bouches-du-Rhône a reçu mercredi les représentants des dockers "
     "sans parvenir à un accord.", "2025-03"),
    ("port-undated", "Réunis mardi à Marseille, les dockers du Grand Port maritime ont voté une grève "
     "illimitée, à l'appel de la CGT des ports et docks. Le préfet des Bouches-du-Rhône a convoqué mercredi "
     "les représentants des dockers.", None),
    ("vote", "Hier dimanche 5 mai 2024, les électeurs ont voté. Le dépouillement a duré hier soir.", None),
    ("farmers", "Les agriculteurs ont manifesté lundi à Rennes contre la baisse des prix du lait, a indiqué "
     "la préfecture.", "2025-09-01"),
    ("library", "Le maire a inauguré la médiathèque jeudi devant les habitants.", None),
    ("meeting", "Emmanuel Macron a rencontré Friedrich Merz jeudi 4 septembre 2025 à Berlin pour parler de "
     "l'aide à l'Ukraine.", "2025-09-05"),
    ("meeting-undated", "Emmanuel Macron et Friedrich Merz se sont rencontrés jeudi à Berlin, où les deux "
     "dirigeants ont parlé de l'aide à l'Ukraine.", None),
]


@pytest.fixture(scope="module")
def analysed(nlp) -> dict[str, Document]:
    out = {}
    for name, text, published in _ARTICLES:
        doc = Document(id=name, source=f"{name}.txt", text=text,
                       published=Published(published, "metadata" if published else "unknown"))
        out[name] = analyze_one(doc, nlp)
    return out


def _copy(doc: Document) -> Document:
    return copy.deepcopy(doc)


def _arrive(nlp, analysed: dict[str, Document], batches: list[list[str]]) -> dict[str, dict]:
    """Store the articles batch after batch, inferring after each one as an ingest does."""
    with Store(":memory:") as store:
        for batch in batches:
            for name in batch:
                store.add_document(_copy(analysed[name]))
            infer.infer_publication_dates(store, nlp=nlp, new_ids=batch)
        return {d["id"]: {"published": d["published"], "timexes": [(t["text"], t["value"]) for t in d["timexes"]]}
                for d in store.iter_documents()}


def test_infer_incremental_any_arrival_order_gives_the_dates_of_one_ingest(nlp, analysed):
    names = [name for name, _text, _published in _ARTICLES]
    at_once = _arrive(nlp, analysed, [names])
    values = {name: at_once[name]["published"]["value"] for name in names}
    # the corpus has evidence of every kind, so the comparison below is not between empty results
    assert values["summit-report"] == "2025-W36"
    assert values["port-undated"] == "2025-03"
    assert values["vote"] == "2024-05-06"
    assert values["library"] is None
    assert values["meeting-undated"] == "2025-W36"  # the same meeting, dated elsewhere
    # a lower bound only (2025-06-24), closed by the latest dated article: "2025-06" while the
    # latest is the rail strike of June 28, "2025" once September articles are in
    assert values["war"] == "2025"
    orders = [
        [names[::-1]],                                   # one ingest, the other way round
        [[n] for n in names],                            # one article per ingest
        [[n] for n in names[::-1]],                      # the undated ones first, their evidence later
        [names[1::2], names[0::2]],                      # two ingests, interleaved
        [["summit-report", "port-undated", "meeting-undated", "library", "war"],
         ["vote", "farmers", "rail"], ["summit-announce", "port-1", "meeting"], ["port-2"]],
    ]
    for batches in orders:
        assert _arrive(nlp, analysed, batches) == at_once, batches


def test_infer_store_index_answers_as_a_pass_over_the_store(nlp, analysed):
    with Store(":memory:") as store:
        for doc in analysed.values():
            store.add_document(_copy(doc))
        infer.index_evidence(store)
        undated = set(store.undated_documents())
        streamed = infer.CorpusIndex.from_store(store, undated)
        events = infer.EventIndex(store.event_mentions(), undated)
        indexed = infer.StoreCorpus(store)
        store_events = infer.StoreEvents(store, undated)
        assert indexed.n_docs == streamed.n_docs == len(analysed)
        assert indexed.latest == streamed.latest
        for d in streamed.undated:
            oracle = infer._SavedOracle(d["text"], None, nlp)
            assert infer.infer_date(d, indexed, store_events, oracle) == infer.infer_date(d, streamed, events, oracle)
        # what a new article reaches, asked of the tables and computed on the whole index
        assert infer._reached(store, {"summit-announce"}) == {"summit-report"}
        assert set(infer._event_folds(store, {"meeting"}, undated)) == {"meeting-undated"}
        assert infer._reached(store, {"farmers"}) == set()
        for name in analysed:
            reached = (infer._reached(store, {name}) | set(infer._event_folds(store, {name}, undated))) & undated
            assert reached == infer._affected(streamed, events, {name}), name


def test_infer_index_follows_a_changed_publication_date(nlp, analysed):
    with Store(":memory:") as store:
        store.add_document(_copy(analysed["summit-report"]))
        infer.index_evidence(store)
        assert store.infer_unindexed() == []
        before = store.conn.execute("SELECT COUNT(*) FROM infer_undated_keys").fetchone()[0]
        assert before > 0  # its bare weekdays can be reached
        store.set_published("summit-report", "2025-09-04", "metadata")
        assert store.infer_unindexed() == [("summit-report", True)]  # words counted, evidence stale
        infer.index_evidence(store)
        assert store.conn.execute("SELECT COUNT(*) FROM infer_undated_keys").fetchone()[0] == 0
        assert store.infer_n_docs() == 1  # counted once


def test_infer_saved_directions_are_the_parse_directions(nlp, tmp_path):
    from veille.corpus.process import ingest
    from veille.timex.tense import DocOracle, parse_only

    text = ("Le ministre avait promis le 3 mars 2025 une réforme, qui sera présentée le 12 juin 2026. "
            "Jeudi, il a confirmé le calendrier devant les députés.")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "v.db") as store:
        ingest([str(tmp_path / "a.txt")], store, workers=1, finalize=False)
        (doc_id,) = store.undated_documents()
        saved = store.timex_directions(doc_id)
        d = store.document(doc_id)
        assert d is not None and saved is not None
        with parse_only(nlp):
            oracle = DocOracle(nlp(text))
        assert saved == {f"{t['start']}:{t['end']}": oracle.direction(t["start"], t["end"]) for t in d["timexes"]}
        assert set(saved.values()) >= {-1, 1}  # a past and a future clause
        # and ingest indexed it as it stored it
        assert store.infer_unindexed() == []


def test_infer_reached_again_reads_the_analysis_without_a_date(nlp, analysed, monkeypatch):
    with Store(":memory:") as store:
        for name in ("summit-announce", "summit-report"):
            store.add_document(_copy(analysed[name]))
        assert infer.infer_publication_dates(store, nlp=nlp) == {"summit-report": "2025-W36"}
        first = [t.text for t in analysed["summit-report"].timexes]
        assert len(first) >= 2
        # analysed again with its date, a document may read otherwise (here: one TIMEX less)
        changed = _copy(analysed["summit-report"])
        changed.published = Published("2025-W36", "inferred")
        changed.timexes = changed.timexes[:1]
        store.replace_document(changed)
        seen: dict[str, list[str]] = {}
        real = infer.evidence_bounds

        def spy(doc, *args, **kwargs):
            seen[doc["id"]] = [t["text"] for t in doc["timexes"]]
            return real(doc, *args, **kwargs)

        monkeypatch.setattr(infer, "evidence_bounds", spy)
        # a second article of the story reaches it: its evidence is read as first analysed
        second = _copy(analysed["summit-announce"])
        second.id, second.source = "summit-announce-2", "summit-announce-2.txt"
        store.add_document(second)
        assert infer.infer_publication_dates(store, nlp=nlp, new_ids=["summit-announce-2"]) == {}
        assert seen == {"summit-report": first}
        d = store.document("summit-report")
        assert d is not None and d["published"] == {"value": "2025-W36", "origin": "inferred"}


def test_infer_new_weekday_sharing_only_common_words_reopens_nothing():
    """A dated article re-opens an undated one only when its bare weekday could match: similar
    names AND rare enough shared words (_story_match); a word every article uses is no evidence."""
    names = ["costa", "bruxelles", "conseil"]
    with Store(":memory:") as store:
        store.write_infer_index(
            [{"id": "undated", "words": ["sommet", "défense"], "names": names,
              "undated_keys": [(4, "sommet"), (4, "défense")]},
             {"id": "common", "words": ["défense"], "names": names,
              "weekdays": [("c.txt", 0, 4, "2025-09-04", None, ["défense"])]},
             {"id": "rare", "words": ["sommet", "défense"], "names": names,
              "weekdays": [("r.txt", 0, 4, "2025-09-04", None, ["sommet"])]},
             {"id": "other-weekday", "words": ["sommet"], "names": names,
              "weekdays": [("o.txt", 0, 3, "2025-09-03", None, ["sommet"])]}]
            + [{"id": f"filler{i}", "words": ["défense"]} for i in range(20)])
        assert infer._reached(store, {"common"}) == set()  # "défense": in 22 of 24 articles
        assert infer._reached(store, {"other-weekday"}) == set()
        assert infer._reached(store, {"rare"}) == {"undated"}
        assert infer._reached(store, {"common", "rare"}) == {"undated"}


def test_infer_names_held_in_memory_answer_as_the_store():
    """A run inferring many documents reads the names once (_HeldNames): the same similar
    documents, shared and total counts as Store.infer_similar, at several thresholds."""
    import itertools

    names = ["lyon", "cgt", "sncf", "grève", "macron", "borne", "paris"]
    sets = [set(c) for r in (1, 2, 3, 5) for c in itertools.combinations(names, r)]
    with Store(":memory:") as store:
        store.write_infer_index([{"id": f"d{i}", "names": sorted(s)} for i, s in enumerate(sets)])
        held = infer._HeldNames(store.infer_all_names())
        for threshold in (0.35, 0.5, 1.0):
            for asking in sets[::4] + [{"lyon", "inconnu"}, {"ailleurs"}]:
                found = held.similar(asking, threshold)
                assert found == store.infer_similar(asking, threshold), (asking, threshold)
        assert len(held.similar({"lyon", "cgt"}, 0.35)) > 10  # not a comparison of empty answers


def test_infer_with_names_held_gives_the_dates_of_look_ups(nlp, analysed, monkeypatch):
    names = [name for name, _text, _published in _ARTICLES]
    looked_up = _arrive(nlp, analysed, [names])
    monkeypatch.setattr(infer, "HOLD_NAMES_FROM", 1)
    held: list[int] = []
    hold = infer.StoreCorpus.hold_names
    monkeypatch.setattr(infer.StoreCorpus, "hold_names", lambda self: (held.append(1), hold(self))[1])
    assert _arrive(nlp, analysed, [names]) == looked_up
    assert held  # the held names answered
