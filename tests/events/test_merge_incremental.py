"""Incremental corpus merging: new articles are merged by blocks, not the whole store again."""

from __future__ import annotations

from tests.events.conftest import leaders_of_two_countries
from tests.events.test_merge import OSLO, A, B, C, _doc, _em, groups, row
from veille.events.merge import merge_events
from veille.store import Store

D, E = "ent:eva-roux", "ent:marc-petit"


def _busy_store(store: Store) -> None:
    """Forty articles over four months and five pairs of actors, merged."""
    pairs = [[A, B], [A, C], [B, C], [C, D], [D, E]]
    for n in range(40):
        month = 1 + n % 4
        day = f"2025-{month:02d}-{10 + n % 7:02d}"
        store.add_document(_doc(f"d{n:02d}", day, [_em("e1", day, pairs[n % 5])]))
    merge_events(store)


def test_merge_incremental_reads_back_only_the_events_of_the_touched_blocks():
    with Store(":memory:") as store:
        _busy_store(store)
        total = store.count_events()
        store.add_document(_doc("new1", "2025-02-14", [_em("e1", "2025-02-13", [D, E])]))
        stats = merge_events(store, new_ids=["new1"])
        assert stats.mode == "incremental" and stats.mentions == 1
        # only the events of D or E in February (or January, the day window does not reach it)
        in_block = [e for e in store.events(actor=D, since="2025-02", until="2025-02")]
        in_block += [e for e in store.events(actor=E, since="2025-02", until="2025-02")
                     if e not in in_block]
        assert 0 < stats.loaded <= len(in_block) < total
        assert stats.written == 1


def test_merge_incremental_new_report_joins_the_event_of_its_block():
    with Store(":memory:") as store:
        _busy_store(store)
        before = store.count_events()
        target = next(e for e in store.events(actor=D) if set(e["participants"]) == {D, E})
        store.add_document(_doc("new1", target["date"], [_em("e1", target["date"], [E, D])]))
        merge_events(store, new_ids=["new1"])
        assert store.count_events() == before
        joined = store.event(target["id"])
        assert joined is not None
        assert "new1" in {s["document"] for s in joined["sources"]}


def test_merge_incremental_gives_the_same_events_as_a_full_merge_here():
    def events(incremental: bool) -> list[tuple[str, ...]]:
        with Store(":memory:") as store:
            store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-12", [A, B]), _em("e2", "2025-05", [A, C])]))
            if incremental:
                merge_events(store)
            store.add_document(_doc("d2", "2025-05-20", [_em("e1", "2025-05-12", [A, B], place=OSLO),
                                                          _em("e2", "2025-05-03", [C, A])]))
            merge_events(store, new_ids=["d2"]) if incremental else merge_events(store, full=True)
            return sorted(tuple(sorted(f"{s['document']}/{s['mention']}" for s in e["sources"]))
                          for e in store.events())

    assert events(True) == events(False) == [("d1/e1", "d2/e1"), ("d1/e2", "d2/e2")]


def test_merge_nothing_new_is_an_early_exit():
    with Store(":memory:") as store:
        _busy_store(store)
        before = store.events()
        stats = merge_events(store, new_ids=[])
        assert stats.mode == "nothing new" and stats.loaded == 0 and stats.written == 0
        assert merge_events(store).mode == "nothing new"
        assert store.events() == before


def test_merge_redated_old_article_is_not_left_in_its_old_event():
    """A document analysed again (its publication date inferred later) gets fresh mentions: its
    old event must not keep listing them while a new event lists them too."""
    with Store(":memory:") as store:
        store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-12", [A, B])]))
        store.add_document(_doc("d2", "2025-05-13", [_em("e1", "2025-05-12", [A, B])]))
        merge_events(store)
        store.replace_document(_doc("d2", "2025-06-02", [_em("e1", "2025-06-01", [A, B])]))
        store.add_document(_doc("d3", "2025-06-03", [_em("e1", "2025-06-01", [B, A])]))
        stats = merge_events(store, new_ids=["d3"])
        assert stats.mode == "incremental"  # the old event is rewritten, not the whole store
        listed = [(s["document"], s["mention"]) for e in store.events() for s in e["sources"]]
        assert sorted(listed) == [("d1", "e1"), ("d2", "e1"), ("d3", "e1")]
        assert len(store.events()) == 2


def test_merge_month_mention_finds_the_day_event_of_that_month():
    rows = [row("d1", "e1", "2025-05-28", [A, B]), row("d2", "e1", "2025-05", [A, B])]
    assert len(groups(rows)) == 1


def test_merge_week_mention_finds_the_day_event_of_that_week():
    rows = [row("d1", "e1", "2025-05-14", [A, B]), row("d2", "e1", "2025-W20", [A, B])]
    assert len(groups(rows)) == 1
    rows = [row("d1", "e1", "2025-05-21", [A, B]), row("d2", "e1", "2025-W20", [A, B])]
    assert len(groups(rows)) == 2


def test_merge_incremental_undated_report_finds_the_meeting_of_its_publication_week():
    with Store(":memory:") as store:
        store.add_document(_doc("d1", "2025-05-15", [_em("e1", "2025-05-14", [A, B])]))
        merge_events(store)
        store.add_document(_doc("d2", "2025-05-16", [_em("e1", None, [B, A])]))
        stats = merge_events(store, new_ids=["d2"])
        assert stats.mode == "incremental" and stats.loaded == 1
        assert len(store.events()) == 1
        assert {s["document"] for s in store.events()[0]["sources"]} == {"d1", "d2"}


