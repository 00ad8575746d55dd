"""Merging rules beyond the same day: multi-day summits, undated announcements, one article."""

from __future__ import annotations

from tests.events.test_merge import OSLO, A, B, C, row
from veille.events.merge import MentionRow, merge_rows

ALLIANCE = "ent:alliance-du-nord"
TYPES = {A: "PER", B: "PER", C: "PER", ALLIANCE: "ORG"}


def groups(rows: list[MentionRow], types: dict[str, str] | None = None) -> list[set[tuple[str, str]]]:
    return sorted(({m.key for m in c.members} for c in merge_rows(rows, types).clusters), key=sorted)


def test_merge_summit_of_an_organisation_told_on_its_two_days_is_one_event():
    # « Anne Morel est arrivée mardi au sommet de l'Alliance » / « le sommet de l'Alliance s'est achevé mercredi »
    rows = [row("d1", "e1", "2025-06-24", [ALLIANCE, A]), row("d2", "e1", "2025-06-25", [ALLIANCE])]
    assert len(groups(rows, TYPES)) == 1
    assert len(groups(rows)) == 2  # types unknown: a participant may be a person, no widening


def test_merge_one_person_one_day_apart_from_a_meeting_stays_apart():
    # « Anne Morel a rencontré lundi Paul Girard » / « Anne Morel a reçu mardi une délégation »
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d2", "e1", "2025-05-13", [A])]
    assert len(groups(rows, TYPES)) == 2


def test_merge_undated_announcement_joins_the_meeting_reported_later():
    # published 14 May: « Anne Morel doit être reçue par Paul Girard » (no date); another article
    # says the meeting took place on 14 May
    rows = [row("d1", "e1", None, [A, B], status="planned", published="2025-05-14"),
            row("d2", "e1", "2025-05-14", [B, A], published="2025-05-15")]
    assert len(groups(rows, TYPES)) == 1


def test_merge_undated_report_far_from_the_meeting_day_stays_apart():
    planned_long_before = [row("d1", "e1", None, [A, B], status="planned", published="2025-03-01"),
                           row("d2", "e1", "2025-05-14", [A, B], published="2025-05-15")]
    told_long_after = [row("d1", "e1", None, [A, B], published="2025-06-20"),
                       row("d2", "e1", "2025-05-14", [A, B], published="2025-05-15")]
    assert len(groups(planned_long_before, TYPES)) == 2
    assert len(groups(told_long_after, TYPES)) == 2


def test_merge_undated_report_of_other_actors_stays_apart():
    rows = [row("d1", "e1", None, [A, B, C], published="2025-05-15"),
            row("d2", "e1", "2025-05-14", [A, B], published="2025-05-15")]
    assert len(groups(rows, TYPES)) == 2


def test_merge_undated_mention_of_the_same_lone_actor_joins_its_article_event():
    # « le sommet de l'Alliance mercredi » ... « à l'issue de la réunion de l'Alliance »
    rows = [row("d1", "e1", "2025-06-25", [ALLIANCE]), row("d1", "e5", None, [ALLIANCE])]
    assert len(groups(rows, TYPES)) == 1


def test_merge_lone_actor_report_waits_for_every_event_of_its_day():
    # « Anne Morel s'est rendue jeudi à Oslo » (d2) is placed after the two meetings of that day,
    # and joins the visit, not the first meeting met in corpus order
    rows = [row("d1", "e1", "2025-05-15", [A, C], seq=1),
            row("d2", "e1", "2025-05-15", [A], mode="visit", seq=2),
            row("d3", "e1", "2025-05-15", [A, B], mode="visit", seq=3)]
    assert groups(rows, TYPES) == [{("d1", "e1")}, {("d2", "e1"), ("d3", "e1")}]


NORDLAND, SUDLAND = "ent:nordland", "ent:sudland"
COUNTRIES = {A: NORDLAND, B: SUDLAND}
GEO = TYPES | {NORDLAND: "GPE", SUDLAND: "GPE"}


def test_merge_summit_named_by_its_country_joins_the_leaders_meeting_that_day():
    # « le sommet organisé jeudi par le Nordland » / « Anne Morel (Nordland) a reçu jeudi Paul Girard »
    rows = [row("d1", "e1", "2025-07-10", [NORDLAND]), row("d2", "e1", "2025-07-10", [A, B])]
    assert len(merge_rows(rows, GEO, COUNTRIES).clusters) == 1
    assert len(merge_rows(rows, GEO).clusters) == 2  # without affiliations: nothing in common


