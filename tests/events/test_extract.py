"""Event mentions from constructed inputs: spaCy's parse plus hand-made actor mentions."""

from __future__ import annotations

from tests.events.conftest import slug
from veille.events.extract import find_event_mentions

LUC, SOPHIE, JEAN = "Luc Faure", "Sophie Blanc", "Jean Petit"


def test_extract_without_actor_stage_gives_no_event_but_finds_triggers(parse):
    doc = parse("Luc Faure a rencontré Sophie Blanc à Oslo.")
    doc._.mentions = None
    doc._.entities = None
    doc._.timexes = None
    assert find_event_mentions(doc) == []
    assert [e.type for e in find_event_mentions(doc, keep_empty=True)] == ["CONSULT"]


def test_extract_subject_object_place_and_date(parse):
    doc = parse("Luc Faure a rencontré Sophie Blanc à Oslo le 4 mars 2024.", names=[LUC, SOPHIE], places=["Oslo"])
    [em] = find_event_mentions(doc)
    assert em.participants == [slug(LUC), slug(SOPHIE)]
    assert em.place == slug("Oslo")
    assert em.date == "2024-03-04" and em.time == "t1"
    assert em.status == "occurred" and em.id == "e1"
    assert doc.text[em.trigger.start:em.trigger.end] == em.trigger.text == "rencontré"


def test_extract_future_date_after_publication_is_planned(parse):
    doc = parse("Luc Faure rencontre Sophie Blanc le 4 mars 2026.", names=[LUC, SOPHIE], published="2026-02-01")
    [em] = find_event_mentions(doc)
    assert em.status == "planned"


def test_extract_negated_meeting(parse):
    doc = parse("Luc Faure n'a pas rencontré Sophie Blanc.", names=[LUC, SOPHIE])
    [em] = find_event_mentions(doc)
    assert em.status == "negated"


def test_extract_failed_attempt(parse):
    doc = parse("Luc Faure a tenté, en vain, de rencontrer Sophie Blanc.", names=[LUC, SOPHIE])
    consult = [e for e in find_event_mentions(doc) if e.type == "CONSULT"]
    assert consult and consult[0].status == "failed"
    assert set(consult[0].participants) == {slug(LUC), slug(SOPHIE)}


def test_extract_coordinated_subject(parse):
    doc = parse("Luc Faure et Sophie Blanc se sont entretenus par téléphone.", names=[LUC, SOPHIE])
    [em] = find_event_mentions(doc)
    assert set(em.participants) == {slug(LUC), slug(SOPHIE)} and em.mode == "phone"


def test_extract_three_participants_is_multilateral(parse):
    doc = parse("Luc Faure a rencontré Sophie Blanc et Jean Petit à Rome.", names=[LUC, SOPHIE, JEAN], places=["Rome"])
    [em] = find_event_mentions(doc)
    assert len(em.participants) == 3 and em.mode == "multilateral"


def test_extract_anaphoric_noun_takes_the_previous_event(parse):
    doc = parse("Luc Faure a rencontré Sophie Blanc le 4 mars 2024. La rencontre a duré deux heures.",
                names=[LUC, SOPHIE])
    ems = find_event_mentions(doc)
    assert len(ems) == 2
    assert ems[1].participants == ems[0].participants and ems[1].date == "2024-03-04"


def test_extract_unresolved_weekday_falls_back_on_publication_month(parse):
    from veille.model import Timex

    doc = parse("Luc Faure a rencontré Sophie Blanc mercredi.", names=[LUC, SOPHIE], published="2025-02")
    start = doc.text.index("mercredi")
    doc._.timexes = [Timex("t1", start, start + 8, "mercredi", "DATE", "XXXX-WXX-3")]
    [em] = find_event_mentions(doc)
    assert em.date == "2025-02" and em.time == "t1"


def test_extract_since_is_not_the_event_date(parse):
    doc = parse("Luc Faure négocie avec Sophie Blanc depuis mars 2024.", names=[LUC, SOPHIE])
    [em] = find_event_mentions(doc)
    assert em.date is None


def test_extract_component_writes_the_extension(nlp):
    if "veille_events" not in nlp.pipe_names:
        import pytest

        pytest.skip("events component not in the pipeline")
    doc = nlp("Le ministre a rencontré la présidente.")
    assert isinstance(doc._.event_mentions, list)


