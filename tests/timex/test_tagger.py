"""Time expressions in our own sentences: spans, types, values, modifiers, false positives."""

from __future__ import annotations

import pytest

from veille.timex.tagger import tag


def values(doc):
    return [(t.text, t.value) for t in doc.timexes]


@pytest.mark.parametrize("text,span,value", [
    ("Le traité a été ratifié le 24 février 2022 par le Parlement.", "le 24 février 2022", "2022-02-24"),
    ("La facture est datée du 15/08/2025.", "15/08/2025", "2025-08-15"),
    ("Le fichier 2025-08-19 a été archivé.", "2025-08-19", "2025-08-19"),
    ("Les ventes ont chuté en août 2025.", "août 2025", "2025-08"),
    ("La loi a été votée en 2021.", "en 2021", "2021"),
    ("Le premier tour aura lieu le 1er mars 2026.", "le 1er mars 2026", "2026-03-01"),
    ("Le match a été reporté au mercredi 3 septembre.", "mercredi 3 septembre", "2025-09-03"),
    ("Les usines ont tourné au ralenti à la mi-juillet.", "la mi-juillet", "2025-07"),
    ("Les contrats expirent fin 2026.", "fin 2026", "2026"),
    ("Ce vase a été fabriqué au XVIIIe siècle.", "XVIIIe siècle", "17"),
    ("La mode des années 1970 revient.", "des années 1970", "197"),
])
def test_tagger_absolute_dates(analyze_text, text, span, value):
    assert (span, value) in values(analyze_text(text))


def test_tagger_range_of_months_gives_two_dates(analyze_text):
    doc = analyze_text("Son premier mandat (mars 2014-mars 2020) a été marqué par la crise.")
    assert values(doc) == [("mars 2014", "2014-03"), ("mars 2020", "2020-03")]
    assert all(t.type == "DATE" for t in doc.timexes)


@pytest.mark.parametrize("text,span,value", [
    ("Les juges se réuniront aujourd'hui.", "aujourd'hui", "2025-08-19"),
    ("Le syndicat a appelé hier à la grève.", "hier", "2025-08-18"),
    ("Le jury rendra demain son verdict.", "demain", "2025-08-20"),
    ("Le chantier a repris cette semaine.", "cette semaine", "2025-W34"),
    ("La décision tombera la semaine prochaine.", "la semaine prochaine", "2025-W35"),
    ("Les prix ont grimpé le mois dernier.", "le mois dernier", "2025-07"),
    ("La récolte a été mauvaise l'an dernier.", "l'an dernier", "2024"),
    ("Le budget de cette année est serré.", "cette année", "2025"),
    ("L'usine a fermé il y a trois ans.", "il y a trois ans", "2022"),
    ("Il est rentré hier soir de Rome.", "hier soir", "2025-08-18TEV"),
    ("Le maire s'exprimera ce soir.", "ce soir", "2025-08-19TEV"),
])
def test_tagger_relative_to_publication(analyze_text, text, span, value):
    doc = analyze_text(text)
    assert (span, value) in values(doc)
    assert next(t for t in doc.timexes if t.text == span).anchor == "dct"


def test_tagger_narrative_day_follows_the_last_date(analyze_text):
    doc = analyze_text("Le 12 mars, l'accord a été signé. La veille, les négociateurs avaient veillé tard.")
    assert ("La veille", "2025-03-11") in values(doc)
    veille = next(t for t in doc.timexes if t.text == "La veille")
    assert veille.anchor == "t1"


def test_tagger_anchored_to_the_date_of_what_follows(analyze_text):
    # a past clause: the last 6 November before the publication date
    doc = analyze_text("Au lendemain de l'élection du 6 novembre, les marchés ont bondi.")
    assert ("lendemain", "2024-11-07") in values(doc)


def test_tagger_time_takes_the_day_in_focus(analyze_text):
    doc = analyze_text("Le conseil s'est réuni lundi 4 août. La séance a été ouverte à 9h15.")
    assert ("9h15", "2025-08-04T09:15") in values(doc)


