"""Bare weekdays and dates resolved by the tense of their clause (parser morphology)."""

from __future__ import annotations

import pytest

# published on Tuesday 2025-09-02: Thursday is 09-04 ahead, 08-28 behind
PUB = "2025-09-02"


@pytest.mark.parametrize("text,value", [
    ("Les ministres vont adopter jeudi un nouveau plan.", "2025-09-04"),
    ("Le texte sera présenté jeudi en conseil des ministres.", "2025-09-04"),
    ("Nous signerons jeudi l'accord de coopération.", "2025-09-04"),
    ("Le président pourrait annoncer jeudi sa décision.", "2025-09-04"),
    ("La ministre doit rencontrer jeudi les syndicats.", "2025-09-04"),
    ("Le salon s'est ouvert jeudi à Lyon.", "2025-08-28"),
    ("Le porte-parole a déclaré jeudi que rien n'était décidé.", "2025-08-28"),
    ("La commission avait rendu jeudi un avis négatif.", "2025-08-28"),
    ("Les négociateurs se retrouvaient jeudi à Genève.", "2025-08-28"),
])
def test_tense_weekday_direction(analyze_text, text, value):
    doc = analyze_text(text, published=PUB)
    assert [(t.text, t.value) for t in doc.timexes] == [("jeudi", value)]


def test_tense_two_clauses_two_directions(analyze_text):
    doc = analyze_text("Le gouvernement a annoncé lundi que les élus voteront jeudi.", published=PUB)
    assert [(t.text, t.value) for t in doc.timexes] == [("lundi", "2025-09-01"), ("jeudi", "2025-09-04")]


def test_tense_explicit_direction_wins(analyze_text):
    doc = analyze_text("Il a dit qu'il viendra jeudi dernier, puis jeudi prochain.", published=PUB)
    assert [t.value for t in doc.timexes] == ["2025-08-28", "2025-09-04"]


def test_tense_part_of_day_makes_a_time(analyze_text):
    doc = analyze_text("Le chef de l'État recevra mercredi soir les dirigeants.", published=PUB)
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [("mercredi soir", "TIME", "2025-09-03TEV")]


def test_tense_month_without_year(analyze_text):
    past = analyze_text("Les ventes avaient baissé en novembre.", published="2025-02-10")
    future = analyze_text("Les soldes commenceront en janvier.", published="2025-11-10")
    assert [t.value for t in past.timexes] == ["2024-11"]
    assert [t.value for t in future.timexes] == ["2026-01"]


def test_tense_preposition_fixes_the_direction(analyze_text):
    # published on Saturday 2025-05-10: "à partir de lundi" is the coming Monday whatever the verb
    doc = analyze_text("Ils ont réclamé une trêve de 30 jours à partir de lundi.", published="2025-05-10")
    assert ("lundi", "2025-05-12") in [(t.text, t.value) for t in doc.timexes]
