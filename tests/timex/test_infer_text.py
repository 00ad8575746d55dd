"""Publication days stated by the text itself (origin `text`): timestamp lines, datelines, leads."""

from __future__ import annotations

import datetime as dt

import pytest

from veille.timex.dateline import lead_day, text_publication_day, timestamp_line
from veille.timex.infer import infer_publication_dates


def _values(doc: dict) -> list[tuple[str, str]]:
    return [(t["text"], t["value"]) for t in doc["timexes"]]


@pytest.mark.parametrize("text, day", [
    ("Le conseil municipal vote le budget\n\nRédaction\n\n2024-03-14T09:30:00Z\n"
     "Les élus ont adopté le budget mercredi soir.", "2024-03-14"),
    ("Les pompiers maîtrisent l'incendie\n\n07.09.2023, 21:45 07.09.2023, 21:45\n\n"
     "Le feu s'est déclaré lundi dans une scierie.", "2023-09-07"),
    ("Les pompiers maîtrisent l'incendie\n\nLe feu s'est déclaré lundi dans une scierie.\n\n"
     "03/02/2021 - 08h05", "2021-02-03"),
    ("Lyon, France | AFP | vendredi 12/01/2024 - Les cheminots ont entamé une grève reconductible.",
     "2024-01-12"),
    # a page's clock glued to its date, then the weekday (3 November 2023 was a Friday)
    ("La mairie ferme deux écoles\n\n09:4503/11/2023, vendredi\n\nLe conseil a tranché hier.", "2023-11-03"),
    ("La mairie ferme deux écoles\n\n03/11/2023\n\nLe conseil a tranché hier.", "2023-11-03"),
])
def test_timestamp_lines(text, day):
    assert timestamp_line(text) == dt.date.fromisoformat(day)


@pytest.mark.parametrize("text, day", [
    # a written date alone on its line, with its clock time (24 March 2004 was a Wednesday)
    ("Les fonctionnaires en grève\n\nmercredi 24 mars 2004, 14h35\n\nLes syndicats appellent à manifester.",
     "2004-03-24"),
    ("Les fonctionnaires en grève\n\nLes syndicats appellent à manifester.\n\nLe 1er avril 2021", "2021-04-01"),
    # what pages write before their stamp, numeric or written
    ("Un nouveau pont sur la Loire\n\nPublié le 12/03/2025 à 09h40\n\nLa ministre l'a inauguré.", "2025-03-12"),
    ("Un nouveau pont sur la Loire\n\nPublié le : jeudi 13 mars 2025 à 18:02\n\nLa ministre l'a inauguré.",
     "2025-03-13"),
    ("Un nouveau pont sur la Loire\n\nMis en ligne le 13 mars 2025\n\nLa ministre l'a inauguré.", "2025-03-13"),
    # an agency dateline opening the first paragraph, the month written
    ("Les agriculteurs bloquent les routes\n\nSAINT-DENIS, mardi 6 février 2024 (AFP) - Des tracteurs "
     "ont bloqué l'autoroute.", "2024-02-06"),
    ("Les agriculteurs bloquent les routes\n\nBruxelles, 1er février 2024 - Des tracteurs ont bloqué la place.",
     "2024-02-01"),
])
def test_written_timestamp_lines_and_datelines(text, day):
    assert timestamp_line(text) == dt.date.fromisoformat(day)


@pytest.mark.parametrize("line, day", [
    # a page's stamp inside a longer top line: its update, author or reading time around it
    ("Le journal du vendredi 12 mars 2021 Publié le 12/03/2021 16:25 Mis à jour le 01/04/2021 15:52 "
     "Temps de lecture : 2 min.", "2021-03-12"),
    ("Publié le 15 janvier 2026 à 05h00, modifié le 15 janvier 2026 à 10h16Jeanne Martin", "2026-01-15"),
    ("Publié le 12 février 2026 à 14h30Paul Durand", "2026-02-12"),
])
def test_a_published_stamp_inside_a_top_line(line, day):
    assert timestamp_line(f"Les élus votent le budget\n\n{line}\n\nLe conseil a voté.") == dt.date.fromisoformat(day)


@pytest.mark.parametrize("line", [
    "Le rapport publié le 3 mars 2024 par la Cour des comptes a été discuté.",  # another document's
    "Publié le lundi 12 février 2026",  # 12 February 2026 was a Thursday
])
def test_a_sentence_telling_a_publication_or_a_stamp_whose_weekday_disagrees_is_no_stamp(line):
    assert timestamp_line(f"Les élus votent le budget\n\n{line}\n\nLe conseil a voté.") is None


@pytest.mark.parametrize("line", [
    "lundi 24 mars 2004, 14h35",  # a Wednesday: a weekday that disagrees is no stamp
    "Mis à jour le 25 mars 2004 à 10h00",  # an update is a later day than the publication
    "Les élus ont voté le budget le 24 mars 2004.",  # a sentence, not a stamp
    "Le 24 mars 2004, les élus ont voté le budget.",
    "Lyon, lundi 6 février 2024 - Les tracteurs avancent.",  # 6 February 2024 was a Tuesday
])
def test_written_dates_that_are_not_the_publication_stamp(line):
    assert timestamp_line(f"Les fonctionnaires en grève\n\n{line}\n\nLes syndicats appellent à manifester.") is None


