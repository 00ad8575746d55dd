"""Participants, places and dates found through the frame around a trigger: coordinated names
before the verb, support verbs, participles after an event noun, framing clauses, ground
nouns with a demonym, time phrases that do not date the event."""

from __future__ import annotations

from tests.events.conftest import slug
from veille.events.extract import _kb, find_event_mentions
from veille.model import Timex

LUC, SOPHIE, PAUL, JEAN = "Luc Faure", "Sophie Blanc", "Paul Girard", "Jean Petit"


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


def test_extract_name_cut_by_the_parse_is_still_a_partner(nlp):
    """"entre X et Y" where the parse hangs the last word of Y onto the next clause (built by
    hand: the parse of a real article did this with "Vladimir | Poutine")."""
    from spacy.tokens import Doc

    from tests.events.conftest import hand_mentions
    from veille.model import Published

    rows = [  # word, pos, head, dep, lemma: "Un appel téléphonique" entre Luc Faure et Sophie Blanc est possible.
        ("\"", "PUNCT", 2, "punct", "\""), ("Un", "DET", 2, "det", "un"), ("appel", "NOUN", 12, "nsubj", "appel"),
        ("téléphonique", "ADJ", 2, "amod", "téléphonique"), ("\"", "PUNCT", 2, "punct", "\""),
        ("entre", "ADP", 6, "case", "entre"), ("Luc", "PROPN", 2, "nmod", "Luc"),
        ("Faure", "PROPN", 6, "flat:name", "Faure"), ("et", "CCONJ", 9, "cc", "et"),
        ("Sophie", "PROPN", 6, "conj", "Sophie"), ("Blanc", "PROPN", 12, "nsubj", "Blanc"),
        ("est", "AUX", 12, "cop", "être"), ("possible", "ADJ", 12, "ROOT", "possible"), (".", "PUNCT", 12, "punct", "."),
    ]
    doc = Doc(nlp.vocab, words=[r[0] for r in rows], pos=[r[1] for r in rows], heads=[r[2] for r in rows],
              deps=[r[3] for r in rows], lemmas=[r[4] for r in rows])
    doc._.published = Published("2025-06-10", "metadata")
    doc._.mentions, doc._.entities = hand_mentions(doc.text, [LUC, SOPHIE])
    doc._.timexes = []
    [call] = [e for e in find_event_mentions(doc) if e.trigger.text == "appel"]
    assert set(call.participants) == {slug(LUC), slug(SOPHIE)}


def test_extract_demonstrative_refers_to_the_same_noun_not_another_event(parse):
    text = ("Luc Faure participera mardi à un dîner avec Sophie Blanc. Le sommet de Lisbonne s'ouvrira mercredi. "
            "Paul Girard a confirmé sa venue lors de ce sommet.")
    doc = parse(text, names=[LUC, SOPHIE, PAUL], places=["Lisbonne"])
    found = find_event_mentions(doc)
    [dinner] = [e for e in found if e.trigger.text == "dîner"]
    assert slug(PAUL) not in dinner.participants


def test_extract_present_report_is_dated_on_publication_day(parse):
    doc = parse("La Syldavie accuse la Bordurie de violer la trêve.", names=["Syldavie", "Bordurie"],
                published="2025-05-10")
    [accuse] = [e for e in find_event_mentions(doc) if e.type == "ACCUSE"]
    assert accuse.date == "2025-05-10"
    [violate] = [e for e in find_event_mentions(doc) if e.trigger.text == "violer"]
    assert violate.participants[0] == slug("Bordurie")


def test_extract_present_report_undated_when_publication_month_only(parse):
    doc = parse("La Syldavie accuse la Bordurie de violer la trêve.", names=["Syldavie", "Bordurie"],
                published="2025-05")
    [accuse] = [e for e in find_event_mentions(doc) if e.type == "ACCUSE"]
    assert accuse.date is None


def test_extract_delegations_with_two_demonyms_meet(parse):
    kb = _kb()
    doc = parse("Les délégations russe et ukrainienne se sont retrouvées le 4 mars 2024 à Istanbul.", places=["Istanbul"])
    [meet] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert meet.participants == [kb.by_demonym["russe"], kb.by_demonym["ukrainienne"]]
    assert meet.date == "2024-03-04" and meet.place == slug("Istanbul")


