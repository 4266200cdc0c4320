"""`package`: the period's signed package (.asice) to send up, signed with a .p12 file or
a USB token, optionally around a report signed in another tool."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import (
    EXIT_OK,
    JSON_HELP,
    PERIOD_HELP,
    PLAN_HELP,
    SECRET_HELP,
    Mode,
    emit,
    secret,
)
from desktop.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "lập gói báo cáo đã ký số (.asice) của một kỳ để gửi cấp trên"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="KỲ", help=PERIOD_HELP)
    parser.add_argument("--plan", metavar="KẾ_HOẠCH", help=PLAN_HELP)
    parser.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--p12", type=Path, metavar="TỆP", help="tệp chứng thư số .p12/.pfx")
    source.add_argument(
        "--pin-env", metavar="BIẾN", help="ký bằng USB token: biến môi trường chứa mã PIN"
    )
    parser.add_argument("--passphrase-env", metavar="BIẾN", help=SECRET_HELP + " (cùng --p12)")
    parser.add_argument(
        "--pkcs11-lib", type=Path, metavar="TỆP",
        help="thư viện PKCS#11 của token (.so/.dll); lần sau dùng lại đường dẫn đã lưu",
    )  # fmt: skip
    parser.add_argument("--token-label", metavar="NHÃN", help="nhãn token khi cắm nhiều token")
    parser.add_argument(
        "--signed-pdf", type=Path, metavar="TỆP",
        help="báo cáo đã ký bằng phần mềm khác (xuất bằng report --for-signing)",
    )  # fmt: skip
    parser.add_argument("--reason", default="", metavar="LÝ_DO", help="lý do gửi lại (lần 2…)")
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.WRITE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.domain.periods import PeriodId
    from desktop.signing.sources import Pkcs12File
    from desktop.signing.token import Pkcs11Token, token_library
    from desktop.submission.build import make_package

    plan = ws.plans.resolve(args.plan)
    period = ws.periods.get(PeriodId.parse(args.period), plan.id)
    signed_pdf = None
    if args.signed_pdf is not None:
        try:
            signed_pdf = args.signed_pdf.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"Không đọc được «{args.signed_pdf}»: {exc.strerror}.") from exc
    if args.p12 is not None:
        if not args.passphrase_env:
            raise InvalidInput("Tệp .p12 cần mật khẩu: --passphrase-env BIẾN.")
        made = make_package(
            ws, plan, period, Pkcs12File(args.p12, secret(args.passphrase_env)), args.out,
            reason=args.reason, signed_pdf=signed_pdf,
        )  # fmt: skip
    else:
        library = token_library(ws, args.pkcs11_lib)
        pin = secret(args.pin_env).decode("utf-8")
        with Pkcs11Token(library, pin, ws.now(), token_label=args.token_label) as token:
            made = make_package(
                ws, plan, period, token, args.out, reason=args.reason, signed_pdf=signed_pdf
            )
    if args.json:
        certificate = made.certificate
        result = {
            "file": str(made.path),
            "sha256": made.sha256,
            "sequence": made.sequence,
            "trial": made.trial,
            "certificate": {
                "subject": certificate.subject,
                "issuer": certificate.issuer,
                "not_before": certificate.not_before.isoformat(),
                "not_after": certificate.not_after.isoformat(),
            },
        }
        emit(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        emit(made.certificate.describe())
        emit(f"Đã lập gói báo cáo {period.label} lần {made.sequence}: {made.path}")
        emit(f"SHA-256: {made.sha256}")
    return EXIT_OK
