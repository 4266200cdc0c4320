"""Vietnamese alphabetical order and diacritic-blind search."""

from __future__ import annotations

import random

import pytest

from desktop.vietnamese.collation import sort_key
from desktop.vietnamese.text import fold, matches, search_words, searchable

# A dictionary's order: letters first (a ă â b c d đ e ê …), tones only between words
# spelled alike (ngang, huyền, sắc, hỏi, ngã, nặng), numbers by value.
DICTIONARY_ORDER = [
    "a", "an", "ay", "ăn", "ân", "ba", "bà", "bá", "bả", "bã", "bạ", "bác",
    "dê", "dz", "đa", "Đảng ủy", "đê", "e", "Ê-đê", "Mục 2", "Mục 10", "o", "ong",
    "ô", "ơ", "Phòng Văn hóa", "u", "ủy", "Ủy ban", "ư", "Văn phòng", "Y tế", "Zalo",
]  # fmt: skip


def test_sorting_a_shuffled_list_gives_dictionary_order():
    shuffled = DICTIONARY_ORDER[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == DICTIONARY_ORDER


def test_code_point_order_would_be_wrong():
    # What the key corrects: 'Đ' and 'Ủ' sort after 'Z' by code point.
    assert sorted(DICTIONARY_ORDER) != DICTIONARY_ORDER


@pytest.mark.parametrize(
    ("before", "after"),
    [("Hà Nội", "Hải Phòng"), ("hoa", "Hoa"), ("ủy", "Ủy"), ("Quý 9", "Quý 10"), ("x 007", "x 8")],
)
def test_pairs(before, after):
    assert sort_key(before) < sort_key(after)


def test_the_same_text_composed_or_decomposed_sorts_alike():
    import unicodedata

    composed = "Chuyển đổi số"
    assert sort_key(unicodedata.normalize("NFD", composed))[:2] == sort_key(composed)[:2]


def test_fold_drops_case_tones_and_letter_marks():
    assert fold("  CHUYỂN  Đổi   Số ") == "chuyen doi so"
    assert fold("Ưu tiên Ơn Ăn Ân Ê Ô Đ") == "uu tien on an an e o d"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("chuyen doi so", True),
        ("CHUYỂN ĐỔI", True),
        ("d", True),  # finds 'đ'
        ("so chuyen", True),  # every word, in any order
        ("chuyen doi so hoa", False),
        ("chuyen-doi", True),  # punctuation separates words
        ("uan", False),  # words match from their start: not inside 'quan'
        ("co q", True),
        ("57-nq", True),
        ("", True),
    ],
)
def test_search_words_match_the_start_of_words_without_diacritics(query, found):
    text = searchable("Đẩy mạnh chuyển đổi số trong cơ quan (Nghị quyết 57-NQ/TW)")
    assert matches(text, search_words(query)) is found
