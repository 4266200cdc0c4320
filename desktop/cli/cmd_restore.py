"""`restore`: replace everything with a backup, keeping a copy of what it replaces."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, Mode, emit
from desktop.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "thay toàn bộ dữ liệu bằng một bản sao lưu (giữ lại bản hiện tại)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, metavar="TỆP", help="tệp sao lưu")
    parser.add_argument("--yes", action="store_true", help="không hỏi lại")


def mode(args: argparse.Namespace) -> Mode:
    return Mode.WRITE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.infra.backups import check_restorable

    check_restorable(args.source)
    question = (
        f"Khôi phục sẽ thay toàn bộ dữ liệu trong {ws.path} bằng bản sao lưu {args.source}; "
        "bản hiện tại được giữ lại trong thư mục sao_luu. Tiếp tục? [c/K] "
    )
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidInput("Khôi phục thay toàn bộ dữ liệu: hãy xác nhận bằng --yes.")
        if input(question).strip().lower() not in ("c", "có", "co", "y"):
            emit("Đã hủy, dữ liệu không thay đổi.")
            return EXIT_OK
    kept = ws.backups.restore(args.source)
    emit(f"Đã khôi phục từ {args.source}. Dữ liệu trước khi khôi phục được giữ ở {kept}.")
    return EXIT_OK
