"""Everything known about one task, for the detail pane: where it sits in the plan, its
reports across periods with their evidence, the files on the task, its change history."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model import Attachment, Progress, Section
from desktop.domain.periods import PeriodId
from desktop.reports.change_history import Change, task_changes
from desktop.services.progress import TaskOverview
from desktop.workspace import Workspace


@dataclass(frozen=True)
class ReportLine:
    report: Progress
    files: tuple[Attachment, ...]

    @property
    def period_title(self) -> str:
        """'Năm 2025', or 'Năm 2026 (lần năm 2025)' for a late report on an earlier turn."""
        title = PeriodId.parse(self.report.period_id).title
        if self.report.occurrence and self.report.occurrence != self.report.period_id:
            title += f" (lần {PeriodId.parse(self.report.occurrence).label})"
        return title


@dataclass(frozen=True)
class TaskDetail:
    item: TaskOverview
    section: Section
    reports: tuple[ReportLine, ...]  # oldest period first
    files: tuple[Attachment, ...]  # attached to the task itself
    changes: tuple[Change, ...]  # newest first


def task_detail(ws: Workspace, item: TaskOverview) -> TaskDetail:
    task = item.task
    units = {unit.id: unit.name for unit in ws.units.list()}
    reports = tuple(
        ReportLine(report, tuple(ws.attachments.list("progress_id", report.id)))
        for report in ws.progress.history(task.id)
    )
    return TaskDetail(
        item,
        ws.plans.section(task.section_id),
        reports,
        tuple(ws.attachments.list("task_id", task.id)),
        tuple(task_changes(ws.audit.for_task(task.id), lambda i: units.get(i, f"đơn vị số {i}"))),
    )