def test_merge_redated_article_alone_in_its_event_leaves_no_empty_event():
    with Store(":memory:") as store:
        store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-12", [A, B])]))
        store.add_document(_doc("d2", "2025-05-13", [_em("e1", "2025-05-02", [A, C])]))
        merge_events(store)
        old = {e["date"]: e["id"] for e in store.events()}
        store.replace_document(_doc("d2", "2025-05-13", [_em("e1", "2025-05-12", [B, A])]))
        merge_events(store, new_ids=[])
        events = store.events()
        assert [e["id"] for e in events] == [old["2025-05-12"]]
        assert {s["document"] for s in events[0]["sources"]} == {"d1", "d2"}
        assert store.event(old["2025-05-02"]) is None


class _NarrowStore(Store):
    """A store whose event_mentions can return only the pending mentions, or those of some
    documents (filtered here in Python: the merge's fast path, whatever the storage engine)."""

    reads: list[int]

    def event_mentions(self, undated_only: bool = False, unassigned_only: bool = False,  # type: ignore[override]
                       documents: list[str] | None = None) -> list[dict]:
        rows = super().event_mentions(undated_only)
        if unassigned_only:
            rows = [r for r in rows if not r.get("event_id")]
        if documents is not None:
            rows = [r for r in rows if r["document_id"] in set(documents)]
        self.reads.append(len(rows))
        return rows


def test_merge_incremental_with_narrow_queries_reads_only_the_blocks():
    with _NarrowStore(":memory:") as store:
        store.reads = []
        _busy_store(store)
        total = len(store.event_mentions())
        store.reads = []
        store.add_document(_doc("d2", "2025-05-13", []))
        store.replace_document(_doc("d00", "2025-01-10", [_em("e1", "2025-01-10", [B, A])]))  # re-dated
        target = next(e for e in store.events(actor=D) if set(e["participants"]) == {D, E})
        store.add_document(_doc("new1", target["date"], [_em("e1", target["date"], [E, D])]))
        stats = merge_events(store, new_ids=["new1", "d2"])
        assert stats.mode == "incremental" and stats.mentions == 2
        assert max(store.reads) < total  # never every mention
        joined = store.event(target["id"])
        assert joined is not None and "new1" in {s["document"] for s in joined["sources"]}
        listed = [(s["document"], s["mention"]) for e in store.events() for s in e["sources"]]
        assert len(listed) == len(set(listed)) == total + 1


def test_merge_incremental_country_report_finds_its_leaders_meeting():
    from veille.model import Document, Entity, Published

    first, other, country = leaders_of_two_countries()
    entities = {first: Entity(first, "Première", "PER"), other: Entity(other, "Second", "PER"),
                country: Entity(country, "Pays", "GPE")}

    def doc(doc_id: str, parts: list[str]) -> Document:
        return Document(id=doc_id, source=f"{doc_id}.txt", text="texte", published=Published("2025-07-10", "metadata"),
                        event_mentions=[_em("e1", "2025-07-10", parts)], entities=entities)

    with Store(":memory:") as store:
        store.add_document(doc("d1", [first, other]))
        merge_events(store)
        store.add_document(doc("d2", [country]))
        merge_events(store, new_ids=["d2"])
        events = store.events()
        assert len(events) == 1
        assert {s["document"] for s in events[0]["sources"]} == {"d1", "d2"}


def test_merge_incremental_month_published_undated_report_finds_the_event_in_its_month():
    # a later run: « Anne Morel et Paul Girard se sont rencontrés », in an article known only as
    # published in March; the stored meeting of 11 March lies in the middle of the months it may
    # tell (late February to mid-April): the store is asked for all three
    def sources(incremental: bool) -> list[list[str]]:
        with Store(":memory:") as store:
            store.add_document(_doc("d1", "2025-03-12", [_em("e1", "2025-03-11", [A, B])]))
            if incremental:
                merge_events(store)
            store.add_document(_doc("d2", "2025-03", [_em("e1", None, [B, A])]))
            merge_events(store, new_ids=["d2"]) if incremental else merge_events(store, full=True)
            return sorted(sorted(s["document"] for s in e["sources"]) for e in store.events())

    assert sources(incremental=True) == sources(incremental=False) == [["d1", "d2"]]


def test_merge_incremental_any_arrival_order_gives_the_events_of_one_merge():
    """Mentions already in an event are clustered again with the new ones, in the order a full
    merge takes them: the events do not depend on the order the articles arrived in (here an
    article's dated report, first joined to its own article's report of the pair, belongs with
    a later article's report of the same day and place)."""
    from itertools import permutations

    articles = [
        _doc("d1", "2025-05-16", [_em("e1", None, [A, B]), _em("e2", "2025-05-15", [A], place=OSLO)]),
        _doc("d2", "2025-05-16", [_em("e1", "2025-05-15", [A, C], place=OSLO)]),
        _doc("d3", "2025-05-17", [_em("e1", "2025-05-14", [A, B])]),
    ]

    def events(order: tuple[int, ...] | None) -> list[tuple[str, ...]]:
        with Store(":memory:") as store:
            if order is None:
                for doc in articles:
                    store.add_document(doc)
                merge_events(store, full=True)
            else:
                for k in order:
                    store.add_document(articles[k])
                    merge_events(store, new_ids=[articles[k].id])
            return sorted(tuple(sorted(f"{s['document']}/{s['mention']}" for s in e["sources"]))
                          for e in store.events())

    once = events(None)
    assert ("d1/e2", "d2/e1") in once
    for order in permutations(range(len(articles))):
        assert events(order) == once, order
