"""Importing an annex from the window: the preview before writing, problems on their
rows, corrections in the form, then the plan shown."""

from __future__ import annotations

import pytest
from annex_files import TASK_ROWS, write_xlsx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from qt_tables import type_text
from test_plan_forms import scripted

from desktop.workspace import Workspace
from ui import ask
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow


@pytest.fixture
def empty_window(qtbot, ws: Workspace):
    ws.office.save("Hưng Nguyên", "xa")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    return window


def wait_read(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.understood is not None and dialog.isEnabled(), timeout=10000)


def tree_lines(dialog: ImportDialog) -> list[str]:
    found = []
    for i in range(dialog.tree.topLevelItemCount()):
        top = dialog.tree.topLevelItem(i)
        found.append(top.text(0))
        found += ["  " + top.child(c).text(0) for c in range(top.childCount())]
    return found


def test_the_preview_then_the_import_from_the_start_screen(
    qtbot, monkeypatch, tmp_path, empty_window, ws
):
    annex = write_xlsx(tmp_path / "phu_luc.xlsx")
    monkeypatch.setattr(ask, "open_file", lambda parent, title, file_filter="": annex)
    seen = {}

    def preview(dialog):
        wait_read(qtbot, dialog)
        seen["lines"] = tree_lines(dialog)
        seen["number"] = dialog.number.text()
        seen["summary"] = dialog.summary.text()
        assert ws.plans.list() == []  # nothing written by looking
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)

    scripted(monkeypatch, ImportDialog, preview)
    qtbot.mouseClick(empty_window.start_screen.import_button, Qt.MouseButton.LeftButton)
    assert seen["number"] == "15/KH-UBND"
    assert seen["summary"] == "5 nhiệm vụ, 3 chỉ tiêu."
    assert seen["lines"][:2] == [
        "I. NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ",
        "  I.1  Tuyên truyền về chuyển đổi số trên hệ thống loa",
    ]
    [plan] = ws.plans.list()
    assert plan.number == "15/KH-UBND"
    assert empty_window.plan.id == plan.id
    assert empty_window.tasks.model.total() == 5


def test_errors_are_marked_on_their_rows_and_block_the_import(qtbot, tmp_path, ws):
    rows = [list(r) if isinstance(r, list) else r for r in TASK_ROWS]
    rows[1][3] = ""  # I.1 without a lead unit
    dialog = ImportDialog(ws, write_xlsx(tmp_path / "loi.xlsx", task_rows=rows))
    qtbot.addWidget(dialog)
    dialog.read()
    wait_read(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    first_task = dialog.tree.topLevelItem(0).child(0)
    assert first_task.background(0).color().name() == "#f8d0d0"
    assert "Nhiệm vụ chưa có cơ quan chủ trì." in first_task.toolTip(0)
    problem = dialog.problems.topLevelItem(0)
    assert problem.text(0) == "PL II nhiệm vụ, dòng 8"
    assert problem.text(1) == "Lỗi: Nhiệm vụ chưa có cơ quan chủ trì."
    assert ws.plans.list() == []


def test_a_missing_number_is_typed_in_the_form(qtbot, tmp_path, ws):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])
    book.active.append([1, "Nhiệm vụ một", "Công an xã", "Tháng 5/2026"])
    book.save(tmp_path / "tran.xlsx")
    dialog = ImportDialog(ws, tmp_path / "tran.xlsx")
    qtbot.addWidget(dialog)
    dialog.read()
    wait_read(qtbot, dialog)
    assert not dialog.import_button.isEnabled()
    assert "Không thấy số ký hiệu" in dialog.problems.topLevelItem(0).text(1)
    type_text(dialog.number, "3/KH-UBND")
    reread = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Đọc lại")
    dialog.understood = None
    qtbot.mouseClick(reread, Qt.MouseButton.LeftButton)
    wait_read(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    assert ws.plans.list()[0].number == "3/KH-UBND"


def test_columns_nobody_would_guess_are_set_by_hand(qtbot, monkeypatch, tmp_path, ws):
    from openpyxl import Workbook

    from ui.columns_dialog import ColumnsDialog

    book = Workbook()
    sheet = book.active
    sheet.title = "Giao việc"
    sheet.append(["Kế hoạch số 4/KH-UBND ngày 02/02/2026"])
    sheet.append(["Số", "Việc phải làm", "Ai làm", "Khi nào xong"])
    sheet.append([1, "Lập danh mục dữ liệu mở", "Công an xã", "Tháng 4/2026"])
    book.save(tmp_path / "la.xlsx")
    dialog = ImportDialog(ws, tmp_path / "la.xlsx")
    qtbot.addWidget(dialog)
    dialog.read()
    wait_read(qtbot, dialog)
    assert not dialog.import_button.isEnabled()  # no header found

    def choose(columns: ColumnsDialog):
        columns.header_row.setValue(2)
        wanted = ["Số thứ tự", "Tên nhiệm vụ / chỉ tiêu", "Cơ quan chủ trì", "Thời gian hoàn thành"]
        for box, name in zip(columns.role_boxes, wanted, strict=True):
            box.setCurrentIndex(box.findText(name))
        columns.role_boxes[3].setCurrentIndex(columns.role_boxes[3].findText("Cơ quan chủ trì"))
        qtbot.mouseClick(columns.save_button, Qt.MouseButton.LeftButton)
        assert columns.problem.text() == "Hai cột cùng được chọn là «Cơ quan chủ trì»."
        columns.role_boxes[3].setCurrentIndex(
            columns.role_boxes[3].findText("Thời gian hoàn thành")
        )
        qtbot.mouseClick(columns.save_button, Qt.MouseButton.LeftButton)

    scripted(monkeypatch, ColumnsDialog, choose)
    columns_button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Sửa cột…")
    qtbot.mouseClick(columns_button, Qt.MouseButton.LeftButton)  # then it reads again
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10000)
    assert dialog.summary.text() == "1 nhiệm vụ, 0 chỉ tiêu."
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    [task] = ws.tasks.list(dialog.plan.id)
    assert (task.title, task.deadline.milestone.isoformat()) == (
        "Lập danh mục dữ liệu mở",
        "2026-04-30",
    )


def test_a_newer_version_shows_what_changes_and_keeps_the_reports(qtbot, monkeypatch, tmp_path, ws):
    from test_plan_versions import version_2

    from desktop import importing

    ws.office.save("Hưng Nguyên", "xa")
    plan = importing.write(ws, importing.understand(ws, write_xlsx(tmp_path / "v1.xlsx")))
    task = ws.tasks.list(plan.id)[0]
    ws.progress.record(task.id, "2026-Q1", "dang_thuc_hien", 40)
    dialog = ImportDialog(ws, version_2(tmp_path))
    qtbot.addWidget(dialog)
    dialog.read()
    wait_read(qtbot, dialog)
    lines = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
    assert lines[0].startswith("Phiên bản mới của Kế hoạch số 15/KH-UBND")
    assert "  + Thêm nhiệm vụ II.2: Triển khai ký số cho cán bộ, công chức" in lines
    assert dialog.import_button.text() == "Nhập phiên bản mới"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    assert ws.plans.get(plan.id).version == 2
    assert ws.progress.history(task.id)[0].percent == 40
