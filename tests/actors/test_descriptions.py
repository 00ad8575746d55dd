"""Descriptions (veille.actors.descriptions) on sentences of our own."""

from __future__ import annotations

from .conftest import find


def test_descriptions_generic_title_prefers_the_holder_already_named(mentions_of):
    # "dirigeant" covers head of state and head of government: the article named the chancellor
    _doc, found = mentions_of("Le chancelier allemand, Olaf Scholz, a reçu son homologue à Berlin. "
                              "Le dirigeant allemand a ensuite appelé à la prudence.", published="2024-06-10")
    hits = find(found, "Le dirigeant allemand")
    assert hits and hits[0][1] == "Olaf Scholz"


def test_descriptions_generic_title_follows_the_office_named(mentions_of):
    _doc, found = mentions_of("Le président allemand a reçu des élus à Berlin. "
                              "Le dirigeant allemand a ensuite appelé à la prudence.", published="2024-06-10")
    hits = find(found, "Le dirigeant allemand")
    assert hits and hits[0][1] == "Frank-Walter Steinmeier"


def test_descriptions_kind_of_organisation_before_a_name_tagged_person_makes_it_an_organisation(mentions_of):
    doc, found = mentions_of("Selon la coalition Jamm Ak Njariñ, le scrutin a été transparent.")
    head = find(found, "la coalition")
    assert head and head[0][1] == "Jamm Ak Njariñ"
    assert {m.type for m in doc.mentions if m.text == "Jamm Ak Njariñ"} == {"ORG"}


def test_descriptions_person_after_a_profession_stays_a_person(mentions_of):
    doc, _found = mentions_of("Le journaliste Marc Girard a été libéré.")
    assert {m.type for m in doc.mentions if m.text == "Marc Girard"} == {"PER"}
