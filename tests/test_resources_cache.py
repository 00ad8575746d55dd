"""The one loader's cache of parsed YAML (veille/resources.py): the same data as the YAML gives,
and a new parse whenever the file's bytes change."""

from __future__ import annotations

import yaml

from veille import resources
from veille.resources import list_resources, load_resource, resource_path


def _fresh(stage: str, name: str):
    load_resource.cache_clear()
    return load_resource(stage, name)


def test_every_resource_file_loads_from_the_cache_as_the_yaml_parser_reads_it(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path))
    files = list_resources() + [("actors", "kb/people")]  # the knowledge base holds dates
    for stage, name in files:
        expected = yaml.safe_load(resource_path(stage, name).read_text(encoding="utf-8"))
        assert _fresh(stage, name) == expected  # parsed, then saved
        assert _fresh(stage, name) == expected, (stage, name)  # from the cache
    assert len(list(tmp_path.glob("yaml-*.pickle"))) == len(files)
    load_resource.cache_clear()


def test_an_edited_file_is_parsed_again_and_a_damaged_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "pkg"
    (root / "timex" / "resources" / "fr").mkdir(parents=True)
    monkeypatch.setattr(resources, "PACKAGE_ROOT", root)
    path = root / "timex" / "resources" / "fr" / "mots.yaml"
    path.write_text("lundi: 1\n", encoding="utf-8")
    assert _fresh("timex", "mots") == {"lundi": 1}
    path.write_text("lundi: 1\nmardi: 2\n", encoding="utf-8")
    assert _fresh("timex", "mots") == {"lundi": 1, "mardi": 2}
    for cached in (tmp_path / "cache").glob("yaml-*.pickle"):
        cached.write_bytes(b"not a pickle")
    assert _fresh("timex", "mots") == {"lundi": 1, "mardi": 2}
    load_resource.cache_clear()
