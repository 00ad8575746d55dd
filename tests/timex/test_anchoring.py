"""Which day a relative expression counts from: the publication date, the day the story is at,
or a date the text gives elsewhere; and which way a bare weekday points."""

from __future__ import annotations

import pytest


def values(doc):
    return [(t.text, t.value) for t in doc.timexes]


@pytest.mark.parametrize("text,published,span,value", [
    # "dès" points ahead, unless the clause is in the past
    ("Les contrôles aux frontières reprendront dès lundi matin.", "2025-08-20", "lundi matin", "2025-08-25TMO"),
    ("Des milliers d'habitants étaient descendus dans les rues dès mardi soir pour fêter la victoire.",
     "2025-08-20", "mardi soir", "2025-08-19TEV"),
])
def test_anchoring_des_weekday_follows_a_past_clause(analyze_text, text, published, span, value):
    assert (span, value) in values(analyze_text(text, published=published))


@pytest.mark.parametrize("text,published,span,value", [
    # ahead of the writing, after a paragraph on the day before: from the writing
    ("Le ministre est arrivé lundi à Dakar. Il doit s'envoler dans l'après-midi pour Abidjan.",
     "2025-08-19", "dans l'après-midi", "2025-08-19TAF"),
    ("Le sommet s'est ouvert samedi à Rome. Le président brésilien est attendu dans la soirée.",
     "2025-08-17", "dans la soirée", "2025-08-17TEV"),
    # a future seen from a past day stays on that day
    ("Le 3 mai, le ministre devait s'envoler dans l'après-midi pour Abidjan.",
     "2025-08-19", "dans l'après-midi", "2025-05-03TAF"),
    # "doit être signé": a passive infinitive after a verb of the present points ahead
    ("Un accord de paix doit être signé vendredi à Genève.", "2025-08-19", "vendredi", "2025-08-22"),
    ("Le traité a pu être signé vendredi à Genève.", "2025-08-19", "vendredi", "2025-08-15"),
])
def test_anchoring_future_clause_counts_from_the_writing(analyze_text, text, published, span, value):
    assert (span, value) in values(analyze_text(text, published=published))


@pytest.mark.parametrize("text,published,value", [
    # the clause gives its own day: "au lendemain de" an undated event is that day
    ("Les ministres se sont réunis ce lundi à Bruxelles, au lendemain d'une attaque contre un "
     "convoi humanitaire.", "2025-08-18", "2025-08-18"),
    # said in the present: the day of the writing
    ("Cette décision intervient au lendemain d'un appel entre les deux présidents.", "2025-08-19",
     "2025-08-19"),
    # no day told before: the day of the writing, not the day after it
    ("Au lendemain de l'attaque, le gouvernement a annoncé un renforcement de la sécurité.",
     "2025-08-19", "2025-08-19"),
    # the event it follows is the step of the story before: the day after it
    ("Le 3 mai, les syndicats ont manifesté à Lyon. Au lendemain de la manifestation, le "
     "gouvernement a cédé.", "2025-08-19", "2025-05-04"),
])
def test_anchoring_au_lendemain_of_an_undated_event(analyze_text, text, published, value):
    found = [t.value for t in analyze_text(text, published=published).timexes if "lendemain" in t.text.lower()]
    assert found == [value]


def test_anchoring_eve_of_an_event_dated_by_a_weekday(analyze_text):
    text = ("La veille des obsèques, le cardinal avait reçu le préfet à l'archevêché. Des milliers de "
            "fidèles ont assisté samedi aux obsèques de l'évêque.")
    assert ("La veille", "2025-08-15") in values(analyze_text(text, published="2025-08-18"))


def test_anchoring_small_hours_of_a_night_are_the_next_day(analyze_text):
    text = ("Le président a pris la parole dans la nuit de samedi à dimanche. Il s'exprimait peu "
            "après 1h du matin devant les journalistes.")
    assert ("1h du matin", "2025-08-17T01:00") in values(analyze_text(text, published="2025-08-18"))


def test_anchoring_date_in_an_aside_does_not_move_the_story(analyze_text):
    text = "Le nouveau maire, élu le 8 mai, avait reçu la veille les syndicats de la ville."
    assert ("la veille", "2025-05-19") in values(analyze_text(text, published="2025-05-20"))


def test_anchoring_count_of_days_in_an_article_dated_to_a_month(analyze_text):
    text = ("Le ministre a démissionné mercredi 25 juin 2025. Il avait été désavoué il y a huit jours "
            "par le président.")
    assert ("il y a huit jours", "2025-06-17") in values(analyze_text(text, published="2025-06"))


@pytest.mark.parametrize("text,span,value", [
    ("Paris | jeudi 03/10/2024 - Le conseil municipal a voté le budget.", "jeudi 03/10/2024", "2024-10-03"),
    ("En 2009, le chômage a bondi de deux points.", "En 2009", "2009"),
    # the word before "en" does not veto the year ("8 " before a number would)
    ("La Russie a été exclue du G8 en 2014 après l'annexion de la Crimée.", "en 2014", "2014"),
])
def test_anchoring_spans_of_dates(analyze_text, text, span, value):
    assert (span, value) in values(analyze_text(text))


