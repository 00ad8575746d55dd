"""A corpus event's date, status, participants and summary come from its mentions."""

from __future__ import annotations

from tests.events.conftest import leaders_of_two_countries
from tests.events.test_merge import NAMES, OSLO, A, B, row
from veille.events.merge import MentionRow, build_event, merge_rows
from veille.model import Event


def one_event(rows: list[MentionRow]) -> Event:
    clusters = merge_rows(rows).clusters
    assert len(clusters) == 1
    return build_event(clusters[0], (NAMES, {}))


def test_merge_event_day_beats_the_month_containing_it():
    ev = one_event([row("d1", "e1", "2025-03", [A, B], seq=1), row("d2", "e1", "2025-03-11", [A, B], seq=2),
                    row("d3", "e1", "2025-03", [B, A], seq=3)])
    assert ev.date == "2025-03-11"


def test_merge_event_date_of_the_report_that_it_happened():
    # planned on the 12th (two announcements), held on the 13th (one report afterwards)
    ev = one_event([row("d1", "e1", "2025-05-12", [A, B], status="planned", published="2025-05-10", seq=1),
                    row("d2", "e1", "2025-05-12", [A, B], status="planned", published="2025-05-11", seq=2),
                    row("d3", "e1", "2025-05-13", [A, B], published="2025-05-14", seq=3)])
    assert ev.date == "2025-05-13"
    assert ev.status == "occurred"


def test_merge_event_status_of_the_latest_report_when_none_says_it_happened():
    ev = one_event([row("d1", "e1", "2025-05-12", [A, B], status="planned", published="2025-05-01", seq=1),
                    row("d2", "e1", "2025-05-12", [A, B], status="failed", published="2025-05-12", seq=2)])
    assert ev.status == "failed"
    assert ev.summary.endswith("(échec)")


def test_merge_event_lists_every_source_participant_and_place():
    ev = one_event([row("d1", "e1", "2025-05-12", [A, B], place=OSLO, seq=1),
                    row("d2", "e3", "2025-05-12", [B, A], seq=2)])
    assert [(s.document, s.mention) for s in ev.sources] == [("d1", "e1"), ("d2", "e3")]
    assert ev.participants == [A, B] and ev.place == OSLO
    assert ev.summary == "Rencontre entre Anne Morel et Paul Girard à Oslo, le 12 mai 2025"


def test_merge_event_summary_names_leaders_not_also_their_country():
    from veille.events.summary import summarize

    first, other, country = leaders_of_two_countries()
    names = {first: "Première Personne", other: "Seconde Personne", country: "Pays d'Ici"}
    ev = Event("ev1", "CONSULT", None, [country, first, other], None, "2025-07-10", "occurred", "")
    assert summarize(ev, names) == "Rencontre entre Première Personne et Seconde Personne, le 10 juillet 2025"
    alone = Event("ev2", "CONSULT", None, [country, other], None, None, "occurred", "")
    assert summarize(alone, names) == "Rencontre entre le Pays d'Ici et Seconde Personne"  # a country: its article
