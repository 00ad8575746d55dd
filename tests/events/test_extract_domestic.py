"""Events of domestic news (courts, parliaments, unions) and of groups met abroad."""

from __future__ import annotations

from tests.events.conftest import slug
from veille.events.extract import find_event_mentions


def _types(doc) -> list[str]:
    return [e.type for e in find_event_mentions(doc, keep_empty=True)]


def test_a_sentence_is_coercion_but_a_condemnation_of_an_act_is_an_accusation(parse):
    assert _types(parse("Le militant a été condamné vendredi à huit mois de prison avec sursis.")) == ["COERCE"]
    assert _types(parse("Le gouvernement a condamné les frappes de ces derniers mois.")) == ["ACCUSE", "ASSAULT"]


def test_arresting_people_is_coercion_but_stopping_strikes_is_not(parse):
    assert _types(parse("Six manifestants ont été arrêtés jeudi soir à Rennes.")) == ["COERCE"]
    assert "COERCE" not in _types(parse("L'armée a arrêté ses frappes sur la ville côtière."))


def test_handing_over_a_ministry_is_no_concession(parse):
    assert _types(parse("Le ministre de la Culture cède son portefeuille à une députée.")) == []
    assert _types(parse("Le gouvernement a cédé aux revendications des routiers.")) == ["CONCEDE"]


def test_a_military_parade_is_no_protest(parse):
    assert _types(parse("Les cheminots ont défilé samedi à Lille.")) == ["PROTEST"]
    assert _types(parse("Les troupes ont défilé sur les Champs-Élysées.")) == []


def test_a_delegation_of_an_actor_acts_for_it(parse):
    doc = parse("Une délégation de la Syldavie a rencontré Luc Faure à Oslo le 4 mars 2024.",
                names=["Syldavie", "Luc Faure"], places=["Oslo"])
    [em] = find_event_mentions(doc)
    assert em.participants == [slug("Syldavie"), slug("Luc Faure")]


def test_the_mediators_met_stand_for_their_countries_even_with_a_demonym_tagged_noun(parse):
    doc = parse("Luc Faure a rencontré des médiateurs qataris et égyptiens à Oslo le 4 mars 2024.",
                names=["Luc Faure"], places=["Oslo"])
    [em] = find_event_mentions(doc)
    assert em.type == "CONSULT"
    assert em.participants == [slug("Luc Faure"), "Q846", "Q79"]  # Qatar, Egypt: the KB's demonyms


def test_two_coordinated_subjects_parsed_apart_are_both_parties(parse):
    # the parser makes "les États-Unis" and "l'Union européenne" two subjects of "ont conclu"
    doc = parse("\"Nous avons un accord\": les États-Unis et l'Union européenne ont conclu un pacte sur l'acier",
                names=["États-Unis", "Union européenne"])
    found = [e for e in find_event_mentions(doc) if e.trigger.text == "conclu"]
    assert found and found[0].participants == [slug("États-Unis"), slug("Union européenne")]


def test_a_seat_of_a_union_acting_stands_for_the_union(parse):
    from veille.events.extract import _kb

    kb = _kb()
    brussels = next(e.id for e in kb.entries.values() if e.name == "Bruxelles")
    doc = parse("Bruxelles a conclu un accord commercial avec le Japon le 4 mars 2024.")
    from veille.model import Entity, Mention

    doc._.mentions = [Mention(0, 9, "Bruxelles", brussels, "GPE", "name")]
    doc._.entities = {brussels: Entity(brussels, "Bruxelles", "GPE")}
    [em] = [e for e in find_event_mentions(doc) if e.trigger.text == "conclu"]
    assert em.participants == [kb.get(brussels).acts_for]


def test_the_actor_whose_turn_it_is_does_the_infinitive(parse):
    doc = parse("Après les médecins, c'est au tour de la Syldavie de manifester le 4 mars 2024.", names=["Syldavie"])
    [em] = find_event_mentions(doc)
    assert em.type == "PROTEST" and em.participants == [slug("Syldavie")]


def test_a_unions_mobilisation_is_a_protest_an_armys_is_a_mobilisation(parse):
    assert _types(parse("La mobilisation des cheminots a rassemblé des milliers de personnes.")) == ["PROTEST"]
    assert _types(parse("La mobilisation des réservistes a été décrétée samedi.")) == ["MOBILIZE"]


