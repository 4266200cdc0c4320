"""Indicator targets as printed ('≥ 60%', 'Phấn đấu ít nhất 3%', '80-90%') and their verdicts.

Rank targets ('Thuộc nhóm 05 tỉnh, thành phố dẫn đầu', 'nhóm 25', or '< 10' on an
indicator that is a ranking) mean rank ≤ N: smaller is better, as with '≤ 5%'
or 'giảm xuống còn 5%'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from desktop.vietnamese.text import clean, fold


class Comparator(StrEnum):
    AT_LEAST = ">="
    ABOVE = ">"
    AT_MOST = "<="
    BELOW = "<"
    BETWEEN = "between"  # a range: reaching its lower bound counts as met


class Verdict(StrEnum):
    MET = "dat"
    NOT_MET = "chua_dat"
    NO_DATA = "chua_co_so_lieu"
    NOT_ASSESSABLE = "khong_danh_gia"


VERDICT_LABELS = {
    Verdict.MET: "Đạt",
    Verdict.NOT_MET: "Chưa đạt",
    Verdict.NO_DATA: "Chưa có số liệu",
    Verdict.NOT_ASSESSABLE: "Không đánh giá được",
}


@dataclass(frozen=True)
class Target:
    """An indicator's target for a milestone year: the printed text and the comparison it means."""

    text: str
    comparator: Comparator | None
    value: float | None
    value_max: float | None = None

    @property
    def reading(self) -> str:
        """How the target is understood: 'đạt khi ≥ 60', or why it cannot be judged."""
        if self.comparator is None or self.value is None:
            return "không đọc được mức số: chỉ tiêu sẽ được ghi «Không đánh giá được»"
        low = _figure(self.value)
        if self.comparator is Comparator.BETWEEN:
            assert self.value_max is not None  # a range is read with both its bounds
            return f"từ {low} đến {_figure(self.value_max)}: đạt khi ≥ {low}"
        symbol = {
            Comparator.AT_LEAST: "≥",
            Comparator.ABOVE: ">",
            Comparator.AT_MOST: "≤",
            Comparator.BELOW: "<",
        }[self.comparator]
        return f"đạt khi {symbol} {low}"

    def judge(self, actual: float | None) -> Verdict:
        if self.comparator is None or self.value is None:
            return Verdict.NOT_ASSESSABLE
        if actual is None:
            return Verdict.NO_DATA
        met = {
            Comparator.AT_LEAST: actual >= self.value,
            Comparator.ABOVE: actual > self.value,
            Comparator.AT_MOST: actual <= self.value,
            Comparator.BELOW: actual < self.value,
            Comparator.BETWEEN: actual >= self.value,
        }[self.comparator]
        return Verdict.MET if met else Verdict.NOT_MET


def _figure(value: float) -> str:
    """60.0 -> '60', 82.5 -> '82,5' (Vietnamese decimal comma)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# A figure, with its sign when a minus sits right before it ('-500', '≤ -2'); a dash
# followed by a space is a bullet or a range's dash, not a sign.
_NUMBER = r"((?:[-−](?=\d))?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?))"
_RANGE = re.compile(rf"{_NUMBER}\s*%?\s*[-–]\s*{_NUMBER}")
_FROM_TO = re.compile(rf"\btừ\s*{_NUMBER}\s*%?\s*(?:đến|tới)\s*{_NUMBER}", re.IGNORECASE)
_SYMBOL = re.compile(rf"(≥|>=|≤|<=|>|<)\s*{_NUMBER}")
_WORDS = (
    (("it nhat", "toi thieu", "khong duoi"), Comparator.AT_LEAST),
    (("tren",), Comparator.ABOVE),
    (("toi da", "khong qua", "khong vuot", "giam xuong", "giam con"), Comparator.AT_MOST),
    (("duoi",), Comparator.BELOW),
)
_SYMBOLS = {
    "≥": Comparator.AT_LEAST,
    ">=": Comparator.AT_LEAST,
    ">": Comparator.ABOVE,
    "≤": Comparator.AT_MOST,
    "<=": Comparator.AT_MOST,
    "<": Comparator.BELOW,
}


def parse_number(text: str) -> float:
    """'60' '3,5' '1.234,5' (Vietnamese grouping) '-2' '−0,5' -> float."""
    text = text.strip()
    sign = -1 if text[:1] in ("-", "−") else 1
    text = text.lstrip("-−").strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text) or "," in text:
        text = text.replace(".", "").replace(",", ".")
    return sign * float(text)


_RANK_GROUP = re.compile(r"\bnhom\s+(?:dan dau\s+)?(\d+)\b")
_RANK_WORDS = ("xep hang", "thu hang", "hang")


def is_rank(name: str, unit_of_measure: str) -> bool:
    """An indicator measured as a place in a ranking ('Xếp hạng chỉ số DTI', unit 'Thứ hạng')."""
    unit = fold(unit_of_measure).strip()
    return unit in _RANK_WORDS or any(word in fold(name) for word in _RANK_WORDS[:2])


def parse_target(text: str, *, rank: bool = False) -> Target:
    """Read a printed target; `rank`: the indicator is a place in a ranking."""
    verbatim = clean(text)
    key = fold(verbatim)
    if m := _RANK_GROUP.search(key):  # 'Thuộc nhóm 05 … dẫn đầu': a place among the first N
        return Target(verbatim, Comparator.AT_MOST, float(m.group(1)))
    if rank and (m := re.search(rf"(?:<|≤|<=|top|trong)\s*{_NUMBER}", verbatim.lower())):
        return Target(verbatim, Comparator.AT_MOST, parse_number(m.group(1)))
    if "giam" in key and not any(w in key for w in ("giam xuong", "giam con", "duoi", "khong qua")):
        return Target(verbatim, None, None)  # 'giảm 20%': relative to a base the plan does not give
    if m := _FROM_TO.search(verbatim) or _RANGE.search(verbatim):
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        return Target(verbatim, Comparator.BETWEEN, low, high)
    if m := _SYMBOL.search(verbatim):
        return Target(verbatim, _SYMBOLS[m.group(1)], parse_number(m.group(2)))
    number = re.search(_NUMBER, verbatim)
    if number is None:
        return Target(verbatim, None, None)
    before = fold(verbatim[: number.start()])
    for words, comparator in _WORDS:
        if any(word in before for word in words):
            return Target(verbatim, comparator, parse_number(number.group(1)))
    # A bare figure ('100%', 'Đạt 3%') is a level to reach.
    return Target(verbatim, Comparator.AT_LEAST, parse_number(number.group(1)))
