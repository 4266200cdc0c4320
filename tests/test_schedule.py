"""A plan's own reporting schedule: which reports, when data closes, when each is due."""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_cli import run

from desktop.domain.periods import PeriodId, PeriodKind, PeriodRule
from desktop.domain.plan_calendar import DueStatus, check_rule, parse_day_spec
from desktop.domain.task_state import TaskState
from desktop.errors import InvalidInput
from desktop.reports.status import build_status
from desktop.workspace import Workspace

# The reporting sentences of three plans, as printed.
PLAN_79 = "Định kỳ hằng năm trước ngày 30/11 hoặc đột xuất khi có yêu cầu"  # seed 001, IV.2
PLAN_41 = "Định kỳ hằng Quý báo cáo kết quả thực hiện về UBND xã trước ngày 12 tháng cuối Quý"
PLAN_57 = "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 10/12)"  # Bình Phước


def kinds_and_days(entries):
    """(kind, close day and offset, units' day, the office's day upward) per entry."""
    return [
        (e.rule.kind, e.rule.close_day, e.rule.close_month_offset, e.rule.units_due, e.rule.upward)
        for e in entries
    ]


def test_schedules_read_from_the_plans_own_words(ws, plan):
    """A plan's sentence says when its units report to the office ("ve UBND xa ... de tong
    hop, bao cao UBND tinh", seed 004); the office reports upward by its own rule (NĐ 09:
    the 20th of the period's last month) unless the level above set another day."""
    year, quarter, half = PeriodKind.YEAR, PeriodKind.QUARTER, PeriodKind.HALF
    assert kinds_and_days(ws.schedule.require_from_text(plan.id, PLAN_79, {year: (14, -1)})) == [
        (year, 14, -1, (30, -1), (20, 0))
    ]
    ws.schedule.drop(plan.id, year)
    assert kinds_and_days(ws.schedule.require_from_text(plan.id, PLAN_41, {quarter: (10, 0)})) == [
        (quarter, 10, 0, (12, 0), (20, 0))
    ]
    ws.schedule.drop(plan.id, quarter)
    # Bình Phước: data for the year must close by 10/12; the 6-month report keeps NĐ 09's 14/6.
    entries = ws.schedule.require_from_text(plan.id, PLAN_57, {year: (30, -1)})
    assert kinds_and_days(entries) == [
        (half, 14, 0, (15, 0), (20, 0)),
        (year, 30, -1, (10, 0), (20, 0)),
    ]
    assert entries[0].source_text == PLAN_57
    # The level above wants the year report by 15/12; it may not come before the units'.
    entries = ws.schedule.set_upward(plan.id, year, (15, 0))
    assert kinds_and_days(entries)[1] == (year, 30, -1, (10, 0), (15, 0))
    before = ws.audit.count()
    with pytest.raises(InvalidInput, match=r"Hạn gửi cấp trên báo cáo năm \(5/12\) trước hạn"):
        ws.schedule.set_upward(plan.id, year, (5, 0))
    with pytest.raises(InvalidInput, match="chưa yêu cầu báo cáo quý"):
        ws.schedule.set_upward(plan.id, quarter, (20, 0))
    assert ws.audit.count() == before
    assert kinds_and_days(ws.schedule.set_upward(plan.id, year, None))[1][4] == (20, 0)


def test_the_schedule_sets_due_dates_and_the_data_window(ws, plan):
    ws.schedule.require(plan.id, PeriodKind.QUARTER, due=(12, 0), close=(10, 0))
    q1 = ws.periods.get("2026-Q1", plan.id)
    assert (q1.data_from, q1.data_to, q1.units_due, q1.due_on) == (
        date(2025, 12, 11),
        date(2026, 3, 10),
        date(2026, 3, 12),  # the units report to the office
        date(2026, 3, 20),  # the office reports upward (NĐ 09)
    )
    # Kinds the plan does not list, and the office's own calendar, keep NĐ 09/2019.
    assert ws.periods.get("2026", plan.id).data_to == date(2026, 12, 14)
    assert ws.periods.get("2026-Q1").data_to == date(2026, 3, 14)


