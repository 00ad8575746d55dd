"""The one loader for French vocabulary files.

Each stage keeps its language knowledge under `<stage>/resources/<lang>/<name>.yaml`
(month names, cue verbs, titles, event triggers, the actor knowledge base). Stages call
`load_resource("timex", "months")`; the parsed YAML is cached for the process.
Entries carry an `example` (or `examples`) that the tests run, so every rule is exercised.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from veille.errors import VeilleError

PACKAGE_ROOT = Path(__file__).resolve().parent

try:  # the C loader is several times faster on the knowledge base
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def resource_path(stage: str, name: str, lang: str = "fr") -> Path:
    return PACKAGE_ROOT / stage / "resources" / lang / f"{name}.yaml"


@cache
def load_resource(stage: str, name: str, lang: str = "fr") -> Any:
    """Parsed content of a stage's resource file; raises VeilleError if missing or malformed."""
    path = resource_path(stage, name, lang)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise VeilleError("E010", f"resource file not found: {path}") from exc
    parsed = _parsed_cache(raw)
    found = _load_parsed(parsed)
    if found is not None:
        return found[0]
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise VeilleError("E011", f"resource file {path} is not valid YAML: {exc}") from exc
    _save_parsed(parsed, data)
    return data


# Parsing the YAML files takes about 0.3 s of every start-up (the knowledge base above all);
# the parsed data are kept in the cache folder, keyed by the file's bytes (any edit is a new
# key) and the Python and PyYAML versions, as a pickle (the knowledge base holds dates).
def _parsed_cache(raw: bytes) -> Path | None:
    if os.environ.get("VEILLE_NO_RESOURCE_CACHE"):
        return None
    from veille.corpus.regex_cache import cache_dir

    key = hashlib.sha256(b"%d\x00%s\x00" % (sys.hexversion, yaml.__version__.encode()) + raw).hexdigest()[:32]
    return cache_dir() / f"yaml-{key}.pickle"


def _load_parsed(path: Path | None) -> tuple[Any] | None:
    if path is None:
        return None
    try:
        with path.open("rb") as fh:
            return (pickle.load(fh),)
    except Exception:  # missing or damaged: parse the YAML
        return None


def _save_parsed(path: Path | None, data: Any) -> None:
    if path is None:
        return
    from veille.corpus.regex_cache import write_atomically

    try:
        payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    write_atomically(path, payload)


def list_resources(lang: str = "fr") -> list[tuple[str, str]]:
    """(stage, name) of every resource file shipped with the package, sorted."""
    found = []
    for path in sorted(PACKAGE_ROOT.glob(f"*/resources/{lang}/*.yaml")):
        found.append((path.parent.parent.parent.name, path.stem))
    return found