@pytest.mark.parametrize("line", [
    "09:4503/11/2023, lundi",  # 3 November 2023 was a Friday
    "03/11/2023, les cheminots votent la grève",  # a sentence, not a stamp
])
def test_date_line_weekday_must_agree_and_nothing_else_on_the_line(line):
    assert timestamp_line(f"La mairie ferme deux écoles\n\n{line}\n\nLe conseil a tranché hier.") is None


def test_dateline_weekday_must_agree():
    # 12 January 2024 was a Friday, not a Monday
    assert timestamp_line("Lyon, France | AFP | lundi 12/01/2024 - Les cheminots sont en grève.") is None


@pytest.mark.parametrize("text, day", [
    ("La ministre a inauguré aujourd'hui samedi 2 mars 2024 le nouveau pont sur la Loire. "
     "Les travaux avaient duré trois ans.", "2024-03-02"),
    ("Réunis à Genève ce lundi 1er juillet 2019, les négociateurs ont trouvé un accord.", "2019-07-01"),
    ("Un accord commercial.\nLes négociateurs annoncent ce mercredi 5 juin 2024 la fin des discussions.",
     "2024-06-05"),
])
def test_lead_sentence_dates_the_reporting_day(text, day):
    assert lead_day(text) == dt.date.fromisoformat(day)


def test_lead_weekday_must_agree_with_the_date():
    assert lead_day("Les négociateurs se sont réunis ce mardi 5 juin 2024 à Genève.") is None


@pytest.mark.parametrize("text, day", [
    ("Les députés ont fait tomber le gouvernement ce 4 décembre 2024, une première depuis 1962.",
     "2024-12-04"),
    ("Ce 1er mars 2025, les agriculteurs bloquent les accès à la capitale.", "2025-03-01"),
])
def test_lead_demonstrative_date_without_weekday_is_the_reporting_day(text, day):
    assert lead_day(text) == dt.date.fromisoformat(day)


@pytest.mark.parametrize("text", [
    # no demonstrative: a date the story tells, not the day of the writing
    "Les députés ont fait tomber le gouvernement le 4 décembre 2024, une première depuis 1962.",
    # a preposition before "ce" points back to a past day
    "Rien n'a changé depuis ce 4 décembre 2024 où le gouvernement est tombé.",
    # a demonstrative date deep in the body
    "Un an a passé. Les députés en parlent encore. Le gouvernement était tombé ce 4 décembre 2024.",
    # "aujourd'hui" still needs its weekday
    "Le nouveau ministre est arrivé aujourd'hui 5 juin 2024 à Matignon.",
])
def test_lead_date_without_weekday_needs_a_demonstrative_in_the_lead(text):
    assert lead_day(text) is None


def test_a_past_date_deep_in_the_body_is_not_the_publication_day():
    text = ("Les sanctions prises par l'Union européenne restent en vigueur. Les diplomates attendent "
            "une réponse de Moscou. Le conseil se réunira prochainement. Depuis le 24 février 2022, "
            "date du début de l'invasion, les Vingt-Sept ont adopté plusieurs trains de mesures.")
    assert text_publication_day(text) is None
    # not in a lead sentence either, even with "ce" and a weekday
    text2 = ("Les sanctions restent en vigueur. Les diplomates attendent une réponse. "
             "L'offensive avait commencé ce jeudi 24 février 2022 à l'aube.")
    assert text_publication_day(text2) is None


def test_store_step_dates_undated_article_and_reanalyses(store_with, nlp):
    text = ("Le préfet annonce ce mercredi 5 juin 2024 la réouverture de la route. "
            "L'éboulement s'était produit hier matin.")
    store = store_with((text, None))
    found = infer_publication_dates(store, nlp=nlp)
    assert found == {"d0": "2024-06-05"}
    d = store.document("d0")
    assert d is not None
    assert d["published"] == {"value": "2024-06-05", "origin": "text"}
    assert ("hier matin", "2024-06-04TMO") in _values(d)


def test_store_step_refines_a_month_within_it(store_with, nlp):
    text = "Lyon, France | AFP | vendredi 12/01/2024 - Les cheminots ont entamé mercredi une grève."
    store = store_with((text, "2024-01"))
    assert infer_publication_dates(store, nlp=nlp) == {"d0": "2024-01-12"}
    d = store.document("d0")
    assert d is not None
    assert d["published"] == {"value": "2024-01-12", "origin": "text"}
    assert ("mercredi", "2024-01-10") in _values(d)


def test_store_step_never_contradicts_metadata(store_with, nlp):
    text = "Lyon, France | AFP | vendredi 12/01/2024 - Les cheminots ont entamé une grève."
    # a day-precise metadata date is kept; a month that does not contain the day is kept too
    store = store_with((text, "2024-01-13"), (text + " ", "2024-02"))
    assert infer_publication_dates(store, nlp=nlp) == {}
    assert store.document("d0")["published"] == {"value": "2024-01-13", "origin": "metadata"}
    assert store.document("d1")["published"] == {"value": "2024-02", "origin": "metadata"}



def test_lead_without_year_is_not_taken_in_a_month_dated_article(store_with, nlp):
    # "ce samedi 16 novembre" may be a coming day of the week of the writing, not the writing day
    text = "Le comité directeur du club se réunit ce samedi 16 novembre à Rennes pour élire son président."
    assert lead_day(text) is None
    store = store_with((text, "2024-11"))
    assert infer_publication_dates(store, nlp=nlp) == {}
