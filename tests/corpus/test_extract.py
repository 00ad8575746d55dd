"""`veille extract`: one corpus, the contract JSON, deterministic output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.contract import check_contract
from veille.corpus.export import export_corpus
from veille.corpus.process import ingest
from veille.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


def run_extract(paths: list[str]) -> dict:
    store = Store(":memory:")
    try:
        report = ingest(paths, store, workers=1)
        assert not report.errors, report.errors
        return export_corpus(store)
    finally:
        store.close()


@pytest.fixture(scope="module")
def fixtures_export(nlp):
    return run_extract([str(FIXTURES)])


def test_extract_fixtures_follow_the_contract(fixtures_export):
    check_contract(fixtures_export)
    assert len(fixtures_export["documents"]) == 3


def test_extract_reads_headers_and_titles(fixtures_export):
    by_name = {Path(d["source"]).name: d for d in fixtures_export["documents"]}
    assert by_name["a1_sommet.txt"]["published"] == {"value": "2025-05-12", "origin": "metadata"}
    assert by_name["a2_appel.txt"]["title"] == "Appel entre Washington et Moscou"
    assert by_name["a2_appel.txt"]["text"].startswith("Appel entre Washington et Moscou\n\nDonald Trump")
    assert by_name["a3_sans_date.txt"]["title"] == "Le Premier ministre britannique se rend à Kiev"


def test_extract_examples_follow_the_contract(nlp, examples_dir):
    if not any(examples_dir.glob("*.txt")):
        pytest.skip("no example articles yet")
    check_contract(run_extract([str(examples_dir)]))


def test_extract_twice_gives_identical_bytes(nlp):
    first = json.dumps(run_extract([str(FIXTURES)]), ensure_ascii=False)
    second = json.dumps(run_extract([str(FIXTURES)]), ensure_ascii=False)
    assert first == second


def test_extract_seeds_contract_and_metadata(nlp, shared_dir):
    data = run_extract([str(shared_dir / "seeds")])
    check_contract(data)
    docs = {Path(d["source"]).name[:3]: d for d in data["documents"]}
    assert docs["000"]["published"] == {"value": "2025-08-19", "origin": "metadata"}
    assert docs["001"]["published"] == {"value": "2025-02", "origin": "metadata"}
    assert docs["003"]["published"] == {"value": "2025-09-02", "origin": "metadata"}
    assert "#}" not in docs["002"]["text"]
    assert docs["002"]["title"] and docs["002"]["text"].count(docs["002"]["title"]) == 1
    assert docs["004"]["title"] and docs["004"]["title"].startswith("Trump")
    assert not docs["004"]["text"].rstrip().endswith("Plus")
