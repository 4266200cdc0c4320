"""Text hygiene for Vietnamese input: one normal form, tidy whitespace, folded keys."""

from __future__ import annotations

import re
import unicodedata

from desktop.errors import InvalidInput

_SPACES = re.compile(r"\s+")
# Terminal escape sequences (colours, cursor moves) and other control characters: pasted
# from a terminal or a broken file they would be stored, then echoed back to a console.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x01-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that show nothing yet make two texts differ ("Văn\u200bphòng" would be a second
# unit): NUL, zero-width spaces and joiners, direction marks and overrides, byte-order
# marks, soft hyphens, invisible operators and tags. Removed wherever text comes in.
_INVISIBLE = re.compile(
    "[\x00\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# Dashes, quotes, bullets, no-break space: separators that the ASCII codec would drop.
_TYPOGRAPHIC = re.compile("[\u00a0-\u00bf\u2010-\u2027]")
_SEARCH_WORDS = bytes(c if chr(c).isalnum() or c == 0x7C else 0x20 for c in range(128)) + b" " * 128
# Where a clause ends (a '|' in a searchable() text): a phrase does not run across. A
# comma or a full stop only before a space ('82,5', 'I.6' and '3.2.4' are one run of
# words); hyphens and slashes join ('57-NQ/TW', 'kinh tế - xã hội').
_CLAUSE_BREAK = re.compile(r"[,.:…]\s|[;!?()\[\]{}\"“”«»\n]")
_COMBINING = re.compile("[\u0300-\u036f]")  # accents and tones once decomposed (NFD)


# What a name from outside may carry to make a terminal or a table lie: control characters
# (an ANSI escape redraws a line, a carriage return overwrites it), direction marks and
# overrides (text read backwards), invisible format characters, lone surrogates.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]"
)


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(value: str) -> str:
    """`value` safe to print or show as it is: every hidden character written out as an
    escape ('\\x1b', '\\u202e'); line breaks and tabs kept."""
    return _HIDDEN.sub(_escaped, value)


def _normal(value: str) -> str:
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        # Bytes that were not UTF-8 reach Python as lone surrogates (a command line in
        # another encoding); storing them would fail later, far from the cause.
        raise InvalidInput(
            "Văn bản có ký tự không đọc được (không phải UTF-8). Hãy gõ lại bằng bộ gõ tiếng Việt."
        )
    # A zero-width space separates words it hides: a space, so "Văn\u200bphòng" is the
    # unit "Văn phòng" the clerk sees, not a second one.
    text = value.replace("\u200b", " ")
    text = _INVISIBLE.sub("", _ANSI.sub("", unicodedata.normalize("NFC", text)))
    return _CONTROL.sub(" ", text)


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
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d"))
    return _SPACES.sub(" ", _COMBINING.sub("", decomposed)).strip()


# Names Windows keeps for devices, with any extension: a file "con.pdf" cannot exist.
_WINDOWS_DEVICES = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)),
}


def slug(value: str) -> str:
    """'Phường Trần Liêu' -> 'phuong-tran-lieu': ASCII for file names that cross USB
    sticks, zip tools and mail servers, and that Windows accepts ('Côn' -> 'con-tep', not
    the device 'con'); '' when nothing is left."""
    text = re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")
    return f"{text}-tep" if text in _WINDOWS_DEVICES else text


def searchable(*texts: str) -> str:
    """Texts prepared for matches() and desktop.vietnamese.search: folded to ASCII
    letters and digits, words one space apart with a space before and after ('Số hóa
    (57-NQ)' is ' so hoa | 57 nq | '). A '|' stands between texts and clauses, which no
    search can type: a phrase does not run from a title into a unit's name, nor across
    a comma ('nhân dân; cụ thể hóa' holds no 'dân cụ'). Built with C-speed string
    operations (a 5,000-task plan is prepared in a fifth of a second, once): decomposed,
    accents dropped by the ASCII codec."""
    text = _CLAUSE_BREAK.sub(" | ", " | ".join(texts).lower().replace("đ", "d"))
    if not text.isascii():
        text = unicodedata.normalize("NFD", _TYPOGRAPHIC.sub(" ", text))
    words = text.encode("ascii", "ignore").translate(_SEARCH_WORDS).decode("ascii").split()
    return f" {' '.join(words)} "


def typed_words(query: str) -> list[str]:
    """The folded words of what was typed into a search: punctuation only separates."""
    return searchable(query).replace("|", " ").split()


def search_words(query: str) -> list[str]:
    """What a search asks for: each folded word, led by a space (a word's start)."""
    return [f" {word}" for word in typed_words(query)]


def matches(prepared: str, words: list[str]) -> bool:
    """Whether every searched word begins some word of a text prepared by searchable():
    'chuyen doi so' finds 'chuyển đổi số', 'an' finds 'an toàn' but not 'thanh'."""
    return all(word in prepared for word in words)
