"""One catalogue of veille's error codes, so messages stay consistent and documented.

Errors about one input (a file, a feed item, a JSON line) are reported and skipped: the rest of
the batch goes on. A VeilleError's message is one line meant for the user, never a traceback.
"""

from __future__ import annotations

ERRORS: dict[str, str] = {
    "E001": "path does not exist",
    "E002": "file cannot be read",
    "E003": "file is empty",
    "E004": "file is binary, not text",
    "E005": "text encoding not recognised (tried UTF-8, cp1252, latin-1)",
    "E006": "file too large",
    "E007": "malformed input (HTML, feed or JSON line)",
    "E008": "article is not in French",
    "E009": "article has no text after cleaning",
    "E010": "resource file missing",
    "E011": "resource file malformed",
    "E012": "knowledge base entry invalid",
    "E020": "store error",
    "E021": "store schema is newer than this program",
    "E030": "bad parameter",
}


class VeilleError(Exception):
    """An expected failure with a code from ERRORS and a one-line message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


class InputError(VeilleError):
    """One input could not be read; `where` is its path (and line when there is one)."""

    def __init__(self, code: str, where: str, reason: str):
        super().__init__(code, f"{where}: {reason}")
        self.where = where
        self.reason = reason
