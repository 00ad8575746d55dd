"""Corpus step: merge event mentions across documents into events (`merge_events(store)`).

Two mentions report the same event when they have the same type, compatible participants (they share
one, and unless one of them is multilateral or open, one set contains the other; or on the same day,
countries named alone and leaders acting for them), compatible dates (same day; one span containing
the other, 2025-02 vs 2025-02-12; two days one apart when the participants are the same, or one set
contains the other and the smaller names no person: a two-day summit; across articles, a month or a
week and a day inside it only with the same actors, one place named by both, or organisations alone
on the smaller side) and no conflicting mode or place (across articles, a call known only by its
month or week is not a report of another mode, or none). Places agree when equal, when one is the
country of the other, or when both lie in one city (a seat of power lies in its country's capital:
the Kremlin and Moscow); on one day, two places for other actors in one article are two stops of a
trip. A meeting of two joins a summit only when both attend, and two persons meeting are never the
summit of an organisation (a tête-à-tête on its sidelines); one article's reports of an
organisation's meeting on one day are one event, whoever else each names. Undated mentions join an
event of their own article (not one of a background year, unless the same actors), one at the
same named place (a place named as a party on one side counts), or (exactly the same actors) a
meeting held in the week before their article's publication (its day, week or month) or announced
for the two weeks after it, or one dated by the month an article known by that month only was
published in; when that fits events of several days, the one near the publication, else none. A plan or proposal told as past is dated by its proposing: it merges as undated and
dates its event only when no report of the event does. A city or LOC named among the parties
of a meeting or an agreement is its place. A mention naming no participant joins the event of a
neighbouring mention of its article (dates at most a day apart).

The event's date is the most precise of its members' (a day beats its month; between days one
apart, the one reports of it having happened give); its status "occurred" when a report says
so, else the latest report's; participants and places ranked by how often they are reported.
Persons act for the country of the office they hold now (not the head of an organisation).

Scaling: mentions are clustered greedily, most precise dates first (and at one precision,
mentions naming one participant after the others). Each cluster is indexed under (type,
participant, date key) keys, so a mention is compared only with the clusters that share its
type, one participant and a day, week or month (blocking): no all-pairs comparison, and the
work grows with the number of mentions times the (small) size of their blocks. The step is
incremental: with `new_ids` (the documents a run stored), only the mentions without an event
are placed, into the events of the (participant, type, month) blocks they touch, read back from
the store; only the changed events are rewritten; nothing new is an early exit.

Event ids are "ev" + a hash of the smallest member key (document id, mention id), so the same
corpus always gives the same ids.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import inspect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from veille.events import dates
from veille.events.summary import summarize
from veille.model import Event, EventSource
from veille.store import Store

# when a block is very large (one actor's thousands of meetings in a year), only the most
# recent clusters of the block are compared: a bound on the work per mention
MAX_CANDIDATES = 400
DAY_WINDOW = 1
# an undated report joins an event of another article when exactly the same actors meet at most
# this many days before its publication (it occurred) or after it (it is planned)
REPORTED_BEFORE = 7
ANNOUNCED_AHEAD = 14
GATHERING = ("CONSULT", "AGREE", "COOPERATE")  # types whose participants are parties meeting or agreeing
PLAN_WINDOW = 7  # two undated reports of one plan: their articles published at most this many days apart
PROPOSING = ("planned", "proposed")  # statuses whose past date is the date of the plan (see MentionRow)
NEIGHBOUR = 2  # a mention naming no participant joins the event of a mention this close (see nearby)


@dataclass
class MentionRow:
    document: str
    id: str
    type: str
    mode: str | None
    date: str | None
    status: str
    place: str | None
    participants: list[str]
    published: str | None
    seq: int
    # the date of a plan or proposal told as past (see __post_init__): when it was made
    told: str | None = None

    def __post_init__(self) -> None:
        # « Poutine a proposé samedi des pourparlers à Istanbul », published on Monday: a plan or
        # proposal dated before its article's publication is dated by the act of proposing, not
        # by the event proposed, which may be held any day after: it merges as undated, and only
        # dates its event when no report of the event itself does
        if self.status in PROPOSING and self.date and dates.after(self.published, self.date):
            self.told, self.date = self.date, None

    @property
    def key(self) -> tuple[str, str]:
        return (self.document, self.id)

    @staticmethod
    def from_store(row: dict[str, Any]) -> MentionRow:
        return MentionRow(document=row["document_id"], id=row["id"], type=row["type"], mode=row["mode"],
                          date=dates.day_value(row["date"]), status=row["status"], place=row["place"],
                          participants=list(row["participants"]), published=row.get("doc_published"),
                          seq=int(row.get("doc_seq") or 0))


@dataclass
class Cluster:
    """A corpus event under construction: its members and their aggregate attributes."""

    n: int
    type: str
    members: list[MentionRow] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    date: str | None = None
    mode: str | None = None
    place: str | None = None
    old_id: str | None = None
    changed: bool = True
    member_dates: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # every place its members name
    positions: dict[str, list[int]] = field(default_factory=dict)  # document -> mention numbers
    doc_parts: dict[str, set[str]] = field(default_factory=dict)  # document -> its members' participants
    occurred: bool = False  # some member reports it as having happened
    irrealis: bool = False  # some member reports it as planned, proposed, possible...

    def add(self, m: MentionRow) -> None:
        self.members.append(m)
        self.positions.setdefault(m.document, []).append(_mention_number(m.id))
        self.participants.update(m.participants)
        self.doc_parts.setdefault(m.document, set()).update(m.participants)
        self.documents.add(m.document)
        if m.status == "occurred":
            self.occurred = True
        else:
            self.irrealis = True
        # a report naming no participant (joined as a neighbour) dates the event only when
        # nothing else does: its date may be the headline's day of publication
        weak = not m.participants
        if m.date and not weak:
            self.member_dates.add(m.date)
        if m.place:
            self.places.add(m.place)
        if m.date and (self.date is None or (not weak and dates.precision(m.date) < dates.precision(self.date))):
            self.date = m.date
        self.mode = self.mode or m.mode
        self.place = self.place or m.place
        self.changed = True

    @property
    def multilateral(self) -> bool:
        return self.mode == "multilateral" or len(self.participants) > 2


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _months(first: dt.date, last: dt.date) -> list[str]:
    """Every month from the one of `first` to the one of `last`."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _file_keys(value: str | None) -> list[str]:
    return list(_file_keys_cached(value))  # a copy: the cached list is shared


