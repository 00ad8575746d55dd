"""Saved web pages: the article's main text, title, date and author, through trafilatura."""

from __future__ import annotations

import re

from veille.errors import InputError
from veille.ingest.readers import READERS, SNIFFERS, make_document
from veille.ingest.text import clean_text
from veille.model import Document, Published

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (feed item bodies), paragraphs kept apart."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if text:
        return text
    # a short fragment without article structure: strip the tags
    import html as html_lib

    stripped = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    stripped = re.sub(r"(?i)<br\s*/?>|</p>", "\n", stripped)
    stripped = re.sub(r"<[^>]+>", " ", stripped)
    return re.sub(r"[ \t]+", " ", html_lib.unescape(stripped)).strip()


def read_html(text: str, where: str) -> list[Document | InputError]:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_recall=True)
    except Exception as exc:  # trafilatura raises various parser errors on broken markup
        raise InputError("E007", where, f"HTML could not be parsed ({type(exc).__name__})") from exc
    if result is None:
        raise InputError("E009", where, "no article text found in the HTML page")
    data = result if isinstance(result, dict) else result.as_dict()
    body = (data.get("text") or "").strip()
    if not body:
        raise InputError("E009", where, "no article text found in the HTML page")
    title = (data.get("title") or "").strip() or None
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():  # the page's <h1> repeated in the body
        body = rest.strip()
    date = data.get("date")
    published = Published(date[:10], "metadata") if date and _ISO_DATE.match(date) else None
    clean = clean_text(body)
    if title and clean.title is None:
        clean.title = title
    return [make_document(clean, where, title=title, url=data.get("url") or None, published=published,
                          author=data.get("author") or None)]


def _looks_like_html(head: str) -> bool:
    low = head.lower()
    return low.startswith(("<!doctype html", "<html")) or ("<body" in low and "<" in low[:1])


for suffix in (".html", ".htm", ".xhtml"):
    READERS[suffix] = read_html
SNIFFERS.append((_looks_like_html, read_html))
