"""Quotations and their speakers (spaCy factory "veille_quotes", writes doc._.quotes).

marks.py     quoted spans: « », “ ”, " ", ' ' (not apostrophes), AFP +...+, over paragraphs
lexicon.py   the speech-cue lexicon (resources/fr/cues.yaml) compiled into look-up tables
phrases.py   speaker noun phrases read off the parse, and the entity they refer to
records.py   Cue, Candidate, Said: what the modules below pass each other
index.py     per-document indexes: tokens inside quotes, sentences that never cut a quote
cues.py      cue verbs / phrases / `selon X` in a document, each with its speaker phrase
speakers.py  speakers in text order: pronouns and cue-less quotes use the history
extract.py   quoted spans attributed (direct, partial), indirect speech, extract_quotes()
component.py the thin spaCy component
"""
