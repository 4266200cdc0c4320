"""Derived task state, one occurrence at a time, as the level above counts it."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.deadlines import parse_deadline
from desktop.domain.periods import PeriodId, PeriodKind, PeriodRule, default_period
from desktop.domain.task_state import TaskState, assess, judge, occurrences

YEAR_2025 = (date(2024, 12, 15), date(2025, 12, 14))  # NĐ 09/2019 window of the year report
Q1_2026 = (date(2025, 12, 15), date(2026, 3, 14))
Q3_2025 = (date(2025, 6, 15), date(2025, 9, 14))


def nd09_cutoff(pid: PeriodId) -> date:
    return default_period(pid, PeriodRule(pid.kind)).data_to


def state(text, window, completions=None, reported=False, since=date(2025, 1, 1)):
    deadline = parse_deadline(text, 2025)
    found = occurrences(deadline, nd09_cutoff, since, window[1], 2030)
    return assess(deadline, found, completions or {}, window, reported)


@pytest.mark.parametrize(
    ("due", "completed_on", "as_of", "expected"),
    [
        (date(2025, 9, 30), date(2025, 9, 30), YEAR_2025[1], TaskState.DONE_ON_TIME),
        (date(2025, 9, 30), date(2025, 10, 1), YEAR_2025[1], TaskState.DONE_LATE),
        (date(2025, 9, 30), None, YEAR_2025[1], TaskState.OVERDUE),
        (date(2025, 12, 31), None, YEAR_2025[1], TaskState.NOT_DUE),
        (date(2025, 12, 14), None, date(2025, 12, 14), TaskState.OVERDUE),  # due on the cut-off
        (None, None, YEAR_2025[1], TaskState.NOT_DUE),
        (None, date(2025, 5, 1), YEAR_2025[1], TaskState.DONE_ON_TIME),
    ],
)
def test_judge_one_occurrence(due, completed_on, as_of, expected):
    assert judge(due, completed_on, as_of) is expected


def test_a_missed_year_stays_overdue_until_its_completion_is_recorded():
    # A yearly task with no day ("Hằng năm") falls due at the year report's cut-off,
    # 14/12/2025 under NĐ 09/2019.
    text = "Hằng năm"
    year = state(text, YEAR_2025)
    assert year.state is TaskState.OVERDUE
    assert [(o.occurrence.key, o.occurrence.due) for o in year.occurrences] == [
        ("2025", date(2025, 12, 14)),
        ("2026", date(2026, 12, 14)),
    ]
    q1 = state(text, Q1_2026)
    assert q1.state is TaskState.OVERDUE
    carried = q1.occurrences[0]
    assert (carried.occurrence.key, carried.carried_over) == ("2025", True)
    closed = state(text, Q1_2026, {"2025": date(2026, 2, 10)})
    assert closed.state is TaskState.DONE_LATE
    later = state(text, (date(2026, 3, 15), date(2026, 6, 14)), {"2025": date(2026, 2, 10)})
    assert later.state is TaskState.NOT_DUE  # 2025 settled in Q1; 2026 not yet due
    assert [o.occurrence.key for o in later.occurrences] == ["2026"]


def test_ongoing_effort_from_a_year_on_is_continuous_work_never_overdue_by_itself():
    # Seed 001 (Kế hoạch 79), mục V.3, column "Thời gian hoàn thành": "Nam 2025 va nhung
    # nam tiep theo". Read as yearly turns it counted overdue in 2025 and twice in 2026.
    for text in ("Năm 2025 và những năm tiếp theo", "Từ năm 2025 trở đi"):
        for window in (YEAR_2025, Q1_2026, (date(2026, 12, 15), date(2027, 12, 14))):
            result = state(text, window, reported=True)
            assert result.state is TaskState.ONGOING, (text, window)
            assert result.occurrences == ()
        assert state(text, YEAR_2025).state is TaskState.ONGOING_UNREPORTED
    # The same words' year alone is a deadline: seed 001, mục V.6, "Nam 2025".
    assert state("Năm 2025", YEAR_2025).state is TaskState.NOT_DUE  # due 31/12/2025


def test_each_occurrence_of_a_six_monthly_and_yearly_task_is_judged():
    # Seed: "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 10/12)": the
    # second half is the year report itself, so two turns a year.
    text = "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 10/12)"
    result = state(text, YEAR_2025, {"2025-H1": date(2025, 6, 10)})
    by_key = {o.occurrence.key: o.state for o in result.occurrences}
    assert by_key == {
        "2025-H1": TaskState.DONE_ON_TIME,
        "2025": TaskState.OVERDUE,
        "2026-H1": TaskState.NOT_DUE,  # each cycle's next turn shows as not yet due
        "2026": TaskState.NOT_DUE,
    }
    assert result.state is TaskState.OVERDUE


def test_quarterly_turns_before_the_plan_was_in_force_are_not_obligations():
    # Seed 004: "Định kỳ hằng Quý … trước ngày 12 tháng cuối Quý".
    text = "Định kỳ hằng Quý báo cáo trước ngày 12 tháng cuối Quý"
    result = state(text, YEAR_2025, since=date(2025, 8, 20))
    assert [o.occurrence.key for o in result.occurrences] == ["2025-Q3", "2025-Q4", "2026-Q1"]
    assert [o.occurrence.due for o in result.occurrences][:2] == [
        date(2025, 9, 12),
        date(2025, 12, 12),
    ]


def test_continuous_tasks_tell_reported_from_unreported():
    assert state("Thường xuyên", YEAR_2025, reported=True).state is TaskState.ONGOING
    assert state("Thường xuyên", YEAR_2025).state is TaskState.ONGOING_UNREPORTED
    assert state("Thường xuyên", YEAR_2025).occurrences == ()


def test_a_milestone_beside_continuous_work_counts_until_done_then_the_work_goes_on():
    # Seed: "Tháng 8/2025 và thường xuyên".
    text = "Tháng 8/2025 và thường xuyên"
    assert state(text, (date(2025, 3, 15), date(2025, 6, 14))).state is TaskState.NOT_DUE
    assert state(text, Q3_2025).state is TaskState.OVERDUE
    done = {"": date(2025, 8, 20)}
    assert state(text, Q3_2025, done).state is TaskState.DONE_ON_TIME
    after = state(text, (date(2025, 9, 15), date(2025, 12, 14)), done, reported=False)
    assert after.state is TaskState.ONGOING_UNREPORTED
    assert after.occurrences[0].state is TaskState.DONE_ON_TIME  # the milestone stays met


def test_one_off_tasks_keep_their_state_in_later_periods():
    done = {"": date(2025, 10, 15)}
    assert state("Tháng 9/2025", YEAR_2025, done).state is TaskState.DONE_LATE
    assert state("Tháng 9/2025", Q1_2026, done).state is TaskState.DONE_LATE
    assert state("Tháng 12/2025", YEAR_2025).state is TaskState.NOT_DUE
    assert state("Tháng 12/2025", Q1_2026).state is TaskState.OVERDUE
    assert state("Sau khi thành phố ban hành bộ quy tắc", Q1_2026).state is TaskState.NOT_DUE


def test_plans_end_bounds_the_turns():
    deadline = parse_deadline("Hằng năm", 2025)
    found = occurrences(deadline, nd09_cutoff, date(2025, 1, 1), date(2027, 12, 31), 2026)
    assert [o.key for o in found] == ["2025", "2026"]
    assert PeriodKind.YEAR is PeriodId.parse(found[0].key).kind
