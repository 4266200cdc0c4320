"""`selftest`: the app checks itself on this computer, in a temporary folder."""

from __future__ import annotations

import argparse

from desktop.cli.output import Mode, emit

HELP = "tự kiểm tra phần mềm trên máy này, trong thư mục tạm (không đụng dữ liệu)"


def arguments(parser: argparse.ArgumentParser) -> None:
    pass


def mode(args: argparse.Namespace) -> Mode:
    return Mode.NONE  # its own database, in a temporary folder


def run(ws: None, args: argparse.Namespace) -> int:
    from desktop.selftest import run as selftest

    return selftest(emit)
