"""Event summaries read as French: articles of countries and organisations, elisions, places."""

from __future__ import annotations

import pytest

from veille.events.summary import _de, article, summarize
from veille.model import Event


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("Russie", "country", "la "),  # feminine in -e
    ("Ukraine", "country", "l'"),  # elided before a vowel
    ("Canada", "country", "le "),
    ("Mexique", "country", "le "),  # masculine although in -e
    ("Hongrie", "country", "la "),  # h aspiré: no elision
    ("Yémen", "country", "le "),  # no elision before y
    ("États-Unis", "country", "les "),
    ("Royaume-Uni", "country", "le "),  # by its head, royaume
    ("Arabie saoudite", "country", "l'"),
    ("Israël", "country", ""),  # named without an article
    ("Commission européenne", "named", "la "),
    ("Conseil de sécurité", "named", "le "),
    ("Union africaine", "named", "l'"),
    ("Nations unies", "named", "les "),
    ("Maison Blanche", "named", "la "),
    ("Kremlin", "named", "le "),
    ("Hamas", "named", ""),  # no common noun at its head: left as it is
    ("Paul Girard", None, ""),  # a person
])
def test_merge_summary_article_follows_the_head_noun(name, kind, expected):
    assert article(name, kind) == expected


def test_merge_summary_de_contracts_with_the_article():
    assert _de("le Royaume-Uni") == "du Royaume-Uni"
    assert _de("les États-Unis") == "des États-Unis"
    assert _de("la Russie") == "de la Russie"
    assert _de("l'Ukraine") == "de l'Ukraine"
    assert _de("Anne Morel") == "d'Anne Morel" and _de("Émile Roux") == "d'Émile Roux"
    assert _de("Paul Girard") == "de Paul Girard" and _de("Yasmine Ali") == "de Yasmine Ali"


def test_merge_summary_names_countries_and_organisations_with_their_article():
    from veille.actors.kb import load_kb

    kb = load_kb(strict=False)
    russia = next(i for i, e in kb.entries.items() if e.demonyms and e.name == "Russie")
    usa = next(i for i, e in kb.entries.items() if e.demonyms and e.name == "États-Unis")
    names = {russia: "Russie", usa: "États-Unis", "ent:union": "Union des cités", "ent:anne": "Anne Morel",
             "ent:palais": "Palais des congrès"}
    types = {"ent:union": "ORG", "ent:anne": "PER", "ent:palais": "LOC"}
    sanctions = Event("ev1", "SANCTION", None, ["ent:union", russia], None, "2025-05-20", "occurred", "")
    assert summarize(sanctions, names, types) == "Sanctions de l'Union des cités visant la Russie, le 20 mai 2025"
    visit = Event("ev2", "CONSULT", "visit", ["ent:anne", usa], "ent:palais", None, "planned", "")
    assert summarize(visit, names, types) == "Visite d'Anne Morel auprès des États-Unis au Palais des congrès (prévu)"
