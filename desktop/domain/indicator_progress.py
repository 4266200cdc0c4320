"""Where an indicator stands at a period: a verdict at a milestone, progress in between.

A target is printed for milestone years (2025, 2030, …). The report where a milestone
year is judged gives a verdict (đạt / chưa đạt): the year report, or the plan's last
required report of that year (the fourth quarter's, for a plan asking only for
quarterly reports). Any other period reports the
value against the next milestone and whether it is on track: on or past the
straight line from the last value known before it to the target at the
milestone's cut-off. That is an estimate, and is labelled as one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from desktop.domain.model import Indicator, IndicatorValue
from desktop.domain.periods import Period
from desktop.domain.targets import Comparator, Target, Verdict


class Outlook(StrEnum):
    REACHED = "da_dat_muc_tieu"
    ON_TRACK = "dung_tien_do"
    BEHIND = "cham_tien_do"
    NO_DATA = "chua_co_so_lieu"
    NO_ESTIMATE = "chua_du_so_lieu_uoc_tinh"
    NOT_ASSESSABLE = "khong_danh_gia"
    NO_TARGET = "khong_co_muc_tieu"


OUTLOOK_LABELS = {
    Outlook.REACHED: "Đã đạt mức mục tiêu",
    Outlook.ON_TRACK: "Đúng tiến độ (ước tính)",
    Outlook.BEHIND: "Chậm tiến độ (ước tính)",
    Outlook.NO_DATA: "Chưa có số liệu",
    Outlook.NO_ESTIMATE: "Chưa đủ số liệu để ước tính",
    Outlook.NOT_ASSESSABLE: "Không đánh giá được",
    Outlook.NO_TARGET: "Không có mục tiêu tiếp theo",
}

_DOWNWARD = (Comparator.AT_MOST, Comparator.BELOW)


@dataclass(frozen=True)
class DatedValue:
    """A reported indicator value, dated by the cut-off of its period."""

    value: IndicatorValue
    on: date  # the cut-off of the period it was reported for


@dataclass(frozen=True)
class IndicatorResult:
    """Where an indicator stands at a period: a verdict at its milestone, else an outlook."""

    indicator: Indicator
    milestone: int | None  # the target year looked at
    target: Target | None
    value: IndicatorValue | None  # reported for this period
    verdict: Verdict | None = None  # at a milestone's year report
    outlook: Outlook | None = None  # between milestones
    baseline: DatedValue | None = None  # the last value known before this one
    expected: float | None = None  # where the straight line stands at this cut-off

    @property
    def at_milestone(self) -> bool:
        return self.verdict is not None


def assess_indicator(
    indicator: Indicator,
    period: Period,
    value: IndicatorValue | None,
    baseline: DatedValue | None,
    milestone_cutoff,
    judges_the_year: bool,
) -> IndicatorResult:
    """`milestone_cutoff(year)`: the cut-off where that year is judged for this plan;
    `judges_the_year`: the period is where its year is judged."""
    year = period.id.year
    upcoming = indicator.target_for(year)
    if upcoming is None:
        return IndicatorResult(indicator, None, None, value, outlook=Outlook.NO_TARGET)
    milestone, target = upcoming
    number = value.value if value else None
    if judges_the_year and milestone == year:
        return IndicatorResult(indicator, milestone, target, value, verdict=target.judge(number))
    result = IndicatorResult(indicator, milestone, target, value, baseline=baseline)
    if target.comparator is None or target.value is None:
        return replace(result, outlook=Outlook.NOT_ASSESSABLE)
    if number is None:
        return replace(result, outlook=Outlook.NO_DATA)
    if target.judge(number) is Verdict.MET:
        return replace(result, outlook=Outlook.REACHED)
    if baseline is None or baseline.value.value is None:
        return replace(result, outlook=Outlook.NO_ESTIMATE)
    start, end = baseline.on, milestone_cutoff(milestone)
    if end <= start:
        return replace(result, outlook=Outlook.NO_ESTIMATE)
    base = baseline.value.value
    share = (period.data_to - start).days / (end - start).days
    expected = base + (target.value - base) * share
    downward = target.comparator in _DOWNWARD
    on_track = number <= expected if downward else number >= expected
    return replace(
        result, outlook=Outlook.ON_TRACK if on_track else Outlook.BEHIND, expected=expected
    )