def test_yearly_tasks_fall_due_at_the_plans_year_cut_off(ws, clock, plan, section):
    ws.schedule.require_from_text(plan.id, PLAN_79, {PeriodKind.YEAR: (14, -1)})
    task = ws.tasks.add(section.id, "Báo cáo kết quả", ["Phòng Văn hóa - Xã hội"], [], "Hằng năm")
    assert task.deadline.summary == "Hằng năm (đến ngày chốt số liệu báo cáo)"
    # While the year is open its states speak of yesterday: due on 14/11, not overdue
    # on the day itself, overdue the day after.
    for today, state in (((2026, 11, 14), TaskState.NOT_DUE), ((2026, 11, 15), TaskState.OVERDUE)):
        clock.set_today(*today)
        [item] = ws.progress.overview(plan.id, "2026")
        assert item.occurrences[0].occurrence.due == date(2026, 11, 14)
        assert item.state is state, today
    report = build_status(ws, plan, ws.periods.get("2026", plan.id))
    assert report.judged_to == date(2026, 11, 14)  # the cut-off, once it has passed


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        # a schedule day 31 in a 30-day month
        (PeriodRule(PeriodKind.QUARTER, 10, 31, 0), "ngày 31, nhưng tháng 6 chỉ có 30 ngày"),
        (PeriodRule(PeriodKind.YEAR, 14, 31, -1, -1), "ngày 31, nhưng tháng 11 chỉ có 30 ngày"),
        (PeriodRule(PeriodKind.YEAR, 14, 29, -10, -10), "tháng 2 chỉ có 28 ngày"),
        (PeriodRule(PeriodKind.MONTH, 30, 30, 1), "tháng 2 chỉ có 28 ngày"),
        # a due day before the cut-off
        (
            PeriodRule(PeriodKind.YEAR, 14, 30, -1, 0),
            r"Hạn gửi báo cáo năm \(30/11\) trước ngày chốt",
        ),
        (PeriodRule(PeriodKind.QUARTER, 14, 12, 0), "trước ngày chốt số liệu"),
    ],
)
def test_rules_a_period_could_not_keep_are_refused(rule, message):
    with pytest.raises(InvalidInput, match=message):
        check_rule(rule)


def test_bad_schedules_write_nothing(ws, plan):
    before = ws.audit.count()
    with pytest.raises(InvalidInput, match="trước ngày chốt số liệu"):
        ws.schedule.require_from_text(plan.id, PLAN_79)  # 30/11 < NĐ 09's 14/12
    with pytest.raises(InvalidInput, match="Hạn gửi báo cáo quý là ngày 31, nhưng tháng 6"):
        ws.schedule.require(plan.id, PeriodKind.QUARTER, due=(31, 0), close=(10, 0))
    with pytest.raises(InvalidInput, match="Không đọc được kỳ báo cáo"):
        ws.schedule.require_from_text(plan.id, "Báo cáo khi có yêu cầu")
    assert ws.schedule.entries(plan.id) == []
    assert ws.audit.count() == before


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("30/11", PeriodKind.YEAR, (30, -1)),
        ("15/1", PeriodKind.YEAR, (15, -11)),
        ("12", PeriodKind.QUARTER, (12, 0)),
        ("5/+1", PeriodKind.QUARTER, (5, 1)),
        ("20/9", PeriodKind.NINE_MONTHS, (20, 0)),
    ],
)
def test_days_typed_by_the_clerk(text, kind, expected):
    assert parse_day_spec(text, kind, "Hạn gửi") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("30/13", "tháng 13 không có"), ("12/6", "lặp lại trong năm"), ("x", "không hợp lệ")],
)
def test_days_typed_wrongly(text, message):
    with pytest.raises(InvalidInput, match=message):
        parse_day_spec(text, PeriodKind.QUARTER if text == "12/6" else PeriodKind.YEAR, "Hạn gửi")


def test_reports_due_late_and_coming(ws, clock, plan, section):
    # 41/KH-UBND: a 2026 plan issued 20/08/2025; its quarters run from 2026.
    ws.schedule.require_from_text(plan.id, PLAN_41, {PeriodKind.QUARTER: (10, 0)})
    task = ws.tasks.add(section.id, "Nhiệm vụ", ["Phòng Văn hóa - Xã hội"], [], "Thường xuyên")
    clock.set_today(2026, 6, 6)  # the office reports quý II upward by 20/06 (NĐ 09)
    ws.progress.record(task.id, "2026-Q1", "dang_thuc_hien", 20)
    dues = {d.period.key: d.status for d in ws.schedule.due_reports(plan)}
    assert dues == {"2026-Q1": DueStatus.RECORDED, "2026-Q2": DueStatus.DUE_SOON}
    clock.set_today(2026, 9, 21)
    dues = {d.period.key: d.status for d in ws.schedule.due_reports(plan)}
    assert dues == {
        "2026-Q1": DueStatus.RECORDED,
        "2026-Q2": DueStatus.OVERDUE,
        "2026-Q3": DueStatus.OVERDUE,
        "2026-Q4": DueStatus.UPCOMING,
    }


