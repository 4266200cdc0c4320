"""The plan's status at a reporting period: task states, occurrences, indicators, schedule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from db import ChainReport
from desktop.domain.indicator_progress import (
    OUTLOOK_LABELS,
    DatedValue,
    IndicatorResult,
    Outlook,
    assess_indicator,
)
from desktop.domain.model import IndicatorValue, Office, Plan, Unit
from desktop.domain.periods import Period, PeriodId, PeriodKind
from desktop.domain.plan_calendar import (
    DUE_LABELS,
    DueStatus,
    ReportDue,
    describe_rule,
    due_words,
)
from desktop.domain.targets import VERDICT_LABELS, Verdict
from desktop.domain.task_state import STATE_LABELS, OccurrenceState, TaskState
from desktop.reports.history_warning import history_warning
from desktop.services.progress import TaskOverview
from desktop.services.schedule import ScheduleEntry
from desktop.vietnamese.numbers import format_number
from desktop.workspace import Workspace

# What a single occurrence can be (the 'thường xuyên' states belong to tasks only).
OCCURRENCE_STATES = (
    TaskState.DONE_ON_TIME,
    TaskState.DONE_LATE,
    TaskState.OVERDUE,
    TaskState.NOT_DUE,
)


@dataclass(frozen=True)
class UnitTally:
    """How many of the tasks a unit answers for are in each state at the period."""

    unit: str
    counts: Counter[TaskState]
    shared: bool = False  # a group the plan tasks together: one row, not one per member
    overdue: tuple[str, ...] = ()  # the codes of its overdue tasks

    @property
    def label(self) -> str:
        return f"{self.unit} (giao chung)" if self.shared else self.unit

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class StatusReport:
    """The plan's status at a period: tasks, tally per unit, indicators and reports due."""

    office: Office | None
    plan: Plan
    period: Period
    tasks: list[TaskOverview]
    units: list[UnitTally]
    indicators: list[IndicatorResult]
    schedule: list[ScheduleEntry]
    reports_due: list[ReportDue]
    judged_to: date  # the period's cut-off, or yesterday while it is open (Period.judged_to)
    history: ChainReport | None = None  # the audit chain, when it was verified
    history_warning: str | None = None

    @property
    def task_counts(self) -> Counter[TaskState]:
        return Counter(item.state for item in self.tasks)

    @property
    def occurrences(self) -> list[tuple[TaskOverview, OccurrenceState]]:
        return [(item, o) for item in self.tasks for o in item.occurrences]

    @property
    def occurrence_counts(self) -> Counter[TaskState]:
        return Counter(o.state for _, o in self.occurrences)

    @property
    def verdict_counts(self) -> Counter[Verdict]:
        return Counter(r.verdict for r in self.indicators if r.verdict is not None)

    @property
    def outlook_counts(self) -> Counter[Outlook]:
        return Counter(r.outlook for r in self.indicators if r.outlook is not None)

    @property
    def required(self) -> bool:
        """The plan's schedule asks for a report of this kind."""
        return any(entry.rule.kind is self.period.id.kind for entry in self.schedule)

    def to_dict(self) -> dict:
        """Stable, machine-readable form (keys are ASCII codes, labels alongside)."""
        tasks, occurrences = self.task_counts, self.occurrence_counts
        verdicts, outlooks = self.verdict_counts, self.outlook_counts
        return {
            "office": self.office.committee if self.office else None,
            "plan": {
                "id": self.plan.id,
                "number": self.plan.number,
                "issued_on": self.plan.issued_on.isoformat(),
                "issuer": self.plan.issuer,
                "summary": self.plan.summary,
            },
            "period": {
                "id": self.period.key,
                "label": self.period.label,
                "data_from": self.period.data_from.isoformat(),
                "data_to": self.period.data_to.isoformat(),
                "due_on": self.period.due_on.isoformat(),
                "units_due": _iso(self.period.units_due),
                "judged_to": self.judged_to.isoformat(),
                "required_by_plan": self.required,
            },
            "tasks": {
                "total": len(self.tasks),
                "by_state": {state.value: tasks[state] for state in TaskState},
            },
            "occurrences": {
                "total": len(self.occurrences),
                "by_state": {state.value: occurrences[state] for state in OCCURRENCE_STATES},
                "carried_over": sum(o.carried_over for _, o in self.occurrences),
                "items": [
                    {
                        "task": item.task.code,
                        "occurrence": o.occurrence.key,
                        "label": o.occurrence.label,
                        "due": o.occurrence.due.isoformat() if o.occurrence.due else None,
                        "state": o.state.value,
                        "completed_on": o.completed_on.isoformat() if o.completed_on else None,
                        "carried_over": o.carried_over,
                    }
                    for item, o in self.occurrences
                ],
            },
            "by_lead_unit": [
                {
                    "unit": tally.unit,
                    "shared": tally.shared,
                    "total": tally.total,
                    "by_state": {state.value: tally.counts[state] for state in TaskState},
                    "overdue_tasks": list(tally.overdue),
                }
                for tally in self.units
            ],
            "indicators": {
                "total": len(self.indicators),
                "at_milestone": {
                    "total": sum(verdicts.values()),
                    "by_verdict": {verdict.value: verdicts[verdict] for verdict in Verdict},
                },
                "between_milestones": {
                    "total": sum(outlooks.values()),
                    "by_outlook": {outlook.value: outlooks[outlook] for outlook in Outlook},
                },
                "items": [_indicator_item(r) for r in self.indicators],
            },
            "schedule": {
                "rules": [
                    {
                        "kind": entry.rule.kind.value,
                        "text": describe_rule(entry.rule),
                        "source_text": entry.source_text,
                    }
                    for entry in self.schedule
                ],
                "reports": [
                    {
                        "period": due.period.key,
                        "label": due.period.label,
                        "data_to": due.period.data_to.isoformat(),
                        "due_on": due.period.due_on.isoformat(),
                        "units_due": _iso(due.period.units_due),
                        "status": due.status.value,
                    }
                    for due in self.reports_due
                ],
            },
            "history": history_dict(self.history, self.history_warning),
            "labels": {
                **{state.value: STATE_LABELS[state] for state in TaskState},
                **{verdict.value: VERDICT_LABELS[verdict] for verdict in Verdict},
                **{outlook.value: OUTLOOK_LABELS[outlook] for outlook in Outlook},
                **{status.value: DUE_LABELS[status] for status in DueStatus},
            },
        }


