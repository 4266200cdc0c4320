"""Long work off the UI thread, one operation at a time (the idea of Anki's CollectionOp).

`run_op(window, "Đang sao lưu…", lambda: backups.backup(ws, dest), on_done)` runs the
function on a worker thread while the window is disabled (so nothing else reads the
database meanwhile), then calls `on_done(result)` on the UI thread, or shows the
Vietnamese message of a UserError. The function must not touch Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop.errors import UserError
from ui import ask


class _Signals(QObject):
    finished = Signal(object, object)  # result, error


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]):
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it (in _running) until it has reported
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result, error = self.work(), None
        except BaseException as exc:  # handed to the UI thread, which decides
            result, error = None, exc
        with suppress(RuntimeError):  # the application closed meanwhile: no one waits
            self.signals.finished.emit(result, error)


_running: list[_Job] = []  # keeps each job (and its signals) alive until it reports


def run_op(
    parent: QWidget,
    message: str,
    work: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    title: str = "Sổ Kế hoạch",
) -> None:
    job = _Job(work)
    _running.append(job)
    parent.setEnabled(False)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    window = parent.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(message)

    def finished(result: Any, error: BaseException | None) -> None:
        _running.remove(job)
        QGuiApplication.restoreOverrideCursor()
        parent.setEnabled(True)
        if hasattr(window, "statusBar"):
            window.statusBar().clearMessage()
        if isinstance(error, UserError):
            ask.tell(parent, title, str(error), problem=True)
        elif error is not None:
            raise error  # reaches the crash dialog (ui.crash)
        elif on_done is not None:
            on_done(result)

    job.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(job)


def compute(
    pool: QThreadPool,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
) -> None:
    """Run `work` on `pool` while the window stays usable, then `on_done(result)` on the
    UI thread. For reading only (figures for a view): the caller drops stale results."""
    job = _Job(work)
    _running.append(job)

    def finished(result: Any, error: BaseException | None) -> None:
        _running.remove(job)
        if error is not None:
            raise error  # reaches the crash dialog (ui.crash)
        on_done(result)

    job.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    pool.start(job)
