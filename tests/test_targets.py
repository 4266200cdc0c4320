"""Indicator targets as printed and the verdict on a reported value."""

from __future__ import annotations

import pytest

from desktop.domain.targets import Comparator, Verdict, is_rank, parse_number, parse_target


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


@pytest.mark.parametrize(
    ("text", "rank", "comparator", "value"),
    [
        # Rank targets as printed: a place among the first N.
        ("Thuộc nhóm 05 tỉnh, thành phố dẫn đầu", False, Comparator.AT_MOST, 5),
        ("nhóm 25", False, Comparator.AT_MOST, 25),
        ("< 10", True, Comparator.AT_MOST, 10),
        ("< 10", False, Comparator.BELOW, 10),  # on a percentage it stays strict
        # Decreasing targets.
        ("≤ 5%", False, Comparator.AT_MOST, 5),
        ("Giảm xuống còn 5%", False, Comparator.AT_MOST, 5),
        ("Giảm 20% so với năm 2025", False, None, None),  # relative to a base not printed
    ],
)
def test_rank_and_decreasing_targets(text, rank, comparator, value):
    target = parse_target(text, rank=rank)
    assert (target.comparator, target.value) == (comparator, value)


def test_rank_target_rank_3_meets_group_of_5():
    assert parse_target("Thuộc nhóm 05 tỉnh, thành phố dẫn đầu").judge(3) is Verdict.MET
    assert parse_target("Thuộc nhóm 05 tỉnh, thành phố dẫn đầu").judge(6) is Verdict.NOT_MET


@pytest.mark.parametrize(
    ("name", "unit", "rank"),
    [
        ("Xếp hạng chỉ số chuyển đổi số cấp tỉnh (DTI)", "", True),
        ("Chỉ số cải cách hành chính (PAR INDEX)", "Thứ hạng", True),
        ("Tỷ lệ phủ sóng 5G", "%", False),
    ],
)
def test_which_indicators_are_rankings(name, unit, rank):
    assert is_rank(name, unit) is rank


@pytest.mark.parametrize(
    ("text", "comparator", "low", "high", "met", "not_met"),
    [
        # Reproduced in the audit: each lost its sign and read ≥ the positive figure.
        ("-500", Comparator.AT_LEAST, -500, None, -100, -600),
        ("≤ -2", Comparator.AT_MOST, -2, None, -3, 0),
        ("từ -5 đến 5", Comparator.BETWEEN, -5, 5, 0, -6),
        ("Tăng trưởng ≥ −0,5%", Comparator.AT_LEAST, -0.5, None, 0, -1),
        # A dash with a space after it is a bullet, not a sign.
        ("- 100%", Comparator.AT_LEAST, 100, None, 100, 99),
    ],
)
def test_negative_targets_keep_their_sign(text, comparator, low, high, met, not_met):
    target = parse_target(text)
    assert (target.comparator, target.value, target.value_max) == (comparator, low, high)
    assert target.judge(met) is Verdict.MET and target.judge(not_met) is Verdict.NOT_MET
