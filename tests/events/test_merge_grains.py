"""Merging reports dated at different grains (a month or a week, and a day inside it)."""

from __future__ import annotations

from tests.events.test_merge import OSLO, A, B, C, row
from veille.events.merge import MentionRow, Merger, merge_rows

D, E, F = "ent:marc-dubois", "ent:lea-roux", "ent:ines-vidal"
ALLIANCE = "ent:alliance-du-nord"
TYPES = {A: "PER", B: "PER", C: "PER", D: "PER", E: "PER", F: "PER", ALLIANCE: "ORG", OSLO: "GPE"}


def groups(rows: list[MentionRow]) -> list[set[tuple[str, str]]]:
    return sorted(({m.key for m in c.members} for c in merge_rows(rows, TYPES).clusters), key=sorted)


def test_merge_month_dated_call_of_two_stays_out_of_a_day_dated_call_of_six():
    # d1: « le 16 mai, Anne Morel, Paul Girard et quatre autres dirigeants se sont entretenus au
    # téléphone »; d2 (dated by its month): « avant et après cet entretien, Anne Morel a appelé
    # Paul Girard »: the month holds the day and the two are among the six, nothing more
    rows = [row("d1", "e1", "2025-05-16", [A, B, C, D, E, F], mode="phone"),
            row("d2", "e1", "2025-05", [A, B], mode="phone")]
    assert len(groups(rows)) == 2


def test_merge_month_dated_report_of_part_of_the_actors_without_a_place_stays_apart():
    # « Anne Morel a rencontré Paul Girard le 28 février » / « Anne Morel, reçue en février... »
    rows = [row("d1", "e1", "2025-02-28", [A, B]), row("d2", "e1", "2025-02", [A])]
    assert len(groups(rows)) == 2


def test_merge_month_and_day_reports_of_the_same_actors_are_one_event():
    # « Anne Morel et Paul Girard se sont rencontrés le 28 février » / « ... leur rencontre de février »
    rows = [row("d1", "e1", "2025-02-28", [A, B]), row("d2", "e1", "2025-02", [B, A])]
    assert len(groups(rows)) == 1


def test_merge_month_dated_report_at_the_same_place_joins_the_day_dated_meeting():
    # « le 28 février, Anne Morel a reçu Paul Girard à Oslo » / « Paul Girard, reçu à Oslo fin
    # février » (the month, with its place)
    rows = [row("d1", "e1", "2025-02-28", [A, B], place=OSLO), row("d2", "e1", "2025-02", [B], place=OSLO)]
    assert len(groups(rows)) == 1


def test_merge_month_dated_summit_of_an_organisation_joins_its_day():
    # « le sommet de l'Alliance, en juin » / « Anne Morel est arrivée le 24 juin au sommet de l'Alliance »
    rows = [row("d1", "e1", "2025-06-24", [ALLIANCE, A]), row("d2", "e1", "2025-06", [ALLIANCE])]
    assert len(groups(rows)) == 1


def test_merge_week_dated_report_is_held_to_the_same_evidence():
    # « la semaine du 12 mai, Anne Morel a vu Paul Girard » / the meeting of the 14th of four
    rows = [row("d1", "e1", "2025-05-14", [A, B, C, D]), row("d2", "e1", "2025-W20", [A, B])]
    assert len(groups(rows)) == 2
    same = [row("d1", "e1", "2025-05-14", [A, B]), row("d2", "e1", "2025-W20", [A, B])]
    assert len(groups(same)) == 1


def test_merge_month_and_day_in_one_article_still_merge():
    # one article: « Anne Morel, Paul Girard et Luc Faure se sont réunis le 28 février ... la
    # réunion de février entre Anne Morel et Paul Girard »: the article tells one story
    rows = [row("d1", "e1", "2025-02-28", [A, B, C]), row("d1", "e4", "2025-02", [A, B])]
    assert len(groups(rows)) == 1


def test_merge_grain_rule_holds_whichever_report_came_first():
    # incremental runs: the month-dated report may found the event before the day-dated one arrives
    merger = Merger(TYPES)
    month = merger.new_cluster(row("d2", "e1", "2025-05", [A, B], mode="phone"))
    assert not merger.compatible(month, row("d1", "e1", "2025-05-16", [A, B, C, D, E, F], mode="phone"))
    assert merger.compatible(month, row("d3", "e1", "2025-05-16", [A, B], mode="phone"))


def test_merge_one_articles_reports_of_an_organisations_meeting_that_day_are_one_event():
    # « jeudi, le sommet de l'Alliance avec la Norvège ... Anne Morel, présente jeudi au sommet de
    # l'Alliance »: each sentence names the organisation with another attendee
    norway = "ent:norvege"
    types = {**TYPES, norway: "GPE"}
    rows = [row("d1", "e1", "2025-10-09", [ALLIANCE, norway]), row("d1", "e4", "2025-10-09", [A, ALLIANCE])]
    assert len(merge_rows(rows, types).clusters) == 1
    # in two articles, or on two days, or without the organisation: nothing ties them
    apart = [row("d1", "e1", "2025-10-09", [ALLIANCE, norway]), row("d2", "e4", "2025-10-09", [A, ALLIANCE])]
    assert len(merge_rows(apart, types).clusters) == 2
    apart = [row("d1", "e1", "2025-10-09", [ALLIANCE, norway]), row("d1", "e4", "2025-10-11", [A, ALLIANCE])]
    assert len(merge_rows(apart, types).clusters) == 2
    apart = [row("d1", "e1", "2025-10-09", [B, norway]), row("d1", "e4", "2025-10-09", [A, B])]
    assert len(merge_rows(apart, types).clusters) == 2