def test_six_monthly_and_yearly_reports_without_a_second_half(ws, clock, plan):
    ws.schedule.require_from_text(plan.id, PLAN_57, {PeriodKind.YEAR: (30, -1)})
    clock.set_today(2026, 1, 1)
    dues = [
        (d.period.key, d.period.units_due, d.period.due_on) for d in ws.schedule.due_reports(plan)
    ]
    assert dues == [
        ("2026-H1", date(2026, 6, 15), date(2026, 6, 20)),
        ("2026", date(2026, 12, 10), date(2026, 12, 20)),
    ]


def test_changing_the_schedule_leaves_periods_with_data_as_they_were(ws, plan, section):
    task = ws.tasks.add(section.id, "Nhiệm vụ", ["Phòng Văn hóa - Xã hội"], [], "Thường xuyên")
    ws.progress.record(task.id, "2025", "dang_thuc_hien", 20)
    ws.schedule.require(plan.id, PeriodKind.YEAR, due=(30, -1), close=(14, -1))
    assert ws.periods.get("2025", plan.id).data_to == date(2025, 12, 14)  # recorded under it
    assert ws.periods.get("2026", plan.id).data_to == date(2026, 11, 14)
    assert ws.periods.get("2026", plan.id).units_due == date(2026, 11, 30)
    assert ws.periods.get("2026", plan.id).due_on == date(2026, 12, 20)
    ws.schedule.drop(plan.id, PeriodKind.YEAR)
    assert ws.periods.get("2026", plan.id).data_to == date(2026, 12, 14)


def test_a_period_can_be_moved_for_one_plan_only(ws, plan):
    moved = ws.periods.set_dates("2026-Q1", "01/01/2026", "31/03/2026", "05/04/2026", plan.id)
    assert (moved.data_to, moved.due_on) == (date(2026, 3, 31), date(2026, 4, 5))
    assert ws.periods.get(PeriodId.parse("2026-Q1")).data_to == date(2026, 3, 14)
    with pytest.raises(InvalidInput, match="trước ngày chốt"):
        ws.periods.set_dates("2026-Q2", "01/04/2026", "30/06/2026", "20/06/2026", plan.id)


# The CLI -----------------------------------------------------------------------------


@pytest.fixture
def plan_db(tmp_path):
    path = tmp_path / "x.db"
    assert run("--db", str(path), "demo").returncode == 0
    return path


def test_cli_shows_and_sets_a_schedule(plan_db):
    shown = run("--db", str(plan_db), "schedule")
    assert shown.returncode == 0, shown.stderr
    assert (
        "báo cáo năm: chốt số liệu 14/11, các đơn vị gửi trước 30/11, hạn gửi cấp trên 20/12"
        in shown.stdout
    )
    assert (
        "Năm 2025: số liệu 15/11/2024–14/11/2025, các đơn vị gửi trước 30/11/2025, "
        "hạn gửi cấp trên 20/12/2025 — Đã có số liệu" in shown.stdout
    )
    changed = run("--db", str(plan_db), "schedule", "--require", "quy", "--due", "5/+1", "--json")
    assert changed.returncode == 0, changed.stderr
    rules = json.loads(changed.stdout)["rules"]
    assert [(r["kind"], r["due_day"], r["due_month_offset"], r["close_day"]) for r in rules] == [
        ("quarter", 5, 1, 14),  # upward not before the units' 5th of the next month
        ("year", 20, 0, 14),
    ]
    dropped = run("--db", str(plan_db), "schedule", "--drop", "quy", "--json")
    assert [r["kind"] for r in json.loads(dropped.stdout)["rules"]] == ["year"]


def test_cli_follows_the_plan_from_a_period(plan_db):
    shown = json.loads(run("--db", str(plan_db), "schedule", "--json").stdout)
    assert shown["plan"]["reports_from"] == "2025-10-02"  # the demo: from the plan's start
    assert shown["reports"][0]["period"] == "2025"
    moved = run("--db", str(plan_db), "schedule", "--follow-from", "2026", "--json")
    assert moved.returncode == 0, moved.stderr
    shown = json.loads(moved.stdout)
    assert shown["plan"]["reports_from"] == "2026-01-01"
    assert shown["reports"][0]["period"] == "2026"
    refused = run("--db", str(plan_db), "schedule", "--follow-from", "2099")
    assert refused.returncode == 1 and "chưa bắt đầu" in refused.stderr


