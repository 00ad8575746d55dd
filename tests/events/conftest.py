"""Helpers for the events stage's tests: parse a sentence with spaCy alone, then give it the
actor mentions and time expressions the other stages would write, built by hand."""

from __future__ import annotations

import re
import unicodedata

import pytest

from veille.model import Entity, Mention, Published, Timex

MONTHS = {m: i + 1 for i, m in enumerate(
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
     "novembre", "décembre"])}
NUMBERS = {"un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8}
# names the tests use for states (the rest are people); anything in `places` is a LOC
STATES = {"Syldavie", "Bordurie"}
SPACY_PIPES = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner")


def slug(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return "ent:" + re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def hand_timexes(text: str) -> list[Timex]:
    """The dates ("le 4 mars 2024", "mars 2024") and day counts ("trois jours") of a sentence."""
    found: list[tuple[int, int, str, str]] = []
    month = "|".join(MONTHS)
    for m in re.finditer(rf"(?:le )?(\d{{1,2}}) ({month}) (\d{{4}})", text):
        found.append((m.start(), m.end(), "DATE", f"{m.group(3)}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"))
    for m in re.finditer(rf"(?<!\d )({month}) (\d{{4}})", text):
        if not any(s <= m.start() < e for s, e, _t, _v in found):
            found.append((m.start(), m.end(), "DATE", f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"))
    for m in re.finditer(r"\b(" + "|".join(NUMBERS) + r") jours\b", text):
        found.append((m.start(), m.end(), "DURATION", f"P{NUMBERS[m.group(1)]}D"))
    found.sort()
    return [Timex(f"t{i + 1}", s, e, text[s:e], t, v, anchor="dct")  # type: ignore[arg-type]
            for i, (s, e, t, v) in enumerate(found)]


def hand_mentions(text: str, names: list[str], places: list[str] = ()) -> tuple[list[Mention], dict[str, Entity]]:
    mentions: list[Mention] = []
    entities: dict[str, Entity] = {}
    for name in dict.fromkeys([*names, *places]):
        kind = "LOC" if name in places and name not in names else "GPE" if name in STATES else "PER"
        eid = slug(name)
        entities[eid] = Entity(eid, name, kind)  # type: ignore[arg-type]
        for m in re.finditer(re.escape(name), text):
            mentions.append(Mention(m.start(), m.end(), name, eid, kind, "name"))
    mentions.sort(key=lambda m: m.start)
    return mentions, entities


@pytest.fixture(scope="session")
def parse(nlp):
    """parse(text, names=[...], places=[...], published=...) -> Doc with hand-made mentions and
    time expressions (spaCy's parse only: the other veille stages do not run)."""

    def run(text: str, names: list[str] = (), places: list[str] = (), published: str | None = "2025-06-10",
            timexes: bool = True):
        enabled = [p for p in nlp.pipe_names if p in SPACY_PIPES]
        with nlp.select_pipes(enable=enabled):
            doc = nlp.make_doc(text)
            doc._.published = Published(published, "metadata" if published else "unknown")
            doc = nlp(doc)
        doc._.mentions, doc._.entities = hand_mentions(text, list(names), list(places))
        doc._.timexes = hand_timexes(text) if timexes else []
        return doc

    return run


def leaders_of_two_countries() -> tuple[str, str, str]:
    """Two knowledge-base people of different countries, and the first one's country."""
    from veille.actors.kb import load_kb

    kb = load_kb(strict=False)
    people = [e for e in kb.entries.values() if e.type == "PER" and kb.country_of(e.id)]
    first = people[0]
    other = next(e for e in people if kb.country_of(e.id) != kb.country_of(first.id))
    country = kb.country_of(first.id)
    assert country is not None
    return first.id, other.id, country

