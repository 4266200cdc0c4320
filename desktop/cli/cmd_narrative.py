"""`narrative`: the words of a period's report, part by part: read them, or put the
clerk's text for one part from a file (an empty file prints the draft again)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, JSON_HELP, PERIOD_HELP, PLAN_HELP, Mode, emit
from desktop.errors import InvalidInput
from desktop.services.report_texts import SECTIONS

if TYPE_CHECKING:
    from desktop.documents.narrative import Part
    from desktop.workspace import Workspace

HELP = "xem hoặc viết lại lời của báo cáo kỳ (kết quả, ưu điểm, hạn chế, nguyên nhân, …)"
MAX_FILE = 1024 * 1024  # a part is a few pages at most


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="KỲ", help=PERIOD_HELP)
    parser.add_argument("--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP)
    parser.add_argument(
        "--section", choices=list(SECTIONS), metavar="MỤC", help="mục: " + ", ".join(SECTIONS)
    )
    parser.add_argument(
        "--file", type=Path, metavar="TỆP",
        help="tệp văn bản UTF-8 thay lời của mục (- : đọc từ bàn phím; tệp rỗng: dùng lại "
        "bản lập từ số liệu)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.WRITE if args.file is not None else Mode.READ


def _read(path: Path) -> str:
    from desktop.infra.untrusted_files import Unreadable, read_regular

    try:
        data = (
            sys.stdin.buffer.read(MAX_FILE + 1)
            if str(path) == "-"
            else read_regular(path, MAX_FILE)
        )
    except Unreadable as exc:
        raise InvalidInput(f"Không đọc được «{path}»: {exc}.") from exc
    if len(data) > MAX_FILE:
        raise InvalidInput(f"«{path}» lớn hơn {MAX_FILE // 1024} KB: không phải lời một mục.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"«{path}» không phải văn bản UTF-8 (byte {exc.start}); hãy lưu lại tệp với "
            "mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa UTF-8)."
        ) from exc


def _shown(part: Part) -> dict:
    written = part.written
    return {
        "section": part.key,
        "heading": part.heading,
        "text": part.text,
        "written_by_clerk": written is not None,
        "written_at": written.written_at if written else None,
        "data_changed_since": part.stale,
        "draft": part.draft,
    }


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.documents.narrative import period_narrative, write_part
    from desktop.domain.periods import PeriodId

    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    if args.file is not None:
        if args.section is None:
            raise InvalidInput("Hãy chọn mục cần viết lại bằng --section.")
        part = write_part(ws, plan, period, args.section, _read(args.file))
        said = "đã lưu lời của cán bộ" if part.written else "dùng lại bản lập từ số liệu"
        emit(f"Mục «{part.heading}» của báo cáo {period.label}: {said}.")
        return EXIT_OK
    parts = period_narrative(ws, plan, period).parts
    if args.section is not None:
        parts = tuple(p for p in parts if p.key == args.section)
    if args.json:
        shown = {"plan": plan.number, "period": period.key, "parts": [_shown(p) for p in parts]}
        emit(json.dumps(shown, ensure_ascii=False, indent=2))
        return EXIT_OK
    for part in parts:
        whose = "lời cán bộ viết" if part.written else "lập từ số liệu"
        stale = "; số liệu đã thay đổi sau khi viết" if part.stale else ""
        emit(f"== {part.heading} ({part.key}: {whose}{stale}) ==")
        emit(part.text)
        emit("")
    return EXIT_OK
