"""`backup`: copy the database to a file, checked before it is called done."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, Mode, emit

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "sao lưu cơ sở dữ liệu ra một tệp (kiểm tra bản sao trước khi báo xong)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", required=True, type=Path, metavar="TỆP", help="tệp hoặc thư mục đích (ổ USB…)"
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.reports.history_warning import chain_warning
    from desktop.vietnamese.numbers import format_number

    made = ws.backups.backup(args.out)
    chain = made.check.chain
    warning = chain_warning(chain) if chain else None
    sealed = (
        f"; nhật ký thay đổi: {chain.seals} lần niêm phong, khớp" if chain and not warning else ""
    )
    emit(
        f"Đã sao lưu vào {made.path} ({format_number(made.size)} byte; "
        f"kiểm tra toàn vẹn: đạt{sealed})."
    )
    if warning:  # the copy keeps the evidence as it stands
        emit(f"Lưu ý: {warning} Bản sao giữ nguyên hiện trạng đó để làm bằng chứng.")
    return EXIT_OK