@pytest.mark.parametrize("text,span,value,mod", [
    ("Le siège a duré trois jours.", "trois jours", "P3D", None),
    ("Ils ont parlé pendant près d'une heure et demie.", "près d'une heure et demie", "PT1H30M", "APPROX"),
    ("La guerre dure depuis trois ans et demi.", "trois ans et demi", "P3Y6M", None),
    ("Le conflit dure depuis plus de 40 mois.", "plus de 40 mois", "P40M", "MORE_THAN"),
    ("Le vote a duré environ une heure.", "environ une heure", "PT1H", "APPROX"),
    ("Les travaux prendront moins de vingt-quatre heures.", "moins de vingt-quatre heures", "PT24H", "LESS_THAN"),
    ("Le sort du texte se jouera dans les deux semaines à venir.", "les deux semaines à venir", "P2W", None),
    ("Le texte a été voté en moins de 24 heures.", "moins de 24 heures", "PT24H", "LESS_THAN"),
    ("Il a été retenu plus de 3h par la police.", "plus de 3h", "PT3H", "MORE_THAN"),
    ("Ils ont eu un entretien de 1h30 à l'Élysée.", "1h30", "PT1H30M", None),
    ("Lors du tête-à-tête de 02H10, rien n'a filtré.", "02H10", "PT2H10M", None),
])
def test_tagger_durations(analyze_text, text, span, value, mod):
    doc = analyze_text(text)
    hit = [t for t in doc.timexes if t.text == span]
    assert hit and hit[0].value == value and hit[0].type == "DURATION" and hit[0].mod == mod


def test_tagger_duration_range_is_one_expression(analyze_text):
    doc = analyze_text("Le président tranchera dans les 48 à 72 heures à venir.")
    assert [t.type for t in doc.timexes] == ["DURATION"]
    assert doc.timexes[0].text.startswith("les 48")


@pytest.mark.parametrize("text,span,value", [
    ("Le comité se réunit chaque semaine.", "chaque semaine", "P1W"),
    ("Le festival revient tous les ans.", "tous les ans", "P1Y"),
    ("La navette part tous les lundis matin.", "tous les lundis matin", "XXXX-WXX-1TMO"),
])
def test_tagger_sets(analyze_text, text, span, value):
    doc = analyze_text(text)
    assert (span, value) in values(doc)
    assert doc.timexes[0].type == "SET"


@pytest.mark.parametrize("word,value", [("bientôt", "FUTURE_REF"), ("maintenant", "PRESENT_REF"),
                                        ("désormais", "PRESENT_REF"), ("récemment", "PAST_REF")])
def test_tagger_vague_references(analyze_text, word, value):
    doc = analyze_text(f"Le gouvernement a {word} changé de cap." if word != "bientôt"
                       else "Le gouvernement changera bientôt de cap.")
    assert (word, value) in values(doc)


@pytest.mark.parametrize("text", [
    "Le ministre Jean-Noël Martin a reçu les maires.",
    "Elle a répondu sur X aux critiques.",
    "Les pancartes réclamaient la PAIX.",
    "Il a défendu sa réforme devant sa majorité.",
    "« Je reste », a-t-il dit.",
    "Le démocrate de 80 ans a renoncé à se représenter.",
    "Il a posté sur Truth Social une vidéo.",
    "La police a dénombré 1200 manifestants et 2000 gendarmes.",
    "Un homme de 45 ans a été interpellé.",
    "Les moins de 18 ans ne pourront pas voter.",
    "Il a été reçu par la presse quotidienne régionale.",
    "Elle a été élue avec 1789 voix.",
])
def test_tagger_no_false_positive(analyze_text, text):
    assert values(analyze_text(text)) == []


def test_tagger_event_at_a_clock_time_is_no_duration(analyze_text):
    doc = analyze_text("La réunion de 14h30 a été annulée.", published="2025-08-19")
    assert [(t.text, t.type) for t in doc.timexes] == [("14h30", "TIME")]


