"""Reporting periods as this office uses them: rules per kind, dates per period."""

from __future__ import annotations

from datetime import date

from desktop.errors import InvalidInput
from desktop.model import Plan
from desktop.periods import (
    Period,
    PeriodId,
    PeriodKind,
    PeriodRule,
    default_period,
    period_containing,
)
from desktop.services.base import Service, to_date


def _period(row: dict) -> Period:
    return Period(
        PeriodId.parse(row["id"]),
        date.fromisoformat(row["data_from"]),
        date.fromisoformat(row["data_to"]),
        date.fromisoformat(row["due_on"]),
    )


def _pid(period: str | PeriodId) -> PeriodId:
    return period if isinstance(period, PeriodId) else PeriodId.parse(period)


class PeriodService(Service):
    def rule(self, kind: PeriodKind) -> PeriodRule:
        row = self._row("SELECT * FROM period_rules WHERE kind = ?", [kind.value])
        return PeriodRule(kind, row["close_day"], row["due_day"], row["due_month_offset"])

    def set_rule(
        self, kind: PeriodKind, close_day: int, due_day: int, due_month_offset: int = 0
    ) -> PeriodRule:
        """Change the defaults for periods not yet used; used periods keep their dates."""
        if not (1 <= close_day <= 31 and 1 <= due_day <= 31 and -11 <= due_month_offset <= 12):
            raise InvalidInput("Ngày chốt số liệu và hạn báo cáo phải là ngày từ 1 đến 31.")
        with self.ws.change("Đổi quy định kỳ báo cáo"):
            self.db.execute(
                "UPDATE period_rules SET close_day = ?, due_day = ?, due_month_offset = ? "
                "WHERE kind = ?",
                [close_day, due_day, due_month_offset, kind.value],
            )
        return self.rule(kind)

    def get(self, period: str | PeriodId) -> Period:
        """The period's dates: as stored once used, else from the current rule."""
        pid = _pid(period)
        row = self._row("SELECT * FROM periods WHERE id = ?", [str(pid)])
        return _period(row) if row else default_period(pid, self.rule(pid.kind))

    def ensure(self, period: str | PeriodId) -> Period:
        """Store the period (inside the caller's change) so its dates stay fixed."""
        pid = _pid(period)
        found = self._row("SELECT * FROM periods WHERE id = ?", [str(pid)])
        if found:
            return _period(found)
        p = default_period(pid, self.rule(pid.kind))
        with self.ws.change(f"Mở kỳ báo cáo {pid.label}"):
            self.db["periods"].insert(
                {
                    "id": str(pid),
                    "kind": pid.kind.value,
                    "year": pid.year,
                    "number": pid.number,
                    "data_from": p.data_from.isoformat(),
                    "data_to": p.data_to.isoformat(),
                    "due_on": p.due_on.isoformat(),
                }
            )
        return p

    def set_dates(
        self,
        period: str | PeriodId,
        data_from: date | str,
        data_to: date | str,
        due_on: date | str,
    ) -> Period:
        """Override one period's cut-off and due date (e.g. as the level above instructs)."""
        pid = _pid(period)
        start = to_date(data_from, "Ngày bắt đầu lấy số liệu")
        end = to_date(data_to, "Ngày chốt số liệu")
        due = to_date(due_on, "Hạn gửi báo cáo")
        if not (start and end and due):
            raise InvalidInput("Cần đủ ngày bắt đầu, ngày chốt số liệu và hạn gửi báo cáo.")
        if start > end:
            raise InvalidInput("Ngày bắt đầu lấy số liệu phải trước ngày chốt số liệu.")
        with self.ws.change(f"Đổi ngày của kỳ báo cáo {pid.label}"):
            self.ensure(pid)
            self.db["periods"].update(
                str(pid),
                {
                    "data_from": start.isoformat(),
                    "data_to": end.isoformat(),
                    "due_on": due.isoformat(),
                },
            )
        return self.get(pid)

    def used(self) -> list[Period]:
        """Periods that have data, latest cut-off first."""
        rows = self._rows("SELECT * FROM periods ORDER BY data_to DESC, id")
        return [_period(r) for r in rows]

    def suggested(self, plan: Plan) -> Period:
        """The period a clerk most likely means: the latest one with progress reports,
        else today's quarter, kept within the plan's years."""
        latest = self.latest_with_progress(plan.id)
        if latest:
            return latest
        today = self.ws.today()
        if today.year < plan.start_year:
            return self.get(PeriodId(plan.start_year, PeriodKind.QUARTER, 1))
        if today.year > plan.end_year:
            return self.get(PeriodId(plan.end_year, PeriodKind.YEAR))
        return self.get(period_containing(today, PeriodKind.QUARTER))

    def latest_with_progress(self, plan_id: int) -> Period | None:
        row = self._row(
            "SELECT p.* FROM periods p WHERE p.id IN ("
            " SELECT tp.period_id FROM task_progress tp JOIN tasks t ON t.id = tp.task_id"
            " JOIN sections s ON s.id = t.section_id WHERE s.plan_id = ?)"
            " ORDER BY p.data_to DESC, p.data_from LIMIT 1",  # broadest span first
            [plan_id],
        )
        return _period(row) if row else None
