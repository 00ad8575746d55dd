"""Corpus merging: one event per real-world event, with every article that reports it."""

from __future__ import annotations

import datetime as dt
import random

from veille.events.merge import MentionRow, merge_events, merge_rows
from veille.model import Document, Entity, EventMention, Published, Trigger
from veille.store import Store

A, B, C = "ent:anne-morel", "ent:paul-girard", "ent:luc-faure"
OSLO, ROME = "ent:oslo", "ent:rome"
NAMES = {A: "Anne Morel", B: "Paul Girard", C: "Luc Faure", OSLO: "Oslo", ROME: "Rome"}


def row(doc: str, mid: str, date: str | None, parts: list[str], type: str = "CONSULT", mode: str | None = None,
        status: str = "occurred", place: str | None = None, published: str | None = "2025-05-20",
        seq: int = 0) -> MentionRow:
    return MentionRow(doc, mid, type, mode, date, status, place, parts, published, seq)


def groups(rows: list[MentionRow]) -> list[set[tuple[str, str]]]:
    return sorted(({m.key for m in c.members} for c in merge_rows(rows).clusters), key=sorted)


def test_merge_same_day_reports_from_two_articles_are_one_event():
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d2", "e4", "2025-05-12", [B, A])]
    assert groups(rows) == [{("d1", "e1"), ("d2", "e4")}]


def test_merge_month_contains_day():
    rows = [row("d1", "e1", "2025-05-12", [A, B], mode="phone"), row("d2", "e1", "2025-05", [A, B])]
    assert len(groups(rows)) == 1


def test_merge_different_days_stay_apart():
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d2", "e1", "2025-05-19", [A, B])]
    assert len(groups(rows)) == 2


def test_merge_next_day_report_of_the_same_pair_joins():
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d2", "e1", "2025-05-13", [A, B])]
    assert len(groups(rows)) == 1


def test_merge_phone_call_and_meeting_same_day_stay_apart():
    rows = [row("d1", "e1", "2025-05-12", [A, B], mode="phone"),
            row("d1", "e2", "2025-05-12", [A, C], mode="multilateral"),
            row("d2", "e1", "2025-05-12", [A, B, C], mode="multilateral")]
    got = groups(rows)
    assert {("d1", "e1")} in got
    assert {("d1", "e2"), ("d2", "e1")} in got


def test_merge_conflicting_bilateral_partners_stay_apart():
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d2", "e1", "2025-05-12", [A, C])]
    assert len(groups(rows)) == 2


def test_merge_other_type_never_merges():
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d2", "e1", "2025-05-12", [A, B], type="AGREE")]
    assert len(groups(rows)) == 2


def test_merge_undated_mention_joins_its_own_article_event():
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d1", "e5", None, [A, B])]
    assert len(groups(rows)) == 1


def test_merge_undated_mentions_of_two_articles_without_place_stay_apart():
    rows = [row("d1", "e1", None, [A, B]), row("d2", "e1", None, [A, B])]
    assert len(groups(rows)) == 2


def test_merge_undated_mention_at_the_same_place_joins_the_dated_event():
    rows = [row("d1", "e1", "2025-05-12", [A, B], place=OSLO), row("d2", "e1", None, [A, B], place=OSLO)]
    assert len(groups(rows)) == 1


def test_merge_planned_and_past_events_of_one_article_stay_apart():
    rows = [row("d1", "e1", "2018-07", [A, B], place=OSLO), row("d1", "e2", None, [A, B], status="planned")]
    assert len(groups(rows)) == 2


def test_merge_year_alone_does_not_tie_two_articles():
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d2", "e1", "2025", [A, B])]
    assert len(groups(rows)) == 2


def _doc(doc_id: str, published: str, mentions: list[EventMention]) -> Document:
    entities = {k: Entity(k, v, "LOC" if k in (OSLO, ROME) else "PER") for k, v in NAMES.items()}  # type: ignore[arg-type]
    return Document(id=doc_id, source=f"{doc_id}.txt", text=f"texte {doc_id}", published=Published(published, "metadata"),
                    event_mentions=mentions, entities=entities)


def _em(mid: str, date: str | None, parts: list[str], status: str = "occurred", place: str | None = None,
        mode: str | None = None) -> EventMention:
    return EventMention(mid, "CONSULT", mode, Trigger(0, 5, "texte"), parts, place, None, status, date=date)  # type: ignore[arg-type]


def test_merge_events_writes_one_event_with_all_sources_and_a_french_summary():
    with Store(":memory:") as store:
        store.add_document(_doc("d1", "2025-05-10", [_em("e1", "2025-05-12", [A, B], status="planned", place=OSLO)]))
        store.add_document(_doc("d2", "2025-05-13", [_em("e1", "2025-05-12", [A, B], place=OSLO)]))
        merge_events(store)
        events = store.events()
    assert len(events) == 1
    ev = events[0]
    assert {s["document"] for s in ev["sources"]} == {"d1", "d2"}
    assert ev["status"] == "occurred"  # the later report says it happened
    assert ev["date"] == "2025-05-12" and ev["place"] == OSLO
    assert ev["summary"].startswith("Rencontre entre Anne Morel et Paul Girard")
    assert "12 mai 2025" in ev["summary"]


def test_merge_events_ids_are_deterministic():
    def run() -> list[str]:
        with Store(":memory:") as store:
            store.add_document(_doc("d2", "2025-05-13", [_em("e1", "2025-05-12", [A, B])]))
            store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-12", [A, B])]))
            merge_events(store)
            return [e["id"] for e in store.events()]

    first = run()
    assert first == run() and first[0].startswith("ev")


def test_merge_events_incremental_new_report_joins_existing_event():
    with Store(":memory:") as store:
        store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-12", [A, B]), _em("e2", "2025-05-14", [A, C])]))
        merge_events(store)
        before = {e["date"]: e["id"] for e in store.events()}
        store.add_document(_doc("d3", "2025-05-15", [_em("e1", "2025-05-12", [B, A])]))
        merge_events(store)
        after = store.events()
        assert len(after) == 2
        joined = next(e for e in after if e["date"] == "2025-05-12")
        assert {s["document"] for s in joined["sources"]} == {"d1", "d3"}
        assert joined["id"] == before["2025-05-12"]
        # every mention points at its event
        em = store.document("d3")["event_mentions"][0]
        assert em["event"] == joined["id"]


START = dt.date(2020, 1, 1)


def _synthetic(n_docs: int, seed: int = 7) -> list[MentionRow]:
    """Articles reporting events of a fixed-size world spread over time: the corpus grows in time."""
    rnd = random.Random(seed)
    rows = []
    for d in range(n_docs):
        day = d // 20  # twenty articles a day
        for k in range(3):
            actors = rnd.sample(range(40), 2)
            date = (START + dt.timedelta(days=day)).isoformat() if rnd.random() < 0.7 else None
            rows.append(row(f"d{d}", f"e{k + 1}", date, [f"Q{a}" for a in actors], seq=d))
    return rows


def test_merge_work_grows_linearly_with_the_corpus():
    """Blocking: ten times more articles cost well under fifteen times more comparisons."""
    small = merge_rows(_synthetic(1000)).comparisons
    large = merge_rows(_synthetic(10000)).comparisons
    assert small > 0
    assert large < 15 * small


def test_merge_undated_single_actor_mention_stays_out_of_a_dated_event():
    rows = [row("d1", "e1", "2025-05-12", [A, B]), row("d1", "e9", None, [B])]
    assert len(groups(rows)) == 2
