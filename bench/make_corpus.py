#!/usr/bin/env python3
"""Deterministic generator of varied French news-style articles for benchmarks.

Templates are ours; actors come from veille's knowledge base (people with their roles,
countries, capitals), dates are spread over ten years. Same N and seed -> same files.

usage: make_corpus.py OUT_DIR [-n 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

import yaml

KB_DIR = Path(__file__).resolve().parent.parent / "src" / "veille" / "actors" / "resources" / "fr" / "kb"

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
FALLBACK_PEOPLE = [("Emmanuel Macron", "France"), ("Donald Trump", "États-Unis"), ("Olaf Scholz", "Allemagne"),
                   ("Giorgia Meloni", "Italie"), ("Pedro Sánchez", "Espagne"), ("Keir Starmer", "Royaume-Uni"),
                   ("Vladimir Poutine", "Russie"), ("Volodymyr Zelensky", "Ukraine"), ("Xi Jinping", "Chine"),
                   ("Narendra Modi", "Inde"), ("Recep Tayyip Erdogan", "Turquie"), ("Lula", "Brésil")]
FALLBACK_PLACES = ["Paris", "Berlin", "Rome", "Madrid", "Londres", "Varsovie", "Genève", "Bruxelles", "Ankara",
                   "Nairobi", "Dakar", "Ottawa", "Tokyo", "New Delhi", "Brasilia", "Lisbonne"]

OPENINGS = [
    "{a} et {b} se sont entretenus {wd} par téléphone pendant {dur}, a indiqué la présidence {adj_a}.",
    "{a} a reçu {wd} à {place} son homologue {b}, pour une rencontre consacrée à {topic}.",
    "Les ministres des Affaires étrangères de {n} pays se sont réunis {wd} à {place} pour discuter de {topic}.",
    "{a} a menacé {wd} de nouvelles sanctions contre le gouvernement {adj_b} si aucun accord n'était trouvé sur {topic}.",
    "Un sommet entre {a} et {b} doit se tenir le {day} {month} à {place}, a annoncé {wd} le gouvernement {adj_a}.",
    "{a} a accusé {wd} le gouvernement {adj_b} de bloquer les discussions sur {topic}, lors d'une conférence de presse à {place}.",
    "{country_a} et {country_b} ont signé {wd} à {place} un accord sur {topic}, après {dur} de négociations.",
    "{a} s'est rendu {wd} à {place}, sa première visite officielle depuis {year}, pour évoquer {topic}.",
]
MIDDLES = [
    "« Nous avons fait des progrès réels, mais beaucoup reste à faire », a déclaré {a} devant la presse.",
    "Selon un diplomate présent, les échanges ont été « francs et directs ».",
    "{b} a estimé que ce dossier devait être réglée « avant la fin de l'année ».",
    "Le porte-parole du gouvernement {adj_b} a précisé que les discussions reprendraient {wd2} prochain.",
    "Les deux dirigeants s'étaient déjà rencontrés en {month2} {year}, lors d'un sommet à {place2}.",
    "Le président {adj_a_m} a rappelé que son pays « ne renoncera jamais » à défendre ses intérêts.",
    "D'après la presse locale, la rencontre a duré près de {dur}, plus longtemps que prévu.",
    "{a} a ajouté qu'un nouveau cycle de négociations pourrait avoir lieu dans les deux semaines à venir.",
    "Ces discussions interviennent trois jours après une réunion des ministres de la Défense à {place2}.",
]
CLOSINGS = [
    "Aucune date n'a été fixée pour une prochaine rencontre.",
    "Les marchés ont salué l'annonce, la bourse de {place} gagnant près de 2 % dans la journée.",
    "Des manifestations ont eu lieu le même jour devant l'ambassade {adj_b_f} à {place}.",
    "Le texte doit encore être ratifié par les parlements des deux pays d'ici {year2}.",
    "L'opposition a dénoncé un accord « signé dans la précipitation ».",
]
TOPICS = ["la sécurité énergétique", "la guerre en Ukraine", "les droits de douane", "la situation au Sahel",
          "la coopération militaire", "le climat", "les migrations", "la reconstruction", "le nucléaire civil",
          "les minerais critiques", "la dette", "la cybersécurité"]
DURATIONS = ["deux heures", "une heure et demie", "trois heures", "quarante minutes", "trois jours",
             "plusieurs mois", "deux semaines"]


def load_actors() -> tuple[list[tuple[str, str]], list[str], dict[str, tuple[str, str, str]]]:
    """(person, country name) pairs, places, and country name -> (adj masc, adj fem, id)."""
    people: list[tuple[str, str]] = []
    places: list[str] = []
    countries: dict[str, tuple[str, str, str]] = {}
    try:
        data = {f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) or {} for f in sorted(KB_DIR.glob("*.yaml"))}
    except (OSError, yaml.YAMLError):
        data = {}
    entries = [e for d in data.values() for e in d.get("entities", []) if isinstance(e, dict)]
    by_id = {e.get("id"): e for e in entries}
    for e in entries:
        if e.get("type") == "GPE" and e.get("demonyms"):
            singular = [d for d in e["demonyms"] if isinstance(d, str) and d and not d.endswith("s") and " " not in d]
            if singular:
                masc = min(singular, key=len)
                fem = next((d for d in singular if d.endswith("e") and d != masc), masc)
                countries[e["name"]] = (masc, fem, e["id"])
    for e in entries:
        country = by_id.get(e.get("country"), {}).get("name")
        if e.get("type") == "PER" and e.get("roles") and country in countries:
            people.append((e["name"], country))
        if e.get("capital_of") or (e.get("type") == "LOC" and e.get("country")):
            places.append(e["name"])
    if len(people) < 10 or len(countries) < 5:
        people = FALLBACK_PEOPLE
        countries = {c: ("français", "française", c) for _, c in FALLBACK_PEOPLE}
    return sorted(people), sorted(set(places)) or FALLBACK_PLACES, countries


def article(rng: random.Random, people, places, countries) -> tuple[str, str]:
    (a, ca), (b, cb) = rng.sample(people, 2)
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    slots = {
        "a": a, "b": b, "country_a": ca, "country_b": cb,
        "adj_a": countries.get(ca, ("", "", ""))[1] or "nationale",
        "adj_a_m": countries.get(ca, ("", "", ""))[0] or "national",
        "adj_b": countries.get(cb, ("", "", ""))[0] or "étranger",
        "adj_b_f": countries.get(cb, ("", "", ""))[1] or "étrangère",
        "wd": rng.choice(WEEKDAYS), "wd2": rng.choice(WEEKDAYS), "place": rng.choice(places),
        "place2": rng.choice(places), "topic": rng.choice(TOPICS), "dur": rng.choice(DURATIONS),
        "n": rng.choice(["six", "douze", "vingt", "trente"]), "day": rng.randint(1, 28),
        "month": rng.choice(MONTHS), "month2": rng.choice(MONTHS), "year": day.year - rng.randint(1, 6),
        "year2": day.year + 1,
    }
    paragraphs = [rng.choice(OPENINGS)]
    paragraphs += rng.sample(MIDDLES, rng.randint(3, 6))
    paragraphs.append(rng.choice(CLOSINGS))
    body = "\n\n".join(p.format(**slots) for p in paragraphs)
    header = f" date {day.isoformat()}" if rng.random() > 0.05 else ""
    return day.isoformat(), (header + "\n" + body + "\n") if header else body + "\n"


def make_corpus(out: Path, n: int, seed: int = 1) -> list[Path]:
    people, places, countries = load_actors()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        _day, text = article(rng, people, places, countries)
        path = out / f"gen{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    make_corpus(Path(a.out), a.n, a.seed)
    print(f"wrote {a.n} articles to {a.out}")


if __name__ == "__main__":
    main()
