"""The actor knowledge base: loading, validation and the indexes the linker needs.

The data lives in `actors/resources/fr/kb/*.yaml` (format in docs/ARCHITECTURE.md). `load_kb()`
reads every file once per process and validates it: unique ids, id format (`Q123` or
`kb:slug`), known types, ordered role dates, and references (`of`, `country`, `capital`,
`seat_of`, `capital_of`) that point at existing entries. A malformed entry raises
VeilleError("E012"); the spaCy component loads with `strict=False`, which skips (and logs) bad
entries so one broken line never stops a whole run.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from veille.actors.names import fold
from veille.errors import VeilleError
from veille.model import Entity
from veille.resources import load_resource, resource_path

log = logging.getLogger(__name__)

ID_RE = re.compile(r"^(Q\d+|kb:[a-z0-9]+(?:-[a-z0-9]+)*)$")
WIKIDATA_RE = re.compile(r"^Q\d+$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")
_DEPUTY = re.compile(r"\b(adjoint|adjointe|vice|delegue|deleguee|sous)\b")
ROLE_KEYS = ("head_of_state", "head_of_government", "vice_president", "foreign_minister",
             "defence_minister", "minister", "leader", "envoy", "spokesperson", "monarch",
             "chief_of_staff", "ambassador")


def parse_date(value: Any, *, end: bool = False) -> dt.date:
    """An ISO date, or the first (last with `end`) day of a `YYYY` / `YYYY-MM` period."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if not DATE_RE.match(text):
        raise ValueError(f"not a date: {value!r}")
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        if not end:
            return dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


@dataclass(frozen=True, slots=True)
class Role:
    """One office held by a person: `role` key, of whom (`of`), from `start` to `end` (None = now)."""

    role: str
    of: str
    title: str | None
    start: dt.date | None
    end: dt.date | None
    portfolio: str | None = None

    def active(self, lo: dt.date, hi: dt.date) -> int:
        """Days of [lo, hi] during which the role was held (0 = not held)."""
        start = self.start or dt.date.min
        end = self.end or dt.date.max
        a, b = max(start, lo), min(end, hi)
        return (b - a).days + 1 if a <= b else 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "of": self.of, "title": self.title,
                               "start": self.start.isoformat() if self.start else None,
                               "end": self.end.isoformat() if self.end else None}
        if self.portfolio:
            out["portfolio"] = self.portfolio
        return out


@dataclass(slots=True)
class KBEntry:
    id: str
    type: str
    name: str
    wikidata: str | None = None
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    country: str | None = None
    description: str | None = None
    roles: list[Role] = field(default_factory=list)
    example: str | None = None
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    capital_of: str | None = None
    # a city whose name, when it acts, stands for a body seated there rather than for the
    # country it is the capital of ("Bruxelles a annoncé": the European Union)
    acts_for: str | None = None
    seat_of: tuple[str, str] | None = None  # (role key, of)
    source: str = ""
    # common nouns the press refers back with ("l'Alliance", "le bloc"), and its example
    nouns: list[str] = field(default_factory=list)
    noun_example: str | None = None
    # a person's stock epithets ("le milliardaire républicain"), and its example
    epithets: list[str] = field(default_factory=list)
    epithet_example: str | None = None

    def names(self) -> list[str]:
        """Canonical name, English name and aliases, without duplicates, in that order."""
        seen: dict[str, None] = {}
        for n in [self.name, self.name_en or "", *self.aliases]:
            if n and n not in seen:
                seen[n] = None
        return list(seen)

    def to_entity(self, extra_aliases: Iterable[str] = ()) -> Entity:
        aliases = [n for n in self.names() if n != self.name]
        for a in extra_aliases:
            if a != self.name and a not in aliases:
                aliases.append(a)
        return Entity(id=self.id, name=self.name, type=self.type,  # type: ignore[arg-type]
                      wikidata=self.wikidata, aliases=aliases, description=self.description)


