"""Descriptions: "le président américain", "le chef du Kremlin", "son homologue russe",
"la présidence française", "un conseiller du président" -- found and resolved through roles at
the sentence's date, appositions, or the person they relate to.
"""

from __future__ import annotations

import datetime as dt

from spacy.attrs import ORTH
from spacy.tokens import Doc

from veille.actors.matchers import Matchers
from veille.actors.names import corpus_id, fold
from veille.actors.spans import Cand, Context, is_subject, span_root
from veille.actors.vocab import Title

_DE = ("de", "du", "d'", "des")
# adjectives of focus or emphasis after a noun ("le Premier ministre seul", "le président lui-même")
# qualify the clause, not the referent: they are not part of the description
_FOCUS_ADJ = ("seul", "seule", "seuls", "seules", "même", "mêmes")
_ARTICLES = ("la", "le", "l'", "les")
_CONTRACTED = ("du", "au", "aux")  # "du président" = de + le: definite, outside the mention
# roles compared for "son homologue": the office the other person holds, most specific first
_HOMOLOGUE_ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                    "vice_president", "minister", "leader", "envoy", "spokesperson", "monarch")
_PUNCT_END = {",", ".", ";", ":", ")", "»", "!", "?"}


def _low(tok_text: str) -> str:
    return fold(tok_text)


