"""Load and compile the rules of resources/fr/rules.yaml.

A rule pattern names vocabulary pieces by placeholder (`{month}`, `{number:low}`); each becomes
a named regex group, and the rule remembers which vocabulary table gives each group its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from veille.errors import VeilleError
from veille.resources import load_resource
from veille.timex.vocab import STAGE, alternation, number_regex, table

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([a-z_][a-z0-9_]*))?\}")
FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    regex: re.Pattern[str]
    norm: str
    params: dict[str, Any]
    # group name -> (vocabulary file, section) for groups filled from a vocabulary
    vocab: dict[str, tuple[str, str]]
    example: dict[str, Any]
    order: int
    not_after: re.Pattern[str] | None = None
    not_before: re.Pattern[str] | None = None
    pattern: str = field(default="", repr=False)
    # words one of which every match contains (lower case; DIGIT: any word with a digit): the
    # rule runs only over the sentences where one occurs. None: everywhere
    trigger: frozenset[str] | None = None


def _placeholder_regex(spec: dict[str, Any]) -> str:
    if "regex" in spec:
        return str(spec["regex"])
    if spec.get("numbers"):
        return number_regex()
    name, key = spec["vocab"]
    return alternation(list(table(name, key)))


def expand(pattern: str, placeholders: dict[str, dict[str, Any]],
           vocab: dict[str, tuple[str, str]] | None = None, named: bool = True) -> str:
    """Replace `{name}` / `{name:group}` by the placeholder's regex (a named group if `named`)."""

    def sub(m: re.Match[str]) -> str:
        name, group = m.group(1), m.group(2) or m.group(1)
        if name not in placeholders:
            raise VeilleError("E011", f"timex rule uses unknown placeholder {{{name}}}")
        spec = placeholders[name]
        if vocab is not None and "vocab" in spec:
            file_name, section = spec["vocab"]
            vocab[group] = (str(file_name), str(section))
        body = _placeholder_regex(spec)
        return f"(?P<{group}>{body})" if named else f"(?:{body})"

    return PLACEHOLDER.sub(sub, pattern)


DIGIT = "<digit>"
_RUN = re.compile(r"\w+")


def _trigger_words(names: list[str], placeholders: dict[str, dict[str, Any]]) -> frozenset[str]:
    """The words of a rule's `trigger`: a vocabulary placeholder gives the longest word of each
    entry ("la veille" -> "veille"), `digit` any word with a digit, anything else itself."""
    words: set[str] = set()
    for name in names:
        spec = placeholders.get(name)
        if name == "digit":
            words.add(DIGIT)
        elif spec is not None and "vocab" in spec:
            for entry in table(*spec["vocab"]):
                runs = _RUN.findall(entry.lower())
                if runs:
                    words.add(max(runs, key=len))
        elif spec is not None:
            raise VeilleError("E011", f"timex trigger {name} names a placeholder with no vocabulary")
        else:
            words.update(r.lower() for r in _RUN.findall(name))
    return frozenset(words)


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    data = load_resource(STAGE, "rules")
    placeholders = data["placeholders"]
    rules = []
    for order, spec in enumerate(data["rules"]):
        vocab: dict[str, tuple[str, str]] = {}
        body = expand(spec["pattern"], placeholders, vocab)
        try:
            regex = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", FLAGS)
            not_after = re.compile(expand(spec["not_after"], placeholders, named=False), FLAGS) \
                if spec.get("not_after") else None
            not_before = re.compile(expand(spec["not_before"], placeholders, named=False), FLAGS) \
                if spec.get("not_before") else None
            trigger = _trigger_words(spec["trigger"], placeholders) if spec.get("trigger") else None
        except re.error as exc:
            raise VeilleError("E011", f"timex rule {spec.get('name')}: bad pattern: {exc}") from exc
        rules.append(Rule(name=spec["name"], type=spec["type"], regex=regex, norm=spec["norm"],
                          params=dict(spec.get("params") or {}), vocab=vocab,
                          example=dict(spec.get("example") or {}), order=order,
                          not_after=not_after, not_before=not_before, pattern=spec["pattern"],
                          trigger=trigger))
    return tuple(rules)
