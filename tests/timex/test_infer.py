"""Publication dates of undated articles, from their text and from the corpus."""

from __future__ import annotations

import datetime as dt

import pytest

from veille.store import Store
from veille.timex.infer import Bounds, infer_publication_dates, precise_value, text_bounds


def _doc(store: Store, doc_id: str) -> dict:
    d = store.document(doc_id)
    assert d is not None
    return d


def test_infer_relative_day_next_to_a_full_date(store_with, nlp):
    store = store_with(("Hier dimanche 5 mai 2024, les électeurs ont voté. Le dépouillement a duré hier soir.", None))
    assert infer_publication_dates(store, nlp=nlp) == {"d0": "2024-05-06"}
    d = _doc(store, "d0")
    assert d["published"] == {"value": "2024-05-06", "origin": "inferred"}
    # re-analysed with the new anchor: its relative expressions now have values
    assert ("hier soir", "2024-05-05TEV") in [(t["text"], t["value"]) for t in d["timexes"]]


def test_infer_weekday_dated_by_another_article(store_with, nlp):
    announce = ("Les dirigeants européens se retrouveront jeudi à Bruxelles pour un sommet sur la défense "
                "commune, a annoncé mardi le président du Conseil européen Antonio Costa. Les ministres de la "
                "défense prépareront mercredi soir le sommet de Bruxelles avec les chefs d'état-major.")
    other = ("Les agriculteurs ont manifesté lundi à Rennes contre la baisse des prix du lait, "
             "a indiqué la préfecture.")
    report = ("Le sommet sur la défense commune s'est ouvert jeudi à Bruxelles, sous la présidence "
              "d'Antonio Costa. Mercredi soir, les ministres de la défense avaient préparé le sommet avec "
              "les chefs d'état-major.")
    store = store_with((announce, "2025-09-02"), (other, "2025-09-01"), (report, None))
    found = infer_publication_dates(store, nlp=nlp)
    assert found["d2"] == "2025-W36"  # the week of Thursday 2025-09-04: no more precise than that
    d = _doc(store, "d2")
    assert [(t["text"], t["value"]) for t in d["timexes"]] == [("jeudi", "2025-09-04"),
                                                              ("Mercredi soir", "2025-09-03TEV")]


def test_infer_one_shared_weekday_is_not_enough(store_with, nlp):
    announce = "Le conseil municipal de Lyon votera jeudi le budget, a annoncé mardi le maire."
    report = "Le conseil municipal de Lyon a voté jeudi le budget après un long débat."
    store = store_with((announce, "2025-09-02"), (report, None))
    assert "d1" not in infer_publication_dates(store, nlp=nlp)


def test_infer_no_evidence_no_date(store_with, nlp):
    store = store_with(("Le maire a inauguré la médiathèque jeudi devant les habitants.", None))
    assert infer_publication_dates(store, nlp=nlp) == {}
    assert _doc(store, "d0")["published"]["value"] is None


def test_infer_duration_after_a_date_is_a_lower_bound(analyze_text):
    text = "Plus de 40 mois après l'invasion du 24 février 2022, la guerre continue."
    doc = analyze_text(text, published=None).to_dict()
    bounds = Bounds()
    text_bounds(doc, _NoTense(), bounds)
    assert bounds.lo == dt.date(2025, 6, 24)
    assert bounds.hi is None


class _NoTense:
    def direction(self, start: int, end: int) -> int | None:
        return None

    def is_nummod(self, start: int, end: int) -> bool:
        return False


@pytest.mark.parametrize("lo,hi,value", [
    ("2025-09-04", "2025-09-04", "2025-09-04"),
    ("2025-09-04", "2025-09-07", "2025-W36"),
    ("2025-09-04", "2025-09-10", "2025-09"),
    ("2025-05-01", "2025-08-15", "2025"),
    ("2024-12-01", "2025-02-01", None),
])
def test_infer_states_only_the_precision_it_can_justify(lo, hi, value):
    assert precise_value(dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)) == value


