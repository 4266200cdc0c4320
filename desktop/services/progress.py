"""Progress of tasks per reporting period, and the derived state of each task.

A report speaks of a task in a period; for a recurring task, of one of its
occurrences ('2025', '2025-H1'), so a 2026 report can close the 2025 turn late.
A completion counts from the first period whose data cut-off includes its date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from desktop.domain.deadlines import Deadline
from desktop.domain.model import Plan, Progress, ProgressStatus, Task
from desktop.domain.periods import Period, PeriodId
from desktop.domain.plan_calendar import PlanCalendar
from desktop.domain.task_state import (
    ONE_OFF,
    STATE_LABELS,
    Occurrence,
    OccurrenceState,
    TaskState,
    assess,
    occurrences,
    standing_turn,
)
from desktop.errors import InvalidInput, NotFound
from desktop.services.base import PLAN_TASKS, Service, iso, to_date
from desktop.services.plans import within_limit
from desktop.vietnamese.text import clean, clean_multiline

_BATCH = 500  # ids per query, well under SQLite's bound-parameter limit
_REPORT_KEY = ("task_id", "period_id", "occurrence")  # a report's unique key

# A report's result, difficulties and proposals, each at most (plans.py says why there
# are limits): some three pages of the report's body; the demos' longest result is
# 123 characters. What is longer belongs in an evidence file attached to the report.
REPORT_TEXT_LIMIT = 10_000
_REPORT_TEXTS = {
    "result": "Kết quả thực hiện",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị",
}


def _progress(row: dict) -> Progress:
    return Progress(
        id=row["id"],
        task_id=row["task_id"],
        period_id=row["period_id"],
        occurrence=row["occurrence"],
        status=ProgressStatus(row["status"]),
        percent=row["percent"],
        completed_on=date.fromisoformat(row["completed_on"]) if row["completed_on"] else None,
        result=row["result"],
        difficulties=row["difficulties"],
        proposals=row["proposals"],
        updated_at=row["updated_at"],
    )


AFTER_CUTOFF = "hoàn thành sau ngày chốt số liệu"


def completion_note(calendar: PlanCalendar, period: Period, completed_on: date | None) -> str:
    """What to tell the clerk entering a completion dated after the period's cut-off: it
    counts in a later report ('' when it counts in this one)."""
    if completed_on is None or completed_on <= period.data_to:
        return ""
    later = calendar.first_report_including(completed_on)
    return (
        f"Ngày hoàn thành {completed_on:%d/%m/%Y} sau ngày chốt số liệu của {period.id.label} "
        f"({period.data_to:%d/%m/%Y}): kỳ này ghi «{AFTER_CUTOFF}», hoàn thành được tính vào "
        f"{later.id.label}."
    )


@dataclass(frozen=True)
class TaskOverview:
    """A task as seen at one period: its derived state and, beside it, the latest report
    so far on the turn that state speaks of (`turn`)."""

    task: Task
    latest: Progress | None
    state: TaskState
    occurrences: tuple[OccurrenceState, ...] = ()
    reported: bool = False  # a report on the task falls in the period's data window
    # The latest report says done, but on a date after this period's cut-off:
    # the completion counts from the first period whose cut-off includes it.
    completed_after_cutoff: date | None = None
    reading: str = ""  # how its deadline counts in the plan (deadline_reading)

    @property
    def turn(self) -> OccurrenceState | None:
        """The turn the state speaks of, the one `latest` reports on (standing_turn)."""
        return standing_turn(self.state, self.occurrences)

    @property
    def state_label(self) -> str:
        """The state as printed: a completion after the cut-off is said, with its date."""
        label = STATE_LABELS[self.state]
        done = self.completed_after_cutoff
        if done is None:
            return label
        if self.state is TaskState.NOT_DUE:
            return f"{AFTER_CUTOFF[:1].upper()}{AFTER_CUTOFF[1:]} ({done:%d/%m/%Y})"
        return f"{label} ({AFTER_CUTOFF}, ngày {done:%d/%m/%Y})"


@dataclass(frozen=True)
class _Report:
    """The fields of a report the counting needs, with its period's dates for the plan."""

    id: int
    occurrence: str
    done_on: date | None
    period: Period
    order: str  # cut-off, then last update, then id: the later report wins
    in_window: bool  # its period closes inside the period asked about


