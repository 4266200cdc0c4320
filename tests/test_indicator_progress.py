"""Indicators: a verdict only at a milestone year's report, progress toward the next one between.

The audit: "A 2026 value is called 'Chưa đạt' against the 2030 target; in 2025 six
indicators without a 2025 target are judged against 2030–2040 targets and inflate
'Chưa có số liệu'." Targets below are printed in seed 001 (Phụ lục 2) unless noted.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.indicator_progress import Outlook
from desktop.domain.periods import PeriodId
from desktop.domain.targets import Verdict
from desktop.reports.status import build_status

VHXH = "Phòng Văn hóa - Xã hội"


@pytest.fixture
def group(ws, plan_2025):
    return ws.indicators.add_group(plan_2025.id, "PL2-I", "Phát triển hạ tầng")


@pytest.fixture
def plan_2025(ws):
    return ws.plans.create(
        "79/KH-UBND", "2025-10-02", "UBND phường Trần Liêu", "Thực hiện Nghị quyết 57", 2025, 2045
    )


def result_for(ws, plan, indicator, period):
    report = build_status(ws, plan, ws.periods.get(period, plan.id))
    return next(r for r in report.indicators if r.indicator.id == indicator.id)


def test_a_value_between_milestones_is_progress_not_a_verdict(ws, plan_2025, group):
    # "Tỷ lệ phủ sóng 5G trên địa bàn phường": ≥ 60% in 2025, 100% in 2030.
    five_g = ws.indicators.add(
        group.id, "1", "Tỷ lệ phủ sóng 5G", "%", {2025: "≥ 60%", 2030: "100%"}, [VHXH]
    )
    ws.indicators.record_value(five_g.id, "2025", 72)
    year = result_for(ws, plan_2025, five_g, "2025")
    assert (year.verdict, year.milestone) == (Verdict.MET, 2025)

    ws.indicators.record_value(five_g.id, "2026", 75)
    later = result_for(ws, plan_2025, five_g, "2026")
    assert later.verdict is None and later.milestone == 2030
    # Straight line from 72% on 14/12/2025 to 100% on 14/12/2030, read on 14/12/2026.
    assert later.baseline.value.value == 72 and later.baseline.on == date(2025, 12, 14)
    assert later.expected == pytest.approx(72 + 28 * 365 / 1826)
    assert later.outlook is Outlook.BEHIND  # 75 < 77.6: before, "Chưa đạt" against 2030
    ws.indicators.record_value(five_g.id, "2026", 80)
    assert result_for(ws, plan_2025, five_g, "2026").outlook is Outlook.ON_TRACK


def test_years_without_a_target_head_for_the_next_milestone(ws, plan_2025, group):
    # "Tỷ lệ phủ sóng 6G trên địa bàn phường": first target 50% in 2035.
    six_g = ws.indicators.add(group.id, "3", "Tỷ lệ phủ sóng 6G", "%", {2035: "50%"}, [VHXH])
    result = result_for(ws, plan_2025, six_g, "2025")
    assert (result.verdict, result.outlook, result.milestone) == (None, Outlook.NO_DATA, 2035)


def test_a_quarter_of_a_milestone_year_is_progress_toward_the_years_target(ws, plan_2025, group):
    five_g = ws.indicators.add(group.id, "1", "Tỷ lệ phủ sóng 5G", "%", {2025: "≥ 60%"}, [VHXH])
    ws.indicators.record_value(five_g.id, "2025-Q3", 50)
    q3 = result_for(ws, plan_2025, five_g, "2025-Q3")
    assert (q3.verdict, q3.outlook) == (None, Outlook.NO_ESTIMATE)  # nothing to draw from
    ws.indicators.record_value(five_g.id, "2025-Q3", 61)
    assert result_for(ws, plan_2025, five_g, "2025-Q3").outlook is Outlook.REACHED
    after = result_for(ws, plan_2025, five_g, "2026")
    assert (after.verdict, after.outlook) == (None, Outlook.NO_TARGET)


@pytest.mark.parametrize("target", ["≤ 5%", "Giảm xuống còn 5%"])
def test_decreasing_targets_run_downhill(ws, plan_2025, group, target):
    late = ws.indicators.add(
        group.id, "9", "Tỷ lệ hồ sơ giải quyết trễ hạn", "%", {2030: target}, [VHXH]
    )
    ws.indicators.record_value(late.id, "2025", 15)
    ws.indicators.record_value(late.id, "2026", 12)
    on_track = result_for(ws, plan_2025, late, "2026")
    assert on_track.expected == pytest.approx(15 - 10 * 365 / 1826)
    assert on_track.outlook is Outlook.ON_TRACK  # 12 ≤ 13
    ws.indicators.record_value(late.id, "2026", 14)
    assert result_for(ws, plan_2025, late, "2026").outlook is Outlook.BEHIND
    ws.indicators.record_value(late.id, "2030", 4.5)
    assert result_for(ws, plan_2025, late, "2030").verdict is Verdict.MET


@pytest.mark.parametrize(
    ("target", "rank", "verdict"),
    [
        ("Thuộc nhóm 05 tỉnh, thành phố dẫn đầu", 3, Verdict.MET),
        ("Thuộc nhóm 05 tỉnh, thành phố dẫn đầu", 7, Verdict.NOT_MET),
        ("nhóm 25", 25, Verdict.MET),
        ("< 10", 10, Verdict.MET),  # on a ranking, '< 10' means among the first 10
        ("< 10", 11, Verdict.NOT_MET),
    ],
)
def test_rank_targets_mean_rank_at_most_n(ws, plan_2025, group, target, rank, verdict):
    dti = ws.indicators.add(
        group.id, "DTI", "Xếp hạng chỉ số chuyển đổi số (DTI)", "Thứ hạng", {2030: target}, [VHXH]
    )
    ws.indicators.record_value(dti.id, "2030", rank)
    assert result_for(ws, plan_2025, dti, "2030").verdict is verdict


def test_the_demo_2025_report_judges_only_indicators_with_a_2025_target(demo_ws):
    plan = demo_ws.plans.current()
    report = build_status(demo_ws, plan, demo_ws.periods.get(PeriodId.parse("2025"), plan.id))
    no_2025_target = {
        r.indicator.code
        for r in report.indicators
        if r.indicator.group_code.startswith("PL2") and r.verdict is None
    }
    # Phụ lục 2 indicators 3, 8, 13, 14, 15 and 27 print no 2025 figure.
    assert no_2025_target == {"3", "8", "13", "14", "15", "27"}
    assert sum(report.verdict_counts.values()) == 23
    assert report.verdict_counts[Verdict.NO_DATA] == 7  # was 13 with those six


def test_quarter_iv_shows_the_years_figures_instead_of_no_data(demo_ws):
    # The audit: "quý IV 2025 showing 'Chưa có số liệu' for indicators that have 2025
    # values". The year report's cut-off (14/11/2025) falls inside quarter IV's window.
    plan = demo_ws.plans.current()
    q4 = demo_ws.periods.get(PeriodId.parse("2025-Q4"), plan.id)
    report = build_status(demo_ws, plan, q4)
    five_g = next(
        r for r in report.indicators if (r.indicator.group_code, r.indicator.code) == ("PL2-I", "1")
    )
    assert five_g.value.value == 72 and five_g.outlook is Outlook.REACHED
    with_values = sum(r.value is not None for r in report.indicators)
    assert with_values == 16  # every indicator with a 2025 figure
