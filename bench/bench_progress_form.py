"""How fast the progress form is on the demo plan, beside an empty QDialog. Prints figures.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_progress_form.py [RUNS]

Target (issue 7): opening the form and "Lưu và sang nhiệm vụ tiếp" each ≤ 100 ms.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog

from desktop.demo import build_demo
from desktop.domain.periods import PeriodId
from desktop.reports.status import build_status
from desktop.workspace import Workspace
from ui.progress_dialog import ProgressDialog


def timed(label: str, runs: list[float]) -> None:
    ms = [r * 1000 for r in runs]
    print(f"{label:<52} {statistics.median(ms):8.1f} ms (best {min(ms):.1f}, n={len(ms)})")


def shown(dialog: QDialog, app: QApplication) -> None:
    dialog.show()
    app.processEvents()


def main(runs: int) -> None:
    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="sokh-form-"))
    with Workspace.open(folder / "demo.db", create=True) as ws:
        plan = build_demo(ws)
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        items = build_status(ws, plan, period).tasks
        empty, opening, saving = [], [], []
        for _ in range(runs):
            start = time.perf_counter()
            dialog = QDialog()
            shown(dialog, app)
            empty.append(time.perf_counter() - start)
            dialog.close()

            start = time.perf_counter()
            form = ProgressDialog(ws, plan, period, items, 0)
            shown(form, app)
            opening.append(time.perf_counter() - start)
            for _ in range(10):
                form.result_text.setPlainText(f"Kết quả ghi lúc {time.perf_counter():.3f}")
                start = time.perf_counter()
                form.save_and_next()
                app.processEvents()
                saving.append(time.perf_counter() - start)
            form._dirty = False
            form.close()
            form.deleteLater()
            dialog.deleteLater()
            app.processEvents()
    print(f"Python {sys.version.split()[0]}, demo plan 79/KH-UBND (45 tasks), year 2025")
    timed("open an empty QDialog (baseline)", empty)
    timed("open the progress form on task I.1", opening)
    timed("Lưu và sang nhiệm vụ tiếp (one task)", saving)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
