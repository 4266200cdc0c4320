"""The report of an unexpected error and the rotating log it goes to: the window's crash
dialog (ui/crash.py) and the command line write the same report to the same file."""

from __future__ import annotations

import logging
import traceback
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from desktop import __version__

LOG_BYTES, LOG_FILES = 1_000_000, 5


def make_logger(log_file: Path) -> logging.Logger:
    # Imported on the first error, not at start: the window is shown sooner without them.
    from logging.handlers import RotatingFileHandler

    log_file.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(f"so_ke_hoach.crash.{log_file}")
    if not logger.handlers:
        handler = RotatingFileHandler(
            log_file, maxBytes=LOG_BYTES, backupCount=LOG_FILES, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger


def report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    import platform

    lines = [
        f"Sổ Kế hoạch {__version__} — Python {platform.python_version()} — {platform.platform()}",
        "".join(traceback.format_exception(kind, error, tb)).rstrip(),
    ]
    return "\n".join(lines)


def log_error(error: BaseException, log_file: Path) -> bool:
    """Write `error`'s report to the log; False when the log cannot be written."""
    with suppress(OSError):
        make_logger(log_file).error(report(type(error), error, error.__traceback__))
        return True
    return False