class KnowledgeBase(Mapping[str, KBEntry]):
    """Entries by id, with the lookup indexes built once."""

    def __init__(self, entries: Iterable[KBEntry]):
        self.entries: dict[str, KBEntry] = {e.id: e for e in entries}
        self.by_name: dict[str, list[str]] = {}
        self.by_demonym: dict[str, str] = {}
        self.holders: dict[tuple[str, str], list[tuple[str, Role]]] = {}
        self.seats: dict[tuple[str, str], str] = {}
        self.by_noun: dict[str, list[str]] = {}
        self.by_epithet: dict[str, list[str]] = {}
        self.noun_first: set[str] = set()  # first words of `nouns`, to test tokens cheaply
        self.epithet_first: set[str] = set()
        for e in self.entries.values():
            for n in e.nouns:
                self.by_noun.setdefault(fold(n), []).append(e.id)
                self.noun_first.add(fold(n).split()[0])
            for n in e.epithets:
                self.by_epithet.setdefault(fold(n), []).append(e.id)
                self.epithet_first.add(fold(n).split()[0])
            for n in e.names():
                ids = self.by_name.setdefault(fold(n), [])
                if e.id not in ids:
                    ids.append(e.id)
            for d in e.demonyms:
                self.by_demonym.setdefault(fold(d), e.id)
            for r in e.roles:
                self.holders.setdefault((r.role, r.of), []).append((e.id, r))
            if e.seat_of:
                self.seats.setdefault(e.seat_of, e.id)

    def __getitem__(self, key: str) -> KBEntry:
        return self.entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str) -> list[str]:
        """Ids whose name or alias folds to `name` (canonical-name matches first)."""
        return self.by_name.get(fold(name), [])

    def holder(self, role: str, of: str, lo: dt.date, hi: dt.date, exclude: str | None = None,
               title: str | None = None, hint: str | None = None) -> str | None:
        """Who held `role` of `of` during [lo, hi]: the longest overlap when holders succeed each
        other. When several people held it at the same time (envoys, spokespeople), the one whose
        own title is `title` exactly, else the only one whose title mentions `hint`, else None."""
        found = [(pid, r, r.active(lo, hi)) for pid, r in self.holders.get((role, of), [])
                 if pid != exclude and r.active(lo, hi) > 0]
        if not found:
            return None
        people = {pid for pid, _r, _d in found}
        if len(people) > 1 and _concurrent(found):
            titled = [(pid, fold(r.title)) for pid, r, _d in found if r.title]
            exact = {pid for pid, t in titled if title and t == fold(title)}
            if len(exact) == 1:
                return exact.pop()
            hinted = {pid for pid, t in titled if hint and fold(hint) in t}
            if len(hinted) == 1:
                return hinted.pop()
            # "le chef de l'ONU": the head, not a deputy who also leads part of it
            heads = {pid for pid, r, _d in found if not (r.title and _DEPUTY.search(fold(r.title)))}
            return heads.pop() if len(heads) == 1 else None
        best = max(found, key=lambda x: (x[2], x[1].start or dt.date.min, x[0]))
        return best[0]

    def roles_at(self, pid: str, lo: dt.date, hi: dt.date) -> list[Role]:
        e = self.entries.get(pid)
        return [r for r in e.roles if r.active(lo, hi) > 0] if e else []

    def country_of(self, eid: str) -> str | None:
        """The country an entity belongs to (itself for a country, its seat's country...)."""
        e = self.entries.get(eid)
        if e is None:
            return None
        if e.demonyms or (e.type == "GPE" and e.capital):
            return e.id
        if e.capital_of:
            return e.capital_of
        if e.seat_of:
            return e.seat_of[1]
        return e.country


def _concurrent(found: list[tuple[str, Role, int]]) -> bool:
    """Did two different people hold the role at the same time?"""
    for i, (p1, r1, _d1) in enumerate(found):
        for p2, r2, _d2 in found[i + 1:]:
            # a one-day overlap is a handover (the old term ends the day the new one starts)
            if p1 != p2 and r1.active(r2.start or dt.date.min, r2.end or dt.date.max) > 1:
                return True
    return False


