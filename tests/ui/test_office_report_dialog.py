"""Reading what was received, in the window (issue 26, point 4): the office's signed
report shown page by page and handed to another program, each evidence file opened by a
double-click or Enter (a program among them never is), and who signed the package with
what was checked when it came; the window fits an office screen."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest
from demo_packages import CLOCK, PASS, demo_package, package_files, readdressed
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel
from screen_fit import problems

from desktop.consolidation.matrix import matrix
from desktop.consolidation.office_report import fingerprint_text
from desktop.consolidation.receive import RECEIVED, receive
from desktop.consolidation.roster import RosterEntry
from desktop.consolidation.store import reading_folder, stored_file
from desktop.domain.model import OfficeLevel
from desktop.package.layout import DATA_JSON, REPORT_PDF
from desktop.package.verify import load_roots
from desktop.signing.sources import Pkcs12File
from desktop.workspace import Workspace
from ui import ask
from ui.office_report_dialog import OfficeReportDialog
from ui.return_form import ReturnForm

PROGRAM, PROGRAM_BYTES = "minh_chung/0badc0de_cai-dat.exe", b"MZ\x90\x00 a program"
ARRIVED = CLOCK + timedelta(days=40)  # 04/01/2027: far from the time the package claims


@pytest.fixture
def province(tmp_path, demo_files):
    """The level above with phường Trần Liêu's 2025 package received: signed by the
    office, listing its evidence file and, beside it, a program."""
    ca, package = demo_package(demo_files, tmp_path / "xa")
    files = package_files(package.path)
    data = json.loads(files[DATA_JSON])
    task = next(t for t in data["tasks"] if t["evidence"])
    digest = hashlib.sha256(PROGRAM_BYTES).hexdigest()
    task["evidence"].append({"file": PROGRAM, "sha256": digest, "bytes": len(PROGRAM_BYTES)})
    files[DATA_JSON] = json.dumps(data, ensure_ascii=False).encode()
    files[PROGRAM] = PROGRAM_BYTES
    signer = Pkcs12File(ca.signer, PASS).signer()
    name, content, _ = readdressed(files, signer, ("Trần Liêu", "phuong", ""), CLOCK)
    (tmp_path / name).write_bytes(content)
    ws = Workspace.open(tmp_path / "tinh.db", create=True, clock=lambda: ARRIVED)
    ws.office.save("Hải Phòng", "tinh")
    ws.receiving.set_roster([RosterEntry("Trần Liêu", OfficeLevel.PHUONG)])
    [outcome] = receive(ws, [tmp_path / name], load_roots([ca.root]))
    assert outcome.status == RECEIVED, outcome.detail
    [row] = matrix(ws, "2025")
    yield ws, row
    ws.close()


@pytest.fixture
def dialog(qtbot, province):
    ws, row = province
    shown = OfficeReportDialog(ws, row, "2025")
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """The files handed to the machine's own programs."""
    handed: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: handed.append(Path(url.toLocalFile())) or True
    )
    return handed


@pytest.fixture
def told(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: said.append(text))
    return said


def click_tab(qtbot, dialog: OfficeReportDialog, title: str) -> None:
    bar = dialog.tabs.tabBar()
    [index] = [i for i in range(bar.count()) if bar.tabText(i).startswith(title)]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.tabs.currentIndex() == index


def test_the_signed_report_is_shown_page_by_page_and_opens_in_another_program(
    qtbot, dialog, opened, told, monkeypatch
):
    click_tab(qtbot, dialog, "Báo cáo đã ký (PDF)")
    page = dialog.report_page
    qtbot.waitUntil(lambda: page.pages.page_count > 0 and page.pages.page_pixmap(0) is not None)
    assert page.pages.page_count > 1
    assert f"đúng tệp trong gói ({page.pages.page_count} trang)" in page.note.text()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    [pdf] = opened
    assert pdf.suffix == ".pdf" and pdf.is_relative_to(reading_folder())
    assert pdf.read_bytes() == stored_file(dialog.ws, dialog.received, REPORT_PDF)
    assert told == []
    # A machine with no program for PDF: said, with where the file was put.
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert "không mở được «bao-cao.pdf»" in told[-1] and str(pdf) in told[-1]


def test_an_evidence_file_opens_on_double_click_or_enter_and_a_program_never_does(
    qtbot, dialog, opened, told
):
    click_tab(qtbot, dialog, "Minh chứng (2)")
    table, model = dialog.evidence_page.table, dialog.evidence_page.model
    listed = [(model.row(r).task, model.row(r).shown, model.row(r).size_shown) for r in range(2)]
    assert listed == [
        ("I.1", "744a01f7_bien-ban-nghiem-thu.pdf", "6 byte"),
        ("I.1", "0badc0de_cai-dat.exe", "14 byte"),
    ]
    cell = table.visualRect(model.index(0, 1)).center()
    # As a hand does it: the first click selects, the second one of the pair opens.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    [evidence] = opened
    assert evidence.name == "744a01f7-bien-ban-nghiem-thu.pdf"
    assert evidence.read_bytes() == b"%PDF x"
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # the program: refused, never written out
    assert "«0badc0de_cai-dat.exe» loại .exe: không mở từ gói" in told[-1]
    assert opened == [evidence] and not list(reading_folder().rglob("*.exe"))
    qtbot.keyClick(table, Qt.Key.Key_Up)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter opens; it does not close the window
    assert opened == [evidence, evidence] and dialog.isVisible()


def test_the_signature_is_shown_with_what_was_checked_on_receipt(qtbot, dialog):
    click_tab(qtbot, dialog, "Chữ ký số")
    page = dialog.signature_page
    shown = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
    [signer] = dialog.ws.receiving.signers(dialog.received.roster_id)
    for said in (
        "Người ký:", "Nguyễn Văn An (THỬ NGHIỆM)", "Cấp bởi:",
        "CA thử nghiệm Sổ Kế hoạch (THỬ NGHIỆM)", "Số sê-ri:", signer.serial, "Hiệu lực:",
        "từ 24/11/2026 đến 24/11/2028", "Dấu vân tay SHA-256:", fingerprint_text(signer.sha256),
        "Gói ghi ký lúc:", "25/11/2026 10:00", "Nhận lúc:", "Thu hồi chứng thư:",
        "Kết quả kiểm tra lúc nhận:",
        "đạt 7/7 bước kiểm tra: gói nguyên vẹn, chữ ký hợp lệ và tin cậy",
        "✔ Chữ ký trên báo cáo PDF (PAdES): hợp lệ, ký bởi Nguyễn Văn An (THỬ NGHIỆM), tin cậy",
    ):  # fmt: skip
        assert said in shown, said
    assert any(s.startswith("04/01/2027 10:00 — xa lúc gói ghi ký") for s in shown)
    assert any(s.startswith("chưa kiểm tra được thu hồi: chưa có danh sách") for s in shown)


@pytest.mark.usefixtures("office_screen")
def test_the_report_and_its_return_form_fit_an_office_screen(qtbot, dialog):
    found = {}
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        if said := problems(dialog):
            found[dialog.tabs.tabText(index)] = said
    assert found == {}
    form = ReturnForm(dialog.ws, dialog.row.office, "2025", dialog)
    qtbot.addWidget(form)
    form.show()
    qtbot.wait(20)
    assert problems(form) == [] and form.focusWidget() is form.reasons
