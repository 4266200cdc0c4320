"""Reporting periods: the office's rules per kind, each plan's calendar, dates per period.

A period's dates for a plan come, in order, from: the dates fixed for that plan
(once used, or set by hand), the plan's own rule for that kind of report (its
schedule), the office-wide dates fixed once used, the office's rule (NĐ 09/2019).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from desktop.domain.model import Plan
from desktop.domain.periods import (
    Period,
    PeriodId,
    PeriodKind,
    PeriodRule,
    default_period,
    period_containing,
)
from desktop.domain.plan_calendar import PlanCalendar
from desktop.errors import InvalidInput
from desktop.services.base import PLAN_TASKS, Service, to_date

# A report past its due date and not sent up is still the one to work on this long.
STILL_OWED = timedelta(days=30)

if TYPE_CHECKING:
    from desktop.workspace import Workspace


def period_from_row(row: dict, id_column: str = "id") -> Period:
    units_due = row.get("units_due")  # only a plan's periods have one
    return Period(
        PeriodId.parse(row[id_column]),
        date.fromisoformat(row["data_from"]),
        date.fromisoformat(row["data_to"]),
        date.fromisoformat(row["due_on"]),
        date.fromisoformat(units_due) if units_due else None,
    )


def rule_from_row(row: dict) -> PeriodRule:
    return PeriodRule(
        PeriodKind(row["kind"]),
        row["close_day"],
        row["due_day"],
        row["due_month_offset"],
        row["close_month_offset"],
        row.get("units_due_day"),  # only a plan's rules have one
        row.get("units_due_month_offset") or 0,
    )


def _pid(period: str | PeriodId) -> PeriodId:
    return period if isinstance(period, PeriodId) else PeriodId.parse(period)


def _dates(period: Period) -> dict:
    return {
        "data_from": period.data_from.isoformat(),
        "data_to": period.data_to.isoformat(),
        "due_on": period.due_on.isoformat(),
    }


class PeriodService(Service):
    def __init__(self, ws: Workspace) -> None:
        super().__init__(ws)
        # The plan calendars built at one state of the data: a count and a window
        # refresh ask for the same one from many places.
        self._calendars: dict[int | None, PlanCalendar] = {}
        self._calendars_at: tuple[int, int] | None = None

    def rule(self, kind: PeriodKind) -> PeriodRule:
        """The office's rule for a kind of period."""
        return rule_from_row(self._one("SELECT * FROM period_rules WHERE kind = ?", [kind.value]))

    def calendar(self, plan_id: int | None) -> PlanCalendar:
        """Every period's dates for one plan (None: the office's own calendar), read once
        for each state of the data."""
        version = self.ws.data_version()
        if version is None or version != self._calendars_at:
            self._calendars, self._calendars_at = {}, version
        if (found := self._calendars.get(plan_id)) is not None:
            return found
        calendar = self._read_calendar(plan_id)
        if version is not None:
            self._calendars[plan_id] = calendar
        return calendar

    def _read_calendar(self, plan_id: int | None) -> PlanCalendar:
        office = {
            rule.kind: rule for rule in map(rule_from_row, self._rows("SELECT * FROM period_rules"))
        }
        own: dict[PeriodKind, PeriodRule] = {}
        fixed: dict[str, Period] = {}
        if plan_id is not None:
            own = {
                rule.kind: rule
                for rule in map(
                    rule_from_row,
                    self._rows("SELECT * FROM plan_schedules WHERE plan_id = ?", [plan_id]),
                )
            }
            for row in self._rows("SELECT * FROM plan_periods WHERE plan_id = ?", [plan_id]):
                fixed[row["period_id"]] = period_from_row(row, "period_id")
        for row in self._rows("SELECT * FROM periods"):
            # Office-wide dates do not apply where the plan keeps its own rule.
            if PeriodKind(row["kind"]) not in own:
                fixed.setdefault(row["id"], period_from_row(row))
        return PlanCalendar(office, own, fixed)

    def get(self, period: str | PeriodId, plan_id: int | None = None) -> Period:
        """The period's dates for a plan (or office-wide when no plan is given)."""
        return self.calendar(plan_id).period(_pid(period))

    def ensure(self, period: str | PeriodId, plan_id: int | None = None) -> Period:
        """Store the period (inside the caller's change) so its dates stay fixed."""
        pid = _pid(period)
        calendar = self.calendar(plan_id)
        with self.ws.change(f"Mở kỳ báo cáo {pid.label}"):
            if not self._row("SELECT 1 FROM periods WHERE id = ?", [str(pid)]):
                office = default_period(pid, calendar.office[pid.kind])
                self.db["periods"].insert(
                    {
                        "id": str(pid),
                        "kind": pid.kind.value,
                        "year": pid.year,
                        "number": pid.number,
                        **_dates(office),
                    }
                )
            if plan_id is not None and pid.kind in calendar.own:
                self.fix_for_plan(plan_id, calendar.period(pid))
        return calendar.period(pid)

    def fix_for_plan(self, plan_id: int, period: Period) -> None:
        """Keep these dates for this plan's period (inside the caller's change), unless fixed."""
        units_due = period.units_due.isoformat() if period.units_due else None
        self.db.execute(
            "INSERT INTO plan_periods (plan_id, period_id, data_from, data_to, due_on, "
            "units_due) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (plan_id, period_id) DO NOTHING",
            [plan_id, period.key, *_dates(period).values(), units_due],
        )

    def set_dates(
        self,
        period: str | PeriodId,
        data_from: date | str,
        data_to: date | str,
        due_on: date | str,
        plan_id: int | None = None,
    ) -> Period:
        """Override one period's cut-off and due date (e.g. as the level above instructs),
        for one plan or, without a plan, for the office."""
        pid = _pid(period)
        start = to_date(data_from, "Ngày bắt đầu lấy số liệu")
        end = to_date(data_to, "Ngày chốt số liệu")
        due = to_date(due_on, "Hạn gửi báo cáo")
        if not (start and end and due):
            raise InvalidInput("Cần đủ ngày bắt đầu, ngày chốt số liệu và hạn gửi báo cáo.")
        if start > end:
            raise InvalidInput("Ngày bắt đầu lấy số liệu phải trước ngày chốt số liệu.")
        if due < end:
            raise InvalidInput("Hạn gửi báo cáo không thể trước ngày chốt số liệu.")
        dates = _dates(Period(pid, start, end, due))
        with self.ws.change(f"Đổi ngày của kỳ báo cáo {pid.label}"):
            self.ensure(pid, plan_id)
            if plan_id is None:
                self.db["periods"].update(str(pid), dates)
            else:
                units_due = self.calendar(plan_id).period(pid).units_due
                self.fix_for_plan(plan_id, Period(pid, start, end, due, units_due))
                self.db.execute(
                    "UPDATE plan_periods SET data_from = ?, data_to = ?, due_on = ? "
                    "WHERE plan_id = ? AND period_id = ?",
                    [*dates.values(), plan_id, str(pid)],
                )
        return self.get(pid, plan_id)

    def with_data(self, plan_id: int) -> set[str]:
        """Ids of the periods that hold progress reports or indicator values of the plan."""
        rows = self._rows(
            f"SELECT period_id FROM task_progress WHERE task_id IN ({PLAN_TASKS}) "
            "UNION SELECT v.period_id FROM indicator_values v "
            "JOIN indicators i ON i.id = v.indicator_id "
            "JOIN indicator_groups g ON g.id = i.group_id WHERE g.plan_id = ?",
            [plan_id, plan_id],
        )
        return {row["period_id"] for row in rows}

    def suggested(self, plan: Plan) -> Period:
        """The period a clerk is working on now: the plan's report to send next. That is
        the earliest of, per kind, the next one falling due and the one before it when
        its due date has passed and no package was sent for it (still owed, for a month
        and while the next of its kind has not closed its data: an office reporting on
        paper never sends one); else today's quarter; within the plan's years."""
        calendar = self.calendar(plan.id)
        today = self.ws.today()
        if today.year < plan.start_year:
            return calendar.period(PeriodId(plan.start_year, PeriodKind.QUARTER, 1))
        if today.year > plan.end_year:
            return calendar.period(PeriodId(plan.end_year, PeriodKind.YEAR))
        sent = set(self.ws.locks.locked(plan.id))
        reports = calendar.due_reports(plan.reports_from, today, plan.end_year, set())
        owed = []
        for kind in calendar.required:
            of_kind = [due.period for due in reports if due.period.id.kind is kind]
            past = [p for p in of_kind if p.due_on < today]
            coming = [p for p in of_kind if p.due_on >= today][:1]
            overtaken = bool(coming) and coming[0].data_to < today  # its data are closed
            last = past[-1] if past else None
            if (
                last
                and last.key not in sent
                and not overtaken
                and today - last.due_on <= STILL_OWED
            ):
                owed.append(last)
            owed += coming
        if owed:
            return min(owed, key=lambda p: (p.due_on, p.data_from))
        return calendar.period(period_containing(today, PeriodKind.QUARTER))
