"""Save a PNG of each main-window tab and each form, for looking at the GUI as a user would.

xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py DB OUT_DIR [W H]

The window is WxH (default 1500x900); the forms open at their own size over it.
"""

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui import database_actions
from ui.budget_dialogs import LineDialog, PaymentsDialog
from ui.document_settings_dialog import DocumentSettingsDialog
from ui.first_run import FirstRunWizard
from ui.indicator_dialog import IndicatorDialog
from ui.indicator_editor import IndicatorEditor, IndicatorForm
from ui.main_window import MainWindow
from ui.plan_editor import PlanEditor
from ui.plan_forms import PlanDialog, TaskDialog
from ui.progress_dialog import ProgressDialog
from ui.units_dialog import UnitsDialog

TABS = ["tong_quan", "nhiem_vu", "chi_tieu", "kinh_phi", "van_ban"]
SLOW = {"4_van_ban": 4000}  # ms: the document is made in the background first


def forms(window: MainWindow) -> dict:
    """Each form, opened as the clerk would open it from this window."""
    ws, report = window.ws, window.report
    made = {"tao_co_so_du_lieu": lambda: FirstRunWizard(Path("/tmp/so_ke_hoach.db"), window)}
    if window.plan is not None:
        plan = window.plan
        first = ws.tasks.list(plan.id)[0]
        made["ke_hoach"] = lambda: PlanDialog(ws, plan, window)
        made["soan_ke_hoach"] = lambda: PlanEditor(ws, plan, window)
        made["soan_chi_tieu"] = lambda: IndicatorEditor(ws, plan, window)
        indicator = next(iter(ws.indicators.list(plan.id)), None)
        if indicator is not None:
            group = next(g for g in ws.indicators.groups(plan.id) if g.id == indicator.group_id)
            made["sua_chi_tieu"] = lambda: IndicatorForm(ws, plan, group, indicator, window)
        made["sua_nhiem_vu"] = lambda: TaskDialog(
            ws, plan, ws.plans.section(first.section_id), first, window
        )
    made["co_quan"] = lambda: UnitsDialog(ws, window)
    made["thong_tin_van_ban"] = lambda: DocumentSettingsDialog(ws, window)
    if report is not None and report.tasks:
        made["ghi_tien_do"] = lambda: ProgressDialog(
            ws, window.plan, report.period, report.tasks, 0, window
        )
        made["ghi_chi_tieu"] = lambda: IndicatorDialog(
            ws, report.period, report.indicators, 0, window
        )
    rows = [r for r in window.budget.rows() if r.line.id]
    if rows:
        leaf = next(r.line for r in rows if not any(o.line.parent_id == r.line.id for o in rows))
        made["dong_du_toan"] = lambda: LineDialog(
            ws, window.plan.id, leaf.year, leaf, parent=window
        )
        made["giai_ngan"] = lambda: PaymentsDialog(ws, leaf, parent=window)
    return made


def select_task(window: MainWindow) -> None:
    """The tasks tab with its first task selected: the detail pane filled."""
    window.show_tab(window.tasks)
    window.tasks.view.setCurrentIndex(window.tasks.model.index(0, 0))


def main(db_path: Path, out: Path, width: int = 1500, height: int = 900) -> None:
    app = QApplication([])
    ws = database_actions.open_existing(db_path)
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(ws)
    window.resize(width, height)
    window.show()
    shots = [
        (f"{i}_{name}", lambda i=i: window.tabs.setCurrentIndex(i)) for i, name in enumerate(TABS)
    ]
    shots.insert(2, ("1_nhiem_vu_chi_tiet", lambda: select_task(window)))
    opened = []

    def open_form(make):
        dialog = make()
        dialog.show()
        opened.append(dialog)

    shots += [
        (f"form_{name}", lambda make=make: open_form(make)) for name, make in forms(window).items()
    ]

    def shoot(index: int = 0) -> None:
        if index == len(shots):
            app.quit()
            return
        name, prepare = shots[index]
        prepare()

        def grab() -> None:
            widget = opened.pop() if opened else window
            widget.grab().save(str(out / f"{name}.png"))
            if widget is not window:
                widget.hide()
            shoot(index + 1)

        QTimer.singleShot(SLOW.get(name, 300), grab)  # let layout settle and rows refit

    QTimer.singleShot(300, shoot)
    app.exec()
    ws.close()


if __name__ == "__main__":
    size = [int(v) for v in sys.argv[3:5]] or [1500, 900]
    main(Path(sys.argv[1]), Path(sys.argv[2]), *size)
