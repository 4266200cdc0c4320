"""What needs the clerk's attention today, whatever period the window shows: the tasks
falling due in the coming days and the next reports the plan's schedule asks for, with
the day the units report to the office and the day the office reports upward.

A turn 'falls due soon' when its due date lies between today and today + N days and
no completion is recorded for it yet. The tasks are judged as the status would judge
them at that horizon, so recurring turns, carried-over turns and completions recorded
in any period count exactly as in the reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop.domain.model import Plan
from desktop.domain.periods import Period, PeriodId, PeriodKind, period_containing
from desktop.domain.plan_calendar import DueStatus, ReportDue
from desktop.domain.task_state import Occurrence, TaskState
from desktop.services.progress import TaskOverview, task_turns
from desktop.workspace import Workspace

HORIZON_DAYS = 30


@dataclass(frozen=True)
class DueSoon:
    """A task's turn falling due between today and the horizon, and the days left."""

    item: TaskOverview
    occurrence: Occurrence
    days_left: int  # 0: due today


@dataclass(frozen=True)
class ReportAhead:
    """A report not yet recorded, and the days left until it is due: at the level above,
    and, where the plan sets a day for them, from its units to the office."""

    report: ReportDue
    days_left: int  # negative: that many days late
    units_days_left: int | None = None


@dataclass(frozen=True)
class Attention:
    """What needs the clerk's attention up to the horizon: turns due soon and reports ahead."""

    today: date
    horizon: date
    due_soon: tuple[DueSoon, ...]  # soonest first
    reports: tuple[ReportAhead, ...]  # not yet recorded, the most pressing first
    has_schedule: bool

    @property
    def next_report(self) -> ReportAhead | None:
        return self.reports[0] if self.reports else None


def attention(ws: Workspace, plan: Plan, days: int = HORIZON_DAYS) -> Attention:
    today = ws.today()
    horizon = today + timedelta(days=days)
    # The status judged late enough that every turn due by the horizon is listed and
    # every report recorded so far counts, even one of a period still open.
    calendar = ws.periods.calendar(plan.id)
    recorded = [
        calendar.period(PeriodId.parse(key)).data_to for key in ws.periods.with_data(plan.id)
    ]
    until = max([horizon, *recorded])
    ahead = Period(period_containing(until, PeriodKind.YEAR), today, until, until)
    # Only tasks with a turn due in the window are judged: a fraction of a big plan.
    in_window = {
        task.id
        for task in ws.tasks.list(plan.id)
        if any(
            turn.due is not None and today <= turn.due <= horizon
            for turn in task_turns(task, plan, calendar, horizon)
        )
    }
    due_soon = [
        DueSoon(item, turn.occurrence, (turn.occurrence.due - today).days)
        for item in ws.progress.overview(plan.id, ahead, only=in_window)
        for turn in item.occurrences
        if turn.occurrence.due is not None
        and today <= turn.occurrence.due <= horizon
        and turn.state not in (TaskState.DONE_ON_TIME, TaskState.DONE_LATE)
    ]
    due_soon.sort(key=lambda d: (d.occurrence.due, d.item.task.position))
    pending = [
        ReportAhead(
            r,
            (r.period.due_on - today).days,
            (r.period.units_due - today).days if r.period.units_due else None,
        )
        for r in ws.schedule.due_reports(plan)
        if r.status is not DueStatus.RECORDED
    ]
    return Attention(
        today, horizon, tuple(due_soon), tuple(pending), bool(ws.schedule.entries(plan.id))
    )
