"""The command line as a user runs it: exit codes, errors on stderr, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
VEILLE = [sys.executable, "-m", "veille.cli"]


def run(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(VEILLE + args, cwd=cwd, capture_output=True, text=True, timeout=600, **kw)


def write_article(path: Path, n: int) -> None:
    path.write_text(
        f" date 2025-03-{n % 28 + 1:02d} Le ministre numéro {n} a rencontré jeudi son homologue à Genève. "
        f"Ils ont parlé pendant {n % 5 + 1} heures de la dette numéro {n}.\n", encoding="utf-8")


@pytest.mark.slow
def test_cli_bad_inputs_reported_and_good_ones_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a1_sommet.txt", "a2_appel.txt"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "vide.txt").write_bytes(b"")
    (folder / "ancien.txt").write_bytes(
        " date 2025-04-02 L’Élysée a reçu mardi le président du Sénégal à Paris.".encode("cp1252"))
    result = run(["ingest", str(folder), "--db", str(tmp_path / "v.db"), "--workers", "1"], cwd=tmp_path)
    assert result.returncode == 1
    assert "image.txt" in result.stderr and "binary" in result.stderr
    assert "vide.txt" in result.stderr and "empty" in result.stderr
    assert "Traceback" not in result.stderr
    conn = sqlite3.connect(tmp_path / "v.db")
    sources = sorted(Path(r[0]).name for r in conn.execute("SELECT source FROM documents"))
    assert sources == ["a1_sommet.txt", "a2_appel.txt", "ancien.txt"]
    text = conn.execute("SELECT text FROM documents WHERE source LIKE '%ancien.txt'").fetchone()[0]
    assert text.startswith("L’Élysée a reçu")


@pytest.mark.slow
def test_cli_usage_errors_exit_2(tmp_path):
    assert run(["ingest"], cwd=tmp_path).returncode == 2
    missing = run(["export", "--db", str(tmp_path / "none.db")], cwd=tmp_path)
    assert missing.returncode == 2
    assert "no store" in missing.stderr


@pytest.mark.slow
def test_cli_missing_path_is_reported(tmp_path):
    result = run(["extract", str(tmp_path / "nowhere"), "-o", str(tmp_path / "o.json")], cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere" in result.stderr and "no such file" in result.stderr


@pytest.mark.slow
def test_cli_ingest_twice_keeps_count_and_export_is_stable(tmp_path):
    db = str(tmp_path / "v.db")
    assert run(["ingest", str(FIXTURES), "--db", db, "-w", "1"], cwd=tmp_path).returncode == 0
    first = run(["export", "--db", db, "-o", str(tmp_path / "1.json")], cwd=tmp_path)
    assert first.returncode == 0
    assert run(["ingest", str(FIXTURES), "--db", db, "-w", "1"], cwd=tmp_path).returncode == 0
    run(["export", "--db", db, "-o", str(tmp_path / "2.json")], cwd=tmp_path)
    one = (tmp_path / "1.json").read_bytes()
    assert one == (tmp_path / "2.json").read_bytes()
    assert len(json.loads(one)["documents"]) == 3
    stats = run(["stats", "--db", db, "--json"], cwd=tmp_path)
    assert json.loads(stats.stdout)["documents"] == 3


@pytest.mark.slow
def test_cli_sigkill_midway_leaves_consistent_store_and_rerun_completes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    total = 60
    for n in range(total):
        write_article(folder / f"art{n:03d}.txt", n)
    db = tmp_path / "v.db"
    proc = subprocess.Popen(VEILLE + ["ingest", str(folder), "--db", str(db), "-w", "1"], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 300
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if stored >= 5:
            break
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = conn.execute("SELECT id, data FROM documents").fetchall()
    assert 5 <= len(docs) < total
    for doc_id, data in docs:  # every stored document is whole: its rows match its JSON
        parsed = json.loads(data)
        n_mentions = conn.execute("SELECT COUNT(*) FROM mentions WHERE document_id=?", (doc_id,)).fetchone()[0]
        assert n_mentions == len(parsed["mentions"])
        assert conn.execute("SELECT COUNT(*) FROM sources WHERE document_id=?", (doc_id,)).fetchone()[0] >= 1
    orphans = conn.execute("SELECT COUNT(*) FROM mentions WHERE document_id NOT IN (SELECT id FROM documents)")
    assert orphans.fetchone()[0] == 0
    conn.close()
    again = run(["ingest", str(folder), "--db", str(db), "-w", "1"], cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == total


@pytest.mark.slow
def test_cli_watch_ingests_only_new_feed_items(tmp_path):
    feed = tmp_path / "flux.rss"
    item = ("<item><title>{t}</title><link>https://agence.example/{n}</link>"
            "<pubDate>Mon, 0{n} Jun 2025 09:00:00 +0000</pubDate><description>{d}</description></item>")
    first = item.format(t="Vote à Berne", n=2, d="Le parlement suisse a adopté lundi à Berne une loi sur "
                        "la neutralité, après trois jours de débats intenses entre les partis.")
    second = item.format(t="Grève à Lisbonne", n=3, d="Les contrôleurs aériens portugais ont entamé mardi une "
                         "grève de deux jours qui perturbe les vols au départ de Lisbonne et de Porto.")
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Agence</title>'
    feed.write_text(head + first + "</channel></rss>", encoding="utf-8")
    db = str(tmp_path / "v.db")
    r1 = run(["watch", str(feed), "--db", db, "--polls", "1", "--every", "0s"], cwd=tmp_path)
    assert r1.returncode == 0, r1.stderr
    assert "1 new items" in r1.stderr
    feed.write_text(head + second + first + "</channel></rss>", encoding="utf-8")
    r2 = run(["watch", str(feed), "--db", db, "--polls", "2", "--every", "0s"], cwd=tmp_path)
    assert "poll 1: 1 new items, 1 known" in r2.stderr
    assert "poll 2: 0 new items, 2 known" in r2.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
