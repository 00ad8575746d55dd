"""Merging with places, weeks of publication, background years and ambiguous undated reports."""

from __future__ import annotations

from tests.events.test_merge import A, B, C, row
from veille.events.merge import MentionRow, Site, _date, merge_rows, place_sites, places_compatible

NORDLAND, BORG, VIK = "ent:nordland", "ent:borg", "ent:vik"  # a country, its capital, another city
PALACE = "ent:palais-royal"  # the seat of power of the Nordland, in its capital
SITES: dict[str, Site] = {NORDLAND: (NORDLAND, None), BORG: (NORDLAND, BORG), VIK: (NORDLAND, VIK),
                          PALACE: (NORDLAND, BORG)}
TYPES = {A: "PER", B: "PER", C: "PER"}


def groups(rows: list[MentionRow]) -> list[set[tuple[str, str]]]:
    return sorted(({m.key for m in c.members} for c in merge_rows(rows, TYPES, {}, SITES).clusters), key=sorted)


def test_merge_places_compatible_by_country_and_city():
    assert places_compatible(PALACE, BORG, SITES)  # « au palais royal » / « à Borg »
    assert places_compatible(NORDLAND, VIK, SITES)  # « au Nordland » / « à Vik »
    assert places_compatible(VIK, NORDLAND, SITES)
    assert not places_compatible(BORG, VIK, SITES)  # two cities of one country
    assert not places_compatible(PALACE, VIK, SITES)
    assert not places_compatible("ent:ailleurs", BORG, SITES)  # unknown: only equal to itself
    assert places_compatible("ent:ailleurs", "ent:ailleurs", {})


def test_merge_undated_report_at_the_seat_joins_the_meeting_in_the_capital():
    # « Anne Morel a été reçue par Paul Girard au palais royal » (undated, article of the week of
    # 21 April) / « Anne Morel s'est entretenue avec Paul Girard à Borg, le 25 avril »
    rows = [row("d1", "e1", "2025-04-25", [A, B], place=BORG, published="2025-05-06"),
            row("d2", "e6", None, [A, B], mode="visit", place=PALACE, published="2025-W17")]
    assert len(groups(rows)) == 1
    # the same report at another city of the country is another meeting
    elsewhere = [rows[0], row("d2", "e6", None, [A, B], mode="visit", place=VIK, published="2025-W17")]
    assert len(groups(elsewhere)) == 2


def test_merge_undated_report_of_a_vaguely_published_article_stays_apart():
    # known only as « published in 2025 »: too vague to tie an undated report to a day
    rows = [row("d1", "e1", "2025-04-25", [A, B], published="2025-04-26"),
            row("d2", "e6", None, [A, B], published="2025")]
    assert len(groups(rows)) == 2
    # « published in April »: the one meeting of the pair that April (or the week before), when
    # it is the only one (see test_merge_grains.py)
    rows[1] = row("d2", "e6", None, [A, B], published="2025-04")
    assert len(groups(rows)) == 1


def test_merge_two_stops_of_a_trip_on_one_day_stay_apart():
    # « Anne Morel se rendra mercredi à Borg, où elle sera reçue par Paul Girard, puis à Vik
    # pour y rencontrer Luc Faure »
    rows = [row("d1", "e3", "2025-05-07", [A, B], mode="visit", place=BORG, status="planned"),
            row("d1", "e4", "2025-05-07", [A, C], place=VIK, status="planned")]
    assert len(groups(rows)) == 2
    # the same meeting told in two articles with two place names of one city is one event
    same = [row("d1", "e3", "2025-05-07", [A, B], place=BORG), row("d2", "e1", "2025-05-07", [A, B], place=PALACE)]
    assert len(groups(same)) == 1


def test_merge_background_year_does_not_gather_the_article_undated_mentions():
    # « En 2018, lors du sommet de Vik, Anne Morel ... » / « Paul Girard espère rencontrer Anne
    # Morel » (undated): the hope is not the 2018 summit
    rows = [row("d1", "e13", "2018", [A], place=VIK), row("d1", "e10", None, [A, B])]
    assert len(groups(rows)) == 2
    # the very same actors, told again without a date in the article, stay one event
    again = [row("d1", "e13", "2018", [A, B], place=VIK), row("d1", "e14", None, [A, B])]
    assert len(groups(again)) == 1