@lru_cache(maxsize=65536)
def _file_keys_cached(value: str | None) -> list[str]:
    """The blocking keys a mention's date is filed under: its day, week, month or year, and for a
    day or a week the month(s) it lies in ("m" keys: what a month-dated mention looks up)."""
    span = dates.interval(value)
    if span is None:
        return []
    first, last = span
    p = dates.precision(value)
    if p == 0:
        return [f"D{first.isoformat()}", f"m{first.year}-{first.month:02d}"]
    if p == 1:
        return [f"W{first.isoformat()}"] + [f"m{month}" for month in _months(first, last)]
    if p == 2:
        return [f"M{first.year}-{first.month:02d}"]
    return [f"Y{first.year}"]


def _lookup_keys(value: str | None) -> list[str]:
    return list(_lookup_keys_cached(value))


@lru_cache(maxsize=65536)
def _lookup_keys_cached(value: str | None) -> list[str]:
    """The keys of every date compatible with this one: for a day or a week, the days it covers
    (a day widened by the day window) and the weeks and months containing them; for a month,
    the month and the days and weeks filed in it. No year keys: an event dated by its year alone
    only gathers mentions of its own article or at its place (see Merger.compatible), found
    through the article and place keys; a year key would grow with the corpus."""
    span = dates.interval(value)
    if span is None:
        return []
    first, last = span
    p = dates.precision(value)
    if p >= 3:
        return []
    if p == 2:
        month = f"{first.year}-{first.month:02d}"
        return [f"M{month}", f"m{month}"]
    if p == 0:
        first, last = first - dt.timedelta(days=DAY_WINDOW), last + dt.timedelta(days=DAY_WINDOW)
    keys: set[str] = set()
    for day in _days(first, last):
        keys.add(f"D{day.isoformat()}")
        keys.add(f"W{(day - dt.timedelta(days=day.weekday())).isoformat()}")
        keys.add(f"M{day.year}-{day.month:02d}")
    return sorted(keys)


def _plan_keys(m: MentionRow, widen: int) -> list[str]:
    """Month keys of an undated report of a plan between several actors (see Merger._same_plan):
    the months of its publication, widened by `widen` days (what it looks up)."""
    if m.date or m.status == "occurred" or len(set(m.participants)) < 2:
        return []
    span = dates.interval(m.published)
    if span is None or dates.precision(m.published) > 2:
        return []
    first, last = span[0] - dt.timedelta(days=widen), span[1] + dt.timedelta(days=widen)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"P{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _near_publication_keys(published: str | None) -> list[str]:
    return list(_near_publication_keys_cached(published))


@lru_cache(maxsize=65536)
def _near_publication_keys_cached(published: str | None) -> list[str]:
    """Day keys of the days an undated report may tell (see reported_near)."""
    span = _publication_span(published)
    if span is None:
        return []
    first = span[0] - dt.timedelta(days=REPORTED_BEFORE)
    last = span[1] + dt.timedelta(days=ANNOUNCED_AHEAD)
    return [f"D{day.isoformat()}" for day in _days(first, last)]


def _publication_span(published: str | None) -> dates.Interval | None:
    """The days an article may have been published: its day, or its week or month when only that
    is known (the wider span only widens the days it may tell: an undated report joins an event
    there only when it fits one day, see Merger.best); None for a year, too vague."""
    span = dates.interval(published)
    if span is None or dates.precision(published) > 2:
        return None
    return span


def participants_compatible(a: set[str], a_multi: bool, b: set[str], b_multi: bool) -> bool:
    if not a or not b:
        return False
    if not a & b:
        return False
    if a_multi and b_multi:
        return True  # two reports of a summit, each naming some of those there
    # a meeting of two is one event with a summit only when both are among those at the summit:
    # Anne Morel meeting Luc Faure on the sidelines of a summit Paul Girard attends is another
    return a <= b or b <= a


def modes_compatible(a: str | None, b: str | None) -> bool:
    """A phone call is not a meeting in person; other modes refine each other."""
    if a is None or b is None or a == b:
        return True
    return "phone" not in (a, b)


def reported_near(m: MentionRow, date: str | None) -> bool:
    """Whether an event of that day is close enough to the publication of the undated mention's
    article to be what it tells: an article reports a meeting of the past week, or announces one
    of the coming two weeks."""
    pub, day = _publication_span(m.published), dates.interval(date)
    if pub is None or day is None:
        return False
    if day[0] != day[1]:
        # an article known by its month only, and an event known by that month from another
        # article (the coverage of one story, none of it dated to the day)
        return dates.precision(m.published) == 2 and dates.precision(date) == 2 and day == pub
    # (a publication known by its week: the days from its first to its last)
    if m.status == "occurred":
        return pub[0] - dt.timedelta(days=REPORTED_BEFORE) <= day[0] <= pub[1]
    return pub[0] - dt.timedelta(days=1) <= day[0] <= pub[1] + dt.timedelta(days=ANNOUNCED_AHEAD)


def _in_order(m: MentionRow, date: str | None) -> bool:
    """Whether an event of that date may be what the report tells in its status: a plan of a
    day not past when it was published, or a past event of a day not after its publication."""
    pub, day = dates.interval(m.published), dates.interval(date)
    if pub is None or day is None:
        return False
    if m.status == "occurred":
        return day[1] <= pub[1]
    return day[0] >= pub[0] - dt.timedelta(days=1)


