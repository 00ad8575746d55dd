"""Participants, places and dates found through the frame around a trigger: coordinated names
before the verb, support verbs, participles after an event noun, framing clauses, ground
nouns with a demonym, time phrases that do not date the event."""

from __future__ import annotations

from tests.events.conftest import slug
from veille.events.extract import _kb, find_event_mentions
from veille.model import Timex

LUC, SOPHIE, PAUL = "Luc Faure", "Sophie Blanc", "Paul Girard"


def test_extract_coordinated_names_with_demonyms_before_the_verb(parse):
    """A headline glued to the sentence: the parse keeps only the last name as subject."""
    text = ("Un accord en vue avec Paul Girard\n\nLes présidents chinois Luc Faure et américain Sophie Blanc "
            "se rencontrent le 4 mars 2024 à Lisbonne.")
    doc = parse(text, names=[PAUL, LUC, SOPHIE], places=["Lisbonne"])
    [meet] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert meet.participants == [slug(LUC), slug(SOPHIE)]
    assert meet.date == "2024-03-04" and meet.place == slug("Lisbonne")


def test_extract_participle_clause_dates_the_main_clause(parse):
    doc = parse("Arrivé à Lisbonne le 4 mars 2024, Luc Faure a animé une conférence de presse avec Sophie Blanc.",
                names=[LUC, SOPHIE], places=["Lisbonne"])
    [conf] = [e for e in find_event_mentions(doc) if e.trigger.text == "conférence"]
    assert set(conf.participants) == {slug(LUC), slug(SOPHIE)}
    assert conf.date == "2024-03-04"


def test_extract_participle_after_event_noun_gives_partner_and_date(parse):
    doc = parse("La Syldavie a violé le cessez-le-feu conclu le 4 mars 2024 avec la Bordurie.",
                names=["Syldavie", "Bordurie"])
    [agree] = [e for e in find_event_mentions(doc) if e.type == "AGREE"]
    assert set(agree.participants) == {slug("Syldavie"), slug("Bordurie")}
    assert agree.date == "2024-03-04"


def test_extract_ground_noun_with_demonym_is_place_and_target(parse):
    kb = _kb()
    poland = kb.by_demonym["polonais"]
    doc = parse("La Syldavie a mené le 4 mars 2024 sur le sol polonais des frappes de drones.", names=["Syldavie"])
    [strike] = [e for e in find_event_mentions(doc) if e.type == "ASSAULT"]
    assert strike.participants == [slug("Syldavie"), poland]
    assert strike.place == poland and strike.date == "2024-03-04"
    assert poland in doc._.entities  # described for the later steps


def test_extract_time_phrase_opening_with_dici_is_not_the_date(parse):
    text = "Luc Faure et Sophie Blanc se rencontreront d'ici juin 2026."
    doc = parse(text, names=[LUC, SOPHIE], timexes=False)
    start = text.index("d'ici")
    doc._.timexes = [Timex("t1", start, len(text) - 1, text[start:-1], "DATE", "2026-06", anchor="dct")]
    [meet] = find_event_mentions(doc)
    assert meet.date is None and meet.time is None
