"""Participants and dates found beyond the trigger's own clause: "nous" in a quote, a
participle after a quote's speaker, an object clitic, a refused request, a document that
proves, an undated passé composé, a bare time phrase on an object noun."""

from __future__ import annotations

from tests.events.conftest import slug
from veille.events.extract import _kb, find_event_mentions
from veille.model import Quote, Timex

LUC, SOPHIE, PAUL = "Luc Faure", "Sophie Blanc", "Paul Girard"


def _kb_id(name: str) -> str:
    [eid] = _kb().lookup(name)[:1]
    return eid


def test_extract_nous_in_quote_is_the_body_the_speaker_speaks_for(analyze_text):
    text = ("« Nous aurons des discussions la semaine prochaine avec les Brésiliens », a déclaré "
            "Emmanuel Macron lors d'un déplacement à Lyon.")
    doc = analyze_text(text, published="2025-03-12")
    [talks] = [e for e in doc.event_mentions if e.trigger.text == "discussions"]
    france, brazil = _kb_id("France"), _kb_id("Brésil")
    assert {france, brazil} <= set(talks.participants), talks
    assert talks.mode != "multilateral"  # "nous" resolved is no open group


def test_extract_nous_outside_a_quote_stays_unresolved(analyze_text):
    doc = analyze_text("Nous aurons des discussions avec les Brésiliens, écrit le journaliste.",
                       published="2025-03-12")
    talks = [e for e in doc.event_mentions if e.trigger.text == "discussions"]
    assert all(_kb_id("France") not in e.participants for e in talks), talks


def test_extract_participle_after_quote_speaker_has_the_speaker_for_subject(analyze_text):
    text = ("« Il faut rouvrir la frontière », a insisté Emmanuel Macron au sortir du conseil, "
            "appelant Alger à reprendre le dialogue.")
    doc = analyze_text(text, published="2025-03-12")
    [call] = [e for e in doc.event_mentions if e.trigger.text == "appelant"]
    assert call.type == "REQUEST"
    assert _kb_id("Emmanuel Macron") in call.participants, call


def test_extract_object_clitic_is_the_previous_sentence_subject(parse):
    text = "Luc Faure a affirmé que la trêve tenait. Sophie Blanc l'a démenti le 4 mars 2024."
    doc = parse(text, names=[LUC, SOPHIE])
    [deny] = [e for e in find_event_mentions(doc) if e.type == "REJECT"]
    assert deny.participants == [slug(SOPHIE), slug(LUC)]
    # in another paragraph the clitic is left alone
    doc = parse(text.replace(". ", ".\n\n"), names=[LUC, SOPHIE])
    [deny] = [e for e in find_event_mentions(doc) if e.type == "REJECT"]
    assert deny.participants == [slug(SOPHIE)]


def test_extract_refused_request_is_between_its_parties(parse):
    doc = parse("La demande faite par la Syldavie pour rejoindre la Bordurie n'a pas été acceptée.",
                names=["Syldavie", "Bordurie"])
    [refusal] = [e for e in find_event_mentions(doc) if e.type == "REJECT"]
    assert set(refusal.participants) == {slug("Syldavie"), slug("Bordurie")}
    assert refusal.status == "occurred"


def test_extract_document_proving_a_fact_accuses_its_subject(parse):
    doc = parse("Un rapport de la Bordurie prouvant que les soldats de la Syldavie ont pillé la ville a été publié.",
                names=["Syldavie", "Bordurie"])
    [accuse] = [e for e in find_event_mentions(doc) if e.type == "ACCUSE"]
    assert set(accuse.participants) == {slug("Bordurie"), slug("Syldavie")}
    # a person proving something accuses no one
    doc = parse("Luc Faure a prouvé que Sophie Blanc était à Lisbonne.", names=[LUC, SOPHIE])
    assert not [e for e in find_event_mentions(doc) if e.type == "ACCUSE"]


