"""'Những thay đổi so với báo cáo lần trước': what changed in a period's figures since
its previous package, read from the audit log (each row's state before the first
change after the package against its state now), one line per changed field."""

from __future__ import annotations

from datetime import date

from desktop.domain.model import PROGRESS_LABELS, Plan, ProgressStatus
from desktop.domain.periods import Period
from desktop.reports.change_history import PROGRESS_FIELDS, field_changes
from desktop.vietnamese.numbers import format_number
from desktop.workspace import Workspace

VALUE_FIELDS = {"value": "Giá trị", "value_text": "Mô tả kết quả", "note": "Ghi chú"}
PAYMENT_FIELDS = {"paid_on": "Ngày chi", "amount": "Số tiền (đồng)", "reference": "Chứng từ"}


def _describe(before, after, labels, name: str, shown, what: str) -> list[str]:
    """One line per change, in words: 'Nhiệm vụ I.1 «…»: được bổ sung báo cáo (…)'."""
    if before is None:
        return [f"{name}: được bổ sung {what} ({shown(after)})"]
    if after is None:
        return [f"{name}: bỏ {what} đã báo cáo ({shown(before)})"]
    return [f"{name} – {line}" for line in field_changes(before, after, labels)]


def _either(before: dict | None, after: dict | None) -> dict:
    """The row as it is now, or as it was when deleted (one of the two is always there)."""
    row = after if after is not None else before
    assert row is not None
    return row


def changes_since(ws: Workspace, plan: Plan, period: Period, since: int) -> list[str]:
    """The lines for the period's reports, indicator values and payments."""
    lines: list[str] = []
    tasks = {t.id: t for t in ws.tasks.list(plan.id)}
    for before, after in ws.audit.net_changes("task_progress", since):
        row = _either(before, after)
        task = tasks.get(row["task_id"])
        if task is None or row["period_id"] != period.key:
            continue
        lines += _describe(
            before, after, PROGRESS_FIELDS, f"Nhiệm vụ {task.code} «{task.title}»",
            lambda r: f"{PROGRESS_LABELS[ProgressStatus(r['status'])].lower()}, {r['percent']}%",
            "báo cáo tiến độ",
        )  # fmt: skip
    indicators = {i.id: i for i in ws.indicators.list(plan.id)}
    for before, after in ws.audit.net_changes("indicator_values", since):
        row = _either(before, after)
        indicator = indicators.get(row["indicator_id"])
        if indicator is None or row["period_id"] != period.key:
            continue
        lines += _describe(
            before, after, VALUE_FIELDS, f"Chỉ tiêu {indicator.code} «{indicator.name}»",
            lambda r: r["value_text"] or format_number(r["value"] or 0, 2), "số liệu",
        )  # fmt: skip
    first, last = period.id.calendar_range()
    plan_lines = {b.id: b for y in ws.budget.years(plan.id) for b in ws.budget.lines(plan.id, y)}
    for before, after in ws.audit.net_changes("disbursements", since):
        row = _either(before, after)
        line = plan_lines.get(row["budget_line_id"])
        days = {date.fromisoformat(r["paid_on"]) for r in (before, after) if r}
        if line is None or not any(first <= d <= last for d in days):
            continue
        lines += _describe(
            before, after, PAYMENT_FIELDS, f"Kinh phí dòng {line.code} «{line.title}»",
            lambda r: f"{format_number(r['amount'])} đồng ngày {r['paid_on']}", "khoản chi",
        )  # fmt: skip
    return lines
