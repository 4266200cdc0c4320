"""One rule decides a task's state on a given day (issue 25, point 8), and the report shown
beside the state speaks of the same turn: the status, the Tổng quan's 'còn N ngày' and
Phụ lục I of the report printed that day say the same thing (the cases: tests/state_cases.py,
seen on 06/12/2026, the year 2026 still open)."""

from __future__ import annotations

from datetime import date

import pytest
from state_cases import DOING, DONE, build_cases

from desktop.documents.period_report import period_report
from desktop.domain.task_state import STATE_LABELS, Occurrence, OccurrenceState, TaskState
from desktop.domain.task_state import standing_turn as turn_of
from desktop.reports.attention import attention
from desktop.reports.status import build_status


@pytest.fixture
def seen(ws, clock):
    return ws, *build_cases(ws, clock)


# code: (state, the turn it speaks of, the report shown beside it: status and percent)
EXPECTED = {
    "A": (TaskState.NOT_DUE, "2026", (DOING, 60)),  # due 14/12/2026: in 8 days
    "B": (TaskState.NOT_DUE, "", None),  # due today: overdue from tomorrow
    "C": (TaskState.OVERDUE, "", (DOING, 40)),
    "D": (TaskState.DONE_ON_TIME, "", (DONE, 100)),
    "E": (TaskState.DONE_LATE, "", (DONE, 100)),
    "F": (TaskState.DONE_LATE, "2025", (DONE, 100)),  # 2025 done late, 2026 on time
    "G": (TaskState.OVERDUE, "2025", None),  # 2026 done, 2025 never: not 'Đã hoàn thành'
    "H": (TaskState.OVERDUE, "2026", None),  # 2025 done, 2026 not: not 'Đã hoàn thành'
}


def test_each_task_has_one_state_that_day_and_the_report_beside_it_is_of_its_turn(seen):
    ws, plan, year = seen
    report = build_status(ws, plan, year)
    assert report.judged_to == date(2026, 12, 5)
    found = {}
    for item in report.tasks:
        latest = (item.latest.status, item.latest.percent) if item.latest else None
        found[item.task.code] = (item.state, item.turn.occurrence.key, latest)
    assert found == EXPECTED
    for item in report.tasks:  # a task recorded done is never overdue beside it
        assert not (item.latest and item.latest.status is DONE and item.state is TaskState.OVERDUE)


def test_the_overview_counts_the_days_to_the_same_turns(seen):
    ws, plan, year = seen
    due = {(d.item.task.code, d.occurrence.key): d.days_left for d in attention(ws, plan).due_soon}
    assert due == {("B", ""): 0, ("A", "2026"): 8}
    report = build_status(ws, plan, year)
    states = {i.task.code: {o.occurrence.key: o.state for o in i.occurrences} for i in report.tasks}
    assert states["A"]["2026"] is TaskState.NOT_DUE
    assert states["B"][""] is TaskState.NOT_DUE


def test_the_report_printed_that_day_says_the_same(seen):
    ws, plan, year = seen
    tasks = period_report(ws, plan, year).appendices[0]
    rows = {row.cells[0]: row.cells for row in tasks.rows if len(row.cells) > 1}
    assert {code: cells[6] for code, cells in rows.items()} == {
        code: STATE_LABELS[state] for code, (state, _, _) in EXPECTED.items()
    }
    assert rows["A"][7] == "Đang xây dựng"
    assert rows["H"][7] == ""  # not 'Kế hoạch năm 2025', the 2025 turn's result


def _turn(key: str, due: date, state: TaskState, done: date | None = None) -> OccurrenceState:
    return OccurrenceState(Occurrence(key, due), state, done, False)


def test_the_state_speaks_of_the_first_overdue_the_last_done_or_the_next_turn():
    old = _turn("2025", date(2025, 11, 30), TaskState.DONE_LATE, date(2026, 1, 10))
    missed = _turn("2025", date(2025, 11, 30), TaskState.OVERDUE)
    done = _turn("2026", date(2026, 11, 30), TaskState.DONE_ON_TIME, date(2026, 11, 20))
    also = _turn("2026-H1", date(2026, 6, 14), TaskState.DONE_ON_TIME, date(2026, 6, 1))
    due = _turn("2027", date(2027, 11, 30), TaskState.NOT_DUE)
    assert turn_of(TaskState.DONE_LATE, [old, done, due]) is old
    assert turn_of(TaskState.OVERDUE, [missed, done, due]) is missed
    assert turn_of(TaskState.DONE_ON_TIME, [also, done, due]) is done
    assert turn_of(TaskState.NOT_DUE, [due]) is due
    assert turn_of(TaskState.ONGOING, []) is None
