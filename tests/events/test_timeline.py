"""`veille timeline`: dated events with status, participants and the articles reporting them."""

from __future__ import annotations

from typer.testing import CliRunner

from tests.events.test_merge import NAMES, A, B, C, _doc, _em
from veille.cli import app
from veille.events.merge import merge_events
from veille.store import Store


def _store(path: str) -> None:
    with Store(path) as store:
        store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-12", [A, B], mode="phone")]))
        store.add_document(_doc("d2", "2025-05-14", [_em("e1", "2025-05-12", [B, A])]))
        store.add_document(_doc("d3", "2025-06-02", [_em("e1", "2025-06-20", [A, B], status="planned")]))
        merge_events(store)


def test_timeline_rows_list_sources_and_names(tmp_path):
    from veille.corpus.views import timeline_rows

    db = str(tmp_path / "t.db")
    _store(db)
    with Store(db, readonly=True) as store:
        rows = timeline_rows(store, actor=NAMES[A])
    assert [r["date"] for r in rows] == ["2025-05-12", "2025-06-20"]
    assert rows[0]["participant_names"] == [NAMES[A], NAMES[B]]
    assert [d["source"] for d in rows[0]["source_documents"]] == ["d1.txt", "d2.txt"]
    assert rows[1]["status"] == "planned"


def test_timeline_cli_prints_date_status_participants_sources(tmp_path):
    db = str(tmp_path / "t.db")
    _store(db)
    result = CliRunner().invoke(app, ["timeline", "--db", db, "--since", "2025-05", "--until", "2025-05"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "2025-05-12" in result.output and "2025-06-20" not in result.output
    assert "CONSULT/" in result.output and "occurred" in result.output
    assert "d1.txt" in result.output and "d2.txt" in result.output
    assert "Anne Morel" in result.output


def test_timeline_hides_undated_and_participantless_events_unless_all(tmp_path):
    db = str(tmp_path / "t.db")
    with Store(db) as store:
        store.add_document(_doc("d1", "2025-05-13", [_em("e1", "2025-05-12", [A, B]), _em("e2", None, [C]),
                                                      _em("e3", "2025-05-02", [])]))
        merge_events(store)
    runner = CliRunner()
    shown = runner.invoke(app, ["timeline", "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    dated_lines = [line for line in shown.output.splitlines() if line[:1] in "?2"]
    assert [line[:10] for line in dated_lines] == ["2025-05-12"]
    everything = runner.invoke(app, ["timeline", "--db", db, "--all"], env={"COLUMNS": "200"})
    assert everything.exit_code == 0, everything.output
    starts = sorted(line[:10].strip() for line in everything.output.splitlines() if line[:1] in "?2")
    assert starts == ["2025-05-02", "2025-05-12", "?"]
