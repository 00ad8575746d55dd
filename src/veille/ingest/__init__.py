"""Reading articles: plain text, HTML pages, RSS/Atom feeds, JSON Lines.

Importing the package registers every reader with `readers.READERS` / `readers.SNIFFERS`.
"""

from veille.ingest import feeds, html, jsonl  # noqa: F401  (registration)
from veille.ingest.readers import ReadResult, iter_files, read_inputs

__all__ = ["ReadResult", "iter_files", "read_inputs"]
