"""Quotes and speakers on sentences of our own: kinds, cues, speakers, what is not a quote."""

from __future__ import annotations

import pytest

from .conftest import containing


def test_extract_inverted_cue_after_a_direct_quote(quotes_of):
    _, quotes = quotes_of("« Les travaux dureront deux ans », a déclaré mardi la maire de Rennes, Claire Vasseur.")
    (q,) = quotes
    assert q.kind == "direct"
    assert q.text == "Les travaux dureront deux ans"
    assert q.cue == "a déclaré"
    assert q.speaker is not None and q.speaker.text == "la maire de Rennes, Claire Vasseur"


def test_extract_cue_before_a_colon(quotes_of):
    _, quotes = quotes_of("Le capitaine Marc Olivier a prévenu ses joueurs : « Personne ne lâchera rien. »")
    (q,) = containing(quotes, "Personne")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == "Le capitaine Marc Olivier"


def test_extract_inserted_cue_splits_one_utterance(quotes_of):
    _, quotes = quotes_of("« Nous avons perdu », a reconnu l'entraîneuse Julie Marchand, « mais nous reviendrons. »")
    first, second = containing(quotes, "perdu")[0], containing(quotes, "reviendrons")[0]
    assert first.kind == second.kind == "direct"
    assert first.speaker == second.speaker
    assert first.speaker is not None and "Julie Marchand" in first.speaker.text


def test_extract_pronoun_cue_takes_the_previous_speaker(quotes_of):
    text = ("« Le budget est bouclé », a affirmé la trésorière Anne Roux.\n\n"
            "« Il n'y aura pas de hausse », a-t-elle ajouté.")
    _, quotes = quotes_of(text)
    (q,) = containing(quotes, "hausse")
    assert q.speaker is not None and q.speaker.text == "la trésorière Anne Roux"


def test_extract_pronoun_agrees_in_gender(quotes_of):
    text = ("Le maire Paul Girard a reçu la ministre Lucie Perrin. « Le chantier commence lundi », "
            "a affirmé la ministre. Le maire a salué l'annonce. « Nous attendions ce jour », a-t-il dit.")
    _, quotes = quotes_of(text)
    (q,) = containing(quotes, "attendions")
    assert q.speaker is not None and "maire" in q.speaker.text


def test_extract_quote_without_cue_continues_the_paragraph_speaker(quotes_of):
    text = "« Le pont sera rouvert », a assuré le préfet Henri Lemaire. « Les camions attendront encore. »"
    _, quotes = quotes_of(text)
    (q,) = containing(quotes, "camions")
    assert q.speaker is not None and q.speaker.text == "le préfet Henri Lemaire"


def test_extract_quote_opening_a_paragraph_continues_the_previous_one(quotes_of):
    text = ("« La saison a été rude », a raconté la vigneronne Marie Caron.\n\n"
            "« Le gel a détruit la moitié des vignes. »\n\nLa récolte commence lundi.")
    _, quotes = quotes_of(text)
    (q,) = containing(quotes, "gel")
    assert q.speaker is not None and q.speaker.text == "la vigneronne Marie Caron"


def test_extract_quote_spanning_sentences_and_paragraphs(quotes_of):
    text = ("« Nous avons voté. Le texte passe.\n\n« Il reste le Sénat », a résumé la députée Inès Faure.")
    _, quotes = quotes_of(text)
    (q,) = quotes
    assert q.text.startswith("Nous avons voté.") and q.text.endswith("Il reste le Sénat")
    assert q.speaker is not None and q.speaker.text == "la députée Inès Faure"


def test_extract_partial_quote_inside_reported_speech(quotes_of):
    _, quotes = quotes_of("Le ministre a qualifié la grève de « totalement irresponsable » devant les députés.")
    (q,) = [q for q in quotes if q.kind != "indirect"]
    assert q.kind == "partial" and q.text == "totalement irresponsable"
    assert q.speaker is not None and q.speaker.text == "Le ministre"


