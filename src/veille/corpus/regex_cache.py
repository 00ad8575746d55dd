"""A disk cache of compiled regular-expression programs, for spaCy's start-up.

Importing `spacy.lang.fr` compiles ONE huge case-insensitive regex (the French tokenizer's
`TOKEN_MATCH`, hundreds of alternatives over large Unicode classes): Python's pure-Python
regex compiler spends 3 s (idle machine) to 10 s (loaded) on it, half of every veille start-up.
The compiled program is a plain list of integers: `cached_regexes()` stores it on the first
run and rebuilds the same `re.Pattern` from it afterwards (`_sre.compile`, which checks the
program before accepting it), in milliseconds.

Only patterns longer than MIN_LENGTH go through the cache. The key is the pattern, its flags
and the Python version; the stored file repeats the pattern and is compared on load. Anything
unexpected (no cache folder, unreadable or stale file, another Python) falls back to the
normal compiler: the result is always the pattern `re.compile` would give.
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MIN_LENGTH = 5000  # shorter patterns compile fast enough
_FORMAT = 1


def cache_dir() -> Path:
    """$VEILLE_CACHE_DIR, else $XDG_CACHE_HOME/veille, else ~/.cache/veille."""
    if os.environ.get("VEILLE_CACHE_DIR"):
        return Path(os.environ["VEILLE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "veille"


def write_atomically(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all: a concurrent reader sees the old file or the new
    one (a temporary file of this process, then renamed). A cache that cannot be written is
    simply not kept: OSError is ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass


def _key(pattern: str, flags: int) -> str:
    raw = json.dumps([_FORMAT, sys.hexversion, flags, pattern], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _internals() -> tuple[Any, Any, Any] | None:
    """(re._parser, re._compiler, _sre) when this Python has them, else None."""
    try:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:
        return None
    if not all(hasattr(m, a) for m, a in ((_parser, "parse"), (_compiler, "_code"), (_sre, "compile"))):
        return None
    return _parser, _compiler, _sre


def _load(path: Path, pattern: str, flags: int, sre: Any) -> re.Pattern[str] | None:
    try:
        raw = path.read_bytes()
        head_len = int.from_bytes(raw[:4], "little")
        head = json.loads(raw[4:4 + head_len].decode("utf-8", "surrogatepass"))
        if head["pattern"] != pattern or head["flags"] != flags or head["python"] != sys.hexversion:
            return None
        code = array.array("I")
        code.frombytes(raw[4 + head_len:])
        indexgroup = tuple(head["indexgroup"])
        return sre.compile(pattern, head["state_flags"], code.tolist(), head["groups"] - 1,
                           head["groupindex"], indexgroup)
    except Exception:  # any damage: compile normally
        return None


def _compile_and_save(pattern: str, flags: int, path: Path, parser: Any, compiler: Any,
                      sre: Any) -> re.Pattern[str]:
    """What re._compiler.compile does, keeping the program to save it."""
    p = parser.parse(pattern, flags)
    code = compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    state_flags = flags | p.state.flags
    compiled = sre.compile(pattern, state_flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))
    try:
        head = json.dumps({"pattern": pattern, "flags": flags, "python": sys.hexversion,
                           "state_flags": state_flags, "groups": p.state.groups, "groupindex": groupindex,
                           "indexgroup": indexgroup}, ensure_ascii=False).encode("utf-8", "surrogatepass")
        write_atomically(path, len(head).to_bytes(4, "little") + head + array.array("I", code).tobytes())
    except (OverflowError, ValueError):
        pass
    return compiled


@contextmanager
def cached_regexes(directory: Path | None = None) -> Iterator[None]:
    """Within this block, long patterns compiled by `re` are read from / saved to the cache."""
    parts = _internals()
    if parts is None or os.environ.get("VEILLE_NO_REGEX_CACHE"):
        yield
        return
    parser, compiler, sre = parts
    folder = directory or cache_dir()
    original = compiler.compile

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str) or len(p) < MIN_LENGTH or flags & re.DEBUG:
            return original(p, flags)
        path = folder / f"re-{_key(p, flags)}.bin"
        found = _load(path, p, flags, sre) if path.exists() else None
        return found if found is not None else _compile_and_save(p, flags, path, parser, compiler, sre)

    compiler.compile = compile
    try:
        yield
    finally:
        compiler.compile = original