def test_merge_undated_report_between_two_calls_joins_neither():
    # two calls between the same leaders a week apart; an article of that week says only « les
    # deux dirigeants se sont parlé au téléphone »: it cannot tell which
    rows = [row("d1", "e1", "2025-05-12", [A, B], mode="phone", published="2025-05-12"),
            row("d2", "e1", "2025-05-19", [A, B], mode="phone", published="2025-05-19"),
            row("d3", "e1", None, [A, B], mode="phone", published="2025-05-19")]
    assert groups(rows) == [{("d1", "e1")}, {("d2", "e1")}, {("d3", "e1")}]
    # with a single call in reach, it joins it
    assert len(groups(rows[1:])) == 1


def test_merge_headline_of_the_next_day_joins_its_sentence_neighbour():
    # headline « Borg et Vik signent un accord » (no participant found, dated the day of
    # publication) over « les deux pays ont signé vendredi un accord »
    rows = [row("d1", "e1", "2025-06-28", [], type="AGREE", published="2025-06-28"),
            row("d1", "e2", "2025-06-27", [A, B], type="AGREE", published="2025-06-28")]
    merger = merge_rows(rows, TYPES, {}, SITES)
    assert len(merger.clusters) == 1
    assert merger.clusters[0].date == "2025-06-27"  # the report naming the parties dates it
    # two days apart: another agreement
    far = [row("d1", "e1", "2025-06-29", [], type="AGREE"), rows[1]]
    assert len(groups(far)) == 2


def test_merge_place_sites_come_from_the_knowledge_base():
    from veille.actors.kb import load_kb

    kb = load_kb(strict=False)
    seat = next(e for e in kb.entries.values() if e.seat_of and e.seat_of[0] == "head_of_state"
                and kb.entries.get(e.seat_of[1]) is not None and kb.entries[e.seat_of[1]].capital)
    country = seat.seat_of[1] if seat.seat_of else ""
    capital = kb.entries[country].capital or ""
    got = place_sites([seat.id, capital, country, "ent:inconnu"])
    assert got[seat.id] == (country, capital)
    assert got[capital] == (country, capital)
    assert got[country] == (country, None)
    assert "ent:inconnu" not in got
    assert places_compatible(seat.id, capital, got) and places_compatible(seat.id, country, got)


def test_merge_proposal_told_as_past_is_dated_by_the_proposing():
    # published Monday 12 May: « Anne Morel a proposé samedi des pourparlers avec Paul Girard à
    # Borg »: the date is the proposal's, not the talks'
    told = row("d1", "e1", "2025-05-10", [A, B], status="proposed", place=BORG, published="2025-05-12")
    assert told.date is None and told.told == "2025-05-10"
    # a plan dated after its publication keeps its date
    ahead = row("d1", "e1", "2025-05-16", [A, B], status="planned", published="2025-05-12")
    assert ahead.date == "2025-05-16" and ahead.told is None
    # alone, the event is dated by the proposal
    alone = merge_rows([told], TYPES, {}, SITES)
    assert _date(alone.clusters[0]) == "2025-05-10"


def test_merge_proposal_joins_the_talks_held_after_it_not_a_later_round():
    # the talks proposed on 10 May (article of 12 May) were held at Borg on 16 May; a second round
    # there on 2 June is another event
    rows = [row("d1", "e1", "2025-05-10", [A, B], status="proposed", place=BORG, published="2025-05-12"),
            row("d2", "e2", "2025-05-16", [A, B], place=BORG, published="2025-05-16"),
            row("d3", "e2", "2025-06-02", [A, B], place=BORG, published="2025-06-02")]
    assert groups(rows) == [{("d1", "e1"), ("d2", "e2")}, {("d3", "e2")}]
    # a past meeting does not join a plan announced after it
    late = [row("d1", "e1", None, [A, B], place=BORG, published="2025-05-12"),
            row("d2", "e2", "2025-05-20", [A, B], status="planned", place=BORG, published="2025-05-14")]
    assert len(groups(late)) == 2


def test_merge_meeting_of_two_joins_a_summit_only_when_both_attend():
    # « le sommet réunit Anne Morel, Paul Girard et Luc Faure jeudi » (multilateral)
    summit = row("d1", "e1", "2025-06-26", [A, B, C], mode="multilateral")
    both_there = row("d2", "e1", "2025-06-26", [A, B])
    other = row("d3", "e1", "2025-06", [A, "ent:eva-lind"])  # Anne Morel and someone not at the summit
    assert len(groups([summit, both_there])) == 1
    assert len(groups([summit, other])) == 2
    # two reports of the summit, each naming some of those there
    part = row("d4", "e1", "2025-06-26", [A, C, "ent:eva-lind"], mode="multilateral")
    assert len(groups([summit, part])) == 1


