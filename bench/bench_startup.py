"""Start-up: `status` and the window's first paint, beside their bare baselines.

    .venv/bin/python bench/bench_startup.py [--runs N] [--bundle dist/SoKeHoach]

Each figure is a whole process, spawn to exit: its wall time, and its CPU time (steadier
when other jobs share the machine). Each of --runs runs (default 7) times the baseline and
the command back to back; the ratio printed is the median of those pairs' ratios, because
the machine is shared and its load comes in bursts:

- 'status' (`python -m desktop --db demo.db status`) against a bare
  `python -c "import sqlite3"`; target ≤ 4×.
- the main window (`python -m desktop --db demo.db gui`, offscreen, leaving after its
  first paint through $SO_KE_HOACH_FIRST_PAINT_EXIT) against a bare PySide6 window holding
  a 50-row table, leaving after its first paint too; target ≤ 1.5×.
- the card shown while the main window is built (ui/splash.py): the same start, leaving as
  soon as the card is painted. No target of its own: it is when a clerk sees the program
  answer, not when it is ready.

With --bundle, the same two through the bundle's executables (SoKeHoach-cli and
SoKeHoach), against the same baselines. Then the modules a start imports that the first
screen does not need (documents, signing, packages, import) are listed: there should be
none.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one whole process; CPU time (user + system, the process and its
    threads) barely moves when another job shares the machine, wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT, timeout=120)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def paired(command: list[str], baseline: list[str], env: dict[str, str], runs: int):
    """Per measure (wall, then CPU): (median ms, baseline's median ms, median of the
    per-pair ratios). Each run times the baseline then the command back to back, so a burst
    of load on this shared machine weighs on both; one unmeasured run of each first leaves
    the compiled .pyc files a clerk's machine (or the bundle) has."""
    _run(baseline, env), _run(command, env)
    pairs = [(_run(command, env), _run(baseline, env)) for _ in range(runs)]
    return [(statistics.median(c[i] for c, _ in pairs), statistics.median(b[i] for _, b in pairs),
             statistics.median(c[i] / b[i] for c, b in pairs)) for i in (0, 1)]  # fmt: skip


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
        card = dict(env, SO_KE_HOACH_FIRST_PAINT_EXIT="splash")  # leave once the card is shown
        # (label, command, its environment, baseline's label, baseline, target or None)
        cases = [("status (source)", status, env, "import sqlite3", sqlite, 4),
                 ("main window (source)", gui, env, "bare window", window, 1.5),
                 ("card shown (source)", gui, card, "bare window", window, None)]  # fmt: skip
        if arguments.bundle:
            cli, app = arguments.bundle / "SoKeHoach-cli", arguments.bundle / "SoKeHoach"
            bundled = [str(app), "--db", str(database), "gui"]
            cases += [
                ("status (bundle)", [str(cli), "--db", str(database), "status"], env,
                 "import sqlite3", sqlite, 4),
                ("main window (bundle)", bundled, env, "bare window", window, 1.5),
                ("card shown (bundle)", bundled, card, "bare window", window, None),
            ]  # fmt: skip
        print(
            f"{runs} pairs (baseline, then the command), whole processes; medians. The "
            "target is judged on wall time; CPU time is the steadier figure on a busy machine"
        )
        print(f"{'':<22} {'':<5} {'ms':>6}   {'baseline':<15} {'ms':>6} {'ratio':>6} {'target':>7}")
        for label, command, case_env, base_label, baseline, target in cases:
            figures = paired(command, baseline, case_env, runs)
            for measure, (ms, base, ratio) in zip(("wall", "CPU"), figures, strict=True):
                goal, mark = "", ""
                if target is not None:
                    goal = f"≤ {target}×"
                    mark = ("ok" if ratio <= target else "MISSED") if measure == "wall" else ""
                print(f"{label:<22} {measure:<5} {ms:>6.0f}   {base_label:<15} {base:>6.0f} "
                      f"{ratio:>5.2f}× {goal:>6}  {mark}")  # fmt: skip
        for label, command in (("status", status[1:]), ("gui", gui[1:])):
            late = late_imports(env, command)
            print(f"imported at {label} start, not needed by the first screen: "
                  f"{', '.join(late) if late else 'none'}")  # fmt: skip


if __name__ == "__main__":
    main()
