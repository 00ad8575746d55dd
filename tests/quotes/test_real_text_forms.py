"""Forms met in real French news that the quotes stage must read (sentences of our own)."""

from __future__ import annotations

from .conftest import containing


def test_extract_one_way_curly_marks_pair_like_straight_quotes(quotes_of):
    text = ("La ministre italienne a pris la parole depuis Rome.\n\n"
            "”Nous avons trouvé un accord. Il sera signé demain”.\n\n"
            "La ministre a ajouté: ”Rien n’est encore acquis”.")
    _, quotes = quotes_of(text)
    (first,) = containing(quotes, "trouvé un accord")
    (second,) = containing(quotes, "Rien n’est")
    assert first.kind == second.kind == "direct"
    assert second.text == "Rien n’est encore acquis"
    assert second.speaker is not None and second.speaker.text == "La ministre"


def test_extract_one_way_marks_only_when_the_other_mark_is_absent(quotes_of):
    _, quotes = quotes_of("« Le texte “final” arrive », a indiqué la greffière Lise Caron.")
    assert [q.text for q in quotes if q.kind != "indirect"] == ["Le texte “final” arrive"]


def test_extract_inverted_subject_after_a_clock_time(quotes_of):
    _, quotes = quotes_of("« Nous avons gagné », a déclaré vers 22 h 15 la maire Anne Dupuis, devant ses partisans.")
    (q,) = quotes
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == "la maire Anne Dupuis"


def test_extract_inverted_subject_after_a_date(quotes_of):
    _, quotes = quotes_of("« La grève continue », a affirmé le 3 mars dernier le délégué syndical Marc Roux.")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "le délégué syndical Marc Roux"


def test_extract_selon_glued_to_a_closing_mark(quotes_of):
    _, quotes = quotes_of('Un "pas décisif" selon la ministre Claire Vidal\n\nLe texte sera voté mardi.')
    (q,) = containing(quotes, "pas décisif")
    assert q.kind == "partial"
    assert q.speaker is not None and q.speaker.text == "la ministre Claire Vidal"


def test_extract_selon_glued_keeps_the_closing_mark_in_the_report(quotes_of):
    _, quotes = quotes_of('La réforme constitue une "avancée majeure" selon le syndicat des enseignants.')
    (ind,) = [q for q in quotes if q.kind == "indirect"]
    assert ind.text == 'La réforme constitue une "avancée majeure"'