def _around_publication(date: str | None, published: str | None) -> bool:
    """Whether a day-precise date is the publication day of an article."""
    day, pub = dates.interval(date), dates.interval(published)
    if day is None or pub is None or day[0] != day[1] or pub[0] != pub[1]:
        return False
    return day[0] == pub[0]


def _person_free(ids: set[str], types: dict[str, str]) -> bool:
    """True when none of these participants is (or may be) a person: countries and organisations
    meet over several days (a summit, talks), a person's agenda changes from one day to the next."""
    return all(types.get(i, "PER") in ("ORG", "GPE", "LOC", "MISC") for i in ids)


Site = tuple[str | None, str | None]  # (country, city) a place lies in, when known


def places_compatible(a: str | None, b: str | None, sites: dict[str, Site]) -> bool:
    """Whether two named places may be where one event happened: the same place, a country and a
    place in it (Istanbul and Turkey), or two places of one city (the Kremlin and Moscow: a seat
    of power lies in its country's capital). Unknown places (not in `sites`) only equal themselves."""
    if a is None or b is None or a == b:
        return True
    (country_a, city_a), (country_b, city_b) = sites.get(a, (None, None)), sites.get(b, (None, None))
    if city_a is not None and city_a == city_b:
        return True
    return (country_a == a and country_b == a) or (country_b == b and country_a == b)


