"""An unexpected error in the window: a Vietnamese dialog with a report the clerk can
copy, the same report in a rotating log, and no transaction left half done."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop.infra.error_log import make_logger, report

if TYPE_CHECKING:
    from desktop.workspace import Workspace


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
