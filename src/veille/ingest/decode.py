"""Bytes to text: UTF-8 first, then the legacy encodings French pages still use."""

from __future__ import annotations

import re

from veille.errors import InputError

# control characters no text holds: C0 but tab, line feed, vertical tab, form feed, carriage
# return; DEL and C1 (counted by the regex engine: a generator over every character cost ~1 ms
# per article in the ingesting process)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample


def decode_bytes(data: bytes, where: str) -> str:
    """Decode, or raise InputError with a one-line reason."""
    if not data.strip():
        raise InputError("E003", where, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("E005", where, "invalid UTF-16 text") from exc
    if looks_binary(data):
        raise InputError("E004", where, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
        for encoding in ("cp1252", "latin-1"):
            try:
                candidate = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _control_ratio(candidate) < 0.01:
                text = candidate
                break
        if not text:
            raise InputError("E005", where, "text is not UTF-8, cp1252 or latin-1") from None
    if _control_ratio(text) > 0.05:
        raise InputError("E004", where, "binary file, not text")
    return text
