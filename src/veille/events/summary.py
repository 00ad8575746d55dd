"""French one-line summaries of corpus events, from type, mode, participants, place and date."""

from __future__ import annotations

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
VOWELS = "aeiouyéèêàâîôûAEIOUYÉÈÊÀÂÎÔÛ"


def _de(name: str) -> str:
    """"de Paris", "d'Emmanuel Macron"."""
    return f"d'{name}" if name[:1] in VOWELS else f"de {name}"


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
        if name.endswith("s") and ("-" in name or name.startswith(("États", "Pays", "Émirats"))):
            return f"aux {name}"
        if name[:1] in VOWELS or name.endswith("e"):
            return f"en {name}"
        return f"au {name}"
    if type_hint == "LOC" and " " not in name and name[:1] in VOWELS:
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


def summarize(ev: Event, names: dict[str, str], types: dict[str, str] | None = None) -> str:
    head, between = HEADS.get((ev.type, ev.mode), HEADS.get((ev.type, None), (ev.type.capitalize(), False)))
    people = [names.get(p, p) for p in _speaking_for_themselves(ev.participants)]
    text = head
    if people:
        if between and len(people) >= 2:
            text += " entre " + _list(people[:6]) + (" et d'autres" if len(people) > 6 else "")
        else:
            first, rest = people[0], people[1:]
            text += " " + _de(first)
            if rest:
                link = " avec " if between else " auprès de " if ev.mode == "visit" else " visant "
                text += link + _list(rest[:5])
    if ev.place and ev.place not in ev.participants:
        text += " " + _place(ev.place, names.get(ev.place, ev.place), (types or {}).get(ev.place))
    when = french_date(ev.date)
    if when:
        text += ", " + when
    note = STATUS_NOTE.get(ev.status)
    if note:
        text += f" ({note})"
    return text
