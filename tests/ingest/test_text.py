"""Plain-text cleaning: headers, headlines and scraping debris out, every other character kept."""

from __future__ import annotations

import pytest

from veille.ingest.text import clean_text


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (" date 2025-08-19 Le ministre a parlé.", "2025-08-19"),
        (" date 2025-02 Le ministre a parlé.", "2025-02"),
        ("date: 2024-11-16\nLe ministre a parlé.", "2024-11-16"),
        (" date 1999-05-17 Le ministre a parlé.", "1999-05-17"),
    ],
)
def test_text_date_header_becomes_published_metadata(raw, value):
    clean = clean_text(raw)
    assert clean.published.value == value
    assert clean.published.origin == "metadata"
    assert clean.text == "Le ministre a parlé."


def test_text_without_header_has_unknown_date():
    clean = clean_text("Le ministre a parlé mardi à Paris.")
    assert clean.published.value is None
    assert clean.published.origin == "unknown"


def test_text_headline_first_line_becomes_title_and_stays_once_in_text():
    raw = "Sommet à Bruxelles sur l'aide à Kiev\n\nLes dirigeants se retrouvent jeudi.\n\nIls parleront d'argent."
    clean = clean_text(raw)
    assert clean.title == "Sommet à Bruxelles sur l'aide à Kiev"
    assert clean.text == raw


def test_text_long_first_paragraph_is_not_a_title():
    raw = ("Les dirigeants européens se sont retrouvés jeudi à Bruxelles pour discuter de l'aide militaire, "
           "des sanctions et de la reconstruction.\n\nIls se reverront en juin.")
    clean = clean_text(raw)
    assert clean.title is None
    assert clean.text.startswith("Les dirigeants européens")


def test_text_template_debris_and_repeated_headline_removed():
    head = "Les alliés veulent des garanties pour Kiev"
    raw = f"#}}\n\n{head}\n\n{head}\n{head}\n\nLe texte commence ici, avec « des guillemets »."
    clean = clean_text(raw)
    assert clean.title == head
    assert clean.text == f"{head}\n\nLe texte commence ici, avec « des guillemets »."
    assert "#}" not in clean.text


@pytest.mark.parametrize("teaser", ["Plus", "Lire la suite", "Lire la suite…", "En savoir plus"])
def test_text_trailing_teaser_removed(teaser):
    clean = clean_text(f"Premier paragraphe.\n\nSecond paragraphe.\n\n{teaser}\n\n")
    assert clean.text == "Premier paragraphe.\n\nSecond paragraphe."


def test_text_teaser_word_inside_body_is_kept():
    body = "Plus de 40 pays ont signé.\n\nLe reste suivra."
    assert clean_text(body).text == body


def test_text_blank_runs_collapse_without_touching_other_characters():
    raw = "Un  paragraphe,\tavec  des espaces.\n\n\n\n   \n\nDeuxième ’paragraphe’ – fin."
    clean = clean_text(raw)
    assert clean.text == "Un  paragraphe,\tavec  des espaces.\n\nDeuxième ’paragraphe’ – fin."


def test_text_crlf_and_bom_normalised():
    clean = clean_text("\ufeff date 2025-01-02 Ligne un.\r\n\r\nLigne deux.\r\n")
    assert clean.text == "Ligne un.\n\nLigne deux."


def test_text_glued_timestamps_are_separated():
    clean = clean_text("Le vote a eu lieu.\n03.02.2024, 09:4503.02.2024, 09:45\n\nLa suite du texte.")
    assert "09:45 03.02.2024" in clean.text
    assert clean.text.count("03.02.2024, 09:45") == 2


def test_text_clock_time_followed_by_words_untouched():
    body = "Rendez-vous à 18:30 précises, le 12.04.2025 au plus tard."
    assert clean_text(body).text == body
