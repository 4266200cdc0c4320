"""Cấp trên: the offices that report here (typed or read from a file), receiving their
packages (files, or a whole folder off a USB stick, checked off the UI thread with the
count shown), following who sent what, the packages refused, and the consolidated report.
The level above's modules are imported on first use; the window then shows what was
written (`window.settle()`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.errors import UserError
from ui import ask, ops

if TYPE_CHECKING:
    from desktop.workspace import Workspace
    from ui.main_window import MainWindow

ROSTER_FILTER = "Danh sách đơn vị (*.csv *.xlsx);;Mọi tệp (*)"


def edit_roster(window: MainWindow) -> None:
    from ui.roster_dialog import RosterDialog

    RosterDialog(window.ws, window).exec()
    window.settle()


def roster_from_file(parent: QWidget, ws: Workspace) -> int | None:
    """The roster from the file the clerk picks (the menu's way and the wizard's): how
    many offices it now holds, or None when no file was chosen; a UserError as raised."""
    from desktop.consolidation.roster import read_roster

    chosen = ask.open_file(parent, "Chọn danh sách đơn vị (.csv, .xlsx)", ROSTER_FILTER)
    return None if chosen is None else ws.receiving.set_roster(read_roster(chosen))


def import_roster(window: MainWindow) -> None:
    try:
        count = roster_from_file(window, window.ws)
    except UserError as exc:
        ask.tell(window, "Danh sách đơn vị", str(exc), problem=True)
        return
    if count is None:
        return
    window.settle()
    ask.tell(window, "Danh sách đơn vị", f"Đã cập nhật {count} đơn vị phải báo cáo.")


def receive_files(window: MainWindow) -> None:
    receive(window, ask.open_files(window, "Chọn các gói báo cáo (.asice)"))


def receive_folder(window: MainWindow) -> None:
    folder = ask.folder(window, "Chọn thư mục (cả USB) chứa gói báo cáo", ask.documents_folder())
    if folder is not None:
        receive(window, [folder])


def receive(window: MainWindow, paths: list[Path]) -> None:
    """Check and take in these packages (folders are searched) off the UI thread, the count
    handled so far shown, then what became of each."""
    from desktop.consolidation.receive import receive as take_in
    from ui.receive_results import ReceiveResultsDialog

    if not paths:
        return
    ws = window.ws
    roots = ws.trust.certificates()
    done: list[tuple[int, int]] = []  # (files handled, files found), from the worker
    progress = QProgressDialog("Đang kiểm tra và tiếp nhận gói báo cáo…", "", 0, 0, window)
    progress.setWindowTitle("Tiếp nhận gói báo cáo")
    progress.setCancelButton(None)  # a batch stops only between whole packages
    progress.setMinimumDuration(0)
    ticker = QTimer(progress, interval=200)

    def show() -> None:
        if done:
            handled, total = done[-1]
            progress.setMaximum(total)
            progress.setValue(handled)
            progress.setLabelText(f"Đã xử lý {handled}/{total} gói…")

    ticker.timeout.connect(show)
    ticker.start()

    def finished(outcomes) -> None:
        ticker.stop()
        progress.close()
        window.settle()
        ReceiveResultsDialog(outcomes, window).exec()

    ops.run_op(
        window,
        "Đang kiểm tra và tiếp nhận gói báo cáo…",
        lambda: take_in(ws, paths, roots, lambda n, total: done.append((n, total))),
        finished,
    )


def show_matrix(window: MainWindow) -> None:
    from ui.tracking_dialog import MatrixDialog

    MatrixDialog(window.ws, window).exec()
    window.settle()  # an office's report may have been given back from it


def show_quarantine(window: MainWindow) -> None:
    from ui.quarantine_dialog import QuarantineDialog

    QuarantineDialog(window.ws, window).exec()
    window.settle()


def export_consolidated(window: MainWindow) -> None:
    """The consolidated report (or the list of offices to chase) of a period, as the
    clerk chooses in one small form."""
    from ui.export_dialog import export

    export(window, window.ws)
