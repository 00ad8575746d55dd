"""The knowledge base loader: validation of malformed entries and role lookups."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from veille.actors.kb import build_kb, load_kb, parse_date
from veille.errors import VeilleError

GOOD_COUNTRY = {"id": "Q901", "wikidata": "Q901", "type": "GPE", "name": "Pays Un",
                "demonyms": ["unien"], "example": "Le Pays Un vote."}
GOOD_PERSON = {"id": "kb:ana-test", "wikidata": None, "type": "PER", "name": "Ana Test",
               "aliases": ["Test"], "gender": "f", "country": "Q901",
               "roles": [{"role": "head_of_state", "of": "Q901", "title": "présidente",
                          "start": "2020-01-01", "end": "2024-01-01"}],
               "example": "Ana Test a parlé."}


def _load_tmp(tmp_path: Path, entries: list[dict], strict: bool = True):
    path = tmp_path / "kb_test.yaml"
    path.write_text(yaml.safe_dump({"entities": entries}, allow_unicode=True), encoding="utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return build_kb([(path.name, data)], strict=strict)


def test_kb_valid_tmp_file_loads(tmp_path):
    kb = _load_tmp(tmp_path, [GOOD_COUNTRY, GOOD_PERSON])
    assert set(kb) == {"Q901", "kb:ana-test"}
    assert kb.lookup("test") == ["kb:ana-test"]
    assert kb.by_demonym["unien"] == "Q901"


@pytest.mark.parametrize("change, reason", [
    ({"id": "Ana"}, "id must look like"),
    ({"id": "kb:Ana Test"}, "id must look like"),
    ({"type": "PERSON"}, "type must be"),
    ({"name": ""}, "name is required"),
    ({"gender": "x"}, "gender"),
    ({"wikidata": "Q12"}, None),  # a kb: id with a wikidata id is allowed...
    ({"country": "Q999999"}, "unknown reference"),
    ({"roles": [{"role": "head_of_state", "of": "Q901", "start": "2024-01-01", "end": "2020-01-01"}]},
     "is before start"),
    ({"roles": [{"role": "emperor", "of": "Q901", "start": "2020-01-01"}]}, "unknown role"),
    ({"roles": [{"role": "head_of_state", "of": "Q999999", "start": "2020-01-01"}]}, "unknown reference"),
    ({"roles": [{"role": "head_of_state", "of": "Q901", "start": "last year"}]}, "not a date"),
    ({"aliases": "Test"}, "aliases must be a list"),
    ({"nouns": ["organisation"], "noun_example": "Elle parle."}, "people have epithets"),
    ({"epithets": ["milliardaire"]}, "need their own example"),
    ({"epithets": "milliardaire", "epithet_example": "Le milliardaire parle."}, "epithets must be a list"),
])
def test_kb_malformed_entry_raises_e012(tmp_path, change, reason):
    entry = {**GOOD_PERSON, **change}
    if reason is None:
        _load_tmp(tmp_path, [GOOD_COUNTRY, entry])
        return
    with pytest.raises(VeilleError) as info:
        _load_tmp(tmp_path, [GOOD_COUNTRY, entry])
    assert info.value.code == "E012"
    assert reason in info.value.message


def test_kb_duplicate_id_raises_e012(tmp_path):
    with pytest.raises(VeilleError) as info:
        _load_tmp(tmp_path, [GOOD_COUNTRY, GOOD_PERSON, dict(GOOD_PERSON)])
    assert info.value.code == "E012" and "duplicate id" in info.value.message


def test_kb_wikidata_must_equal_q_id(tmp_path):
    with pytest.raises(VeilleError, match="differ"):
        _load_tmp(tmp_path, [{**GOOD_COUNTRY, "wikidata": "Q902"}])


def test_kb_not_strict_skips_malformed_entry(tmp_path, caplog):
    kb = _load_tmp(tmp_path, [GOOD_COUNTRY, {**GOOD_PERSON, "type": "PERSON"}], strict=False)
    assert "kb:ana-test" not in kb and "Q901" in kb
    assert "E012" in caplog.text


def test_kb_dropping_a_country_drops_what_points_at_it(tmp_path):
    kb = _load_tmp(tmp_path, [{**GOOD_COUNTRY, "type": "NATION"}, GOOD_PERSON], strict=False)
    assert len(kb) == 0


def test_kb_holder_follows_dates(tmp_path):
    successor = {**GOOD_PERSON, "id": "kb:bob-test", "name": "Bob Test", "aliases": [], "gender": "m",
                 "roles": [{"role": "head_of_state", "of": "Q901", "start": "2024-01-01"}]}
    kb = _load_tmp(tmp_path, [GOOD_COUNTRY, GOOD_PERSON, successor])
    day = dt.date(2022, 5, 1)
    assert kb.holder("head_of_state", "Q901", day, day) == "kb:ana-test"
    day = dt.date(2025, 5, 1)
    assert kb.holder("head_of_state", "Q901", day, day) == "kb:bob-test"
    # a period: the one who held it longest
    assert kb.holder("head_of_state", "Q901", parse_date("2023-06"), parse_date("2024-03", end=True)) \
        == "kb:ana-test"


def test_kb_concurrent_holders_need_their_exact_title(tmp_path):
    a = {**GOOD_PERSON, "roles": [{"role": "envoy", "of": "Q901", "title": "envoyée spéciale",
                                   "start": "2020-01-01"}]}
    b = {**GOOD_PERSON, "id": "kb:bob-test", "name": "Bob Test", "aliases": [],
         "roles": [{"role": "envoy", "of": "Q901", "title": "envoyé pour le climat", "start": "2021-01-01"}]}
    kb = _load_tmp(tmp_path, [GOOD_COUNTRY, a, b])
    day = dt.date(2022, 1, 1)
    assert kb.holder("envoy", "Q901", day, day) is None
    assert kb.holder("envoy", "Q901", day, day, title="envoyée spéciale") == "kb:ana-test"
    assert kb.holder("envoy", "Q901", day, day, hint="climat") == "kb:bob-test"


def test_kb_role_to_dict_is_json_ready(tmp_path):
    kb = _load_tmp(tmp_path, [GOOD_COUNTRY, GOOD_PERSON])
    assert kb["kb:ana-test"].roles[0].to_dict() == {
        "role": "head_of_state", "of": "Q901", "title": "présidente", "start": "2020-01-01",
        "end": "2024-01-01"}


def test_kb_real_files_load_with_core_entries():
    kb = load_kb(strict=False)
    for name in ("Donald Trump", "Vladimir Poutine", "Volodymyr Zelensky", "Emmanuel Macron",
                 "États-Unis", "Russie", "Ukraine", "France", "Kremlin", "Maison Blanche"):
        assert kb.lookup(name), name
    assert all(e.id.startswith(("Q", "kb:")) for e in kb.values())


def test_kb_real_files_are_valid():
    """The shipped knowledge base passes the strict validation (ids, references, dates)."""
    load_kb.cache_clear()
    try:
        assert len(load_kb(strict=True)) > 0
    finally:
        load_kb.cache_clear()


def test_kb_holder_prefers_the_head_over_a_concurrent_deputy(tmp_path):
    org = {"id": "kb:org-test", "wikidata": None, "type": "ORG", "name": "Org Test", "example": "Org Test vote."}
    head = {**GOOD_PERSON, "id": "kb:head", "name": "Ana Head", "aliases": [],
            "roles": [{"role": "leader", "of": "kb:org-test", "title": "secrétaire général", "start": "2020-01-01"}]}
    deputy = {**GOOD_PERSON, "id": "kb:deputy", "name": "Bo Deputy", "aliases": [],
              "roles": [{"role": "leader", "of": "kb:org-test", "title": "secrétaire général adjoint",
                         "start": "2021-01-01"}]}
    kb = _load_tmp(tmp_path, [GOOD_COUNTRY, org, head, deputy])
    day = dt.date(2022, 5, 1)
    assert kb.holder("leader", "kb:org-test", day, day, title="chef") == "kb:head"
    assert kb.holder("leader", "kb:org-test", day, day, title="secrétaire général adjoint") == "kb:deputy"
