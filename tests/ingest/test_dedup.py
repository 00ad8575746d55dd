"""Near-duplicates: the same story from several outlets is stored once with every source."""

from __future__ import annotations

from pathlib import Path

from veille.ingest.dedup import NearDuplicateIndex
from veille.ingest.readers import read_inputs

STORY = Path(__file__).resolve().parent.parent / "fixtures" / "inputs" / "story"

PARAGRAPHS = [
    "Le gouvernement portugais a présenté jeudi à Lisbonne un plan de modernisation des ports de l'Atlantique, "
    "doté de deux milliards d'euros sur cinq ans, qui doit réduire l'attente des navires de moitié.",
    "Les syndicats de dockers ont salué des investissements attendus depuis longtemps, tout en réclamant des "
    "garanties sur l'emploi avant la signature des premiers contrats avec les entreprises de travaux.",
    "La Commission européenne doit encore valider le financement, dont une partie viendra du fonds de relance, "
    "a précisé le ministre des Infrastructures devant les députés réunis en séance extraordinaire.",
]


def signature(index: NearDuplicateIndex, text: str):
    return index.signature(text)


def test_dedup_cut_paragraph_and_teaser_still_match():
    index = NearDuplicateIndex()
    full = "\n\n".join(PARAGRAPHS)
    index.add("d1", *signature(index, full))
    variant = "À LA UNE - Les ports, grand chantier du gouvernement.\n\n" + "\n\n".join(PARAGRAPHS[:2])
    assert index.find(*signature(index, variant)) == "d1"


def test_dedup_different_story_on_same_topic_does_not_match():
    index = NearDuplicateIndex()
    index.add("d1", *signature(index, "\n\n".join(PARAGRAPHS)))
    other = ("Le gouvernement espagnol a annoncé jeudi à Madrid un plan pour les aéroports régionaux, avec des "
             "aides aux compagnies qui ouvrent des lignes vers les îles, et un calendrier de travaux sur trois "
             "ans discuté avec les syndicats du secteur aérien et les élus des régions concernées.")
    assert index.find(*signature(index, other)) is None


def test_dedup_three_outlets_become_one_document_with_three_sources(nlp, tmp_path):
    from veille.corpus.process import ingest
    from veille.store import Store

    store = Store(tmp_path / "v.db")
    report = ingest([str(STORY)], store, workers=1)
    assert not report.errors
    # the feed also carries an unrelated item: 2 documents in all, the story stored once
    assert store.count_documents() == 2
    assert report.near_duplicates == 2
    story = [d for d in store.iter_documents() if "Tromsø" in d["text"]]
    assert len(story) == 1
    sources = story[0]["sources"]
    assert len(sources) == 3
    assert any(s["url"] == "https://radio-baltique.example/international/accord-arctique" for s in sources)
    assert any(s["source"].endswith("story_page.html") for s in sources)
    assert any(s["source"].endswith("story_text.txt") for s in sources)
    # a second run adds nothing
    again = ingest([str(STORY)], store, workers=1)
    assert again.stored == 0 and store.count_documents() == 2
    store.close()


def test_dedup_reads_story_fixture_as_three_inputs():
    assert sum(len(r.documents) for r in read_inputs([str(STORY)])) == 4
