"""Indicator targets as printed and the verdict on a reported value."""

from __future__ import annotations

import pytest

from desktop.targets import Comparator, Verdict, parse_number, parse_target


@pytest.mark.parametrize(
    ("text", "comparator", "value", "value_max"),
    [
        ("≥ 60%", Comparator.AT_LEAST, 60, None),
        (">=60%", Comparator.AT_LEAST, 60, None),
        (">90%", Comparator.ABOVE, 90, None),
        ("100%", Comparator.AT_LEAST, 100, None),
        ("Đạt 3%", Comparator.AT_LEAST, 3, None),
        ("Phấn đấu ít nhất 3%", Comparator.AT_LEAST, 3, None),
        ("Đạt trên 3%", Comparator.ABOVE, 3, None),
        ("Không quá 5%", Comparator.AT_MOST, 5, None),
        ("dưới 2%", Comparator.BELOW, 2, None),
        ("80-90%", Comparator.BETWEEN, 80, 90),
        ("≥ 1.000 người", Comparator.AT_LEAST, 1000, None),
        ("2,5%", Comparator.AT_LEAST, 2.5, None),
        ("Phân bổ ngân sách hằng năm", None, None, None),
    ],
)
def test_parse_target(text, comparator, value, value_max):
    target = parse_target(text)
    assert (target.comparator, target.value, target.value_max) == (comparator, value, value_max)
    assert target.text == text


@pytest.mark.parametrize(
    ("text", "actual", "verdict"),
    [
        ("≥ 60%", 60, Verdict.MET),
        ("≥ 60%", 59.9, Verdict.NOT_MET),
        (">90%", 90, Verdict.NOT_MET),
        ("Không quá 5%", 5, Verdict.MET),
        ("dưới 2%", 2, Verdict.NOT_MET),
        ("80-90%", 85, Verdict.MET),
        ("80-90%", 95, Verdict.MET),
        ("80-90%", 79, Verdict.NOT_MET),
        ("≥ 60%", None, Verdict.NO_DATA),
        ("Phân bổ ngân sách hằng năm", 3, Verdict.NOT_ASSESSABLE),
    ],
)
def test_judge(text, actual, verdict):
    assert parse_target(text).judge(actual) is verdict


@pytest.mark.parametrize(
    ("text", "value"),
    [("60", 60), ("3,5", 3.5), ("1.234,5", 1234.5), ("1.000", 1000), ("3.5", 3.5)],
)
def test_vietnamese_numbers(text, value):
    assert parse_number(text) == value
