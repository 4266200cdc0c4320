"""Qt's own dialogs speak Vietnamese (ui/translation.py, resources/i18n/qt_vi.ts): the file
dialog Qt draws itself, its messages, message box and wizard buttons, the edit fields'
menus, the print dialog, the calendar. tests/ui/conftest.py installs it as ui/app.py does."""

from __future__ import annotations

import shutil
import subprocess
import sysconfig

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCalendarWidget,
    QFileDialog,
    QFileSystemModel,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QWizard,
)

from ui import translation

EDIT_MENU = ["&Hoàn tác", "&Làm lại", "&Cắt", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]


def test_the_shipped_qm_is_what_lrelease_builds_from_the_ts(tmp_path):
    lrelease = shutil.which("pyside6-lrelease", path=sysconfig.get_path("scripts"))
    assert lrelease, "pyside6-lrelease comes with PySide6"
    built = tmp_path / "qt_vi.qm"
    source = translation.QT_WORDS.with_suffix(".ts")
    subprocess.run([lrelease, str(source), "-qm", str(built)], check=True, capture_output=True)
    assert built.read_bytes() == translation.QT_WORDS.read_bytes(), (
        "rebuild it: pyside6-lrelease resources/i18n/qt_vi.ts -qm resources/i18n/qt_vi.qm"
    )


def qt_file_dialog(qtbot, folder, mode=QFileDialog.AcceptMode.AcceptOpen) -> QFileDialog:
    """The file dialog Qt draws itself: what ui/ask.py's questions show on Linux without a
    desktop theme (the bundle leaves GTK's out)."""
    dialog = QFileDialog(None, "Chọn tệp", str(folder), "Mọi tệp (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shown(dialog, kind) -> list[str]:
    return [widget.text() for widget in dialog.findChildren(kind) if widget.isVisible()]


def read_next_box(press: QMessageBox.StandardButton) -> dict[str, object]:
    """What the message box the next action opens says (its exec blocks the test until
    it is answered), then `press` on it."""
    seen: dict[str, object] = {}

    def read(tries_left: int = 300) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries_left:
                QTimer.singleShot(10, lambda: read(tries_left - 1))
            return
        seen["text"] = box.text()
        seen["buttons"] = sorted(button.text() for button in box.buttons())
        box.button(press).click()

    QTimer.singleShot(0, read)
    return seen


def test_the_open_dialog_labels_buttons_and_columns_are_vietnamese(qtbot, tmp_path):
    (tmp_path / "Báo cáo").mkdir()
    dialog = qt_file_dialog(qtbot, tmp_path)

    assert shown(dialog, QLabel) == ["Tìm &trong:", "Tê&n tệp:", "&Kiểu tệp:"]
    assert shown(dialog, QPushButton) == ["&Mở", "Hủy"]
    tips = [button.toolTip() for button in dialog.findChildren(QToolButton)]
    assert tips == [
        "Quay lại",
        "Tiến tới",
        "Thư mục cha",
        "Tạo thư mục mới",
        "Xem dạng danh sách",
        "Xem chi tiết",
    ]
    model = dialog.findChild(QFileSystemModel)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa đổi"]
    folder = model.index(str(tmp_path / "Báo cáo"))
    qtbot.waitUntil(lambda: model.type(folder) != "")
    assert model.type(folder) == "Thư mục"


def test_the_save_dialog_asks_in_vietnamese_before_replacing_a_file(qtbot, tmp_path):
    (tmp_path / "so_ke_hoach.db").write_bytes(b"")
    dialog = qt_file_dialog(qtbot, tmp_path, QFileDialog.AcceptMode.AcceptSave)
    assert shown(dialog, QPushButton) == ["&Lưu", "Hủy"]

    name = dialog.findChild(QLineEdit, "fileNameEdit")
    QTest.keyClicks(name, "so_ke_hoach.db")
    question = read_next_box(QMessageBox.StandardButton.No)
    QTest.keyClick(name, Qt.Key.Key_Return)

    assert question == {
        "text": "Tệp so_ke_hoach.db đã có.\nBạn có muốn thay tệp đó không?",
        "buttons": ["&Có", "&Không"],
    }
    assert dialog.isVisible()  # "Không": the clerk chooses another name


def test_a_folder_that_is_not_there_is_said_in_vietnamese(qtbot, tmp_path):
    dialog = qt_file_dialog(qtbot, tmp_path)
    dialog.setFileMode(QFileDialog.FileMode.Directory)

    name = dialog.findChild(QLineEdit, "fileNameEdit")
    QTest.keyClicks(name, "khong_co")
    warning = read_next_box(QMessageBox.StandardButton.Ok)
    QTest.keyClick(name, Qt.Key.Key_Return)

    assert warning == {
        "text": "khong_co\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
        "buttons": ["Đồng ý"],
    }


def test_message_box_buttons_are_vietnamese(qtbot):
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Sổ Kế hoạch",
        "Có lỗi",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
    )
    box.setDetailedText("Chi tiết")
    qtbot.addWidget(box)

    assert sorted(button.text() for button in box.buttons()) == [
        "Hủy",
        "Xem chi tiết…",
        "Đồng ý",
    ]


def test_wizard_buttons_are_vietnamese(qtbot):
    wizard = QWizard()
    qtbot.addWidget(wizard)
    buttons = (
        QWizard.WizardButton.BackButton,
        QWizard.WizardButton.NextButton,
        QWizard.WizardButton.FinishButton,
        QWizard.WizardButton.CancelButton,
    )
    assert [wizard.buttonText(b) for b in buttons] == ["< &Quay lại", "&Tiếp >", "&Hoàn tất", "Hủy"]


def test_the_edit_menus_of_lines_and_texts_are_vietnamese(qtbot):
    for field in (QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(field)
        menu = field.createStandardContextMenu()
        words = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
        assert words == EDIT_MENU


def test_the_calendar_names_months_and_days_in_vietnamese(qtbot):
    assert QLocale().monthName(1) == "tháng 1"
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    calendar.setSelectedDate(QDate(2026, 1, 20))

    month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month.text() == "Tháng 1"
    days = calendar.findChild(QTableView, "qt_calendar_calendarview").model()
    week = [days.data(days.index(0, column)) for column in range(1, 8)]  # 0: week numbers
    assert week == ["Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN"]


def test_the_print_dialog_is_vietnamese(qtbot):
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert [box.title() for box in dialog.findChildren(QGroupBox) if box.isVisible()] == ["Máy in"]
    assert {"&Tên:", "Vị trí:", "Loại:"} <= set(shown(dialog, QLabel))
    assert {"&In", "Hủy", "Tùy &chọn >>", "Thuộc tín&h"} <= set(shown(dialog, QAbstractButton))
    dialog.reject()  # closed before `printer` goes: the dialog only points at it