def test_extract_undated_passe_compose_takes_the_publication_day(parse):
    text = "La Syldavie a dénoncé les sanctions de la Bordurie."
    [accuse] = [e for e in find_event_mentions(parse(text, names=["Syldavie", "Bordurie"])) if e.type == "ACCUSE"]
    assert accuse.date == "2025-06-10"
    # the pluperfect tells of an earlier day; a month of publication gives the month, no day;
    # a year is too vague
    doc = parse(text.replace(" a dénoncé", " avait dénoncé"), names=["Syldavie", "Bordurie"])
    assert [e.date for e in find_event_mentions(doc) if e.type == "ACCUSE"] == [None]
    doc = parse(text, names=["Syldavie", "Bordurie"], published="2025-06")
    assert [e.date for e in find_event_mentions(doc) if e.type == "ACCUSE"] == ["2025-06"]
    doc = parse(text, names=["Syldavie", "Bordurie"], published="2025-W24")
    assert [e.date for e in find_event_mentions(doc) if e.type == "ACCUSE"] == ["2025-W24"]
    doc = parse(text, names=["Syldavie", "Bordurie"], published="2025")
    assert [e.date for e in find_event_mentions(doc) if e.type == "ACCUSE"] == [None]


def test_extract_bare_time_on_object_noun_dates_the_verb(parse):
    doc = parse("La Syldavie a rejeté l'ultimatum de la Bordurie le 4 mars 2024.", names=["Syldavie", "Bordurie"])
    found = find_event_mentions(doc, keep_empty=True)
    [reject] = [e for e in found if e.type == "REJECT"]
    assert reject.date == "2024-03-04"
    assert [e.date for e in found if e.trigger.text == "ultimatum"] != ["2024-03-04"]


def test_extract_partner_after_a_time_phrase_following_the_noun(parse):
    text = "Luc Faure a des contacts fixés dans les semaines qui viennent avec Sophie Blanc."
    doc = parse(text, names=[LUC, SOPHIE])
    start = text.index("dans les semaines")
    end = start + len("dans les semaines qui viennent")
    doc._.timexes = [Timex("t1", start, end, text[start:end], "DATE", "FUTURE_REF", anchor="dct")]  # type: ignore[arg-type]
    [contact] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert set(contact.participants) == {slug(LUC), slug(SOPHIE)}


def test_extract_event_is_not_its_own_anaphor(parse):
    text = ("Luc Faure s'est entretenu avec Paul Girard le 4 mars 2024. "
            "Il va appeler Sophie Blanc pour l'informer de cette conversation.")
    doc = parse(text, names=[LUC, SOPHIE, PAUL])
    [conv] = [e for e in find_event_mentions(doc) if e.trigger.text == "conversation"]
    assert slug(SOPHIE) not in conv.participants and slug(PAUL) in conv.participants, conv
    # the purpose clause hung on another verb of the sentence: still not the call
    doc = parse(text.replace("Il va appeler Sophie Blanc pour", "Il va commencer par appeler Sophie Blanc, pour"),
                names=[LUC, SOPHIE, PAUL])
    [conv] = [e for e in find_event_mentions(doc) if e.trigger.text == "conversation"]
    assert slug(SOPHIE) not in conv.participants and slug(PAUL) in conv.participants, conv


def test_extract_plural_demonym_nouns_stand_for_their_states(parse):
    kb = _kb()
    doc = parse("À Genève, Russes et Ukrainiens s'accordent sur un calendrier.", places=["Genève"])
    [agree] = [e for e in find_event_mentions(doc) if e.type == "AGREE"]
    assert agree.participants == [kb.by_demonym["russes"], kb.by_demonym["ukrainiens"]]
    # one person of a people is not its state
    doc = parse("Un Ukrainien a rencontré Luc Faure à Genève.", names=[LUC], places=["Genève"])
    [meet] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert kb.by_demonym["ukrainien"] not in meet.participants


