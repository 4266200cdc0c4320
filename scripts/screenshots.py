"""Save a PNG of each main-window tab and each form, for looking at the GUI as a user would.

xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py DB OUT_DIR [W H]

The window is WxH (default 1500x900); the forms open at their own size over it. A form
the database cannot show (no indicator to record, no task to edit) is skipped with a line
saying so. A shot that fails ends the run with exit code 1 and its traceback: an
exception anywhere in the window, or a step still not done after STEP_LIMIT_MS.
"""

import sys
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui import database_actions, screen_room
from ui.main_window import MainWindow

sys.path.append(str(Path(__file__).resolve().parents[1] / "tests" / "ui"))
from gallery import forms  # the forms the screen-fit tests look at too

TABS = ["tong_quan", "nhiem_vu", "chi_tieu", "kinh_phi", "van_ban"]
SLOW = {"4_van_ban": 4000}  # ms: the document is made in the background first
STEP_LIMIT_MS = 60_000
Shot = tuple[str, Callable[[], object]]  # its file name, and what puts it on the screen


def select_task(window: MainWindow) -> None:
    """The tasks tab with its first task selected: the detail pane filled."""
    window.show_tab(window.tasks)
    window.tasks.view.setCurrentIndex(window.tasks.model.index(0, 0))


def main(db_path: Path, out: Path, width: int = 1500, height: int = 900) -> int:
    app = QApplication([])
    screen_room.install(app)  # each form fitted to the screen, as the app does
    ws = database_actions.open_existing(db_path)
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(ws)
    window.resize(width, height)
    window.show()
    shots: list[Shot] = [
        (f"{i}_{name}", partial(window.tabs.setCurrentIndex, i)) for i, name in enumerate(TABS)
    ]
    shots.insert(2, ("1_nhiem_vu_chi_tiet", lambda: select_task(window)))
    opened = []

    def open_form(make):
        dialog = make()
        dialog.show()
        opened.append(dialog)

    for name, make in forms(window, out / "moi.db").items():
        if isinstance(make, str):
            print(f"form_{name}: bỏ qua, {make}")
        else:
            shots.append((f"form_{name}", partial(open_form, make)))

    def grab(name: str) -> None:
        widget = opened.pop() if opened else window
        widget.grab().save(str(out / f"{name}.png"))
        if widget is not window:
            widget.hide()

    code = take(app, shots, grab)
    ws.close()
    return code


def take(app: QApplication, shots: list[Shot], grab: Callable[[str], None]) -> int:
    """Prepare each shot, let it settle, `grab(name)` it; 0 when all were taken. An
    exception ends the run with 1 (raised in a Qt callback it would only be printed, the
    chain of shots broken and the loop left waiting forever), as does a step that takes
    over STEP_LIMIT_MS."""
    watchdog = QTimer(singleShot=True, interval=STEP_LIMIT_MS)
    step = ""

    def fail(kind, error, trace) -> None:
        traceback.print_exception(kind, error, trace)
        print(f"{step}: thất bại", file=sys.stderr)
        app.exit(1)

    def too_long() -> None:
        print(f"{step}: quá {STEP_LIMIT_MS // 1000} giây", file=sys.stderr)
        app.exit(1)

    def shoot(index: int = 0) -> None:
        nonlocal step
        if index == len(shots):
            app.exit(0)
            return
        name, prepare = shots[index]
        step = name
        watchdog.start()
        prepare()

        def settled() -> None:
            grab(name)
            shoot(index + 1)

        QTimer.singleShot(SLOW.get(name, 300), settled)  # let layout settle and rows refit

    watchdog.timeout.connect(too_long)
    hook, sys.excepthook = sys.excepthook, fail
    try:
        QTimer.singleShot(300, shoot)
        return app.exec()
    finally:
        sys.excepthook = hook
        watchdog.stop()


if __name__ == "__main__":
    size = [int(v) for v in sys.argv[3:5]] or [1500, 900]
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), *size))