def test_extract_accented_demonyms_find_their_states(parse):
    # the knowledge base keys are folded: "égyptiennes" and "éthiopiens" must find their countries
    kb = _kb()
    doc = parse("Des frappes égyptiennes ont visé les positions des rebelles.")
    [strike] = [e for e in find_event_mentions(doc) if e.type == "ASSAULT"]
    assert strike.participants == [kb.by_demonym["egyptiennes"]]
    doc = parse("Les délégations israélienne et égyptienne se sont retrouvées le 4 mars 2024 au Caire.")
    [meet] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert meet.participants == [kb.by_demonym["israelienne"], kb.by_demonym["egyptienne"]]


def test_extract_no_subject_negates_the_meeting(parse):
    doc = parse("Aucun ministre n'a rencontré Sophie Blanc.", names=[SOPHIE])
    [meet] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert meet.status == "negated"


def test_extract_call_with_someone_is_a_phone_consult(parse):
    doc = parse("Après un appel avec Sophie Blanc, Luc Faure a levé les restrictions.", names=[LUC, SOPHIE])
    [call] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert call.mode == "phone" and slug(SOPHIE) in call.participants
    assert not [e for e in find_event_mentions(parse("Luc Faure a lancé un appel au calme.", names=[LUC]))
                if e.type == "CONSULT"]


def test_extract_pronoun_and_clitic_y_take_the_sentence_before(parse):
    text = ("Le 4 mars 2024, Luc Faure se trouvait à Lisbonne. "
            "Avec Sophie Blanc, il s'y est entretenu au téléphone avec Paul Girard.")
    doc = parse(text, names=[LUC, SOPHIE, PAUL], places=["Lisbonne"])
    [call] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert set(call.participants) == {slug(LUC), slug(SOPHIE), slug(PAUL)}
    assert call.place == slug("Lisbonne") and call.date == "2024-03-04"


def test_extract_sentence_date_does_not_cross_a_blank_line(parse):
    text = "Luc Faure est arrivé à Oslo le 3 mars 2024 pour une visite\n\nLe 4 mars 2024, il a accusé Sophie Blanc de mentir."
    doc = parse(text, names=[LUC, SOPHIE], places=["Oslo"])
    [accuse] = [e for e in find_event_mentions(doc) if e.type == "ACCUSE"]
    assert accuse.date == "2024-03-04"


def test_extract_purpose_clause_takes_the_date_of_its_verb(parse):
    text = "Luc Faure est arrivé à Lisbonne le 4 mars 2024 pour réclamer à la Syldavie une trêve à partir de mai 2024."
    doc = parse(text, names=[LUC, "Syldavie"], places=["Lisbonne"])
    [request] = [e for e in find_event_mentions(doc) if e.type == "REQUEST"]
    assert request.date == "2024-03-04"
    assert request.participants[0] == slug(LUC)


def test_extract_ou_clause_and_purpose_take_place_and_date_of_their_verb(parse):
    text = ("Luc Faure se rendra le 4 mars 2024 à Lisbonne, où il sera reçu par Sophie Blanc, "
            "puis à Oslo pour y rencontrer Paul Girard.")
    doc = parse(text, names=[LUC, SOPHIE, PAUL], places=["Lisbonne", "Oslo"])
    found = {e.trigger.text: e for e in find_event_mentions(doc)}
    assert found["reçu"].date == "2024-03-04" and found["reçu"].place == slug("Lisbonne")
    assert {slug(LUC), slug(SOPHIE)} <= set(found["reçu"].participants)
    assert found["rencontrer"].place == slug("Oslo")
    assert {slug(LUC), slug(PAUL)} <= set(found["rencontrer"].participants)


def test_extract_measure_noun_and_target_participle(parse):
    kb = _kb()
    text = "La Syldavie a annoncé le 4 mars 2024 une centaine de sanctions visant le secteur pétrolier russe."
    doc = parse(text, names=["Syldavie"])
    [sanction] = [e for e in find_event_mentions(doc) if e.type == "SANCTION"]
    assert sanction.participants == [slug("Syldavie"), kb.by_demonym["russe"]]
    assert sanction.date == "2024-03-04"


def test_extract_day_after_another_event_is_not_the_clause_date(parse):
    text = "La Syldavie adopte des sanctions contre la Bordurie au lendemain de l'appel entre Luc Faure et Sophie Blanc."
    doc = parse(text, names=["Syldavie", "Bordurie", LUC, SOPHIE], timexes=False)
    start = text.index("lendemain")
    doc._.timexes = [Timex("t1", start, start + len("lendemain"), "lendemain", "DATE", "2025-06-11", anchor="dct")]
    [sanction] = [e for e in find_event_mentions(doc) if e.type == "SANCTION"]
    assert sanction.date != "2025-06-11"


