"""`demo`: load a demo office and its plan into an empty database."""

from __future__ import annotations

import argparse

from desktop.cli.output import EXIT_OK, Mode, emit
from desktop.workspace import Workspace

HELP = "nạp dữ liệu mẫu vào cơ sở dữ liệu"


def arguments(parser: argparse.ArgumentParser) -> None:
    from desktop.demo import DEFAULT_DEMO, DEMOS

    parser.add_argument(
        "which",
        nargs="?",
        choices=list(DEMOS),
        default=DEFAULT_DEMO,
        metavar="MẪU",
        help="tran-lieu: Kế hoạch 79/KH-UBND phường Trần Liêu (mặc định); "
        "hung-nguyen: Kế hoạch 41/KH-UBND xã Hưng Nguyên, có dự toán kinh phí. "
        "Mỗi mẫu là một cơ quan, cần một cơ sở dữ liệu riêng",
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.CREATE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.demo import build_demo

    plan = build_demo(ws, args.which)
    emit(f"Đã nạp dữ liệu mẫu: {plan.title} vào {ws.path}")
    return EXIT_OK
