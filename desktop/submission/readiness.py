"""Before a period is sent up: what is still missing from it, as warnings the clerk
reads and acknowledges (a report can go up incomplete, knowingly)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.task_state import TaskState
from desktop.reports.status import StatusReport

DONE = (TaskState.DONE_ON_TIME, TaskState.DONE_LATE)


@dataclass(frozen=True)
class Readiness:
    unreported: tuple[str, ...]  # 'I.2. Xây dựng …': tasks with no report in the period
    no_value: tuple[str, ...]  # indicators without a value for the period

    @property
    def warnings(self) -> list[str]:
        lines = []
        if self.unreported:
            lines.append(f"{len(self.unreported)} nhiệm vụ chưa có báo cáo trong kỳ.")
        if self.no_value:
            lines.append(f"{len(self.no_value)} chỉ tiêu chưa có số liệu của kỳ.")
        return lines


def readiness(report: StatusReport) -> Readiness:
    unreported = tuple(
        f"{i.task.code}. {i.task.title}"
        for i in report.tasks
        if not i.reported and i.state not in DONE
    )
    no_value = tuple(
        f"{r.indicator.code}. {r.indicator.name}" for r in report.indicators if r.value is None
    )
    return Readiness(unreported, no_value)
