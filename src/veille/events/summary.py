"""French one-line summaries of corpus events, from type, mode, participants, place and date."""

from __future__ import annotations

from functools import lru_cache

from veille.events import dates
from veille.model import Event

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")

# (noun phrase, joins participants with "entre" (True) or "de" (False))
HEADS: dict[tuple[str, str | None], tuple[str, bool]] = {
    ("CONSULT", None): ("Rencontre", True),
    ("CONSULT", "phone"): ("Entretien téléphonique", True),
    ("CONSULT", "visit"): ("Visite", False),
    ("CONSULT", "multilateral"): ("Réunion", True),
    ("CONSULT", "third-party"): ("Médiation", True),
    ("AGREE", None): ("Accord", True),
    ("REJECT", None): ("Rejet", False),
    ("THREATEN", None): ("Menace", False),
    ("SANCTION", None): ("Sanctions", False),
    ("REQUEST", None): ("Demande", False),
    ("ACCUSE", None): ("Accusation", False),
    ("SUPPORT", None): ("Soutien", False),
    ("ASSAULT", None): ("Attaque", False),
    ("MOBILIZE", None): ("Mobilisation", False),
    ("AID", None): ("Aide", False),
    ("COOPERATE", None): ("Coopération", True),
    ("CONCEDE", None): ("Concession", False),
    ("RETREAT", None): ("Retrait", False),
    ("PROTEST", None): ("Protestation", False),
    ("COERCE", None): ("Coercition", False),
}
STATUS_NOTE = {"planned": "prévu", "proposed": "proposé", "possible": "envisagé", "failed": "échec",
               "negated": "démenti"}
ELIDING = "aeiouéèêàâîôûAEIOUÉÈÊÀÂÎÔÛ"


# The article a name takes follows the gender and number of its head noun ("la Commission
# européenne", "le Conseil de sécurité", "les Nations unies"); a person or a city takes none.
FEMININE_HEADS = frozenset({
    "agence", "alliance", "armée", "assemblée", "autorité", "banque", "coalition", "commission",
    "communauté", "confédération", "conférence", "cour", "fédération", "force", "garde", "ligue",
    "maison", "organisation", "police", "principauté", "république", "union"})
MASCULINE_HEADS = frozenset({
    "bureau", "comité", "congrès", "conseil", "département", "élysée", "émirat", "état", "fonds", "front",
    "gouvernement", "groupe", "kremlin", "ministère", "mouvement", "palais", "parlement", "parti",
    "pentagone", "programme", "quai", "royaume", "secrétariat", "sénat", "sultanat", "tribunal"})
PLURAL_HEADS = frozenset({"émirats", "états-unis", "forces", "nations", "pays-bas", "philippines", "îles"})
# countries named without an article ("Israël a signé", "à Cuba"), and masculine ones ending in -e
BARE_COUNTRIES = frozenset({"bahreïn", "chypre", "cuba", "djibouti", "haïti", "israël", "madagascar",
                            "malte", "monaco", "oman", "singapour", "taïwan"})
MASCULINE_COUNTRIES_IN_E = frozenset({"belize", "cambodge", "mexique", "mozambique", "saint-siège", "zimbabwe"})


@lru_cache(maxsize=65536)
def article(name: str, kind: str | None) -> str:
    """The definite article of a name ("la ", "le ", "l'", "les " or ""), by its kind: "country"
    (feminine when it ends in -e, with a few exceptions), "named" (an organisation or a named
    building: by its head noun, when it is one of the common nouns above) or None (a person, a
    city: no article)."""
    if kind is None or not name:
        return ""
    head = name.split()[0].lower()
    root = head.split("-")[0]  # "Royaume-Uni": royaume
    if head in PLURAL_HEADS:
        return "les "
    if kind == "country":
        if head in BARE_COUNTRIES:
            return ""
        feminine = root in FEMININE_HEADS or (root.endswith("e") and head not in MASCULINE_COUNTRIES_IN_E
                                             and root not in MASCULINE_HEADS)
    elif root in FEMININE_HEADS or root in MASCULINE_HEADS:
        feminine = root in FEMININE_HEADS
    else:
        return ""
    if name[:1] in ELIDING:  # no elision before a "h aspiré" or a y: "la Hongrie", "le Yémen"
        return "l'"
    return "la " if feminine else "le "


def _de(name: str) -> str:
    """"de Paris", "d'Emmanuel Macron", "de la Russie", "du Royaume-Uni", "des États-Unis"."""
    if name.startswith("le "):
        return "du " + name[3:]
    if name.startswith("les "):
        return "des " + name[4:]
    if name.startswith(("la ", "l'")):
        return "de " + name
    return f"d'{name}" if name[:1] in ELIDING else f"de {name}"


