"""Theo dõi nộp báo cáo on a province that has been receiving for a while: the periods by
name, the counts as coloured chips, one coloured row per office that sorts by a click on
a header, the filter and the search, the offices to chase with whom to call, the periods
at a glance as stacked bars, and the two documents exported; the roster's contacts and
periods typed in. All by keyboard and mouse, as the clerk does."""

from __future__ import annotations

import subprocess

import pytest
from modal import when_asked
from openpyxl import load_workbook
from province_demo import NOW, province
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from qt_tables import cell, column_of, column_texts, type_text
from screen_fit import problems

from desktop.consolidation.matrix import LABELS, Standing
from desktop.services.receiving import Contact
from desktop.workspace import Workspace
from ui import ask
from ui.export_dialog import ExportDialog
from ui.roster_dialog import EMAIL, PERSON, PHONE, RosterDialog
from ui.tracking_dialog import MatrixDialog
from ui.upper_level_tables import COLOURS


@pytest.fixture(scope="module")
def built(tmp_path_factory, demo_files):
    return province(demo_files, tmp_path_factory.mktemp("tinh"))


@pytest.fixture
def upper(built, tmp_path):
    with Workspace.open(built.copy(tmp_path / "tinh"), clock=lambda: NOW) as ws:
        yield ws


@pytest.fixture
def dialog(qtbot, upper):
    shown = MatrixDialog(upper)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def click_header(qtbot, view, header: str) -> None:
    bar = view.horizontalHeader()
    column = column_of(view.model(), header)
    x = bar.sectionViewportPosition(column) + bar.sectionSize(column) // 2
    qtbot.mouseClick(bar.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, bar.height() // 2))


def offices(view) -> list[str]:
    return column_texts(view.model(), "Đơn vị")


def test_the_period_is_chosen_by_name_and_counted_in_coloured_chips(qtbot, dialog):
    box = dialog.period_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "Quý I năm 2026 (hạn 20/04/2026)",
        "Quý IV năm 2025 (hạn 20/01/2026)",
        "Năm 2025 (hạn 20/12/2025)",
    ]
    assert box.currentText() == "Quý IV năm 2025 (hạn 20/01/2026)"  # the newest already due
    chips = {s: c.text() for s, c in dialog.chips.items()}
    assert chips[Standing.ON_TIME] == "Đúng hạn: 5" and chips[Standing.MISSING] == "Chưa gửi: 3"
    assert chips[Standing.HELD] == "Người ký mới — cần xác nhận: 1"
    assert COLOURS[Standing.HELD] in dialog.chips[Standing.HELD].styleSheet()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # the year 2025
    assert box.currentData() == "2025"
    chips = {s: c.text() for s, c in dialog.chips.items()}
    assert chips[Standing.RETURNED] == "Trả lại để chỉnh sửa: 1"
    assert chips[Standing.INVALID] == "Không hợp lệ: 1" and chips[Standing.LATE] == "Trễ hạn: 2"


def test_each_row_has_its_standings_colour_and_sorts_by_a_click(qtbot, dialog):
    model = dialog.office_model
    state = column_of(model, "Tình trạng")
    for row in range(model.rowCount()):
        standing = model.row(row).standing
        assert cell(model, row, state) == LABELS[standing]
        for column in range(model.columnCount()):  # the whole row, not one cell
            brush = cell(model, row, column, Qt.ItemDataRole.BackgroundRole)
            assert brush.color().name() == COLOURS[standing]
    assert offices(dialog.offices)[:3] == ["Đặc khu Bạch Long Vĩ", "Đặc khu Cát Hải",
                                           "Phường Đồ Sơn"]  # fmt: skip
    click_header(qtbot, dialog.offices, "Trễ (ngày)")
    assert column_texts(model, "Trễ (ngày)") == [""] * 9 + ["6"]
    click_header(qtbot, dialog.offices, "Trễ (ngày)")  # again: the other way
    assert column_texts(model, "Trễ (ngày)") == ["6"] + [""] * 9
    click_header(qtbot, dialog.offices, "Tình trạng")  # in the order the standings go
    assert column_texts(model, "Tình trạng") == [
        *["Đúng hạn"] * 5,
        "Trễ hạn",
        *["Chưa gửi"] * 3,
        "Người ký mới — cần xác nhận",
    ]
    # Ties keep the offices' order: the three not sent, Vietnamese order.
    assert offices(dialog.offices)[6:9] == ["Đặc khu Cát Hải", "Xã Tiên Lãng", "Xã Vĩnh Bảo"]
    click_header(qtbot, dialog.offices, "Nhận lúc")
    received = [model.row(r).received_at for r in range(model.rowCount())]
    assert received[:7] == sorted(received[:7]) and received[7:] == [None] * 3  # none: last
    assert offices(dialog.offices)[6] == "Xã Kiến Thụy"  # the latest to arrive


