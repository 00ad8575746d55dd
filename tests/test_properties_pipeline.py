"""Property-based test of every extractor on random French-like text: no exception, valid offsets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.contract import spans_of

WORDS = ["le", "président", "Macron", "a", "déclaré", "jeudi", "que", "«", "»", "\"", "'", "Moscou", "il",
         "l'Élysée", "trois", "jours", "après", "sommet", "à", "Paris", ",", ".", "\n\n", "2025", "15",
         "août", "rencontré", "Poutine", "selon", "son", "homologue", "russe", "-t-il", "+", "(", ")",
         "demain", "Kiev", "menace", "sanctions", "accord", "X", "Noël", "Jean-Noël", "ans", "PAIX"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60),
       st.sampled_from([None, "2025", "2025-02", "2025-08-19", "2025-W36"]))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_properties_pipeline_offsets_always_valid(analyze_text, words, published):
    text = " ".join(words).strip() or "vide"
    doc = analyze_text(text, published=published).to_dict()
    for kind, span in spans_of(doc):
        assert 0 <= span["start"] <= span["end"] <= len(text), (kind, span)
        assert text[span["start"]:span["end"]] == span["text"], (kind, span)
