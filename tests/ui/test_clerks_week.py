"""The clerk's first hour and first week in the window, on an office screen (1280×720
and 1366×768 with a 40 px taskbar), by keyboard wherever a clerk would use it.

The first hour: the office made in the wizard, its plan imported, its reporting
calendar set from the plan's sentence, then the office's particulars changed and the
calendar changed from the Kế hoạch menu. The week: ten progress records typed and saved
with Ctrl+Enter, an indicator value, a budget line and a payment, the report looked at,
signed, delivered to a folder and as an e-mail draft.

Each screen met on the way is looked at as the clerk meets it: the window inside the
screen's room, every control inside the window, and the keyboard on its first field.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from annex_files import MERGED, write_xlsx
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget, QWizard
from qt_tables import type_text
from screen_fit import maximised, problems

from desktop.domain.model import ProgressStatus
from desktop.package.verify import load_roots, verify_file
from desktop.signing.trial_ca import make_trial_ca
from desktop.vietnamese.text import slug
from ui import ask, database_actions
from ui.budget_dialogs import LineDialog, PaymentDialog, PaymentsDialog
from ui.calendar_dialog import CalendarDialog
from ui.first_run import FirstRunWizard
from ui.import_dialog import ImportDialog
from ui.indicator_dialog import IndicatorDialog
from ui.main_window import MainWindow
from ui.office_dialog import OfficeDialog
from ui.progress_dialog import ProgressDialog
from ui.submit_wizard import SubmitWizard

TODAY = datetime(2026, 6, 10, 3, 0, tzinfo=UTC)  # 10/06/2026: the half-year report is due
PASS = "mat-khau-tap-huan"
SENTENCE = "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12)"
# Twelve tasks as a commune's annex lays them out (from the plans in ../shared/seeds).
TASKS = [
    (MERGED, "I. NÂNG CAO NHẬN THỨC VỀ CHUYỂN ĐỔI SỐ"),
    [1, "Tuyên truyền về chuyển đổi số trên hệ thống loa truyền thanh", "Thường xuyên",
     "Phòng Văn hóa - Xã hội", "Công an xã", "Tin, bài", ""],
    [2, "Tổ chức hội nghị quán triệt Nghị quyết 57-NQ/TW", "Quý I/2026",
     "Văn phòng HĐND và UBND", "Phòng Văn hóa - Xã hội", "Hội nghị", ""],
    [3, "Bồi dưỡng kỹ năng số cho cán bộ, công chức", "30/05/2026",
     "Phòng Văn hóa - Xã hội", "", "Lớp bồi dưỡng", ""],
    [4, "Thành lập tổ công nghệ số cộng đồng ở thôn", "Tháng 3/2026",
     "Phòng Văn hóa - Xã hội", "Đoàn Thanh niên xã", "Quyết định", ""],
    (MERGED, "II. CHÍNH QUYỀN SỐ"),
    [1, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Thường xuyên",
     "Văn phòng HĐND và UBND", "", "Hồ sơ số hóa", ""],
    [2, "Rà soát thủ tục hành chính trực tuyến toàn trình", "30/04/2026",
     "Văn phòng HĐND và UBND", "", "Báo cáo rà soát", ""],
    [3, "Làm sạch dữ liệu dân cư phục vụ Đề án 06", "Quý II/2026",
     "Công an xã", "Văn phòng HĐND và UBND", "Dữ liệu đúng, đủ, sạch, sống", ""],
    [4, "Triển khai chữ ký số cho lãnh đạo và công chức", "Tháng 5/2026",
     "Văn phòng HĐND và UBND", "", "Chứng thư số", ""],
    (MERGED, "III. KINH TẾ SỐ, XÃ HỘI SỐ"),
    [1, "Hướng dẫn hộ kinh doanh thanh toán không dùng tiền mặt", "Năm 2026",
     "Phòng Kinh tế", "Hội Phụ nữ xã", "Số hộ áp dụng", ""],
    [2, "Đưa sản phẩm OCOP lên sàn thương mại điện tử", "30/09/2026",
     "Phòng Kinh tế", "Hợp tác xã", "Gian hàng trực tuyến", ""],
    [3, "Hướng dẫn người dân cài đặt, kích hoạt VNeID mức 2", "Tháng 6/2026",
     "Công an xã", "Đoàn Thanh niên xã", "Tài khoản kích hoạt", ""],
    [4, "Phủ sóng wifi miễn phí tại nhà văn hóa thôn", "Năm 2026",
     "Phòng Kinh tế", "", "Điểm wifi", ""],
]  # fmt: skip


class Clerk:
    """Keys pressed on the screen in front, and each screen looked at on the way."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.seen: list[str] = []

    def look(self, name: str, screen: QWidget, first: QWidget | None = None) -> None:
        """The screen as met: inside the room, every control shown whole; typing starts
        in `first` (the screen's first field)."""
        screen.show()
        self.qtbot.wait(30)
        assert problems(screen) == [], name
        if first is not None:
            assert screen.focusWidget() is first, f"{name}: focus on {screen.focusWidget()}"
        self.seen.append(name)
        if folder := os.environ.get("SKH_WALK_SHOTS"):  # to look at each step afterwards
            screen.grab().save(str(Path(folder) / f"{len(self.seen):02}_{slug(name)}.png"))

    def press(self, widget: QWidget, *keys, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        for key in keys:
            self.qtbot.keyClick(widget, key, modifier)

    def type(self, widget: QWidget, text: str, *, over: bool = False) -> None:
        """Typed as a Vietnamese keyboard would; `over`: what is there selected first."""
        if over:
            self.qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(widget, text)


def as_opened(monkeypatch, dialog_class, scenario) -> list:
    """When the window opens `dialog_class` modally, `scenario(dialog)` plays the clerk."""
    opened = []

    def exec_(dialog):
        opened.append(dialog)
        dialog.show()
        scenario(dialog)
        if dialog.isVisible():
            dialog.close()
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return opened


@pytest.fixture
def today(windows_read):
    windows_read(TODAY)
    return TODAY


def test_the_first_hour_and_a_week_by_keyboard(
    qtbot, monkeypatch, office_screen, office_folder, today, tmp_path
):
    clerk = Clerk(qtbot)
    annex = write_xlsx(tmp_path / "phu_luc_ke_hoach_15.xlsx", task_rows=TASKS)
    window = first_hour(clerk, monkeypatch, office_screen, annex)
    a_week(clerk, monkeypatch, window, tmp_path)
    assert len(clerk.seen) >= 20
    window.ws.close()


# The first hour ---------------------------------------------------------------------------


def first_hour(clerk: Clerk, monkeypatch, room, annex: Path) -> MainWindow:
    demo = database_actions.open_demo()
    window = MainWindow(demo, demo=True)
    clerk.qtbot.addWidget(window)
    maximised(window, room)
    clerk.look("cửa sổ, dữ liệu mẫu", window)

    monkeypatch.setattr(ask, "open_file", lambda *args: annex)
    as_opened(monkeypatch, ImportDialog, lambda dialog: importing(clerk, dialog))
    as_opened(monkeypatch, FirstRunWizard, lambda wizard: setting_up(clerk, wizard))
    window.first_run.buttons.itemAt(0).widget().click()  # Tạo cơ sở dữ liệu của cơ quan…

    assert window.ws.path.name == "so_ke_hoach.db" and not window.demo
    assert window.plan is not None and window.plan.number == "15/KH-UBND"
    assert window.ws.tasks.count(window.plan.id) == 12
    kinds = [e.rule.kind.value for e in window.ws.schedule.entries(window.plan.id)]
    assert kinds == ["half", "year"]
    clerk.qtbot.wait(10)  # the rebuilt body is shown on the next turn of the event loop
    assert window.first_run.isVisible()  # where to go next
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        clerk.look(f"cửa sổ, thẻ {window.tabs.tabText(index)}", window)
    window.tabs.setCurrentIndex(0)

    as_opened(monkeypatch, OfficeDialog, lambda dialog: particulars(clerk, dialog))
    window.office_action.trigger()
    assert window.ws.office.get().agency_code == "000.31.27.H40"
    assert "UBND xã Hưng Nguyên" in window.windowTitle()

    as_opened(monkeypatch, CalendarDialog, lambda dialog: calendar(clerk, dialog))
    window.calendar_action.trigger()
    kinds = [e.rule.kind.value for e in window.ws.schedule.entries(window.plan.id)]
    assert kinds == ["quarter", "half", "year"]
    return window


def setting_up(clerk: Clerk, wizard: FirstRunWizard) -> None:
    office = wizard.office_page
    clerk.look("trình hướng dẫn, trang 1: cơ quan", wizard, first=office.name)
    clerk.type(office.name, "Hưng Nguyên")
    clerk.press(office.name, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is office.level  # xã, as offered first
    clerk.press(office.level, Qt.Key.Key_Tab)
    clerk.type(office.agency_code, "000.00.27.H40")
    clerk.press(office.agency_code, Qt.Key.Key_Tab)
    clerk.type(office.parent_name, "tỉnh Nghệ An")
    office.signer_name.setFocus()
    clerk.type(office.signer_name, "Trần Thị Bình")
    clerk.press(office.signer_name, Qt.Key.Key_Return)  # Tạo cơ sở dữ liệu >
    assert wizard.ws is not None and wizard.currentPage() is wizard.plan_page, office.problem.text()

    plan = wizard.plan_page
    clerk.look("trình hướng dẫn, trang 2: kế hoạch", wizard, first=plan.import_button)
    clerk.press(plan.import_button, Qt.Key.Key_Space)  # Nhập từ tệp…
    assert wizard.plan is not None
    onward = wizard.button(QWizard.WizardButton.NextButton)
    onward.setFocus()
    clerk.press(onward, Qt.Key.Key_Space)  # Tiếp >

    page = wizard.calendar_page.calendar
    clerk.look("trình hướng dẫn, trang 3: lịch báo cáo", wizard, first=page.sentence)
    clerk.type(page.sentence, SENTENCE)
    clerk.press(page.sentence, Qt.Key.Key_Return)  # reads the sentence, does not finish
    assert page.problem.text() == "" and wizard.isVisible()
    assert wizard.currentPage() is wizard.calendar_page
    wizard.button(QWizard.WizardButton.FinishButton).setFocus()
    clerk.press(wizard.button(QWizard.WizardButton.FinishButton), Qt.Key.Key_Space)


def importing(clerk: Clerk, dialog: ImportDialog) -> None:
    clerk.qtbot.waitUntil(lambda: dialog.understood is not None and dialog.isEnabled())
    clerk.look("xem trước khi nhập kế hoạch", dialog)
    said = [
        dialog.problems.topLevelItem(i).text(1) for i in range(dialog.problems.topLevelItemCount())
    ]
    assert dialog.import_button.isEnabled(), said
    dialog.import_button.setFocus()
    clerk.press(dialog.import_button, Qt.Key.Key_Space)
    clerk.qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)  # written off-thread


def particulars(clerk: Clerk, dialog: OfficeDialog) -> None:
    fields = dialog.fields
    clerk.look("Thông tin cơ quan…", dialog, first=fields.name)
    clerk.press(fields.name, Qt.Key.Key_Tab, Qt.Key.Key_Tab)
    clerk.type(fields.agency_code, "000.31.27.H40", over=True)
    clerk.press(fields.agency_code, Qt.Key.Key_Return)  # Lưu
    assert not dialog.isVisible(), dialog.problem.text()


def calendar(clerk: Clerk, dialog: CalendarDialog) -> None:
    page = dialog.calendar
    clerk.look("Lịch báo cáo…", dialog, first=page.sentence)
    page.kind.setFocus()
    page.kind.setCurrentIndex(page.kind.findData("quarter"))
    clerk.press(page.kind, Qt.Key.Key_Tab)
    clerk.type(page.close_day, "10")
    clerk.press(page.close_day, Qt.Key.Key_Tab)
    clerk.type(page.due, "12")
    clerk.press(page.due, Qt.Key.Key_Return)  # Đặt
    assert page.problem.text() == ""
    clerk.press(page.due, Qt.Key.Key_Escape)


# The week ---------------------------------------------------------------------------------


def a_week(clerk: Clerk, monkeypatch, window: MainWindow, tmp_path: Path) -> None:
    ws, plan = window.ws, window.plan
    assert plan is not None
    window.activateWindow()  # the forms of the first hour are closed: the window has the keys
    clerk.qtbot.waitUntil(window.isActiveWindow)

    as_opened(monkeypatch, ProgressDialog, lambda dialog: ten_records(clerk, dialog))
    window.show_tab(window.tasks)
    tasks = window.tasks
    tasks.search.setFocus()
    clerk.press(tasks.search, Qt.Key.Key_Down)  # into the list, on its first task
    clerk.press(tasks.view, Qt.Key.Key_Return)  # Ghi tiến độ
    period = window.selected_period()
    records = ws.db.execute(
        "SELECT status, completed_on FROM task_progress WHERE period_id = ?", [str(period.id)]
    ).fetchall()
    assert len(records) == 10
    done = {on for status, on in records if status == ProgressStatus.DONE}
    assert done == {"2026-05-20"}  # typed 20052026

    as_opened(monkeypatch, IndicatorDialog, lambda dialog: an_indicator(clerk, dialog))
    window.indicator_action.trigger()
    [value] = ws.indicators.values(plan.id, period.id).values()
    assert value.value == 65

    a_payment(clerk, monkeypatch, window)
    signed_and_delivered(clerk, monkeypatch, window, tmp_path)


def ten_records(clerk: Clerk, dialog: ProgressDialog) -> None:
    for count in range(10):
        clerk.look(f"Ghi tiến độ, nhiệm vụ {count + 1}", dialog, first=dialog.status)
        if count % 3 == 0:  # done: Tình trạng one down, the day typed as people type it
            clerk.press(dialog.status, Qt.Key.Key_Down)
            clerk.press(dialog.status, Qt.Key.Key_Tab)  # % is 100 and held: on to the day
            assert dialog.focusWidget() is dialog.done_on.edit
            clerk.type(dialog.done_on.edit, "20052026", over=True)
            clerk.press(dialog.done_on.edit, Qt.Key.Key_Tab)
        else:
            clerk.press(dialog.status, Qt.Key.Key_Tab)
            clerk.qtbot.keyClicks(dialog.percent, "60")
            clerk.press(dialog.percent, Qt.Key.Key_Tab)  # the day is for a task done: skipped
        assert dialog.focusWidget() is dialog.result_text
        clerk.type(dialog.result_text, f"Đã triển khai theo kế hoạch, đợt {count + 1}.")
        clerk.press(
            dialog.result_text, Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.ControlModifier
        )
        assert dialog.problem.text() in ("", "Đã ghi đến nhiệm vụ cuối danh sách.")


def an_indicator(clerk: Clerk, dialog: IndicatorDialog) -> None:
    clerk.look("Ghi kết quả chỉ tiêu", dialog, first=dialog.number)
    clerk.qtbot.keyClicks(dialog.number, "65")
    clerk.press(dialog.number, Qt.Key.Key_S, modifier=Qt.KeyboardModifier.ControlModifier)


def a_payment(clerk: Clerk, monkeypatch, window: MainWindow) -> None:
    """A budget line of the year, then its first payment, typed as the voucher reads."""
    as_opened(monkeypatch, LineDialog, lambda dialog: a_line(clerk, dialog))
    budget = window.budget
    window.show_tab(budget)
    clerk.look("cửa sổ, thẻ Kinh phí", window)
    window.activateWindow()
    budget.add_button.setFocus()
    clerk.press(budget.add_button, Qt.Key.Key_Space)
    [line] = window.ws.budget.lines(window.plan.id, 2026)
    budget.view.setFocus()
    budget.view.setCurrentIndex(budget.model.index(0, 0))

    def paying(dialog: PaymentsDialog) -> None:
        clerk.look("Giải ngân", dialog)
        as_opened(monkeypatch, PaymentDialog, lambda form: a_voucher(clerk, form))
        dialog.add_button.setFocus()
        clerk.press(dialog.add_button, Qt.Key.Key_Space)

    as_opened(monkeypatch, PaymentsDialog, paying)
    clerk.press(budget.view, Qt.Key.Key_Return)  # the line's payments
    [payment] = window.ws.budget.disbursements(line.id)
    assert (str(payment.paid_on), payment.amount) == ("2026-05-25", 12_500_000)


def a_line(clerk: Clerk, dialog: LineDialog) -> None:
    clerk.look("Thêm dòng dự toán", dialog, first=dialog.code)
    clerk.type(dialog.code, "1")
    clerk.press(dialog.code, Qt.Key.Key_Tab)
    clerk.type(dialog.title, "Bồi dưỡng kỹ năng số cho cán bộ, công chức")
    clerk.press(dialog.title, Qt.Key.Key_Tab)
    clerk.type(dialog.source, "Ngân sách xã")
    clerk.press(dialog.source, Qt.Key.Key_Tab)
    clerk.type(dialog.estimate, "50.000.000")
    clerk.press(dialog.estimate, Qt.Key.Key_Return)  # Lưu
    assert not dialog.isVisible(), dialog.problem.text()


def a_voucher(clerk: Clerk, form: PaymentDialog) -> None:
    clerk.look("Một khoản giải ngân", form, first=form.paid_on.edit)
    clerk.type(form.paid_on.edit, "25-05-2026", over=True)
    clerk.press(form.paid_on.edit, Qt.Key.Key_Tab)
    clerk.type(form.amount, "12.500.000")
    clerk.press(form.amount, Qt.Key.Key_Tab)
    clerk.type(form.reference, "PC 45/2026")
    clerk.press(form.reference, Qt.Key.Key_Return)  # Lưu
    assert not form.isVisible(), form.problem.text()


def signed_and_delivered(clerk: Clerk, monkeypatch, window: MainWindow, tmp_path: Path) -> None:
    """The report looked at, signed with the office's certificate, copied to a folder
    (a USB stick) and handed to the mail program as a draft."""
    ws = window.ws
    window.show_tab(window.documents)
    clerk.qtbot.waitUntil(lambda: window.documents.pages.page_count > 0, timeout=30000)
    clerk.look("cửa sổ, thẻ Văn bản: báo cáo kỳ", window)
    monkeypatch.setattr(ask, "unsaved", lambda *args: ask.Unsaved.DISCARD)
    ws.document_settings.save(signer_name="Trần Thị Bình")
    ca = make_trial_ca(tmp_path / "ca", "Trần Thị Bình", PASS.encode(), ws.now())
    stick = tmp_path / "usb"
    stick.mkdir()
    drafts = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: drafts.append(url) or True)
    as_opened(monkeypatch, SubmitWizard, lambda wizard: sending(clerk, wizard, ca, stick, tmp_path))
    window.submit_action.trigger()
    [entry] = ws.outbox.entries()
    assert verify_file(entry_path(entry), load_roots([ca.root])).accepted
    assert [d.kind for d in entry.deliveries] == ["usb", "eml"]
    assert (stick / entry_path(entry).name).exists()
    assert [url.toLocalFile() for url in drafts] == [str(entry_path(entry).with_suffix(".eml"))]