# -- validation ------------------------------------------------------------------------------

def _fail(source: str, entry: Any, reason: str) -> VeilleError:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return VeilleError("E012", f"{source}: knowledge base entry {ident or '?'}: {reason}")


def _str_list(value: Any, what: str, source: str, raw: dict[str, Any]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(source, raw, f"{what} must be a list of non-empty strings")
    return [v.strip() for v in value]


def _opt_str(raw: dict[str, Any], key: str, source: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, raw, f"{key} must be a non-empty string or null")
    return value.strip()


def _parse_role(raw_role: Any, source: str, raw: dict[str, Any]) -> Role:
    if not isinstance(raw_role, dict):
        raise _fail(source, raw, "each role must be a mapping")
    key, of = raw_role.get("role"), raw_role.get("of")
    if key not in ROLE_KEYS:
        raise _fail(source, raw, f"unknown role {key!r}")
    if not isinstance(of, str) or not ID_RE.match(of):
        raise _fail(source, raw, f"role {key}: 'of' must be an entity id, not {of!r}")
    try:
        start = parse_date(raw_role["start"]) if raw_role.get("start") is not None else None
        end = parse_date(raw_role["end"], end=True) if raw_role.get("end") is not None else None
    except ValueError as exc:
        raise _fail(source, raw, f"role {key}: {exc}") from exc
    if start and end and end < start:
        raise _fail(source, raw, f"role {key} of {of}: end {end} is before start {start}")
    title = raw_role.get("title")
    portfolio = raw_role.get("portfolio")
    return Role(role=key, of=of, title=str(title) if title else None, start=start, end=end,
                portfolio=str(portfolio) if portfolio else None)


def parse_entry(raw: Any, source: str) -> KBEntry:
    """One YAML entry -> KBEntry; raises VeilleError E012 when it is malformed."""
    if not isinstance(raw, dict):
        raise _fail(source, raw, "an entry must be a mapping")
    eid = raw.get("id")
    if not isinstance(eid, str) or not ID_RE.match(eid):
        raise _fail(source, raw, f"id must look like Q123 or kb:some-slug, not {eid!r}")
    wikidata = raw.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not WIKIDATA_RE.match(wikidata)):
        raise _fail(source, raw, f"wikidata must be Q123 or null, not {wikidata!r}")
    if eid.startswith("Q") and wikidata is not None and wikidata != eid:
        raise _fail(source, raw, f"id {eid} and wikidata {wikidata} differ")
    etype = raw.get("type")
    if etype not in TYPES:
        raise _fail(source, raw, f"type must be one of {', '.join(TYPES)}, not {etype!r}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, raw, "name is required")
    gender = raw.get("gender")
    if gender not in (None, "m", "f"):
        raise _fail(source, raw, f"gender must be m, f or null, not {gender!r}")
    roles_raw = raw.get("roles") or []
    if not isinstance(roles_raw, list):
        raise _fail(source, raw, "roles must be a list")
    roles = [_parse_role(r, source, raw) for r in roles_raw]
    if roles and etype != "PER":
        raise _fail(source, raw, "only PER entries have roles")
    seat = raw.get("seat_of")
    seat_of: tuple[str, str] | None = None
    if seat is not None:
        if not isinstance(seat, dict) or seat.get("role") not in ROLE_KEYS or not isinstance(seat.get("of"), str):
            raise _fail(source, raw, "seat_of must be {role: <role key>, of: <entity id>}")
        seat_of = (seat["role"], seat["of"])
    example = raw.get("example")
    for key in ("example", "noun_example", "epithet_example"):
        if raw.get(key) is not None and not isinstance(raw.get(key), str):
            raise _fail(source, raw, f"{key} must be a string")
    nouns = _str_list(raw.get("nouns"), "nouns", source, raw)
    epithets = _str_list(raw.get("epithets"), "epithets", source, raw)
    if nouns and etype == "PER":
        raise _fail(source, raw, "nouns are for organisations and places; people have epithets")
    if epithets and etype != "PER":
        raise _fail(source, raw, "only PER entries have epithets")
    if (nouns and not raw.get("noun_example")) or (epithets and not raw.get("epithet_example")):
        raise _fail(source, raw, "nouns and epithets need their own example (noun_example, epithet_example)")
    return KBEntry(
        id=eid, type=etype, name=name.strip(), wikidata=wikidata,
        name_en=_opt_str(raw, "name_en", source),
        aliases=_str_list(raw.get("aliases"), "aliases", source, raw),
        gender=gender, country=_opt_str(raw, "country", source),
        description=_opt_str(raw, "description", source), roles=roles, example=example,
        demonyms=_str_list(raw.get("demonyms"), "demonyms", source, raw),
        capital=_opt_str(raw, "capital", source), capital_of=_opt_str(raw, "capital_of", source),
        acts_for=_opt_str(raw, "acts_for", source), seat_of=seat_of, source=source, nouns=nouns, noun_example=raw.get("noun_example"),
        epithets=epithets, epithet_example=raw.get("epithet_example"),
    )


def _references(entry: KBEntry) -> list[tuple[str, str]]:
    refs = [("country", entry.country), ("capital", entry.capital), ("capital_of", entry.capital_of),
            ("acts_for", entry.acts_for), ("seat_of.of", entry.seat_of[1] if entry.seat_of else None)]
    refs += [(f"role {r.role}.of", r.of) for r in entry.roles]
    return [(what, ref) for what, ref in refs if ref]


def build_kb(sources: Iterable[tuple[str, Any]], strict: bool = True) -> KnowledgeBase:
    """Validate parsed YAML documents `(source name, {"entities": [...]})` into a KnowledgeBase.

    strict: raise VeilleError E012 on the first malformed entry; otherwise log and skip it.
    """
    entries: dict[str, KBEntry] = {}

    def reject(err: VeilleError) -> None:
        if strict:
            raise err
        log.warning("%s", err)

    for source, data in sources:
        items = data.get("entities") if isinstance(data, dict) else None
        if not isinstance(items, list):
            reject(VeilleError("E012", f"{source}: expected a top-level 'entities:' list"))
            continue
        for raw in items:
            try:
                entry = parse_entry(raw, source)
            except VeilleError as err:
                reject(err)
                continue
            if entry.id in entries:
                reject(VeilleError("E012", f"{source}: duplicate id {entry.id} "
                                           f"(also in {entries[entry.id].source})"))
                continue
            entries[entry.id] = entry
    # references: drop (or reject) entries that point at unknown ids, until stable
    changed = True
    while changed:
        changed = False
        for entry in list(entries.values()):
            bad = [f"{what} -> {ref}" for what, ref in _references(entry) if ref not in entries]
            if bad:
                reject(VeilleError("E012", f"{entry.source}: knowledge base entry {entry.id}: "
                                           f"unknown reference {', '.join(bad)}"))
                del entries[entry.id]
                changed = True
    return KnowledgeBase(sorted(entries.values(), key=lambda e: e.id))


def kb_files() -> list[str]:
    """Names (`kb/<stem>`) of the knowledge base files, sorted."""
    folder: Path = resource_path("actors", "kb").with_suffix("")
    return [f"kb/{p.stem}" for p in sorted(folder.glob("*.yaml"))]


@lru_cache(maxsize=2)
def load_kb(strict: bool = True) -> KnowledgeBase:
    """The whole knowledge base (cached). strict=False skips malformed entries with a warning."""
    sources: list[tuple[str, Any]] = []
    for name in kb_files():
        try:
            sources.append((name, load_resource("actors", name)))
        except VeilleError as err:
            if strict:
                raise VeilleError("E012", str(err.message)) from err
            log.warning("%s", err)
    return build_kb(sources, strict=strict)