class Merger:
    def __init__(self, types: dict[str, str] | None = None, countries: dict[str, str] | None = None,
                 sites: dict[str, Site] | None = None) -> None:
        self.types = types or {}  # entity types by id (participants), when known
        self.countries = countries or {}  # person id -> the country they act for (knowledge base)
        self.sites = sites or {}  # place id -> (country, city) it lies in (knowledge base)
        self.clusters: list[Cluster] = []
        self.index: dict[tuple[str, str, str], list[int]] = {}
        self.by_doc: dict[str, list[int]] = {}
        self.comparisons = 0  # compatibility checks made: the work, for the scaling tests

    # -- indexing ---------------------------------------------------------------------------
    def _acting_for(self, ids: Iterable[str]) -> list[str]:
        """The countries of these persons that are not among them (see _same_sides)."""
        ids = set(ids)
        return sorted({self.countries[i] for i in ids if i in self.countries} - ids)

    def _file(self, c: Cluster, m: MentionRow) -> None:
        keys = _file_keys(m.date) + ([self._site_key(m.place)] if m.place else [])
        if m.place and dates.precision(m.date) == 9:
            # an undated report at a place, for a dated report there arriving in a later run
            # (in one run, the dated reports are placed first)
            keys.append("U" + self._site_key(m.place))
        keys.extend(_plan_keys(m, 0))
        days = [k for k in keys if k.startswith("D")]  # a country is told for its leaders on a day only
        for p, p_keys in [(p, keys) for p in m.participants] + [(p, days) for p in self._acting_for(m.participants)]:
            for key in p_keys:
                bucket = self.index.setdefault((c.type, p, key), [])
                if not bucket or bucket[-1] != c.n:
                    bucket.append(c.n)
        docs = self.by_doc.setdefault(m.document, [])
        if not docs or docs[-1] != c.n:
            docs.append(c.n)

    def new_cluster(self, m: MentionRow, old_id: str | None = None) -> Cluster:
        c = Cluster(n=len(self.clusters), type=m.type, old_id=old_id)
        self.clusters.append(c)
        self.place(c, m)
        return c

    def place(self, c: Cluster, m: MentionRow) -> None:
        c.add(m)
        self._file(c, m)

    # -- matching ---------------------------------------------------------------------------
    def compatible(self, c: Cluster, m: MentionRow) -> bool:
        self.comparisons += 1
        if c.type != m.type:
            return False
        parts = set(m.participants)
        multi = m.mode == "multilateral" or len(parts) > 2
        if not participants_compatible(c.participants, c.multilateral, parts, multi) and not self._same_sides(c, m) \
                and not self._one_body(c, m, parts):
            return False
        if self._aside(c, m, parts, multi):
            return False
        if not modes_compatible(c.mode, m.mode):
            return False
        same_doc = m.document in c.documents
        # a place named by both: compatible (the Kremlin and Moscow), or not (Paris and Warsaw)
        place_conflict = m.place is not None and not self._places_ok(m.place, c)
        same_place = m.place is not None and c.place is not None and not place_conflict
        coarse = dates.precision(m.date) == 3 or dates.precision(c.date) == 3  # dated by the year alone
        if coarse and not same_doc and not (same_place and parts == c.participants):
            return False  # "en 2025" says too little to tie two articles together
        if coarse and same_doc and not (m.date and c.date) and parts != c.participants:
            return False  # "en 2018, lors du sommet de Charlevoix": background, not the article's story
        if m.date and c.date:
            # (modes one apart: the same, or one unknown beside a meeting in person: a summit told
            # as such on one day and as a bare meeting the next)
            same_mode = c.mode == m.mode or None in (c.mode, m.mode) and "phone" not in (c.mode, m.mode)
            window = DAY_WINDOW if same_mode and self._day_apart_ok(parts, c.participants) else 0
            if not dates.compatible(m.date, c.date, window):
                return False
            # every dated member must agree, not only the most precise one
            if not all(dates.compatible(m.date, d, window) for d in c.member_dates):
                return False
            if not same_doc and not self._grains_agree(m, parts, c, same_place):
                return False
            call_date = m.date if m.mode == "phone" else c.date if c.mode == "phone" else None
            if not same_doc and c.mode != m.mode and dates.precision(call_date) in (1, 2):
                # across articles, a call known only by its month (or week) and a report of
                # another mode, or none, in it need not be one event: « leur rencontre de
                # février » is not « leur entretien téléphonique » of February (a call dated to
                # its day is what a report of no mode of that pair in its month refines)
                return False
            if not place_conflict:
                return True
            # two places on one day: one event told with another place name when the actors are
            # the same or one set contains the other; but an article naming two places for
            # other actors on one day tells two stops of a trip ("à Paris, puis à Varsovie")
            same_day = dates.precision(m.date) == 0 and dates.precision(c.date) == 0
            nested = parts <= c.participants or c.participants <= parts
            return same_day and nested and (not same_doc or parts == c.participants)
        if place_conflict:
            return False
        # an article telling a past event and a planned one keeps them apart, unless the event is
        # dated the day of the article (any of its days, for a summit told on two): then it is
        # both under way and to come
        status_ok = (not ((m.status == "occurred" and not c.occurred) or (m.status != "occurred" and not c.irrealis))
                     or any(_around_publication(d, m.published) for d in sorted(c.member_dates | {c.date or ""})))
        if not status_ok and not same_doc:
            # across articles, a plan told before the event and the event told once held
            status_ok = (_in_order(m, c.date) if c.date
                         else m.date is not None and all(_in_order(x, m.date) for x in c.members))
        # a place one report names as a party, the other as the place (« Au Vatican, Anne et
        # Paul se sont parlé » read with the Vatican as a party / « Anne et Paul au Vatican »)
        hosted = same_place or bool(parts & c.places) or (m.place is not None and m.place in c.participants)
        same_actors = self._same_actors(m, parts, c)
        if not m.date and not c.date:
            # two undated reports: the same actors (and place) in one article, or exactly the
            # same actors at the same named place across articles
            return status_ok and (same_doc or (same_actors and hosted) or self._same_plan(m, parts, c))
        # one dated, one not: in the same article (one participant set containing the other, or
        # the very same actors), or at the same named place
        if same_doc:  # one participant alone says too little to tie it to a dated event
            return status_ok and (parts == c.participants or parts == c.doc_parts.get(m.document)
                                  or len(parts) >= 2 and (parts <= c.participants or c.participants <= parts))
        if hosted:
            return status_ok and same_actors
        # an undated report of exactly the same actors, published close to the event's day
        return not m.date and len(parts) >= 2 and parts == c.participants and reported_near(m, c.date)

    @staticmethod
    def _same_plan(m: MentionRow, parts: set[str], c: Cluster) -> bool:
        """Two undated reports of a plan of exactly the same actors (« la Russie et les États-Unis
        doivent se parler »), in articles published at most PLAN_WINDOW days apart (in one month
        when one is known by its month only): one plan told again. Reports of things done are not tied this way (two calls may follow)."""
        if m.status == "occurred" or c.occurred or len(parts) < 2 or parts != c.participants:
            return False
        pub = dates.interval(m.published)
        if pub is None:
            return False
        for x in c.members:
            other = dates.interval(x.published)
            if other is None:
                continue
            # a publication known by its month only: the other one in that month
            gap = PLAN_WINDOW if max(dates.precision(m.published), dates.precision(x.published)) <= 1 else 0
            if (pub[0] - other[1]).days <= gap and (other[0] - pub[1]).days <= gap:
                return True
        return False

    def _one_body(self, c: Cluster, m: MentionRow, parts: set[str]) -> bool:
        """An organisation's meeting is open: one article's reports of it on one day each name the
        organisation with whom the sentence is about (« le sommet de l'Alliance avec la Norvège »,
        « Anne Morel, au sommet de l'Alliance ce jeudi »): one event when they share the
        organisation and name no other organisation."""
        if m.type != "CONSULT" or m.document not in c.documents or dates.precision(m.date) != 0 or m.date != c.date:
            return False
        shared = [i for i in parts & c.participants if self.types.get(i) == "ORG"]
        others = [i for i in parts ^ c.participants if self.types.get(i) == "ORG"]
        return bool(shared) and not others

    def _aside(self, c: Cluster, m: MentionRow, parts: set[str], multi: bool) -> bool:
        """A meeting of two persons and the summit of an organisation both attend are two events:
        « Anne Morel espère rencontrer Paul Girard en marge du sommet de l'Alliance » is a
        tête-à-tête, not the summit (a report of the summit names the organisation)."""
        def pair(ids: set[str], mode: str | None) -> bool:
            return len(ids) == 2 and mode != "multilateral" and all(self.types.get(i) == "PER" for i in ids)

        def summit(ids: set[str], many: bool) -> bool:
            return many and any(self.types.get(i) == "ORG" for i in ids)

        return (pair(parts, m.mode) and summit(c.participants, c.multilateral)
                or pair(c.participants, c.mode) and summit(parts, multi))

    def _grains_agree(self, m: MentionRow, parts: set[str], c: Cluster, same_place: bool) -> bool:
        """Across articles, a report dated by its month (or week) and one dated to a day inside it
        tell one event only when more than the calendar ties them: the very same actors, or both
        naming one place, or a report naming only organisations (« le sommet de l'OTAN en juin »)
        within the other's. A call between two leaders « en mai » is not the call of 16 May between
        them and four others: containment of dates plus overlapping participants says too little."""
        grain = dates.precision(m.date)
        if all(dates.precision(d) == grain for d in c.member_dates):
            return True  # one grain (both days, both months): the date already compares them
        if self._same_actors(m, parts, c) or same_place:
            return True
        small = parts if parts <= c.participants else c.participants if c.participants <= parts else None
        return bool(small) and all(self.types.get(i) == "ORG" for i in small or ())

    def _same_actors(self, m: MentionRow, parts: set[str], c: Cluster) -> bool:
        """The very same actors, a place named as a party on one side and as the place on the
        other set aside."""
        if parts == c.participants:
            return True
        where = c.places | ({m.place} if m.place else set())
        bare = parts - where
        return len(bare) >= 2 and bare == c.participants - where

    def _places_ok(self, place: str, c: Cluster) -> bool:
        """Whether a place agrees with every place the cluster's reports name."""
        return all(places_compatible(place, p, self.sites) for p in c.places)

    def _site_key(self, place: str) -> str:
        """The blocking key of a place: its city when known (the Kremlin and Moscow share one)."""
        city = self.sites.get(place, (None, None))[1]
        return f"@{city or place}"

    def _same_sides(self, c: Cluster, m: MentionRow) -> bool:
        """Countries alone on one side ("le sommet franco-britannique", the United Kingdom) and,
        on the same day, leaders acting for them on the other (Emmanuel Macron and Keir Starmer):
        one event when every country named is one the leaders act for."""
        if dates.precision(m.date) != 0 or m.date != c.date:
            return False
        parts = set(m.participants)
        for small, large in ((parts, c.participants), (c.participants, parts)):
            if small and all(self.types.get(i) == "GPE" for i in small) and small <= large | set(self._acting_for(large)):
                return True
        return False

    def _day_apart_ok(self, a: set[str], b: set[str]) -> bool:
        """Two reports one day apart may tell one event when they name the same actors, or when
        one names part of the other's and that part is no person (a two-day summit)."""
        if a == b:
            return True
        small = a if a <= b else b if b <= a else None
        return small is not None and _person_free(small, self.types)

    def candidates(self, m: MentionRow) -> list[int]:
        found: set[int] = set()
        # an undated mention only joins a cluster of its own article or one at the same place
        keys = _lookup_keys(m.date)
        if m.place and (not m.date or dates.precision(m.date) >= 3):
            keys.append(self._site_key(m.place))
        elif m.place:
            keys.append("U" + self._site_key(m.place))
        if not m.place and not m.date and m.type in GATHERING and len(set(m.participants)) >= 3:
            # a party that may be the place of a meeting of the others (see _same_actors)
            keys.extend(self._site_key(p) for p in sorted(set(m.participants)) if p in self.sites)
        if not m.date and len(set(m.participants)) >= 2:
            keys.extend(_near_publication_keys(m.published))
            if dates.precision(m.published) == 2:
                keys.append(f"M{m.published}")  # an event known by the month of the article
        keys.extend(_plan_keys(m, PLAN_WINDOW))
        days = [k for k in keys if k.startswith("D")] if dates.precision(m.date) == 0 else []
        for p, p_keys in [(p, keys) for p in m.participants] + [(p, days) for p in self._acting_for(m.participants)]:
            for key in p_keys:
                bucket = self.index.get((m.type, p, key))
                if bucket:
                    found.update(bucket[-MAX_CANDIDATES:])
        if not m.date or dates.precision(m.date) >= 3:
            found.update(self.by_doc.get(m.document, []))
        return sorted(found)

    def best(self, m: MentionRow) -> Cluster | None:
        scored = []
        for n in self.candidates(m):
            c = self.clusters[n]
            if not self.compatible(c, m):
                continue
            parts = set(m.participants)
            number = _mention_number(m.id)
            near = min((abs(n - number) for n in c.positions.get(m.document, ())), default=10**6)
            score = (
                m.document in c.documents,
                -near,
                parts == c.participants,
                len(parts & c.participants),
                c.mode == m.mode,
                c.place == m.place,
                -dates.precision(c.date),
                -n,
            )
            scored.append((score, n))
        if not scored:
            return None
        # an undated report from another article that fits events of several days ("les deux
        # hommes se sont parlé" after two calls a week apart) cannot tell which, unless one
        # only lies near its publication (the past week, or the two weeks after for a plan)
        if (not m.date and not any(m.document in self.clusters[n].documents for _s, n in scored)
                and len({self.clusters[n].date for _s, n in scored}) > 1):
            scored = [(score, n) for score, n in scored if reported_near(m, self.clusters[n].date)]
            if len({self.clusters[n].date for _s, n in scored}) != 1:
                return None
        return self.clusters[max(scored)[1]]

    def nearby(self, m: MentionRow) -> Cluster | None:
        """For a mention naming no participant ("un accord de paix doit être signé vendredi"):
        the event of its own article that a neighbouring mention (at most NEIGHBOUR mentions
        away, in practice the same sentence) of the same type belongs to, when both are undated
        or their dates are at most a day apart (a headline in the present, dated the day of
        publication, over the report of the day before)."""
        number = _mention_number(m.id)
        scored = []
        for n in self.by_doc.get(m.document, []):
            c = self.clusters[n]
            self.comparisons += 1
            if c.type != m.type or not c.participants:
                continue
            if (m.date or c.date) and not (m.date and c.date and dates.compatible(m.date, c.date, DAY_WINDOW)):
                continue
            near = min(abs(k - number) for k in c.positions[m.document])
            if near <= NEIGHBOUR:
                scored.append((near, n))
        return self.clusters[min(scored)[1]] if scored else None

    def add(self, m: MentionRow) -> None:
        if not m.participants:
            target = self.nearby(m)
            if target is None:
                self.new_cluster(m)
            else:
                self.place(target, m)
            return
        target = self.best(m)
        if target is None:
            self.new_cluster(m)
        else:
            self.place(target, m)