def test_the_filter_the_chips_and_the_search(qtbot, dialog):
    qtbot.mouseClick(dialog.chips[Standing.MISSING], Qt.MouseButton.LeftButton)
    assert dialog.filter_box.currentText() == "Chưa gửi"
    assert offices(dialog.offices) == ["Đặc khu Cát Hải", "Xã Tiên Lãng", "Xã Vĩnh Bảo"]
    assert dialog.tabs.tabText(0) == "Các đơn vị (3/10)"
    dialog.search.setFocus()
    type_text(dialog.search, "vinh bao")  # no diacritics, as people type in a hurry
    assert offices(dialog.offices) == ["Xã Vĩnh Bảo"]
    qtbot.mouseClick(dialog.chips[Standing.MISSING], Qt.MouseButton.LeftButton)  # off again
    assert dialog.filter_box.currentText() == "Mọi tình trạng"
    assert offices(dialog.offices) == ["Xã Vĩnh Bảo"]  # the search still holds
    dialog.search.clear()
    type_text(dialog.search, "0983")  # a contact's telephone
    assert offices(dialog.offices) == ["Xã Kiến Thụy"]
    dialog.search.clear()
    dialog.filter_box.setFocus()
    qtbot.keyClick(dialog.filter_box, Qt.Key.Key_Down)
    assert dialog.filter_box.currentText() == "Đúng hạn"
    assert len(offices(dialog.offices)) == 5
    assert not dialog.chips[Standing.MISSING].isChecked()
    assert dialog.chips[Standing.ON_TIME].isChecked()


def test_the_offices_to_chase_with_whom_to_call_and_a_signer_confirmed(qtbot, dialog, monkeypatch):
    dialog.tabs.setCurrentIndex(1)
    model = dialog.chase_model
    assert dialog.tabs.tabText(1) == "Đơn vị cần nhắc (5)"
    assert offices(dialog.chased) == ["Đặc khu Cát Hải", "Xã Tiên Lãng", "Xã Vĩnh Bảo",
                                      "Đặc khu Bạch Long Vĩ", "Xã Kiến Thụy"]  # fmt: skip
    row = column_texts(model, "Đơn vị").index("Xã Vĩnh Bảo")
    assert [cell(model, row, c) for c in range(2, 6)] == [
        "Chưa gửi; quá hạn 8 ngày (hạn 20/01/2026)", "Bùi Thị Mai", "0936 555 010",
        "ubnd@vinhbao.gov.vn",
    ]  # fmt: skip
    assert "(1 đơn vị chưa có)" in dialog.chase_note.text()  # Tiên Lãng
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or True)
    held = column_texts(model, "Đơn vị").index("Đặc khu Bạch Long Vĩ")
    dialog.chased.setFocus()
    dialog.chased.setCurrentIndex(model.index(held, 0))
    qtbot.keyClick(dialog.chased, Qt.Key.Key_Return)
    assert "Người liên hệ: Ngô Đức Long, 0225 3899 009" in asked[0]
    assert dialog.chips[Standing.ON_TIME].text() == "Đúng hạn: 6"
    assert dialog.tabs.tabText(1) == "Đơn vị cần nhắc (4)"
    assert dialog.chart.bars[-1].counts[list(Standing).index(Standing.HELD)] == 0


def test_the_periods_at_a_glance(qtbot, dialog):
    chart = dialog.chart
    dialog.tabs.setCurrentIndex(2)
    qtbot.wait(20)
    assert [b.label for b in chart.bars] == ["Năm 2025", "Quý IV năm 2025"]  # not 2026-Q1
    year = dict(zip(Standing, chart.bars[0].counts, strict=True))
    assert year == {
        Standing.ON_TIME: 4, Standing.LATE: 2, Standing.RESUBMITTED: 1, Standing.RETURNED: 1,
        Standing.INVALID: 1, Standing.MISSING: 1, Standing.HELD: 0,
    }  # fmt: skip
    assert chart.describe(1) == (
        "Quý IV năm 2025: Đúng hạn 5, Trễ hạn 1, Chưa gửi 3, Người ký mới — cần xác nhận 1"
    )
    parts = chart.part_rects(0)  # each part's width is its share of the ten offices
    whole = chart.bar_rect(0).width()
    assert [i for i, _ in parts] == [0, 1, 2, 3, 4, 5]
    assert abs(parts[0][1].width() - whole * 4 / 10) <= 1
    assert abs(parts[1][1].width() - whole * 2 / 10) <= 1
    assert parts[0][1].right() < parts[1][1].left()  # side by side, in order
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(0).center())
    assert dialog.period() == "2025" and chart.current == "2025"
    assert dialog.chips[Standing.RETURNED].text() == "Trả lại để chỉnh sửa: 1"
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert dialog.period() == "2025-Q4"


