"""Text hygiene for Vietnamese input: one normal form, tidy whitespace, folded keys."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(value: str | None) -> str:
    """NFC, trimmed, runs of whitespace collapsed: what we store for names and titles."""
    if value is None:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def clean_multiline(value: str | None) -> str:
    """NFC and trimmed, keeping the clerk's line breaks (results, difficulties...)."""
    if value is None:
        return ""
    lines = (line.rstrip() for line in unicodedata.normalize("NFC", value).splitlines())
    return "\n".join(lines).strip()


def fold(value: str) -> str:
    """Lower-case ASCII skeleton ('Thường xuyên' -> 'thuong xuyen') for matching only."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()
