"""Dates as people type them (issue 25, point 2): every way a clerk writes a day is read
as that day, anything else refused in words; nothing is bent to fit."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.errors import InvalidInput
from desktop.vietnamese.dates import in_words, read_date


@pytest.mark.parametrize(
    "typed",
    ["20/12/2025", "20122025", "20-12-2025", "20/12/25", "20.12.2025", " 20 / 12 / 2025 ",
     "2025-12-20", "201225"],
)  # fmt: skip
def test_each_way_of_typing_a_day_reads_that_day(typed):
    assert read_date(typed) == date(2025, 12, 20)


def test_one_digit_days_and_months_are_taken():
    assert read_date("2/1/2026") == date(2026, 1, 2)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("31/02/2026", "không có trên lịch"),
        ("20/13/2025", "không có trên lịch"),
        ("2012202", "không đọc được thành một ngày"),
        ("hôm qua", "không đọc được thành một ngày"),
        ("", "Chưa nhập ngày hoàn thành"),
    ],
)
def test_what_is_not_one_day_is_refused_in_words(typed, said):
    with pytest.raises(InvalidInput, match=said):
        read_date(typed, "Ngày hoàn thành")


def test_the_day_read_is_said_back_in_words():
    assert in_words(date(2025, 12, 20)) == "Thứ bảy, ngày 20 tháng 12 năm 2025"
    assert in_words(date(2026, 1, 10)) == "Thứ bảy, ngày 10 tháng 1 năm 2026"
