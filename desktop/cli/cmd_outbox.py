"""`outbox`: every package made here and where each went."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, JSON_HELP, Mode, emit
from desktop.services.outbox import NOT_DELIVERED
from desktop.vietnamese.dates import local_time

if TYPE_CHECKING:
    from desktop.workspace import Workspace

HELP = "các gói đã lập và nơi đã gửi"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def mode(args: argparse.Namespace) -> Mode:
    return Mode.READ


def run(ws: Workspace, args: argparse.Namespace) -> int:
    entries = ws.outbox.entries()
    if args.json:
        result = [
            {
                "uid": e.package.uid,
                "period": e.package.period_id,
                "sequence": e.package.sequence,
                "file": e.package.file_name,
                "sha256": e.package.sha256,
                "created_at": e.package.created_at,
                "trial": e.package.trial,
                "deliveries": [d.__dict__ for d in e.deliveries],
            }
            for e in entries
        ]
        emit(json.dumps(result, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        emit("Chưa lập gói nào.")
    for entry in entries:
        made = local_time(entry.package.created_at)
        emit(f"{entry.label}: {entry.package.file_name} (lập {made})")
        for d in entry.deliveries:
            emit(f"  {d.said}")
        if not entry.deliveries:
            emit(f"  {NOT_DELIVERED}")
    return EXIT_OK