def test_merge_country_and_leaders_of_other_days_or_countries_stay_apart():
    other_day = [row("d1", "e1", "2025-07-09", [NORDLAND]), row("d2", "e1", "2025-07-10", [A, B])]
    other_country = [row("d1", "e1", "2025-07-10", [NORDLAND]), row("d2", "e1", "2025-07-10", [B, C])]
    assert len(merge_rows(other_day, GEO, COUNTRIES).clusters) == 2
    assert len(merge_rows(other_country, GEO, COUNTRIES).clusters) == 2


def test_merge_affiliations_come_from_the_knowledge_base():
    from veille.actors.kb import load_kb
    from veille.events.merge import affiliations

    kb = load_kb(strict=False)
    person = next(e.id for e in kb.entries.values() if e.type == "PER" and kb.country_of(e.id) and not e.roles)
    country = next(e.id for e in kb.entries.values() if e.demonyms)
    got = affiliations([person, country, "ent:inconnu"])
    assert got == {person: kb.country_of(person)}


def test_merge_affiliations_follow_the_office_held_now():
    from veille.actors.kb import load_kb
    from veille.events.merge import affiliations

    kb = load_kb(strict=False)
    # a head of state in office acts for the country they lead
    head = next(e for e in kb.entries.values() if e.type == "PER" and any(
        r.role == "head_of_state" and r.end is None and kb.country_of(r.of) == r.of for r in e.roles))
    led = next(r.of for r in head.roles if r.role == "head_of_state" and r.end is None)
    # the head of an organisation acts for it, not for the country they come from
    chief = next(e for e in kb.entries.values() if e.type == "PER" and kb.country_of(e.id) and e.roles
                 and all(r.end is not None or kb.country_of(r.of) != r.of for r in e.roles)
                 and any(r.role == "leader" and r.end is None for r in e.roles))
    got = affiliations([head.id, chief.id])
    assert got.get(head.id) == led
    assert chief.id not in got


def test_merge_mention_without_participant_joins_its_sentence_neighbour():
    # « Le Nordland et le Sudland doivent signer vendredi un accord de paix » : 'signer' names the
    # parties, 'accord' none; a later 'accord' of another date stays apart
    rows = [row("d1", "e1", "2025-06-27", [NORDLAND, SUDLAND], type="AGREE", status="planned"),
            row("d1", "e2", "2025-06-27", [], type="AGREE", status="planned"),
            row("d1", "e9", "2025-04-25", [], type="AGREE")]
    assert groups(rows, GEO) == [{("d1", "e1"), ("d1", "e2")}, {("d1", "e9")}]


def test_merge_mention_without_participant_far_in_the_article_stays_apart():
    rows = [row("d1", "e1", "2025-06-27", [NORDLAND, SUDLAND], type="AGREE"),
            row("d1", "e7", "2025-06-27", [], type="AGREE")]
    assert len(groups(rows, GEO)) == 2


def test_merge_article_of_the_summit_day_tells_it_under_way_and_to_come():
    # published on 24 June: « à son arrivée mardi au sommet de l'Alliance à Oslo » (occurred, dated)
    # and « les pays membres vont confirmer lors de ce sommet... » (planned, undated, same place)
    day = [row("d1", "e1", "2025-06-24", [ALLIANCE], place=OSLO, published="2025-06-24"),
           row("d1", "e4", None, [ALLIANCE], status="planned", place=OSLO, published="2025-06-24")]
    assert len(groups(day, TYPES)) == 1
    # the day before, a past meeting and a planned one of the same article stay apart
    before = [row("d1", "e1", "2025-06-24", [ALLIANCE], place=OSLO, published="2025-06-25"),
              row("d1", "e4", None, [ALLIANCE], status="planned", place=OSLO, published="2025-06-25")]
    assert len(groups(before, TYPES)) == 2


def test_merge_summit_of_two_days_is_under_way_on_either_of_them():
    # published on 24 June: « arrivé mardi au sommet de l'Alliance à Oslo »; another article tells
    # its second day (25 June); « les pays membres vont confirmer lors de ce sommet... » (planned,
    # undated, at Oslo) in the article of the first day joins it
    rows = [row("d2", "e1", "2025-06-25", [ALLIANCE, A], place=OSLO, published="2025-06-25"),
            row("d1", "e1", "2025-06-24", [ALLIANCE], place=OSLO, published="2025-06-24"),
            row("d1", "e4", None, [ALLIANCE], status="planned", place=OSLO, published="2025-06-24")]
    assert len(groups(rows, TYPES)) == 1
