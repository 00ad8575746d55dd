"""The compiled-regex cache used while spaCy loads: same patterns as `re`, from disk."""

from __future__ import annotations

import re

from veille.corpus import regex_cache
from veille.corpus.regex_cache import cached_regexes

# a long alternation of hyphenated words (the shape of spaCy's French TOKEN_MATCH), ours
WORDS = [f"mot{i}-composé{i % 7}" for i in range(400)]
PATTERN = "(?iu)" + "|".join(f"(?:^{re.escape(w)}$)" for w in WORDS) + r"|(?P<tail>^anti-[a-zé]+$)"
PROBES = ["mot12-composé5", "MOT12-COMPOSÉ5", "mot12-composé4", "anti-inflammatoire", "Anti-Âge", "porte-monnaie", ""]


def _fresh(pattern: str) -> re.Pattern[str]:
    re.purge()  # re's in-process cache would answer before ours
    return re.compile(pattern)


def behaviour(p: re.Pattern[str]) -> list[object]:
    out: list[object] = [p.pattern == PATTERN, p.flags, p.groups, dict(p.groupindex)]
    for probe in PROBES:
        m = p.match(probe)
        out.append(None if m is None else (m.span(), m.group("tail")))
    return out


def test_regex_cache_saves_then_loads_the_same_pattern(tmp_path):
    reference = behaviour(_fresh(PATTERN))
    with cached_regexes(tmp_path):
        saved = _fresh(PATTERN)
    files = list(tmp_path.glob("re-*.bin"))
    assert len(files) == 1
    calls = []
    with cached_regexes(tmp_path):
        original = regex_cache._compile_and_save
        regex_cache._compile_and_save = lambda *a: calls.append(a) or original(*a)  # type: ignore[assignment]
        try:
            loaded = _fresh(PATTERN)
        finally:
            regex_cache._compile_and_save = original  # type: ignore[assignment]
    assert calls == []  # the second compile came from the file
    assert behaviour(saved) == behaviour(loaded) == reference
    assert reference[4] == ((0, 14), None) and reference[7] == ((0, 18), "anti-inflammatoire")


def test_regex_cache_damaged_file_falls_back_to_compiling(tmp_path):
    with cached_regexes(tmp_path):
        _fresh(PATTERN)
    path = next(tmp_path.glob("re-*.bin"))
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])  # truncated program
    with cached_regexes(tmp_path):
        again = _fresh(PATTERN)
    assert behaviour(again) == behaviour(_fresh(PATTERN))


def test_regex_cache_leaves_short_patterns_and_restores_re(tmp_path):
    import re._compiler as compiler  # type: ignore[import-not-found]

    before = compiler.compile
    with cached_regexes(tmp_path):
        assert _fresh(r"\d+-\d+").match("12-34")
    assert compiler.compile is before
    assert list(tmp_path.iterdir()) == []
