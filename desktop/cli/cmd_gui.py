"""`gui` (the default): open the window."""

from __future__ import annotations

import argparse
import importlib
import os
from pathlib import Path

from desktop.cli.output import Mode
from desktop.infra.paths import DB_ENV_VAR

HELP = "mở giao diện (mặc định)"


def arguments(parser: argparse.ArgumentParser) -> None:
    pass


def mode(args: argparse.Namespace) -> Mode:
    return Mode.NONE  # the window opens its database itself


def run(ws: None, args: argparse.Namespace) -> int:
    named = args.db or os.environ.get(DB_ENV_VAR)
    # The Qt shell is looked up at run time so the headless core never imports it;
    # `python -m desktop` stays the single entry point.
    shell = importlib.import_module("ui.app")
    return shell.run(Path(named).expanduser() if named else None)