def test_cli_sets_one_period_s_dates_as_the_level_above_instructs(plan_db):
    args = ["--set-period", "2026-H1", "--data-from", "15/12/2025", "--data-to", "10/06/2026"]
    refused = run("--db", str(plan_db), "schedule", *args)
    assert refused.returncode == 1 and "cần đủ" in refused.stderr
    moved = run("--db", str(plan_db), "schedule", *args, "--due-on", "15/06/2026")
    assert moved.returncode == 0, moved.stderr
    assert (
        "6 tháng đầu năm 2026: số liệu 15/12/2025–10/06/2026, hạn gửi cấp trên 15/06/2026."
        in moved.stdout
    )
    with Workspace.open(plan_db, read_only=True) as ws:
        period = ws.periods.get(PeriodId.parse("2026-H1"), ws.plans.current().id)
    assert (period.data_to, period.due_on) == (date(2026, 6, 10), date(2026, 6, 15))


def test_cli_reads_a_schedule_from_the_plans_words(tmp_path):
    path = tmp_path / "y.db"
    with Workspace.open(path, create=True) as ws:
        ws.office.save("Đồng Xoài", "phuong")
        ws.plans.create("57/KH-UBND", "2025-03-01", "UBND tỉnh", "Kế hoạch", 2025, 2030)
    refused = run("--db", str(path), "schedule", "--from-text", PLAN_57)
    assert refused.returncode == 1
    assert "Hạn các đơn vị gửi báo cáo năm (10/12) trước ngày chốt số liệu (14/12)" in (
        refused.stderr
    )
    accepted = run(
        "--db", str(path), "schedule", "--from-text", PLAN_57, "--close", "nam:30/11",
        "--upward", "nam:15/12",
    )  # fmt: skip
    assert accepted.returncode == 0, accepted.stderr
    assert (
        "báo cáo 6 tháng: chốt số liệu ngày 14 tháng cuối kỳ, các đơn vị gửi trước ngày 15 "
        "tháng cuối kỳ, hạn gửi cấp trên ngày 20 tháng cuối kỳ" in accepted.stdout
    )
    assert (
        "báo cáo năm: chốt số liệu 30/11, các đơn vị gửi trước 10/12, hạn gửi cấp trên 15/12"
        in accepted.stdout
    )


def test_cli_sets_the_day_the_office_reports_upward(plan_db):
    """The level above asks for the year report by 25/12: the plan's units still report
    by 30/11; a period already holding data keeps the dates it was recorded under."""
    moved = run("--db", str(plan_db), "schedule", "--upward", "nam:25/12", "--json")
    assert moved.returncode == 0, moved.stderr
    shown = json.loads(moved.stdout)
    [rule] = shown["rules"]
    assert (rule["units_due_day"], rule["units_due_month_offset"]) == (30, -1)
    assert (rule["due_day"], rule["due_month_offset"]) == (25, 0)
    reports = {r["period"]: (r["units_due"], r["due_on"]) for r in shown["reports"]}
    assert reports["2025"] == ("2025-11-30", "2025-12-20")
    assert reports["2026"] == ("2026-11-30", "2026-12-25")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--require", "tuan", "--due", "5"], "Loại báo cáo «tuan» không hợp lệ"),
        (["--require", "nam"], "Cần hạn gửi báo cáo"),
        (["--due", "30/11"], "--due chỉ dùng cùng --require"),
        (["--require", "quy", "--due", "31"], "tháng 6 chỉ có 30 ngày"),
        (["--require", "nam", "--due", "30/11"], "trước ngày chốt số liệu"),
        (["--from-text", PLAN_57, "--close", "14/11"], "ghi kèm loại báo cáo"),
        (["--data-to", "10/06/2026"], "chỉ dùng cùng --set-period"),
        (["--upward", "nam:20/11"], "Hạn gửi cấp trên báo cáo năm (20/11) trước hạn các đơn vị"),
        (["--upward", "20"], "ghi kèm loại báo cáo"),
        (["--upward", "quy:20"], "chưa yêu cầu báo cáo quý"),
        (["--drop", "nam", "--upward", "nam:20/12"], "--upward dùng riêng"),
        (["--drop", "nam", "--close", "nam:14/11"], "--close chỉ dùng cùng"),
    ],
)
def test_cli_schedule_errors_are_vietnamese_and_write_nothing(plan_db, args, message):
    before = run("--db", str(plan_db), "schedule", "--json").stdout
    result = run("--db", str(plan_db), "schedule", *args)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert run("--db", str(plan_db), "schedule", "--json").stdout == before