_PORT_STRIKE_MONTH = (
    "Les dockers du port de Marseille ont voté mardi une grève illimitée contre la réforme des "
    "retraites portuaires, a annoncé le syndicat CGT des ports et docks. Le préfet des "
    "Bouches-du-Rhône a convoqué mercredi les représentants du Grand Port maritime.")
_PORT_STRIKE_MONTH_2 = (
    "À Marseille, la grève illimitée des dockers votée mardi paralyse le Grand Port maritime, "
    "selon la CGT des ports et docks. Le préfet des Bouches-du-Rhône a reçu mercredi les "
    "représentants des dockers sans parvenir à un accord.")
_PORT_STRIKE_UNDATED = (
    "Réunis mardi à Marseille, les dockers du Grand Port maritime ont voté une grève illimitée, "
    "à l'appel de la CGT des ports et docks. Le préfet des Bouches-du-Rhône a convoqué mercredi "
    "les représentants des dockers.")


def test_infer_month_of_articles_dated_to_a_month(store_with, nlp):
    # the dated articles give only a month: the undated one, telling the same weekdays of the
    # same story, belongs to that month, and no more precisely
    store = store_with((_PORT_STRIKE_MONTH, "2025-03"), (_PORT_STRIKE_MONTH_2, "2025-03"),
                       (_PORT_STRIKE_UNDATED, None))
    assert infer_publication_dates(store, nlp=nlp) == {"d2": "2025-03"}


def test_infer_month_needs_the_same_story(store_with, nlp):
    other = ("Le conseil municipal de Rennes a adopté mardi le budget de la ville, puis a voté "
             "mercredi la gratuité des transports pour les lycéens.")
    store = store_with((other, "2025-03"), (_PORT_STRIKE_UNDATED, None))
    assert infer_publication_dates(store, nlp=nlp) == {}


_SUMMIT_ANNOUNCE = ("Les dirigeants européens se retrouveront jeudi à Bruxelles pour un sommet sur la défense "
                    "commune, a annoncé mardi le président du Conseil européen Antonio Costa. Les ministres de "
                    "la défense prépareront mercredi soir le sommet de Bruxelles avec les chefs d'état-major.")
_SUMMIT_REPORT = ("Le sommet sur la défense commune s'est ouvert jeudi à Bruxelles, sous la présidence "
                  "d'Antonio Costa. Mercredi soir, les ministres de la défense avaient préparé le sommet avec "
                  "les chefs d'état-major.")
_FARMERS = ("Les agriculteurs ont manifesté lundi à Rennes contre la baisse des prix du lait, "
            "a indiqué la préfecture.")


def _add(store: Store, nlp, doc_id: str, text: str, published: str | None) -> None:
    from veille.model import Document, Published
    from veille.pipeline import analyze_one

    doc = Document(id=doc_id, source=f"{doc_id}.txt", text=text,
                   published=Published(published, "metadata" if published else "unknown"))
    store.add_document(analyze_one(doc, nlp))


def test_infer_incremental_dates_an_old_article_when_its_evidence_arrives(store_with, nlp):
    store = store_with((_SUMMIT_REPORT, None), (_FARMERS, "2025-09-01"))
    assert infer_publication_dates(store, nlp=nlp, new_ids=["d0", "d1"]) == {}
    # the dated announcement comes in a later ingest: the old undated report is looked at again
    _add(store, nlp, "d2", _SUMMIT_ANNOUNCE, "2025-09-02")
    assert infer_publication_dates(store, nlp=nlp, new_ids=["d2"]) == {"d0": "2025-W36"}