def test_anchoring_le_lendemain_stays_anaphoric_in_a_clause_about_the_future(analyze_text):
    text = ("Le sommet s'est ouvert lundi à Rome. Les ministres doivent signer le lendemain la "
            "déclaration finale.")
    assert ("le lendemain", "2025-08-19") in values(analyze_text(text, published="2025-08-20"))


@pytest.mark.parametrize("text,span,value", [
    # same weekday as the told day: that day
    ("Le 11 mars, les deux délégations se sont retrouvées à Djeddah. Mardi, elles ont signé un "
     "communiqué commun.", "Mardi", "2025-03-11"),
    # the nearest one to the told day, after it or before it
    ("Le 11 mars, les deux délégations se sont retrouvées à Djeddah. Mercredi matin, le Kremlin a "
     "répondu attendre des précisions.", "Mercredi matin", "2025-03-12TMO"),
    ("Le 11 mars, les délégations se sont retrouvées à Djeddah. Samedi, le ministre avait déjà "
     "évoqué une trêve.", "Samedi", "2025-03-08"),
    # a clause about the future: the next one on or after the told day
    ("Le 11 mars, les délégations se sont retrouvées à Djeddah. Le ministre se rendra samedi à Moscou.",
     "samedi", "2025-03-15"),
    # a later flashback to an earlier month does not take the weekday away from the week of the
    # writing: it is placed from the last day told in the month of the article
    ("La trêve est entrée en vigueur mercredi 12 mars. L'armée avait lancé son offensive le 20 "
     "février. Mardi soir, le ministre a salué l'accord.", "Mardi soir", "2025-03-11TEV"),
])
def test_anchoring_weekday_near_a_told_day_in_a_month_dated_article(analyze_text, text, span, value):
    assert (span, value) in values(analyze_text(text, published="2025-03"))


@pytest.mark.parametrize("text,published,span,value", [
    # no day told: the month is all that is known
    ("Mercredi, le Kremlin a répondu attendre des précisions.", "2025-03", "Mercredi", "2025-03"),
    # a told day outside the month of the article does not place it
    ("Le 11 avril, les délégations se sont retrouvées. Mercredi, le Kremlin a répondu.", "2025-03",
     "Mercredi", "2025-03"),
    # a publication day keeps its own reckoning: the Wednesday before the writing
    ("Le 11 mars, les délégations se sont retrouvées à Djeddah. Mercredi, le Kremlin a répondu.",
     "2025-03-21", "Mercredi", "2025-03-19"),
])
def test_anchoring_weekday_told_day_needs_a_month_dated_article(analyze_text, text, published, span, value):
    assert (span, value) in values(analyze_text(text, published=published))


@pytest.mark.parametrize("text,span,value", [
    ("Les bureaux de vote fermeront à 20 h dans tout le pays.", "20 h", "2025-03"),
    ("Le premier ministre prendra la parole ce soir devant ses partisans.", "ce soir", "2025-03"),
    ("Le chef du parti a pris la parole vers 23 h 30 devant ses militants.", "vers 23 h 30", "2025-03"),
    ("Les premiers résultats sont tombés dans la soirée.", "dans la soirée", "2025-03"),
])
def test_anchoring_time_of_day_in_a_month_dated_article_is_the_month(analyze_text, text, span, value):
    # the day is unknown but the month is: the time of day lies in it (as a bare weekday or
    # "aujourd'hui" does); no modifier, "vers 23 h 30" does not make the month approximate
    found = {t.text: t for t in analyze_text(text, published="2025-03").timexes}
    assert (found[span].type, found[span].value, found[span].mod) == ("DATE", value, None)


@pytest.mark.parametrize("text,published,span,value", [
    # a day told in the month still places the time of day
    ("Le 11 mars, les bureaux de vote ont fermé à 20 h.", "2025-03", "20 h", "2025-03-11T20:00"),
    # with no publication date at all, only the hour is known
    ("Le premier ministre prendra la parole ce soir devant ses partisans.", None, "ce soir", "XXXX-XX-XXTEV"),
])
def test_anchoring_time_of_day_keeps_a_known_day(analyze_text, text, published, span, value):
    assert (span, value) in values(analyze_text(text, published=published))


def test_anchoring_past_time_of_day_after_the_story_came_back_to_the_writing(analyze_text):
    # an old told day, then days counted from the writing, then a new paragraph in the past:
    # the time of day is on the day of the writing
    text = ("Le 25 avril, les deux ministres s'étaient vus à Rome. Le lendemain, ils ont signé un "
            "accord. La trêve proposée par Moscou doit commencer jeudi et prendre fin samedi soir.\n\n"
            "Le président a répondu dans un message publié en fin d'après-midi.")
    assert ("fin d'après-midi", "2025-05-06TAF") in values(analyze_text(text, published="2025-05-06"))



def test_anchoring_past_time_of_day_in_the_paragraph_of_a_coming_day_stays_on_the_told_day(analyze_text):
    # no new paragraph: the past clause is still read in the last day told in the past
    text = ("Le 25 avril, les deux ministres s'étaient vus à Rome. Le lendemain, ils ont signé un "
            "accord. La trêve proposée par Moscou doit commencer jeudi et prendre fin samedi soir. "
            "Le président a répondu dans un message publié en fin d'après-midi.")
    assert ("fin d'après-midi", "2025-04-26TAF") in values(analyze_text(text, published="2025-05-06"))
