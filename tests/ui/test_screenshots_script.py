"""A plan without indicators (issue 25, point 10): the indicator form says there is
nothing to record instead of failing, scripts/screenshots.py skips that form with a line
saying so, and a shot that fails ends the script with exit code 1 instead of leaving it
waiting forever."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from annex_files import write_xlsx
from demo_files import ACTOR
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.importing import understand, write
from desktop.workspace import Workspace
from ui.indicator_dialog import IndicatorDialog
from ui.main_window import MainWindow

SCRIPT = Path(__file__).parents[2] / "scripts" / "screenshots.py"
SKIPPED = "form_ghi_chi_tieu: bỏ qua, kế hoạch chưa có chỉ tiêu"


def load_script():
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def bare_plan(db_path: Path, clock, tmp_path) -> Path:
    """A database holding a plan imported from an annex of tasks with no indicator."""
    ws = Workspace.open(db_path, actor=ACTOR, clock=clock, create=True)
    ws.office.save("Hưng Nguyên", "xa", parent_name="tỉnh Nghệ An")
    write(ws, understand(ws, write_xlsx(tmp_path / "phu_luc.xlsx", indicator_rows=[])))
    ws.close()
    return db_path


@pytest.fixture
def bare_window(qtbot, bare_plan: Path, clock):
    ws = Workspace.open(bare_plan, actor=ACTOR, clock=clock)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert window.report is not None and window.report.tasks and not window.report.indicators
    yield window
    window.close()
    ws.close()


def test_the_indicator_form_without_indicators_says_so(qtbot, bare_window):
    report = bare_window.report
    form = IndicatorDialog(bare_window.ws, report.period, [], 0, bare_window)
    qtbot.addWidget(form)
    assert form.heading.text() == "Kế hoạch này chưa có chỉ tiêu nào."
    assert "Soạn chỉ tiêu" in form.name.text()
    fields = (form.number, form.text, form.note)
    buttons = (form.save_button, form.next_button, form.delete_button)
    assert not any(widget.isEnabled() for widget in fields + buttons)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert form.problem.text() == ""  # Lưu và sang chỉ tiêu tiếp is off too
    assert form.close()


def test_a_failing_shot_ends_the_run_with_an_error(qtbot, capsys):
    take = load_script().take
    taken: list[str] = []

    def broken() -> None:
        raise IndexError("list index out of range")

    shots = [("a", lambda: None), ("b", broken), ("c", lambda: None)]
    assert take(QApplication.instance(), shots, taken.append) == 1
    assert taken == ["a"]
    errors = capsys.readouterr().err
    assert "IndexError: list index out of range" in errors and "b: thất bại" in errors
    assert take(QApplication.instance(), shots[:1] + shots[2:], taken.append) == 0
    assert taken == ["a", "a", "c"]


def test_the_script_runs_through_a_plan_without_indicators(bare_plan: Path, tmp_path):
    out = tmp_path / "anh"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(bare_plan), str(out), "1024", "700"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert SKIPPED in run.stdout.splitlines()
    shots = {p.stem for p in out.glob("*.png")}
    assert {"0_tong_quan", "1_nhiem_vu_chi_tiet", "form_ghi_tien_do"} <= shots
    assert not {"form_ghi_chi_tieu", "form_sua_chi_tieu"} & shots
