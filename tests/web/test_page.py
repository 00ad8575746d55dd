"""The web page in a real browser: timeline, event sources, document highlights, search, graph,
quote book, and article text that tries to run code."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def open_view(page: Any, hash_: str) -> None:
    page.goto(f"{page.base}/{hash_}")
    page.wait_for_selector("#view[data-state='ready']")


def no_injection(page: Any) -> None:
    assert page.evaluate("() => window.__pwned === undefined"), "injected code ran"
    assert not page.problems, page.problems
    # nothing from article text became an element
    assert page.locator("#view img, #view script, #view svg[onload], #view [onerror]").count() == 0


def test_page_timeline_shows_events_and_their_sources(page: Any, shot: Any) -> None:
    open_view(page, "#/timeline")
    dots = page.locator("#timeline circle.ev")
    assert dots.count() >= 4
    shot(page, "timeline")
    # dots of one day may overlap: the click goes to this dot whatever covers it
    page.locator("#timeline circle.ev[data-id='evw1']").dispatch_event("click")
    detail = page.locator("#event-detail")
    detail.locator("ol.sources li").first.wait_for()
    assert "Claire Moreau rencontre Karl Lindqvist" in detail.inner_text()
    sentence = detail.locator("blockquote.sentence").first
    assert "a rencontré jeudi Karl Lindqvist" in sentence.inner_text()
    assert sentence.locator("mark").inner_text() == "rencontré"
    shot(page, "timeline-event")
    no_injection(page)
    # the source opens its document with the reporting word outlined
    detail.locator("ol.sources li a").first.click()
    page.wait_for_function("() => location.hash.startsWith('#/doc/dweb1')")
    page.wait_for_selector("#view[data-state='ready']")
    assert page.locator(".doc-text .hl-event.focus").inner_text() == "rencontré"


def test_page_timeline_filters_by_type_and_zooms(page: Any) -> None:
    open_view(page, "#/timeline?type=ACCUSE")
    assert page.locator("#timeline circle.ev").count() >= 1
    rows = page.locator("#event-list tbody tr")
    assert rows.count() >= page.locator("#timeline circle.ev").count()  # undated events: listed, not drawn
    assert set(page.locator("#event-list tbody .badge").all_inner_texts()) == {"accusation"}
    # a row opens the event too
    rows.filter(has_text="Karl Lindqvist accuse Nordavia").click()
    page.locator("#event-detail blockquote.sentence mark", has_text="accusé").wait_for()
    box = page.locator("#timeline svg").bounding_box()
    before = page.locator("#timeline .tick-label").all_text_contents()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
    for _ in range(6):
        page.mouse.wheel(0, -200)
    page.wait_for_timeout(100)
    assert page.locator("#timeline .tick-label").all_text_contents() != before


def test_page_document_highlights_quotes_mentions_and_dates(page: Any, shot: Any) -> None:
    open_view(page, "#/doc/dweb1")
    text = page.locator(".doc-text")
    quote = text.locator("q.hl-quote").first
    assert "terrain d'entente" in quote.inner_text()
    assert "Claire Moreau" in (quote.get_attribute("title") or "")
    mention = text.locator("a.hl-mention", has_text="Karl Lindqvist").first
    assert "ent:karl-lindqvist" in (mention.get_attribute("title") or "")
    date = text.locator(".hl-timex").first
    assert "2025-05-15" in (date.get_attribute("title") or "")
    shot(page, "document")
    no_injection(page)


def test_page_search_finds_accented_words_without_accents(page: Any, shot: Any) -> None:
    open_view(page, "#/search?q=geneve")
    results = page.locator("#search-results")
    assert "Entretien à Genève" in results.inner_text()
    assert results.locator(".snippet mark").first.inner_text().lower() == "genève"
    shot(page, "search")
    page.fill("#top-q", "terrain entente")
    page.press("#top-q", "Enter")
    page.wait_for_function("() => location.hash.includes('terrain')")
    page.wait_for_selector("#view[data-state='ready']")
    assert "terrain d'entente" in page.locator("#search-results").inner_text()


def test_page_graph_and_quote_book(page: Any, shot: Any) -> None:
    open_view(page, "#/graph")
    assert page.locator("#graph g.node").count() >= 3
    assert page.locator("#graph line.edge").count() >= 2
    shot(page, "graph")
    open_view(page, "#/quotes?speaker=ent:karl-lindqvist")
    cards = page.locator(".quote-list figure.quote")
    assert cards.count() >= 1
    assert all("Lindqvist" in c for c in cards.all_inner_texts())
    shot(page, "quotes")
    no_injection(page)


def test_page_hostile_article_is_shown_as_text(page: Any, web_db: dict[str, Any], shot: Any) -> None:
    # the directly stored hostile document
    open_view(page, "#/doc/dweb2")
    assert "<script>" in page.locator(".doc-text").inner_text()
    assert "<img src=x" in page.locator("h1").inner_text()
    no_injection(page)
    # the ingested one, when ingestion worked: find it through search
    if web_db["ingested"]:
        open_view(page, "#/search?q=porte-parole message etrange")
        link = page.locator("#search-results ol.hits a").first
        link.click()
        page.wait_for_selector(".doc-text")
        page.wait_for_selector("#view[data-state='ready']")
        body = page.locator(".doc-text").inner_text()
        assert "<script>window.__pwned" in body and "onerror=" in body
        shot(page, "hostile-article")
    for view in ("#/timeline", "#/graph", "#/quotes", "#/documents", "#/entity/ent:nordavia"):
        open_view(page, view)
        no_injection(page)


def test_page_entity_view_and_documents_list(page: Any, shot: Any) -> None:
    open_view(page, "#/entity/ent:karl-lindqvist")
    view = page.locator("#view")
    assert "Karl Lindqvist" in page.locator("h1").inner_text()
    text = view.inner_text()
    assert "Claire Moreau rencontre Karl Lindqvist" in text
    assert "terrain" not in text  # Claire Moreau's quote is not his
    assert "ne peut plus durer" in text
    shot(page, "entity")
    open_view(page, "#/documents")
    assert page.locator("table.docs tbody tr").count() >= 2
    for url in ("#/entity/ent:karl-lindqvist", "#/documents", "#/timeline", "#/quotes", "#/doc/dweb1"):
        open_view(page, url)
        words = set(page.locator("#view").inner_text().split())
        assert not words & {"null", "undefined", "NaN", "[object"}, url
    no_injection(page)


def test_page_unknown_items_show_an_error(page: Any) -> None:
    open_view(page, "#/doc/nope")
    assert "404" in page.locator("#view .error").inner_text()
    open_view(page, "#/timeline?since=garbage&type=NOPE")
    assert page.locator("#view .error").count() == 1
    open_view(page, "#/doc/%E0%A4%A")  # a malformed escape in the address
    assert page.locator("#view .error").count() == 1
    assert not page.problems, page.problems


def test_page_timeline_filters_by_dates_and_actor(page: Any) -> None:
    open_view(page, "#/timeline?since=2025-05-16&until=2025-05-16")
    assert page.locator("#timeline circle.ev[data-id='evw2']").count() == 1
    assert page.locator("#timeline circle.ev[data-id='evw1']").count() == 0
    assert page.locator("input[name='since']").input_value() == "2025-05-16"
    open_view(page, "#/timeline")
    page.fill("input[name='actor']", "Claire Moreau")
    page.click("#timeline-filters button[type='submit']")
    page.wait_for_function("() => location.hash.includes('actor=Claire')")
    page.wait_for_selector("#view[data-state='ready']")
    assert page.locator("#event-list tbody tr").count() == 1
    assert page.locator("#timeline circle.ev").count() == 1