def test_extract_reflexive_infinitive_after_a_cue(quotes_of):
    _, quotes = quotes_of("La police municipale a affirmé se retirer du quartier avant la nuit.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "se retirer du quartier avant la nuit"
    assert q.speaker is not None and q.speaker.text.startswith("La police")


def test_extract_negated_infinitive_after_a_cue(quotes_of):
    _, quotes = quotes_of("Le syndicat a affirmé ne pas vouloir signer le protocole.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "ne pas vouloir signer le protocole"


def test_extract_addressee_then_de_infinitive(quotes_of):
    _, quotes = quotes_of("La préfecture a averti les automobilistes de la vallée de ne pas emprunter la route du col.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "de ne pas emprunter la route du col"
    assert q.speaker is not None and q.speaker.text == "La préfecture"


def test_extract_addressee_then_reflexive_infinitive_mistagged(quotes_of):
    # the tagger reads `approcher` as a participle here: an -er ending is an infinitive
    _, quotes = quotes_of("La mairie a averti les promeneurs du parc de ne pas s’approcher des arbres abattus.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "de ne pas s’approcher des arbres abattus"


def test_extract_addressee_then_a_infinitive(quotes_of):
    _, quotes = quotes_of("La fédération a exhorté les clubs à respecter le calendrier.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "à respecter le calendrier"


def test_extract_no_addressee_reading_for_other_verbs(quotes_of):
    # `affirmer` takes no addressee: `de` after its object belongs to the noun phrase
    _, quotes = quotes_of("Le ministre a affirmé la volonté de la France de poursuivre les discussions.")
    assert not [q for q in quotes if q.text.startswith("de poursuivre")]


def test_extract_reaffirmed_object_is_reported(quotes_of):
    _, quotes = quotes_of("Dans un communiqué commun, les ministres de la région ont réaffirmé leur soutien au plan de paix.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "leur soutien au plan de paix"
    # the fronted `Dans un communiqué commun,` is not part of who speaks
    assert q.speaker is not None and q.speaker.text == "les ministres de la région"


def test_extract_office_taken_for_a_name_gives_way_to_the_apposed_name(quotes_of):
    # the actor stage reads `Président de la Cour suprême` as a person's name here
    text = "Le Président de la Cour suprême du Mali, Moussa Traoré, a lu jeudi les chiffres. « Le droit doit primer », a-t-il déclaré."
    doc, quotes = quotes_of(text)
    (q,) = containing(quotes, "Le droit doit primer")
    assert q.speaker is not None and q.speaker.entity is not None
    assert doc.entities[q.speaker.entity].name == "Moussa Traoré"


def test_extract_sentence_final_incise_followed_by_a_gerund(quotes_of):
    text = ("La préfète Anne Roux a visité le chantier mardi. La vallée est la plus exposée aux crues, "
            "a-t-elle déclaré en inaugurant la digue, évoquant des « pluies records » cet hiver.")
    _, quotes = quotes_of(text)
    (q,) = [q for q in quotes if q.kind == "indirect" and q.text.startswith("La vallée")]
    assert q.text == "La vallée est la plus exposée aux crues"
    assert q.speaker is not None and q.speaker.text == "Anne Roux"


def test_extract_incise_followed_by_a_quote_reports_nothing_before_it(quotes_of):
    _, quotes = quotes_of("La vallée est exposée aux crues, a-t-elle déclaré, « et rien n'a été fait ».")
    assert not [q for q in quotes if q.kind == "indirect" and q.text.startswith("La vallée")]


def test_extract_speaker_keeps_an_apposition_before_the_verb(quotes_of):
    text = "Ses auteurs, des chercheurs mandatés par l’OMS, ont noté que l’épidémie a « reculé nettement » depuis mars."
    _, quotes = quotes_of(text)
    (q,) = [q for q in containing(quotes, "reculé nettement") if q.kind == "partial"]
    assert q.speaker is not None and q.speaker.text == "Ses auteurs, des chercheurs mandatés par l’OMS"


def test_extract_no_apposition_across_a_relative_clause(quotes_of):
    _, quotes = quotes_of("Le maire, qui a été réélu, a déclaré que le budget serait voté.")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "Le maire"


def test_extract_object_content_of_deplorer_and_affirmer(quotes_of):
    _, quotes = quotes_of("La fédération a déploré la fermeture de trois piscines municipales.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "la fermeture de trois piscines municipales"
    _, quotes = quotes_of("Le président du conseil a affirmé la solidarité des communes avec les sinistrés.")
    (q,) = quotes
    assert q.kind == "indirect" and q.text.startswith("la solidarité des communes")


def test_extract_credit_line_names_the_quotes_around_it(quotes_of):
    text = ("Des tirs ont été entendus dans la nuit à Goma, ont rapporté des habitants.\n\n"
            "«Que se passe-t-il avec la trêve, enfin ?»\n"
            "Jeanne Moreau, la gouverneure de la province du Nord\n"
            "«Les sirènes ne cessent pas dans toute la ville !!!»\n\n"
            "Le gouvernement a convoqué une réunion d'urgence.")
    _, quotes = quotes_of(text)
    (first,) = containing(quotes, "Que se passe-t-il")
    (second,) = containing(quotes, "Les sirènes")
    for q in (first, second):
        assert q.kind == "direct"
        assert q.speaker is not None and q.speaker.text == "Jeanne Moreau, la gouverneure de la province du Nord"


def test_extract_no_credit_from_a_line_with_a_verb(quotes_of):
    _, quotes = quotes_of("Le débat est lancé.\n« Personne ne sait ce qui va se passer »\nLe maire Paul Roux a quitté la salle.")
    (q,) = quotes
    assert q.speaker is None


def test_extract_headline_name_colon_statement(quotes_of):
    text = (" date 2025-06 Lagarde aux banquiers : il faudra encore relever les taux cet été !\n\n"
            "La présidente de la BCE a parlé mercredi à Francfort.")
    _, quotes = quotes_of(text)
    (q,) = quotes
    assert q.kind == "indirect" and q.text == "il faudra encore relever les taux cet été"
    assert q.speaker is not None and q.speaker.text == "Lagarde"


def test_extract_headline_topic_colon_is_not_a_statement(quotes_of):
    _, quotes = quotes_of("Ukraine : les combats reprennent dans le Donbass.\n\nLes tirs ont repris dans la nuit.")
    assert quotes == []


def test_extract_name_colon_inside_a_paragraph_is_not_a_headline(quotes_of):
    _, quotes = quotes_of("Le texte commence ici. Lagarde : les taux resteront stables.")
    assert quotes == []


def test_extract_date_between_commas_is_not_part_of_the_speaker(quotes_of):
    _, quotes = quotes_of("La ministre, lundi, a affirmé que le texte passerait.")
    (q,) = quotes
    assert q.speaker is not None and q.speaker.text == "La ministre"


def test_extract_tout_en_gerund_is_never_a_speaker(shared_dir, analyze_text):
    # regression: on a seed article the parser made `Tout` the subject of `a souligné` in
    # `Tout en reconnaissant que ..., X a souligné ...`; the speaker is the subject after the gerund
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        doc = analyze_text(path.read_text(encoding="utf-8"), published=None)
        for q in doc.quotes:
            assert q.speaker is None or not q.speaker.text.lower().startswith("tout en"), (path.name, q.speaker)


def test_extract_quote_cut_by_the_end_of_an_excerpt(quotes_of):
    text = ('Le maire Paul Roux a salué mardi le vote du budget, "une victoire pour la ville". '
            'La commune doit rénover le stade, et "les travaux commenceront dès que les entreprises auront été choisies par la')
    _, quotes = quotes_of(text)
    (q,) = containing(quotes, "les travaux commenceront")
    assert q.text.endswith("choisies par la")
    assert q.speaker is not None and q.speaker.text == "Le maire Paul Roux"


def test_extract_no_cut_quote_when_the_text_ends_cleanly(quotes_of):
    # a stray mark in a text that ends with its full stop is not a cut quote
    _, quotes = quotes_of('Le vendeur a répondu à la cliente. Le modèle "standard coûte quarante euros.')
    assert [q for q in quotes if q.kind != "indirect"] == []
