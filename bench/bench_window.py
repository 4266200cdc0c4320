"""Time to build the main window (status computed, tables filled), offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window.py [TASKS]

Measures the demo plan and a generated plan of TASKS tasks (default 2000) with a
year of monthly reports, built by bench_status.py's loader.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_status import build_big_plan
from PySide6.QtWidgets import QApplication

from desktop.demo import build_demo
from desktop.workspace import Workspace
from ui.main_window import MainWindow


def measure(app: QApplication, label: str, ws: Workspace) -> None:
    start = time.perf_counter()
    window = MainWindow(ws)
    window.resize(1500, 900)
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    window.tabs.setCurrentIndex(1)  # tasks tab: rows refit to wrapped text
    app.processEvents()
    app.processEvents()
    tasks = time.perf_counter()
    window.kind_box.setCurrentIndex(window.kind_box.findData("quarter:1"))
    app.processEvents()
    switched = time.perf_counter()
    print(
        f"{label:<34} open+paint {1000 * (shown - start):7.1f} ms · "
        f"tasks tab {1000 * (tasks - shown):7.1f} ms · "
        f"period switch {1000 * (switched - tasks):7.1f} ms"
    )
    window.close()


def main(task_count: int) -> None:
    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="sokh-bench-window-"))
    with Workspace.open(folder / "demo.db", create=True) as ws:
        build_demo(ws)
        measure(app, "demo plan (45 tasks)", ws)
    with Workspace.open(folder / "big.db", create=True) as ws:
        build_big_plan(ws, task_count, quiet=True)
        measure(app, f"generated plan ({task_count} tasks)", ws)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
