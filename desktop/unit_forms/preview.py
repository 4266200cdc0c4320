"""The units' forms set beside what the office has recorded, before anything is written.

`preview` reads each file (read_form) and sets each row beside what the office has
recorded now: new, replacing, the same, in conflict, in error, or left empty. A row is in
conflict when what is recorded now is neither what the office had when the form was
written nor what this unit's own earlier form put there (the office, or another unit,
recorded something else meanwhile), or when another form of the same batch says
something else for the same task or indicator: the clerk decides each (take.Choice).
A file already taken (by its SHA-256), a form of a locked period, a blank form, and with
`plan_id` or `period` a form of another plan or period, are not taken, each said why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from desktop.domain.model import Plan, Unit
from desktop.domain.periods import Period, PeriodId
from desktop.errors import InvalidInput
from desktop.infra.untrusted_files import Unreadable, open_regular, sha256_of
from desktop.services.attachments import MAX_BYTES as EVIDENCE_BYTES
from desktop.unit_forms import figures
from desktop.unit_forms.cells import CellError
from desktop.unit_forms.figures import Figure, Report
from desktop.unit_forms.layout import RowKey
from desktop.unit_forms.read import FormReading, FormRow, Known, read_form
from desktop.vietnamese.dates import local_time
from desktop.workspace import Workspace


class Action(StrEnum):
    NEW = "new"  # nothing recorded yet: the unit's figure is recorded
    UPDATE = "update"  # replaces a record the office has not changed since the form
    SAME = "same"  # recorded already as the unit says
    CONFLICT = "conflict"  # to decide: the unit's figure or the office's
    ERROR = "error"  # not taken: what is wrong is said by cell
    EMPTY = "empty"  # left blank by the unit: nothing taken


ACTION_LABELS = {
    Action.NEW: "Ghi mới",
    Action.UPDATE: "Ghi thay",
    Action.SAME: "Đã ghi như phiếu",
    Action.CONFLICT: "Khác số liệu đã ghi: cần chọn",
    Action.ERROR: "Có lỗi: không ghi",
    Action.EMPTY: "Để trống",
}

RowRef = tuple[str, str]  # a row of a batch: (its file's SHA-256, its key)


@dataclass(frozen=True)
class Evidence:
    """An evidence file named in a row, found beside the form."""

    name: str
    path: Path
    size: int
    sha256: str
    attached: bool  # the office's record has this very file already


@dataclass(frozen=True)
class RowPreview:
    ref: RowRef
    key: RowKey
    sheet: str
    row: int  # its row in the file
    code: str
    title: str
    action: Action
    figure: Figure | None  # what the unit's form says (what will be recorded)
    recorded: Figure | None  # what the office has recorded now
    conflict: str = ""  # why it is in conflict: who recorded what
    errors: tuple[CellError, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def figure_text(self) -> str:
        return figures.shown(self.figure)

    @property
    def recorded_text(self) -> str:
        return figures.shown(self.recorded)


@dataclass(frozen=True)
class FormPreview:
    """One file of the batch: refused with the reason, already taken (a no-op), or read
    with its rows."""

    path: Path
    sha256: str = ""
    refused: str = ""
    already: str = ""
    unit: Unit | None = None
    plan: Plan | None = None
    period: Period | None = None
    form_uid: str = ""
    rows: tuple[RowPreview, ...] = ()
    problems: tuple[CellError, ...] = ()  # rows that are not the form's
    notes: tuple[str, ...] = ()  # rows of the form not found

    @property
    def recognised(self) -> bool:
        """Read and not taken before: its rows can be taken."""
        return not self.refused and not self.already

    @property
    def errors(self) -> tuple[CellError, ...]:
        return self.problems + tuple(e for row in self.rows for e in row.errors)

    def target(self, row: RowPreview) -> tuple[int, str, RowKey]:
        """The record a row speaks of: the plan, the period, the row's key."""
        assert self.plan is not None and self.period is not None
        return self.plan.id, self.period.key, row.key

    def count(self, action: Action) -> int:
        return sum(row.action is action for row in self.rows)

    @property
    def summary(self) -> str:
        """'Phòng Văn hóa - Xã hội: 12 ghi mới, 2 khác số liệu đã ghi: cần chọn, …'."""
        if not self.recognised:
            return self.refused or self.already
        counts = [
            f"{self.count(action)} {ACTION_LABELS[action].lower()}"
            for action in Action
            if self.count(action)
        ]
        assert self.unit is not None and self.period is not None
        return f"{self.unit.name}, {self.period.label}: " + (
            "; ".join(counts) if counts else "phiếu không có dòng nào"
        )


