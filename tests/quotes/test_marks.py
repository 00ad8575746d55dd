"""Quotation marks: every mark French news uses, apostrophes told apart, nesting, paragraphs."""

from __future__ import annotations

import pytest

from veille.quotes.marks import find_marked


def spans(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_marked(text)]


@pytest.mark.parametrize(("text", "want"), [
    ("Elle a dit : « Nous viendrons. »", ["Nous viendrons."]),
    ("Il a parlé d’un “accord solide” hier.", ["accord solide"]),
    ('Le maire a promis des "mesures rapides" pour le quartier.', ["mesures rapides"]),
    ("Le juge a jugé l'affaire 'très grave' aujourd'hui.", ["très grave"]),
    ("La préfète évoque un ‘risque réel’ de crue.", ["risque réel"]),
])
def test_marks_each_kind_of_mark(text, want):
    assert spans(text) == want


def test_marks_apostrophes_are_not_quotes():
    text = "Qu'il vienne à l'usine aujourd'hui ou demain, l'équipe l'attendra jusqu'au soir."
    assert spans(text) == []


def test_marks_single_quotes_beside_elisions():
    text = "'Nous l'avons dit à l'équipe', a précisé l'entraîneur, qu'on attendait."
    assert spans(text) == ["Nous l'avons dit à l'équipe"]


def test_marks_inner_quotes_belong_to_the_outer_one():
    text = "« Le plan “Horizon” et la +Brigade verte+ sont prêts », a-t-elle dit."
    assert spans(text) == ["Le plan “Horizon” et la +Brigade verte+ sont prêts"]


def test_marks_afp_plus_quotes_outside_a_quote():
    text = "Le syndicat dénonce un +plan social déguisé+ dans l'usine."
    assert spans(text) == ["plan social déguisé"]


def test_marks_quote_over_several_paragraphs():
    text = "« Nous avons tout essayé.\n\n« Rien n'a marché », a conclu la directrice."
    (span,) = spans(text)
    assert span.startswith("Nous avons tout essayé.") and span.endswith("Rien n'a marché")


def test_marks_unclosed_quote_ends_with_its_paragraph():
    text = "Le maire a prévenu : « Nous ne fermerons pas l'école\n\nLa séance a été levée."
    assert spans(text) == ["Nous ne fermerons pas l'école"]


def test_marks_numbers_with_plus_are_not_quotes():
    assert spans("Les prix ont pris +5 % et +3 % en deux mois.") == []
