"""`trial-ca`: a training CA and signer certificate, marked THỬ NGHIỆM everywhere."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from desktop.cli.output import EXIT_OK, SECRET_HELP, Mode, emit, secret

HELP = "tạo CA và chứng thư số THỬ NGHIỆM để tập huấn (root.pem, signer.p12)"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, type=Path, metavar="THƯ_MỤC")
    parser.add_argument("--name", default="Cán bộ tập huấn", metavar="TÊN", help="tên người ký")
    parser.add_argument("--passphrase-env", required=True, metavar="BIẾN", help=SECRET_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.NONE


def run(ws: None, args: argparse.Namespace) -> int:
    from desktop.signing.trial_ca import make_trial_ca

    made = make_trial_ca(args.out, args.name, secret(args.passphrase_env), datetime.now(UTC))
    emit(
        f"Đã tạo CA THỬ NGHIỆM: {made.root}\nChứng thư người ký (THỬ NGHIỆM): {made.signer}\n"
        f"Chứng thư để gửi đơn vị cấp dưới đăng ký (settings --upper-cert): {made.certificate}"
    )
    return EXIT_OK
