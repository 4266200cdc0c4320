"""`init`: create (or upgrade) a database and set the office."""

from __future__ import annotations

import argparse

from desktop.cli.output import EXIT_OK, Mode, emit
from desktop.workspace import Workspace

HELP = "tạo (hoặc nâng cấp) cơ sở dữ liệu"


def arguments(parser: argparse.ArgumentParser) -> None:
    from desktop.domain.model import OfficeLevel

    parser.add_argument("--name", metavar="TÊN", help="tên xã/phường, ví dụ: Trần Liêu")
    parser.add_argument(
        "--level",
        choices=[level.value for level in OfficeLevel],
        metavar="CẤP",
        default=OfficeLevel.XA.value,
        help="cấp hành chính: xa, phuong, dac_khu, huyen, tinh (mặc định: xa)",
    )
    parser.add_argument(
        "--agency-code", default="", metavar="MÃ", help="mã định danh điện tử của cơ quan"
    )
    parser.add_argument(
        "--parent",
        default="",
        metavar="TÊN",
        help="đơn vị hành chính cấp trên, ví dụ: tỉnh Nghệ An",
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.CREATE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    office = before = ws.office.get()
    if args.name is not None:  # an empty name is refused, not ignored
        office = ws.office.save(args.name, args.level, args.agency_code, args.parent)
        if note := ws.office.renaming_note(before, office):
            emit(note)
    where = f" cho {office.committee}" if office else ""
    emit(f"Đã sẵn sàng cơ sở dữ liệu{where}: {ws.path}")
    return EXIT_OK
