"""`receive` (the level above): packages taken in (verified, kept, recorded, or refused
with the reason); a return from the level above taken in by an office (.p7m)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_ERROR, EXIT_OK, JSON_HELP, Mode, emit, error
from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "(cấp trên) tiếp nhận, kiểm tra và lưu các gói báo cáo"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="GÓI|THƯ_MỤC")
    parser.add_argument("--trust", action="append", type=Path, default=[], metavar="ROOT.pem")
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.CREATE


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.receive import QUARANTINED, receive, tally
    from desktop.package.verify import load_roots

    roots = load_roots(args.trust) + ws.trust.certificates()

    def progress(done: int, total: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\rĐã xử lý {done}/{total}", end="", file=sys.stderr, flush=True)

    returns = [p for p in args.paths if p.suffix.lower() == ".p7m"]
    refused = False
    if returns:  # an office's app receiving its report back for correction
        from desktop.consolidation.returns import read_return

        for path in returns:
            try:
                emit(read_return(ws, path, roots))
            except UserError as exc:  # said, and the next return is taken
                error(f"{path.name}: {exc.for_command_line()}")
                refused = True
        if len(returns) == len(args.paths):
            return EXIT_ERROR if refused else EXIT_OK
    outcomes = receive(ws, [p for p in args.paths if p not in returns], roots, progress)
    if args.json:
        emit(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False, indent=2))
    else:
        for outcome in outcomes:
            emit(f"[{outcome.status}] {outcome.file}: {outcome.detail}")
        emit(f"Tổng: {tally(outcomes)}")
    quarantined = any(o.status == QUARANTINED for o in outcomes)
    return EXIT_ERROR if quarantined or refused else EXIT_OK