def _order(m: MentionRow) -> tuple[Any, ...]:
    """Mentions naming no participant last (they only join a neighbour, see Merger.nearby); then
    most precise dates first (they found the clusters); at one precision, mentions naming one
    participant after those naming several (a lone "Anne Morel s'est rendue à Oslo" then joins
    the best of the fully formed events instead of the first one); then corpus order."""
    return (not m.participants, dates.precision(m.date), len(set(m.participants)) < 2, m.seq, m.document,
            _mention_number(m.id), m.id)


@lru_cache(maxsize=65536)
def _mention_number(mid: str) -> int:
    digits = "".join(ch for ch in mid if ch.isdigit())
    return int(digits) if digits else 0


def event_id(c: Cluster) -> str:
    first = min((m.document, _mention_number(m.id), m.id) for m in c.members)
    digest = hashlib.sha1(f"{first[0]}:{first[2]}".encode()).hexdigest()[:12]
    return f"ev{digest}"


def _status(c: Cluster) -> str:
    """occurred if any report says so; else the latest report's status."""
    statuses = [m.status for m in c.members]
    if "occurred" in statuses:
        return "occurred"
    priority = {"planned": 0, "proposed": 1, "possible": 2, "failed": 3, "negated": 4}
    latest = max(c.members, key=lambda m: (m.published or "", -priority.get(m.status, 9)))
    return latest.status