def task_deadline(task: Task, plan: Plan, calendar: PlanCalendar) -> Deadline:
    """The task's deadline as it is counted: one printed with no date (or a condition
    with none) falls due where the plan's last year is judged, the data cut-off of its
    last required report; after that, nothing of the plan is still to come."""
    deadline = task.deadline
    if deadline.one_off and deadline.milestone is None:
        return deadline.with_milestone(calendar.judged_on(plan.end_year))
    return deadline


def deadline_reading(deadline: Deadline, plan: Plan, calendar: PlanCalendar) -> str:
    """How a deadline counts in its plan, in words for the clerk (task_deadline's rule)."""
    if deadline.one_off and deadline.milestone is None:
        last = calendar.last_report_of(plan.end_year)
        return (
            f"Một lần, không ghi ngày: đến hạn ngày chốt số liệu của báo cáo cuối cùng của kế "
            f"hoạch, {last.id.label} ({last.data_to:%d/%m/%Y})"
        )
    return deadline.summary


def task_turns(task: Task, plan: Plan, calendar: PlanCalendar, until: date) -> list[Occurrence]:
    """The task's turns (one-off milestone, recurring occurrences) due up to `until`."""
    deadline = task_deadline(task, plan, calendar)
    return occurrences(deadline, calendar.turn_cutoff, plan.in_force_from, until, plan.end_year)


def _key_of(occurrence: str, period: Period, found: list[Occurrence]) -> str:
    """The occurrence a report speaks of. Reports written before occurrences existed
    carry '' on a recurring task: they speak of the turn current in their period."""
    if occurrence or not any(o.key for o in found):
        return occurrence
    current = [o for o in found if o.key and o.due is not None and o.due >= period.data_from]
    return current[0].key if current else occurrence


def _standing(last_per_key: dict[str, _Report], turn: OccurrenceState | None) -> _Report | None:
    """The report shown beside the task's state: the latest on the turn the state speaks
    of (an earlier turn's 'done' never stands beside a later turn overdue), or the latest
    of all where the state speaks of the task as a whole (continuous work)."""
    if turn is not None:
        return last_per_key.get(turn.occurrence.key)
    return max(last_per_key.values(), key=lambda r: r.order, default=None)


def _after(report: _Report | None, cutoff: date) -> date | None:
    """Its completion date, when that falls after the cut-off (it counts from a later report)."""
    return report.done_on if report and report.done_on and report.done_on > cutoff else None


