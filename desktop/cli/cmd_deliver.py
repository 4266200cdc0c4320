"""`deliver`: a package made here, copied to a USB stick (read back) or as an e-mail
draft; recorded in the outbox."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, Mode, emit
from desktop.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "gửi gói: chép vào USB (đọc lại để kiểm tra) hoặc soạn thư điện tử"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("package", type=Path, metavar="GÓI.asice")
    way = parser.add_mutually_exclusive_group(required=True)
    way.add_argument("--usb", type=Path, metavar="THƯ_MỤC", help="thư mục trên USB")
    way.add_argument("--eml", type=Path, metavar="TỆP.eml", help="thư nháp để gửi")
    parser.add_argument("--to", metavar="ĐỊA_CHỈ", help="địa chỉ người nhận (cùng --eml)")


def mode(args: argparse.Namespace) -> Mode:
    return Mode.WRITE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.delivery import send

    if args.usb is not None:
        sent = send.to_usb(ws, args.package, args.usb)
        emit(f"{sent.said}\nSHA-256: {sent.sha256}")
        return EXIT_OK
    if not args.to:
        raise InvalidInput("Soạn thư cần địa chỉ người nhận: --to ĐỊA_CHỈ.")
    emit(send.by_email(ws, args.package, args.to, args.eml).said)  # saved, not sent
    return EXIT_OK
