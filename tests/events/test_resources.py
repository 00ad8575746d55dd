"""Every entry of the events stage's vocabulary files runs its own example."""

from __future__ import annotations

import pytest

from veille.events.extract import find_event_mentions, trigger_keys
from veille.resources import load_resource

TRIGGERS = load_resource("events", "triggers")
STATUS = load_resource("events", "status")
ARGUMENTS = load_resource("events", "arguments")


def _id(entry: dict) -> str:
    return f"{entry.get('lemma') or entry.get('word') or '-'.join(entry.get('words', []))}:{entry['example'][:30]}"


@pytest.mark.parametrize("entry", TRIGGERS["triggers"], ids=_id)
def test_triggers_example_gives_its_event(parse, entry):
    doc = parse(entry["example"])
    found = find_event_mentions(doc, keep_empty=True)
    forms = {entry["lemma"], *entry.get("forms", [])}
    mine = [e for e in found if any(t.idx == e.trigger.start and forms & set(trigger_keys(t)) for t in doc)]
    assert mine, f"no trigger {entry['lemma']} found in {entry['example']!r}: {found}"
    want = entry["expect"]
    assert mine[0].type == want["type"]
    if "mode" in want:
        assert mine[0].mode == want["mode"]
    if "status" in want:
        assert mine[0].status == want["status"]


@pytest.mark.parametrize("entry", TRIGGERS["mode_cues"], ids=_id)
def test_mode_cues_example_sets_mode(parse, entry):
    found = find_event_mentions(parse(entry["example"]), keep_empty=True)
    consult = [e for e in found if e.type == entry["expect"]["type"]]
    assert consult and consult[0].mode == entry["expect"]["mode"]


STATUS_ENTRIES = [e for key in ("control", "happen_verbs", "failure_words", "negation_words", "noun_modifiers")
                  for e in STATUS[key]]


@pytest.mark.parametrize("entry", STATUS_ENTRIES, ids=_id)
def test_status_example_gives_its_status(parse, entry):
    """The last event of the example (the governed one) has the expected status."""
    found = find_event_mentions(parse(entry["example"]), keep_empty=True)
    assert found, entry["example"]
    last = max(found, key=lambda e: e.trigger.start)
    assert last.status == entry["expect"], (entry["example"], found)


ARGUMENT_ENTRIES = [e for key in ("support_verbs", "participation_cases", "partner_cases", "place_cases",
                                  "attendance", "pair_nouns", "host_nouns", "measure_nouns",
                                  "representative_nouns") for e in ARGUMENTS[key]]


@pytest.mark.parametrize("entry", ARGUMENT_ENTRIES, ids=_id)
def test_arguments_example_finds_participants_and_place(parse, entry):
    from tests.events.conftest import slug

    places = [entry["place"]] if entry.get("place") else []
    doc = parse(entry["example"], names=entry["participants"], places=places)
    found = find_event_mentions(doc)
    want = {slug(n) for n in entry["participants"]}
    hits = [e for e in found if want <= set(e.participants)]
    assert hits, (entry["example"], found)
    if places:
        assert any(e.place == slug(places[0]) for e in hits), (entry["example"], hits)


DATE_ENTRIES = [e for key in ("relative_cases", "anchor_cases", "not_event_time") for e in ARGUMENTS[key]]


@pytest.mark.parametrize("entry", DATE_ENTRIES, ids=_id)
def test_dates_example_dates_its_event(parse, entry):
    names = ["Luc Faure", "Sophie Blanc", "Jean Petit", "Alice Bernard"]
    # no publication day for the phrases that must not date the event: an undated passé
    # composé would otherwise take that day
    doc = parse(entry["example"], names=[n for n in names if n in entry["example"]],
                published="2025-06-10" if entry["date"] else None)
    found = find_event_mentions(doc)
    assert found
    if entry["date"] is None:
        assert all(e.date is None for e in found), found
    else:
        # the event dated by the rule is the one that has no date of its own in the text
        assert entry["date"] in {e.date for e in found}, found


@pytest.mark.parametrize("entry", ARGUMENTS["anchor_cases"], ids=_id)
def test_anchor_cases_example_dates_the_anchored_clause(parse, entry):
    """The clause the anchor introduces (its last event) takes the date of the event it names;
    the same sentence without the anchor phrase keeps the publication day."""
    names = ["Luc Faure", "Sophie Blanc", "Jean Petit"]
    first, _sep, rest = entry["example"].partition(". ")
    last = max(find_event_mentions(parse(entry["example"], names=names)), key=lambda e: e.trigger.start)
    assert last.trigger.start > len(first) and last.date == entry["date"]
    bare = first + ". " + rest.split(", ", 1)[1]
    last = max(find_event_mentions(parse(bare, names=names)), key=lambda e: e.trigger.start)
    assert last.trigger.start > len(first) and last.date != entry["date"]


