"""Find input files and read each into Documents; one bad input never stops the others.

Formats are chosen by extension, then by sniffing the content. Readers return Documents
with cleaned text and metadata; extraction happens later, in the pipeline.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from veille.errors import InputError, VeilleError
from veille.ingest.decode import decode_bytes
from veille.ingest.text import CleanText, clean_text
from veille.model import Document, Published, Source

MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}

# a reader turns one input's text into documents; errors about one part of it (a bad JSON line,
# a feed item without text) come back in the same list so the rest of the input is kept
Reader = Callable[[str, str], "list[Document | InputError]"]
# other formats register here: suffix -> reader(text, where)
READERS: dict[str, Reader] = {}
# content sniffers for files whose extension says nothing: (predicate on the text start, reader)
SNIFFERS: list[tuple[Callable[[str], bool], Reader]] = []


@dataclass(slots=True)
class ReadResult:
    """What reading one input gave: documents, or the error that stopped it."""

    where: str
    documents: list[Document]
    error: InputError | None = None
    partial_errors: list[InputError] = field(default_factory=list)


def document_id(text: str) -> str:
    """Stable id from the cleaned text: the same article gets the same id on any machine."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return "d" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:15]


def make_document(clean: CleanText, where: str, title: str | None = None, url: str | None = None,
                  published: Published | None = None, author: str | None = None) -> Document:
    if not clean.text.strip():
        raise InputError("E009", where, "no article text after cleaning")
    from veille.ingest.language import detect_language
    title = title or clean.title
    url = url or clean.url
    pub = published if published and published.value else clean.published
    doc = Document(id=document_id(clean.text), source=where, text=clean.text, title=title,
                   published=pub, url=url, author=author or clean.author, language=detect_language(clean.text))
    doc.sources = [Source(source=where, url=url, title=title)]
    return doc


def read_plain_text(text: str, where: str) -> list[Document | InputError]:
    return [make_document(clean_text(text), where)]


def _reader_for(path: Path, text: str) -> Reader:
    reader = READERS.get(path.suffix.lower())
    if reader is not None:
        return reader
    head = text.lstrip()[:512]
    for sniff, sniffed_reader in SNIFFERS:
        if sniff(head):
            return sniffed_reader
    return read_plain_text


def read_path(path: Path) -> list[Document | InputError]:
    """Documents of one file; InputError with a one-line reason when it cannot be used."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError("E006", where, f"file too large ({size // (1024 * 1024)} MB, limit "
                                            f"{MAX_FILE_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError("E002", where, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError("E002", where, "is a directory") from exc
    except OSError as exc:
        raise InputError("E002", where, f"cannot be read ({exc.strerror or exc})") from exc
    text = decode_bytes(data, where)
    return _reader_for(path, text)(text, where)


def read_stdin() -> list[Document | InputError]:
    data = sys.stdin.buffer.read()
    text = decode_bytes(data, "<stdin>")
    return _reader_for(Path("stdin"), text)(text, "<stdin>")


def is_url(p: str | Path) -> bool:
    return str(p).startswith(("http://", "https://"))


def read_url(url: str, timeout: float = 30.0) -> list[Document | InputError]:
    """A feed or page the user named by URL (only ever fetched because the user asked for it)."""
    import urllib.request

    try:
        req = urllib.request.Request(url, headers={"User-Agent": "veille"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - user-given URL
            data = resp.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError("E002", url, f"cannot be fetched ({exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError("E006", url, "too large")
    text = decode_bytes(data, url)
    suffix = Path(url.split("?", 1)[0]).suffix.lower()
    return _reader_for(Path("url" + (suffix or ".html")), text)(text, url)


def iter_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, InputError | None]]:
    """Every file under the given paths (folders recursively, sorted), or the error for a bad path."""
    for p in paths:
        if is_url(p):
            yield Path(str(p)), None
            continue
        path = Path(p)
        if str(p) == "-":
            yield path, None
            continue
        if not path.exists():
            yield path, InputError("E001", str(path), "no such file or folder")
            continue
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path).parts
                if f.is_file() and not any(part.startswith(".") for part in rel):
                    yield f, None
        else:
            yield path, None


def read_inputs(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Read every input, yielding documents or an error per file, never raising for one file."""
    for path, error in iter_files(paths):
        where = str(path)
        if where.startswith(("http:/", "https:/")):  # Path() folds the double slash
            where = where.replace(":/", "://", 1)
        if error is not None:
            yield ReadResult(where, [], error)
            continue
        try:
            if where == "-":
                items = read_stdin()
            elif is_url(where):
                items = read_url(where)
            else:
                items = read_path(path)
        except InputError as exc:
            yield ReadResult(where, [], exc)
            continue
        except VeilleError as exc:
            yield ReadResult(where, [], InputError(exc.code, where, exc.message))
            continue
        docs: list[Document] = []
        errors: list[InputError] = []
        for item in items:
            if isinstance(item, InputError):
                errors.append(item)
            elif item.language != "fr":
                errors.append(InputError("E008", item.source, f"article is in '{item.language}', not French: skipped"))
            else:
                docs.append(item)
        yield ReadResult(where, docs, partial_errors=errors)
