"""A task's change history from the audit log, told in plain Vietnamese.

The log holds rows as the database saw them (column names, codes, ISO dates, unit
ids). This turns the entries of each change (one transaction) into lines a clerk
reads: 'Tên nhiệm vụ: «…» → «…»', 'Thêm cơ quan phối hợp: Công an phường',
'Báo cáo Năm 2025: Đã hoàn thành, 100%'. Saving a task rewrites its unit assignments
whole, so assignments are compared per change and only what really moved is told.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from db.audit import OUTSIDE_ACTOR
from desktop.domain.model import PROGRESS_LABELS, AuditEntry, ProgressStatus
from desktop.domain.periods import PeriodId

_VIETNAM = timezone(timedelta(hours=7))
_LONGEST = 160  # characters of a text shown before '…'

TASK_FIELDS = {
    "code": "Mã",
    "title": "Tên nhiệm vụ",
    "deadline_text": "Thời gian hoàn thành",
    "due_override": "Hạn do cán bộ đặt",
    "expected_product": "Kết quả, sản phẩm",
    "note": "Ghi chú",
    "section_id": "Mục",
    "position": "Thứ tự trong mục",
}
PROGRESS_FIELDS = {
    "status": "Tình trạng",
    "percent": "Tỷ lệ hoàn thành",
    "completed_on": "Ngày hoàn thành",
    "result": "Kết quả thực hiện",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị",
    "period_id": "Kỳ báo cáo",
    "occurrence": "Lần",
}
_ROLES = {"lead": "cơ quan chủ trì", "coordinate": "cơ quan phối hợp"}


@dataclass(frozen=True)
class Change:
    """One saved change: when, who, what the app called it, and what it did to the task."""

    at: datetime  # Việt Nam time
    actor: str
    operation: str
    lines: tuple[str, ...]
    outside: bool  # written by another program, not through Sổ Kế hoạch

    @property
    def when(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M}"


def _shown(value: object, field: str) -> str:
    if value is None or value == "":
        return "(trống)"
    if field == "status":
        return PROGRESS_LABELS.get(ProgressStatus(str(value)), str(value))
    if field == "percent":
        return f"{value}%"
    if field in ("completed_on", "due_override"):
        return f"{date.fromisoformat(str(value)):%d/%m/%Y}"
    if field in ("period_id", "occurrence"):
        return PeriodId.parse(str(value)).label
    text = str(value)
    return f"«{text[:_LONGEST]}…»" if len(text) > _LONGEST else f"«{text}»"


def field_changes(
    before: dict, after: dict, labels: dict[str, str], shown: Callable[[object, str], str] = _shown
) -> list[str]:
    """'Label: old → new' for each labelled field that differs (`shown(value, field)`
    words a value)."""
    return [
        f"{label}: {shown(before.get(field), field)} → {shown(after.get(field), field)}"
        for field, label in labels.items()
        if before.get(field) != after.get(field)
    ]


def _report_name(row: dict) -> str:
    name = f"Báo cáo {PeriodId.parse(row['period_id']).label}"
    if row.get("occurrence"):
        name += f" (lần {PeriodId.parse(row['occurrence']).label})"
    return name


def _report_summary(row: dict) -> str:
    summary = f"{_shown(row['status'], 'status')}, {row['percent']}%"
    if row.get("completed_on"):
        summary += f", xong ngày {_shown(row['completed_on'], 'completed_on')}"
    return summary


def _lines(entries: list[AuditEntry], unit_name: Callable[[int], str]) -> list[str]:
    lines: list[str] = []
    moved: dict[tuple[str, int], int] = {}  # (role, unit id) -> +1 added, -1 removed
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        if entry.table_name == "tasks":
            if entry.action == "insert":
                lines.append(
                    f"Thêm nhiệm vụ {after.get('code', '')}: {_shown(after.get('title'), 'title')}"
                )
            elif entry.action == "delete":
                lines.append(f"Xóa nhiệm vụ {before.get('code', '')}")
            else:
                lines += field_changes(before, after, TASK_FIELDS)
                lines += field_changes(
                    before,
                    after,
                    {"named_lead_id": "Cơ quan trực tiếp chủ trì"},
                    lambda value, _: unit_name(int(str(value))) if value else "(trống)",
                )
        elif entry.table_name == "task_progress":
            if entry.action == "insert":
                lines.append(f"{_report_name(after)}: {_report_summary(after)}")
                for field in ("result", "difficulties", "proposals"):
                    if after.get(field):
                        lines.append(f"{PROGRESS_FIELDS[field]}: {_shown(after[field], field)}")
            elif entry.action == "delete":
                lines.append(f"Xóa {_report_name(before).lower()}")
            else:
                changed = field_changes(before, after, PROGRESS_FIELDS)
                lines += [f"{_report_name(after)} — {line}" for line in changed]
        elif entry.table_name == "assignments":
            row = after if entry.action == "insert" else before
            key = (row["role"], row["unit_id"])
            step = {"insert": 1, "delete": -1}.get(entry.action, 0)
            moved[key] = moved.get(key, 0) + step
        elif entry.table_name == "attachments":
            name = (after or before).get("filename", "")
            lines.append(
                f"Đính kèm tệp «{name}»" if entry.action == "insert" else f"Gỡ tệp «{name}»"
            )
    for (role, unit_id), net in sorted(moved.items()):
        if net:
            verb = "Thêm" if net > 0 else "Bỏ"
            lines.append(f"{verb} {_ROLES.get(role, role)}: {unit_name(unit_id)}")
    return lines


def task_changes(entries: Iterable[AuditEntry], unit_name: Callable[[int], str]) -> list[Change]:
    """The entries concerning a task, grouped by change, newest first; changes that
    leave nothing to tell (units rewritten unchanged) are left out."""
    groups: list[list[AuditEntry]] = []
    for entry in sorted(entries, key=lambda e: e.id):
        # A run of one transaction by one actor: writes from outside the app carry the
        # number of the app's last change, so the actor tells them apart.
        if groups and (groups[-1][0].txn, groups[-1][0].actor) == (entry.txn, entry.actor):
            groups[-1].append(entry)
        else:
            groups.append([entry])
    changes = []
    for group in groups:
        lines = _lines(group, unit_name)
        if not lines:
            continue
        first = group[0]
        at = datetime.fromisoformat(first.at.replace("Z", "+00:00")).astimezone(_VIETNAM)
        changes.append(
            Change(at, first.actor, first.operation, tuple(lines), first.actor == OUTSIDE_ACTOR)
        )
    return changes[::-1]
