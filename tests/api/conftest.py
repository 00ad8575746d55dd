"""Fixtures of the API tests: the sample store (sample_store.py) and a TestClient over it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from veille.api.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sample_store.py, for the tests too
from sample_store import build_sample_store  # noqa: E402


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("api") / "sample.db")


@pytest.fixture(scope="session")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db), raise_server_exceptions=False) as c:
        yield c
