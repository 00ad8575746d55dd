"""The spaCy component "veille_timex": writes doc._.timexes (list[veille.model.Timex])."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from veille.extensions import register_extensions
from veille.pipeline import doc_text
from veille.timex.tagger import tag
from veille.timex.tense import DocOracle


class TimexComponent:
    """Tags time expressions, resolved against doc._.published with the parser's tenses."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published  # a Published, or a bare TIMEX value, or None
        value = published if isinstance(published, str) else getattr(published, "value", None)
        doc._.timexes = tag(doc_text(doc), value, DocOracle(doc))
        return doc


@Language.factory("veille_timex", assigns=["doc._.timexes"], default_config={})
def make_timex(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent(nlp, name)
