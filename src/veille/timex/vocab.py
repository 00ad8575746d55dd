"""French time vocabulary, read from resources/fr/*.yaml through veille.resources.load_resource.

Surface forms are compared after `fold()` (lower case, typographic apostrophe -> ASCII, spaces
collapsed); `alternation()` turns a list of forms into a regex alternative, longest first, that
accepts either apostrophe and any run of spaces.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from veille.resources import load_resource

STAGE = "timex"
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)  # short pieces of text, asked again and again
def fold(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'").replace("\u00a0", " ").strip().lower())


@cache
def table(name: str, key: str = "entries") -> dict[str, Any]:
    """One mapping of a vocabulary file, keys folded."""
    data = load_resource(STAGE, name)
    section = data.get(key) or {}
    return {fold(str(k)): v for k, v in section.items()}


def _form_regex(form: str) -> str:
    out = []
    for ch in form:
        if ch == "'":
            out.append("['’]\\s*")
        elif ch == " ":
            out.append("\\s+")
        elif ch == "-":
            out.append("[-‑]")
        else:
            out.append(re.escape(ch))
    regex = "".join(out)
    if form.endswith(" de"):  # "près de" also reads "près d'une"
        regex = regex[: -len("\\s+de")] + "\\s+(?:de(?=\\s)|d['’])"
    return regex


def _trie_regex(node: dict[str, Any]) -> str:
    """A regex for the words of a character trie (shared prefixes factored: fast to match)."""
    ends = "" in node
    branches = [_form_regex(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # longest first: an optional tail is greedy, so "vingt-quatre" wins over "vingt"
        return f"(?:{body})?"
    return body


def alternation(forms: list[str] | set[str] | dict[str, Any]) -> str:
    """A regex matching any of the forms, the longest possible one first."""
    keys = sorted({fold(f) for f in forms}, key=lambda f: (-len(f), f))
    special = [k for k in keys if k.endswith(" de")]
    trie: dict[str, Any] = {}
    for key in keys:
        if key in special:
            continue
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}
    parts = [_form_regex(k) for k in special]
    if trie:
        parts.append(_trie_regex(trie))
    return "|".join(p for p in parts if p)


@lru_cache(maxsize=1)
def number_words() -> dict[str, int]:
    """Every number word from 0 to 99 (and the listed others), composed from numbers.yaml."""
    units = table("numbers", "units")
    tens = table("numbers", "tens")
    words: dict[str, int] = dict(units)
    words.update(table("numbers", "other"))
    for ten_word, ten in tens.items():
        words[ten_word] = ten
        if ten_word == "quatre-vingt":
            words["quatre-vingts"] = 80
        for unit_word, unit in units.items():
            if unit_word == "une" or unit > 9 and ten not in (60, 80):
                continue
            if ten in (60, 80) and unit > 19:
                continue
            if unit == 1 and ten not in (80,):
                words[f"{ten_word} et un"] = ten + 1
                words[f"{ten_word}-et-un"] = ten + 1
            else:
                words[f"{ten_word}-{unit_word}"] = ten + unit
    words["soixante et onze"] = 71
    return words


def parse_number(text: str) -> float | None:
    t = fold(text)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    words = number_words()
    if t in words:
        return float(words[t])
    t = t.replace(" ", "-")
    if t in words:
        return float(words[t])
    return None


def number_regex() -> str:
    return r"\d+(?:[.,]\d+)?|" + alternation(list(number_words()))