def test_extract_single_word_partial_quote_after_a_speech_verb(quotes_of):
    text = "La directrice a déclaré que l'usine pourrait \"probablement\" rouvrir en mars."
    _, quotes = quotes_of(text)
    (q,) = [q for q in quotes if q.kind != "indirect"]
    assert q.kind == "partial" and q.text == "probablement"
    assert q.speaker is not None and q.speaker.text == "La directrice"


def test_extract_sentence_final_incise_attributes_partial_quotes(quotes_of):
    text = "Les élus comptent voter un budget « raisonnable » dès jeudi, a indiqué la présidence du conseil."
    _, quotes = quotes_of(text)
    (q,) = [q for q in containing(quotes, "raisonnable") if q.kind == "partial"]
    assert q.speaker is not None and q.speaker.text == "la présidence du conseil"


@pytest.mark.parametrize("text", [
    "Les maires de la « Ligue des villes vertes » se réunissent jeudi à Lyon.",
    'Les salariés du "Groupe Horizon" ont voté la grève.',
])
def test_extract_names_in_quotes_are_not_quotes(quotes_of, text):
    _, quotes = quotes_of(text)
    assert [q for q in quotes if q.kind != "indirect"] == []


def test_extract_scare_quotes_are_not_quotes(quotes_of):
    _, quotes = quotes_of("Ce « bouclier tarifaire » pourrait coûter cher à l'État l'an prochain.")
    assert quotes == []


def test_extract_indirect_que_clause(quotes_of):
    _, quotes = quotes_of("La ministre de la Santé a annoncé mercredi que trois hôpitaux seraient rénovés.")
    (q,) = quotes
    assert q.kind == "indirect"
    assert q.text == "que trois hôpitaux seraient rénovés"  # the reported clause, complementizer included
    assert q.cue == "a annoncé"
    assert q.speaker is not None and q.speaker.text == "La ministre de la Santé"


