"""The spaCy component "veille_actors": writes doc._.mentions and doc._.entities.

`annotate(doc)` is a pure function of the parsed doc (and the knowledge base); the component
only stores its result on the Doc, following spaCy's match / set_annotations split.
"""

from __future__ import annotations

import logging
import re

from spacy.language import Language
from spacy.tokens import Doc

from veille.actors.coref import resolve_pronouns
from veille.actors.descriptions import find_descriptions
from veille.actors.kb import KnowledgeBase, load_kb
from veille.actors.linking import link_names
from veille.actors.matchers import Matchers, build_matchers
from veille.actors.mentions import find_names
from veille.actors.names import corpus_id, fold
from veille.actors.spans import Cand, Context
from veille.actors.vocab import Vocab, load_vocab
from veille.extensions import register_extensions
from veille.model import Entity, Mention

# a description's words before a name that is its complement ("le Président de la |Cour suprême")
_OF_BEFORE = re.compile(r"\s(?:du|des|de|d['’])\s*$")

log = logging.getLogger(__name__)
NAME_LINKS = ("name", "alias", "surname")


class ActorAnnotator:
    def __init__(self, nlp: Language, kb: KnowledgeBase | None = None, vocab: Vocab | None = None):
        self.kb = kb if kb is not None else load_kb(strict=False)
        self.vocab = vocab if vocab is not None else load_vocab()
        self.matchers: Matchers = build_matchers(nlp, self.kb, self.vocab)

    def __call__(self, doc: Doc) -> Doc:
        mentions, entities = self.annotate(doc)
        doc._.mentions = mentions
        doc._.entities = entities
        return doc

    def annotate(self, doc: Doc) -> tuple[list[Mention], dict[str, Entity]]:
        ctx = Context.build(doc, self.kb, self.vocab)
        names = find_names(ctx, self.matchers)
        link_names(ctx, names)
        descriptions = find_descriptions(ctx, self.matchers, names)
        # a name that is only part of a description's wording ("Premier ministre britannique"
        # tagged MISC) is dropped; a person's name inside a phrase is kept
        # ("Président de la Cour suprême": the complement of an office is a name of its own)
        kept = [c for c in names if not (c.link == "name" and c.entity and c.entity.startswith("ent:")
                                         and any(d.start <= c.start and c.end <= d.end
                                                 and d.kind in ("description", "institution")
                                                 and not _OF_BEFORE.search(ctx.text[d.start:c.start])
                                                 for d in descriptions))]
        kept = [c for c in kept if not any(d.start <= c.start and c.end <= d.end and d.kind == "institution"
                                           for d in descriptions)]
        cut = [self._cut(ctx, c, descriptions) for c in kept]
        cands = [c for c in cut if c is not None] + descriptions
        cands += resolve_pronouns(ctx, cands)
        return self._mentions(ctx.text, cands), self._entities(ctx.text, cands)

    @staticmethod
    def _cut(ctx: Context, c: Cand, descriptions: list[Cand]) -> Cand | None:
        """A corpus name running into a description ("Turnberry le Premier ministre") stops
        where the description starts."""
        if not (c.entity or "").startswith("ent:"):
            return c
        for d in descriptions:
            if c.start < d.start < c.end < d.end or (c.start < d.start and d.end <= c.end and d.kind != "group"):
                head = ctx.text[c.start:d.start].rstrip()
                if not head or not head[:1].isupper():
                    return None
                c.end = c.start + len(head)
                c.te = max(t.i for t in ctx.doc[c.ts:c.te] if t.idx < c.end) + 1
                c.entity = corpus_id(c.name_text(ctx.text))
        return c

    @staticmethod
    def _mentions(text: str, cands: list[Cand]) -> list[Mention]:
        seen: set[tuple[int, int]] = set()
        out: list[Mention] = []
        for c in sorted(cands, key=lambda c: (c.start, -c.end)):
            if (c.start, c.end) in seen or c.end <= c.start:
                continue
            seen.add((c.start, c.end))
            out.append(Mention(start=c.start, end=c.end, text=text[c.start:c.end], entity=c.entity,
                               type=c.type, link=c.link))
        return out

    def _entities(self, text: str, cands: list[Cand]) -> dict[str, Entity]:
        surfaces: dict[str, list[str]] = {}
        titled: dict[str, list[str]] = {}  # "prince William": aliases, never the canonical name
        types: dict[str, str] = {}
        for c in sorted(cands, key=lambda c: c.start):
            if not c.entity:
                continue
            forms = surfaces.setdefault(c.entity, [])
            types.setdefault(c.entity, c.type)
            names = [c.name_text(text)] if c.link in NAME_LINKS and c.kind == "name" else []
            for form in [" ".join(n.split()) for n in names]:
                if form and form not in forms:
                    forms.append(form)
            if c.alias:
                titled.setdefault(c.entity, []).append(" ".join(c.alias.split()))
        entities: dict[str, Entity] = {}
        for eid in sorted(surfaces):
            entry = self.kb.get(eid)
            extra = [f for f in titled.get(eid, []) if f not in surfaces[eid]]
            if entry is not None:
                known = {fold(n) for n in entry.names()}
                entities[eid] = entry.to_entity(f for f in surfaces[eid] + extra if fold(f) not in known)
                continue
            forms = surfaces[eid] or [eid.removeprefix("ent:").replace("-", " ").title()]
            name = max(forms, key=lambda f: (len(f.split()), len(f)))
            entities[eid] = Entity(id=eid, name=name, type=types[eid],  # type: ignore[arg-type]
                                   aliases=[f for f in forms + extra if f != name])
        return entities


@Language.factory("veille_actors", assigns=["doc._.mentions", "doc._.entities"])
def make_actors(nlp: Language, name: str) -> ActorAnnotator:
    register_extensions()
    return ActorAnnotator(nlp)
