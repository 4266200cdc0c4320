"""`consolidate` (the level above): the period's consolidated report, or the list of
offices to chase for it (.xlsx, .pdf)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, Mode, emit

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "(cấp trên) tổng hợp các báo cáo đã nhận của một kỳ (.xlsx, .pdf)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ")
    parser.add_argument("--out", required=True, type=Path, metavar="TỆP")
    parser.add_argument(
        "--chase",
        action="store_true",
        help="thay vào đó: danh sách đơn vị cần nhắc (chưa gửi, không hợp lệ, bị trả lại, "
        "chờ xác nhận người ký, trễ hạn) với người liên hệ",
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.exports import TITLES, Export, save_document
    from desktop.domain.periods import PeriodId

    period = PeriodId.parse(args.period)
    export = Export.CHASE if args.chase else Export.CONSOLIDATED
    saved = save_document(ws, export, str(period), args.out)
    emit(f"Đã lập {TITLES[export].lower()} {period.label}: {saved}")
    return EXIT_OK
