"""A plan's reporting schedule: the reports it requires, when data closes and when each is due."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from desktop.domain.model import Plan
from desktop.domain.periods import PeriodId, PeriodKind, PeriodRule
from desktop.domain.plan_calendar import (
    KIND_NAMES,
    PlanCalendar,
    ReportDue,
    check_rule,
    rules_from_text,
    upward_default,
)
from desktop.errors import InvalidInput
from desktop.services.base import Service
from desktop.services.period_dates import rule_from_row
from desktop.vietnamese.text import clean


@dataclass(frozen=True)
class ScheduleEntry:
    """A kind of report the plan requires, with its rule: when data closes, when the units
    report to the office, when the office reports upward."""

    rule: PeriodRule
    source_text: str  # the plan's own words, when the rule was read from them


class ScheduleService(Service):
    def entries(self, plan_id: int) -> list[ScheduleEntry]:
        rows = self._rows("SELECT * FROM plan_schedules WHERE plan_id = ?", [plan_id])
        entries = [ScheduleEntry(rule_from_row(row), row["source_text"]) for row in rows]
        return sorted(entries, key=lambda e: list(PeriodKind).index(e.rule.kind))

    def require(
        self,
        plan_id: int,
        kind: PeriodKind,
        due: tuple[int, int],
        close: tuple[int, int] | None = None,
        source_text: str = "",
        upward: tuple[int, int] | None = None,
    ) -> list[ScheduleEntry]:
        """The plan requires reports of `kind`, its units reporting to the office on `due`
        (day, month offset from the period's last month); data closes on `close`, by
        default as the office closes it (NĐ 09); the office reports upward on `upward`,
        by default by its own rule but not before its units."""
        office = self.ws.periods.rule(kind)
        close_day, close_offset = close or (office.close_day, office.close_month_offset)
        up_day, up_offset = upward or upward_default(due, office)
        rule = PeriodRule(kind, close_day, up_day, up_offset, close_offset, *due)
        return self._write(plan_id, [(check_rule(rule), clean(source_text))])

    def require_from_text(
        self,
        plan_id: int,
        text: str,
        close: dict[PeriodKind, tuple[int, int]] | None = None,
        upward: dict[PeriodKind, tuple[int, int]] | None = None,
    ) -> list[ScheduleEntry]:
        """Read the plan's own sentence ('Định kỳ hằng năm trước ngày 30/11'): when its
        units report to the office; the office reports upward on `upward` per kind, by
        default by its own rule but not before its units."""
        office = {kind: self.ws.periods.rule(kind) for kind in PeriodKind}
        rules = rules_from_text(text, close or {}, office, upward or {})
        return self._write(plan_id, [(check_rule(rule), clean(text)) for rule in rules])

    def set_upward(
        self, plan_id: int, kind: PeriodKind, upward: tuple[int, int] | None
    ) -> list[ScheduleEntry]:
        """When the office reports `kind` to the level above, as that level set it (None:
        by the office's own rule again, not before its units)."""
        entry = next((e for e in self.entries(plan_id) if e.rule.kind is kind), None)
        if entry is None:
            raise InvalidInput(
                f"Kế hoạch chưa yêu cầu {KIND_NAMES[kind]}: đặt loại báo cáo trước, "
                "rồi mới đặt hạn gửi cấp trên."
            )
        rule = entry.rule
        units = rule.units_due or rule.upward
        up_day, up_offset = upward or upward_default(units, self.ws.periods.rule(kind))
        changed = replace(rule, due_day=up_day, due_month_offset=up_offset)
        return self._write(plan_id, [(check_rule(changed), entry.source_text)])

    def drop(self, plan_id: int, kind: PeriodKind) -> list[ScheduleEntry]:
        plan = self.ws.plans.get(plan_id)
        with self.ws.change(f"Bỏ kỳ báo cáo khỏi lịch của kế hoạch {plan.number}"):
            self._fix_used_periods(plan.id, [kind])
            self.db.execute(
                "DELETE FROM plan_schedules WHERE plan_id = ? AND kind = ?", [plan_id, kind.value]
            )
        return self.entries(plan_id)

    def due_reports(
        self, plan: Plan, calendar: PlanCalendar | None = None, months_ahead: int | None = None
    ) -> list[ReportDue]:
        """Required reports from the plan's issue, with lateness: to the next one of each
        kind, or every one due within `months_ahead` of today. `calendar`: the plan's, when
        the caller holds it already."""
        calendar = calendar or self.ws.periods.calendar(plan.id)
        recorded = self.ws.periods.with_data(plan.id)
        today = self.ws.today()
        ahead = None
        if months_ahead is not None:
            ahead = max(today, plan.reports_from) + timedelta(days=months_ahead * 31)
        return calendar.due_reports(plan.reports_from, today, plan.end_year, recorded, ahead)

    def _write(self, plan_id: int, rules: list[tuple[PeriodRule, str]]) -> list[ScheduleEntry]:
        plan = self.ws.plans.get(plan_id)
        with self.ws.change(f"Đặt lịch báo cáo của kế hoạch {plan.number}"):
            self._fix_used_periods(plan.id, [rule.kind for rule, _ in rules])
            for rule, source_text in rules:
                self.db.execute(
                    "INSERT INTO plan_schedules (plan_id, kind, close_day, close_month_offset, "
                    "due_day, due_month_offset, units_due_day, units_due_month_offset, "
                    "source_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (plan_id, kind) DO UPDATE SET close_day = excluded.close_day, "
                    "close_month_offset = excluded.close_month_offset, "
                    "due_day = excluded.due_day, due_month_offset = excluded.due_month_offset, "
                    "units_due_day = excluded.units_due_day, "
                    "units_due_month_offset = excluded.units_due_month_offset, "
                    "source_text = excluded.source_text",
                    [
                        plan.id,
                        rule.kind.value,
                        rule.close_day,
                        rule.close_month_offset,
                        rule.due_day,
                        rule.due_month_offset,
                        rule.units_due_day,
                        rule.units_due_month_offset,
                        source_text,
                    ],
                )
        return self.entries(plan_id)

    def _fix_used_periods(self, plan_id: int, kinds: list[PeriodKind]) -> None:
        """Periods already holding the plan's data keep the dates they were recorded under."""
        calendar = self.ws.periods.calendar(plan_id)
        for key in sorted(self.ws.periods.with_data(plan_id)):
            pid = PeriodId.parse(key)
            if pid.kind in kinds:
                self.ws.periods.fix_for_plan(plan_id, calendar.period(pid))
