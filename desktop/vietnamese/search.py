"""Finding what the clerk meant: typed words against texts prepared by searchable(),
both folded (no case, no diacritics), graded by how well a text answers.

Words typed together are a phrase: 'so hoa' means 'số hóa', not a row where 'số' and
'hoàn thành' happen to meet, and 'dan cu' means 'dân cư', not 'người dân' with 'cụ
thể'. So a text answers, from best to least:
- PHRASE: the words together, in the order typed, each whole ('số hóa');
- STARTED: the words together, the last one perhaps not finished, since the clerk may
  still be typing it ('chuyen do' in 'chuyển đổi'; 'so hoa' in 'số hoàn thành');
- WORDS: each word whole somewhere, in any order ('tranh dau' in 'đấu tranh').
A word never matches inside another ('an' is not in 'thanh'), nor as the start of a
longer one except the last word of a phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from desktop.vietnamese.text import typed_words


class Fit(IntEnum):
    NONE = 0
    WORDS = 1
    STARTED = 2
    PHRASE = 3


@dataclass(frozen=True)
class Query:
    """What a search asks for, ready for substring tests on a searchable() text."""

    started: str  # ' so hoa': the phrase from a word's start, the last word maybe unfinished
    words: tuple[str, ...]  # ' so ', ' hoa ': each word whole

    @property
    def phrase(self) -> str:
        return self.started + " "


def query(typed: str) -> Query | None:
    """The query in what was typed; None when it holds no word (nothing to filter)."""
    words = typed_words(typed)
    if not words:
        return None
    return Query(" " + " ".join(words), tuple(f" {word} " for word in words))


def fit(prepared: str, wanted: Query) -> Fit:
    """How well a text prepared by searchable() answers the query."""
    if wanted.phrase in prepared:
        return Fit.PHRASE
    if wanted.started in prepared:
        return Fit.STARTED
    if all(word in prepared for word in wanted.words):
        return Fit.WORDS
    return Fit.NONE


def best_matches(prepared: Sequence[str], rows: Iterable[int], wanted: Query) -> list[int]:
    """The rows (indexes into `prepared`) that answer best, in the order given.

    Only the best grade present is kept, not the looser ones after it: the list keeps
    the order the clerk chose (by deadline, by unit), and a phrase found in three rows
    shows those three, not the thirty where its words are scattered. When no row holds
    the phrase, the rows holding every word show instead.
    """
    best, found = Fit.WORDS, []
    for row in rows:
        grade = fit(prepared[row], wanted)
        if grade > best:
            best, found = grade, [row]
        elif grade == best:
            found.append(row)
    return found
