"""Plain-text articles: metadata headers, headline, and removal of scraping debris.

Cleaning only removes whole debris lines (template tokens, repeated headlines, trailing
teasers) and collapses runs of blank lines; every other character is kept as it was, so the
offsets of everything found later point into text a reader recognises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veille.model import Published

# ` date 2025-08-19 Body...`, `Date: 2025-02`, `date 1999-05-17T10:00`: a header key then a value
_DATE_HEADER = re.compile(
    r"^[ \t]*(?:date|published|publié le|publie le)[ \t]*:?[ \t]+"
    r"(?P<value>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T[\d:.+\-Z]+)?(?=\s|$)[ \t]*",
    re.IGNORECASE,
)
_LINE_HEADER = re.compile(
    r"^[ \t]*(?P<key>title|titre|url|source|author|auteur)[ \t]*:[ \t]*(?P<value>\S.*?)[ \t]*$",
    re.IGNORECASE,
)
# a line made only of template or markup debris: `#}`, `{{ }}`, `{% endblock %}`-like leftovers
_DEBRIS_LINE = re.compile(r"^[ \t]*(?:[{}#%|<>!\[\]]+|\{%.*%\}|\{\{.*\}\}|\{#.*#\})[ \t]*$")
# teaser words left at the end of a scraped page
_TEASERS = {
    "plus", "lire la suite", "lire plus", "en savoir plus", "voir plus", "suite", "la suite",
    "lire aussi", "à lire aussi", "a lire aussi", "read more", "continuer la lecture",
    "lire l'article", "lire l’article", "afficher plus",
}
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
# a clock time glued to the next date by a page template: `18:1110.05.2025` -> `18:11 10.05.2025`
_GLUED_TIMESTAMP = re.compile(r"(?<=\b\d{2}:\d{2})(?=\d{1,2}[./]\d{1,2}[./]\d{4}\b)")
_SENTENCE_END = (".", ",", ";", ":", "»", '"')
MAX_TITLE_CHARS = 220


@dataclass
class CleanText:
    text: str
    title: str | None = None
    published: Published = field(default_factory=Published)
    url: str | None = None
    author: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _is_teaser(line: str) -> bool:
    return line.strip().strip(".…»>›→ ").lower() in _TEASERS


def _looks_like_title(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > MAX_TITLE_CHARS or len(s.split()) < 2:
        return False
    return not s.endswith(_SENTENCE_END) and (s[0].isupper() or s[0].isdigit() or s[0] in "«\"'“")


def _take_headers(lines: list[str], out: CleanText) -> list[str]:
    """Remove metadata header lines at the top; a `date` header may share its line with the body."""
    while lines:
        first = lines[0]
        if not first.strip():
            lines.pop(0)
            continue
        m = _DATE_HEADER.match(first)
        if m and out.published.value is None:
            out.published = Published(m.group("value"), "metadata")
            out.headers["date"] = m.group("value")
            rest = first[m.end():]
            if rest.strip():
                lines[0] = rest
                break
            lines.pop(0)
            continue
        m = _LINE_HEADER.match(first)
        if m:
            key = m.group("key").lower()
            value = m.group("value")
            out.headers[key] = value
            if key in ("title", "titre"):
                out.title = value
            elif key in ("url", "source") and value.startswith(("http://", "https://")):
                out.url = value
            elif key in ("author", "auteur"):
                out.author = value
            lines.pop(0)
            continue
        break
    return lines


def _take_title(lines: list[str], out: CleanText) -> list[str]:
    """A short first line followed by a blank line (or by copies of itself) is the headline.

    The headline stays in the text once (readers and annotators treat it as part of the
    article); only its repeated copies are removed.
    """
    idx = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if idx is None:
        return lines
    first = lines[idx]
    rest = lines[idx + 1:]
    nxt = next((ln for ln in rest if ln.strip()), None)
    followed_by_blank = bool(rest) and not rest[0].strip()
    repeated = nxt is not None and nxt.strip() == first.strip()
    if out.title is None and _looks_like_title(first) and nxt is not None and (followed_by_blank or repeated):
        out.title = first.strip()
    if out.title is None or first.strip() != out.title.strip():
        return lines
    # drop the copies of the headline (and the blank lines between them), keep one
    j = idx + 1
    while j < len(lines) and (not lines[j].strip() or lines[j].strip() == out.title.strip()):
        j += 1
    return lines[:idx + 1] + ([""] if j < len(lines) else []) + lines[j:]


def clean_text(raw: str) -> CleanText:
    """Headers, headline and debris out; the body otherwise unchanged."""
    out = CleanText(text="")
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    lines = [ln for ln in lines if not _DEBRIS_LINE.match(ln)]
    lines = _take_headers(lines, out)
    lines = [ln for ln in lines if not _DEBRIS_LINE.match(ln)]
    lines = _take_title(lines, out)
    while lines and (not lines[-1].strip() or _is_teaser(lines[-1])):
        lines.pop()
    body = "\n".join(lines)
    body = _BLANK_RUN.sub("\n\n", body)
    body = _GLUED_TIMESTAMP.sub(" ", body)
    out.text = body.strip()
    return out