def test_extract_article_before_a_name_is_not_a_complement_marker(nlp):
    """The parse lost the subject (built by hand: "Le Royaume-Uni a annoncé des sanctions" with
    the name hung as "dep"): the names before the verb are its subject, article included."""
    from spacy.tokens import Doc

    from tests.events.conftest import hand_mentions
    from veille.model import Published

    rows = [("Le", "DET", 1, "det", "le"), ("Royaume-Uni", "PROPN", 3, "dep", "Royaume-Uni"),
            ("a", "AUX", 3, "aux:tense", "avoir"), ("annoncé", "VERB", 3, "ROOT", "annoncer"),
            ("des", "DET", 5, "det", "un"), ("sanctions", "NOUN", 3, "obj", "sanction"),
            ("contre", "ADP", 7, "case", "contre"), ("Syldavie", "PROPN", 5, "nmod", "Syldavie"),
            (".", "PUNCT", 3, "punct", ".")]
    doc = Doc(nlp.vocab, words=[r[0] for r in rows], pos=[r[1] for r in rows], heads=[r[2] for r in rows],
              deps=[r[3] for r in rows], lemmas=[r[4] for r in rows])
    doc._.published = Published("2025-06-10", "metadata")
    doc._.mentions, doc._.entities = hand_mentions(doc.text, ["Royaume-Uni", "Syldavie"])
    doc._.timexes = []
    [sanction] = [e for e in find_event_mentions(doc) if e.type == "SANCTION"]
    assert sanction.participants[0] == slug("Royaume-Uni")


def test_extract_outcome_of_a_meeting_reported_by_the_two_parties(parse):
    text = ("La Syldavie et la Bordurie se sont retrouvées le 4 mars 2024 à Oslo. "
            "Les deux camps sont convenus d'un échange de prisonniers.")
    doc = parse(text, names=["Syldavie", "Bordurie"], places=["Oslo"])
    [agree] = [e for e in find_event_mentions(doc) if e.type == "AGREE"]
    assert set(agree.participants) == {slug("Syldavie"), slug("Bordurie")}
    assert agree.date == "2024-03-04" and agree.place == slug("Oslo")


def test_extract_day_before_clause_and_agent_named_by_the_means(parse):
    kb = _kb()
    text = "Les délégations se sont retrouvées le 4 mars 2024 à Oslo, au lendemain d'une attaque de missiles polonais."
    doc = parse(text, places=["Oslo"])
    [attack] = [e for e in find_event_mentions(doc) if e.type == "ASSAULT"]
    assert attack.participants[0] == kb.by_demonym["polonais"]
    assert attack.date == "2024-03-03"


def test_extract_group_of_opponents_named_by_demonym(parse):
    kb = _kb()
    doc = parse("La Bordurie a lancé le 4 mars 2024 une offensive contre des milices polonaises.", names=["Bordurie"])
    [attack] = [e for e in find_event_mentions(doc) if e.type == "ASSAULT"]
    assert attack.participants == [slug("Bordurie"), kb.by_demonym["polonaises"]]



def test_extract_speaker_at_the_end_of_a_meeting_of_members(parse):
    text = "Luc Faure a vanté le 4 mars 2024 un compromis, à l'issue de la réunion des ministres de la Syldavie."
    doc = parse(text, names=[LUC, "Syldavie"])
    [meeting] = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert set(meeting.participants) == {slug(LUC), slug("Syldavie")}


def test_extract_refusing_to_accept_is_a_rejection(parse):
    doc = parse("La Syldavie n'a pas accepté la demande de la Bordurie le 4 mars 2024.", names=["Syldavie", "Bordurie"])
    [reject] = [e for e in find_event_mentions(doc) if e.trigger.text == "accepté"]
    assert reject.type == "REJECT" and reject.status == "occurred"
    assert reject.participants[0] == slug("Syldavie")


def test_extract_event_noun_subject_of_a_negated_event_verb_still_happened(parse):
    doc = parse("La demande de la Bordurie n'a pas été acceptée le 4 mars 2024.", names=["Bordurie"])
    [request] = [e for e in find_event_mentions(doc) if e.type == "REQUEST"]
    assert request.status == "occurred"


