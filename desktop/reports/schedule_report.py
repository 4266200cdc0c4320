"""A plan's reporting schedule and the reports it calls for, with what is late or coming."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.model import Plan
from desktop.domain.plan_calendar import (
    DUE_LABELS,
    DueStatus,
    ReportDue,
    describe_rule,
    due_words,
)
from desktop.services.schedule import ScheduleEntry
from desktop.workspace import Workspace


@dataclass(frozen=True)
class ScheduleReport:
    plan: Plan
    entries: list[ScheduleEntry]
    reports: list[ReportDue]

    def to_dict(self) -> dict:
        return {
            "plan": {
                "id": self.plan.id,
                "number": self.plan.number,
                "reports_from": self.plan.reports_from.isoformat(),
            },
            "rules": [
                {
                    "kind": entry.rule.kind.value,
                    "close_day": entry.rule.close_day,
                    "close_month_offset": entry.rule.close_month_offset,
                    "due_day": entry.rule.due_day,
                    "due_month_offset": entry.rule.due_month_offset,
                    "units_due_day": entry.rule.units_due_day,
                    "units_due_month_offset": entry.rule.units_due_month_offset,
                    "text": describe_rule(entry.rule),
                    "source_text": entry.source_text,
                }
                for entry in self.entries
            ],
            "reports": [
                {
                    "period": due.period.key,
                    "label": due.period.label,
                    "data_from": due.period.data_from.isoformat(),
                    "data_to": due.period.data_to.isoformat(),
                    "due_on": due.period.due_on.isoformat(),
                    "units_due": (
                        due.period.units_due.isoformat() if due.period.units_due else None
                    ),
                    "status": due.status.value,
                    "status_label": DUE_LABELS[due.status],
                }
                for due in self.reports
            ],
        }

    def render(self) -> str:
        lines = [f"Lịch báo cáo của {self.plan.title}:"]
        if not self.entries:
            lines.append(
                "  Chưa đặt. Kế hoạch dùng quy định chung của cơ quan (Nghị định 09/2019/NĐ-CP); "
                "đặt bằng --require LOẠI --due NGÀY hoặc --from-text «câu trong kế hoạch»."
            )
            return "\n".join(lines)
        for entry in self.entries:
            source = f" (theo kế hoạch: «{entry.source_text}»)" if entry.source_text else ""
            lines.append(f"  {describe_rule(entry.rule)}{source}")
        followed = self.plan.followed_from
        since = f" (theo dõi từ ngày {followed:%d/%m/%Y})" if followed else ""
        lines += ["", f"Các kỳ phải báo cáo{since}:"]
        for due in self.reports:
            p = due.period
            mark = "!" if due.status is DueStatus.OVERDUE else " "
            lines.append(
                f" {mark}{p.title}: số liệu {p.data_from:%d/%m/%Y}–{p.data_to:%d/%m/%Y}, "
                f"{due_words(p)} — {due.label}"
            )
        return "\n".join(lines)


def schedule_report(ws: Workspace, plan: Plan) -> ScheduleReport:
    return ScheduleReport(plan, ws.schedule.entries(plan.id), ws.schedule.due_reports(plan))
