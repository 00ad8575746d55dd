"""JSON Lines: one article per line, `{"text", "title", "published", "url", "id"}`."""

from __future__ import annotations

import json
import re

from veille.errors import InputError
from veille.ingest.readers import READERS, SNIFFERS, make_document
from veille.ingest.text import clean_text
from veille.model import Document, Published

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


def read_jsonl(text: str, where: str) -> list[Document | InputError]:
    out: list[Document | InputError] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_where = f"{where}:{n}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(InputError("E007", line_where, f"invalid JSON ({exc.msg})"))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
            out.append(InputError("E007", line_where, "a line must be an object with a non-empty \"text\""))
            continue
        published = None
        raw_date = item.get("published")
        if isinstance(raw_date, str) and (m := _DATE.match(raw_date.strip())):
            published = Published(m.group(0), "metadata")
        source = item.get("url") or (f"{where}#{item['id']}" if item.get("id") is not None else line_where)
        try:
            out.append(make_document(clean_text(item["text"]), str(source), title=item.get("title") or None,
                                     url=item.get("url") or None, published=published))
        except InputError as exc:
            out.append(exc)
    if not out:
        raise InputError("E003", where, "no JSON lines")
    return out


for suffix in (".jsonl", ".ndjson"):
    READERS[suffix] = read_jsonl
SNIFFERS.append((lambda head: head.startswith("{") and '"text"' in head, read_jsonl))
