"""Vietnamese alphabetical order: a ă â b c d đ e ê … o ô ơ … u ư …, tones after letters.

Code-point order puts 'Đ' after 'Z' and 'ă' after 'z'. The key here compares the
letters first (toneless, case-blind), then the tones in dictionary order (ngang,
huyền, sắc, hỏi, ngã, nặng), then lower case before upper. Numbers
compare by value ('Mục 2' before 'Mục 10').

The key is built from the decomposed text with C-speed string operations: a letter
with a breve, circumflex or horn becomes its base letter followed by a mark that sorts
after every letter, so 'ăn' follows every word in 'a' ('ab', 'ay'), as in a dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONE_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_NUMBER = re.compile(r"\d+")
# After the base letter: ă (breve) < â, ê, ô (circumflex) < ơ, ư (horn); đ after d.
_LETTER_MARKS = (("\u0306", "~1"), ("\u0302", "~2"), ("\u031b", "~3"), ("đ", "d~"))
# Tones in dictionary order: huyền 0300, sắc 0301, hỏi 0309, ngã 0303 -> 030a, nặng 0323.
_NGA, _NGA_AFTER_HOI = "\u0303", "\u030a"


def _padded(match: re.Match) -> str:
    digits = match.group().lstrip("0") or "0"
    return f"{len(digits):02d}{digits}"  # a longer number is larger: '2' < '10'


@lru_cache(maxsize=65536)  # the same titles are sorted again after every period switch
def sort_key(text: str) -> tuple[str, str, str]:
    """Key for sorting Vietnamese text the way a dictionary does."""
    letters = unicodedata.normalize("NFD", text.lower())
    tones = letters.replace(_NGA, _NGA_AFTER_HOI)
    letters = _TONE_MARKS.sub("", letters)
    for mark, weight in _LETTER_MARKS:
        letters = letters.replace(mark, weight)
    if _NUMBER.search(letters):
        letters = _NUMBER.sub(_padded, letters)
    # Then lower case before upper ('hoa' < 'Hoa'), as dictionaries and ICU do.
    return letters, tones, text.swapcase()
