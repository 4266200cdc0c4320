"""A province office in the window only, on an office screen (issue 26, done-when): made
in the wizard with its roster; the roots it trusts; a USB stick received with a genuine
package, a tampered one and one from a new signer that must be confirmed; the tracking
window; the office's report read (its signed PDF, an evidence file, the signature);
the period's documents exported; a return signed and taken in by the commune. No
command line; every screen met is checked as tests/ui/test_clerks_week.py checks them."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from demo_packages import CLOCK, PASS, demo_package
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton, QWizard
from qt_tables import column_texts
from screen_fit import maximised
from test_clerks_week import Clerk, as_opened
from test_return_round_trip import return_signed

from desktop.consolidation.matrix import Standing
from desktop.domain.periods import PeriodId, PeriodKind
from desktop.signing.trial_ca import make_trial_ca
from desktop.workspace import Workspace
from ui import ask, database_actions
from ui.export_dialog import ExportDialog
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.office_report_dialog import OfficeReportDialog
from ui.receive_results import ReceiveResultsDialog
from ui.return_form import ReturnForm
from ui.tracking_dialog import MatrixDialog
from ui.trust_dialog import TrustDialog

ARRIVED = CLOCK + timedelta(days=1)  # the demo's packages are signed on 25/11/2026
ROSTER = "Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\nVĩnh Bảo,xã,\n"
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def stick(tmp_path: Path, demo_files):
    """What comes on the USB stick: Trần Liêu's 2025 package (with an evidence file), the
    same signed by another certificate (a new signer), and a copy with one byte changed;
    with the two CAs they chain to."""
    first_ca, genuine = demo_package(demo_files, tmp_path / "xa")
    other_ca, other = demo_package(demo_files, tmp_path / "xa_moi", evidence=False)
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy(genuine.path, usb / genuine.path.name)
    shutil.copy(other.path, usb / f"nguoi_ky_moi_{other.path.name}")
    data = bytearray(genuine.path.read_bytes())
    data[len(data) // 2] ^= 0x20
    (usb / f"sua_doi_{genuine.path.name}").write_bytes(bytes(data))
    return usb, first_ca, other_ca, tmp_path / "xa" / "tl.db"


@pytest.fixture
def arrived(windows_read):
    windows_read(ARRIVED)


def test_a_province_from_creation_to_a_return_taken_in(
    qtbot, monkeypatch, office_screen, office_folder, tmp_path: Path, stick, arrived
):
    usb, first_ca, other_ca, commune_db = stick
    clerk = Clerk(qtbot)
    told: list[tuple[str, bool]] = []  # what the window says in a message box
    monkeypatch.setattr(
        ask, "tell", lambda _p, _t, text, problem=False: told.append((text, problem))
    )
    window = made_and_greeted(clerk, monkeypatch, office_screen, tmp_path)
    trusted(clerk, monkeypatch, window, [first_ca.root, other_ca.root])
    received(clerk, monkeypatch, window, usb)
    returned = followed_and_read(clerk, monkeypatch, window, tmp_path)
    exported(clerk, monkeypatch, window, tmp_path)
    taken_back(clerk, monkeypatch, window, commune_db, returned, tmp_path)
    assert not [text for text, problem in told if problem]
    assert any(text.startswith("Đã ký và lưu văn bản trả lại") for text, _ in told)
    assert len(clerk.seen) >= 12
    window.ws.close()


def made_and_greeted(clerk: Clerk, monkeypatch, room, tmp_path: Path) -> MainWindow:
    roster = tmp_path / "danh_sach.csv"
    roster.write_text(ROSTER, "utf-8")
    monkeypatch.setattr(ask, "open_file", lambda *args: roster)
    window = MainWindow(database_actions.open_demo(), demo=True)
    clerk.qtbot.addWidget(window)
    maximised(window, room)
    as_opened(monkeypatch, FirstRunWizard, lambda wizard: setting_up(clerk, wizard))
    window.first_run.buttons.itemAt(0).widget().click()  # Tạo cơ sở dữ liệu của cơ quan…

    office = window.ws.office.get()
    assert office is not None and office.committee == "UBND tỉnh Hải Phòng"
    assert office.receives_reports and window.plan is None
    clerk.qtbot.wait(10)
    clerk.look("cửa sổ của tỉnh, trang đầu", window)
    assert [done for _, done in window.home.steps] == [True, False, False, False]
    assert "Bắt đầu bằng danh sách đơn vị báo cáo" in window.first_run.text()
    return window


def setting_up(clerk: Clerk, wizard: FirstRunWizard) -> None:
    qtbot, office = clerk.qtbot, wizard.office_page
    clerk.look("trình hướng dẫn, trang 1: cơ quan", wizard, first=office.name)
    levels = [office.level.itemText(i) for i in range(office.level.count())]
    assert levels == ["Xã", "Phường", "Đặc khu", "Tỉnh", "Huyện"]
    clerk.type(office.name, "Hải Phòng")
    clerk.press(office.name, Qt.Key.Key_Tab)
    clerk.press(office.level, *[Qt.Key.Key_Down] * 3)  # Xã → Phường → Đặc khu → Tỉnh
    assert office.level.currentText() == "Tỉnh"
    office.signer_name.setFocus()
    clerk.type(office.signer_name, "Lê Văn Hùng")
    clerk.press(office.signer_name, Qt.Key.Key_Return)  # Tạo cơ sở dữ liệu >
    assert wizard.currentPage() is wizard.roster_page, office.problem.text()
    page = wizard.roster_page
    clerk.look("trình hướng dẫn, trang 2: danh sách đơn vị", wizard, first=page.import_button)
    clerk.press(page.import_button, Qt.Key.Key_Space)  # Nhập danh sách từ tệp…
    assert "Danh sách có 2 đơn vị" in page.result.text(), page.problem.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.keyClick(finish, Qt.Key.Key_Space)


def trusted(clerk: Clerk, monkeypatch, window: MainWindow, roots: list[Path]) -> None:
    """The roots the communes' certificates chain to, from the step's own button."""
    offered = list(roots)
    monkeypatch.setattr(ask, "open_file", lambda *args: offered.pop(0))

    def trusting(dialog: TrustDialog) -> None:
        clerk.look("Tin cậy và chứng thư…", dialog)
        for _ in roots:
            clerk.press(dialog, Qt.Key.Key_N, modifier=ALT)  # &Nhập chứng thư gốc…
            clerk.qtbot.wait(150)  # Alt+letter clicks once the button's press is drawn
        assert dialog.roots.view.model().rowCount() == 2
        clerk.press(dialog, Qt.Key.Key_Escape)

    as_opened(monkeypatch, TrustDialog, trusting)
    home_button(window, "Tin cậy và chứng thư…").click()
    assert len(window.ws.trust.list()) == 2


def home_button(window: MainWindow, text: str) -> QPushButton:
    [button] = [b for b in window.home.findChildren(QPushButton) if b.text() == text]
    return button


def received(clerk: Clerk, monkeypatch, window: MainWindow, usb: Path) -> None:
    monkeypatch.setattr(ask, "folder", lambda *args: usb)
    said = []

    def results(dialog: ReceiveResultsDialog) -> None:
        clerk.look("Kết quả tiếp nhận", dialog)
        said.append(dialog.summary.text())
        table = dialog.table
        details = [table.item(r, 2).text() for r in range(table.rowCount())]
        # The byte changed breaks the zip's CRC: said in Vietnamese, not zipfile's English.
        assert any("dữ liệu nén hỏng hoặc đã bị sửa" in d for d in details), details

    as_opened(monkeypatch, ReceiveResultsDialog, results)
    home_button(window, "Tiếp nhận cả thư mục (USB)…").click()
    clerk.qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert "1 đã nhận" in said[0] and "1 không nhận" in said[0], said[0]
    assert "chờ xác nhận" in said[0], said[0]


def followed_and_read(clerk: Clerk, monkeypatch, window: MainWindow, tmp_path: Path) -> Path:
    """Theo dõi nộp báo cáo: the held signer confirmed from the offices to chase, then
    Trần Liêu's report read and returned for correction; the .p7m made."""
    monkeypatch.setattr(ask, "confirm", lambda *args: True)
    handed: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: handed.append(Path(url.toLocalFile())) or True
    )
    province_ca = make_trial_ca(tmp_path / "so", "Sở Khoa học và Công nghệ", PASS, ARRIVED)
    made: list[Path] = []

    def returning(form: ReturnForm) -> None:
        clerk.look("Trả lại để chỉnh sửa", form, first=form.reasons)
        assert not return_signed(clerk.qtbot, form, province_ca.signer, tmp_path / "tra_lai")
        made.append(form.path)

    def reading(dialog: OfficeReportDialog) -> None:
        clerk.look("Báo cáo của đơn vị", dialog)
        tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        dialog.tabs.setCurrentIndex(tabs.index("Báo cáo đã ký (PDF)"))
        pages = dialog.report_page.pages
        clerk.qtbot.waitUntil(lambda: pages.page_pixmap(0) is not None, timeout=20000)
        clerk.look("Báo cáo của đơn vị: bản PDF đã ký", dialog)
        dialog.tabs.setCurrentIndex(tabs.index("Chữ ký số"))
        clerk.look("Báo cáo của đơn vị: chữ ký số", dialog)
        evidence = next(i for i, t in enumerate(tabs) if t.startswith("Minh chứng"))
        dialog.tabs.setCurrentIndex(evidence)
        table = dialog.evidence_page.table
        table.setFocus()
        table.setCurrentIndex(dialog.evidence_page.model.index(0, 0))
        clerk.press(table, Qt.Key.Key_Return)
        assert [p.suffix for p in handed] == [".pdf"]
        as_opened(monkeypatch, ReturnForm, returning)
        dialog.return_button.setFocus()
        clerk.press(dialog.return_button, Qt.Key.Key_Space)

    def following(dialog: MatrixDialog) -> None:
        clerk.look("Theo dõi nộp báo cáo", dialog)
        assert dialog.period_box.currentText().startswith("Năm 2025")
        assert dialog.chips[Standing.HELD].text().endswith(": 1")
        dialog.tabs.setCurrentIndex(1)  # Đơn vị cần nhắc
        clerk.look("Theo dõi nộp báo cáo: đơn vị cần nhắc", dialog)
        chased = column_texts(dialog.chase_model, "Đơn vị")
        assert "Xã Vĩnh Bảo" in chased
        dialog.chased.setFocus()
        dialog.chased.setCurrentIndex(dialog.chase_model.index(chased.index("Phường Trần Liêu"), 0))
        clerk.press(dialog.chased, Qt.Key.Key_Return)  # the new signer, confirmed
        assert dialog.chips[Standing.HELD].text().endswith(": 0")
        dialog.tabs.setCurrentIndex(0)
        offices = column_texts(dialog.office_model, "Đơn vị")
        as_opened(monkeypatch, OfficeReportDialog, reading)
        dialog.offices.setFocus()
        dialog.offices.setCurrentIndex(
            dialog.office_model.index(offices.index("Phường Trần Liêu"), 0)
        )
        clerk.press(dialog.offices, Qt.Key.Key_Return)
        dialog.tabs.setCurrentIndex(2)  # Các kỳ
        clerk.look("Theo dõi nộp báo cáo: các kỳ", dialog)

    as_opened(monkeypatch, MatrixDialog, following)
    window.matrix_action.trigger()
    assert made and made[0].suffix == ".p7m" and made[0].exists()
    return made[0]


