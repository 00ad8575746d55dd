"""Every rule and vocabulary entry of src/veille/timex/resources/fr runs as a test."""

from __future__ import annotations

import re

import pytest

from veille.resources import load_resource
from veille.timex.rules import load_rules
from veille.timex.vocab import number_words, table

RULES = load_rules()


def _found(doc, span: str):
    return [t for t in doc.timexes if t.text == span]


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_resources_rule_example(analyze_text, rule):
    ex = rule.example
    assert {"text", "anchor", "span", "value"} <= set(ex), f"rule {rule.name} lacks a complete example"
    assert ex["span"] in ex["text"]
    doc = analyze_text(ex["text"], published=ex["anchor"])
    hits = _found(doc, ex["span"])
    assert hits, f"{rule.name}: no timex '{ex['span']}' in {[(t.text, t.value) for t in doc.timexes]}"
    assert hits[0].value == ex["value"], f"{rule.name}: {hits[0].value} != {ex['value']}"
    assert rule.regex.search(ex["text"]), f"{rule.name}: its own pattern does not match its example"


@pytest.mark.parametrize("name,month", sorted(table("months").items()))
def test_resources_every_month_name(analyze_text, name, month):
    doc = analyze_text(f"Le texte a été adopté le 3 {name} 2020 par les députés.")
    assert [t.value for t in doc.timexes] == [f"2020-{month:02d}-03"]


@pytest.mark.parametrize("name,weekday", [(k, v) for k, v in sorted(table("weekdays").items())
                                          if not k.endswith("s")])
def test_resources_every_weekday(analyze_text, name, weekday):
    # 2025-08-19 is a Tuesday: "<weekday> dernier" is the last one strictly before it
    doc = analyze_text(f"Le maire a parlé {name} dernier devant le conseil.")
    day = 19 - ((2 - weekday) % 7 or 7)
    assert [t.value for t in doc.timexes] == [f"2025-08-{day:02d}"]


@pytest.mark.parametrize("name,unit", sorted(table("units").items()))
def test_resources_every_unit(analyze_text, name, unit):
    plural = name if name.endswith(("s", "x")) else name + "s"
    if plural not in table("units"):
        plural = name
    doc = analyze_text(f"Le chantier a été suspendu pendant trois {plural}.")
    times, letter = re.fullmatch(r"(\d*)(\w+)", unit).groups()  # "3M": a trimestre is 3 months
    n = 3 * int(times or 1)
    expected = f"PT{n}{letter[1:]}" if letter.startswith("T") else f"P{n}{letter}"
    assert [t.value for t in doc.timexes] == [expected]


@pytest.mark.parametrize("word,value", sorted(number_words().items()))
def test_resources_every_number_word(analyze_text, word, value):
    if value == 0 or word.startswith("une "):
        pytest.skip("not a count of days")
    doc = analyze_text(f"La grève a duré {word} jours.")
    assert [t.value for t in doc.timexes] == [f"P{value}D"]


@pytest.mark.parametrize("ex", load_resource("timex", "numbers")["examples"], ids=lambda e: e["text"][:30])
def test_resources_number_examples(analyze_text, ex):
    assert ex["value"] in [t.value for t in analyze_text(ex["text"]).timexes]


@pytest.mark.parametrize("ex", load_resource("timex", "units")["examples"], ids=lambda e: e["text"][:30])
def test_resources_unit_examples(analyze_text, ex):
    values = [t.value for t in analyze_text(ex["text"]).timexes]
    if ex.get("timex") is False:
        assert values == []
    else:
        assert ex["value"] in values


@pytest.mark.parametrize("word,value", sorted(table("vague").items()))
def test_resources_every_vague_reference(analyze_text, word, value):
    doc = analyze_text(f"Selon lui, la situation a changé {word}, dit-il.")
    assert (word, value) in [(t.text.lower().replace("’", "'"), t.value) for t in doc.timexes] or \
        value in [t.value for t in doc.timexes]


@pytest.mark.parametrize("word,offset", sorted(table("relative", "days").items()))
def test_resources_every_relative_day(analyze_text, word, offset):
    doc = analyze_text(f"Le ministre a pris la parole {word} devant la presse.")
    assert [t.value for t in doc.timexes] == [f"2025-08-{19 + offset:02d}"]


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_resources_rule_trigger_occurs_in_its_example(rule):
    # a rule runs only over the sentences holding one of its trigger words: its example must
    # hold one (in its span, or for a rule that looks ahead, in its sentence)
    from veille.timex.rules import DIGIT

    assert rule.trigger, f"rule {rule.name} has no trigger"
    where = rule.example["span"] if rule.name != "coordinated_day" else rule.example["text"]
    words = set(re.findall(r"\w+", where.lower()))
    if any(ch.isdigit() for ch in where):
        words.add(DIGIT)
    assert words & rule.trigger, f"{rule.name}: none of {sorted(rule.trigger)[:8]} in '{where}'"
