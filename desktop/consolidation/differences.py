"""What a resubmission changed against the lần before it, read from the two packages'
data: each task, indicator or budget line whose figures differ, field by field."""

from __future__ import annotations

from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.reports.change_history import field_changes

TASK_FIELDS = {
    "state": "Tình trạng",
    "percent": "Tỷ lệ hoàn thành",
    "completed_on": "Ngày hoàn thành",
    "result": "Kết quả",
    "difficulties": "Khó khăn",
    "proposals": "Đề xuất",
}
INDICATOR_FIELDS = {"value": "Giá trị", "value_text": "Kết quả", "verdict": "Đánh giá"}
BUDGET_FIELDS = {
    "estimate": "Dự toán",
    "paid_in_period": "Giải ngân trong kỳ",
    "paid_to_date": "Lũy kế giải ngân",
}


def _shown(value, field: str) -> str:
    if value is None or value == "":
        return "(trống)"
    if field == "state":
        return STATE_LABELS.get(TaskState(value), str(value))
    if field == "percent":
        return f"{value}%"
    return f"«{value}»" if isinstance(value, str) else str(value)


def _compare(kind: str, before: list[dict], after: list[dict], fields: dict) -> list[str]:
    old = {item["uid"]: item for item in before}
    lines = []
    for item in after:
        previous = old.pop(item["uid"], None)
        name = f"{kind} {item['code']}"
        if previous is None:
            lines.append(f"{name}: mới có ở lần này")
            continue
        lines += [f"{name} – {line}" for line in field_changes(previous, item, fields, _shown)]
    lines += [f"{kind} {item['code']}: không còn ở lần này" for item in old.values()]
    return lines


def differences(previous: dict, current: dict) -> list[str]:
    """Lines 'Nhiệm vụ I.2 – Kết quả: «…» → «…»' between two lần of one office."""
    return (
        _compare("Nhiệm vụ", previous["tasks"], current["tasks"], TASK_FIELDS)
        + _compare("Chỉ tiêu", previous["indicators"], current["indicators"], INDICATOR_FIELDS)
        + _compare("Kinh phí dòng", previous["budget"], current["budget"], BUDGET_FIELDS)
    )