class ProgressService(Service):
    def record(
        self,
        task_id: int,
        period: str | PeriodId,
        status: ProgressStatus | str,
        percent: int | None = None,
        completed_on: date | str | None = None,
        result: str = "",
        difficulties: str = "",
        proposals: str = "",
        occurrence: str | None = None,
    ) -> Progress:
        """Write (or replace) a task's report for a period.

        For a recurring task `occurrence` names the turn reported on ('2025');
        by default the oldest one not yet completed, so a missed year is what a
        later completion closes.
        """
        pid = period if isinstance(period, PeriodId) else PeriodId.parse(period)
        status, percent, completed = checked_report(status, percent, completed_on, self.ws.today())
        texts = {
            name: within_limit(
                clean_multiline(text), REPORT_TEXT_LIMIT, _REPORT_TEXTS[name],
                "hãy rút gọn, phần chi tiết đính kèm thành tệp minh chứng",
            )
            for name, text in (
                ("result", result), ("difficulties", difficulties), ("proposals", proposals)
            )
        }  # fmt: skip
        with self.ws.change(f"Ghi tiến độ {pid.label}"):
            task = self.ws.tasks.get(task_id)
            self.ws.relabel(f"Ghi tiến độ nhiệm vụ {task.code} {pid.label}")
            self.ws.locks.refuse(task.plan_id, str(pid))
            at = self.ws.periods.ensure(pid, task.plan_id)
            key = self._occurrence_for(task, at, completed, occurrence)
            report = {
                "task_id": task_id,
                "period_id": str(pid),
                "occurrence": key,
                "status": status.value,
                "percent": percent,
                "completed_on": iso(completed),
                **texts,
                "updated_at": self.ws.timestamp(),
            }
            # The statement sqlite-utils' upsert() runs, without the dozen queries it makes
            # about the table first: half of a report's cost when the units' forms bring
            # in hundreds at once (bench/bench_forms.py).
            changed = ", ".join(f"{c} = excluded.{c}" for c in report if c not in _REPORT_KEY)
            self.db.execute(
                f"INSERT INTO task_progress ({', '.join(report)}) "
                f"VALUES ({', '.join('?' * len(report))}) "
                f"ON CONFLICT ({', '.join(_REPORT_KEY)}) DO UPDATE SET {changed}",
                list(report.values()),
            )
        found = self.get(task_id, pid, key)
        assert found is not None
        return found

    def _occurrence_for(
        self, task: Task, period: Period, completed: date | None, asked: str | None
    ) -> str:
        asked = clean(asked or "")
        if not task.deadline.recurring:
            if asked:
                raise InvalidInput(
                    f"Nhiệm vụ {task.code} không lặp lại theo kỳ; báo cáo ghi cho cả nhiệm vụ, "
                    "không ghi theo lần thực hiện."
                )
            return ONE_OFF
        turns, default = self.turns(task, period, completed)
        if not turns:
            raise InvalidInput(
                f"Nhiệm vụ {task.code} không còn lần thực hiện nào trong thời gian của kế hoạch."
            )
        if asked and asked not in {o.key for o in turns}:
            names = ", ".join(o.key for o in turns)
            raise InvalidInput(
                f"Nhiệm vụ {task.code} không có lần thực hiện «{asked}» (các lần: {names})."
            )
        return asked or default

    def turns(
        self, task: Task, period: Period, completed: date | None = None
    ) -> tuple[list[Occurrence], str]:
        """A recurring task's turns a report in `period` can speak of, and the one it
        speaks of by default: the oldest not completed in another period's report."""
        if not task.deadline.recurring:
            return [], ONE_OFF
        plan = self.ws.plans.get(task.plan_id)
        calendar = self.ws.periods.calendar(plan.id)
        horizon = max(period.data_to, completed or period.data_to)
        turns = [o for o in task_turns(task, plan, calendar, horizon) if o.key]
        closed = {
            _key_of(row["occurrence"], calendar.period(PeriodId.parse(row["period_id"])), turns)
            for row in self._rows(
                "SELECT occurrence, period_id FROM task_progress WHERE task_id = ? "
                "AND period_id <> ? AND status = 'hoan_thanh'",
                [task.id, period.key],
            )
        }
        default = next(
            (o.key for o in turns if o.key not in closed), turns[-1].key if turns else ""
        )
        return turns, default

    def previous(self, task_id: int, period: Period) -> Progress | None:
        """The task's latest report of a period closing before this one (for reference)."""
        task = self.ws.tasks.get(task_id)
        calendar = self.ws.periods.calendar(task.plan_id)
        earlier = [
            report
            for report in self.history(task_id)
            if calendar.cutoff(PeriodId.parse(report.period_id)) < period.data_to
        ]
        return earlier[-1] if earlier else None

    def get(self, task_id: int, period: PeriodId, occurrence: str = ONE_OFF) -> Progress | None:
        row = self._row(
            "SELECT * FROM task_progress WHERE task_id = ? AND period_id = ? AND occurrence = ?",
            [task_id, str(period), occurrence],
        )
        return _progress(row) if row else None

    def history(self, task_id: int) -> list[Progress]:
        task = self.ws.tasks.get(task_id)
        calendar = self.ws.periods.calendar(task.plan_id)
        rows = self._rows("SELECT * FROM task_progress WHERE task_id = ?", [task_id])
        reports = [_progress(r) for r in rows]
        return sorted(
            reports,
            key=lambda p: (calendar.cutoff(PeriodId.parse(p.period_id)), p.updated_at, p.id),
        )

    def delete(self, task_id: int, period: PeriodId, occurrence: str = ONE_OFF) -> None:
        with self.ws.change(f"Xóa tiến độ {period.label}"):
            self.ws.locks.refuse(self.ws.tasks.get(task_id).plan_id, str(period))
            found = self.get(task_id, period, occurrence)
            if found is None:
                raise NotFound(f"Chưa có báo cáo tiến độ {period.label} cho nhiệm vụ này.")
            self.db["task_progress"].delete(found.id)

    def overview(
        self, plan_id: int, period: str | PeriodId | Period, only: set[int] | None = None
    ) -> list[TaskOverview]:
        """Every task of the plan (or the `only` task ids) with its state as of the
        period's cut-off, or of the end of yesterday while the period is still open (a
        turn due on its cut-off is not overdue days before it), and the latest report on
        the turn that state speaks of.

        Reports of any period whose cut-off is not after this one count: a task
        finished in the third quarter is still finished in the year report, and a
        later report on the same occurrence corrects an earlier one.
        """
        plan = self.ws.plans.get(plan_id)
        calendar = self.ws.periods.calendar(plan_id)
        p = period if isinstance(period, Period) else calendar.period(PeriodId.parse(str(period)))
        tasks = self.ws.tasks.list(plan_id)
        if only is not None:
            tasks = [task for task in tasks if task.id in only]
        recurring = {task.id for task in tasks if task.deadline.recurring}
        reports = self._reports(plan_id, calendar, p, recurring, only)
        window = (p.data_from, p.judged_to(self.ws.today()))
        judged = []
        for task in tasks:
            found = task_turns(task, plan, calendar, p.data_to)
            own = reports.get(task.id, [])
            last_per_key: dict[str, _Report] = {}
            for report in sorted(own, key=lambda r: r.order):
                last_per_key[_key_of(report.occurrence, report.period, found)] = report
            completions = {
                key: r.done_on
                for key, r in last_per_key.items()
                if r.done_on is not None and r.done_on <= p.data_to
            }
            reported = any(r.in_window for r in own)
            assessment = assess(task.deadline, found, completions, window, reported)
            judged.append((task, assessment, reported, _standing(last_per_key, assessment.turn)))
        full = self._full([latest.id for *_, latest in judged if latest])
        return [
            TaskOverview(
                task,
                full.get(latest.id) if latest else None,
                assessment.state,
                assessment.occurrences,
                reported,
                _after(latest, p.data_to),
                deadline_reading(task.deadline, plan, calendar),
            )
            for task, assessment, reported, latest in judged
        ]

    def _reports(
        self,
        plan_id: int,
        calendar: PlanCalendar,
        period: Period,
        recurring: set[int],
        only: set[int] | None = None,
    ) -> dict[int, list[_Report]]:
        """By task, the latest report on each occurrence among periods closing by the
        period's cut-off. A recurring task's reports without an occurrence (written before
        there were any) may speak of different turns: all of those come back."""
        keys = self._rows(
            f"SELECT DISTINCT period_id FROM task_progress WHERE task_id IN ({PLAN_TASKS})",
            [plan_id],
        )
        closing = {r["period_id"]: calendar.period(PeriodId.parse(r["period_id"])) for r in keys}
        eligible = {key: at for key, at in closing.items() if at.data_to <= period.data_to}
        if not eligible:
            return {}
        # The plan's own cut-offs are joined in, so SQLite picks the latest report per
        # group: with exactly one max() aggregate, bare columns come from its row.
        values = ", ".join("(?, ?)" for _ in eligible)
        if only is not None and len(only) <= _BATCH:  # a few tasks: read only theirs
            scope, scope_params = ", ".join("?" * len(only)) or "NULL", sorted(only)
        else:
            scope, scope_params = PLAN_TASKS, [plan_id]
        select = (
            f"WITH cal(period_id, data_to) AS (VALUES {values}) "
            "SELECT tp.id, tp.task_id, tp.occurrence, tp.completed_on, tp.period_id, "
            "max(cal.data_to || tp.updated_at || printf('%012d', tp.id)) AS _order, "
            "sum(cal.data_to >= ?) AS _in_window "
            "FROM task_progress tp JOIN cal ON cal.period_id = tp.period_id "
            f"WHERE tp.task_id IN ({scope}) {{legacy}}"
        )
        params = [v for key, at in eligible.items() for v in (key, at.data_to.isoformat())]
        params += [period.data_from.isoformat(), *scope_params]
        rows = self.db.execute(
            select.format(legacy="") + " GROUP BY tp.task_id, tp.occurrence", params
        ).fetchall()
        if only is not None:
            rows = [r for r in rows if r[1] in only]
        legacy = {r[1] for r in rows if r[2] == ONE_OFF and r[1] in recurring}
        if legacy:
            marks = ", ".join("?" * len(legacy))
            rows = [r for r in rows if not (r[2] == ONE_OFF and r[1] in legacy)]
            rows += self.db.execute(
                select.format(legacy=f"AND tp.occurrence = '' AND tp.task_id IN ({marks})")
                + " GROUP BY tp.id",
                [*params, *legacy],
            ).fetchall()
        by_task: dict[int, list[_Report]] = defaultdict(list)
        for report_id, task_id, occurrence, completed_on, period_id, order, in_window in rows:
            done = date.fromisoformat(completed_on) if completed_on else None
            by_task[task_id].append(
                _Report(
                    report_id,
                    occurrence,
                    done,
                    eligible[period_id],
                    order,
                    bool(in_window),
                )
            )
        return by_task

    def _full(self, ids: list[int]) -> dict[int, Progress]:
        found: dict[int, Progress] = {}
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            marks = ", ".join("?" * len(chunk))
            for row in self._rows(f"SELECT * FROM task_progress WHERE id IN ({marks})", chunk):
                found[row["id"]] = _progress(row)
        return found


