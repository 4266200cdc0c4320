"""Text hygiene for Vietnamese input: one normal form, tidy whitespace, folded keys."""

from __future__ import annotations

import re
import unicodedata

from desktop.errors import InvalidInput

_SPACES = re.compile(r"\s+")
# Terminal escape sequences (colours, cursor moves) and other control characters: pasted
# from a terminal or a broken file they would be stored, then echoed back to a console.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _normal(value: str) -> str:
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        # Bytes that were not UTF-8 reach Python as lone surrogates (a command line in
        # another encoding); storing them would fail later, far from the cause.
        raise InvalidInput(
            "Văn bản có ký tự không đọc được (không phải UTF-8). Hãy gõ lại bằng bộ gõ tiếng Việt."
        )
    return _CONTROL.sub(" ", _ANSI.sub("", unicodedata.normalize("NFC", value)))


def clean(value: str | None) -> str:
    """NFC, trimmed, runs of whitespace collapsed, no control characters: what we store
    for names and titles."""
    if value is None:
        return ""
    return _SPACES.sub(" ", _normal(value)).strip()


def clean_multiline(value: str | None) -> str:
    """NFC and trimmed, keeping the clerk's line breaks (results, difficulties...)."""
    if value is None:
        return ""
    text = _normal(value.replace("\r\n", "\n").replace("\t", " "))
    lines = (line.rstrip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def fold(value: str) -> str:
    """Lower-case ASCII skeleton ('Thường xuyên' -> 'thuong xuyen') for matching only."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()
