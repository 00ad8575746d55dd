"""Bytes to text, and a clear error for what is not text."""

from __future__ import annotations

import pytest

from veille.errors import InputError
from veille.ingest.decode import decode_bytes


def test_decode_utf8_and_bom():
    assert decode_bytes("L'Élysée a répondu.".encode(), "f") == "L'Élysée a répondu."
    assert decode_bytes("\ufeffÉté".encode(), "f") == "Été"


def test_decode_cp1252_fallback_keeps_accents_and_quotes():
    text = "L’Élysée a « répondu » – déjà."
    assert decode_bytes(text.encode("cp1252"), "f") == text


def test_decode_latin1_fallback():
    text = "Le ministre a déclaré à Genève."
    assert decode_bytes(text.encode("latin-1"), "f") == text


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E003"), (b"   \n\n ", "E003"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E004"),
     (bytes(range(256)) * 4, "E004")],
)
def test_decode_bad_bytes_raise_input_error(data, code):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "some/file.txt")
    assert info.value.code == code
    assert "some/file.txt" in str(info.value)


def test_decode_control_ratio_counts_c0_del_and_c1_but_not_layout_characters():
    from veille.ingest.decode import _control_ratio

    assert _control_ratio("") == 0.0
    assert _control_ratio("Le texte\tsuit\r\n\f\v") == 0.0  # layout characters are text
    assert _control_ratio("ab\x00\x1f") == 0.5
    assert _control_ratio("\x7f\x85\x9f\xa0") == 0.75  # DEL and C1 count, the no-break space does not
    # every code point is counted as the rule says, one at a time
    for code in range(0x200):
        bad = (code < 32 and chr(code) not in "\n\r\t\f\v") or 0x7F <= code < 0xA0
        assert _control_ratio(chr(code)) == float(bad), code