def checked_report(
    status: ProgressStatus | str,
    percent: int | None,
    completed_on: date | str | None,
    today: date,
) -> tuple[ProgressStatus, int, date | None]:
    """A report's status, percent and completion date as they are stored, or an
    InvalidInput saying what is wrong: the one rule the progress form shows as it is
    filled in and the service applies when it saves."""
    try:
        status = ProgressStatus(status)
    except ValueError as exc:
        raise InvalidInput(f"Tình trạng «{status}» không hợp lệ.") from exc
    completed = to_date(completed_on, "Ngày hoàn thành")
    percent = _check_percent(status, percent)
    if status is ProgressStatus.DONE and completed is None:
        raise InvalidInput("Nhiệm vụ đã hoàn thành cần có ngày hoàn thành.")
    if status is not ProgressStatus.DONE and completed is not None:
        raise InvalidInput("Chỉ ghi ngày hoàn thành khi nhiệm vụ đã hoàn thành.")
    if completed is not None and completed > today:
        raise InvalidInput(
            f"Ngày hoàn thành {completed:%d/%m/%Y} chưa tới (hôm nay là {today:%d/%m/%Y}). "
            "Chỉ ghi hoàn thành khi nhiệm vụ đã xong."
        )
    return status, percent, completed


def _check_percent(status: ProgressStatus, percent: int | None) -> int:
    if status is ProgressStatus.DONE:
        if percent not in (None, 100):
            raise InvalidInput("Nhiệm vụ đã hoàn thành thì tỷ lệ hoàn thành là 100%.")
        return 100
    if status is ProgressStatus.NOT_STARTED:
        if percent not in (None, 0):
            raise InvalidInput("Nhiệm vụ chưa thực hiện thì tỷ lệ hoàn thành là 0%.")
        return 0
    if percent is None or not 0 <= int(percent) <= 99:
        raise InvalidInput(
            "Tỷ lệ hoàn thành của nhiệm vụ đang thực hiện phải từ 0 đến 99%; nếu đã xong, "
            "chọn tình trạng «Đã hoàn thành»."
        )
    return int(percent)