class Finder:
    """Finds and resolves descriptions in one document, given its names."""

    def __init__(self, ctx: Context, m: Matchers, names: list[Cand]):
        self.ctx, self.m, self.names = ctx, m, names
        self.doc: Doc = ctx.doc
        self.name_at: dict[int, Cand] = {}
        for c in names:
            if c.ts not in self.name_at or c.te > self.name_at[c.ts].te:
                self.name_at[c.ts] = c
        self.out: list[Cand] = []
        self._title_spans: list[tuple[int, int]] = []
        self.anaphor_at: dict[int, Cand] = {}  # "l'Alliance" by its first token, for complements
        strings = self.doc.vocab.strings  # token texts without making a Token per word
        texts = [strings[orth] for orth in self.doc.to_array(ORTH).tolist()]
        self.low = [fold(t) for t in texts]  # every token folded, once
        self.lower = [t.lower() for t in texts]

    # -- helpers --------------------------------------------------------------------------
    def _name_starting(self, i: int) -> Cand | None:
        """A name mention starting at token i (an article before it allowed)."""
        if i >= len(self.doc):
            return None
        c = self.name_at.get(i) or self.anaphor_at.get(i)
        if c is None and _low(self.doc[i].text) in _ARTICLES:
            c = self.name_at.get(i + 1)
        return c

    def _complement(self, k: int) -> tuple[Cand | None, int]:
        """ "de la France" / "du Kremlin" / "de l'Otan" at token k -> (name, token after it)."""
        doc = self.doc
        if k < len(doc) and _low(doc[k].text) in _DE:
            c = self._name_starting(k + 1)
            if c is not None and c.entity:
                return c, c.te
        return None, k

    def _demonyms(self, k: int) -> tuple[list[tuple[str, int]], int]:
        """Country ids of demonym adjectives at k ("russe et ukrainien"), with each token index."""
        doc, kb = self.doc, self.ctx.kb
        found: list[tuple[str, int]] = []
        while k < len(doc):
            country = kb.by_demonym.get(_low(doc[k].text))
            if country is None or doc[k].text[:1].isupper():
                break
            found.append((country, k))
            k += 1
            if k + 1 < len(doc) and doc[k].lower_ in ("et", "ou", ",") and \
                    kb.by_demonym.get(_low(doc[k + 1].text)) and not doc[k + 1].text[:1].isupper():
                k += 1
                continue
            break
        return found, k

    def _determiner(self, ts: int) -> tuple[int, str | None, str | None, bool]:
        """(mention start token, determiner kind, gender, not-current) looking left of a title."""
        doc, vocab = self.doc, self.ctx.vocab
        j = ts - 1
        not_current = False
        while j >= 0 and (_low(doc[j].text).rstrip("-") in vocab.not_current
                          or _low(doc[j].text) in ("nouveau", "nouvel", "nouvelle", "-")):
            if _low(doc[j].text).rstrip("-") in vocab.not_current:
                not_current = True
            j -= 1
        if j >= 0:
            low = _low(doc[j].text)
            det = vocab.determiners.get(low)
            if det is not None and (doc[j].pos_ in ("DET", "PRON") or low in ("l'",)):
                return j, det.kind, det.gender, not_current
            if low in _CONTRACTED:
                return j + 1, "definite", None, not_current
        return j + 1, None, None, not_current

    def _add(self, ts: int, te: int, entity: str | None, link: str | None, kind: str = "description",
             type_: str = "PER", gender: str | None = None) -> Cand:
        doc = self.doc
        c = Cand(start=doc[ts].idx, end=doc[te - 1].idx + len(doc[te - 1].text), ts=ts, te=te,
                 type=type_, kind=kind, entity=entity if entity else None,
                 link=link if entity else None, gender=gender)
        self.out.append(c)
        return c

    def _holder(self, title: Title, of: str, at: int, org: bool = False, form: str | None = None,
                hint: str | None = None) -> str | None:
        kb = self.ctx.kb
        lo, hi = self.ctx.date_at(at)
        roles = ([title.of_org] if title.of_org else []) if org else title.roles
        found = [pid for pid in (kb.holder(role, of, lo, hi, title=form, hint=hint) for role in roles) if pid]
        if len(set(found)) > 1:
            # "le dirigeant allemand" (head of state or of government): the holder the article has
            # already named, the latest named first; else the first role's holder
            for c in sorted(self.names + self.out, key=lambda c: -c.ts):
                if c.te <= at and c.entity in found:
                    return c.entity
        return found[0] if found else None

    def _skip_complement(self, k: int) -> int:
        """After "l'envoyé spécial", skip "du président américain" (a description complement)."""
        doc = self.doc
        if k < len(doc) and _low(doc[k].text) in _DE:
            j = k + 1 if _low(doc[k + 1].text) not in _ARTICLES else k + 2
            for s, e in self._title_spans:
                if s == j:
                    countries, e2 = self._demonyms(e)
                    return e2 if countries else e
        return k

    def _apposition(self, ts: int, te: int, nested: bool = False, backward: bool = False) -> Cand | None:
        """A person's name right after the description ("le président russe Vladimir Poutine",
        "Son envoyé spécial, Steve Witkoff,") or right before it ("Keir Starmer, Premier ministre")."""
        doc = self.doc
        after = self.name_at.get(te)
        if after is not None and after.type == "PER" and after.entity:
            return after
        if nested:  # "l'envoyé spécial du président américain, Steve Witkoff": not the president
            return None
        te = self._skip_complement(te)
        if te + 1 < len(doc) and doc[te].text == ",":
            after = self.name_at.get(te + 1)
            if after is not None and after.type == "PER" and after.entity and \
                    (after.te >= len(doc) or doc[after.te].text in _PUNCT_END):
                return after
        if ts >= 2 and doc[ts - 1].text == "," and backward:
            before = [c for c in self.names if c.te == ts - 1 and c.type == "PER" and c.entity]
            if before:
                return before[0]
        return None

    def _antecedent_person(self, ts: int, back: int = 1) -> Cand | None:
        """Who "son/sa/ses" refers to: the nearest person before (up to `back` sentences),
        subjects of the sentence first."""
        ctx = self.ctx
        sent = ctx.sentence(ts)
        pool = [c for c in self.names + self.out
                if c.entity and c.type == "PER" and c.te <= ts and sent - ctx.sentence(c.ts) <= back]
        if not pool:
            return None
        doc = self.doc

        def rank(c: Cand) -> tuple[int, int, int]:
            return (sent - ctx.sentence(c.ts), 0 if is_subject(span_root(doc, c.ts, c.te)) else 1, -c.ts)
        return min(pool, key=rank)

    # -- the finders ----------------------------------------------------------------------
    def titles(self) -> None:
        doc, ctx, kb, vocab = self.doc, self.ctx, self.ctx.kb, self.ctx.vocab
        strings = doc.vocab.strings
        found = [(s, e, strings[k]) for k, s, e in self.m.titles(doc)] + self._split_titles()
        self._title_spans = [(s, e) for s, e, _k in found]
        matches = sorted(found,
                         key=lambda x: (x[0], -(x[1] - x[0])))
        last_end = -1
        for ts, te, key in matches:
            if ts < last_end:
                continue
            title = vocab.titles[int(key.split(":")[1])]
            said = fold(doc[ts:te].text)
            form_gender = next((g for f, g in title.forms.items() if fold(f) == said), None)
            start, det, det_gender, not_current = self._determiner(ts)
            k = te
            skip = vocab.fillers | vocab.not_current
            while k < len(doc) and _low(doc[k].text) in skip:
                not_current = not_current or _low(doc[k].text) in vocab.not_current
                k += 1
            inner = [kb.by_demonym[_low(t.text)] for t in doc[ts:te] if _low(t.text) in kb.by_demonym]
            countries, k2 = self._demonyms(k)
            comp, k3 = (None, k2)
            if not countries:
                comp, k3 = self._complement(k)
                place, k4 = self._complement(k3) if comp is not None and comp.type == "ORG" else (None, k3)
                if place is not None and place.type in ("GPE", "LOC"):
                    k3 = k4  # "le président de la Cour d'appel de Dakar": the court's town
            end = k3 if (countries or comp) else k  # k: after the fillers ("le sénateur démocrate")
            gender = form_gender or det_gender
            if gender is None and countries:  # "son homologue congolaise"
                g = doc[countries[0][1]].morph.get("Gender", [])
                gender = ("m" if g[0] == "Masc" else "f") if g else None
            is_relational = title.relational
            has_complement = bool(countries or comp or inner)
            if title.needs_complement and not has_complement:
                continue
            # a name of a person inside a group phrase is handled by groups()
            last_end = end
            extra_adj = False
            if not has_complement:  # "les dirigeants européens", "le président émirien X"
                while end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].dep_ == "amod" \
                        and ts <= doc[end].head.i < end and not doc[end].text[:1].isupper() \
                        and _low(doc[end].text) not in _FOCUS_ADJ:
                    end += 1
                    extra_adj = True
            if not has_complement and end < len(doc) and end not in self.name_at and \
                    doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and not title.roles:
                self._name_after_title(end)
            nested = start > 0 and (_low(doc[start - 1].text) in _DE + _CONTRACTED
                                    or _low(doc[start].text) in _CONTRACTED)
            # "Keir Starmer, Premier ministre britannique": backwards only for a bare title
            appos = self._apposition(start, end, nested=nested, backward=det is None)
            plural = det == "definite" and _low(doc[start].text) == "les"
            if appos is not None and det != "indefinite" and not plural:
                d = self._add(start, end, appos.entity, "apposition", gender=gender or appos.gender)
                if title.in_name and appos.ts == end:
                    d.alias = self.ctx.text[doc[ts].idx:appos.end]
                continue
            if det is None:
                continue  # a bare title ("Président depuis trois ans, ...") is not a mention
            if not_current or det in ("indefinite", "demonstrative"):
                self._add(start, end, None, None, gender=gender)
                continue
            if det == "definite" and _low(doc[start].text) == "les" and not is_relational:
                self._add(start, end, None, None, gender=gender)
                continue
            at = ts
            if is_relational or det == "possessive":
                self._relational(title, start, ts, te, end, countries, det, gender, is_relational)
                continue
            entity = None
            form = " ".join(t.text for t in doc[ts:te] if _low(t.text) not in kb.by_demonym)
            hint = comp.name_text(self.ctx.text) if comp is not None else None
            of = inner[0] if inner else (countries[0][0] if countries else None)
            if comp is not None and comp.entity:
                ce = kb.get(comp.entity)
                if ce is not None and ce.seat_of and title.seat:
                    entity = kb.holder(ce.seat_of[0], ce.seat_of[1], *ctx.date_at(at))
                elif ce is not None and ce.seat_of:  # "le porte-parole du Kremlin"
                    of = ce.seat_of[1]
                elif ce is not None and ce.type == "GPE" and (ce.demonyms or ce.capital):
                    of = ce.id
                elif ce is not None and ce.type in ("ORG", "LOC", "MISC"):
                    entity = self._holder(title, ce.id, at, org=True, form=form)
            if entity is None and of:
                entity = self._holder(title, of, at, form=form, hint=hint)
            if entity is None and of is None and comp is None and title.default_of and det is not None:
                entity = self._holder(title, title.default_of, at, form=form)
            if entity is None and det == "definite" and not has_complement and not extra_adj:
                entity = self._recent_holder(title, ts, form)
            self._add(start, end, entity, "description", gender=gender)

    def _name_after_title(self, i: int) -> None:
        """ "le prince William": the capitalised words after a title form a person's name."""
        doc, kb = self.doc, self.ctx.kb
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if any(c.ts < j and i < c.te for c in self.names):
            return
        text = self.ctx.text[doc[i].idx:doc[j - 1].idx + len(doc[j - 1].text)]
        ids = [x for x in kb.lookup(text) if kb[x].type == "PER"]
        c = Cand(start=doc[i].idx, end=doc[i].idx + len(text), ts=i, te=j, type="PER", kind="name",
                 entity=ids[0] if ids else corpus_id(text), link="alias" if ids else "name")
        self.names.append(c)
        self.name_at[i] = c
        self.out.append(c)

    def _split_titles(self) -> list[tuple[int, int, str]]:
        """Multi-word titles with a demonym after their first word ("secrétaire américain à la Défense")."""
        split, demonyms, lower = self.m.titles_split, self.m.demonyms, self.lower
        out = []
        for i in range(len(lower) - 2):
            rests = split.get(lower[i])
            if not rests or lower[i + 1] not in demonyms:
                continue
            after = i + 2
            for rest, index in rests:
                if tuple(lower[after:after + len(rest)]) == rest:
                    out.append((i, after + len(rest), f"title:{index}"))
        return out

    def _recent_holder(self, title: Title, ts: int, form: str | None = None) -> str | None:
        """ "le président" alone: the nearest person before it who holds that office then."""
        kb, ctx = self.ctx.kb, self.ctx
        lo, hi = ctx.date_at(ts)
        far: list[str] = []  # people named more than three sentences before
        for c in sorted(self.names + self.out, key=lambda c: -c.ts):
            if c.te > ts or not c.entity or c.entity not in kb or kb[c.entity].type != "PER":
                continue
            if not title.roles and form and any(fold(n).startswith(fold(form) + " ")
                                                for n in kb[c.entity].names()):
                return c.entity  # "le prince héritier" -> alias "prince héritier saoudien"
            if ctx.sentence(ts) - ctx.sentence(c.ts) > 3:
                far.append(c.entity)
                continue
            if self._holds(title, c.entity, lo, hi, form):
                return c.entity
        # further back: the only person of the document who holds that office then
        holders = sorted({e for e in far if self._holds(title, e, lo, hi, form)})
        return holders[0] if len(holders) == 1 else None

    def _holds(self, title: Title, pid: str, lo: dt.date, hi: dt.date, form: str | None) -> bool:
        for r in self.ctx.kb.roles_at(pid, lo, hi):
            # "le chef de la diplomatie" for a "ministre des Affaires étrangères": forms of one title
            if r.role in title.roles and (title.generic or form is None or not r.title
                                          or any(fold(r.title).startswith(fold(f)) for f in (form, *title.forms))):
                return True
        return False

    def _relational(self, title: Title, start: int, ts: int, te: int, end: int,
                    countries: list[tuple[str, int]], det: str | None, gender: str | None,
                    is_relational: bool) -> None:
        kb, ctx, doc = self.ctx.kb, self.ctx, self.doc
        lo, hi = ctx.date_at(ts)
        ante = self._antecedent_person(start)
        if is_relational:
            held = kb.roles_at(ante.entity, lo, hi) if ante and ante.entity else []
            held.sort(key=lambda r: _HOMOLOGUE_ROLES.index(r.role) if r.role in _HOMOLOGUE_ROLES else 99)
            plural_group = len(countries) == 1 and doc[te - 1].lower_.endswith(("s", "x")) \
                and doc[countries[0][1]].lower_.endswith(("s", "x"))
            if not countries or plural_group:  # "leurs homologues américains": several people
                self._add(start, end, None, None, gender=gender)
                return
            for n, (other, tok) in enumerate(countries):
                entity = None
                for r in held:
                    entity = kb.holder(r.role, other, lo, hi, exclude=ante.entity if ante else None)
                    if entity:
                        break
                if n == 0:
                    self._add(start, tok + 1, entity, "relational", gender=gender)
                else:
                    self._add(tok, tok + 1, entity, "relational", gender=gender)
            return
        # "son envoyé spécial": that person's country
        country = countries[0][0] if countries else None
        if country is None and ante is not None and ante.entity:
            country = kb.country_of(ante.entity)
        entity = self._holder(title, country, ts) if country else None
        self._add(start, end, entity, "description", gender=gender)

    def institutions(self) -> None:
        """ "la présidence française" -> the seat of power of that country's head of state."""
        doc, kb, vocab = self.doc, self.ctx.kb, self.ctx.vocab
        for _k, ts, te in self.m.institutions(doc):
            countries, k = self._demonyms(te)
            if not countries:
                # "l'administration Trump", "le gouvernement de Benyamin Netanyahou": the leader's country
                leader = self.name_at.get(te) or (self.name_at.get(te + 1) if self.low[te:te + 1] in (["de"], ["d'"]) else None)
                country = kb.country_of(leader.entity) if leader is not None and leader.type == "PER" \
                    and leader.entity and leader.entity in kb else None
                if country is None or kb[country].type != "GPE":
                    continue
                countries, k = [(country, te)], te
            start, det, _g, _nc = self._determiner(ts)
            if det not in ("definite",):
                continue
            country = countries[0][0]
            seat_role = vocab.institutions.get(fold(doc[ts:te].text))
            entity = kb.seats.get((seat_role, country)) if seat_role else None
            target = entity or country
            if any(d.ts <= start and k <= d.te for d in self.out if d.kind == "description"):
                continue  # "le chef de la diplomatie française"
            self._add(start, k, target, "metonymy", kind="institution", type_=kb[target].type)

    def capitals(self) -> None:
        """ "la capitale ukrainienne" -> the capital of that country."""
        doc, kb, vocab = self.doc, self.ctx.kb, self.ctx.vocab
        for i, lower in enumerate(self.lower):
            if lower not in vocab.capital_nouns:
                continue
            tok = doc[i]
            countries, k = self._demonyms(tok.i + 1)
            start, det, _g, not_current = self._determiner(tok.i)
            if not countries or det != "definite" or not_current:
                continue
            capital = kb[countries[0][0]].capital
            if capital and capital in kb:
                self._add(start, k, capital, "description", type_=kb[capital].type)

    def org_appositions(self) -> None:
        """ "l'agence d'État Chine nouvelle", "le quotidien Le Monde": a definite noun for a kind
        of organisation (with adjectives or "d'État") right before an organisation's name."""
        doc, vocab = self.doc, self.ctx.vocab
        for i, low in enumerate(self.low):
            if low not in vocab.org_heads:
                continue
            tok = doc[i]
            if tok.text[:1].isupper() and not tok.is_sent_start:
                continue
            if any(c.ts <= tok.i < c.te for c in self.names) or any(d.ts <= tok.i < d.te for d in self.out):
                continue
            start, det, gender, _nc = self._determiner(tok.i)
            if det not in ("definite", "possessive") or doc[start].lower_ == "les":
                continue
            k = tok.i + 1
            while k < len(doc) and k - tok.i <= 4 and k not in self.name_at and (
                    (doc[k].pos_ == "ADJ" and doc[k].text.islower())
                    or (_low(doc[k].text) in ("d'", "de") and k + 1 < len(doc) and _low(doc[k + 1].text) in ("etat", "presse"))
                    or (_low(doc[k].text) in ("etat", "presse") and _low(doc[k - 1].text) in ("d'", "de"))):
                k += 1
            name = self.name_at.get(k)
            if name is not None and name.type == "PER" and (name.entity or "").startswith("ent:") \
                    and name.name_start is None:
                name.type, name.gender = "ORG", None  # "la coalition X": X is no person
            if name is None or not name.entity or name.type not in ("ORG", "MISC"):
                continue
            self._add(start, k, name.entity, "apposition", type_=name.type, gender=gender)

    def epithets(self) -> None:
        """ "le milliardaire républicain": a person's stock epithet (knowledge base `epithets`)
        after a definite article names that person when the document names them; among
        several, the one named last before it."""
        doc, kb = self.doc, self.ctx.kb
        named = [c for c in self.names + self.out if c.entity and c.entity in kb and kb[c.entity].epithets]
        if not named:
            return
        for ts, low in enumerate(self.low):
            if low not in kb.epithet_first:
                continue
            te, key = next(((ts + n, _low(doc[ts:ts + n].text)) for n in (5, 4, 3, 2, 1)
                            if ts + n <= len(doc) and _low(doc[ts:ts + n].text) in kb.by_epithet), (ts, ""))
            if te == ts:
                continue
            start, det, gender, not_current = self._determiner(ts)
            if det != "definite" or not_current or doc[start].lower_ == "les":
                continue
            same = [d for d in self.out if d.ts <= ts < d.te]
            if any(d.entity for d in same):
                continue
            wanted = kb.by_epithet[key]
            cands = [c for c in named if c.entity in wanted]
            before = [c for c in cands if c.te <= ts]
            target = max(before, key=lambda c: c.ts) if before else min(cands, key=lambda c: c.ts, default=None)
            if target is None or not target.entity:
                continue
            for d in same:
                self.out.remove(d)
            self._add(start, max([te] + [d.te for d in same]), target.entity, "description",
                      gender=gender or kb[target.entity].gender)

    def long_appositions(self) -> None:
        """ "le conseiller à la sécurité nationale, Mike Waltz," and "Lena Vogt, la directrice de
        l'agence régionale." / "Kharkiv, la deuxième ville du pays,": a singular definite noun
        phrase of office (or of place) set off by commas names the person (place) beside it,
        whatever its complement. Replaces a shorter unlinked description at the same start."""
        doc, vocab = self.doc, self.ctx.vocab
        n = len(doc)
        for i, low in enumerate(self.low):
            person = low in vocab.apposition_heads
            if not (person or low in vocab.place_heads):
                continue
            tok = doc[i]
            if tok.text[:1].isupper() and not tok.is_sent_start:
                continue
            j = tok.i - 1
            while j >= 0 and j >= tok.i - 2 and doc[j].pos_ == "ADJ" and doc[j].text.islower():
                j -= 1  # "la principale ville", "la deuxième ville"
            if j < 0 or self.low[j] not in ("le", "la", "l'", "son", "sa", "du", "au"):
                continue
            start = j if self.low[j] not in ("du", "au") else j + 1  # "du secrétaire au Commerce"
            k = tok.i + 1
            while k < n and k - tok.i <= 14 and not (doc[k].is_punct and doc[k].text not in ("'", "’", "-")) \
                    and not doc[k].is_space:
                if doc[k].pos_ in ("AUX", "PRON") or (doc[k].pos_ == "VERB" and "Part" not in doc[k].morph.get("VerbForm", [])):
                    break
                k += 1
            if k - tok.i > 14 or (k < n and not (doc[k].is_punct or doc[k].is_space)):
                continue
            target = None
            types = ("PER",) if person else ("LOC", "GPE")
            if person and k + 1 < n and doc[k].text == ",":
                after = self.name_at.get(k + 1)
                if after is not None and after.type == "PER" and after.entity and \
                        (after.te >= n or doc[after.te].is_punct or doc[after.te].is_space):
                    target = after
            if target is None and start >= 2 and doc[start - 1].text == ",":
                # not after "Selon X," / "Pour X,": that comma closes the source, a new subject follows
                before = [c for c in self.names if c.te == start - 1 and c.type in types and c.entity
                          and not (c.ts > 0 and self.low[c.ts - 1] in self.ctx.vocab.opinion_words)]
                target = before[0] if before else None
            if target is None:
                continue
            same = [d for d in self.out if d.ts == start or (d.ts <= tok.i < d.te)]
            if any(d.entity for d in same):
                continue
            for d in same:
                self.out.remove(d)
            self._add(start, k, target.entity, "apposition", kind="group", type_=target.type,
                      gender=target.gender)

    def possessed_countries(self) -> None:
        """ "son pays" -> the country of the person "son" refers to; "leur pays" -> the country a
        group just before stands for ("les autorités polonaises ... leur pays")."""
        doc, kb, ctx = self.doc, self.ctx.kb, self.ctx
        for i, low in enumerate(self.low):
            if i == 0 or low not in self.ctx.vocab.country_nouns:
                continue
            tok = doc[i]
            det = _low(doc[tok.i - 1].text)
            country = None
            if det in ("son", "sa"):
                ante = self._antecedent_person(tok.i - 1, back=2)
                country = kb.country_of(ante.entity) if ante is not None and ante.entity else None
            elif det == "leur":
                sent = ctx.sentence(tok.i)
                groups = [d for d in self.out if d.kind == "group" and d.type == "GPE" and d.entity
                          and d.te <= tok.i - 1 and sent - ctx.sentence(d.ts) <= 1]
                country = groups[-1].entity if groups else None
            if country is not None and country in kb:
                self._add(tok.i - 1, tok.i + 1, country, "description", type_=kb[country].type)

    def org_anaphors(self) -> None:
        """ "l'Alliance", "le bloc", "cette organisation": the organisation of the document the
        noun refers back to (one of its `nouns` in the knowledge base): the nearest mention
        before it, else the first one after it in the same or the next sentence."""
        doc, kb, ctx = self.doc, self.ctx.kb, self.ctx
        # what the document names, and the countries of what it names ("Riyad", "le prince
        # héritier" make "le royaume" Saudi Arabia)
        present: list[tuple[int, int, str]] = []
        for c in self.names + self.out:
            for eid in dict.fromkeys([c.entity, kb.country_of(c.entity)] if c.entity else []):
                if eid and eid in kb and kb[eid].nouns:
                    present.append((c.ts, c.te, eid))
        if not present:
            return
        for ts, low in enumerate(self.low):
            if low not in kb.noun_first:
                continue
            te, key = next(((ts + n, _low(doc[ts:ts + n].text)) for n in (3, 2, 1)
                            if ts + n <= len(doc) and _low(doc[ts:ts + n].text) in kb.by_noun), (ts, ""))
            if te == ts or any(c.ts <= ts < c.te for c in self.names if c.entity and not c.entity.startswith("ent:")) \
                    or any(d.ts <= ts < d.te for d in self.out):
                continue  # part of a name ("l'Alliance atlantique") or of a description
            if te < len(doc) and (_low(doc[te].text) in _DE or te in self.name_at):
                continue  # "l'organisation du sommet", "le groupe Wagner": not a reference back
            start, det, _g, not_current = self._determiner(ts)
            if det not in ("definite", "demonstrative") or not_current or doc[start].lower_ == "les":
                continue
            wanted = kb.by_noun[key]
            before = [p for p in present if p[2] in wanted and p[1] <= ts]
            after = [p for p in present if p[2] in wanted and p[0] >= te
                     and ctx.sentence(p[0]) - ctx.sentence(ts) <= 1]
            target = max(before) if before else min(after, default=None)
            if target is not None:
                self.anaphor_at[start] = self._add(start, te, target[2], "description", type_=kb[target[2]].type)

    def groups(self) -> None:
        """ "un conseiller du président X", "une source à l'Élysée", "les responsables français":
        one unlinked mention for the whole phrase."""
        doc, kb, vocab = self.doc, self.ctx.kb, self.ctx.vocab
        found = sorted(((ts, te) for _k, ts, te in self.m.groups(doc)), key=lambda x: (x[0], -x[1]))
        for ts, te in found:
            if doc[ts].text[:1].isupper() and not doc[ts].is_sent_start:
                continue  # "le Proche-Orient"
            start, det, gender, _nc = self._determiner(ts)
            if det is None and not (ts > 0 and doc[ts - 1].lower_ == "selon"):
                continue
            if any(c.ts <= ts < c.te for c in self.out if c.kind == "group"):
                continue
            k = te
            while k < len(doc):
                low = _low(doc[k].text)
                if low in _FOCUS_ADJ:
                    break
                if low in kb.by_demonym or low in vocab.fillers or (
                        doc[k].dep_ == "amod" and doc[k].head.i < k and doc[k].pos_ != "VERB"
                        or doc[k].pos_ == "VERB" and "Part" in doc[k].morph.get("VerbForm", [])):
                    # adjectives, never a finite verb the parser took for one ("contrôlent")
                    k += 1
                    continue
                if low in _DE + ("a", "au", "aux") and k + 1 < len(doc):
                    nxt = self._phrase_at(k + 1)
                    if nxt is not None:
                        k = nxt
                        continue
                break
            # "Le conseiller diplomatique du Kremlin, Iouri Ouchakov, ...": a named group member
            appos = self._apposition(start, k, nested=True)
            if appos is None and k + 1 < len(doc) and doc[k].text == ",":
                named = self.name_at.get(k + 1)
                if named is not None and named.type == "PER" and named.entity and \
                        (named.te >= len(doc) or doc[named.te].text in _PUNCT_END) and \
                        det in ("definite", "possessive") and not doc[k - 1].lower_.endswith("s"):
                    appos = named
            if appos is not None and det in ("definite", "possessive"):
                self._add(start, k, appos.entity, "apposition", kind="group", gender=gender or appos.gender)
                continue
            coll = self._collective_country(start, ts, te, det)
            if coll is not None:  # "les autorités ukrainiennes": the state they act for
                # the mention ends with the nationality (the parser takes some verbs for adjectives)
                self._add(start, coll[1], coll[0], "metonymy", kind="group", type_="GPE", gender=gender)
                continue
            self._add(start, k, None, None, kind="group", gender=gender)

    def _collective_country(self, start: int, ts: int, te: int, det: str | None) -> tuple[str, int] | None:
        """The country of "les troupes russes" / "les forces armées ukrainiennes": a definite
        plural collective noun whose adjectives name one country (no other group of people)."""
        doc, kb, vocab = self.doc, self.ctx.kb, self.ctx.vocab
        if det != "definite" or doc[start].lower_ != "les" or _low(doc[ts:te].text) not in vocab.collectives:
            return None
        k = te
        while k < len(doc) and doc[k].pos_ in ("ADJ", "VERB") and not doc[k].text[:1].isupper():
            country = kb.by_demonym.get(self.low[k])
            if country is not None:
                return (country, k + 1) if kb[country].type == "GPE" else None
            k += 1
        # "les forces de Kiev", "les autorités de Kinshasa": a country or its capital after "de"
        comp, after = self._complement(k)
        if comp is not None and comp.entity:
            country = comp.entity if kb[comp.entity].demonyms else kb[comp.entity].capital_of
            if country is not None and kb[country].type == "GPE":
                return country, after
        return None

    def _phrase_at(self, i: int) -> int | None:
        """End token of a name or description starting at i (an article allowed before it)."""
        j = i + 1 if i < len(self.doc) and _low(self.doc[i].text) in _ARTICLES else i
        best = None
        for c in self.names + self.out:
            if c.ts in (i, j) and c.kind != "group":
                best = max(best or 0, c.te)
        while best is not None and best in self.name_at and self.name_at[best].type == "PER":
            best = self.name_at[best].te  # "du président Emmanuel Macron"
        return best

    def demonym_appositions(self) -> None:
        """ "l'Ukrainien Volodymyr Zelensky": a singular demonym noun before a person's name."""
        for c in self.names:
            if c.kind == "demonym" and not self.doc[c.te - 1].text.lower().endswith("s"):
                after = self.name_at.get(c.te)
                if after is not None and after.type == "PER" and after.entity:
                    c.kind, c.entity, c.type, c.link = "description", after.entity, "PER", "apposition"


def find_descriptions(ctx: Context, m: Matchers, names: list[Cand]) -> list[Cand]:
    f = Finder(ctx, m, names)
    f.demonym_appositions()
    f.org_anaphors()  # first: "le secrétaire général de l'Alliance" needs its complement
    f.titles()
    f.institutions()
    f.capitals()
    f.groups()
    f.epithets()
    f.org_appositions()
    f.long_appositions()
    f.possessed_countries()
    return f.out
