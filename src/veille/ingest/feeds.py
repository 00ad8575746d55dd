"""RSS and Atom feeds: one document per item (title, link, date, content or summary)."""

from __future__ import annotations

import time

from veille.errors import InputError
from veille.ingest.html import html_to_text
from veille.ingest.readers import READERS, SNIFFERS, make_document
from veille.ingest.text import clean_text
from veille.model import Document, Published


def _item_date(entry: dict) -> Published | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return Published(time.strftime("%Y-%m-%d", parsed), "metadata")
    return None


def _item_body(entry: dict) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    return html_to_text(html) if "<" in html else html


def read_feed(text: str, where: str) -> list[Document | InputError]:
    import feedparser

    parsed = feedparser.parse(text)
    usable = [e for e in parsed.entries if e.get("title") or e.get("summary") or e.get("content")]
    if not usable:
        reason = "malformed feed" if parsed.bozo else "feed has no items"
        raise InputError("E007", where, reason)
    out: list[Document | InputError] = []
    for n, entry in enumerate(parsed.entries, start=1):
        item_where = f"{where}#item{n}"
        link = entry.get("link") or None
        body = _item_body(entry).strip()
        title = (entry.get("title") or "").strip() or None
        if not body:
            out.append(InputError("E009", item_where, "feed item has no text"))
            continue
        try:
            out.append(make_document(clean_text(body), link or item_where, title=title, url=link,
                                     published=_item_date(entry)))
        except InputError as exc:
            out.append(exc)
    return out


def _looks_like_feed(head: str) -> bool:
    low = head.lower()
    return low.startswith("<?xml") and ("<rss" in low or "<feed" in low or "<rdf" in low) or \
        low.startswith(("<rss", "<feed"))


for suffix in (".rss", ".atom", ".xml"):
    READERS[suffix] = read_feed
SNIFFERS.insert(0, (_looks_like_feed, read_feed))
