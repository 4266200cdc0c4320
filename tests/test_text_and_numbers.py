"""Vietnamese text hygiene and number/money formatting."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.errors import InvalidInput
from desktop.vietnamese.numbers import (
    format_dong,
    format_number,
    format_trieu,
    parse_dong,
    trieu_to_dong,
)
from desktop.vietnamese.text import clean, clean_multiline, fold, slug


def test_clean_gives_nfc_single_spaced_text():
    nfd = unicodedata.normalize("NFD", "  Ủy ban   nhân dân\tphường ")
    assert clean(nfd) == "Ủy ban nhân dân phường"
    assert unicodedata.is_normalized("NFC", clean(nfd))
    assert clean(None) == ""


def test_clean_multiline_keeps_line_breaks():
    assert clean_multiline(" Dòng 1  \r\nDòng 2\n\n") == "Dòng 1\nDòng 2"


def test_fold_strips_marks_and_đ():
    assert fold("Đổi mới SÁNG TẠO") == "doi moi sang tao"


def test_number_formats():
    assert format_number(1234567.891, 1) == "1.234.567,9"
    assert format_dong(3_850_000_000) == "3.850.000.000"
    assert format_trieu(3_850_000_000) == "3.850"
    assert format_trieu(12_500_000) == "12,5"
    assert format_trieu(0) == "0"


def test_money_parsing_refuses_fractions():
    assert parse_dong("42.000.000") == 42_000_000
    assert parse_dong("42000000") == 42_000_000
    assert trieu_to_dong(3850) == 3_850_000_000
    assert trieu_to_dong(0.5) == 500_000
    for bad in ("42,5", "4.20.000", "abc", ""):
        with pytest.raises(InvalidInput):
            parse_dong(bad)
    with pytest.raises(InvalidInput):
        trieu_to_dong(0.0000001)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phường Trần Liêu", "phuong-tran-lieu"),
        ("Biên bản (số 2)", "bien-ban-so-2"),
        ("Côn", "con-tep"),  # Windows keeps CON, PRN, AUX, NUL, COM1-9, LPT1-9 for devices
        ("LPT1", "lpt1-tep"),
        ("Com 1", "com-1"),
        ("…", ""),
    ],
)
def test_slugs_are_ascii_file_names_windows_accepts(text, expected):
    assert slug(text) == expected
