"""Pure helpers of the API: dates, choices, sentences around a span, relation labels, the graph."""

from __future__ import annotations

import pytest

from veille.api import views
from veille.errors import VeilleError


@pytest.mark.parametrize("value", ["2025", "2025-02", "2025-02-28", "2024-02-29", None, ""])
def test_views_check_date_accepts_calendar_values(value: str | None) -> None:
    assert views.check_date(value, "since") == (value or None)


@pytest.mark.parametrize("value", ["25", "2025-2", "2025-02-30", "2023-02-29", "2025-00", "2025-W10", "hier",
                                   "2025-01-01T10:00", " 2025"])
def test_views_check_date_refuses_the_rest(value: str) -> None:
    with pytest.raises(VeilleError) as info:
        views.check_date(value, "since")
    assert "since" in info.value.message


def test_views_check_range_orders_prefixes() -> None:
    assert views.check_range("2025-03-10", "2025-03") == ("2025-03-10", "2025-03")
    with pytest.raises(VeilleError):
        views.check_range("2025-04-01", "2025-03")


def test_views_choices_are_case_insensitive() -> None:
    assert views.event_type("consult") == "CONSULT"
    assert views.event_status("Planned") == "planned"
    with pytest.raises(VeilleError):
        views.event_type("MEET")


@pytest.mark.parametrize(("text", "word", "sentence"), [
    ("Premier point. M. Dupont a reçu Mme Durand. Fin.", "reçu", "M. Dupont a reçu Mme Durand."),
    ("Titre\n\nLa ministre a signé l'accord hier. Puis elle est partie.", "signé", "La ministre a signé l'accord hier."),
    ("« Nous partons », a-t-il dit. J.-L. Martin a rencontré le maire.", "rencontré", "J.-L. Martin a rencontré le maire."),
    ("Une seule phrase sans point final où il a appelé le chef", "appelé",
     "Une seule phrase sans point final où il a appelé le chef"),
])
def test_views_sentence_around_finds_the_sentence(text: str, word: str, sentence: str) -> None:
    start = text.index(word)
    s = views.sentence_around(text, start, start + len(word))
    assert s["text"] == sentence
    assert s["text"][s["start"]:s["end"]] == word
    assert text[s["offset"] + s["start"]:s["offset"] + s["end"]] == word


def test_views_sentence_around_clips_long_sentences_and_bad_offsets() -> None:
    text = "mot " * 1000
    s = views.sentence_around(text, 2000, 2003, max_chars=100)
    assert len(s["text"]) <= 103
    out = views.sentence_around("court", 50, 80)  # offsets past the text: an empty span, no error
    assert out["start"] == out["end"] == 5


def test_views_relation_labels() -> None:
    assert views.relation("CONSULT", "phone") == "called"
    assert views.relation("CONSULT", "visit") == "met"
    assert views.relation("THREATEN", None) == "threatened"
    assert views.relation("NEWTYPE", None) == "newtype"


def test_views_build_graph_counts_pairs_once_per_event() -> None:
    events = [("CONSULT", "visit", ["a", "b", "c"]), ("CONSULT", "phone", ["b", "a"]), ("THREATEN", None, ["a"]),
              ("ACCUSE", None, ["a", "a", "b"])]
    g = views.build_graph(events, 1, 10, lambda ids: {i: {"name": i.upper(), "type": "PER"} for i in ids})
    edges = {(e["source"], e["target"]): e for e in g["edges"]}
    assert edges[("a", "b")]["weight"] == 3
    assert edges[("a", "b")]["relations"] == {"accused": 1, "called": 1, "met": 1}
    assert edges[("a", "c")]["weight"] == 1 and edges[("b", "c")]["weight"] == 1
    nodes = {n["id"]: n for n in g["nodes"]}
    assert nodes["a"]["events"] == 4 and nodes["a"]["name"] == "A"
    assert views.build_graph(events, 2, 10, lambda ids: {})["edges"][0]["weight"] == 3
