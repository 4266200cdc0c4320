"""What a row of a form says, in the form it is stored, and what the office has recorded
for the same record: compared field by field, shown in words, fingerprinted."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from desktop.domain.model import PROGRESS_LABELS, IndicatorValue, Progress, ProgressStatus
from desktop.domain.periods import Period
from desktop.unit_forms.layout import RowKey
from desktop.vietnamese.numbers import format_number
from desktop.workspace import Workspace


@dataclass(frozen=True)
class Report:
    """A task's report for the period, as ProgressService.record stores it."""

    status: ProgressStatus
    percent: int
    completed_on: date | None
    result: str = ""
    difficulties: str = ""
    proposals: str = ""

    @classmethod
    def of(cls, progress: Progress) -> Report:
        return cls(
            progress.status,
            progress.percent,
            progress.completed_on,
            progress.result,
            progress.difficulties,
            progress.proposals,
        )

    def shown(self) -> str:
        """'Đang thực hiện, 60%' then the texts, a line each."""
        if self.status is ProgressStatus.DONE and self.completed_on:
            head = f"{PROGRESS_LABELS[self.status]} ngày {self.completed_on:%d/%m/%Y}"
        elif self.status is ProgressStatus.IN_PROGRESS:
            head = f"{PROGRESS_LABELS[self.status]}, {self.percent}%"
        else:
            head = PROGRESS_LABELS[self.status]
        texts = (
            ("Kết quả", self.result),
            ("Khó khăn", self.difficulties),
            ("Đề xuất", self.proposals),
        )
        return "\n".join([head, *(f"{name}: {text}" for name, text in texts if text)])


@dataclass(frozen=True)
class Value:
    """An indicator's value for the period, as IndicatorService.record_value stores it."""

    value: float | None
    value_text: str = ""
    note: str = ""

    @classmethod
    def of(cls, value: IndicatorValue) -> Value:
        return cls(value.value, value.value_text, value.note)

    def shown(self) -> str:
        figure = "" if self.value is None else format_number(self.value, _decimals(self.value))
        parts = [p for p in (figure, self.value_text) if p]
        note = f" (ghi chú: {self.note})" if self.note else ""
        return "; ".join(parts) + note


Figure = Report | Value


def _decimals(value: float) -> int:
    """As few decimals as the figure has (82.5 -> 1), at most 3."""
    text = f"{value:.3f}".rstrip("0")
    return len(text.partition(".")[2])


def shown(figure: Figure | None) -> str:
    return figure.shown() if figure is not None else ""


def fingerprint(figure: Figure | None) -> str:
    """A short fingerprint of a figure ('' for none), kept in the form beside its row."""
    if figure is None:
        return ""
    values = [getattr(figure, f.name) for f in fields(figure)]  # asdict copies: slower
    plain = [v.isoformat() if isinstance(v, date) else v for v in values]
    text = json.dumps([type(figure).__name__, *plain], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def recorded(
    ws: Workspace, plan_id: int, period: Period, keys: Iterable[RowKey]
) -> dict[RowKey, Figure | None]:
    """What the office has recorded now for each row: the task's report on that turn in
    the period, the indicator's value in the period (None: nothing yet)."""
    values = ws.indicators.values(plan_id, period.id)
    found: dict[RowKey, Figure | None] = {}
    for key in keys:
        if key.task:
            progress = ws.progress.get(key.id, period.id, key.occurrence)
            found[key] = Report.of(progress) if progress else None
        else:
            value = values.get(key.id)
            found[key] = Value.of(value) if value else None
    return found
