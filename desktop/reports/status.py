"""The plan's status at a reporting period: task states, per lead unit, indicators."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from desktop.model import Indicator, IndicatorValue, Office, Plan
from desktop.numbers import format_number
from desktop.periods import Period
from desktop.services.progress import TaskOverview
from desktop.targets import VERDICT_LABELS, Target, Verdict
from desktop.task_state import STATE_LABELS, TaskState
from desktop.workspace import Workspace


@dataclass(frozen=True)
class UnitTally:
    unit: str
    counts: Counter[TaskState]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    milestone: int | None  # the target year used
    target: Target | None
    value: IndicatorValue | None
    verdict: Verdict


@dataclass(frozen=True)
class StatusReport:
    office: Office | None
    plan: Plan
    period: Period
    tasks: list[TaskOverview]
    units: list[UnitTally]
    indicators: list[IndicatorResult]

    @property
    def task_counts(self) -> Counter[TaskState]:
        return Counter(item.state for item in self.tasks)

    @property
    def indicator_counts(self) -> Counter[Verdict]:
        return Counter(item.verdict for item in self.indicators)

    def to_dict(self) -> dict:
        """Stable, machine-readable form (keys are ASCII codes, labels alongside)."""
        tasks, verdicts = self.task_counts, self.indicator_counts
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
            },
            "tasks": {
                "total": len(self.tasks),
                "by_state": {state.value: tasks[state] for state in TaskState},
            },
            "by_lead_unit": [
                {
                    "unit": tally.unit,
                    "total": tally.total,
                    "by_state": {state.value: tally.counts[state] for state in TaskState},
                }
                for tally in self.units
            ],
            "indicators": {
                "total": len(self.indicators),
                "by_verdict": {verdict.value: verdicts[verdict] for verdict in Verdict},
                "items": [
                    {
                        "code": r.indicator.code,
                        "name": r.indicator.name,
                        "target_year": r.milestone,
                        "target": r.target.text if r.target else None,
                        "value": r.value.value if r.value else None,
                        "value_text": r.value.value_text if r.value else "",
                        "verdict": r.verdict.value,
                    }
                    for r in self.indicators
                ],
            },
            "labels": {
                **{state.value: STATE_LABELS[state] for state in TaskState},
                **{verdict.value: VERDICT_LABELS[verdict] for verdict in Verdict},
            },
        }


def build_status(ws: Workspace, plan: Plan, period: Period) -> StatusReport:
    tasks = ws.progress.overview(plan.id, period)
    tallies: dict[str, Counter[TaskState]] = {}
    for item in tasks:
        for unit in item.task.leads:  # a task led jointly counts for each lead unit
            tallies.setdefault(unit.name, Counter())[item.state] += 1
    units = sorted(
        (UnitTally(name, counts) for name, counts in tallies.items()),
        key=lambda t: (-t.counts[TaskState.OVERDUE], -t.total, t.unit),
    )
    values = ws.indicators.values(plan.id, period.id)
    results = []
    for indicator in ws.indicators.list(plan.id):
        milestone = indicator.target_for(period.id.year)
        value = values.get(indicator.id)
        year, target = milestone if milestone else (None, None)
        if target is None:
            verdict = Verdict.NOT_ASSESSABLE
        else:
            verdict = target.judge(value.value if value else None)
        results.append(IndicatorResult(indicator, year, target, value, verdict))
    return StatusReport(ws.office.get(), plan, period, tasks, units, results)


def render_text(report: StatusReport) -> str:
    """The status as a clerk reads it in a terminal."""
    p = report.period
    lines = [
        f"{report.plan.title} — {report.plan.issuer}",
        f"Kỳ báo cáo: {p.label} (số liệu từ {p.data_from:%d/%m/%Y} đến {p.data_to:%d/%m/%Y}, "
        f"hạn gửi {p.due_on:%d/%m/%Y})",
        "",
        f"Nhiệm vụ: {len(report.tasks)}",
    ]
    counts = report.task_counts
    width = max(len(label) for label in STATE_LABELS.values())
    lines += [f"  {STATE_LABELS[s]:<{width}}  {counts[s]:>4}" for s in TaskState]
    lines += ["", "Theo cơ quan chủ trì (quá hạn / tổng số nhiệm vụ):"]
    lines += [f"  {t.unit}: {t.counts[TaskState.OVERDUE]} / {t.total}" for t in report.units]
    verdicts = report.indicator_counts
    lines += ["", f"Chỉ tiêu: {len(report.indicators)}"]
    lines += [f"  {VERDICT_LABELS[v]:<{width}}  {verdicts[v]:>4}" for v in Verdict]
    not_met = [r for r in report.indicators if r.verdict is Verdict.NOT_MET]
    if not_met:
        lines += ["", "Chỉ tiêu chưa đạt:"]
        for r in not_met:
            value = format_number(r.value.value, 1).removesuffix(",0")
            lines.append(
                f"  {r.indicator.code}. {r.indicator.name}: {value} "
                f"(mục tiêu năm {r.milestone}: {r.target.text})"
            )
    return "\n".join(lines)
