"""Taking the previewed forms in: every file of the batch in one change, each row's
entries labelled "theo phiếu của <đơn vị>" in the audit log; each file remembered by its
SHA-256 (the same file again is a no-op); and which units returned their form for a
period, and when (`forms_returned`).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop.domain.periods import Period, PeriodId
from desktop.errors import InvalidInput
from desktop.infra.untrusted_files import Unreadable, read_regular
from desktop.services.attachments import MAX_BYTES as EVIDENCE_BYTES
from desktop.unit_forms import figures
from desktop.unit_forms.figures import Figure, Report, Value
from desktop.unit_forms.layout import RowKey
from desktop.unit_forms.preview import Action, FormPreview, RowPreview, RowRef
from desktop.unit_forms.write import form_units
from desktop.workspace import Workspace


class Choice(StrEnum):
    """How a row in conflict is decided."""

    UNIT = "don-vi"  # the unit's figure is recorded
    OFFICE = "van-phong"  # what the office has recorded stays


@dataclass(frozen=True)
class Taken:
    path: Path
    unit: str
    recorded: int  # reports and values written
    kept: int  # rows in conflict decided for the office's figure
    skipped: int  # rows in error, not written
    evidence: int  # evidence files attached


@dataclass(frozen=True)
class TakeResult:
    taken: tuple[Taken, ...]
    not_taken: tuple[tuple[Path, str], ...]  # refused or taken before, and why

    @property
    def summary(self) -> str:
        lines = [
            f"«{t.path.name}» ({t.unit}): ghi {t.recorded} dòng"
            + (f", giữ số liệu văn phòng {t.kept} dòng" if t.kept else "")
            + (f", bỏ qua {t.skipped} dòng có lỗi" if t.skipped else "")
            + (f", đính kèm {t.evidence} tệp minh chứng" if t.evidence else "")
            for t in self.taken
        ]
        lines += [why for _, why in self.not_taken]  # each names its file
        return "\n".join(lines)


def take(
    ws: Workspace, previews: Sequence[FormPreview], choices: Mapping[RowRef, Choice] | None = None
) -> TakeResult:
    """Write every recognised form of the preview in one change: its new and replacing
    rows, its rows in conflict as `choices` decide (each must be decided, and at most one
    form's figure chosen for one record), the evidence files of the rows taken; rows in
    error and empty rows are not written. An InvalidInput, and nothing written, when a
    conflict is undecided, when the data or a file changed since the preview (preview
    again), or when a period was locked meanwhile."""
    choices = choices or {}
    forms = [form for form in previews if form.recognised]
    _check_choices(forms, choices)
    not_taken = tuple((p.path, p.refused or p.already) for p in previews if not p.recognised)
    if not forms:
        return TakeResult((), not_taken)
    expected: dict[tuple, Figure | None] = {}  # what each record holds, as the take goes
    with ws.change("Nhận phiếu báo cáo tiến độ của các đơn vị"):
        taken = tuple(_take_form(ws, form, choices, expected) for form in forms)
    return TakeResult(taken, not_taken)


def _chosen(row: RowPreview, choices: Mapping[RowRef, Choice]) -> bool:
    """Whether the unit's figure of the row is to be recorded."""
    if row.action is Action.CONFLICT:
        return choices.get(row.ref) is Choice.UNIT
    return row.action in (Action.NEW, Action.UPDATE) and choices.get(row.ref) is not Choice.OFFICE


def _check_choices(forms: list[FormPreview], choices: Mapping[RowRef, Choice]) -> None:
    undecided = [
        f"{form.unit.name if form.unit else form.path.name} «{row.code}»"
        for form in forms
        for row in form.rows
        if row.action is Action.CONFLICT and row.ref not in choices
    ]
    if undecided:
        more = f" và {len(undecided) - 5} dòng khác" if len(undecided) > 5 else ""
        raise InvalidInput(
            f"Còn {len(undecided)} dòng khác số liệu đã ghi chưa chọn giữ số liệu nào: "
            f"{', '.join(undecided[:5])}{more}. Chưa ghi gì."
        )
    picked: dict[tuple, dict[str, list[RowPreview]]] = defaultdict(lambda: defaultdict(list))
    for form in forms:
        for row in form.rows:
            if _chosen(row, choices):
                picked[form.target(row)][form.unit.name if form.unit else ""].append(row)
    for units in picked.values():
        rows = [row for chosen in units.values() for row in chosen]
        if len({figures.fingerprint(row.figure) for row in rows}) > 1:
            raise InvalidInput(
                f"«{rows[0].code}» được chọn ghi theo phiếu của cả {' và '.join(units)}, "
                "mỗi phiếu ghi một khác: chỉ chọn số liệu của một đơn vị. Chưa ghi gì."
            )


def _take_form(
    ws: Workspace,
    form: FormPreview,
    choices: Mapping[RowRef, Choice],
    expected: dict[tuple, Figure | None],
) -> Taken:
    assert form.plan is not None and form.period is not None and form.unit is not None
    plan, period, unit = form.plan, form.period, form.unit
    if ws.returned_forms.taken(form.sha256):
        raise InvalidInput(
            f"Phiếu «{form.path.name}» đã được nhận sau lúc xem trước: hãy xem trước lại. "
            "Chưa ghi gì."
        )
    ws.locks.refuse(plan.id, period.key)
    ws.relabel(f"Ghi tiến độ {period.label} theo phiếu của {unit.name}")
    live = [row for row in form.rows if row.action not in (Action.EMPTY, Action.ERROR)]
    now = figures.recorded(ws, plan.id, period, [row.key for row in live])
    recorded = kept = attached = 0
    rows: dict[str, str] = {}  # what the form recorded, by row key
    for row in live:
        target = form.target(row)
        current = now[row.key]
        if current != expected.setdefault(target, row.recorded):
            raise InvalidInput(
                f"Số liệu của «{row.code}» đã thay đổi sau khi xem trước: hãy xem trước lại. "
                "Chưa ghi gì."
            )
        if _chosen(row, choices) and current != row.figure:
            assert row.figure is not None
            _write(ws, row.key, period, row.figure)
            expected[target] = current = row.figure
            recorded += 1
        if current != row.figure:  # the office's figure, or another form's, stays
            kept += 1
            continue
        rows[str(row.key)] = figures.fingerprint(row.figure)
        attached += _attach(ws, row, period)
    ws.returned_forms.record(
        form.sha256, plan.id, period.key, unit.id, unit.name, form.form_uid, form.path.name, rows
    )
    skipped = sum(row.action is Action.ERROR for row in form.rows)
    return Taken(form.path, unit.name, recorded, kept, skipped, attached)


def _write(ws: Workspace, key: RowKey, period: Period, figure: Figure) -> None:
    if isinstance(figure, Report):
        ws.progress.record(
            key.id,
            period.id,
            figure.status,
            figure.percent,
            figure.completed_on,
            figure.result,
            figure.difficulties,
            figure.proposals,
            occurrence=key.occurrence or None,
        )
    elif isinstance(figure, Value):
        ws.indicators.record_value(key.id, period.id, figure.value, figure.value_text, figure.note)


def _attach(ws: Workspace, row: RowPreview, period: Period) -> int:
    """The row's evidence files the report has not got yet, checked against the preview."""
    missing = [e for e in row.evidence if not e.attached]
    if not missing:
        return 0
    progress = ws.progress.get(row.key.id, period.id, row.key.occurrence)
    assert progress is not None
    for evidence in missing:
        try:
            content = read_regular(evidence.path, EVIDENCE_BYTES)
        except Unreadable as exc:
            raise InvalidInput(f"Tệp minh chứng «{evidence.name}»: {exc}. Chưa ghi gì.") from exc
        if len(content) != evidence.size or hashlib.sha256(content).hexdigest() != evidence.sha256:
            raise InvalidInput(
                f"Tệp minh chứng «{evidence.name}» đã thay đổi sau khi xem trước: hãy xem "
                "trước lại. Chưa ghi gì."
            )
        ws.attachments.add("progress_id", progress.id, evidence.name, content)
    return len(missing)


# Tracking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitForm:
    """A unit's form for a period: returned (when, which file, how many files) or not."""

    unit_id: int | None
    unit_name: str
    returned_at: str | None  # UTC, ISO, the latest form taken; None: not returned
    file_name: str = ""
    forms: int = 0


def forms_returned(ws: Workspace, plan_id: int, period: Period | PeriodId | str) -> list[UnitForm]:
    """Every unit a form goes to for the period, in the annexes' order, each with the
    latest form it returned (when, which file, how many) or None; then any unit that
    returned one and no longer gets a form."""
    key = str(period.id if isinstance(period, Period) else period)
    plan = ws.plans.get(plan_id)
    try:
        expected = [given.unit for given in form_units(ws, plan)]
    except InvalidInput:  # nothing assigned: no form goes out
        expected = []
    returned: dict[int | str, list] = defaultdict(list)
    for form in ws.returned_forms.of_period(plan.id, key):
        returned[form.unit_id if form.unit_id is not None else form.unit_name].append(form)
    found = []
    for unit in expected:
        forms = returned.pop(unit.id, [])
        found.append(_unit_form(unit.id, unit.name, forms))
    for forms in returned.values():
        found.append(_unit_form(forms[-1].unit_id, forms[-1].unit_name, forms))
    return found


def _unit_form(unit_id: int | None, name: str, forms: list) -> UnitForm:
    if not forms:
        return UnitForm(unit_id, name, None)
    return UnitForm(unit_id, name, forms[-1].taken_at, forms[-1].file_name, len(forms))