def preview(
    ws: Workspace,
    paths: Iterable[Path],
    *,
    plan_id: int | None = None,
    period: Period | PeriodId | str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FormPreview]:
    """Each file read and set beside what is recorded (nothing is written). With
    `plan_id` or `period`, a form of another plan or period is refused. `progress(done,
    total)` after each file (the window runs this off its thread, on a reader)."""
    known = Known(ws)
    wanted = None if period is None else _period_id(period)
    seen: dict[str, Path] = {}
    previews: list[FormPreview] = []
    files = [Path(path) for path in paths]
    for done, path in enumerate(files, start=1):
        previews.append(_file_preview(ws, path, known, plan_id, wanted, seen))
        if progress is not None:
            progress(done, len(files))
    return _rivals(previews)


def _file_preview(
    ws: Workspace,
    path: Path,
    known: Known,
    plan_id: int | None,
    period: PeriodId | None,
    seen: dict[str, Path],
) -> FormPreview:
    try:
        reading = read_form(ws, path, known)
    except InvalidInput as exc:
        return FormPreview(path, refused=str(exc))
    if refused := _refusal(ws, reading, plan_id, period):
        return FormPreview(path, reading.sha256, refused=refused)
    if already := _already(ws, reading, seen):
        return FormPreview(path, reading.sha256, already=already)
    if not any(row.filled for row in reading.rows) and not reading.problems:
        blank = f"Phiếu «{path.name}» ({reading.unit.name}) chưa ghi dòng nào: không nhận."
        return FormPreview(path, reading.sha256, refused=blank)
    seen[reading.sha256] = path
    return _form_preview(ws, reading)


def _period_id(period: Period | PeriodId | str) -> PeriodId:
    return period.id if isinstance(period, Period) else PeriodId.parse(str(period))


def _refusal(
    ws: Workspace, reading: FormReading, plan_id: int | None, period: PeriodId | None
) -> str:
    name, plan, unit = reading.path.name, reading.plan, reading.unit
    if plan_id is not None and plan.id != plan_id:
        chosen = ws.plans.get(plan_id)
        return (
            f"Phiếu «{name}» ({unit.name}) là của {plan.title}, không phải kế hoạch đang "
            f"chọn ({chosen.title}): không nhận."
        )
    if period is not None and reading.period.id != period:
        return (
            f"Phiếu «{name}» ({unit.name}) là phiếu {reading.period.label}, không phải kỳ "
            f"đang nhận ({period.label}): không nhận. Chọn {reading.period.label} rồi nhận lại."
        )
    if lock := ws.locks.active(plan.id, reading.period.key):
        return f"Phiếu «{name}» ({unit.name}) không nhận được: {lock.refusal()}"
    return ""


def _already(ws: Workspace, reading: FormReading, seen: dict[str, Path]) -> str:
    name = reading.path.name
    if reading.sha256 in seen:
        first = seen[reading.sha256].name
        return f"Phiếu «{name}» trùng nội dung với «{first}» ở trên: chỉ nhận một lần."
    taken = ws.returned_forms.taken(reading.sha256)
    if taken is None:
        return ""
    return (
        f"Phiếu «{name}» ({taken.unit_name}) đã được nhận lúc {local_time(taken.taken_at)} "
        f"(tệp «{taken.file_name}»): không ghi lại."
    )


def _form_preview(ws: Workspace, reading: FormReading) -> FormPreview:
    plan, period, unit = reading.plan, reading.period, reading.unit
    keys = [row.key for row in reading.rows if row.filled]
    now = figures.recorded(ws, plan.id, period, keys)
    last = _last_taken(ws, plan, period)
    rows = []
    for row in reading.rows:
        recorded = now.get(row.key)
        action, conflict = _action(row, recorded, last.get(str(row.key)), unit, reading)
        evidence, problems = _evidence(ws, reading, row, recorded, period)
        if problems:
            action, conflict = Action.ERROR, ""
        rows.append(
            RowPreview(
                (reading.sha256, str(row.key)),
                row.key,
                row.sheet,
                row.row,
                row.code,
                row.title,
                action,
                row.figure,
                recorded,
                conflict,
                row.errors + problems,
                evidence,
            )
        )
    return FormPreview(
        reading.path,
        reading.sha256,
        unit=unit,
        plan=plan,
        period=period,
        form_uid=reading.identity.form_uid,
        rows=tuple(rows),
        problems=reading.problems,
        notes=reading.notes,
    )


