"""Name mentions (veille.actors.mentions) on sentences of our own."""

from __future__ import annotations

import pytest

from .conftest import find


def test_mentions_known_name_extending_the_ner_span_wins(mentions_of):
    # spaCy tags only "Québec"; the party's longer knowledge-base name is the mention
    _doc, found = mentions_of("Les candidats de Québec solidaire ont fait campagne à Sherbrooke.")
    hits = find(found, "Québec solidaire")
    assert hits and hits[0][1] == "Québec solidaire"
    assert not find(found, "Québec")


def test_mentions_ner_span_alone_still_links_the_shorter_name(mentions_of):
    _doc, found = mentions_of("La députée a voté contre le projet de loi, a indiqué le parti à Québec.")
    hits = find(found, "Québec")
    assert hits and hits[0][1] == "Québec"


@pytest.mark.parametrize("text, office", [
    ("Le Président de la Cour suprême, Jean Ndiaye, a rejeté le recours lundi.", "Président de la Cour suprême"),
    ("Le Ministre de l'Intérieur a annoncé de nouvelles mesures à Lyon.", "Ministre de l'Intérieur"),
    ("Le Président du Sénat a convoqué les chefs de groupe.", "Président du Sénat"),
    ("La Présidente de la Commission électorale, Awa Diop, a proclamé les résultats.",
     "Présidente de la Commission électorale"),
])
def test_mentions_capitalised_office_with_complement_is_not_a_name(mentions_of, text, office):
    doc, found = mentions_of(text)
    names = [m.text for m in doc.mentions if m.link in ("name", "alias")]
    assert not any(office in n for n in names), names
    assert not find(found, office)


def test_mentions_title_before_de_and_a_surname_stays_a_name(mentions_of):
    # "de" + a bare capitalised name is a particle of the name, not an office's complement
    doc, _found = mentions_of("Le Général de Gaulle a quitté Londres en 1944.")
    assert any(m.link == "name" and m.type == "PER" and "Gaulle" in m.text for m in doc.mentions)


def test_mentions_office_complement_stays_a_name_and_the_office_names_the_apposed_person(mentions_of):
    _doc, found = mentions_of("Le Président de la Cour suprême, Jean Ndiaye, a rejeté le recours lundi.")
    office = find(found, "Le Président de la Cour suprême")
    assert office and office[0][1] == "Jean Ndiaye"
    court = find(found, "la Cour suprême")
    assert court and court[0][2].type == "ORG"


def test_mentions_office_of_a_court_of_a_known_country_names_the_apposed_person(mentions_of):
    # the NER span holds a known town: the town is a name, the office a description of the person
    _doc, found = mentions_of("Le Président de la Cour suprême du Canada, Marc Tremblay, a rejeté la requête.")
    office = find(found, "Le Président de la Cour suprême du Canada")
    assert office and office[0][1] == "Marc Tremblay"
    assert find(found, "Canada") and find(found, "la Cour suprême")


def test_mentions_common_noun_before_a_name_is_cut_from_the_ner_span(mentions_of):
    # spaCy tags "syndicat Force ouvrière": the name starts at its capital
    _doc, found = mentions_of("Le syndicat Force ouvrière a appelé à une grève nationale jeudi.")
    assert find(found, "Force ouvrière")
    assert not find(found, "syndicat Force ouvrière")