@pytest.mark.parametrize("text,published,span,value", [
    ("Le décret sera publié dans la semaine.", "2025-03-12", "dans la semaine", "2025-W11"),
    ("Le chantier doit être achevé d'ici 2035.", "2025-03-12", "d'ici 2035", "2035"),
    ("La flotte sera électrique à l'horizon 2035.", "2025-03-12", "à l'horizon 2035", "2035"),
    ("Les prix avaient bondi en janvier.", "2025-06-12", "en janvier", "2025-01"),
    ("Les prix avaient bondi en 2021.", "2025-06-12", "en 2021", "2021"),  # like "en janvier"
    ("Ce mardi 9 août 2022, le préfet a pris un arrêté.", "2022-08-09", "Ce mardi 9 août 2022", "2022-08-09"),
    ("Le ministre s'exprimera très bientôt.", "2025-03-12", "très bientôt", "FUTURE_REF"),
    ("Une annonce est attendue dans les prochains jours.", "2025-03-12", "dans les prochains jours", "FUTURE_REF"),
    ("Aucune date n'est fixée pour l'instant.", "2025-03-12", "pour l'instant", "PRESENT_REF"),
    ("Rien n'est décidé à ce stade.", "2025-03-12", "à ce stade", "PRESENT_REF"),
    ("De telles crues ont déjà eu lieu dans le passé.", "2025-03-12", "dans le passé", "PAST_REF"),
])
def test_tagger_spans_keep_the_introducing_word(analyze_text, text, published, span, value):
    assert (span, value) in values(analyze_text(text, published=published))


def test_tagger_noel_alone_is_a_date(analyze_text):
    assert ("Noël", "2025-12-25") in values(analyze_text("Les négociations reprendront après Noël."))


def test_tagger_spans_leave_prepositions_out(analyze_text):
    doc = analyze_text("Il vit à Lyon depuis trois ans et travaille depuis 2021 pour la mairie.")
    assert [t.text for t in doc.timexes] == ["trois ans", "2021"]


def test_tagger_offsets_and_ids_follow_the_text(analyze_text):
    text = "Hier, le maire a annoncé que les travaux dureraient deux mois à partir du 3 mars."
    doc = analyze_text(text)
    assert [t.id for t in doc.timexes] == [f"t{i + 1}" for i in range(len(doc.timexes))]
    assert all(text[t.start:t.end] == t.text for t in doc.timexes)
    assert [t.start for t in doc.timexes] == sorted(t.start for t in doc.timexes)


@pytest.mark.parametrize("published,value", [
    (None, "XXXX-XX-XX"), ("2025-02", "2025-02"), ("2025", "2025"), ("2025-W36", "2025-09-04"),
])
def test_tagger_weekday_never_more_precise_than_its_anchor(analyze_text, published, value):
    doc = analyze_text("Le sommet s'est ouvert jeudi à Bruxelles.", published=published)
    assert values(doc) == [("jeudi", value)]


def test_tagger_without_parser_still_tags():
    timexes = tag("Le 3 mai 2024, deux jours avant l'élection.", "2025-08-19")
    assert [(t.text, t.value) for t in timexes] == [("Le 3 mai 2024", "2024-05-03"), ("deux jours", "P2D")]


def test_tagger_anchored_to_a_noun_dated_elsewhere(analyze_text):
    doc = analyze_text("La visite du ministre a eu lieu le 12 mai. "
                       "La veille de la visite, les gendarmes ont bouclé le quartier.")
    veille = next(t for t in doc.timexes if t.text == "La veille")
    assert veille.value == "2025-05-11"
    assert veille.anchor == next(t.id for t in doc.timexes if t.text == "le 12 mai")


def test_tagger_quantity_after_a_dated_event_is_a_date(analyze_text):
    doc = analyze_text("Le sommet du 15 août a échoué. Trois jours après le sommet, les frappes ont repris.")
    assert ("Trois jours", "2025-08-18") in values(doc)
    assert next(t for t in doc.timexes if t.text == "Trois jours").type == "DATE"


def test_tagger_quantity_after_an_undated_event_stays_a_duration(analyze_text):
    doc = analyze_text("Les dirigeants se sont vus trois jours après une rencontre bilatérale.")
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [("trois jours", "DURATION", "P3D")]


def test_tagger_hours_later_stay_a_duration(analyze_text):
    doc = analyze_text("Le 3 mai, un témoin l'a vu. Les secours sont arrivés environ une heure plus tard.")
    assert ("environ une heure", "PT1H") in values(doc)


def test_tagger_habitual_weekday_in_the_present_is_a_set(analyze_text):
    doc = analyze_text("Le marché se tient le mercredi sur la place. Il est arrivé le jeudi, épuisé.")
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("le mercredi", "SET", "XXXX-WXX-3"), ("le jeudi", "DATE", "2025-08-14")]


