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
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.NONE  # it reads the trusted roots of a database, if there is one


def run(ws: None, args: argparse.Namespace) -> int:
    from desktop.infra.paths import default_db_path
    from desktop.package.verify import load_roots, verify_file

    try:
        roots = load_roots(args.trust)
    except ValueError as exc:
        raise InvalidInput(f"Không đọc được chứng thư gốc: {exc}") from exc
    database = args.db or default_db_path()
    if Path(database).exists():  # and those imported in settings
        from desktop.workspace import Workspace

        try:
            with Workspace.open(database, read_only=True, wait=0.0) as opened:
                roots += opened.trust.certificates()
        except UserError as exc:
            error(f"không dùng được chứng thư gốc đã nhập: {exc}", prefix="Cảnh báo: ")
    verdict = verify_file(args.package, roots)
    if args.json:
        emit(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
    else:
        emit(verdict.render())
    return EXIT_OK if verdict.accepted else EXIT_ERROR
