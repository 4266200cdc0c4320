"""`import`: bring a plan in from the annex file the level above sent."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_ERROR, EXIT_OK, JSON_HELP, Mode, emit

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "nhập kế hoạch từ tệp phụ lục cấp trên gửi (.xlsx, .docx)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Đọc bảng nhiệm vụ và bảng chỉ tiêu trong tệp, in những gì đọc được, "
        "rồi ghi vào cơ sở dữ liệu nếu không có lỗi (có lỗi thì không ghi gì)."
    )
    parser.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .docx")
    parser.add_argument("--dry-run", action="store_true", help="chỉ đọc và báo, không ghi gì")
    parser.add_argument("--json", action="store_true", help=JSON_HELP)
    parser.add_argument("--number", default="", metavar="SỐ", help="số ký hiệu kế hoạch")
    parser.add_argument(
        "--issued-on", default=None, metavar="NGÀY", help="ngày ban hành, YYYY-MM-DD"
    )
    parser.add_argument("--issuer", default="", metavar="TÊN", help="cơ quan ban hành")
    parser.add_argument(
        "--header-row",
        type=int,
        default=None,
        metavar="SỐ",
        help="hàng tiêu đề cột (khi tự dò sai)",
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ if args.dry_run else Mode.CREATE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop import importing

    understood = importing.understand(
        ws,
        args.file,
        number=args.number,
        issued_on=args.issued_on,
        issuer=args.issuer,
        header_row=args.header_row,
    )
    if not understood.errors and not args.dry_run:
        importing.write(ws, understood)
    if args.json:
        emit(json.dumps(understood.to_json(), ensure_ascii=False, indent=2))
    else:
        emit(importing.describe(understood, dry_run=args.dry_run))
    return EXIT_ERROR if understood.errors else EXIT_OK
