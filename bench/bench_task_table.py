"""The task table at 500, 2,000 and 5,000 tasks against a plain Qt baseline. Prints figures.

    .venv/bin/python bench/bench_task_table.py [SIZES...] [--runs N] [--keep DIR]

Plans are generated with the demo's real (long) task titles, a quarter reported through
the service and eleven months bulk-loaded (bench_status.build_big_plan). Each
measurement runs in a fresh process, so its peak memory is its own:

- app: the main window. Open until idle (window built, status computed and shown,
  painted, event queue empty), then on the 'Nhiệm vụ' tab: a state-filter change, a
  search keystroke, a period switch until the new figures are shown (a plan over
  INLINE_TASKS is counted off the UI thread: how long the switch holds the UI thread is
  printed too) and the table's share of it (TasksTab.show_report on a report at hand).
- baseline: the plain Qt way: the same rows' texts in a QStandardItemModel behind a
  QSortFilterProxyModel in a default QTableView, under a search box and a state combo
  box. The combo box sets the proxy's fixed-string filter on the state column, a
  keystroke its case-insensitive filter on the title; a period switch recomputes the
  status with the same core and refills the model.

Each figure is the median of --runs repetitions (default 7); ratios are app / baseline
from the same run, because this machine is shared and absolute times drift.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

SIZE = (1366, 768)
PERIODS = ("2026-Q1", "2026-Q2")  # the period switch goes back and forth between these


def build(path: Path, tasks: int) -> None:
    from bench_status import build_big_plan

    from desktop.demo import build_demo
    from desktop.workspace import Workspace

    with Workspace.open(path.with_suffix(".titles.db"), create=True) as ws:
        build_demo(ws)
        titles = [t.title for t in ws.tasks.list(ws.plans.current().id)]
    path.with_suffix(".titles.db").unlink()
    with Workspace.open(path, create=True) as ws:
        build_big_plan(ws, tasks, quiet=True, titles=titles)


def _idle(app) -> None:
    """Until the event queue is empty (posted events, layouts, paints)."""
    for _ in range(3):
        app.processEvents()


def _wait(app, until) -> None:
    """Let events run until `until()`, sleeping between them as the real event loop
    does (a busy loop would take the interpreter from the thread doing the work)."""
    from PySide6.QtCore import QEventLoop

    _idle(app)
    while not until():
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    _idle(app)


def _median_ms(action, runs: int, app, until=lambda: True) -> float:
    """Median time from the action to an idle event queue with `until()` true."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        _idle(app)
        _wait(app, until)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def _blocked_ms(action, runs: int, app, until) -> float:
    """Median time the UI thread is held by the action itself, before it returns to the
    event loop (work it started off the thread goes on; it is let finish untimed)."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
        _wait(app, until)
    return 1000 * statistics.median(times)


def measure_app(db: Path, runs: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from desktop.domain.periods import PeriodId
    from desktop.reports.status import build_status
    from desktop.workspace import Workspace
    from ui.main_window import MainWindow

    app = QApplication([])
    ws = Workspace.open(db)
    start = time.perf_counter()
    window = MainWindow(ws)
    window.resize(*SIZE)
    window.show()
    shown = lambda: window.report is not None and not window.counting  # noqa: E731
    _wait(app, shown)
    opened = 1000 * (time.perf_counter() - start)
    window.tabs.setCurrentWidget(window.tasks)
    window.select_period(PeriodId.parse(PERIODS[0]))
    _wait(app, shown)
    tab = window.tasks
    overdue = tab.state_filter.findData("qua_han")
    figures = {"open": opened}
    figures["filter"] = _median_ms(
        lambda i: tab.state_filter.setCurrentIndex(0 if i % 2 else overdue), runs, app
    )
    tab.state_filter.setCurrentIndex(0)
    figures["keystroke"] = _median_ms(
        lambda i: tab.search.setText("triển khai"[: 1 + i % 10]), runs, app
    )
    tab.search.clear()
    switch = lambda i: window.select_period(PeriodId.parse(PERIODS[(i + 1) % 2]))  # noqa: E731
    figures["period"] = _median_ms(switch, runs, app, until=shown)
    figures["period_blocked"] = _blocked_ms(switch, runs, app, shown)
    plan = window.plan
    reports = [build_status(ws, plan, ws.periods.get(PeriodId.parse(p), plan.id)) for p in PERIODS]
    figures["table_refill"] = _median_ms(lambda i: tab.show_report(reports[i % 2]), runs, app)
    figures["rows"] = tab.model.total()
    return figures


def measure_baseline(db: Path, runs: int) -> dict:
    from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QComboBox,
        QLineEdit,
        QTableView,
        QVBoxLayout,
        QWidget,
    )

    from desktop.domain.periods import PeriodId
    from desktop.domain.task_state import STATE_LABELS
    from desktop.reports.status import build_status
    from desktop.workspace import Workspace
    from ui.task_table import COLUMNS

    app = QApplication([])
    ws = Workspace.open(db)
    start = time.perf_counter()
    plan = ws.plans.current()
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels([c.header for c in COLUMNS])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    window, search, states, view = QWidget(), QLineEdit(), QComboBox(), QTableView()
    view.setModel(proxy)
    search.setClearButtonEnabled(True)  # as the app's: its fade-in repaints too
    layout = QVBoxLayout(window)
    for widget in (search, states, view):
        layout.addWidget(widget)
    window.resize(*SIZE)

    def fill(period: str) -> None:
        report = build_status(ws, plan, ws.periods.get(PeriodId.parse(period), plan.id))
        model.removeRows(0, model.rowCount())
        for item in report.tasks:
            model.appendRow([QStandardItem(c.text(item)) for c in COLUMNS])

    def filter_state() -> None:
        proxy.setFilterKeyColumn(len(COLUMNS) - 1)
        proxy.setFilterFixedString(states.currentData())

    def filter_title(text: str) -> None:
        proxy.setFilterKeyColumn(1)
        proxy.setFilterRegularExpression(
            QRegularExpression(
                QRegularExpression.escape(text),
                QRegularExpression.PatternOption.CaseInsensitiveOption,
            )
        )

    states.addItem("Tất cả", "")
    for label in STATE_LABELS.values():
        states.addItem(label, label)
    states.currentIndexChanged.connect(filter_state)
    search.textChanged.connect(filter_title)
    fill(PERIODS[0])
    window.show()
    _idle(app)
    figures = {"open": 1000 * (time.perf_counter() - start)}
    overdue = states.findData(STATE_LABELS[next(s for s in STATE_LABELS if s.value == "qua_han")])
    figures["filter"] = _median_ms(
        lambda i: states.setCurrentIndex(0 if i % 2 else overdue), runs, app
    )
    states.setCurrentIndex(0)
    figures["keystroke"] = _median_ms(
        lambda i: search.setText("triển khai"[: 1 + i % 10]), runs, app
    )
    search.clear()
    figures["period"] = _median_ms(lambda i: fill(PERIODS[(i + 1) % 2]), runs, app)
    figures["rows"] = model.rowCount()
    return figures


def run_child(kind: str, db: Path, runs: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(db), str(runs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(kind: str, db: Path, runs: int) -> None:
    figures = (measure_app if kind == "app" else measure_baseline)(db, runs)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures), flush=True)
    os._exit(0)  # PySide6 can crash tearing down thousands of QStandardItems at exit


def main(argv: list[str]) -> None:
    runs, keep, sizes = 7, None, []
    args = iter(argv)
    for arg in args:
        if arg == "--runs":
            runs = int(next(args))
        elif arg == "--keep":
            keep = Path(next(args))
        else:
            sizes.append(int(arg))
    folder = keep or Path(tempfile.mkdtemp(prefix="sokh-bench-table-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{SIZE[0]}x{SIZE[1]}, median of {runs} runs, databases in {folder}")
    header = f"{'tasks':>6} {'':<10}" + "".join(
        f"{h:>13}" for h in ("open ms", "filter ms", "keystroke ms", "period ms", "peak MB")
    )
    print(header)
    for size in sizes or [500, 2000, 5000]:
        db = folder / f"plan_{size}.db"
        if not db.exists():
            build(db, size)
        app, base = run_child("app", db, runs), run_child("baseline", db, runs)
        keys = ("open", "filter", "keystroke", "period", "peak_mb")
        for label, figures in (("app", app), ("baseline", base)):
            print(f"{size:>6} {label:<10}" + "".join(f"{figures[k]:>13.1f}" for k in keys))
        print(f"{size:>6} {'ratio':<10}" + "".join(f"{app[k] / base[k]:>13.2f}" for k in keys[:4]))
        print(
            f"{size:>6} {'app':<10} task table refill {app['table_refill']:.1f} ms; "
            f"period switch holds the UI thread {app['period_blocked']:.1f} ms"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]))
    else:
        main(sys.argv[1:])
