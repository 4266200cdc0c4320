"""`reopen`: a period sent up opened again, with the reason (the next package is lần N+1)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, PERIOD_HELP, PLAN_HELP, Mode, emit

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "mở lại kỳ đã gửi gói để sửa số liệu (gói sau sẽ là lần tiếp theo)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="KỲ", help=PERIOD_HELP)
    parser.add_argument("--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP)
    parser.add_argument("--reason", required=True, metavar="LÝ_DO", help="vì sao cần sửa")


def mode(args: argparse.Namespace) -> Mode:
    return Mode.WRITE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.domain.periods import PeriodId

    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    ws.locks.reopen(plan.id, period, args.reason)
    emit(f"Đã mở lại kỳ {period.label} ({plan.title}). Gói gửi sau sẽ là lần tiếp theo.")
    return EXIT_OK
