"""`consolidate` (the level above): the period's consolidated report (.xlsx, .pdf)."""

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


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.report import consolidated
    from desktop.documents import saving
    from desktop.domain.periods import PeriodId

    period = PeriodId.parse(args.period)
    saved = saving.save(consolidated(ws, str(period)), args.out)
    emit(f"Đã lập báo cáo tổng hợp {period.label}: {saved}")
    return EXIT_OK
