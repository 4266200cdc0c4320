"""`annex`: each unit's danh mục nhiệm vụ giao, one PDF and one workbook per unit."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, PLAN_HELP, Mode, emit

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "in danh mục nhiệm vụ giao từng cơ quan, đơn vị (một .pdf và một .xlsx mỗi đơn vị)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--unit", metavar="TÊN", help="tên cơ quan, đơn vị (không có: mọi đơn vị được giao việc)"
    )
    parser.add_argument("--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP)
    parser.add_argument(
        "--out", required=True, type=Path, metavar="THƯ_MỤC", help="thư mục lưu các tệp"
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.documents import saving

    plan = ws.plans.resolve(args.plan)
    saved = saving.save_annexes(ws, plan, args.out, args.unit)
    emit(f"Đã lập danh mục nhiệm vụ giao {len(saved) // 2} cơ quan, đơn vị ({plan.title}):")
    for path in saved:
        emit(f"  {path}")
    return EXIT_OK
