"""The 'Nộp báo cáo' wizard driven page by page to a package delivered on a USB stick or
as an e-mail draft, what is missing recorded from its first page, and what it remembers."""

from __future__ import annotations

import hashlib

import pytest
from modal import when_asked
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from qt_tables import type_text

from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.package.verify import load_roots, verify_file
from desktop.signing.trial_ca import make_trial_ca
from ui import settings
from ui.outbox_dialog import OutboxDialog
from ui.progress_dialog import ProgressDialog
from ui.style import DONE_COLOUR, PROBLEM_COLOUR
from ui.submit_wizard import DeliverPage, SignPage, SubmitWizard

PASS = "mat-khau-tap-huan"
TO = "vanthu@haiphong.gov.vn"


def test_the_wizard_checks_previews_signs_and_delivers(qtbot, window, demo_ws, tmp_path):
    demo_ws.document_settings.save(signer_name="Nguyễn Văn An")
    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS.encode(), demo_ws.now())
    period = demo_ws.periods.get(PeriodId.parse("2025"), window.plan.id)
    wizard = SubmitWizard(demo_ws, window.plan, period, window)
    qtbot.addWidget(wizard)
    wizard.show()

    check = wizard.currentPage()
    assert "Kiểm tra" in check.title()
    assert "nhiệm vụ chưa có báo cáo trong kỳ" in check.summary.text()
    assert not check.isComplete()  # warnings must be acknowledged
    check.acknowledged.setChecked(True)
    assert check.isComplete()
    wizard.next()

    preview = wizard.currentPage()
    assert preview.isComplete() and preview.pages.page_count > 2
    wizard.next()

    sign = wizard.currentPage()
    assert not sign.isComplete()
    sign.p12.setText(str(ca.signer))
    sign.passphrase.setText("sai")
    sign.folder.setText(str(tmp_path / "goi"))
    sign.sign_button.click()
    assert "mật khẩu không đúng" in sign.problem.text() and wizard.package is None
    sign.passphrase.setText(PASS)
    sign.sign_button.click()
    qtbot.waitUntil(lambda: wizard.package is not None, timeout=30000)
    assert sign.isComplete() and "SHA-256" in sign.result.text()
    assert verify_file(wizard.package.path, load_roots([ca.root])).accepted
    wizard.next()

    deliver = wizard.currentPage()
    stick = tmp_path / "usb"
    stick.mkdir()
    deliver.drive.setEditText(str(stick))
    deliver.send_button.click()
    copy = stick / wizard.package.path.name
    qtbot.waitUntil(lambda: "đọc lại đúng" in deliver.result.text(), timeout=10000)
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == wizard.package.sha256
    [entry] = demo_ws.outbox.entries()
    assert [d.kind for d in entry.deliveries] == ["usb"]

    outbox = OutboxDialog(demo_ws)
    qtbot.addWidget(outbox)
    assert outbox.table.rowCount() == 1 and "USB" in outbox.table.item(0, 3).text()


def test_export_for_signing_from_the_window(window, demo_ws, tmp_path, monkeypatch):
    from desktop.submission.external import accept_signed
    from ui import ask

    demo_ws.document_settings.save(signer_name="Nguyễn Văn An")
    told = []
    monkeypatch.setattr(ask, "save_file", lambda *a, **k: tmp_path / "de_ky")
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))
    window.select_period(PeriodId.parse("2025"))
    window.export_pdf_action.trigger()
    exported = (tmp_path / "de_ky.pdf").read_bytes()
    assert exported.startswith(b"%PDF") and "Nộp báo cáo" in told[0]
    period = demo_ws.periods.get(PeriodId.parse("2025"), window.plan.id)
    # Unsigned, it is known but refused for lack of a signature: the export was remembered.
    with pytest.raises(InvalidInput, match="cần đúng một chữ ký số"):
        accept_signed(demo_ws, window.plan, period, exported)


def test_the_usb_drives_found_are_listed_in_their_box(qtbot, window, monkeypatch, tmp_path):
    """The drive box keeps its line edit: the sticks found are a list to choose from."""
    from desktop.delivery import usb

    sticks = [tmp_path / "USB_A", tmp_path / "USB_B"]
    monkeypatch.setattr(usb, "removable_drives", lambda: sticks)
    wizard = SubmitWizard(window.ws, window.plan, window.selected_period(), window)
    qtbot.addWidget(wizard)
    page = next(p for p in map(wizard.page, wizard.pageIds()) if isinstance(p, DeliverPage))
    box = page.drive
    assert [box.itemText(i) for i in range(box.count())] == [str(s) for s in sticks]
    assert box.lineEdit().parent() is box  # still inside the box, not shown on its own


