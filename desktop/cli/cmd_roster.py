"""`roster` (the level above): the offices expected to report, and the periods they owe."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, Mode, emit
from desktop.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "(cấp trên) nhập danh sách đơn vị phải báo cáo từ .csv hoặc .xlsx"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", type=Path, nargs="?", metavar="TỆP", help="Tên đơn vị, Cấp, Mã định danh"
    )
    parser.add_argument("--period", metavar="KỲ", help="kỳ phải báo cáo (cùng --due)")
    parser.add_argument("--due", metavar="NGÀY", help="hạn nộp của kỳ đó, dd/mm/yyyy")
    parser.add_argument(
        "--confirm-signer",
        metavar="ĐƠN_VỊ",
        help="xác nhận người ký mới của đơn vị (mã, hoặc cấp và tên): các gói đang chờ được "
        "tính, chứng thư của người ký được ghi nhận cho đơn vị",
    )


def mode(args: argparse.Namespace) -> Mode:
    return Mode.CREATE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.roster import read_roster
    from desktop.domain.periods import PeriodId
    from desktop.services.base import to_date

    if args.file is None and not args.period and not args.confirm_signer:
        raise InvalidInput(
            "Cần tệp danh sách đơn vị, --period KỲ --due NGÀY, hoặc --confirm-signer ĐƠN_VỊ."
        )
    if args.file is not None:
        count = ws.receiving.set_roster(read_roster(args.file))
        emit(f"Đã cập nhật danh sách: {count} đơn vị; tổng cộng {len(ws.receiving.roster())}.")
    if args.period:
        if not args.due:
            raise InvalidInput("Kỳ phải báo cáo cần hạn nộp: --due dd/mm/yyyy.")
        period = PeriodId.parse(args.period)
        due = to_date(args.due, "Hạn nộp")
        assert due is not None  # an empty date was refused above
        ws.receiving.expect(str(period), due)
        emit(f"Kỳ phải báo cáo: {period.label}, hạn nộp {due:%d/%m/%Y}.")
    if args.confirm_signer:
        office = ws.receiving.lookup(args.confirm_signer)
        for signer in ws.receiving.confirm_signer(office):
            emit(f"Đã ghi nhận người ký của {office.title}: {signer.describe()}")
    return EXIT_OK
