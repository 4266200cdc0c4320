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
        "file",
        type=Path,
        nargs="?",
        metavar="TỆP",
        help="Tên đơn vị, Cấp, Mã định danh (và nếu có: Người liên hệ, Điện thoại, Thư điện tử)",
    )
    parser.add_argument("--period", metavar="KỲ", help="kỳ phải báo cáo (cùng --due)")
    parser.add_argument("--due", metavar="NGÀY", help="hạn nộp của kỳ đó, dd/mm/yyyy")
    parser.add_argument(
        "--confirm-signer",
        metavar="ĐƠN_VỊ",
        help="xác nhận người ký mới của đơn vị (mã, hoặc cấp và tên): các gói đang chờ được "
        "tính, chứng thư của người ký được ghi nhận cho đơn vị",
    )
    parser.add_argument(
        "--contact",
        metavar="ĐƠN_VỊ",
        help="ghi người liên hệ của đơn vị (mã, hoặc cấp và tên) bằng --person, --phone, "
        '--email (phần không ghi giữ như cũ; "" xóa)',
    )
    parser.add_argument("--person", metavar="TÊN", help="người liên hệ (cùng --contact)")
    parser.add_argument("--phone", metavar="SỐ", help="điện thoại (cùng --contact)")
    parser.add_argument("--email", metavar="ĐỊA_CHỈ", help="thư điện tử (cùng --contact)")


def mode(args: argparse.Namespace) -> Mode:
    return Mode.CREATE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.roster import read_roster
    from desktop.domain.periods import PeriodId
    from desktop.services.base import to_date

    if args.file is None and not (args.period or args.confirm_signer or args.contact):
        raise InvalidInput(
            "Cần tệp danh sách đơn vị, --period KỲ --due NGÀY, --confirm-signer ĐƠN_VỊ hoặc "
            "--contact ĐƠN_VỊ."
        )
    if not args.contact and (args.person, args.phone, args.email) != (None, None, None):
        raise InvalidInput("--person, --phone, --email đi cùng --contact ĐƠN_VỊ.")
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
    if args.contact:
        _set_contact(ws, args)
    return EXIT_OK


def _set_contact(ws: Workspace, args: argparse.Namespace) -> None:
    from dataclasses import replace

    office = ws.receiving.lookup(args.contact)
    given = {"person": args.person, "phone": args.phone, "email": args.email}
    contact = replace(office.contact, **{k: v for k, v in given.items() if v is not None})
    ws.receiving.update_office(replace(office, contact=contact))
    emit(f"Người liên hệ của {office.title}: {contact.checked().describe()}")