def test_infer_incremental_leaves_unreached_articles_alone(store_with, nlp, monkeypatch):
    import veille.timex.infer as infer

    store = store_with((_SUMMIT_REPORT, None), (_SUMMIT_ANNOUNCE, "2025-09-02"))
    assert infer_publication_dates(store, nlp=nlp) == {"d0": "2025-W36"}
    looked_at: list[str] = []
    real = infer.evidence_bounds

    def spy(doc, *args, **kwargs):
        looked_at.append(doc["id"])
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(infer, "evidence_bounds", spy)
    # a new article on another story: the report (dated "inferred" by the first run) is not redone
    _add(store, nlp, "d2", _FARMERS, None)
    assert infer_publication_dates(store, nlp=nlp, new_ids=["d2"]) == {}
    assert looked_at == ["d2"]
    assert _doc(store, "d0")["published"] == {"value": "2025-W36", "origin": "inferred"}


def test_infer_incremental_does_not_reanalyse_an_unchanged_date(store_with, nlp, monkeypatch):
    import veille.timex.infer as infer

    store = store_with((_SUMMIT_REPORT, None), (_SUMMIT_ANNOUNCE, "2025-09-02"))
    reanchored: list[str] = []
    real = infer._reanchor_all

    def spy(store, items, *args, **kwargs):
        reanchored.extend(d["id"] for d, _published in items)
        return real(store, items, *args, **kwargs)

    monkeypatch.setattr(infer, "_reanchor_all", spy)
    assert infer_publication_dates(store, nlp=nlp) == {"d0": "2025-W36"}
    assert reanchored == ["d0"]
    # a second dated article of the same story reaches the report again: same week, nothing redone
    _add(store, nlp, "d2", _SUMMIT_ANNOUNCE.replace("Bruxelles", "Bruxelles, au Conseil,", 1), "2025-09-02")
    assert infer_publication_dates(store, nlp=nlp, new_ids=["d2"]) == {}
    assert reanchored == ["d0"]
    assert _doc(store, "d0")["published"] == {"value": "2025-W36", "origin": "inferred"}


def test_infer_incremental_reads_only_what_the_new_documents_touch(store_with, nlp, monkeypatch):
    store = store_with((_SUMMIT_REPORT, None), (_SUMMIT_ANNOUNCE, "2025-09-02"))
    assert infer_publication_dates(store, nlp=nlp) == {"d0": "2025-W36"}
    read: list[list[str] | None] = []
    real = Store.iter_documents

    def spy(self, ids=None):
        read.append(None if ids is None else sorted(ids))
        return real(self, ids)

    monkeypatch.setattr(Store, "iter_documents", spy)
    _add(store, nlp, "d2", _FARMERS, "2025-09-01")  # dated, another story: reaches nothing
    assert infer_publication_dates(store, nlp=nlp, new_ids=["d2"]) == {}
    assert [ids for ids in read if ids] == [["d2"]]  # to index it
    # a dated article of the report's story reaches it: the report is read, nothing else
    read.clear()
    _add(store, nlp, "d3", _SUMMIT_ANNOUNCE.replace("Bruxelles", "Bruxelles, au Conseil,", 1), "2025-09-02")
    infer_publication_dates(store, nlp=nlp, new_ids=["d3"])
    assert None not in read
    assert sorted({i for ids in read if ids for i in ids}) == ["d0", "d3"]


def test_infer_weekday_event_needs_mostly_the_same_people():
    """A Saturday talk of two is dated by a Saturday meeting of the same two, not by a Saturday
    call of six that includes them (another event, another week)."""
    from veille.timex.infer import _event_match

    talk = {"type": "CONSULT", "place": None, "participants": ["a", "b"], "status": "occurred"}
    same_two = {"type": "CONSULT", "place": "p", "participants": ["a", "b"], "date": "2025-04-26"}
    call_of_six = {"type": "CONSULT", "place": None, "participants": ["a", "b", "c", "d", "e", "f"],
                   "date": "2025-05-10"}
    bounds = Bounds()
    assert _event_match(talk, 6, same_two, bounds)
    assert not _event_match(talk, 6, call_of_six, bounds)
    assert bounds.consistent
    assert precise_value(bounds.lo, bounds.hi) == "2025-W17"
    # with the same place, one shared participant is enough, whatever the others
    at_place = {**talk, "place": "p"}
    assert _event_match(at_place, None, {**call_of_six, "place": "p"}, Bounds())
