"""spaCy component "veille_quotes": writes doc._.quotes (list[Quote], ids q1, q2, ...)."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from veille.extensions import register_extensions
from veille.quotes.extract import extract_quotes
from veille.quotes.lexicon import load_lexicon

log = logging.getLogger(__name__)


class QuotesComponent:
    """Finds direct, partial and indirect quotes and their speakers (see extract.py)."""

    def __init__(self) -> None:
        register_extensions()
        self.lexicon = load_lexicon()  # compiled once

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quotes = extract_quotes(doc, self.lexicon)
        except Exception as exc:  # one odd document must not stop a corpus run
            log.warning("quotes skipped for a document starting %r: %s", doc.text[:40], exc)
            doc._.quotes = []
        return doc


@Language.factory("veille_quotes", assigns=["doc._.quotes"], requires=["token.dep", "token.pos", "token.lemma"])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()
