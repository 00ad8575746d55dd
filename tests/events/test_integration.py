"""The events stage through the full pipeline (needs the actor and time stages)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("veille.actors.component")
pytest.importorskip("veille.timex.component")


def _names(doc, ids):
    return {doc.entities[i].name if i in doc.entities else i for i in ids}


def test_integration_meeting_with_kb_people_place_and_date(analyze_text):
    doc = analyze_text("Emmanuel Macron a reçu Olaf Scholz à l'Élysée le 3 mars 2024.", published="2024-03-04")
    consult = [e for e in doc.event_mentions if e.type == "CONSULT"]
    assert consult, doc.event_mentions
    em = consult[0]
    names = " ".join(_names(doc, em.participants))
    assert "Macron" in names and "Scholz" in names
    assert em.date == "2024-03-03" and em.status == "occurred"


def test_integration_extract_merges_two_articles(tmp_path):
    from typer.testing import CliRunner

    from veille.cli import app

    (tmp_path / "a.txt").write_text(
        "date: 2024-03-05\nEmmanuel Macron s'est entretenu par téléphone avec Olaf Scholz lundi.\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "date: 2024-03-06\nLe chancelier Olaf Scholz a eu un entretien téléphonique avec Emmanuel Macron "
        "le 4 mars 2024.\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    calls = [e for e in data["events"] if e["type"] == "CONSULT" and e["date"] == "2024-03-04"]
    assert len(calls) == 1, data["events"]
    assert len({s["document"] for s in calls[0]["sources"]}) == 2
    assert calls[0]["mode"] == "phone"
