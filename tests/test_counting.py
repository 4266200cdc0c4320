"""Counting through the workspace the way the level above counts (issue: audit of the core).

Each test starts from a finding the audit reproduced; the seed text it comes from is quoted.
The plan here keeps the office's NĐ 09/2019 calendar: year 2025 = 15/12/2024–14/12/2025.
"""

from __future__ import annotations

import pytest

from desktop.domain.task_state import TaskState
from desktop.errors import InvalidInput

VHXH = "Phòng Văn hóa - Xã hội"


@pytest.fixture
def plan_2025(ws):
    ws.office.save("Trần Liêu", "phuong", parent_name="thành phố Hải Phòng")
    return ws.plans.create(
        "79/KH-UBND", "2025-10-02", "UBND phường Trần Liêu", "Thực hiện Nghị quyết 57", 2025, 2045
    )


@pytest.fixture
def section_2025(ws, plan_2025):
    return ws.plans.add_section(plan_2025.id, "V", "Chuyển đổi số")


def state_of(ws, plan, task, period):
    [item] = [i for i in ws.progress.overview(plan.id, period) if i.task.id == task.id]
    return item


def test_a_yearly_task_missed_in_2025_stays_overdue_until_that_turn_is_closed(
    ws, clock, plan_2025, section_2025
):
    # A yearly turn with no day falls due at the year report's cut-off, and a missed one
    # is still owed in 2026 (before, only the 2026 turn was judged).
    task = ws.tasks.add(section_2025.id, "Số hóa dữ liệu", [VHXH], [], "Hằng năm")
    ws.progress.record(task.id, "2025", "dang_thuc_hien", 80)
    year = state_of(ws, plan_2025, task, "2025")
    assert year.state is TaskState.OVERDUE  # due at the year report's cut-off, 14/12/2025
    assert year.occurrences[0].occurrence.due.isoformat() == "2025-12-14"
    assert state_of(ws, plan_2025, task, "2026-Q1").state is TaskState.OVERDUE
    assert state_of(ws, plan_2025, task, "2026-03").state is TaskState.OVERDUE

    clock.set_today(2026, 4, 1)
    report = ws.progress.record(task.id, "2026-Q1", "hoan_thanh", completed_on="2026-02-10")
    assert report.occurrence == "2025"  # the oldest turn not yet completed
    q1 = state_of(ws, plan_2025, task, "2026-Q1")
    assert q1.state is TaskState.DONE_LATE
    assert state_of(ws, plan_2025, task, "2025").state is TaskState.OVERDUE  # as it was
    assert state_of(ws, plan_2025, task, "2026-Q2").state is TaskState.NOT_DUE

    # The 2026 turn is named explicitly; a turn the task does not have is refused.
    ws.progress.record(task.id, "2026-Q2", "dang_thuc_hien", 30, occurrence="2026")
    with pytest.raises(InvalidInput, match="không có lần thực hiện «2024»"):
        ws.progress.record(task.id, "2026-Q2", "dang_thuc_hien", 30, occurrence="2024")


def test_a_report_for_a_one_off_task_names_no_turn(ws, plan_2025, section_2025):
    task = ws.tasks.add(section_2025.id, "Kế hoạch", [VHXH], [], "Tháng 9/2025")
    with pytest.raises(InvalidInput, match="không lặp lại theo kỳ"):
        ws.progress.record(task.id, "2025", "dang_thuc_hien", 30, occurrence="2025")


def test_a_completion_in_the_future_is_refused_and_nothing_is_written(ws, plan_2025, section_2025):
    # The audit: "a 2025-Q3 report with completion 01/05/2026 was accepted and counted as
    # done in Q3". Today (fixture clock) is 20/01/2026.
    task = ws.tasks.add(section_2025.id, "Cấp chứng thư số", [VHXH], [], "Tháng 12/2025")
    before = ws.audit.count()
    with pytest.raises(InvalidInput, match=r"01/05/2026 chưa tới \(hôm nay là 20/01/2026\)"):
        ws.progress.record(task.id, "2025-Q3", "hoan_thanh", completed_on="2026-05-01")
    assert ws.progress.history(task.id) == []
    assert ws.audit.count() == before
    assert ws.db.execute("SELECT count(*) FROM periods").fetchone()[0] == 0