@dataclass(frozen=True)
class _Last:
    """The latest form taken that recorded a row: its fingerprint and whose it was."""

    fingerprint: str
    unit_id: int | None
    unit_name: str
    taken_at: str


def _last_taken(ws: Workspace, plan: Plan, period: Period) -> dict[str, _Last]:
    last: dict[str, _Last] = {}
    for form in ws.returned_forms.of_period(plan.id, period.key):  # the first taken first
        for key, fingerprint in form.rows.items():
            last[key] = _Last(fingerprint, form.unit_id, form.unit_name, form.taken_at)
    return last


def _action(
    row: FormRow, recorded: Figure | None, last: _Last | None, unit: Unit, reading: FormReading
) -> tuple[Action, str]:
    if row.errors:
        return Action.ERROR, ""
    if not row.filled or row.figure is None:
        return Action.EMPTY, ""
    if row.figure == recorded:
        return Action.SAME, ""
    now = figures.fingerprint(recorded)
    own = last is not None and last.unit_id == unit.id and last.fingerprint == now
    if now == row.recorded_then or own:
        return (Action.NEW if recorded is None else Action.UPDATE), ""
    if last is not None and last.fingerprint == now:
        return Action.CONFLICT, (
            f"Đã ghi theo phiếu của {last.unit_name} (nhận lúc {local_time(last.taken_at)})."
        )
    if recorded is None:
        return Action.CONFLICT, "Văn phòng đã xóa báo cáo có khi lập phiếu."
    written = local_time(reading.identity.written_at)
    return Action.CONFLICT, f"Văn phòng đã ghi lại sau khi lập phiếu ({written})."


def _evidence(
    ws: Workspace, reading: FormReading, row: FormRow, recorded: Figure | None, period: Period
) -> tuple[tuple[Evidence, ...], tuple[CellError, ...]]:
    """The evidence files named in the row, found beside the form and within the size an
    attachment may have, each marked when the office's record has it already."""
    if not row.evidence or not isinstance(row.figure, Report):
        return (), ()
    have: set[str] = set()
    if isinstance(recorded, Report):
        progress = ws.progress.get(row.key.id, period.id, row.key.occurrence)
        if progress is not None:
            have = {a.sha256 for a in ws.attachments.list("progress_id", progress.id)}
    found, problems = [], []
    folder = reading.path.parent
    for name in row.evidence:
        path = folder / name
        try:
            with open_regular(path, EVIDENCE_BYTES) as file:
                size, digest = file.seek(0, 2), sha256_of(file)
        except Unreadable as exc:
            problems.append(
                CellError(
                    row.sheet,
                    row.row,
                    "Minh chứng",
                    f"tệp minh chứng «{name}» không dùng được ({exc}): cần chép tệp vào cùng "
                    f"thư mục với phiếu («{folder}»), hoặc xóa tên tệp khỏi phiếu.",
                )
            )
            continue
        found.append(Evidence(name, path, size, digest, digest in have))
    return tuple(found), tuple(problems)


def _rivals(previews: list[FormPreview]) -> list[FormPreview]:
    """Rows of different forms of the batch speaking of the same record with different
    figures are all in conflict (but those saying what is recorded): only one can be
    recorded. Forms saying the same thing are no rivals."""
    groups: dict[tuple, list[tuple[FormPreview, RowPreview]]] = defaultdict(list)
    for form in previews:
        for row in form.rows if form.recognised else ():
            if row.action in (Action.NEW, Action.UPDATE, Action.CONFLICT, Action.SAME):
                groups[form.target(row)].append((form, row))
    changed: dict[RowRef, RowPreview] = {}
    for group in groups.values():
        if len(group) < 2 or len({figures.fingerprint(row.figure) for _, row in group}) < 2:
            continue
        for _, row in group:
            if row.action is Action.SAME:
                continue
            others = "; ".join(
                f"{other.unit.name if other.unit else ''}: {rival.figure_text.splitlines()[0]}"
                for other, rival in group
                if rival.figure != row.figure
            )
            why = f"Phiếu khác trong lần nhận này ghi khác ({others})."
            conflict = f"{row.conflict} {why}".strip()
            changed[row.ref] = replace(row, action=Action.CONFLICT, conflict=conflict)
    return [
        replace(form, rows=tuple(changed.get(row.ref, row) for row in form.rows))
        if form.recognised
        else form
        for form in previews
    ]
