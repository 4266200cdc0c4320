"""The period calendar: ids, labels, NĐ 09/2019 cut-off and due dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desktop.domain.periods import (
    PeriodId,
    PeriodKind,
    PeriodRule,
    default_period,
    period_containing,
    periods_of_year,
)
from desktop.errors import InvalidInput
from desktop.workspace import Workspace


@pytest.mark.parametrize(
    ("text", "kind", "number", "label"),
    [
        ("2025-10", PeriodKind.MONTH, 10, "tháng 10 năm 2025"),
        ("2025-01", PeriodKind.MONTH, 1, "tháng 1 năm 2025"),
        ("2025-Q4", PeriodKind.QUARTER, 4, "quý IV năm 2025"),
        ("2025-q1", PeriodKind.QUARTER, 1, "quý I năm 2025"),
        ("2025-H1", PeriodKind.HALF, 1, "6 tháng đầu năm 2025"),
        ("2025-H2", PeriodKind.HALF, 2, "6 tháng cuối năm 2025"),
        ("2025-9M", PeriodKind.NINE_MONTHS, None, "9 tháng năm 2025"),
        ("2025", PeriodKind.YEAR, None, "năm 2025"),
    ],
)
def test_ids_parse_and_print_back(text, kind, number, label):
    pid = PeriodId.parse(text)
    assert (pid.year, pid.kind, pid.number) == (2025, kind, number)
    assert str(pid) == text.upper()
    assert pid.label == label
    assert pid.title == label[0].upper() + label[1:]


@pytest.mark.parametrize("text", ["2025-13", "2025-Q5", "2025-H3", "25-Q1", "2025-00", "", "quý 4"])
def test_bad_ids_get_a_vietnamese_explanation(text):
    with pytest.raises(InvalidInput, match="Mã kỳ báo cáo không hợp lệ"):
        PeriodId.parse(text)


NĐ09 = {kind: PeriodRule(kind) for kind in PeriodKind}


@pytest.mark.parametrize(
    ("text", "data_from", "data_to"),
    [
        ("2025-10", date(2025, 9, 15), date(2025, 10, 14)),
        ("2025-01", date(2024, 12, 15), date(2025, 1, 14)),
        ("2025-03", date(2025, 2, 15), date(2025, 3, 14)),
        ("2025-Q1", date(2024, 12, 15), date(2025, 3, 14)),
        ("2025-Q4", date(2025, 9, 15), date(2025, 12, 14)),
        ("2025-H1", date(2024, 12, 15), date(2025, 6, 14)),
        ("2025-H2", date(2025, 6, 15), date(2025, 12, 14)),
        ("2025-9M", date(2024, 12, 15), date(2025, 9, 14)),
        ("2025", date(2024, 12, 15), date(2025, 12, 14)),
    ],
)
def test_default_cut_off_follows_decree_09_2019(text, data_from, data_to):
    pid = PeriodId.parse(text)
    period = default_period(pid, NĐ09[pid.kind])
    assert (period.data_from, period.data_to) == (data_from, data_to)
    assert period.due_on == date(data_to.year, data_to.month, 20)


def test_calendar_aligned_rule_and_due_offset():
    rule = PeriodRule(PeriodKind.QUARTER, close_day=31, due_day=12, due_month_offset=1)
    period = default_period(PeriodId.parse("2024-Q1"), rule)
    assert (period.data_from, period.data_to) == (date(2024, 1, 1), date(2024, 3, 31))
    assert period.due_on == date(2024, 4, 12)
    feb = default_period(PeriodId.parse("2024-02"), PeriodRule(PeriodKind.MONTH, 31, 31))
    assert (feb.data_from, feb.data_to, feb.due_on) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
        date(2024, 2, 29),
    )


def test_period_containing_a_day():
    day = date(2025, 11, 3)
    assert str(period_containing(day, PeriodKind.MONTH)) == "2025-11"
    assert str(period_containing(day, PeriodKind.QUARTER)) == "2025-Q4"
    assert str(period_containing(day, PeriodKind.HALF)) == "2025-H2"
    assert str(period_containing(day, PeriodKind.YEAR)) == "2025"


def test_periods_of_year_are_distinct_and_complete():
    ids = [str(p) for p in periods_of_year(2026)]
    assert len(ids) == len(set(ids)) == 12 + 4 + 2 + 1 + 1
    assert ids[0] == "2026-01" and ids[-1] == "2026"
    assert [p.title_in_year for p in periods_of_year(2026)][12:] == [
        "Quý I",
        "Quý II",
        "Quý III",
        "Quý IV",
        "6 tháng đầu năm",
        "9 tháng",
        "6 tháng cuối năm",
        "Cả năm",
    ]


def test_a_period_s_dates_set_as_the_level_above_instructs(ws):
    assert ws.periods.get("2026-Q2").due_on == date(2026, 6, 20)  # NĐ 09: the 20th
    changed = ws.periods.set_dates("2026-Q2", "01/04/2026", "30/06/2026", "05/07/2026")
    assert (changed.data_from, changed.data_to, changed.due_on) == (
        date(2026, 4, 1),
        date(2026, 6, 30),
        date(2026, 7, 5),
    )
    with pytest.raises(InvalidInput, match="trước ngày chốt"):
        ws.periods.set_dates("2026-Q3", "30/09/2026", "01/07/2026", "05/10/2026")
    with pytest.raises(InvalidInput, match="không phải ngày hợp lệ"):
        ws.periods.set_dates("2026-Q3", "31/06/2026", "30/09/2026", "05/10/2026")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2025, 9, 1, 3, tzinfo=UTC), "2026-Q1"),  # plan issued for next year
        (datetime(2026, 5, 10, 3, tzinfo=UTC), "2026-Q2"),
        (datetime(2026, 12, 31, 18, tzinfo=UTC), "2026"),  # 01/01/2027 in Hà Nội: plan over
    ],
)
def test_suggested_period_stays_within_the_plan(db_path, now, expected):
    with Workspace.open(db_path, clock=lambda: now, create=True) as ws:
        plan = ws.plans.create("41/KH-UBND", "2025-08-20", "UBND xã", "Năm 2026", 2026, 2026)
        assert str(ws.periods.suggested(plan).id) == expected


def test_suggested_period_is_the_next_report_to_send_not_an_old_one(ws, clock, section, plan):
    # The audit: the window opened on last year's period because it had the latest reports.
    ws.schedule.require(plan.id, PeriodKind.QUARTER, due=(12, 0), close=(10, 0), upward=(12, 0))
    task = ws.tasks.add(section.id, "Nhiệm vụ", ["Phòng Văn hóa - Xã hội"])
    ws.progress.record(task.id, "2026-Q1", "dang_thuc_hien", 20)
    clock.set_today(2026, 8, 1)
    # Q2 was due 12/06/2026 and never sent: more than a month ago, no longer the one.
    assert str(ws.periods.suggested(plan).id) == "2026-Q3"  # due 12/09/2026
    clock.set_today(2026, 9, 12)
    assert str(ws.periods.suggested(plan).id) == "2026-Q3"  # due today: still this one
    clock.set_today(2026, 9, 13)
    assert str(ws.periods.suggested(plan).id) == "2026-Q3"  # a day late and still owed
    q3 = ws.periods.get("2026-Q3", plan.id)
    ws.locks.lock(plan.id, q3, "goi-q3", "bao_cao_2026-Q3.asice")
    assert str(ws.periods.suggested(plan).id) == "2026-Q4"  # sent: the next one
    clock.set_today(2026, 12, 13)
    assert str(ws.periods.suggested(plan).id) == "2026-Q4"  # Q4 late, Q3 sent


def test_the_year_report_owed_is_offered_not_the_year_begun(ws, clock, plan):
    """The issue: on 06/12/2026 the window opened on 'Cả năm 2027' while the 2026
    report, due the day before and not sent, was the one due."""
    ws.schedule.require(plan.id, PeriodKind.YEAR, due=(5, 0), close=(15, -1), upward=(5, 0))
    clock.set_today(2026, 12, 6)
    assert str(ws.periods.suggested(plan).id) == "2026"


def test_today_is_vietnamese_date_whatever_the_machine_zone(db_path):
    late_evening_utc = datetime(2025, 12, 31, 18, 30, tzinfo=UTC)
    with Workspace.open(db_path, clock=lambda: late_evening_utc, create=True) as ws:
        assert ws.today() == date(2026, 1, 1)


@pytest.mark.parametrize(
    ("text", "following", "closes_the_year"),
    [
        ("2025-12", "2026-01", True),
        ("2025-03", "2025-04", False),
        ("2025-Q4", "2026-Q1", True),
        ("2025-Q2", "2025-Q3", False),
        ("2025-H2", "2026-H1", True),
        ("2025-H1", "2025-H2", False),
        ("2025-9M", "2026-9M", False),
        ("2025", "2026", False),
    ],
)
def test_period_walk_and_year_end(text, following, closes_the_year):
    pid = PeriodId.parse(text)
    assert str(pid.following()) == following
    assert pid.closes_the_year is closes_the_year