def test_a_completion_after_the_cut_off_counts_from_the_first_period_that_includes_it(
    ws, clock, plan_2025, section_2025
):
    # The audit: "a 2025 year report with completion 20/12/2025 made a task 'hoàn thành
    # đúng hạn' though the cut-off is 14/12".
    task = ws.tasks.add(section_2025.id, "Triển khai nền tảng số", [VHXH], [], "Tháng 12/2025")
    ws.progress.record(task.id, "2025", "hoan_thanh", completed_on="2025-12-20")
    year = state_of(ws, plan_2025, task, "2025")
    assert year.state is TaskState.NOT_DUE  # due 31/12; nothing done by 14/12
    assert year.completed_after_cutoff.isoformat() == "2025-12-20"
    assert state_of(ws, plan_2025, task, "2025-12").state is TaskState.NOT_DUE
    q1 = state_of(ws, plan_2025, task, "2026-Q1")  # 15/12/2025–14/03/2026 includes it
    assert (q1.state, q1.completed_after_cutoff) == (TaskState.DONE_ON_TIME, None)

    # And the Q3 case, recorded once 01/05/2026 has passed: done only from 2026-Q2.
    clock.set_today(2026, 5, 5)
    late = ws.tasks.add(section_2025.id, "Cấp chứng thư số", [VHXH], [], "Tháng 12/2025")
    ws.progress.record(late.id, "2025-Q3", "hoan_thanh", completed_on="2026-05-01")
    assert state_of(ws, plan_2025, late, "2025-Q3").state is TaskState.NOT_DUE
    assert state_of(ws, plan_2025, late, "2025").state is TaskState.NOT_DUE
    assert state_of(ws, plan_2025, late, "2026-Q1").state is TaskState.OVERDUE
    assert state_of(ws, plan_2025, late, "2026-Q2").state is TaskState.DONE_LATE


def test_continuous_tasks_without_a_report_in_the_period_are_counted_apart(
    ws, plan_2025, section_2025
):
    # Seed 001: 32 tasks print "Thường xuyên".
    reported = ws.tasks.add(section_2025.id, "Vận hành hệ thống", [VHXH], [], "Thường xuyên")
    silent = ws.tasks.add(section_2025.id, "Bảo vệ người dân", [VHXH], [], "Thường xuyên")
    ws.progress.record(reported.id, "2025-Q3", "dang_thuc_hien", 50)
    assert state_of(ws, plan_2025, reported, "2025-Q3").state is TaskState.ONGOING
    assert state_of(ws, plan_2025, reported, "2025").state is TaskState.ONGOING  # Q3 is in it
    assert state_of(ws, plan_2025, reported, "2025-Q4").state is TaskState.ONGOING_UNREPORTED
    assert state_of(ws, plan_2025, silent, "2025").state is TaskState.ONGOING_UNREPORTED


def test_a_milestone_with_continuous_work_keeps_its_date(ws, clock, plan_2025, section_2025):
    # Seed deadline: "Tháng 8/2025 và thường xuyên" (before: only continuous, never due).
    task = ws.tasks.add(section_2025.id, "Tuyên truyền", [VHXH], [], "Tháng 8/2025 và thường xuyên")
    assert state_of(ws, plan_2025, task, "2025-Q3").state is TaskState.OVERDUE
    ws.progress.record(task.id, "2025-Q4", "hoan_thanh", completed_on="2025-10-01")
    assert state_of(ws, plan_2025, task, "2025-Q4").state is TaskState.DONE_LATE
    # Afterwards it is continuous work again, reported or not.
    assert state_of(ws, plan_2025, task, "2026-Q1").state is TaskState.ONGOING_UNREPORTED


def test_reports_written_before_turns_existed_count_for_their_periods_turn(
    ws, plan_2025, section_2025
):
    # A database from before this version holds '' on a yearly task's report.
    task = ws.tasks.add(section_2025.id, "Báo cáo", [VHXH], [], "Trước ngày 30/11 hằng năm")
    ws.periods.ensure("2025", plan_2025.id)
    ws.db.execute(
        "INSERT INTO task_progress (task_id, period_id, occurrence, status, percent, "
        "completed_on, updated_at) VALUES (?, '2025', '', 'hoan_thanh', 100, '2025-11-20', 'x')",
        [task.id],
    )
    year = state_of(ws, plan_2025, task, "2025")
    assert year.state is TaskState.DONE_ON_TIME
    assert state_of(ws, plan_2025, task, "2026-Q1").state is TaskState.NOT_DUE
    # A new report does not reopen that turn: it goes to the next one.
    report = ws.progress.record(task.id, "2026-Q1", "dang_thuc_hien", 10)
    assert report.occurrence == "2026"
