"""Derived task state as NQ57 monitoring counts it."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.deadlines import parse_deadline
from desktop.task_state import TaskState, derive_state

AS_OF = date(2025, 12, 14)


@pytest.mark.parametrize(
    ("deadline", "completed_on", "as_of", "state"),
    [
        ("Tháng 9/2025", date(2025, 9, 30), AS_OF, TaskState.DONE_ON_TIME),
        ("Tháng 9/2025", date(2025, 10, 1), AS_OF, TaskState.DONE_LATE),
        ("Tháng 9/2025", None, AS_OF, TaskState.OVERDUE),
        ("Tháng 12/2025", None, AS_OF, TaskState.NOT_DUE),
        ("Tháng 12/2025", None, date(2025, 12, 31), TaskState.NOT_DUE),
        ("Tháng 12/2025", None, date(2026, 1, 1), TaskState.OVERDUE),
        ("Thường xuyên", None, AS_OF, TaskState.ONGOING),
        ("Thường xuyên", date(2025, 5, 1), AS_OF, TaskState.ONGOING),
        ("Sau khi thành phố ban hành bộ quy tắc", None, AS_OF, TaskState.NOT_DUE),
        ("Sau khi thành phố ban hành bộ quy tắc", date(2025, 5, 1), AS_OF, TaskState.DONE_ON_TIME),
        ("Trước ngày 30/11 hằng năm", date(2025, 11, 20), AS_OF, TaskState.DONE_ON_TIME),
        ("Trước ngày 30/11 hằng năm", date(2024, 11, 20), AS_OF, TaskState.OVERDUE),
        ("Trước ngày 30/11 hằng năm", date(2025, 11, 20), date(2026, 3, 14), TaskState.NOT_DUE),
    ],
)
def test_derive_state(deadline, completed_on, as_of, state):
    assert derive_state(parse_deadline(deadline, 2024), completed_on, as_of) is state
