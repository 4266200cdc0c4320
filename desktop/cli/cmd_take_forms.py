"""`take-forms`: the units' progress forms taken back. Each file is read and shown beside
what the office has recorded; it is written, all files in one change, only when no file
is refused, no row is in error and every conflict is decided by --prefer: else nothing
is written (the window decides row by row)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.output import EXIT_ERROR, EXIT_OK, JSON_HELP, PLAN_HELP, Mode, emit, error

if TYPE_CHECKING:
    from desktop.unit_forms.cells import CellError
    from desktop.unit_forms.preview import FormPreview
    from desktop.unit_forms.take import TakeResult
    from desktop.workspace import Workspace

HELP = "nhận phiếu báo cáo tiến độ các đơn vị gửi lại (xem trước, rồi ghi một lần)"
_PREFER = {"don-vi": "lấy số liệu của đơn vị", "van-phong": "giữ số liệu văn phòng đã ghi"}


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Đọc từng phiếu, so với số liệu văn phòng đã ghi và in ra; nếu không phiếu nào bị "
        "từ chối, không dòng nào có lỗi và mọi dòng khác số liệu đã ghi được quyết bằng "
        "--prefer thì ghi tất cả trong một lần, không thì không ghi gì. Phiếu đã nhận rồi "
        "được bỏ qua."
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="TỆP", help="các phiếu .xlsx")
    parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và báo, không ghi gì")
    parser.add_argument("--json", action="store_true", help=JSON_HELP)
    parser.add_argument(
        "--prefer",
        choices=tuple(_PREFER),
        help="với dòng khác số liệu văn phòng đã ghi: "
        + "; ".join(f"{k}: {v}" for k, v in _PREFER.items()),
    )
    parser.add_argument(
        "--plan", metavar="KẾ_HOẠCH", help=f"chỉ nhận phiếu của kế hoạch này ({PLAN_HELP})"
    )
    parser.add_argument("--period", metavar="KỲ", help="chỉ nhận phiếu của kỳ này, ví dụ 2025-Q4")


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ if args.dry_run else Mode.WRITE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.unit_forms.preview import Action, preview
    from desktop.unit_forms.take import Choice, take

    plan_id = ws.plans.resolve(args.plan).id if args.plan else None
    previews = preview(ws, args.paths, plan_id=plan_id, period=args.period)
    blocking = _blocking(previews, args.prefer)
    result = None
    if not args.dry_run and not blocking:
        choice = Choice(args.prefer) if args.prefer else Choice.UNIT
        choices = {r.ref: choice for f in previews for r in f.rows if r.action is Action.CONFLICT}
        result = take(ws, previews, choices)
    if args.json:
        emit(json.dumps(_as_json(previews, result, blocking), ensure_ascii=False, indent=2))
    else:
        emit("\n".join(_describe(f) for f in previews))
        if result is not None:
            emit(f"Đã ghi:\n{result.summary}")
    if blocking and not args.dry_run:
        error("Không ghi gì: " + " ".join(blocking))
    return EXIT_ERROR if blocking else EXIT_OK


def _blocking(previews: list[FormPreview], prefer: str | None) -> list[str]:
    """Why nothing may be written (none: everything can be)."""
    from desktop.unit_forms.preview import Action

    refused = sum(bool(f.refused) for f in previews)
    errors = sum(len(f.errors) for f in previews)
    conflicts = sum(f.count(Action.CONFLICT) for f in previews)
    said = []
    if refused:
        said.append(f"{refused} tệp không nhận được.")
    if errors:
        said.append(f"{errors} lỗi trong các phiếu: sửa rồi nhận lại, hoặc nhận trong giao diện.")
    if conflicts and not prefer:
        said.append(
            f"{conflicts} dòng khác số liệu văn phòng đã ghi: chọn --prefer don-vi hoặc "
            "--prefer van-phong, hoặc quyết từng dòng trong giao diện."
        )
    return said


def _describe(form: FormPreview) -> str:
    from desktop.unit_forms.preview import ACTION_LABELS, Action

    if not form.recognised:  # the reason names the file
        return form.summary
    lines = [f"«{form.path.name}»: {form.summary}"]
    for row in form.rows:
        if row.action is Action.EMPTY:
            continue
        shown = row.figure_text.replace("\n", "; ")
        now = row.recorded_text.replace("\n", "; ") or "chưa có"
        line = f"  {row.sheet}, dòng {row.row}, «{row.code}» [{ACTION_LABELS[row.action]}]"
        if row.action is not Action.ERROR:
            line += f": {shown} (văn phòng đang ghi: {now})"
        if row.conflict:
            line += f" — {row.conflict}"
        lines.append(line)
        lines += [f"    {_where(e)}{e.message}" for e in row.errors]
        lines += [f"    minh chứng: {e.name}" for e in row.evidence if not e.attached]
    lines += [f"  {problem}" for problem in form.problems]
    lines += [f"  {note}" for note in form.notes]
    return "\n".join(lines)


def _where(error: CellError) -> str:
    return f"cột «{error.column}»: " if error.column else ""


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def _as_json(previews: list[FormPreview], result: TakeResult | None, blocking: list[str]) -> dict:
    def figure(value: Any) -> Any:
        return None if value is None else _plain(asdict(value))

    forms = [
        {
            "file": str(f.path),
            "sha256": f.sha256,
            "refused": f.refused,
            "already": f.already,
            "unit": f.unit.name if f.unit else None,
            "plan": f.plan.number if f.plan else None,
            "period": f.period.key if f.period else None,
            "rows": [
                {
                    "key": str(r.key),
                    "sheet": r.sheet,
                    "row": r.row,
                    "code": r.code,
                    "action": r.action.value,
                    "figure": figure(r.figure),
                    "recorded": figure(r.recorded),
                    "conflict": r.conflict,
                    "errors": [str(e) for e in r.errors],
                    "evidence": [e.name for e in r.evidence],
                }
                for r in f.rows
                if r.action.value != "empty"
            ],
            "problems": [str(p) for p in f.problems],
            "notes": list(f.notes),
        }
        for f in previews
    ]
    taken = None
    if result is not None:
        taken = [{**asdict(t), "path": str(t.path)} for t in result.taken]
    return {"forms": forms, "written": result is not None, "taken": taken, "blocking": blocking}