def test_extract_target_of_what_is_lifted(parse):
    doc = parse("La Syldavie a annoncé la levée des sanctions visant la Bordurie.", names=["Syldavie", "Bordurie"])
    [lift] = [e for e in find_event_mentions(doc) if e.type == "CONCEDE"]
    assert set(lift.participants) == {slug("Syldavie"), slug("Bordurie")}


def test_extract_group_of_people_is_found_among_people_of_the_narration(parse):
    text = ("Luc Faure, Sophie Blanc et Paul Girard ont exigé de la Syldavie un cessez-le-feu le 4 mars 2024. "
            "« Jean Petit doit céder », a dit Luc Faure lors d'une conférence de presse avec Alice Bernard. "
            "Les quatre dirigeants se sont ensuite entretenus au téléphone.")
    names = [LUC, SOPHIE, PAUL, "Jean Petit", "Alice Bernard", "Syldavie"]
    doc = parse(text, names=names)
    start = text.index("« Jean")
    end = text.index("», a dit") + 1
    doc._.quotes = [Quote("q1", start, end, text[start:end], "direct", None)]
    [call] = [e for e in find_event_mentions(doc) if e.trigger.text == "entretenus"]
    # not the four parties of the demand (a state among them), not the man named in the quote
    assert set(call.participants) == {slug(LUC), slug(SOPHIE), slug(PAUL), slug("Alice Bernard")}, call


def test_extract_names_before_a_comma_after_a_preposition_are_no_subject(parse):
    doc = parse("Selon la ministre, Sophie Blanc, Luc Faure a accepté la trêve.", names=[SOPHIE, LUC])
    [agree] = [e for e in find_event_mentions(doc) if e.type == "AGREE"]
    assert agree.participants == [slug(LUC)], agree
    # names enumerated after a place are the subject ("À Lisbonne, X, Y et Z ...")
    doc = parse("À Lisbonne, Sophie Blanc, Luc Faure et Paul Girard acceptent la trêve.",
                names=[SOPHIE, LUC, PAUL], places=["Lisbonne"])
    [agree] = [e for e in find_event_mentions(doc) if e.type == "AGREE"]
    assert agree.participants == [slug(SOPHIE), slug(LUC), slug(PAUL)], agree


def test_extract_date_opening_a_sentence_dates_its_event(parse):
    text = ("Selon la presse locale, Sophie Blanc a promis que le royaume contribuerait à la reconstruction. "
            "Le 4 mars 2024, Luc Faure et Paul Girard avaient déjà signé un partenariat stratégique.")
    doc = parse(text, names=[SOPHIE, LUC, PAUL])
    [sign] = [e for e in find_event_mentions(doc) if e.trigger.text == "signé"]
    assert sign.date == "2024-03-04", sign


def test_extract_pair_of_countries_is_found_among_states(parse):
    # the event just before is between two people: "des deux pays" are the states named earlier
    text = ("La Syldavie et la Bordurie ont signé une trêve le 4 mars 2024. Luc Faure a salué Sophie Blanc le "
            "5 mars 2024. Les délégations des deux pays se sont retrouvées le 6 mars 2024 à Oslo.")
    doc = parse(text, names=[LUC, SOPHIE, "Syldavie", "Bordurie"], places=["Oslo"])
    [meeting] = [e for e in find_event_mentions(doc) if e.trigger.text == "retrouvées"]
    assert set(meeting.participants) == {slug("Syldavie"), slug("Bordurie")}, meeting
    # "les deux hommes" still takes the people
    doc = parse(text.replace("Les délégations des deux pays se sont retrouvées", "Les deux hommes se sont retrouvés"),
                names=[LUC, SOPHIE, "Syldavie", "Bordurie"], places=["Oslo"])
    [meeting] = [e for e in find_event_mentions(doc) if e.trigger.text == "retrouvés"]
    assert set(meeting.participants) == {slug(LUC), slug(SOPHIE)}, meeting


