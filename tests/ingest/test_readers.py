"""Readers for every input format, and the bad inputs each must survive."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.ingest.readers import MAX_FILE_BYTES, read_inputs

INPUTS = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def read_all(*paths):
    docs, errors = [], []
    for r in read_inputs([str(p) for p in paths]):
        docs += r.documents
        errors += ([r.error] if r.error else []) + r.partial_errors
    return docs, errors


def test_readers_html_page_gives_article_text_title_date_and_author():
    (doc,), errors = read_all(INPUTS / "story" / "story_page.html")
    assert not errors
    assert doc.title == "Oslo et Helsinki unissent leurs forces dans l'Arctique"
    assert doc.published.value == "2025-03-04" and doc.published.origin == "metadata"
    assert doc.author == "Claire Nordin"
    assert doc.text.startswith("La Norvège et la Finlande ont signé")
    for junk in ("tracker", "Accueil", "randonnées", "droits réservés", "<p>"):
        assert junk not in doc.text


def test_readers_rss_feed_gives_one_document_per_item():
    docs, errors = read_all(INPUTS / "story" / "story_feed.rss")
    assert not errors
    assert [d.title for d in docs] == ["Accord arctique entre la Norvège et la Finlande",
                                       "Élections municipales : le dépouillement continue"]
    assert docs[0].url == "https://radio-baltique.example/international/accord-arctique"
    assert docs[0].published.value == "2025-03-04"
    assert "<p>" not in docs[0].text and "Tromsø" in docs[0].text


def test_readers_atom_feed(tmp_path):
    atom = tmp_path / "flux.atom"
    atom.write_text("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agence</title>
<entry><title>Réunion à Nairobi</title><link href="https://agence.example/nairobi"/>
<updated>2025-02-03T09:00:00Z</updated><id>urn:a:1</id>
<content type="html">&lt;p&gt;Les ministres de la Communauté d'Afrique de l'Est se sont réunis lundi à Nairobi pour évoquer la situation dans l'est de la RDC.&lt;/p&gt;</content>
</entry></feed>""", encoding="utf-8")
    (doc,), errors = read_all(atom)
    assert not errors
    assert doc.title == "Réunion à Nairobi" and doc.published.value == "2025-02-03"
    assert doc.text.startswith("Les ministres de la Communauté")


def test_readers_jsonl_bad_lines_reported_with_line_numbers_others_kept():
    docs, errors = read_all(INPUTS / "articles.jsonl")
    assert [d.title for d in docs] == ["Visite à Dakar", "Accord commercial", "Sommet à Lisbonne"]
    assert docs[0].published.value == "2025-04-14" and docs[0].url == "https://exemple.sn/visite"
    assert docs[2].published.origin == "unknown"
    assert sorted(e.where.rsplit(":", 1)[1] for e in errors) == ["3", "4"]


def test_readers_non_french_article_is_reported_and_skipped():
    docs, errors = read_all(INPUTS / "english.txt")
    assert docs == []
    assert errors[0].code == "E008"


def test_readers_truncated_html_keeps_what_is_there(tmp_path):
    page = tmp_path / "coupe.html"
    page.write_text("<!DOCTYPE html><html><head><title>Coupé</title></head><body><article><p>Le conseil "
                    "municipal de Lyon a voté jeudi soir un budget en hausse pour les transports publics, "
                    "après un débat de plusieurs heures entre la majorité et l'opposition.</p><p>Le maire a",
                    encoding="utf-8")
    docs, errors = read_all(page)
    assert not errors
    assert "conseil municipal de Lyon" in docs[0].text


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("flux.rss", "<?xml version='1.0'?><rss><channel><item><title>sans fin", "E007"),
        ("page.html", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "E009"),
        ("donnees.jsonl", "pas du json\n{\"text\": 3}\n", "E007"),
        ("binaire.txt", b"\x00\x01\x02\x03" * 100, "E004"),
        ("vide.txt", b"", "E003"),
        ("invalide.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 50 + bytes(range(1, 9)) * 40, "E005"),
    ],
)
def test_readers_bad_input_is_a_one_line_error(tmp_path, name, content, code):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    docs, errors = read_all(path)
    assert docs == []
    assert errors and {e.code for e in errors} == {code}
    assert all(name in str(e) and "\n" not in str(e) for e in errors)


def test_readers_huge_file_refused_without_reading_it(tmp_path):
    big = tmp_path / "enorme.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert big.stat().st_size > MAX_FILE_BYTES
    docs, errors = read_all(big)
    assert docs == [] and errors[0].code == "E006"


def test_readers_one_bad_file_among_good_ones(tmp_path):
    for n in range(5):
        (tmp_path / f"bon{n}.txt").write_text(f" date 2025-01-0{n + 1} Le maire numéro {n} a inauguré mardi "
                                              f"une nouvelle école dans le quartier {n}.", encoding="utf-8")
    (tmp_path / "mauvais.txt").write_bytes(b"\x00" * 64)
    docs, errors = read_all(tmp_path)
    assert len(docs) == 5 and len(errors) == 1 and "mauvais.txt" in errors[0].where
