"""Start-up: `status` and the window's first paint, beside their bare baselines.

    .venv/bin/python bench/bench_startup.py [--runs N] [--bundle dist/SoKeHoach]

Each figure is the wall time of a whole process, spawn to exit. Each of --runs runs
(default 7) times the baseline and the command back to back; the ratio printed is the
median of those pairs' ratios, because the machine is shared and its load comes in bursts:

- 'status' (`python -m desktop --db demo.db status`) against a bare
  `python -c "import sqlite3"`; target ≤ 4×.
- the window (`python -m desktop --db demo.db gui`, offscreen, leaving after its first
  paint through $SO_KE_HOACH_FIRST_PAINT_EXIT) against a bare PySide6 window holding a
  50-row table, leaving after its first paint too; target ≤ 1.5×.

With --bundle, the same two through the bundle's executables (SoKeHoach-cli and
SoKeHoach), against the same baselines. Then the modules a start imports that the first
screen does not need (documents, signing, packages, import) are listed: there should be
none.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv)
window = QMainWindow()
table = QTableWidget(50, 5)
for row in range(50):
    for column in range(5):
        table.setItem(row, column, QTableWidgetItem(f"Nhiệm vụ {row}.{column}"))
window.setCentralWidget(table)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
probe = FirstPaint()
window.installEventFilter(probe)
window.resize(1200, 800)
window.show()
app.exec()
"""

# What the first screen must not need: loaded on first use.
LATE_MODULES = ("desktop.documents", "desktop.signing", "desktop.package", "desktop.importing",
                "desktop.consolidation", "openpyxl", "reportlab", "pyhanko", "docx",
                "cryptography", "pypdfium2")  # fmt: skip


def _run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT, timeout=120)
    return (time.perf_counter() - start) * 1000


def paired(command: list[str], baseline: list[str], env: dict[str, str], runs: int):
    """(median ms, baseline's median ms, median of the per-pair ratios). Each run times
    the baseline then the command back to back, so a burst of load on this shared
    machine weighs on both; one unmeasured run of each first leaves the compiled .pyc
    files a clerk's machine (or the bundle) has."""
    _run(baseline, env), _run(command, env)
    pairs = [(_run(command, env), _run(baseline, env)) for _ in range(runs)]
    return (statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs),
            statistics.median(p[0] / p[1] for p in pairs))  # fmt: skip


def late_imports(env: dict[str, str], command: list[str]) -> list[str]:
    """Modules among LATE_MODULES that a start imported (python -X importtime)."""
    done = subprocess.run([PYTHON, "-X", "importtime", *command], env=env, check=True,
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    return sorted(n for n in names if n.split(".")[0] in LATE_MODULES or n in LATE_MODULES
                  or any(n.startswith(m + ".") for m in LATE_MODULES))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, help="the bundle's folder (dist/SoKeHoach)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sokh-bench-start-") as name:
        work = Path(name)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(work),
                   XDG_DATA_HOME=str(work), SO_KE_HOACH_FIRST_PAINT_EXIT="1")  # fmt: skip
        env.pop("SO_KE_HOACH_DB", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # set on CI machines: every start compiles
        database = work / "demo.db"
        subprocess.run([PYTHON, "-m", "desktop", "--db", str(database), "demo"], env=env,
                       check=True, capture_output=True, cwd=ROOT)  # fmt: skip
        runs = arguments.runs
        sqlite = [PYTHON, "-c", "import sqlite3"]
        window = [PYTHON, "-c", BARE_WINDOW]
        status = [PYTHON, "-m", "desktop", "--db", str(database), "status"]
        gui = [PYTHON, "-m", "desktop", "--db", str(database), "gui"]
        cases = [("status (source)", status, "import sqlite3", sqlite, 4),
                 ("first paint (source)", gui, "bare window", window, 1.5)]  # fmt: skip
        if arguments.bundle:
            cli, app = arguments.bundle / "SoKeHoach-cli", arguments.bundle / "SoKeHoach"
            cases += [
                ("status (bundle)", [str(cli), "--db", str(database), "status"],
                 "import sqlite3", sqlite, 4),
                ("first paint (bundle)", [str(app), "--db", str(database), "gui"],
                 "bare window", window, 1.5),
            ]  # fmt: skip
        print(f"{runs} pairs (baseline, then the command), whole processes; medians")
        print(f"{'':<22} {'ms':>7}   {'baseline':<15} {'ms':>7} {'ratio':>6} {'target':>7}")
        for label, command, base_label, baseline, target in cases:
            ms, base, ratio = paired(command, baseline, env, runs)
            mark = "ok" if ratio <= target else "MISSED"
            print(f"{label:<22} {ms:>7.0f}   {base_label:<15} {base:>7.0f} {ratio:>5.2f}× "
                  f"≤ {target}×  {mark}")  # fmt: skip
        for label, command in (("status", status[1:]), ("gui", gui[1:])):
            late = late_imports(env, command)
            print(f"imported at {label} start, not needed by the first screen: "
                  f"{', '.join(late) if late else 'none'}")  # fmt: skip


if __name__ == "__main__":
    main()
