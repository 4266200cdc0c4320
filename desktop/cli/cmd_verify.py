"""`verify`: a package checked as the level above receives it (no database needed)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.cli.output import EXIT_ERROR, EXIT_OK, JSON_HELP, Mode, emit, error
from desktop.errors import InvalidInput, UserError

HELP = "kiểm tra một gói .asice: toàn vẹn, chữ ký, chứng thư tin cậy"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("package", type=Path, metavar="GÓI.asice")
    parser.add_argument(
        "--trust", action="append", type=Path, default=[], metavar="ROOT.pem",
        help="chứng thư gốc tin cậy (lặp lại cho nhiều gốc)",
    )  # fmt: skip
    parser.add_argument(
        "--crl", action="append", type=Path, default=[], metavar="TỆP.crl",
        help="danh sách chứng thư thu hồi (lặp lại cho nhiều danh sách)",
    )  # fmt: skip
    parser.add_argument(
        "--require-revocation", action="store_true",
        help="từ chối gói mà chưa kiểm tra được thu hồi chứng thư của người ký",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.NONE  # it reads the trusted roots of a database, if there is one


def run(ws: None, args: argparse.Namespace) -> int:
    from desktop.infra.paths import default_db_path
    from desktop.package.verify import Revocations, load_roots, verify_file
    from desktop.services.trust import read_certificates

    try:
        roots = load_roots(args.trust)
        lists = [der for path in args.crl for der in read_certificates(path)]
    except ValueError as exc:
        raise InvalidInput(f"Không đọc được chứng thư gốc: {exc}") from exc
    required = args.require_revocation
    database = args.db or default_db_path()
    if Path(database).exists():  # and those imported in settings
        from desktop.workspace import Workspace

        try:
            with Workspace.open(database, read_only=True, wait=0.0) as opened:
                roots += opened.trust.certificates()
                lists += opened.trust.revocation_lists()
                required = required or opened.trust.require_revocation()
        except UserError as exc:
            error(f"không dùng được chứng thư gốc đã nhập: {exc}", prefix="Cảnh báo: ")
    try:
        revocations = Revocations.load(lists, required)
    except ValueError as exc:
        raise InvalidInput(f"Không đọc được danh sách chứng thư thu hồi: {exc}") from exc
    verdict = verify_file(args.package, roots, revocations)
    if args.json:
        emit(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
    else:
        emit(verdict.render())
    return EXIT_OK if verdict.accepted else EXIT_ERROR
