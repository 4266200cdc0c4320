"""The 'Nộp báo cáo' wizard driven page by page to a package delivered on a USB stick."""

from __future__ import annotations

import hashlib

import pytest

from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.package.verify import load_roots, verify_file
from desktop.signing.trial_ca import make_trial_ca
from ui.outbox_dialog import OutboxDialog
from ui.submit_wizard import SubmitWizard

PASS = "mat-khau-tap-huan"


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
    from ui.submit_wizard import DeliverPage

    sticks = [tmp_path / "USB_A", tmp_path / "USB_B"]
    monkeypatch.setattr(usb, "removable_drives", lambda: sticks)
    wizard = SubmitWizard(window.ws, window.plan, window.selected_period(), window)
    qtbot.addWidget(wizard)
    page = next(p for p in map(wizard.page, wizard.pageIds()) if isinstance(p, DeliverPage))
    box = page.drive
    assert [box.itemText(i) for i in range(box.count())] == [str(s) for s in sticks]
    assert box.lineEdit().parent() is box  # still inside the box, not shown on its own
