"""`return` (the level above): an office's report sent back for correction, signed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, SECRET_HELP, Mode, emit, secret

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "(cấp trên) trả lại báo cáo của một đơn vị để chỉnh sửa (tệp .p7m đã ký)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="KỲ")
    parser.add_argument("--office", required=True, metavar="ĐƠN_VỊ", help="mã hoặc cấp và tên")
    parser.add_argument("--reason", required=True, metavar="LÝ_DO")
    parser.add_argument("--p12", required=True, type=Path, metavar="TỆP")
    parser.add_argument("--passphrase-env", required=True, metavar="BIẾN", help=SECRET_HELP)
    parser.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")


def mode(args: argparse.Namespace) -> Mode:
    return Mode.WRITE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.returns import return_for_correction
    from desktop.domain.periods import PeriodId
    from desktop.signing.sources import Pkcs12File

    office = ws.receiving.lookup(args.office)
    source = Pkcs12File(args.p12, secret(args.passphrase_env))
    path = return_for_correction(
        ws, office, str(PeriodId.parse(args.period)), args.reason, source, args.out
    )
    emit(f"Đã lập văn bản trả lại cho {office.title}: {path} (gửi kèm như gói báo cáo)")
    return EXIT_OK
