"""Progress of tasks per reporting period, and the derived state of each task."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.errors import InvalidInput, NotFound
from desktop.model import Progress, ProgressStatus, Task
from desktop.periods import Period, PeriodId
from desktop.services.base import Service, iso, to_date
from desktop.task_state import TaskState, derive_state
from desktop.text import clean_multiline


def _progress(row: dict) -> Progress:
    return Progress(
        id=row["id"],
        task_id=row["task_id"],
        period_id=row["period_id"],
        status=ProgressStatus(row["status"]),
        percent=row["percent"],
        completed_on=date.fromisoformat(row["completed_on"]) if row["completed_on"] else None,
        result=row["result"],
        difficulties=row["difficulties"],
        proposals=row["proposals"],
        updated_at=row["updated_at"],
    )


@dataclass(frozen=True)
class TaskOverview:
    """A task as seen at one period: its latest report so far and its derived state."""

    task: Task
    latest: Progress | None
    state: TaskState


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
    ) -> Progress:
        """Write (or replace) a task's report for a period."""
        task = self.ws.tasks.get(task_id)
        pid = period if isinstance(period, PeriodId) else PeriodId.parse(period)
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
        with self.ws.change(f"Ghi tiến độ nhiệm vụ {task.code} {pid.label}"):
            self.ws.periods.ensure(pid)
            self.db["task_progress"].upsert(
                {
                    "task_id": task_id,
                    "period_id": str(pid),
                    "status": status.value,
                    "percent": percent,
                    "completed_on": iso(completed),
                    "result": clean_multiline(result),
                    "difficulties": clean_multiline(difficulties),
                    "proposals": clean_multiline(proposals),
                    "updated_at": self.ws.timestamp(),
                },
                pk=("task_id", "period_id"),
            )
        found = self.get(task_id, pid)
        assert found is not None
        return found

    def get(self, task_id: int, period: PeriodId) -> Progress | None:
        row = self._row(
            "SELECT * FROM task_progress WHERE task_id = ? AND period_id = ?",
            [task_id, str(period)],
        )
        return _progress(row) if row else None

    def history(self, task_id: int) -> list[Progress]:
        rows = self._rows(
            "SELECT tp.* FROM task_progress tp JOIN periods p ON p.id = tp.period_id "
            "WHERE tp.task_id = ? ORDER BY p.data_to, tp.updated_at",
            [task_id],
        )
        return [_progress(r) for r in rows]

    def delete(self, task_id: int, period: PeriodId) -> None:
        found = self.get(task_id, period)
        if found is None:
            raise NotFound(f"Chưa có báo cáo tiến độ {period.label} cho nhiệm vụ này.")
        with self.ws.change(f"Xóa tiến độ {period.label}"):
            self.db["task_progress"].delete(found.id)

    def overview(self, plan_id: int, period: str | PeriodId | Period) -> list[TaskOverview]:
        """Every task of the plan with its latest report and state as of the period's cut-off.

        The latest report of any period whose cut-off is not after this one
        counts: a task finished in the third quarter is still finished in the
        year report, and a later report corrects an earlier one.
        """
        p = period if isinstance(period, Period) else self.ws.periods.get(period)
        tasks = self.ws.tasks.list(plan_id)
        # SQLite takes the bare tp.* columns from the row holding the max() key:
        # the report with the latest cut-off, then the latest update.
        rows = self._rows(
            "WITH eligible AS (SELECT id, data_to FROM periods WHERE data_to <= ?) "
            "SELECT tp.*, max(e.data_to || tp.updated_at || printf('%012d', tp.id)) AS _key "
            "FROM task_progress tp JOIN eligible e ON e.id = tp.period_id "
            "WHERE tp.task_id IN (SELECT t.id FROM tasks t JOIN sections s "
            "ON s.id = t.section_id WHERE s.plan_id = ?) GROUP BY tp.task_id",
            [p.data_to.isoformat(), plan_id],
        )
        latest = {row["task_id"]: _progress(row) for row in rows}
        overviews = []
        for task in tasks:
            report = latest.get(task.id)
            completed_on = report.completed_on if report else None
            overviews.append(
                TaskOverview(task, report, derive_state(task.deadline, completed_on, p.data_to))
            )
        return overviews


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
        raise InvalidInput("Tỷ lệ hoàn thành của nhiệm vụ đang thực hiện phải từ 0 đến 99%.")
    return int(percent)
