"""`forms`: each unit's progress form for a period, one workbook per unit, to fill in and
send back (taken in by `take-forms`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, PERIOD_HELP, PLAN_HELP, Mode, emit

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "lập phiếu báo cáo tiến độ của một kỳ cho từng cơ quan, đơn vị (một .xlsx mỗi đơn vị)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Mỗi đơn vị một phiếu .xlsx: các nhiệm vụ đơn vị chủ trì, các nhiệm vụ giao chung và "
        "các chỉ tiêu đơn vị chủ trì, bên cạnh số liệu văn phòng đã ghi. Đơn vị điền vào các "
        "cột nền trắng rồi gửi lại; văn phòng nhận bằng lệnh take-forms."
    )
    parser.add_argument("--period", required=True, metavar="KỲ", help=PERIOD_HELP)
    parser.add_argument(
        "--out", required=True, type=Path, metavar="THƯ_MỤC", help="thư mục lưu các phiếu"
    )
    parser.add_argument(
        "--unit", metavar="TÊN", help="tên cơ quan, đơn vị (không có: mọi đơn vị có việc báo cáo)"
    )
    parser.add_argument("--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.domain.periods import PeriodId
    from desktop.unit_forms.write import write_forms

    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    saved = write_forms(ws, plan, period, args.out, args.unit)
    emit(
        f"Đã lập phiếu báo cáo tiến độ {period.label} cho {len(saved)} cơ quan, đơn vị "
        f"({plan.title}):"
    )
    for path in saved:
        emit(f"  {path}")
    return EXIT_OK
