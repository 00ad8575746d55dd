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


def test_dedup_store_band_keys_are_the_index_keys(tmp_path):
    # the store derives each signature's LSH band keys in SQL; they must be the index's own
    import numpy as np

    from veille.model import Document, Published
    from veille.store import Store

    index = NearDuplicateIndex()
    rng = np.random.default_rng(3)
    with Store(tmp_path / "b.db") as store:
        expected = {}
        for i in range(6):
            mh = rng.integers(0, 2**32, 64, dtype=np.uint64).astype(np.uint32)
            mh[:8] = [0, 1, 256, 65536, 0xFFFFFFFF, 0, 0x00FF00FF, 7]  # zero bytes inside keys
            doc = Document(id=f"d{i}", source=f"d{i}.txt", text=f"Texte numéro {i}.",
                           published=Published(None, "unknown"))
            store.add_documents([(doc, index.to_bytes(mh, np.arange(30, dtype=np.uint32)))])
            expected[doc.id] = index._keys(mh)
        rows = store.conn.execute("SELECT document_id, band, key FROM signature_bands ORDER BY document_id, band")
        got: dict[str, list[bytes]] = {}
        for doc_id, band, key in rows:
            assert band == len(got.setdefault(doc_id, []))
            got[doc_id].append(bytes(key))
        assert got == expected
        # bands 0 and 1 are the same fixed values in every document: all share them
        assert [d for d, _ in store.near_duplicate_candidates(expected["d2"])] == [f"d{i}" for i in range(6)]
        only_own = [b"\x00" * 16, b"\x00" * 16, *expected["d2"][2:]]
        assert [d for d, _ in store.near_duplicate_candidates(only_own)] == ["d2"]


def test_dedup_index_with_store_lookup_finds_a_stored_twin_and_forgets(tmp_path):
    from veille.model import Document, Published
    from veille.store import Store

    text = ("Le Premier ministre a présenté mercredi devant l'Assemblée nationale un projet de loi sur "
            "l'énergie, qui prévoit la construction de six réacteurs et un soutien accru aux énergies "
            "renouvelables d'ici la fin de la décennie, selon le texte transmis aux députés.")
    with Store(tmp_path / "t.db") as store:
        writer = NearDuplicateIndex()
        doc = Document(id="orig", source="a.txt", text=text, published=Published(None, "unknown"))
        store.add_documents([(doc, writer.to_bytes(*writer.signature(text)))])
        index = NearDuplicateIndex(lookup=store.near_duplicate_candidates)
        assert index.shingles == {}  # nothing loaded from the store
        edited = "Un chapeau ajouté en tête de la dépêche.\n\n" + text
        assert index.find(*index.signature(edited)) == "orig"
        other = ("La météo annonce des orages sur la côte atlantique pour tout le week-end prochain, avec du vent "
                 "fort en rafales, des pluies abondantes et une baisse sensible des températures dès samedi matin.")
        mh, sh = index.signature(other)
        index.add("new", mh, sh)
        assert index.find(mh, sh) == "new"
        index.forget(["new"])
        assert index.find(mh, sh) is None and index.shingles == {} and all(not t for t in index.tables)