def _pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_both_documents_are_exported_from_the_dialog(qtbot, dialog, monkeypatch, tmp_path):
    told, asked_where = [], []
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))

    def where(parent, title, suggested, file_filter):
        asked_where.append((title, suggested.name, file_filter))
        return tmp_path / suggested.name

    monkeypatch.setattr(ask, "save_file", where)

    def choose_workbook(form: ExportDialog) -> str:
        assert form.windowTitle() == "Xuất báo cáo của kỳ"
        assert form.period_box.currentData() == "2025-Q4"  # the period shown
        assert form.what.value() == "can-nhac"  # from the chase tab: the list
        assert form.focusWidget() is form.period_box  # typing starts there
        form.activateWindow()  # the keys go to the form
        qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
        pdf = form.kind.group.button(0)
        pdf.setFocus()  # as Tab would, three times
        qtbot.keyClick(pdf, Qt.Key.Key_Down)  # to the workbook
        qtbot.keyClick(form.save_button, Qt.Key.Key_Return)
        return form.kind.value()

    dialog.tabs.setCurrentIndex(1)
    answered = when_asked(choose_workbook)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert answered == [".xlsx"]
    assert asked_where[0] == ("Lưu danh sách đơn vị cần nhắc", "can-nhac_2025-Q4.xlsx",
                              "Sổ tính Excel (*.xlsx)")  # fmt: skip
    workbook = tmp_path / "can-nhac_2025-Q4.xlsx"
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert told[-1] == f"Đã lưu «{workbook}»."
    sheet = load_workbook(workbook)["Đơn vị cần nhắc"]
    assert "Ngô Đức Long" in [c.value for row in sheet.iter_rows() for c in row]

    dialog.tabs.setCurrentIndex(0)
    answered = when_asked(lambda form: form.save_button.click() or form.what.value())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert answered == ["tong-hop"]
    qtbot.waitUntil(lambda: len(told) == 2, timeout=20000)
    text = _pdf_text(tmp_path / "tong-hop_2025-Q4.pdf")
    assert "TỔNG HỢP KẾT QUẢ THỰC HIỆN QUÝ IV NĂM 2025" in text


def test_the_export_form_reads_whole(qtbot, upper):
    form = ExportDialog(upper)
    qtbot.addWidget(form)
    form.show()
    title = form.fontMetrics().horizontalAdvance(form.windowTitle())
    assert form.width() >= title + 150  # room for the icon and the title bar's buttons
    assert problems(form) == []


def test_the_tracking_window_fits_an_office_screen(qtbot, upper, office_screen):
    shown = MatrixDialog(upper)
    qtbot.addWidget(shown)
    shown.show()
    for tab in range(shown.tabs.count()):
        shown.tabs.setCurrentIndex(tab)
        qtbot.wait(20)
        assert problems(shown) == [], shown.tabs.tabText(tab)


def edit_cell(qtbot, table, row: int, column: int, text: str) -> None:
    """F2 on the cell, the text typed over what is there, Enter."""
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.hasFocus())  # the editor closed, the table has the keys


def test_the_roster_takes_contacts_and_periods_by_keyboard(qtbot, upper):
    roster = RosterDialog(upper)
    qtbot.addWidget(roster)
    roster.show()
    roster.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is roster)
    table = roster.table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert names[:3] == ["Bạch Long Vĩ", "Cát Hải", "Đồ Sơn"]  # Vietnamese order
    row = names.index("Tiên Lãng")
    edit_cell(qtbot, table, row, PERSON, "Lương Văn Tâm")
    edit_cell(qtbot, table, row, PHONE, "0225 3870 004")
    edit_cell(qtbot, table, row, EMAIL, "tienlang.gov.vn")  # no @: refused, line named
    qtbot.mouseClick(roster.save_button, Qt.MouseButton.LeftButton)
    assert roster.problem.text() == (
        f"Dòng {row + 1}: Thư điện tử «tienlang.gov.vn» không đúng dạng ten@mien.vn."
    )
    edit_cell(qtbot, table, row, EMAIL, "ubnd@tienlang.gov.vn")
    # The next period to expect is offered with its usual due date; the year 2026 by name.
    assert roster.kind_box.currentText() == "Quý II" and roster.year_box.currentText() == "2026"
    assert roster.due.edit.text() == "20/06/2026"
    roster.kind_box.setFocus()
    for _ in range(3):  # Quý III, Quý IV, 6 tháng đầu năm
        qtbot.keyClick(roster.kind_box, Qt.Key.Key_Down)
    assert roster.kind_box.currentText() == "6 tháng đầu năm"
    assert roster.due.edit.text() == "20/06/2026"
    roster.due.edit.setFocus()
    roster.due.edit.selectAll()
    type_text(roster.due.edit, "15072026")
    qtbot.mouseClick(roster.expect_button, Qt.MouseButton.LeftButton)
    assert "6 tháng đầu năm 2026 (hạn 15/07/2026)" in roster.expected.text()
    qtbot.mouseClick(roster.save_button, Qt.MouseButton.LeftButton)
    assert not roster.isVisible()
    office = next(o for o in upper.receiving.roster() if o.name == "Tiên Lãng")
    assert office.contact == Contact("Lương Văn Tâm", "0225 3870 004", "ubnd@tienlang.gov.vn")
    assert upper.receiving.expected()["2026-H1"] == "2026-07-15"