def test_merge_incremental_proposal_and_talks_held_after_it_in_either_order():
    from tests.events.test_merge import OSLO, _doc, _em
    from veille.events.merge import merge_events
    from veille.store import Store

    proposal = _doc("d1", "2025-05-12", [_em("e1", "2025-05-10", [A, B], status="proposed", place=OSLO)])
    held = _doc("d2", "2025-05-16", [_em("e1", "2025-05-16", [A, B], place=OSLO)])
    for first, second in ((proposal, held), (held, proposal)):
        with Store(":memory:") as store:
            store.add_document(first)
            merge_events(store)
            store.add_document(second)
            merge_events(store, new_ids=[second.id])
            events = store.events()
            assert len(events) == 1, (first.id, events)
            assert events[0]["date"] == "2025-05-16" and events[0]["status"] == "occurred"


def test_merge_city_named_among_the_parties_of_a_meeting_is_its_place():
    # « Anne Morel et Paul Girard à Vik » read with Vik as a third party: Vik is where they met
    types = TYPES | {VIK: "GPE", NORDLAND: "GPE", "ent:cap-nord": "LOC"}
    meeting = row("d1", "e1", "2025-05-12", [A, VIK, B])
    merger = merge_rows([meeting, row("d2", "e1", "2025-05-12", [A, B])], types, {}, SITES)
    assert len(merger.clusters) == 1
    assert meeting.participants == [A, B] and meeting.place == VIK
    # a place unknown to the knowledge base but typed LOC, too; a country stays a party
    cape = row("d1", "e2", "2025-05-13", [A, "ent:cap-nord", NORDLAND], type="AGREE", place=BORG)
    merge_rows([cape], types, {}, SITES)
    assert cape.participants == [A, NORDLAND] and cape.place == BORG  # its own place kept
    # a strike on a city keeps the city as its target
    strike = row("d1", "e3", "2025-05-14", [NORDLAND, VIK], type="ASSAULT")
    merge_rows([strike], types, {}, SITES)
    assert strike.participants == [NORDLAND, VIK] and strike.place is None


def test_merge_place_named_as_a_party_joins_the_meeting_held_there():
    # « Au palais royal, Anne Morel et Paul Girard se sont parlé » (the palace read as a third
    # party, undated, no publication date) / « Anne Morel et Paul Girard au palais royal, samedi »
    types = TYPES | {PALACE: "LOC"}
    dated = row("d1", "e7", "2025-04-26", [A, B], place=PALACE)
    told = row("d2", "e1", None, [PALACE, A, B], published=None)
    assert len(merge_rows([dated, told], types, {}, SITES).clusters) == 1
    # the place set aside, other actors remain: another meeting
    other = row("d2", "e1", None, [PALACE, A, C], published=None)
    assert len(merge_rows([dated, other], types, {}, SITES).clusters) == 2


def test_merge_undated_plan_told_again_a_few_days_later_is_one_event():
    # « Anne Morel et Paul Girard doivent se parler » in two articles, one known only by its month
    rows = [row("d1", "e2", None, [A, B], status="planned", published="2025-03"),
            row("d2", "e6", None, [B, A], status="planned", published="2025-03-14")]
    assert len(groups(rows)) == 1
    # a month apart: another plan
    far = [rows[1], row("d3", "e1", None, [A, B], status="planned", published="2025-04-30")]
    assert len(groups(far)) == 2
    # things done, told undated: two calls may follow each other
    done = [row("d1", "e2", None, [A, B], published="2025-03-12"),
            row("d2", "e6", None, [A, B], published="2025-03-14")]
    assert len(groups(done)) == 2
    # other actors: apart
    other = [rows[1], row("d4", "e1", None, [A, C], status="planned", published="2025-03-14")]
    assert len(groups(other)) == 2
    # articles known by their months only, one month after the other: apart
    months = [row("d1", "e2", None, [A, B], status="planned", published="2025-03"),
              row("d5", "e1", None, [A, B], status="planned", published="2025-04")]
    assert len(groups(months)) == 2