def exported(clerk: Clerk, monkeypatch, window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "tong_hop.pdf"
    monkeypatch.setattr(ask, "save_file", lambda *args: out)

    def choosing(form: ExportDialog) -> None:
        clerk.look("Xuất báo cáo của kỳ", form, first=form.period_box)
        clerk.press(form.period_box, Qt.Key.Key_Return)  # the period shown, the report, PDF

    as_opened(monkeypatch, ExportDialog, choosing)
    window.consolidate_action.trigger()
    clerk.qtbot.waitUntil(out.exists, timeout=30000)
    clerk.qtbot.waitUntil(window.isEnabled, timeout=30000)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Trần Liêu" in text


def taken_back(
    clerk: Clerk, monkeypatch, province: MainWindow, commune_db: Path, returned: Path, tmp_path
) -> None:
    """Phường Trần Liêu registers the province's root and signing certificate in its own
    Tin cậy và chứng thư…, then takes the return in: its 2025 period is open again."""
    exported_pem = handed_out(clerk, monkeypatch, province, tmp_path)
    commune = MainWindow(Workspace.open(commune_db))
    clerk.qtbot.addWidget(commune)
    maximised(commune, clerk_room(commune))
    year = PeriodId(2025, PeriodKind.YEAR)
    assert commune.ws.locks.active(commune.plan.id, str(year)) is not None
    offered = [tmp_path / "so" / "root.pem", exported_pem]
    monkeypatch.setattr(ask, "open_file", lambda *args: offered.pop(0))

    def registering(dialog: TrustDialog) -> None:
        clerk.look("Tin cậy và chứng thư… của xã", dialog)
        clerk.press(dialog, Qt.Key.Key_N, modifier=ALT)  # &Nhập chứng thư gốc…
        clerk.qtbot.wait(150)
        clerk.press(dialog, Qt.Key.Key_K, modifier=ALT)  # Đăng &ký chứng thư ký của cấp trên…
        clerk.qtbot.wait(150)
        clerk.press(dialog, Qt.Key.Key_Escape)

    as_opened(monkeypatch, TrustDialog, registering)
    commune.certificates_action.trigger()
    monkeypatch.setattr(ask, "open_file", lambda *args: returned)
    commune.accept_return_action.trigger()
    assert commune.ws.locks.active(commune.plan.id, str(year)) is None  # open again
    clerk.look("cửa sổ của xã, kỳ mở lại", commune)
    commune.ws.close()


def handed_out(clerk: Clerk, monkeypatch, province: MainWindow, tmp_path: Path) -> Path:
    """The province's own signing certificate, kept when it signed the return, exported
    from its Tin cậy và chứng thư… for its communes."""
    pem = tmp_path / "chung_thu_ky_tinh.pem"
    monkeypatch.setattr(ask, "save_file", lambda *args: pem)

    def exporting(dialog: TrustDialog) -> None:
        dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)  # Chứng thư ký của cơ quan
        clerk.look("Tin cậy và chứng thư…: chứng thư ký của cơ quan", dialog)
        dialog.own.view.setFocus()
        dialog.own.view.setCurrentIndex(dialog.own.view.model().index(0, 0))
        clerk.press(dialog, Qt.Key.Key_X, modifier=ALT)  # &Xuất tệp .pem…
        clerk.qtbot.wait(150)
        clerk.press(dialog, Qt.Key.Key_Escape)

    as_opened(monkeypatch, TrustDialog, exporting)
    province.certificates_action.trigger()
    assert pem.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    return pem


def clerk_room(window: MainWindow):
    from ui import screen_room

    return screen_room.available(window)