def test_extract_numbered_group_takes_that_many_actors(parse):
    doc = parse("Luc Faure a reçu Sophie Blanc et Jean Petit. Les trois ministres se sont rencontrés à Oslo.",
                names=[LUC, SOPHIE, JEAN], places=["Oslo"])
    last = find_event_mentions(doc)[-1]
    assert set(last.participants) == {slug(LUC), slug(SOPHIE), slug(JEAN)}
    assert last.place == slug("Oslo")


def test_extract_meeting_between_the_two_leaders(parse):
    doc = parse("Luc Faure a appelé Sophie Blanc. Il a proposé une rencontre entre les deux dirigeants.",
                names=[LUC, SOPHIE])
    meeting = [e for e in find_event_mentions(doc) if e.trigger.text == "rencontre"]
    assert meeting and set(meeting[0].participants) == {slug(LUC), slug(SOPHIE)}
    assert meeting[0].status == "proposed"


def test_extract_future_reference_makes_the_event_planned(parse):
    from veille.model import Timex

    doc = parse("Luc Faure rencontrera bientôt Sophie Blanc.", names=[LUC, SOPHIE])
    start = doc.text.index("bientôt")
    doc._.timexes = [Timex("t1", start, start + 7, "bientôt", "DATE", "FUTURE_REF")]
    [em] = find_event_mentions(doc)
    assert em.status == "planned"


def test_extract_headline_does_not_lend_its_words_to_the_first_sentence(parse):
    doc = parse("Luc Faure promet des négociations\n\nLuc Faure et Sophie Blanc se sont entretenus lundi.",
                names=[LUC, SOPHIE])
    meeting = [e for e in find_event_mentions(doc) if e.trigger.text == "entretenus"]
    assert meeting and set(meeting[0].participants) == {slug(LUC), slug(SOPHIE)}


def test_extract_state_visit_counts_the_host_country(parse):
    from veille.events.extract import _kb

    if _kb() is None or "Q142" not in _kb():
        import pytest

        pytest.skip("no knowledge base with France")
    doc = parse("Luc Faure a effectué une visite d'État en France.", names=[LUC])
    doc._.mentions[0:0] = []
    from veille.model import Mention

    start = doc.text.index("France")
    doc._.mentions.append(Mention(start, start + 6, "France", "Q142", "GPE", "name"))
    doc._.entities["Q142"] = _kb()["Q142"].to_entity()
    [em] = find_event_mentions(doc)
    assert em.place == "Q142" and "Q142" in em.participants


def test_extract_manner_phrase_en_tete_a_tete_is_no_second_event(parse):
    doc = parse("Luc Faure s'entretiendra en tête-à-tête avec Sophie Blanc le 4 mars 2026.", names=[LUC, SOPHIE],
                published="2026-03-01")
    [em] = find_event_mentions(doc, keep_empty=True)
    assert em.trigger.text == "entretiendra" and set(em.participants) == {slug(LUC), slug(SOPHIE)}
    doc = parse("Luc Faure a eu un tête-à-tête avec Sophie Blanc le 4 mars 2024.", names=[LUC, SOPHIE])
    [em] = find_event_mentions(doc, keep_empty=True)
    assert em.trigger.text == "tête-à-tête" and set(em.participants) == {slug(LUC), slug(SOPHIE)}


def test_extract_agreement_taking_effect_is_between_the_parties_of_its_subject(parse):
    doc = parse("La trêve entre Luc Faure et Sophie Blanc est entrée en vigueur le 4 mars 2024.", names=[LUC, SOPHIE])
    [em] = [e for e in find_event_mentions(doc) if e.trigger.text == "entrée"]
    assert em.type == "AGREE" and set(em.participants) == {slug(LUC), slug(SOPHIE)} and em.date == "2024-03-04"


def test_extract_modal_over_a_passive_or_perfect_infinitive_keeps_its_status(parse):
    """"devraient être reçus", "pourrait avoir rencontré": the participle's infinitive auxiliary
    makes it the modal's infinitive, as "devait rencontrer" is."""
    planned = parse("Luc Faure et Jean Petit devraient être reçus par Sophie Blanc lundi.", names=[LUC, JEAN, SOPHIE])
    possible = parse("Luc Faure pourrait avoir rencontré Sophie Blanc à Oslo.", names=[LUC, SOPHIE], places=["Oslo"])
    held = parse("Luc Faure a été reçu par Sophie Blanc à Oslo.", names=[LUC, SOPHIE], places=["Oslo"])
    assert [em.status for em in find_event_mentions(planned)] == ["planned"]
    assert [em.status for em in find_event_mentions(possible)] == ["possible"]
    assert [em.status for em in find_event_mentions(held)] == ["occurred"]