def test_extract_group_object_stands_for_the_people_last_named(parse):
    text = ("Luc Faure a rencontré Sophie Blanc le 4 mars 2024 à Oslo. Paul Girard a reçu les deux ministres "
            "le 5 mars 2024.")
    doc = parse(text, names=[LUC, SOPHIE, PAUL], places=["Oslo"])
    [visit] = [e for e in find_event_mentions(doc) if e.trigger.text == "reçu"]
    assert set(visit.participants) == {slug(PAUL), slug(LUC), slug(SOPHIE)}, visit
    # a named object is no group reference
    doc = parse(text.replace("les deux ministres", "la ministre Alice Bernard"), names=[LUC, SOPHIE, PAUL, "Alice Bernard"],
                places=["Oslo"])
    [visit] = [e for e in find_event_mentions(doc) if e.trigger.text == "reçu"]
    assert set(visit.participants) == {slug(PAUL), slug("Alice Bernard")}, visit


def test_extract_group_agent_of_a_participle_stands_for_the_states_last_named(parse):
    text = ("La Syldavie et la Bordurie signeront un traité le 9 mai 2024. Paraphé le 2 mai 2024 par les "
            "négociateurs des deux pays, le texte prévoit un retrait des troupes.")
    doc = parse(text, names=["Syldavie", "Bordurie"])
    [initialled] = [e for e in find_event_mentions(doc) if e.trigger.text == "Paraphé"]
    assert set(initialled.participants) == {slug("Syldavie"), slug("Bordurie")} and initialled.date == "2024-05-02"


def test_extract_pair_of_countries_is_the_pair_named_together(parse):
    # a third state named since does not break the pair "la Syldavie et la Bordurie"
    from veille.model import Entity, Mention

    text = ("La Syldavie et la Bordurie signeront un traité le 9 mai 2024, sous l'égide de la Moldavie. "
            "Paraphé le 2 mai 2024 par les négociateurs des deux pays, le texte prévoit un retrait des troupes.")
    doc = parse(text, names=["Syldavie", "Bordurie"])
    start = text.index("Moldavie")
    third = Mention(start, start + len("Moldavie"), "Moldavie", "ent:moldavie", "GPE", "name")
    doc._.mentions = sorted([*doc._.mentions, third], key=lambda m: m.start)
    doc._.entities = {**doc._.entities, "ent:moldavie": Entity("ent:moldavie", "Moldavie", "GPE")}
    [initialled] = [e for e in find_event_mentions(doc) if e.trigger.text == "Paraphé"]
    assert set(initialled.participants) == {slug("Syldavie"), slug("Bordurie")}, initialled


def test_extract_numbered_summit_is_the_last_named_organisations(parse):
    from veille.model import Entity, Mention

    text = "L'Alliance boréale a ouvert ses portes à la Syldavie. Le 12e sommet s'est achevé le 4 mai 2024."
    doc = parse(text, names=["Syldavie"])
    org = Mention(0, len("L'Alliance boréale"), "L'Alliance boréale", "ent:alliance-boreale", "ORG", "name")
    doc._.mentions = sorted([*doc._.mentions, org], key=lambda m: m.start)
    doc._.entities = {**doc._.entities, "ent:alliance-boreale": Entity("ent:alliance-boreale", "Alliance boréale", "ORG")}
    [summit] = [e for e in find_event_mentions(doc) if e.trigger.text == "sommet"]
    assert summit.participants == ["ent:alliance-boreale"] and summit.date == "2024-05-04"
    # an unnumbered summit is not given the organisation
    plain = parse(text.replace("Le 12e sommet", "Le sommet"), names=["Syldavie"])
    plain._.mentions = sorted([*plain._.mentions, org], key=lambda m: m.start)
    plain._.entities = dict(doc._.entities)
    assert not [e for e in find_event_mentions(plain) if e.trigger.text == "sommet"
                and "ent:alliance-boreale" in e.participants]


