"""Derived task state, counted the way the level above counts it.

A deadline creates occurrences: its one-off milestone (key '') and one per
period of each recurring cycle (key = that period's id: '2025', '2025-H1').
Each occurrence is judged on its own against the completion recorded for it:
a 2025 occurrence never completed stays 'quá hạn chưa hoàn thành' in every
later report until its completion is recorded. A task's state at a period
sums up its occurrences that matter to that period, and speaks of one of them
(`standing_turn`): the report shown beside the state is the one on that turn,
so a 2025 turn done never stands as 'Đã hoàn thành (100%)' beside the 2026
turn overdue. Nothing here is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.domain.deadlines import Deadline
from desktop.domain.periods import PeriodId, PeriodKind

ONE_OFF = ""  # occurrence key of the one-off milestone (or of a task done once, undated)


class TaskState(StrEnum):
    DONE_ON_TIME = "hoan_thanh_dung_han"
    DONE_LATE = "hoan_thanh_qua_han"
    OVERDUE = "qua_han"
    NOT_DUE = "chua_den_han"
    ONGOING = "thuong_xuyen"
    ONGOING_UNREPORTED = "thuong_xuyen_chua_bao_cao"


STATE_LABELS = {
    TaskState.DONE_ON_TIME: "Hoàn thành đúng hạn",
    TaskState.DONE_LATE: "Hoàn thành quá hạn",
    TaskState.OVERDUE: "Quá hạn chưa hoàn thành",
    TaskState.NOT_DUE: "Chưa đến hạn",
    TaskState.ONGOING: "Thường xuyên – đã báo cáo",
    TaskState.ONGOING_UNREPORTED: "Thường xuyên – chưa báo cáo",
}


@dataclass(frozen=True)
class Occurrence:
    """One turn of a task: the one-off milestone (key '') or a cycle's period, and its due date."""

    key: str
    due: date | None

    @property
    def label(self) -> str:
        """'Mốc hoàn thành', 'Lần năm 2025', 'Lần 6 tháng đầu năm 2025'."""
        return "Mốc hoàn thành" if self.key == ONE_OFF else f"Lần {PeriodId.parse(self.key).label}"


def occurrences(
    deadline: Deadline,
    cutoff_of: Callable[[PeriodId], date],
    since: date,
    until: date,
    last_year: int,
) -> list[Occurrence]:
    """Occurrences due up to `until`, plus each cycle's next one, in due order.

    Cycle occurrences falling due before `since` (the plan was issued later) or
    in a year after `last_year` (the plan has ended) are not obligations.
    """
    found: list[Occurrence] = []
    if deadline.milestone is not None or deadline.one_off:
        found.append(Occurrence(ONE_OFF, deadline.milestone))
    yearly = any(cycle.kind is PeriodKind.YEAR for cycle in deadline.cycles)
    for cycle in deadline.cycles:
        own: list[Occurrence] = []
        last_due = since
        for year in range(max(cycle.start_year, since.year), last_year + 1):
            for pid in cycle.periods(year):
                due = cycle.due_on(pid, cutoff_of)
                if due >= since and not (yearly and pid.closes_the_year):
                    own.append(Occurrence(str(pid), due))
                    last_due = due
                    if due > until:
                        break
            if own and last_due > until:
                break
        found += own
    return sorted(found, key=lambda o: (o.due or date.max, o.key))


def judge(due: date | None, completed_on: date | None, as_of: date) -> TaskState:
    """One occurrence at the end of `as_of`: done (on time or late), overdue or not yet due.

    Due on the cut-off day itself and not done by then counts as overdue: the
    report speaks of the end of that day.
    """
    if completed_on is not None:
        return TaskState.DONE_ON_TIME if due is None or completed_on <= due else TaskState.DONE_LATE
    if due is not None and due <= as_of:
        return TaskState.OVERDUE
    return TaskState.NOT_DUE


@dataclass(frozen=True)
class OccurrenceState:
    """How one occurrence stands at a period: its state and the completion recorded for it."""

    occurrence: Occurrence
    state: TaskState
    completed_on: date | None
    carried_over: bool  # fell due before this period's data window opened


def standing_turn(state: TaskState, states: Sequence[OccurrenceState]) -> OccurrenceState | None:
    """The turn a task's state speaks of: the first overdue, the last completed in the
    state's way (on time or late), the next not yet due; None for continuous work,
    which speaks of the task as a whole. `states` are in due order (`occurrences`)."""
    matching = [s for s in states if s.state is state]
    if not matching:
        return None
    if state in (TaskState.DONE_ON_TIME, TaskState.DONE_LATE):
        return max(matching, key=lambda s: s.completed_on or date.min)
    return matching[0]


@dataclass(frozen=True)
class Assessment:
    """A task's state at a period and the states of the occurrences it sums up."""

    state: TaskState
    occurrences: tuple[OccurrenceState, ...]

    @property
    def turn(self) -> OccurrenceState | None:
        return standing_turn(self.state, self.occurrences)


def assess(
    deadline: Deadline,
    found: Sequence[Occurrence],
    completions: Mapping[str, date],
    window: tuple[date, date],
    reported: bool,
) -> Assessment:
    """The task's state for the period whose data runs over `window` (from, to).

    `completions`: occurrence key -> completion date, only those on or before
    the cut-off. `reported`: a report on the task falls in the window (what
    tells continuous work done from continuous work nobody reported on).

    The one-off milestone counts in every period (a task done stays done); a
    cycle's occurrence counts while it is due in the window, still open from an
    earlier one, completed inside the window, or the next one coming.
    """
    start, as_of = window
    states: list[OccurrenceState] = []
    for occurrence in found:
        done = completions.get(occurrence.key)
        carried = occurrence.due is not None and occurrence.due < start
        if occurrence.key != ONE_OFF and carried and done is not None and done < start:
            continue  # settled in an earlier period
        state = judge(occurrence.due, done, as_of)
        states.append(OccurrenceState(occurrence, state, done, carried))
    return Assessment(_task_state(deadline, states, start, reported), tuple(states))


def _task_state(
    deadline: Deadline, states: list[OccurrenceState], start: date, reported: bool
) -> TaskState:
    present = {s.state for s in states}
    if TaskState.OVERDUE in present:
        return TaskState.OVERDUE
    if deadline.continuous:
        # Beside continuous work a completion shows in the period it happened;
        # after that the task is continuous work again.
        recent = {s.state for s in states if s.completed_on and s.completed_on >= start}
        if recent:
            return TaskState.DONE_LATE if TaskState.DONE_LATE in recent else TaskState.DONE_ON_TIME
        if any(s.state is TaskState.NOT_DUE and s.occurrence.due for s in states):
            return TaskState.NOT_DUE
        return TaskState.ONGOING if reported else TaskState.ONGOING_UNREPORTED
    if TaskState.DONE_LATE in present:
        return TaskState.DONE_LATE
    judged = [s for s in states if s.state is not TaskState.NOT_DUE]
    return TaskState.DONE_ON_TIME if judged else TaskState.NOT_DUE