def test_extract_people_of_the_two_countries_stand_for_the_pair(parse):
    """"les chefs des armées des deux pays": people of the pair named before stand for it, as
    partners of an event noun and as the subject of a relative clause."""
    text = ("La Syldavie et la Bordurie ont signé un accord le 3 mai 2025. Ce texte a été négocié lors d'un "
            "entretien entre les chefs des armées des deux pays, qui devaient se reparler le 5 mai 2025.")
    doc = parse(text, names=["Syldavie", "Bordurie"])
    found = {e.trigger.text: e for e in find_event_mentions(doc)}
    pair = {slug("Syldavie"), slug("Bordurie")}
    assert set(found["entretien"].participants) == pair
    assert set(found["reparler"].participants) == pair and found["reparler"].date == "2025-05-05"


def test_extract_a_plural_noun_without_number_is_no_pair(parse):
    text = "La Syldavie a rencontré la Bordurie le 3 mai 2025. Un entretien entre les chefs des armées a suivi."
    doc = parse(text, names=["Syldavie", "Bordurie"])
    assert not [e for e in find_event_mentions(doc) if e.trigger.text == "entretien"]


def test_extract_request_made_of_someone_with_entendre_de(parse):
    """"entendre de X une chose" (expect it of X) is a request to X; without such a complement
    "entendre" is no event ("a entendu des explosions")."""
    doc = parse("La Syldavie entend du Conseil de sécurité une condamnation claire de l'attaque.",
                names=["Syldavie", "Conseil de sécurité"])
    [req] = find_event_mentions(doc)
    assert req.type == "REQUEST" and req.participants == [slug("Syldavie"), slug("Conseil de sécurité")]
    doc = parse("Luc Faure a entendu des explosions près de la Syldavie.", names=[LUC, "Syldavie"])
    assert not find_event_mentions(doc)


def test_extract_verbless_sentence_takes_the_actors_of_the_sentence_before(parse):
    text = "La Syldavie a tout fait pour satisfaire la Bordurie. Des félicitations chaleureuses et un accueil réservé."
    [praise] = [e for e in find_event_mentions(parse(text, names=["Syldavie", "Bordurie"]))
                if e.trigger.text == "félicitations"]
    assert praise.participants == [slug("Syldavie"), slug("Bordurie")]
    # a title in a paragraph of its own introduces what follows, not what precedes
    text = "La Syldavie a tout fait pour satisfaire la Bordurie.\n\nDes félicitations chaleureuses pour le vainqueur."
    assert not find_event_mentions(parse(text, names=["Syldavie", "Bordurie"]))


def test_extract_parler_avec_is_a_meeting_with_a_named_partner(parse):
    [talk] = find_event_mentions(parse("Luc Faure a parlé avec Sophie Blanc le 4 mars 2024.", names=[LUC, SOPHIE]))
    assert talk.type == "CONSULT" and talk.participants == [slug(LUC), slug(SOPHIE)]
    assert not find_event_mentions(parse("Luc Faure a parlé avec les journalistes le 4 mars 2024.", names=[LUC]))


def test_extract_call_right_after_which_a_dated_deal_was_made_takes_its_day(parse):
    # the deal's day comes from the text (not from a date of its own clause: two dates here)
    text = ("Luc Faure et Sophie Blanc ont signé une trêve le 4 mars 2024. Cette trêve a été conclue {} un "
            "entretien téléphonique entre Jean Petit et Paul Girard, qui se reverront le 9 mars 2024.")
    for intro, same_day in (("après", True), ("deux semaines après", False)):
        found = find_event_mentions(parse(text.format(intro), names=[LUC, SOPHIE, JEAN, PAUL]))
        [deal] = [e for e in found if e.trigger.text == "conclue"]
        [call] = [e for e in found if e.trigger.text == "entretien"]
        assert deal.date is not None and len(deal.date) == 10
        assert (call.date == deal.date) is same_day, intro


def test_extract_subject_across_an_inserted_phrase_between_auxiliary_and_participle(parse):
    for text in ("Luc Faure a pour sa part rencontré Sophie Blanc.", "Luc Faure a de son côté rencontré Sophie Blanc."):
        [meet] = [e for e in find_event_mentions(parse(text, names=[LUC, SOPHIE])) if e.type == "CONSULT"]
        assert meet.participants == [slug(LUC), slug(SOPHIE)], text
