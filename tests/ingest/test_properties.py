"""Property-based tests of cleaning: any text, no exception, nothing invented."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from veille.ingest.language import detect_language
from veille.ingest.text import clean_text

french_ish = st.text(
    alphabet=st.sampled_from(list("abcdeéèêàçôûïlmnoprstu ,.;:!?'’«»\"-()\n\r\t0123456789#}{+")),
    max_size=400)


@given(french_ish)
@settings(max_examples=300, deadline=None)
def test_properties_clean_text_never_fails_and_only_removes(raw):
    clean = clean_text(raw)
    assert clean.text == clean.text.strip()
    # every character of the output comes from the input, in order (nothing is invented)
    source = iter(raw.replace("\r\n", "\n").replace("\r", "\n"))
    assert all(any(c == s for s in source) for c in clean.text)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_properties_clean_text_any_unicode(raw):
    clean = clean_text(raw)
    assert isinstance(clean.text, str)
    assert clean.published.origin in ("metadata", "unknown")


@given(st.text(max_size=500))
@settings(max_examples=200, deadline=None)
def test_properties_language_detection_any_text(raw):
    assert detect_language(raw) in {"fr", "en", "de", "es", "it"}
