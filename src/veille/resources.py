"""The one loader for French vocabulary files.

Each stage keeps its language knowledge under `<stage>/resources/<lang>/<name>.yaml`
(month names, cue verbs, titles, event triggers, the actor knowledge base). Stages call
`load_resource("timex", "months")`; the parsed YAML is cached for the process.
Entries carry an `example` (or `examples`) that the tests run, so every rule is exercised.
"""

from __future__ import annotations

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
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except FileNotFoundError as exc:
        raise VeilleError("E010", f"resource file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise VeilleError("E011", f"resource file {path} is not valid YAML: {exc}") from exc


def list_resources(lang: str = "fr") -> list[tuple[str, str]]:
    """(stage, name) of every resource file shipped with the package, sorted."""
    found = []
    for path in sorted(PACKAGE_ROOT.glob(f"*/resources/{lang}/*.yaml")):
        found.append((path.parent.parent.parent.name, path.stem))
    return found
