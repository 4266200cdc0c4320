"""`outbox`: every package made here and where each went."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from desktop.cli.output import EXIT_OK, JSON_HELP, Mode, emit

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
        emit(f"{entry.label}: {entry.package.file_name} (lập {entry.package.created_at})")
        for d in entry.deliveries:
            way = "USB" if d.kind == "usb" else "thư"
            emit(f"  đã gửi qua {way} {d.destination} lúc {d.delivered_at}")
        if not entry.deliveries:
            emit("  chưa gửi")
    return EXIT_OK
