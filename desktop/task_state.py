"""Derived task state, counted the way national NQ57 monitoring counts it.

A task's state at a reporting period depends only on its deadline, the
completion dates recorded up to that period, and the period's data cut-off
date (the 'as of' date). Nothing here is stored: it is recomputed each time.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from desktop.deadlines import Deadline, Recurrence


class TaskState(StrEnum):
    DONE_ON_TIME = "hoan_thanh_dung_han"
    DONE_LATE = "hoan_thanh_qua_han"
    OVERDUE = "qua_han"
    NOT_DUE = "chua_den_han"
    ONGOING = "thuong_xuyen"


STATE_LABELS = {
    TaskState.DONE_ON_TIME: "Hoàn thành đúng hạn",
    TaskState.DONE_LATE: "Hoàn thành quá hạn",
    TaskState.OVERDUE: "Quá hạn chưa hoàn thành",
    TaskState.NOT_DUE: "Chưa đến hạn",
    TaskState.ONGOING: "Thường xuyên",
}


def derive_state(deadline: Deadline, completed_on: date | None, as_of: date) -> TaskState:
    """State of a task on `as_of`, given the completion date of its latest report.

    `completed_on` is None unless the latest report up to `as_of` says done.
    Continuous tasks ('Thường xuyên') are never overdue. A yearly task is judged
    against this year's occurrence, so a completion in an earlier year is not
    enough. A task without a date (a condition not yet met) cannot be overdue.
    """
    if deadline.recurrence is Recurrence.THUONG_XUYEN:
        return TaskState.ONGOING
    due = deadline.due_in(as_of.year)
    yearly = deadline.recurrence is Recurrence.HANG_NAM
    if yearly and completed_on is not None and completed_on.year != as_of.year:
        completed_on = None
    if completed_on is not None:
        if due is None or completed_on <= due:
            return TaskState.DONE_ON_TIME
        return TaskState.DONE_LATE
    if due is not None and due < as_of:
        return TaskState.OVERDUE
    return TaskState.NOT_DUE