def test_extract_indirect_with_sentence_final_cue(quotes_of):
    _, quotes = quotes_of("Le tunnel restera fermé jusqu'à lundi, a précisé la société d'autoroute.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "Le tunnel restera fermé jusqu'à lundi"
    assert q.speaker is not None and q.speaker.text == "la société d'autoroute"


def test_extract_indirect_selon(quotes_of):
    _, quotes = quotes_of("Selon une source à la mairie, le marché de Noël sera annulé.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "le marché de Noël sera annulé"
    assert q.speaker is not None and q.speaker.text == "une source à la mairie"


def test_extract_laisser_entendre(quotes_of):
    _, quotes = quotes_of("Le sélectionneur a laissé entendre que le gardien ne jouerait pas samedi.")
    (q,) = quotes
    assert q.kind == "indirect" and q.cue == "a laissé entendre"
    assert q.text == "que le gardien ne jouerait pas samedi"


def test_extract_unnamed_speaker_keeps_its_whole_description(quotes_of):
    text = "« Le dossier avance bien », a confié un conseiller du maire Bernard Laval."
    _, quotes = quotes_of(text)
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "un conseiller du maire Bernard Laval"


def test_extract_passive_agent_is_the_speaker(quotes_of):
    _, quotes = quotes_of("Le projet a été qualifié de « dangereux » par les riverains du quartier.")
    (q,) = [q for q in quotes if q.kind == "partial"]
    assert q.speaker is not None and q.speaker.text == "les riverains du quartier"


def test_extract_ids_in_text_order(quotes_of):
    text = ("Le maire a dit que la piscine rouvrirait. « Ce sera en juin », a-t-il ajouté. "
            "Selon le club de natation, les horaires changeront.")
    _, quotes = quotes_of(text)
    assert [q.id for q in quotes] == [f"q{i}" for i in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert {q.kind for q in quotes} == {"indirect", "direct"}


def test_extract_without_the_actor_stage(quotes_only):
    quotes = quotes_only("« Le vote aura lieu demain », a annoncé le président de la commission, Louis Bernier.")
    (q,) = quotes
    assert q.speaker is not None
    assert q.speaker.text == "le président de la commission, Louis Bernier"
    assert q.speaker.entity is None


def test_extract_pronoun_without_the_actor_stage(quotes_only):
    quotes = quotes_only("La navigatrice Léa Dumont a franchi la ligne à l'aube. « J'ai cru chavirer », a-t-elle dit.")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "La navigatrice Léa Dumont"


def test_extract_empty_text(quotes_only):
    assert quotes_only("") == []


def test_extract_incise_left_inside_the_marks(quotes_of):
    text = "« Le quai sera prêt en mai, a déclaré M. Lambert devant les élus. Les bateaux suivront. »"
    _, quotes = quotes_of(text)
    (q,) = quotes
    assert q.cue == "a déclaré"
    assert q.speaker is not None and q.speaker.text == "M. Lambert"


def test_extract_so_called_dit_is_not_a_cue(quotes_of):
    _, quotes = quotes_of("Le plan dit « de Lisbonne » a été abandonné par les négociateurs l'an dernier.")
    assert all(q.cue != "dit" for q in quotes)


def test_extract_selon_qui_attributes_to_the_antecedent(quotes_of):
    _, quotes = quotes_of("Il a rencontré le général Paul Marty, selon qui la base sera fermée en juin.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "la base sera fermée en juin"
    assert q.speaker is not None and q.speaker.text == "le général Paul Marty"


def test_extract_selon_without_comma_is_not_a_cue(quotes_of):
    _, quotes = quotes_of("Les électeurs pour qui le maire a travaillé sont venus nombreux.")
    assert quotes == []


def test_extract_reflexive_event_names_the_next_speaker(quotes_of):
    text = ("Le ministre a salué l'accord. Son homologue, la ministre Ana Lopes, s'est montrée plus prudente : "
            "« Nous jugerons sur les actes. »")
    _, quotes = quotes_of(text)
    (q,) = containing(quotes, "actes")
    assert q.speaker is not None and "Ana Lopes" in q.speaker.text


def test_extract_adverbial_phrase_inside_the_verb_group(quotes_of):
    _, quotes = quotes_of("Le maire a par ailleurs assuré avoir « tout réglé » avec les riverains.")
    (q,) = [q for q in quotes if q.kind == "partial"]
    assert q.cue == "a assuré"
    assert q.speaker is not None and q.speaker.text == "Le maire"


def test_extract_speaker_stops_before_a_dative(quotes_of):
    _, quotes = quotes_of("« Rien n'est décidé », a expliqué la gouverneure aux journalistes à la sortie.")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "la gouverneure"


def test_extract_speech_event_gives_the_next_quote_its_speaker(quotes_of):
    text = "La maire de Brest a publié un message sur son compte. « Le port restera ouvert cet hiver. »"
    _, quotes = quotes_of(text)
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "La maire de Brest"


def _entity_at(doc, words: str):
    at = doc.text.index(words)
    return next((m.entity for m in doc.mentions if m.start <= at < m.end and m.entity), None)


def test_extract_adviser_is_never_the_person_he_advises(quotes_of):
    text = "« Le sommet sera décisif », a confié un conseiller du président Emmanuel Macron."
    doc, quotes = quotes_of(text)
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "un conseiller du président Emmanuel Macron"
    macron = _entity_at(doc, "Emmanuel Macron")
    assert q.speaker.entity is None or q.speaker.entity != macron


def test_extract_unnamed_source_takes_its_institution(quotes_of):
    doc, quotes = quotes_of("Selon une source à l'Élysée, la réunion aura lieu jeudi.")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "une source à l'Élysée"
    elysee = _entity_at(doc, "Élysée")
    if elysee is None:
        pytest.skip("the actor stage does not link the Élysée")
    assert q.speaker.entity == elysee


def test_extract_speaker_entity_is_the_mention_at_its_head(quotes_of):
    doc, quotes = quotes_of("« Nous tiendrons nos engagements », a déclaré le président américain Donald Trump.")
    (q,) = quotes
    trump = _entity_at(doc, "Donald Trump")
    if trump is None:
        pytest.skip("the actor stage does not link Donald Trump")
    assert q.speaker is not None and q.speaker.entity == trump


def test_extract_inverted_speaker_keeps_its_possessive(quotes_of):
    text = "Le syndicat a rejeté l'offre. « Nous n'avons rien reçu », assure son secrétaire général."
    _, quotes = quotes_of(text)
    (q,) = [q for q in quotes if q.kind == "direct"]
    assert q.speaker is not None and q.speaker.text == "son secrétaire général"


def test_extract_headline_name_and_colon_names_the_speaker(quotes_of):
    text = "Lagarde aux marchés : la banque restera « vigilante » cet été\n\nLes taux ne bougent pas."
    _, quotes = quotes_of(text)
    (q,) = quotes
    assert q.text == "vigilante"
    assert q.speaker is not None and q.speaker.text == "Lagarde"


def test_quotes_may_cue_accepts_every_cue_word_and_rejects_plain_words():
    from veille.quotes.lexicon import load_lexicon

    lex = load_lexicon()
    assert all(lex.may_cue(form, "") for form in lex.verb_forms)
    assert all(lex.may_cue("", lemma) for lemma in lex.verb_lemmas)
    assert all(lex.may_cue(word, "") for word in lex.preps)
    assert lex.may_cue("déclaré", "déclarer") and lex.may_cue("selon", "selon")
    assert not lex.may_cue("maison", "maison") and not lex.may_cue("rouge", "rouge")


@pytest.mark.parametrize(("text", "speaker"), [
    ("Après la signature de l'accord commercial, Mme von der Leyen a salué « un jour historique » pour l'Europe.",
     "Mme von der Leyen"),
    ("Le commissaire Frans van den Berg a jugé le compromis « fragile ».", "Le commissaire Frans van den Berg"),
    ("Cet accord ouvre « une nouvelle ère », a estimé Mme von der Leyen lundi.", "Mme von der Leyen"),
])
def test_extract_speaker_keeps_the_particles_of_a_name(quotes_of, text, speaker):
    _, quotes = quotes_of(text)
    marked = [q for q in quotes if q.kind != "indirect"]
    assert [q.speaker.text if q.speaker else None for q in marked] == [speaker]


@pytest.mark.parametrize(("text", "kind", "speaker"), [
    ("« Aucune classe ne fermera », c'est ce qu'a assuré mardi la rectrice de l'académie, Anne Roussel.",
     "direct", "la rectrice de l'académie, Anne Roussel"),
    ("« Le chantier sera fini en juin ». C'est ce qu'a affirmé le maire de Dole lors du conseil municipal.",
     "direct", "le maire de Dole"),
    ("« Personne ne sera laissé de côté », voilà ce qu'ont promis les syndicats de l'usine.",
     "direct", "les syndicats de l'usine"),
    ("La ligne rouvrira en avril, c'est ce qu'a indiqué la direction régionale de la SNCF.",
     "indirect", "la direction régionale de la SNCF"),
])
def test_extract_cleft_relative_inverts_the_speaker(quotes_of, text, kind, speaker):
    _, quotes = quotes_of(text)
    (q,) = quotes
    assert q.kind == kind
    assert "c'est" not in q.text and "voilà" not in q.text
    assert q.speaker is not None and q.speaker.text == speaker


def test_extract_cleft_with_a_preverbal_subject_is_not_inverted(quotes_of):
    _, quotes = quotes_of("« Tout ira bien », c'est ce que le médecin a répété à la famille.")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "le médecin"


@pytest.mark.parametrize("text", [
    "Le président ne peut pas se représenter, selon l'article 12 de la Constitution.",
    "Selon l'article 8 du traité, le retrait prend effet au bout de deux ans.",
])
def test_extract_a_legal_text_is_never_a_speaker(quotes_of, text):
    _, quotes = quotes_of(text)
    assert [q.speaker.text for q in quotes if q.speaker] == []


def test_extract_selon_reports_a_statement_with_its_own_agent(quotes_of):
    _, quotes = quotes_of("La demande formelle d'adhésion a été remise mardi par le gouvernement norvégien, selon Reuters.")
    (q,) = quotes
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "le gouvernement norvégien"
    _, quotes = quotes_of("Le dépôt a été incendié par des manifestants, selon Reuters.")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "Reuters"


def test_extract_gerund_keeps_its_own_content(quotes_of):
    _, quotes = quotes_of("La ministre des Sports, Léa Moreau, a défendu sa réforme, tout en ajoutant qu'il s'agit "
                          "d'une première étape.")
    (q,) = [q for q in quotes if "étape" in q.text]
    assert q.cue == "ajoutant"
    assert q.speaker is not None and q.speaker.text == "La ministre des Sports, Léa Moreau"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Le préfet Paul Girard a confirmé la fermeture du tunnel. Tout en précisant que la circulation sera déviée.",
     "Le préfet Paul Girard"),
    ("La maire de Brest a inauguré la médiathèque. Tout en reconnaissant que le chantier a pris du retard, "
     "elle a remercié les ouvriers.", "La maire de Brest"),
])
def test_extract_sentence_opening_gerund_takes_the_known_subject(quotes_of, text, speaker):
    _, quotes = quotes_of(text)
    (q,) = [q for q in quotes if q.cue in ("précisant", "reconnaissant")]
    assert q.speaker is not None and q.speaker.text == speaker
    assert "remercié" not in q.text


@pytest.mark.parametrize(("text", "words", "speaker"), [
    ("Le maire de Tours a appelé les habitants à une « vigilance de chaque instant » cet hiver.",
     "vigilance", "Le maire de Tours"),
    ("Les deux gouvernements ont convenu mardi de travailler à « une désescalade durable » à la frontière.",
     "désescalade", "Les deux gouvernements"),
    ("Les deux clubs se sont engagés à bâtir « une rivalité saine et respectueuse ».", "rivalité", "Les deux clubs"),
])
def test_extract_partial_quote_governed_through_an_object_and_a(quotes_of, text, words, speaker):
    _, quotes = quotes_of(text)
    (q,) = containing(quotes, words)
    assert q.kind == "partial"
    assert q.speaker is not None and q.speaker.text == speaker


@pytest.mark.parametrize("text", [
    "L'usine s'est engagée dans une « transition verte » coûteuse.",
    "Le club a appelé son nouveau stade « Arena ».",
])
def test_extract_other_senses_of_appeler_and_engager_are_not_speech(quotes_of, text):
    _, quotes = quotes_of(text)
    assert [q for q in quotes if q.speaker is not None] == []


def test_extract_convenir_with_etre_is_not_passive(quotes_of):
    _, quotes = quotes_of("Les deux syndicats sont convenus de travailler à « un front commun ».")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "Les deux syndicats"


def test_extract_selon_outranks_a_weak_cue(quotes_of):
    _, quotes = quotes_of("Les deux délégations sont convenues de signer « au plus vite » un accord sur la pêche, "
                          "selon le communiqué final.")
    (q,) = [q for q in containing(quotes, "au plus vite") if q.kind == "partial"]
    assert q.speaker is not None and q.speaker.text == "le communiqué final"


def test_extract_reported_clause_stops_before_a_final_selon(quotes_of):
    _, quotes = quotes_of("La mairie a annoncé jeudi que la piscine resterait fermée, selon la presse locale.")
    (q,) = quotes
    assert q.text == "que la piscine resterait fermée"
    assert q.speaker is not None and q.speaker.text == "La mairie"
