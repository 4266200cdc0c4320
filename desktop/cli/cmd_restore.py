"""`restore`: replace everything with a backup, keeping a copy of what it replaces."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, Mode, emit
from desktop.errors import InvalidInput

if TYPE_CHECKING:
    from db import CopyCheck
    from desktop.infra.backups import Damaged
    from desktop.workspace import Workspace

HELP = "thay toàn bộ dữ liệu bằng một bản sao lưu (giữ lại bản hiện tại)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, metavar="TỆP", help="tệp sao lưu")
    parser.add_argument("--yes", action="store_true", help="không hỏi lại")
    parser.add_argument(
        "--accept-broken-history",
        action="store_true",
        help="khôi phục cả khi nhật ký thay đổi của bản sao lưu không còn nguyên vẹn",
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.WRITE


def _broken_history(check: CopyCheck, args: argparse.Namespace) -> str | None:
    """What is wrong with the backup's history of changes; restoring it then takes its
    own consent, which --yes alone does not give."""
    from desktop.reports.history_warning import chain_warning

    warning = chain_warning(check.chain) if check.chain else None
    if warning is None:
        return None
    warning = f"Bản sao lưu {args.source}: {warning}"
    if args.yes and not args.accept_broken_history:
        raise InvalidInput(
            f"{warning} Khôi phục bản này chỉ khi chắc chắn: thêm --accept-broken-history."
        )
    return warning


def _confirmed(args: argparse.Namespace, question: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise InvalidInput("Khôi phục thay toàn bộ dữ liệu: hãy xác nhận bằng --yes.")
    if input(f"{question} Tiếp tục? [c/K] ").strip().lower() in ("c", "có", "co", "y"):
        return True
    emit("Đã hủy, dữ liệu không thay đổi.")
    return False


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.infra.backups import check_restorable

    check = check_restorable(args.source)
    question = (
        f"Khôi phục sẽ thay toàn bộ dữ liệu trong {ws.path} bằng bản sao lưu {args.source}; "
        "bản hiện tại được giữ lại trong thư mục sao_luu."
    )
    if warning := _broken_history(check, args):
        question = f"{warning} {question}"
    if _confirmed(args, question):
        kept = ws.backups.restore(args.source)
        emit(f"Đã khôi phục từ {args.source}. Dữ liệu trước khi khôi phục được giữ ở {kept}.")
    return EXIT_OK


def when_damaged(damaged: Damaged, args: argparse.Namespace) -> int:
    """The database cannot be opened, damaged: the backup takes the file's place."""
    from datetime import datetime

    from desktop.infra.backups import check_restorable
    from desktop.infra.file_health import recover

    question = (
        f"Cơ sở dữ liệu {damaged.path} đã hỏng ({damaged.problem}). Khôi phục sẽ thay nó bằng "
        f"bản sao lưu {args.source}; tệp hỏng được giữ lại trong thư mục sao_luu."
    )
    if warning := _broken_history(check_restorable(args.source), args):
        question = f"{warning} {question}"
    if _confirmed(args, question):
        kept = recover(damaged.path, args.source.expanduser(), datetime.now().astimezone())
        emit(f"Đã khôi phục từ {args.source}. Tệp hỏng được giữ ở {kept}.")
    return EXIT_OK
