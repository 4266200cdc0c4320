"""`matrix` (the level above): who sent the period's report, on time, late, again, or not."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, JSON_HELP, Mode, emit

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "(cấp trên) đơn vị nào đã gửi, đúng hạn, trễ, gửi lại, chưa gửi"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, metavar="KỲ", help="mã kỳ, ví dụ 2025")
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop.consolidation.matrix import LABELS, matrix, tally
    from desktop.domain.periods import PeriodId

    period = PeriodId.parse(args.period)
    rows = matrix(ws, str(period))
    if args.json:
        emit(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        extra = f" lần {row.sequence}" if row.sequence else ""
        late = f", trễ {row.days_late} ngày" if row.days_late else ""
        emit(f"{row.office.title}: {LABELS[row.standing]}{extra}{late}")
    counts = [f"{LABELS[s]} {n}" for s, n in tally(rows).items() if n]
    emit(f"{period.label}: " + ", ".join(counts))
    return EXIT_OK