def test_merge_tete_a_tete_on_the_sidelines_of_a_summit_stays_apart_from_it():
    # « Anne Morel, Paul Girard et Luc Faure se sont retrouvés mardi au sommet de l'Alliance » /
    # « Anne Morel a rencontré mardi Paul Girard en marge du sommet »: two events, in one article or two
    summit = row("d1", "e1", "2025-06-17", [ALLIANCE, A, B, C], mode="multilateral")
    for doc in ("d1", "d2"):
        rows = [summit, row(doc, "e5", "2025-06-17", [A, B])]
        assert len(groups(rows)) == 2
    # a meeting of the three without the organisation is still the one the pair is part of
    rows = [row("d1", "e1", "2025-06-17", [A, B, C]), row("d2", "e5", "2025-06-17", [A, B])]
    assert len(groups(rows)) == 1


def test_merge_undated_report_in_a_month_dated_article_joins_the_one_event_of_that_month():
    # d2, known by its month only: « Anne Morel et Paul Girard se sont rencontrés » (no date);
    # d1 dates their meeting to 11 March
    rows = [row("d1", "e1", "2025-03-11", [A, B], published="2025-03-12"),
            row("d2", "e1", None, [B, A], published="2025-03")]
    assert len(groups(rows)) == 1
    # two meetings of theirs that month: the report cannot tell which
    rows.append(row("d3", "e1", "2025-03-25", [A, B], published="2025-03-26"))
    assert len(groups(rows)) == 3
    # a meeting of another month, or of other actors: apart
    assert len(groups([row("d1", "e1", "2025-05-11", [A, B], published="2025-05-12"),
                       row("d2", "e1", None, [A, B], published="2025-03")])) == 2
    assert len(groups([row("d1", "e1", "2025-03-11", [A, B, C], published="2025-03-12"),
                       row("d2", "e1", None, [A, B], published="2025-03")])) == 2


def test_merge_undated_report_joins_the_event_another_article_of_its_month_dates_by_that_month():
    # two articles known by their month: « la réunion de mars entre Anne Morel et Paul Girard » /
    # « Anne Morel et Paul Girard doivent se réunir dans les jours à venir »
    rows = [row("d1", "e1", "2025-03", [A, B], published="2025-03"),
            row("d2", "e1", None, [A, B], status="planned", published="2025-03")]
    assert len(groups(rows)) == 1
    # an article dated to a day says when it was written: a month-dated event is not tied to it
    rows = [row("d1", "e1", "2025-03", [A, B], published="2025-03"),
            row("d2", "e1", None, [A, B], published="2025-03-20")]
    assert len(groups(rows)) == 2


def test_merge_summit_a_tete_a_tete_at_it_and_a_departure_from_it_stay_three_events():
    # d1 (15 June): « les dirigeants de l'Alliance se retrouvent ce dimanche à Oslo »; « Anne Morel,
    # Paul Girard et Luc Faure sont attendus au sommet »; « Marc Dubois espère rencontrer Paul Girard
    # mardi en marge du sommet ». d2 (17 June): « le sommet de l'Alliance s'est poursuivi lundi à
    # Oslo »; « Paul Girard a quitté Oslo lundi soir »; « Marc Dubois a été privé de la rencontre
    # qu'il espérait avec Paul Girard ».
    types = {**TYPES, OSLO: "LOC"}
    rows = [
        row("d1", "e1", "2025-06-15", [ALLIANCE], mode="multilateral", place=OSLO, published="2025-06-15"),
        row("d1", "e2", None, [A, B, C, ALLIANCE], mode="multilateral", place=OSLO, status="planned",
            published="2025-06-15"),
        row("d1", "e3", "2025-06-17", [D, B], status="planned", published="2025-06-15"),
        row("d2", "e1", "2025-06-16", [ALLIANCE], place=OSLO, published="2025-06-17"),
        row("d2", "e2", "2025-06-16", [B], type="RETREAT", place=OSLO, published="2025-06-17"),
        row("d2", "e3", None, [D, B], status="failed", published="2025-06-17"),
    ]
    found = sorted(sorted(m.key for m in c.members) for c in merge_rows(rows, types).clusters)
    assert found == [[("d1", "e1"), ("d1", "e2"), ("d2", "e1")],  # the summit
                     [("d1", "e3"), ("d2", "e3")],  # the tête-à-tête hoped for, then missed
                     [("d2", "e2")]]  # the departure


def test_merge_call_told_by_its_month_stays_apart_from_a_meeting_of_that_month():
    # d1 (known by its month): « Anne Morel et Paul Girard se sont entretenus au téléphone » in
    # February; d2: « leur rencontre houleuse de février » (no mode: in person, most likely)
    rows = [row("d1", "e1", "2025-02", [A, B], mode="phone", published="2025-02"),
            row("d2", "e1", "2025-02", [A, B], published="2025-04-26")]
    assert len(groups(rows)) == 2
    # two calls told by the month, or a call and a report of it on its day: one event
    calls = [row("d1", "e1", "2025-02", [A, B], mode="phone"), row("d2", "e1", "2025-02", [A, B], mode="phone")]
    assert len(groups(calls)) == 1
    day = [row("d1", "e1", "2025-02-12", [A, B], mode="phone"), row("d2", "e1", "2025-02-12", [A, B])]
    assert len(groups(day)) == 1