def history_dict(chain: ChainReport | None, warning: str | None) -> dict | None:
    if chain is None:
        return None
    return {
        "intact": warning is None,
        "sealed_changes": chain.seals,
        "head": chain.head,
        "broken_seal": chain.broken_seal,
        "outside_changes": chain.outside,
        "unsealed_entries": chain.unsealed,
        "warning": warning,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _indicator_item(r: IndicatorResult) -> dict:
    return {
        "group": r.indicator.group_code,
        "code": r.indicator.code,
        "name": r.indicator.name,
        "target_year": r.milestone,
        "target": r.target.text if r.target else None,
        "value": r.value.value if r.value else None,
        "value_text": r.value.value_text if r.value else "",
        "mode": "verdict" if r.at_milestone else "progress",
        "verdict": r.verdict.value if r.verdict else None,
        "outlook": r.outlook.value if r.outlook else None,
        "baseline": (
            {"value": r.baseline.value.value, "on": r.baseline.on.isoformat()}
            if r.baseline
            else None
        ),
        "expected_now": round(r.expected, 2) if r.expected is not None else None,
        "estimate": r.expected is not None,
        "note": r.indicator.note,
    }


def _tallies(tasks: list[TaskOverview]) -> list[UnitTally]:
    """Per unit that answers for tasks (the one the office named, else each printed
    lead: a task led jointly counts for each), the most overdue first."""
    units: dict[int, Unit] = {}
    counts: dict[int, Counter[TaskState]] = {}
    overdue: dict[int, list[str]] = {}
    for item in tasks:
        for unit in item.task.owners:
            units[unit.id] = unit
            counts.setdefault(unit.id, Counter())[item.state] += 1
            if item.state is TaskState.OVERDUE:
                overdue.setdefault(unit.id, []).append(item.task.code)
    return sorted(
        (
            UnitTally(u.name, counts[key], u.collective, tuple(overdue.get(key, ())))
            for key, u in units.items()
        ),
        key=lambda t: (-t.counts[TaskState.OVERDUE], -t.total, t.unit),
    )


def build_status(ws: Workspace, plan: Plan, period: Period) -> StatusReport:
    calendar = ws.periods.calendar(plan.id)
    tasks = ws.progress.overview(plan.id, period)
    units = _tallies(tasks)
    history: dict[int, list[DatedValue]] = {}
    for recorded in ws.indicators.all_values(plan.id):
        on = calendar.cutoff(PeriodId.parse(recorded.period_id))
        history.setdefault(recorded.indicator_id, []).append(DatedValue(recorded, on))

    # A value stands until another is reported: from the start of the year's data up to
    # the period's cut-off, whichever report it came in (the year's and the quarters').
    year_from = min(calendar.period(PeriodId(period.id.year, PeriodKind.YEAR)).data_from,
                    period.data_from)  # fmt: skip
    judges = calendar.judges_the_year(period.id)
    results = []
    for indicator in ws.indicators.list(plan.id):
        known = history.get(indicator.id, [])
        current = _current(known, period, year_from)
        before = current.on if current else period.data_to
        earlier = [
            d
            for d in sorted(known, key=lambda d: d.on)
            if d.on < before and d.value.value is not None
        ]
        baseline = earlier[-1] if earlier else None
        value = current.value if current else None
        results.append(
            assess_indicator(indicator, period, value, baseline, calendar.judged_on, judges)
        )
    return StatusReport(
        ws.office.get(),
        plan,
        period,
        tasks,
        units,
        results,
        ws.schedule.entries(plan.id),
        ws.schedule.due_reports(plan),
        period.judged_to(ws.today()),
        # As far as it was checked: reading the whole log is the caller's to ask for
        # (`status` does; the window does it off its UI thread and shows it itself).
        ws.history if ws.history_checked else None,
        history_warning(ws) if ws.history_checked else None,
    )


def _current(known: list[DatedValue], period: Period, year_from: date) -> DatedValue | None:
    """The value reported for the period itself, else the latest one reported for a
    period closing from `year_from` (the start of its year's data) to its cut-off."""
    own = [d for d in known if d.value.period_id == period.key]
    inside = [d for d in known if year_from <= d.on <= period.data_to]
    chosen = own or sorted(inside, key=lambda d: d.on)
    return chosen[-1] if chosen else None


def _number(value: IndicatorValue | None) -> str:
    if value is None or value.value is None:
        return value.value_text if value else "—"
    return format_number(value.value, 2).rstrip("0").rstrip(",")


def render_text(report: StatusReport) -> str:
    """The status as a clerk reads it in a terminal."""
    p = report.period
    due = due_words(p) + ("" if report.required else ", kế hoạch không yêu cầu")
    lines = [f"CẢNH BÁO: {report.history_warning}", ""] if report.history_warning else []
    lines += [
        f"{report.plan.title} — {report.plan.issuer}",
        f"Kỳ báo cáo: {p.label} (số liệu từ {p.data_from:%d/%m/%Y} đến {p.data_to:%d/%m/%Y}, "
        f"{due})",
        "",
        f"Nhiệm vụ: {len(report.tasks)}",
    ]
    counts = report.task_counts
    width = max(len(label) for label in [*STATE_LABELS.values(), *OUTLOOK_LABELS.values()])
    lines += [f"  {STATE_LABELS[s]:<{width}}  {counts[s]:>4}" for s in TaskState]
    occurrences = report.occurrence_counts
    carried = sum(o.carried_over for _, o in report.occurrences)
    lines += [
        "",
        f"Lần thực hiện phải hoàn thành (mốc một lần và từng lần định kỳ): "
        f"{len(report.occurrences)}"
        + (f", trong đó {carried} lần từ kỳ trước chuyển sang" if carried else ""),
    ]
    lines += [f"  {STATE_LABELS[s]:<{width}}  {occurrences[s]:>4}" for s in OCCURRENCE_STATES]
    lines += ["", "Theo cơ quan chủ trì (quá hạn / tổng số nhiệm vụ):"]
    lines += [f"  {t.label}: {t.counts[TaskState.OVERDUE]} / {t.total}" for t in report.units]
    verdicts, outlooks = report.verdict_counts, report.outlook_counts
    lines += ["", f"Chỉ tiêu: {len(report.indicators)}"]
    if verdicts:
        lines.append(f"  Đánh giá tại mốc năm {p.id.year}: {sum(verdicts.values())}")
        lines += [f"    {VERDICT_LABELS[v]:<{width - 2}}  {verdicts[v]:>4}" for v in Verdict]
    if outlooks:
        lines.append(f"  Tiến độ đến mốc tiếp theo: {sum(outlooks.values())}")
        lines += [
            f"    {OUTLOOK_LABELS[o]:<{width - 2}}  {outlooks[o]:>4}"
            for o in Outlook
            if outlooks[o]
        ]
    flagged = [
        r for r in report.indicators if r.verdict is Verdict.NOT_MET or r.outlook is Outlook.BEHIND
    ]
    if flagged:
        lines += ["", "Chỉ tiêu chưa đạt hoặc chậm tiến độ:"]
        for r in flagged:
            target = r.target.text if r.target else ""
            where = f"mục tiêu năm {r.milestone}: {target}"
            if r.expected is not None:
                expected = format_number(r.expected, 1).removesuffix(",0")
                where += (
                    f"; theo đường thẳng từ số liệu trước, lúc này cần khoảng {expected} (ước tính)"
                )
            lines.append(
                f"  {r.indicator.group_code}/{r.indicator.code}. {r.indicator.name}: "
                f"{_number(r.value)} ({where})"
            )
    if report.schedule:
        lines += ["", "Lịch báo cáo của kế hoạch:"]
        lines += [f"  {describe_rule(entry.rule)}" for entry in report.schedule]
        pending = [d for d in report.reports_due if d.status is not DueStatus.RECORDED]
        lines += [f"  {d.period.title}: {due_words(d.period)} — {d.label}" for d in pending]
    else:
        lines += ["", "Kế hoạch chưa có lịch báo cáo riêng (dùng quy định chung của cơ quan)."]
    return "\n".join(lines)
