"""The events stage's vocabulary, loaded once from resources/fr/*.yaml into lookup tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from veille.resources import load_resource


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    type: str
    pos: frozenset[str]
    forms: frozenset[str] = frozenset()
    mode: str | None = None
    reflexive: bool | None = None
    with_: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()  # and one of these too ("mettre" with "fin" and "aide")
    author: frozenset[str] = frozenset()  # the subject is one of these nouns ("un rapport prouvant que")
    without: frozenset[str] = frozenset()  # none of these words on the trigger ("en tête-à-tête": a manner)
    prep: str | None = None
    needs_partner: bool = False
    needs_place: bool = False
    negated_type: str | None = None  # "ne pas accepter" is a REJECT that occurred


@dataclass(frozen=True)
class Rules:
    triggers: dict[str, list[TriggerRule]]  # by lemma and by surface form
    mode_cues: dict[str, str]
    control: dict[str, tuple[str, str | None, str | None]]  # lemma -> (status, negated status, prep)
    happen: frozenset[str]
    failure: tuple[tuple[str, ...], ...]
    negation: frozenset[str]
    noun_modifiers: dict[str, str]
    support_verbs: frozenset[str]
    participation_cases: tuple[tuple[str, ...], ...]
    partner_cases: frozenset[str]
    place_cases: frozenset[str]
    attendance: frozenset[str]
    pair_nouns: frozenset[str]
    relative_cases: dict[str, int]
    anchor_cases: tuple[tuple[tuple[str, ...], int], ...]
    not_event_time: tuple[tuple[str, ...], ...]
    split_modifiers: frozenset[str]
    extra: dict[str, Any] = field(default_factory=dict)
    territory_nouns: frozenset[str] = frozenset()
    host_nouns: frozenset[str] = frozenset()
    object_control: frozenset[str] = frozenset()
    measure_nouns: frozenset[str] = frozenset()
    immediate_adverbs: frozenset[str] = frozenset()
    hours_later: tuple[tuple[str, ...], ...] = ()  # "quelques heures plus tard": the day of the event before
    not_recent_adverbs: frozenset[str] = frozenset()
    person_pair_nouns: frozenset[str] = frozenset()  # "les deux dirigeants" are people, "les deux pays" not
    state_pair_nouns: frozenset[str] = frozenset()  # "les deux pays" are states
    demonym_prefixes: dict[str, str] = field(default_factory=dict)  # "russo" (-ukrainien) -> "russe"
    representative_nouns: frozenset[str] = frozenset()  # "une délégation du Hamas" acts for the Hamas


def _words(value: Any) -> tuple[str, ...]:
    return tuple(str(w).lower() for w in value)


def _trigger(entry: dict[str, Any]) -> TriggerRule:
    pos = entry["pos"]
    return TriggerRule(
        lemma=str(entry["lemma"]).lower(), type=entry["type"],
        pos=frozenset([pos] if isinstance(pos, str) else pos),
        forms=frozenset(str(f).lower() for f in entry.get("forms", [])),
        mode=entry.get("mode"), reflexive=entry.get("reflexive"),
        with_=frozenset(str(w).lower() for w in entry.get("with", [])),
        also=frozenset(str(w).lower() for w in entry.get("also", [])),
        author=frozenset(str(w).lower() for w in entry.get("author", [])),
        without=frozenset(str(w).lower() for w in entry.get("without", [])),
        prep=entry.get("prep"), needs_partner=bool(entry.get("needs_partner")),
        needs_place=bool(entry.get("needs_place")), negated_type=entry.get("negated_type"))


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    trig = load_resource("events", "triggers")
    status = load_resource("events", "status")
    args = load_resource("events", "arguments")
    triggers: dict[str, list[TriggerRule]] = {}
    for entry in trig["triggers"]:
        rule = _trigger(entry)
        for key in {rule.lemma, *rule.forms}:
            triggers.setdefault(key, []).append(rule)
    return Rules(
        triggers=triggers,
        mode_cues={str(c["lemma"]).lower(): c["mode"] for c in trig.get("mode_cues", [])},
        control={str(c["lemma"]).lower(): (c["status"], c.get("negated_status"), c.get("prep"))
                 for c in status["control"]},
        happen=frozenset(str(h["lemma"]).lower() for h in status["happen_verbs"]),
        failure=tuple(_words(f["words"]) for f in status["failure_words"]),
        negation=frozenset(str(n["word"]).lower() for n in status["negation_words"] if not n.get("infinitive")),
        noun_modifiers={str(m["lemma"]).lower(): m["status"] for m in status["noun_modifiers"]},
        support_verbs=frozenset(str(v["lemma"]).lower() for v in args["support_verbs"]),
        participation_cases=tuple(_words(c["words"]) for c in args["participation_cases"]),
        partner_cases=frozenset(str(c["word"]).lower() for c in args["partner_cases"]),
        place_cases=frozenset(str(c["word"]).lower() for c in args["place_cases"]),
        attendance=frozenset(str(a["lemma"]).lower() for a in args["attendance"]),
        pair_nouns=frozenset(str(p["lemma"]).lower() for p in args["pair_nouns"]),
        relative_cases={str(c["word"]).lower(): int(c["sign"]) for c in args["relative_cases"]},
        anchor_cases=tuple((_words(c["words"]), int(c["offset"])) for c in args["anchor_cases"]),
        not_event_time=tuple(_words(c["words"]) for c in args["not_event_time"]),
        split_modifiers=frozenset(str(m["lemma"]).lower() for m in args["split_modifiers"]),
        territory_nouns=frozenset(str(t["lemma"]).lower() for t in args.get("territory_nouns", [])),
        host_nouns=frozenset(str(t["lemma"]).lower() for t in args.get("host_nouns", [])),
        object_control=frozenset(str(t["lemma"]).lower() for t in args.get("object_control", [])),
        measure_nouns=frozenset(str(t["lemma"]).lower() for t in args.get("measure_nouns", [])),
        immediate_adverbs=frozenset(str(t["word"]).lower() for t in args.get("immediate_adverbs", [])),
        hours_later=tuple(_words(c["words"]) for c in args.get("hours_later", [])),
        person_pair_nouns=frozenset(str(p["lemma"]).lower() for p in args["pair_nouns"] if p.get("person")),
        state_pair_nouns=frozenset(str(p["lemma"]).lower() for p in args["pair_nouns"] if p.get("state")),
        not_recent_adverbs=frozenset(str(t["word"]).lower() for t in args.get("not_recent_adverbs", [])),
        demonym_prefixes={str(t["prefix"]).lower(): str(t["demonym"]).lower()
                          for t in args.get("demonym_prefixes", [])},
        representative_nouns=frozenset(str(t["lemma"]).lower() for t in args.get("representative_nouns", [])),
    )