def entry_path(entry) -> Path:
    return Path(entry.package.written_to)


def sending(clerk: Clerk, wizard: SubmitWizard, ca, stick: Path, tmp_path: Path) -> None:
    check = wizard.currentPage()
    clerk.look("Nộp báo cáo, 1: kiểm tra", wizard)
    check.acknowledged.setFocus()
    clerk.press(check.acknowledged, Qt.Key.Key_Space)
    onward = wizard.button(QWizard.WizardButton.NextButton)
    onward.setFocus()
    clerk.press(onward, Qt.Key.Key_Space)
    clerk.qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=30000)
    clerk.look("Nộp báo cáo, 2: xem trước", wizard)
    onward.setFocus()
    clerk.press(onward, Qt.Key.Key_Space)

    sign = wizard.currentPage()
    clerk.look("Nộp báo cáo, 3: ký số", wizard, first=sign.p12)
    clerk.qtbot.keyClicks(sign.p12, str(ca.signer))
    sign.folder.setText(str(tmp_path / "goi"))
    sign.passphrase.setFocus()
    clerk.qtbot.keyClicks(sign.passphrase, PASS)
    clerk.press(sign.passphrase, Qt.Key.Key_Return)  # Ký
    clerk.qtbot.waitUntil(lambda: wizard.package is not None, timeout=30000)
    onward.setFocus()
    clerk.press(onward, Qt.Key.Key_Space)

    deliver = wizard.currentPage()
    clerk.look("Nộp báo cáo, 4: gửi", wizard)
    deliver.drive.setFocus()
    clerk.qtbot.keyClicks(deliver.drive.lineEdit(), str(stick))
    deliver.send_button.setFocus()
    clerk.press(deliver.send_button, Qt.Key.Key_Space)
    clerk.qtbot.waitUntil(lambda: "đọc lại đúng" in deliver.result.text(), timeout=10000)
    deliver.to_mail.setFocus()
    clerk.press(deliver.to_mail, Qt.Key.Key_Space)
    deliver.address.setFocus()
    clerk.qtbot.keyClicks(deliver.address, "vanthu@nghean.gov.vn")
    deliver.send_button.setFocus()
    clerk.press(deliver.send_button, Qt.Key.Key_Space)
    assert "chưa biết đã gửi" in deliver.result.text() or "thư nháp" in deliver.result.text()
    clerk.look("Nộp báo cáo, 4: đã gửi", wizard)
