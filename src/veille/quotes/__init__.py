"""Quotations and their speakers (spaCy factory "veille_quotes", writes doc._.quotes).

marks.py    quoted spans: « », “ ”, " ", ' ' (not apostrophes), AFP +...+, over paragraphs
lexicon.py  the speech-cue lexicon (resources/fr/cues.yaml) compiled into look-up tables
phrases.py  speaker noun phrases read off the parse, and the entity they refer to
extract.py  cues, attribution, direct/partial/indirect quotes, speaker history
component.py the thin spaCy component
"""