def _date(c: Cluster) -> str | None:
    """The most precise date of the members (a day beats the month containing it); between days
    one apart, the one reports of the event having happened give, then the most reported. Reports
    naming no participant date it only when no other report does."""
    dated = [m for m in c.members if m.date and m.participants] or [m for m in c.members if m.date]
    if not dated:
        told = sorted((dates.precision(m.told), m.told) for m in c.members if m.told)
        return told[0][1] if told else None  # the day a plan was made, when nothing else dates it
    best = min(dates.precision(m.date) for m in dated)
    counts: Counter[str] = Counter()
    occurred: Counter[str] = Counter()
    for m in dated:
        if m.date and dates.precision(m.date) == best:
            counts[m.date] += 1
            occurred[m.date] += m.status == "occurred"
    return sorted(counts, key=lambda d: (-occurred[d], -counts[d], d))[0]


def _ranked(values: Iterable[str | None]) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, v in enumerate(values):
        if v:
            counts[v] += 1
            first.setdefault(v, i)
    return sorted(counts, key=lambda v: (-counts[v], first[v]))


def build_event(c: Cluster, names: tuple[dict[str, str], dict[str, str]]) -> Event:
    members = sorted(c.members, key=lambda m: (m.seq, m.document, _mention_number(m.id)))
    participants = _ranked(p for m in members for p in m.participants)
    places = _ranked(m.place for m in members)
    modes = _ranked(m.mode for m in members)
    mode = "phone" if "phone" in modes else (modes[0] if modes else None)
    if c.type == "CONSULT" and mode is None and len(participants) > 2:
        mode = "multilateral"
    date = _date(c)
    status = _status(c)
    place = places[0] if places else None
    ev = Event(id=event_id(c), type=c.type, mode=mode, participants=participants, place=place, date=date,
               status=status,  # type: ignore[arg-type]
               summary="",
               sources=[EventSource(m.document, m.id) for m in members])
    ev.summary = summarize(ev, names[0], names[1])
    return ev