def test_taking_a_blow_or_a_delay_is_no_accusation(parse):
    assert _types(parse("Les deux accusés accusent le coup devant le tribunal.")) == []
    assert _types(parse("Le chantier accuse un retard de six mois.")) == []
    assert _types(parse("Le maire accuse le préfet de mensonge.")) == ["ACCUSE"]


def test_the_actor_of_a_requested_event_is_the_one_asked(parse):
    doc = parse("La Syldavie exige le retrait de la Bordurie de la vallée.", names=["Syldavie", "Bordurie"])
    found = {e.type: e for e in find_event_mentions(doc)}
    assert found["REQUEST"].participants == [slug("Syldavie"), slug("Bordurie")]
    assert found["RETREAT"].status == "proposed"


def test_a_withdrawal_named_in_a_demand_is_only_proposed(parse):
    doc = parse("La Syldavie a réitéré sa demande de retrait de la Bordurie.", names=["Syldavie", "Bordurie"])
    found = {e.type: e for e in find_event_mentions(doc)}
    assert found["REQUEST"].participants == [slug("Syldavie"), slug("Bordurie")]
    assert found["RETREAT"].status == "proposed"


def test_the_police_arrest_but_a_state_calling_out_another_accuses_it(parse):
    assert _types(parse("Le suspect a été interpellé mardi à son domicile.")) == ["COERCE"]
    assert _types(parse("Les gendarmes ont interpellé deux hommes sur l'autoroute.")) == ["COERCE"]
    assert _types(parse("La Syldavie interpelle la Bordurie sur ses essais nucléaires.")) == ["ACCUSE"]


def test_a_dateline_hung_on_the_verb_is_no_participant(parse):
    doc = parse("Le 4 mars 2024, ils écopent de lourdes peines de prison ferme.\n\nLyon, France\n\nC'est un procès hors norme.",
                names=["France"], places=["Lyon"])
    for em in find_event_mentions(doc, keep_empty=True):
        assert slug("France") not in em.participants and slug("Lyon") not in em.participants


def _with_kb_people(doc, names: dict[str, str]):
    """Give the doc mentions of knowledge-base people (name -> KB id) and hand-made others."""
    from veille.model import Entity, Mention

    text = doc.text
    mentions, entities = list(doc._.mentions or []), dict(doc._.entities or {})
    for name, eid in names.items():
        start = text.index(name)
        mentions.append(Mention(start, start + len(name), name, eid, "PER", "name"))
        entities[eid] = Entity(eid, name, "PER")
    doc._.mentions, doc._.entities = sorted(mentions, key=lambda m: m.start), entities
    return doc


def test_a_foreign_minister_acts_for_his_state_in_a_meeting(parse):
    doc = _with_kb_people(parse("Jean-Noël Barrot a rencontré Luc Faure à Oslo le 4 mars 2025.",
                                names=["Luc Faure"], places=["Oslo"]),
                          {"Jean-Noël Barrot": "kb:jean-noel-barrot"})
    [em] = find_event_mentions(doc)
    assert em.participants == ["kb:jean-noel-barrot", slug("Luc Faure"), "Q142"]


def test_a_head_of_state_acts_for_his_state_except_in_a_meeting(parse):
    marcos = {"Ferdinand Marcos Jr.": "kb:ferdinand-marcos-jr"}
    doc = _with_kb_people(parse("Ferdinand Marcos Jr. a critiqué Luc Faure le 4 mars 2025.", names=["Luc Faure"]), marcos)
    [em] = find_event_mentions(doc)
    assert em.type == "ACCUSE" and "Q928" in em.participants
    doc = _with_kb_people(parse("Ferdinand Marcos Jr. a rencontré Luc Faure le 4 mars 2025.", names=["Luc Faure"]), marcos)
    [em] = find_event_mentions(doc)
    assert em.type == "CONSULT" and "Q928" not in em.participants


def test_who_calls_a_strike_takes_part_in_it(parse):
    doc = parse("La Syldavie a appelé à une grève le 4 mars 2024.", names=["Syldavie"])
    found = {e.type: e for e in find_event_mentions(doc)}
    assert found["PROTEST"].participants == [slug("Syldavie")]


def test_taking_on_fraud_is_no_assault_but_attacking_a_convoy_is(parse):
    assert _types(parse("Le gouvernement s'est attaqué à la fraude fiscale en mars.")) == []
    assert _types(parse("Des rebelles se sont attaqués à un convoi de l'armée.")) == ["ASSAULT"]
