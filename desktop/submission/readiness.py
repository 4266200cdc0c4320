"""Before a period is sent up: what is still missing from it, as warnings the clerk
reads and acknowledges (a report can go up incomplete, knowingly), each item kept so the
window can open it for recording."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.indicator_progress import IndicatorResult
from desktop.domain.task_state import TaskState
from desktop.reports.status import StatusReport
from desktop.services.progress import TaskOverview

DONE = (TaskState.DONE_ON_TIME, TaskState.DONE_LATE)


@dataclass(frozen=True)
class Readiness:
    unreported: tuple[TaskOverview, ...]  # tasks with no report in the period, not done
    no_value: tuple[IndicatorResult, ...]  # indicators without a value for the period

    @property
    def warnings(self) -> list[str]:
        lines = []
        if self.unreported:
            lines.append(f"{len(self.unreported)} nhiệm vụ chưa có báo cáo trong kỳ.")
        if self.no_value:
            lines.append(f"{len(self.no_value)} chỉ tiêu chưa có số liệu của kỳ.")
        return lines

    @property
    def missing(self) -> list[str]:
        """One line per item, tasks first: 'Nhiệm vụ I.2. Xây dựng …', 'Chỉ tiêu 3. …'."""
        return [f"Nhiệm vụ {i.task.code}. {i.task.title}" for i in self.unreported] + [
            f"Chỉ tiêu {r.indicator.code}. {r.indicator.name}" for r in self.no_value
        ]


def readiness(report: StatusReport) -> Readiness:
    unreported = tuple(i for i in report.tasks if not i.reported and i.state not in DONE)
    no_value = tuple(r for r in report.indicators if r.value is None)
    return Readiness(unreported, no_value)
