"""`status`: how the plan stands at a reporting period."""

from __future__ import annotations

import argparse
import json

from desktop.cli.output import EXIT_OK, JSON_HELP, Mode, emit
from desktop.workspace import Workspace

HELP = "tình hình thực hiện kế hoạch tại một kỳ báo cáo"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period",
        metavar="KỲ",
        help="mã kỳ: 2025-10, 2025-Q4, 2025-H1, 2025-9M, 2025 "
        "(mặc định: kỳ gần nhất đã có báo cáo tiến độ, nếu chưa có thì quý hiện tại)",
    )
    parser.add_argument(
        "--plan",
        metavar="KẾ_HOẠCH",
        help="số ký hiệu hoặc mã kế hoạch (mặc định: kế hoạch mới nhất)",
    )
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.domain.periods import PeriodId
    from desktop.reports.status import build_status, render_text

    if ws.plans.current() is None and not args.plan and not args.period:
        from desktop.reports.office_status import office_status, render_office_text

        status = office_status(ws)  # the level above: its office, its history
        emit(json.dumps(status, ensure_ascii=False, indent=2) if args.json else
             render_office_text(status))  # fmt: skip
        return EXIT_OK
    plan = ws.plans.resolve(args.plan)
    if args.period is not None:  # an empty period is refused, not ignored
        period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    else:
        period = ws.periods.suggested(plan)
    ws.refresh_history()  # the report says whether the history of changes can be trusted
    report = build_status(ws, plan, period)
    if args.json:
        emit(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        emit(render_text(report))
    return EXIT_OK