def _names(store: Store, ids: Iterable[str] | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Entity names and types, by id (of `ids` only when given)."""
    if ids is not None:
        found = store.entity_names(ids)
        return {k: v["name"] for k, v in found.items()}, {k: v["type"] for k, v in found.items()}
    entities = store.entities()
    return {e.id: e.name for e in entities}, {e.id: e.type for e in entities}


def affiliations(ids: Iterable[str]) -> dict[str, str]:
    """Person id -> the country they act for, for the persons of the knowledge base among `ids`
    (empty without the actors stage)."""
    try:
        from veille.actors.kb import load_kb

        kb = load_kb(strict=False)
    except Exception:  # no actors stage, or a broken knowledge base: no affiliations
        return {}
    out = {}
    for i in sorted(set(ids)):
        entry = kb.entries.get(i)
        if entry is None or entry.type != "PER":
            continue
        # whom they act for now: the country of an office they hold (a head of state, an envoy),
        # none when they only lead an organisation (the head of an alliance does not speak for
        # the country they come from); without any office now, their country. An ambassador's
        # role names the country they are posted to, not the one they act for: left aside
        current = [r.of for r in entry.roles if r.end is None and r.role != "ambassador"]
        offices = [of for of in current if kb.country_of(of) == of]
        if current and not offices:
            continue
        country = offices[0] if offices else kb.country_of(i)
        if country and country != i:
            out[i] = country
    return out


def place_sites(ids: Iterable[str]) -> dict[str, Site]:
    """Place id -> (country, city) it lies in, for the places of the knowledge base among `ids`:
    a country lies in itself (no city), a capital is its own city, a seat of power (the Kremlin,
    the Élysée) lies in its country's capital (empty without the actors stage)."""
    try:
        from veille.actors.kb import load_kb

        kb = load_kb(strict=False)
    except Exception:  # no actors stage, or a broken knowledge base: places only equal themselves
        return {}
    capitals = {e.capital_of: e.id for e in kb.entries.values() if e.capital_of}
    out: dict[str, Site] = {}
    for i in sorted(set(ids)):
        entry = kb.entries.get(i)
        if entry is None or entry.type == "PER":
            continue
        country = kb.country_of(i)
        if country == i:
            out[i] = (i, None)
        elif entry.seat_of is not None:
            seat_country = entry.seat_of[1]
            host = kb.entries.get(seat_country)
            out[i] = (country, (host.capital if host is not None else None) or capitals.get(seat_country))
        else:
            out[i] = (country, i)
    return out


def places_out(rows: Iterable[MentionRow], types: dict[str, str], sites: dict[str, Site]) -> None:
    """A meeting or an agreement is between parties, not with a city or a region: a place (of the
    knowledge base, or any LOC) named among such a report's participants (« l'accord de Turnberry entre X et
    Y » read as three parties) is where it happened; it becomes the report's place when it has
    none. Countries, seats of power and organisations stay parties; other types keep their
    participants (a city may be the target of a strike)."""
    for m in rows:
        if m.type not in GATHERING:
            continue
        spots = [p for p in m.participants if types.get(p) in ("GPE", "LOC") and sites.get(p, (None, None))[1] == p
                 or types.get(p) == "LOC" and p not in sites]  # (a place the knowledge base does not know)
        if spots:
            m.participants = [p for p in m.participants if p not in spots]
            m.place = m.place or spots[0]


def merge_rows(rows: Iterable[MentionRow], types: dict[str, str] | None = None,
               countries: dict[str, str] | None = None, sites: dict[str, Site] | None = None) -> Merger:
    """Cluster event mentions from scratch (no store): the clusters are in `merger.clusters`.
    `types`: entity types by id, when known (see Merger._day_apart_ok); `countries`: person id ->
    country (see Merger._same_sides); `sites`: place id -> (country, city) (see places_compatible)."""
    rows = list(rows)
    places_out(rows, types or {}, sites or {})
    merger = Merger(types, countries, sites)
    for m in sorted(rows, key=_order):
        merger.add(m)
    return merger


@dataclass
class MergeStats:
    """What one merge_events run did (for the benchmarks and the tests)."""

    mode: str = "nothing new"  # "nothing new", "full" or "incremental"
    mentions: int = 0  # event mentions placed by this run
    loaded: int = 0  # existing events read back as clusters (incremental runs)
    written: int = 0  # events written
    removed: int = 0  # event ids dropped
    comparisons: int = 0


def _can_query(store: Store, keyword: str) -> bool:
    """Whether store.event_mentions takes this keyword (`unassigned_only`: only the mentions not
    yet in an event; `documents`: only those of these documents). Without them the merge reads
    every mention, which is cheap next to merging but grows with the store."""
    return keyword in inspect.signature(store.event_mentions).parameters


def _pending_rows(store: Store) -> tuple[list[dict[str, Any]], bool]:
    """The stored event mentions not yet in an event, and whether that is all the store returned
    (False: every mention, the store has no `unassigned_only` query)."""
    if _can_query(store, "unassigned_only"):
        only: dict[str, Any] = {"unassigned_only": True}
        return store.event_mentions(**only), True
    return store.event_mentions(), False


def merge_events(store: Store, full: bool = False, new_ids: Iterable[str] | None = None) -> MergeStats:
    """Group the store's event mentions into corpus events and write them (see module doc).

    `full`: rebuild every event from scratch. `new_ids`: the documents stored since the last run
    (finalize_corpus passes them): the mentions without an event are then placed by blocks,
    reading back from the store only the events of the (type, participant, month) blocks they
    touch. Without it, every event is read back. Nothing to place: an early exit.
    """
    # the merge builds many small objects and no reference cycle: the cyclic garbage collector
    # would only walk them again and again (a third of the time of a large merge)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _merge_events(store, full, new_ids)
    finally:
        if enabled:
            gc.enable()


def _merge_events(store: Store, full: bool, new_ids: Iterable[str] | None) -> MergeStats:
    stats = MergeStats()
    if not full:
        raw, only_pending = _pending_rows(store)
        if not any(not r.get("event_id") for r in raw):
            return stats  # every mention already has its event
        if only_pending and new_ids is not None and _can_query(store, "documents") and store.count_events():
            # the store reads what the blocks need: no pass over every mention
            pending = [MentionRow.from_store(r) for r in raw if not r.get("event_id")]
            return _merge_new(store, pending, set(new_ids), stats)
        if only_pending:
            raw = store.event_mentions()
    else:
        raw = store.event_mentions()
    rows = [MentionRow.from_store(r) for r in raw]
    if full or store.count_events() == 0:
        return _merge_all(store, rows, stats)
    assigned = {(r["document_id"], r["id"]) for r in raw if r.get("event_id")}
    pending = [m for m in rows if m.key not in assigned]
    if new_ids is not None:
        return _merge_new(store, pending, set(new_ids), stats, rows)
    existing = store.events()
    known = {(s["document"], s["mention"]) for ev in existing for s in ev["sources"]}
    again = frozenset(m.document for m in pending if m.key in known)
    return _merge_into(store, rows, pending, existing, stats, again)


def _merge_all(store: Store, rows: list[MentionRow], stats: MergeStats) -> MergeStats:
    names = _names(store)
    merger = merge_rows(rows, names[1], affiliations(p for m in rows for p in m.participants),
                        place_sites({p for m in rows for p in m.participants + ([m.place] if m.place else [])}))
    store.replace_events(build_event(c, names) for c in merger.clusters)
    stats.mode, stats.mentions, stats.written = "full", len(rows), len(merger.clusters)
    stats.comparisons = merger.comparisons
    return stats


def _block_queries(m: MentionRow) -> list[tuple[str, str, str, str]]:
    """(participant or "" for any, type, since, until) store queries that find every stored
    event the mention could join: the months its date touches (with the day window), any
    participant (one query per type and month serves every new mention; the events are then
    kept by participant, see _merge_new); for a mention dated by its year or not at all: with a
    place, the years around its article's publication (its participants' events only), and when
    undated, the months of the days it may tell (see reported_near)."""
    span = dates.interval(m.date)
    if span is not None and dates.precision(m.date) < 3:
        first, last = span
        if dates.precision(m.date) == 0:
            first, last = first - dt.timedelta(days=DAY_WINDOW), last + dt.timedelta(days=DAY_WINDOW)
        return [("", m.type, month, month) for month in _months(first, last)]
    else:
        ranges = []
        if m.place:
            year = (dates.interval(m.date) or dates.interval(m.published) or (None, None))[1]
            if year is not None:
                ranges.append((str(year.year - 1), str(year.year + 1)))
        near = _near_publication_keys(m.published) if not m.date and len(set(m.participants)) >= 2 else []
        months = ([("", m.type, month, month) for month in _months(dt.date.fromisoformat(near[0][1:]),
                                                                   dt.date.fromisoformat(near[-1][1:]))]
                  if near else [])  # D<day> keys: the months of their first and last days
        # otherwise an undated mention only joins an event of its own article
    return [(p, m.type, since, until) for p in sorted(set(m.participants)) for since, until in ranges] + months


def _undated_queries(pending: list[MentionRow]) -> dict[tuple[str, str], set[str]]:
    """(participant, type) -> the publication values (months, weeks) of the articles whose
    undated reports may tell the day of one of these day-dated mentions."""
    out: dict[tuple[str, str], set[str]] = {}
    for m in pending:
        span = dates.interval(m.date)
        if span is None or dates.precision(m.date) != 0 or not m.participants:
            continue
        days = _days(span[0] - dt.timedelta(days=ANNOUNCED_AHEAD), span[1] + dt.timedelta(days=REPORTED_BEFORE))
        keys = {d.strftime("%Y-%m") for d in days} | {f"{d.isocalendar()[0]}-W{d.isocalendar()[1]:02d}" for d in days}
        for p in set(m.participants):
            out.setdefault((p, m.type), set()).update(keys)
    return out


def _merge_new(store: Store, pending: list[MentionRow], fresh: set[str], stats: MergeStats,
               rows: list[MentionRow] | None = None) -> MergeStats:
    """Place the mentions of new documents, reading back only the events of their blocks, and
    the events listing mentions of documents analysed again (re-dated) since the last run: all
    their mentions are new rows, which the events of their old mentions still list. `rows`:
    every stored mention, or None to read only those of the events read back."""
    again = frozenset(m.document for m in pending if m.document not in fresh)
    found: dict[str, dict[str, Any]] = {}
    if again:
        citing = store.events_citing(again) if hasattr(store, "events_citing") else store.events()
        found = {ev["id"]: ev for ev in citing if any(s["document"] in again for s in ev["sources"])}
    asking: dict[tuple[str, str, str, str], list[MentionRow]] = {}
    for m in pending:
        for q in _block_queries(m) if m.participants else []:
            asking.setdefault(q, []).append(m)
    answers = {q: store.events(actor=q[0] or None, type=q[1], since=q[2], until=q[3]) for q in sorted(asking)}
    if hasattr(store, "undated_events_reported"):
        # an undated report stored earlier may tell the day of a new dated one (see reported_near):
        # the undated events of its actors reported by articles of the weeks around that day
        for (actor, type_), published in sorted(_undated_queries(pending).items()):
            for ev in store.undated_events_reported(type_, actor, published):
                found.setdefault(ev["id"], ev)
    countries = affiliations({p for evs in answers.values() for ev in evs for p in ev["participants"]}
                             | {p for m in pending for p in m.participants})

    def sides(ids: Iterable[str]) -> set[str]:
        ids = set(ids)
        return ids | {countries[p] for p in ids if p in countries}

    for q, evs in sorted(answers.items()):
        # a block of any participant: the events sharing an actor (or a country) with its mentions
        wanted = set().union(*(sides(m.participants) for m in asking[q])) if not q[0] else set()
        for ev in evs:
            if q[0] or sides(ev["participants"]) & wanted:
                found.setdefault(ev["id"], ev)
    existing = [found[k] for k in sorted(found)]
    if rows is None:
        docs: dict[str, Any] = {"documents": sorted({s["document"] for ev in existing for s in ev["sources"]})}
        rows = [MentionRow.from_store(r) for r in store.event_mentions(**docs)] if docs["documents"] else []
        known = {m.key for m in rows}
        rows += [m for m in pending if m.key not in known]
    return _merge_into(store, rows, pending, existing, stats, again)


def _merge_into(store: Store, rows: list[MentionRow], pending: list[MentionRow],
                existing: list[dict[str, Any]], stats: MergeStats, again: frozenset[str] = frozenset()) -> MergeStats:
    """Rebuild these stored events as clusters (without the mentions of documents analysed
    `again`, or of documents gone), add the pending mentions, write what changed."""
    ids = {p for ev in existing for p in ev["participants"] + ([ev["place"]] if ev["place"] else [])}
    ids |= {p for m in pending for p in m.participants + ([m.place] if m.place else [])}
    ids |= {p for m in rows for p in m.participants}  # (a city among them, see places_out)
    names = _names(store, ids)
    sites = place_sites(ids)
    places_out(rows, names[1], sites)
    places_out(pending, names[1], sites)
    merger = Merger(names[1], affiliations(ids), sites)
    by_key = {m.key: m for m in rows}
    emptied: set[str] = set()
    kept: dict[frozenset[tuple[str, str]], str] = {}  # members of an event read back, unchanged -> its id
    members: list[MentionRow] = []
    for ev in sorted(existing, key=lambda e: e["id"]):
        own = [by_key[(s["document"], s["mention"])] for s in ev["sources"]
               if (s["document"], s["mention"]) in by_key and s["document"] not in again]
        if not own:
            emptied.add(ev["id"])
            continue
        if len(own) == len(ev["sources"]):  # (one that lost a source is written again)
            kept[frozenset(m.key for m in own)] = ev["id"]
        members.extend(own)
    stats.loaded = len(existing) - len(emptied)
    # the events read back are clustered again with the new mentions, in the order a full merge
    # takes them: placing the new ones into the old clusters as they stand would make the events
    # depend on the order the articles arrived in
    for m in sorted(members + pending, key=_order):
        merger.add(m)
    for c in merger.clusters:
        c.old_id = kept.get(frozenset(m.key for m in c.members))
        c.changed = c.old_id is None
    changed = [c for c in merger.clusters if c.changed]
    events = [build_event(c, names) for c in changed]
    unchanged = {c.old_id for c in merger.clusters if not c.changed}
    removed = sorted({ev["id"] for ev in existing} - unchanged - {e.id for e in events})
    store.upsert_events(events, removed=removed)
    stats.mode, stats.mentions, stats.written, stats.removed = "incremental", len(pending), len(events), len(removed)
    stats.comparisons = merger.comparisons
    return stats