def test_extract_meeting_during_which_a_refusal_happened_is_held(parse):
    text = "La demande de la Syldavie n'a pas été acceptée par la Bordurie le 4 mai 2024 durant le sommet de Luc Faure."
    doc = parse(text, names=["Syldavie", "Bordurie", LUC])
    [summit] = [e for e in find_event_mentions(doc) if e.trigger.text == "sommet"]
    assert summit.status == "occurred" and summit.date == "2024-05-04", summit


def test_extract_visit_host_left_unsaid_is_the_office_holder(analyze_text):
    text = ("Le président kényan sera reçu à la Maison Blanche. La visite d'État de trois jours du président "
            "français au Japon commencera lundi.")
    doc = analyze_text(text, published="2025-07-10")
    [received] = [e for e in doc.event_mentions if e.trigger.text == "reçu"]
    assert _kb_id("Donald Trump") in received.participants and received.place == _kb_id("Maison Blanche"), received
    [visit] = [e for e in doc.event_mentions if e.trigger.text == "visite"]
    assert _kb_id("Naruhito") in visit.participants, visit


def test_extract_two_men_are_the_protagonist_and_the_last_named(parse):
    # no event between two people just before: Luc Faure, named most, and Paul Girard, named last
    text = ("Luc Faure a rencontré le 3 mai 2024 la Syldavie. Luc Faure a salué la Bordurie. Sophie Blanc "
            "a critiqué la Syldavie. Luc Faure a appelé la Bordurie. Paul Girard a salué la Syldavie. "
            "Les deux hommes ont signé un accord le 4 mai 2024.")
    doc = parse(text, names=[LUC, SOPHIE, PAUL, "Syldavie", "Bordurie"])
    [deal] = [e for e in find_event_mentions(doc) if e.trigger.text == "signé"]
    assert set(deal.participants) == {slug(LUC), slug(PAUL)}, deal
    # named as often as the one before last, the protagonist does not replace them
    text = text.replace("Luc Faure a appelé la Bordurie. ", "").replace("Luc Faure a salué la Bordurie. ", "")
    doc = parse(text, names=[LUC, SOPHIE, PAUL, "Syldavie", "Bordurie"])
    [deal] = [e for e in find_event_mentions(doc) if e.trigger.text == "signé"]
    assert set(deal.participants) == {slug(SOPHIE), slug(PAUL)}, deal


def test_extract_year_of_another_noun_does_not_date_the_event(parse):
    text = "La Syldavie a décrété une trêve à l'occasion des commémorations de la victoire de mars 2024."
    doc = parse(text, names=["Syldavie"], published=None)
    [truce] = [e for e in find_event_mentions(doc) if e.trigger.text == "trêve"]
    assert truce.participants == [slug("Syldavie")] and truce.date is None, truce
    doc = parse("La Syldavie a décrété une trêve en mars 2024.", names=["Syldavie"], published=None)
    [truce] = [e for e in find_event_mentions(doc) if e.trigger.text == "trêve"]
    assert truce.date == "2024-03", truce


def test_extract_lasting_event_is_dated_by_its_start(parse):
    text = "La Syldavie a décrété une pause des combats qui a commencé le 2 mai 2024 et s'achève le 4 mai 2024."
    doc = parse(text, names=["Syldavie"])
    [pause] = [e for e in find_event_mentions(doc) if e.trigger.text == "pause"]
    assert pause.type == "RETREAT" and pause.date == "2024-05-02", pause


def test_extract_truce_taking_effect_through_a_pronoun_is_dated_then(parse):
    text = "La Syldavie a décrété une trêve de trois jours. Elle doit entrer en vigueur le 8 mai 2024."
    doc = parse(text, names=["Syldavie"], published=None)
    found = find_event_mentions(doc)
    [truce] = [e for e in found if e.trigger.text == "trêve"]
    [effect] = [e for e in found if e.trigger.text == "entrer"]
    assert truce.date == "2024-05-08" and effect.participants == [slug("Syldavie")], found
