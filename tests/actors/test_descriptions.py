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
