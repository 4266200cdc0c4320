"""An unexpected error in the window: a Vietnamese dialog with a report the clerk can
copy, the same report in a rotating log, and no transaction left half done."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop import __version__

if TYPE_CHECKING:
    from desktop.workspace import Workspace

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


def show(text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "Sổ Kế hoạch gặp lỗi", "")
    box.setText(
        "Đã xảy ra lỗi ngoài dự kiến. Thao tác đang làm không được ghi; dữ liệu đã lưu "
        "trước đó vẫn nguyên vẹn.\n\nHãy gửi nội dung chi tiết (bấm «Show Details…», "
        "chép lại) cho người hỗ trợ."
    )
    box.setDetailedText(text)
    box.exec()


def install(workspace: Callable[[], Workspace | None], log_file: Path) -> None:
    """Route every uncaught exception of the window here. The log is opened by the first
    one."""

    def handle(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        ws = workspace()
        if ws is not None and ws.db.conn.in_transaction:
            ws.db.execute("ROLLBACK")  # never leave the database mid-change
        text = report(kind, error, tb)
        with suppress(OSError):  # no log (a folder it may not write): the dialog all the same
            make_logger(log_file).error(text)
        show(text)

    sys.excepthook = handle