def _list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " et " + names[-1]


def _country_ids() -> frozenset[str]:
    """Ids of the knowledge base's countries (they have demonyms), when the actors stage is there."""
    try:
        from veille.actors.kb import load_kb

        kb = load_kb(strict=False)
    except Exception:  # no actors stage, or a broken knowledge base: no country list
        return frozenset()
    return frozenset(e.id for e in kb.values() if e.demonyms)


_COUNTRIES: frozenset[str] | None = None


def _place(place_id: str, name: str, type_hint: str | None) -> str:
    """"en France", "au Canada", "aux États-Unis", "en Alaska", "à Moscou"."""
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = _country_ids()
    if place_id in _COUNTRIES:
        the = article(name, "country")
        if the == "les " or name.endswith("s") and ("-" in name or name.startswith(("États", "Pays", "Émirats"))):
            return f"aux {name}"
        if name[:1] in ELIDING or the == "la ":
            return f"en {name}"
        return f"au {name}" if the == "le " else f"à {name}"
    the = article(name, "named" if type_hint in ("ORG", "LOC") else None)
    if the:  # "au Kremlin", "à la Maison Blanche", "à l'Élysée"
        return f"au {name}" if the == "le " else f"aux {name}" if the == "les " else f"à {the}{name}"
    if type_hint == "LOC" and " " not in name and name[:1] in ELIDING:
        return f"en {name}"
    return f"à {name}"


def french_date(value: str | None) -> str | None:
    span = dates.interval(value)
    if span is None or value is None:
        return None
    first, last = span
    if first == last:
        day = "1er" if first.day == 1 else str(first.day)
        return f"le {day} {MONTHS[first.month - 1]} {first.year}"
    if "-W" in value:
        return f"la semaine du {first.day} {MONTHS[first.month - 1]} {first.year}"
    if (last - first).days <= 31:
        return f"en {MONTHS[first.month - 1]} {first.year}"
    return f"en {first.year}"


def _speaking_for_themselves(participants: list[str]) -> list[str]:
    """The participants, without a country when one of its leaders is named too ("Rencontre
    entre Keir Starmer et Emmanuel Macron", not "entre Royaume-Uni, Keir Starmer et ...")."""
    try:
        from veille.actors.kb import load_kb

        kb = load_kb(strict=False)
    except Exception:  # no actors stage, or a broken knowledge base: every participant
        return participants
    led = {kb.country_of(p) for p in participants if p in kb.entries and kb.entries[p].type == "PER"}
    kept = [p for p in participants if not (p in led and kb.country_of(p) == p)]
    return kept or participants


def _kind(entity_id: str, types: dict[str, str]) -> str | None:
    """"country" for a country of the knowledge base, "named" for an organisation or a named
    place that is no city (their article depends on their head noun), None otherwise."""
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = _country_ids()
    if entity_id in _COUNTRIES:
        return "country"
    return "named" if types.get(entity_id) in ("ORG", "LOC") else None


def _named(entity_id: str, names: dict[str, str], types: dict[str, str]) -> str:
    """The name with its article: "la Russie", "l'Union européenne", "Emmanuel Macron"."""
    name = names.get(entity_id, entity_id)
    return article(name, _kind(entity_id, types)) + name


def summarize(ev: Event, names: dict[str, str], types: dict[str, str] | None = None) -> str:
    head, between = HEADS.get((ev.type, ev.mode), HEADS.get((ev.type, None), (ev.type.capitalize(), False)))
    people = [_named(p, names, types or {}) for p in _speaking_for_themselves(ev.participants)]
    text = head
    if people:
        if between and len(people) >= 2:
            text += " entre " + _list(people[:6]) + (" et d'autres" if len(people) > 6 else "")
        else:
            first, rest = people[0], people[1:]
            text += " " + _de(first)
            if rest:
                if between:
                    text += " avec " + _list(rest[:5])
                elif ev.mode == "visit":
                    text += " auprès " + _de(_list(rest[:5]))
                else:
                    text += " visant " + _list(rest[:5])
    if ev.place and ev.place not in ev.participants:
        text += " " + _place(ev.place, names.get(ev.place, ev.place), (types or {}).get(ev.place))
    when = french_date(ev.date)
    if when:
        text += ", " + when
    note = STATUS_NOTE.get(ev.status)
    if note:
        text += f" ({note})"
    return text
