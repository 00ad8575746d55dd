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
# more sentences of our own, so that an article has the length of a real one (400 to 900 words)
BODY = [
    "{a} avait déjà évoqué ce dossier le {day} {month} dernier, lors d'un entretien accordé à une radio publique.",
    "Selon plusieurs sources diplomatiques, les deux délégations ont passé l'essentiel de la matinée à discuter {de_topic2}.",
    "« Il n'y aura pas d'accord au rabais », a prévenu {b}, qui s'exprimait devant les journalistes à la sortie de la réunion.",
    "Le ministère des Affaires étrangères {adj_a_m} a publié dans la soirée un communiqué saluant « un dialogue constructif ».",
    "La question de {topic2} reste toutefois l'un des principaux points de désaccord entre les deux capitales.",
    "D'après un conseiller de {a}, un texte commun pourrait être présenté avant la fin du mois de {month2}.",
    "Les négociateurs se retrouveront à {place2} dans {n} jours pour une nouvelle session de travail, a-t-on appris de source officielle.",
    "En {year}, une tentative comparable avait échoué après le retrait de plusieurs pays de la table des négociations.",
    "Le gouvernement {adj_b} a rappelé {wd2} son ambassadeur pour consultations, un geste rare dans l'histoire récente des deux pays.",
    "Plusieurs organisations non gouvernementales ont appelé les dirigeants à placer {topic} au cœur de leurs échanges.",
    "La presse {adj_b_f} a largement commenté la rencontre, certains éditorialistes parlant d'un « tournant » dans la relation bilatérale.",
    "{b} a indiqué qu'il attendait des « gestes concrets » de la part de son interlocuteur avant toute nouvelle réunion.",
    "Le Parlement {adj_a_m} doit examiner le mois prochain un projet de loi consacré à {topic}, a rappelé un député de la majorité.",
    "Les exportations de {country_a} vers {country_b} ont reculé de {pct} % l'an dernier, selon les chiffres officiels publiés en {month2}.",
    "Un accord commercial conclu en {year} prévoyait déjà une baisse progressive des droits de douane sur plusieurs produits agricoles.",
    "Le Premier ministre {adj_b} a qualifié les propositions de {a} de « base de discussion sérieuse », sans s'engager davantage.",
    "Les services de sécurité avaient renforcé le dispositif autour du bâtiment dès la veille de la rencontre, selon la police locale.",
    "Quelques centaines de personnes se sont rassemblées dans le centre de {place} pour réclamer davantage de transparence.",
    "« Nous ne pouvons pas attendre une nouvelle crise pour agir », a insisté {a} lors d'un point de presse improvisé.",
    "Le coût du programme est estimé à {num} milliards d'euros sur cinq ans, un montant jugé insuffisant par l'opposition.",
    "Les deux pays entretiennent des relations diplomatiques depuis {year3}, mais les visites officielles restent peu fréquentes.",
    "Un haut fonctionnaire a reconnu, sous couvert d'anonymat, que les discussions avaient été « plus difficiles que prévu ».",
    "La Commission européenne a fait savoir {wd2} qu'elle suivait « avec attention » l'évolution des négociations.",
    "{b} doit se rendre à {place2} la semaine prochaine pour une réunion des ministres des Finances du G20.",
    "Le secrétaire général de l'ONU a salué dans un message la reprise du dialogue entre {country_a} et {country_b}.",
    "À {place}, les commerçants redoutent les conséquences d'un éventuel échec des pourparlers sur leurs activités.",
    "Selon un sondage publié {wd2}, {pct} % des personnes interrogées jugent la politique du gouvernement trop prudente.",
    "Le chef de la diplomatie {adj_b_f} a annulé à la dernière minute un déplacement prévu à {place2}.",
    "Les ministres ont également abordé {topic2}, un dossier sur lequel les positions des deux pays se sont rapprochées.",
    "{a} a rendu hommage aux victimes des inondations qui ont frappé le pays au printemps, avant d'ouvrir la séance.",
    "Une déclaration commune de {n} pages a été adoptée à l'issue de la réunion, sans mention explicite de {topic}.",
    "Les observateurs soulignent que cette rencontre intervient à quelques mois d'élections législatives décisives en {country_b}.",
    "Le porte-parole de {a} a démenti {wd2} toute divergence au sein de la délégation, évoquant des « rumeurs sans fondement ».",
    "« La confiance se construit pas à pas », a estimé un diplomate européen qui a participé aux travaux préparatoires.",
    "La banque centrale {adj_a_f} a maintenu son taux directeur à {pct} %, une décision attendue par la plupart des analystes.",
    "Les deux dirigeants ont dîné ensemble dans la soirée, à l'invitation de {a}, dans une résidence officielle proche de {place}.",
    "Plus de {num} journalistes étaient accrédités pour couvrir l'événement, selon les organisateurs.",
    "Le texte prévoit la création d'un groupe de travail chargé de remettre des propositions d'ici {month2} {year2}.",
    "L'ancien ministre {adj_a_m} des Affaires étrangères a jugé sur les réseaux sociaux que l'accord arrivait « bien trop tard ».",
    "{b} avait été reçu à {place2} en {month} {year}, une visite qui avait déjà porté sur {topic2}.",
    "Les syndicats ont annoncé une journée de grève le {day2} {month2} pour protester contre le projet de réforme.",
    "Selon l'agence nationale de statistique, le chômage a atteint {pct} % de la population active au dernier trimestre.",
    "Le gouvernement {adj_a_m} assure que les mesures annoncées n'entraîneront pas de hausse d'impôts.",
    "Interrogé sur un possible compromis, {b} a répondu que « tout dépendra de la bonne volonté de chacun ».",
    "La réunion s'est achevée par une conférence de presse commune, au cours de laquelle aucune question n'a été autorisée.",
    "Les marchés financiers ont réagi avec prudence, l'indice principal de la bourse de {place2} reculant de {pct} %.",
    "Des experts réunis à {place2} ont rappelé que {topic} exigeait une coordination entre tous les pays de la région.",
    "L'opposition {adj_a_f} a réclamé un débat au Parlement avant toute signature, dénonçant un « manque de transparence ».",
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
            forms = [d for d in e["demonyms"] if isinstance(d, str) and d and " " not in d]
            if forms:  # masculine singular: the shortest form; feminine: the shortest in -e
                masc = min(forms, key=len)
                fem = min((d for d in forms if d.endswith("e")), key=len, default=masc)
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


def _de(noun_phrase: str) -> str:
    """'de' + a noun phrase with its article, contracted as French requires."""
    if noun_phrase.startswith("les "):
        return "des " + noun_phrase[4:]
    if noun_phrase.startswith("le "):
        return "du " + noun_phrase[3:]
    return "de " + noun_phrase


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
        "year2": day.year + 1, "year3": rng.randint(1950, 1995), "day2": rng.randint(1, 28),
        "topic2": (topic2 := rng.choice(TOPICS)), "de_topic2": _de(topic2), "pct": rng.choice(["1,5", "2", "3,2", "4", "7,5", "12", "38", "61"]),
        "num": rng.choice(["deux", "cinq", "douze", "quarante", "trois cents"]),
        "adj_a_f": countries.get(ca, ("", "", ""))[1] or "nationale",
    }
    # a lead, then 5 to 9 paragraphs of 3 or 4 sentences, then a closing line: ~400-900 words
    sentences = rng.sample(MIDDLES + BODY, rng.randint(22, 42))
    paragraphs = [rng.choice(OPENINGS) + " " + sentences.pop()]
    while sentences:
        take = min(len(sentences), rng.randint(3, 4))
        paragraphs.append(" ".join(sentences.pop() for _ in range(take)))
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