def test_tagger_duration_in_clock_notation(analyze_text):
    doc = analyze_text("Les pompiers ont lutté pendant 48h, puis la réunion a commencé à 15h.")
    assert values(doc) == [("48h", "PT48H"), ("15h", "2025-08-19T15:00")]


@pytest.mark.parametrize("published", ["2025-W60", "2025-13", "garbage", "2025-02-30"])
def test_tagger_invalid_publication_date_is_treated_as_unknown(published):
    timexes = tag("Le conseil a siégé jeudi et siégera la semaine prochaine.", published)
    assert [t.value for t in timexes] == ["XXXX-XX-XX", "XXXX-WXX"]


def test_tagger_impossible_calendar_date_is_not_invented():
    assert [t.value for t in tag("Le décret du 31 février 2024 est un canular.", "2025-08-19")] == ["2024-02"]


@pytest.mark.parametrize("published,value", [("2025-W36", "2025-08"), ("2025-W35", "2025-07"),
                                             ("2025-W31", "2025")])
def test_tagger_last_month_from_a_week_anchor(published, value):
    # W31 runs from 28 July to 3 August: which month it is in cannot be told
    assert [t.value for t in tag("Le mois dernier, les ventes ont reculé.", published)] == [value]


@pytest.mark.parametrize("text,span,value", [
    # the one year the text states in which 29 January is a Monday
    ("Le ministre a démissionné le 3 février 2024. Lundi 29 janvier, les agriculteurs avaient "
     "bloqué les routes.", "Lundi 29 janvier", "2024-01-29"),
    # no year stated: unknown
    ("Lundi 29 janvier, les agriculteurs ont bloqué les routes.", "Lundi 29 janvier", "XXXX-01-29"),
    # the stated year does not agree with the weekday (29 January 2025 is a Wednesday)
    ("En 2025, le ministre a démissionné. Lundi 29 janvier, les agriculteurs avaient bloqué les routes.",
     "Lundi 29 janvier", "XXXX-01-29"),
    # two stated years agree with the weekday (2018 and 2024): ambiguous
    ("En 2018 comme en 2024, les agriculteurs ont manifesté. Lundi 29 janvier, ils ont bloqué les routes.",
     "Lundi 29 janvier", "XXXX-01-29"),
    # no weekday: the year stays unknown
    ("Le ministre a démissionné le 3 février 2024. Le 29 janvier, les agriculteurs avaient bloqué les "
     "routes.", "Le 29 janvier", "XXXX-01-29"),
])
def test_tagger_undated_weekday_and_day_take_the_one_stated_year_that_fits(analyze_text, text, span, value):
    assert (span, value) in values(analyze_text(text, published=None))


@pytest.mark.parametrize("text,span,value", [
    ("Les négociations ont duré plusieurs mois.", "plusieurs mois", "PXM"),
    ("Le conflit dure depuis des années dans la région.", "des années", "PXY"),
    ("Le pays exporte deux millions de barils par an.", "an", "P1Y"),
    ("Le loyer atteint 800 euros par mois.", "mois", "P1M"),
    ("Chaque année, le festival attire des milliers de visiteurs.", "Chaque année", "P1Y"),
])
def test_tagger_vague_durations_and_sets(analyze_text, text, span, value):
    assert (span, value) in values(analyze_text(text))


def test_tagger_word_pieces_gives_each_trigger_the_sentences_and_lines_it_occurs_in():
    from veille.timex.rules import DIGIT
    from veille.timex.tagger import _segments, _word_pieces

    text = ("Le conseil s'est réuni lundi. Il reprendra ses travaux le 3 mars.\n"
            "Rien n'a filtré de la séance. Lundi encore, les portes restaient closes.")
    starts = _segments(text)
    assert len(starts) == 4  # four sentences, the third after a line break
    pieces = _word_pieces(text, starts)
    assert pieces["lundi"] == [0, 3]  # any case
    assert pieces["mars"] == [1]
    assert pieces[DIGIT] == [1]
    assert "conseil" not in pieces  # not a trigger of any rule
    assert _word_pieces("", [0]) == {}
