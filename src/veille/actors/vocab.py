"""The actors stage's French vocabulary, loaded once from `actors/resources/fr/*.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from veille.actors.names import fold
from veille.errors import VeilleError
from veille.resources import load_resource

RESOURCE_NAMES = ("titles", "determiners", "honorifics", "relational", "groups", "junk", "pronouns",
                  "metonymy", "states")


@dataclass(slots=True)
class Title:
    forms: dict[str, str | None]  # surface form -> gender
    roles: list[str]  # role keys tried in order (empty: only a seat complement resolves it)
    of_org: str | None = None
    default_of: str | None = None
    needs_complement: bool = False
    seat: bool = False
    relational: bool = False
    generic: bool = False
    in_name: bool = False


@dataclass(slots=True)
class Determiner:
    kind: str  # definite, indefinite, possessive, demonstrative
    gender: str | None
    number: str


@dataclass(slots=True)
class Vocab:
    titles: list[Title] = field(default_factory=list)
    fillers: set[str] = field(default_factory=set)
    not_current: set[str] = field(default_factory=set)
    determiners: dict[str, Determiner] = field(default_factory=dict)
    honorifics: dict[str, str | None] = field(default_factory=dict)  # exact form -> gender
    relational: dict[str, str | None] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    country_nouns: set[str] = field(default_factory=set)  # "son pays": the possessor's country
    collectives: set[str] = field(default_factory=set)  # folded plural nouns: "autorités", "troupes"
    junk: set[str] = field(default_factory=set)  # folded
    pronouns: dict[str, str] = field(default_factory=dict)  # folded form -> gender
    impersonal: set[str] = field(default_factory=set)
    stressed: dict[str, str] = field(default_factory=dict)  # "lui" (qui ...) -> gender
    metonymy_verbs: set[str] = field(default_factory=set)
    metonymy_adjectives: set[str] = field(default_factory=set)
    opinion_words: set[str] = field(default_factory=set)  # "Pour Moscou, ..."
    institutions: dict[str, str | None] = field(default_factory=dict)  # folded form -> seat role
    institution_forms: list[str] = field(default_factory=list)
    capital_nouns: set[str] = field(default_factory=set)
    apposition_heads: set[str] = field(default_factory=set)  # folded head nouns of office
    place_heads: set[str] = field(default_factory=set)  # folded "ville", "région"...
    org_heads: set[str] = field(default_factory=set)  # folded "agence", "quotidien"...
    common_nouns: set[str] = field(default_factory=set)  # folded one-word title and group nouns
    state_forms: set[str] = field(default_factory=set)  # folded "république", "royaume"...
    office_heads: set[str] = field(default_factory=set)  # folded first words of office titles


def _need(data: Any, key: str, name: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise VeilleError("E011", f"actors resource {name}.yaml has no '{key}:' section")
    return data[key]


def _norm(text: str) -> str:
    return text.replace("’", "'")


@lru_cache(maxsize=1)
def load_vocab() -> Vocab:
    v = Vocab()
    data = load_resource("actors", "titles")
    for t in _need(data, "titles", "titles"):
        role = t.get("role")
        roles = [] if role is None else ([role] if isinstance(role, str) else list(role))
        v.titles.append(Title(forms={_norm(k): g for k, g in t["forms"].items()}, roles=roles,
                              of_org=t.get("of_org"), default_of=t.get("default_of"),
                              needs_complement=bool(t.get("needs_complement")), seat=bool(t.get("seat")),
                              generic=bool(t.get("generic")), in_name=bool(t.get("in_name"))))
    for c in data.get("capitals", []):
        v.capital_nouns.update(f.lower() for f in c["forms"])
    for f in data.get("apposition_heads", []):
        v.apposition_heads.update(fold(w) for w in f["words"])
    for f in data.get("org_heads", []):
        v.org_heads.update(fold(w) for w in f["words"])
    for f in data.get("place_heads", []):
        v.place_heads.update(fold(w) for w in f["words"])
    for f in data.get("fillers", []):
        v.fillers.update(fold(w) for w in f["words"])
    for f in data.get("not_current", []):
        v.not_current.update(fold(w) for w in f["words"])
    for d in _need(load_resource("actors", "determiners"), "determiners", "determiners"):
        for form in d["forms"]:
            v.determiners[fold(form)] = Determiner(d["kind"], d.get("gender"), d.get("number", "sg"))
    for h in _need(load_resource("actors", "honorifics"), "honorifics", "honorifics"):
        for form in h["forms"]:
            v.honorifics[form] = h.get("gender")
    for r in _need(load_resource("actors", "relational"), "relational", "relational"):
        v.relational.update({fold(k): g for k, g in r["forms"].items()})
        v.titles.append(Title(forms={_norm(k): g for k, g in r["forms"].items()}, roles=[],
                              relational=True))
    for r in load_resource("actors", "relational").get("country_nouns", []):
        v.country_nouns.update(fold(f) for f in r["forms"])
    for g in _need(load_resource("actors", "groups"), "groups", "groups"):
        v.groups.extend(_norm(f) for f in g["forms"])
    for g in load_resource("actors", "groups").get("collectives", []):
        v.groups.extend(_norm(f) for f in g["forms"] if _norm(f) not in v.groups)
        v.collectives.update(fold(f) for f in g["forms"])
    for st in _need(load_resource("actors", "states"), "state_forms", "states"):
        v.state_forms.update(fold(f) for f in st["forms"])
    data = load_resource("actors", "junk")
    v.junk = {fold(j["word"]) for j in _need(data, "junk", "junk")}
    data = load_resource("actors", "pronouns")
    for p in _need(data, "pronouns", "pronouns"):
        for form in p["forms"]:
            v.pronouns[fold(form)] = p["gender"]
    v.impersonal = {fold(i["lemma"]) for i in data.get("impersonal_verbs", [])}
    for p in data.get("stressed", []):
        for form in p["forms"]:
            v.stressed[fold(form)] = p["gender"]
    data = load_resource("actors", "metonymy")
    v.metonymy_verbs = {fold(x["lemma"]) for x in _need(data, "verbs", "metonymy")}
    v.metonymy_adjectives = {fold(x["lemma"]) for x in data.get("adjectives", [])}
    v.opinion_words = {fold(w) for x in data.get("opinion", []) for w in x["words"]}
    for inst in data.get("institutions", []):
        for form in inst["forms"]:
            v.institutions[fold(form)] = inst.get("seat_role")
            v.institution_forms.append(form)
    for t in v.titles:
        v.common_nouns.update(fold(f) for f in t.forms if " " not in f)
    v.common_nouns.update(fold(g) for g in v.groups if " " not in g)
    v.apposition_heads.update(fold(f).split()[0] for t in v.titles for f in t.forms)
    v.office_heads.update(fold(f).split()[0] for t in v.titles if not t.relational for f in t.forms)
    v.apposition_heads.update(fold(g).split()[0] for g in v.groups)
    v.apposition_heads -= {"source", "sources", "proche", "proches", "entourage", "medias"}
    return v
