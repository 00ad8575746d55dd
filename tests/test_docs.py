"""The README tells the truth: every CLI command is documented, and the two commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from veille.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__.replace("_cmd", "") for c in app.registered_commands)


def test_docs_every_cli_command_is_in_the_readme():
    missing = [name for name in command_names() if f"veille {name}" not in README]
    assert not missing, f"commands missing from README: {missing}"


def test_docs_readme_commands_all_exist():
    documented = set(re.findall(r"`veille (\w+)", README))
    assert documented <= set(command_names())


def test_docs_make_targets_named_in_readme_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    for target in re.findall(r"`make ([a-z-]+)", README):
        assert target in targets, target


def test_docs_ci_runs_the_readme_test_command():
    assert "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
