"""A province office in the window only, on an office screen: created in the wizard, its
roster imported, then the page it opens on says what comes next (issue 26, point 1)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from qt_tables import type_text
from screen_fit import maximised, problems

from ui import ask, database_actions, first_run
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.receiving_home import ReceivingHome

ROSTER = "Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\nVĩnh Bảo,xã,\nHưng Đạo,xã,\n"


def opened(monkeypatch, dialog_class, scenario) -> None:
    def exec_(dialog):
        dialog.show()
        scenario(dialog)
        if dialog.isVisible():
            dialog.close()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)


def setting_up_a_province(qtbot, wizard: FirstRunWizard) -> None:
    office = wizard.office_page
    assert problems(wizard) == [] and wizard.focusWidget() is office.name
    levels = [office.level.itemText(i) for i in range(office.level.count())]
    assert levels == ["Xã", "Phường", "Đặc khu", "Tỉnh", "Huyện"]
    type_text(office.name, "Nghệ An")
    qtbot.keyClick(office.name, Qt.Key.Key_Tab)
    for _ in range(3):  # Xã → Phường → Đặc khu → Tỉnh
        qtbot.keyClick(office.level, Qt.Key.Key_Down)
    assert office.level.currentText() == "Tỉnh"
    office.signer_name.setFocus()
    type_text(office.signer_name, "Lê Văn Hùng")
    qtbot.keyClick(office.signer_name, Qt.Key.Key_Return)  # Tạo cơ sở dữ liệu >
    assert wizard.currentPage() is wizard.roster_page, office.problem.text()
    page = wizard.roster_page
    assert problems(wizard) == [] and wizard.focusWidget() is page.import_button
    assert "Chưa có đơn vị nào" in page.result.text()
    qtbot.keyClick(page.import_button, Qt.Key.Key_Space)  # Nhập danh sách từ tệp…
    assert "Danh sách có 3 đơn vị" in page.result.text(), page.problem.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible()
    qtbot.keyClick(finish, Qt.Key.Key_Space)


def test_a_province_is_made_and_greeted_with_its_work_in_order(
    qtbot, monkeypatch, office_screen, tmp_path: Path
):
    folder = tmp_path / "SoKeHoach"
    monkeypatch.setattr(first_run, "default_db_path", lambda: folder / "so_ke_hoach.db")
    monkeypatch.setattr(database_actions, "demo_db_path", lambda: folder / "du_lieu_mau.db")
    roster = tmp_path / "danh_sach.csv"
    roster.write_text(ROSTER, "utf-8")
    monkeypatch.setattr(ask, "open_file", lambda *args: roster)
    window = MainWindow(database_actions.open_demo(), demo=True)
    qtbot.addWidget(window)
    maximised(window, office_screen)
    opened(monkeypatch, FirstRunWizard, lambda wizard: setting_up_a_province(qtbot, wizard))
    window.new_database()

    office = window.ws.office.get()
    assert office is not None and office.committee == "UBND tỉnh Nghệ An"
    assert office.receives_reports and window.plan is None
    qtbot.wait(10)
    [home] = window.findChildren(ReceivingHome)
    assert [title for title, _ in home.steps] == [
        "1. Danh sách đơn vị phải báo cáo",
        "2. Chứng thư tin cậy",
        "3. Tiếp nhận gói báo cáo",
        "4. Theo dõi và tổng hợp",
    ]
    assert [done for _, done in home.steps] == [True, False, False, False]
    assert "Bắt đầu bằng danh sách đơn vị báo cáo" in window.first_run.text()
    assert "kế hoạch" not in window.first_run.text().lower()
    assert problems(window) == []
    window.ws.close()