@pytest.mark.parametrize("entry", ARGUMENTS["immediate_adverbs"], ids=_id)
def test_immediate_adverbs_example_dates_the_next_event(parse, entry):
    names = ["Luc Faure", "Sophie Blanc", "Jean Petit"]
    doc = parse(entry["example"], names=names)
    last = max(find_event_mentions(doc), key=lambda e: e.trigger.start)
    assert last.trigger.text != "rencontré" and last.date == entry["date"]
    # without the adverb the event does not take the date of the event before
    plain = parse(entry["example"].replace(f" {entry['word']}", ""), names=names)
    last = max(find_event_mentions(plain), key=lambda e: e.trigger.start)
    assert last.trigger.text != "rencontré" and last.date != entry["date"]


@pytest.mark.parametrize("entry", ARGUMENTS["hours_later"], ids=_id)
def test_hours_later_example_dates_the_event_on_the_day_before_told(parse, entry):
    from veille.model import Timex

    names = ["Luc Faure", "Sophie Blanc", "Jean Petit"]
    doc = parse(entry["example"], names=names, published=None)
    start = entry["example"].index("Quelques heures")
    hours = Timex("t9", start, start + len("Quelques heures"), "Quelques heures", "DURATION", "PTXH", anchor=None)
    doc._.timexes = [*doc._.timexes, hours]
    last = max(find_event_mentions(doc), key=lambda e: e.trigger.start)
    assert last.trigger.text == "appelé" and last.date == entry["date"]
    # days later is another day
    doc._.timexes = [*doc._.timexes[:-1], Timex("t9", hours.start, hours.end, hours.text, "DURATION", "P3D")]
    last = max(find_event_mentions(doc), key=lambda e: e.trigger.start)
    assert last.trigger.text == "appelé" and last.date != entry["date"]


@pytest.mark.parametrize("entry", ARGUMENTS["split_modifiers"], ids=_id)
def test_split_modifiers_example_gives_one_event_per_partner(parse, entry):
    doc = parse(entry["example"], names=["Luc Faure", "Sophie Blanc", "Jean Petit"])
    found = find_event_mentions(doc)
    assert len([e for e in found if e.type == "CONSULT"]) == entry["events"]


@pytest.mark.parametrize("entry", ARGUMENTS["territory_nouns"], ids=_id)
def test_territory_nouns_example_places_the_event_in_the_country(parse, entry):
    from tests.events.conftest import slug
    from veille.events.extract import _kb

    if "demonym" in entry:
        country = _kb().by_demonym[entry["demonym"]]
        found = find_event_mentions(parse(entry["example"], names=["Bordurie"]))
    else:
        country = slug(entry["place"])
        found = find_event_mentions(parse(entry["example"], names=["Bordurie"], places=[entry["place"]]))
    assert any(e.place == country for e in found), (entry["example"], found)


@pytest.mark.parametrize("entry", ARGUMENTS["object_control"], ids=_id)
def test_object_control_example_gives_the_object_as_actor(parse, entry):
    from tests.events.conftest import slug

    found = find_event_mentions(parse(entry["example"], names=["Syldavie", "Bordurie"]))
    [event] = [e for e in found if e.trigger.text == entry["trigger"]]
    assert event.participants[0] == slug(entry["actor"]), (entry["example"], found)
    assert slug("Syldavie") not in event.participants[:1]


@pytest.mark.parametrize("entry", ARGUMENTS["not_recent_adverbs"], ids=_id)
def test_not_recent_adverbs_example_keeps_the_event_undated(parse, entry):
    names = ["Luc Faure", "Sophie Blanc"]
    [event] = find_event_mentions(parse(entry["example"], names=names))
    assert event.date is None, event
    # without the adverb, the undated passé composé reports the day of publication
    plain = entry["example"].replace(f" {entry['word']}", "").replace("n'a rencontré", "a rencontré")
    [event] = find_event_mentions(parse(plain, names=names, published="2025-06-10"))
    assert event.date == "2025-06-10", (plain, event)


@pytest.mark.parametrize("entry", ARGUMENTS["demonym_prefixes"], ids=lambda e: e["prefix"])
def test_demonym_prefixes_example_names_both_countries(parse, entry):
    from veille.events.extract import _demonym, _kb

    kb = _kb()
    assert _demonym(kb, entry["demonym"]) is not None, entry["demonym"]
    countries = [_demonym(kb, d) for d in entry["countries"]]
    found = find_event_mentions(parse(entry["example"]))
    assert any(set(countries) <= set(e.participants) for e in found), (entry["example"], found)
