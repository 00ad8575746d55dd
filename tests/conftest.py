"""Session fixtures shared by every stage's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    """The full veille pipeline (every available stage), loaded once per test session."""
    from veille.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "spec" / "output.md").exists():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def analyze_text(nlp):
    """analyze_text(text, published="2025-08-19") -> analysed veille Document."""
    from veille.model import Document, Published
    from veille.pipeline import analyze_one

    def run(text: str, published: str | None = "2025-08-19", origin: str = "metadata"):
        doc = Document(id="dtest", source="test.txt", text=text,
                       published=Published(published, origin if published else "unknown"))
        return analyze_one(doc, nlp)

    return run