def test_a_task_without_a_report_is_recorded_from_the_check_page(qtbot, window, demo_ws):
    """Enter on a listed task opens its progress form over the wizard; once saved (said in
    green) and closed, the list no longer holds it and the wizard is still on Kiểm tra."""
    period = demo_ws.periods.get(PeriodId.parse("2025"), window.plan.id)
    wizard = SubmitWizard(demo_ws, window.plan, period, window)
    qtbot.addWidget(wizard)
    wizard.show()
    check = wizard.currentPage()
    listed = check.details.count()
    first = check.details.item(0).text()
    assert first.startswith("Nhiệm vụ ") and check.record_button.isVisible()
    check.acknowledged.setChecked(True)  # Tiếp enabled: Enter must still open the row

    def record(form) -> tuple:
        assert isinstance(form, ProgressDialog)
        code = form.item.task.code
        type_text(form.result_text, "Đã triển khai tại các tổ dân phố")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
        said = (code, form.problem.text(), form.problem.styleSheet())
        QTest.keyClick(form, Qt.Key.Key_Escape)  # saved: closes without asking
        return said

    answered = when_asked(record)
    check.details.setFocus()
    QTest.keyClick(check.details, Qt.Key.Key_Return)
    [(code, said, style)] = answered
    assert first.startswith(f"Nhiệm vụ {code}. ")
    assert said == f"Đã lưu báo cáo nhiệm vụ {code}." and DONE_COLOUR in style
    assert PROBLEM_COLOUR not in style
    assert check.details.count() == listed - 1 and check.details.currentRow() == 0
    assert first not in [check.details.item(i).text() for i in range(check.details.count())]
    assert wizard.currentPage() is check and check.isComplete()


def test_enter_signs_and_the_next_send_starts_from_this_one(
    qtbot, window, demo_ws, tmp_path, monkeypatch
):
    """Enter in the password signs; a machine without a mail program is said so, with
    the package's folder one click away, and the outbox does not call it sent; the next
    wizard offers the same certificate, the e-mail way and the same address."""
    demo_ws.document_settings.save(signer_name="Nguyễn Văn An")
    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS.encode(), demo_ws.now())
    period = demo_ws.periods.get(PeriodId.parse("2025"), window.plan.id)
    wizard = SubmitWizard(demo_ws, window.plan, period, window)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.currentPage().acknowledged.setChecked(True)
    wizard.next()
    wizard.next()
    sign = wizard.currentPage()
    assert sign.p12.text() == ""  # nothing remembered yet
    sign.p12.setText(str(ca.signer))
    sign.folder.setText(str(tmp_path / "goi"))
    sign.passphrase.setFocus()
    QTest.keyClicks(sign.passphrase, PASS)
    QTest.keyClick(sign.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.package is not None, timeout=30000)
    assert wizard.currentPage() is sign and "SHA-256" in sign.result.text()
    assert settings.certificate() == ca.signer.absolute()
    wizard.next()

    handed = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: handed.append(url) or False)
    deliver = wizard.currentPage()
    assert not deliver.folder_button.isVisibleTo(deliver)
    deliver.to_mail.setChecked(True)
    deliver.address.setFocus()
    QTest.keyClicks(deliver.address, TO)
    qtbot.mouseClick(deliver.send_button, Qt.MouseButton.LeftButton)
    package = wizard.package.path
    assert [url.toLocalFile() for url in handed] == [str(package.with_suffix(".eml"))]
    assert deliver.result.text().startswith(
        f"Không mở được chương trình thư trên máy này. Gói đã lưu ở {package}; hãy gửi bằng "
        "thư điện tử trên trình duyệt (webmail)"
    )
    assert "Đã soạn" not in deliver.result.text() and not deliver.problem.text()
    assert deliver.folder_button.isVisibleTo(deliver)
    qtbot.mouseClick(deliver.folder_button, Qt.MouseButton.LeftButton)
    assert handed[-1].toLocalFile() == str(package.parent)
    assert f"Gói ở: {package}" in deliver.problem.text()  # no file manager: the path to copy

    outbox = OutboxDialog(demo_ws)
    qtbot.addWidget(outbox)
    assert outbox.table.item(0, 2).text() == "20/01/2026 10:00"  # the test clock, Hà Nội time
    assert outbox.table.item(0, 3).text() == (
        f"20/01/2026 10:00: Không mở được chương trình thư (gửi {TO}) — chưa biết đã gửi"
    )

    again = SubmitWizard(demo_ws, window.plan, period, window)
    qtbot.addWidget(again)
    pages = {type(p): p for p in map(again.page, again.pageIds())}
    assert pages[SignPage].p12.text() == str(ca.signer.absolute())
    assert pages[SignPage].passphrase.text() == ""  # never remembered
    assert pages[DeliverPage].to_mail.isChecked() and pages[DeliverPage].address.text() == TO
