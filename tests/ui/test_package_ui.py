"""The window's way to send a period up: Xuất gói đã ký… (certificate shown, signed off
the UI thread), the period then shown locked, and Mở lại kỳ… with a reason."""

from __future__ import annotations

import pytest

from desktop.package.verify import load_roots, verify_file
from desktop.signing.trial_ca import make_trial_ca
from ui import ask
from ui.package_dialog import PackageDialog

PASS = "mat-khau-tap-huan"


@pytest.fixture
def trial(tmp_path, demo_ws):
    """Valid on the test clock's day."""
    return make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS.encode(), demo_ws.now())


@pytest.fixture
def signed_window(window, demo_ws):
    demo_ws.document_settings.save(signer_name="Nguyễn Văn An")
    return window


def dialog_for(qtbot, window, trial, folder, passphrase=PASS):
    dialog = PackageDialog(window.ws, window.plan, window.selected_period(), window)
    qtbot.addWidget(dialog)
    dialog.p12.setText(str(trial.signer))
    dialog.passphrase.setText(passphrase)
    dialog.folder.setText(str(folder))
    return dialog


def test_a_wrong_passphrase_is_said_and_nothing_is_signed(qtbot, signed_window, trial, tmp_path):
    dialog = dialog_for(qtbot, signed_window, trial, tmp_path / "out", passphrase="sai")
    dialog.sign_button.click()
    assert "mật khẩu không đúng" in dialog.problem.text()
    assert dialog.made is None and not (tmp_path / "out").exists()


def test_export_locks_the_period_and_reopen_unlocks_it(
    qtbot, signed_window, trial, tmp_path, monkeypatch
):
    window = signed_window
    window.show()
    assert window.lock_line.isHidden() and window.progress_action.isEnabled()
    dialog = dialog_for(qtbot, window, trial, tmp_path / "out")
    assert dialog.check_certificate()
    assert "Nguyễn Văn An (THỬ NGHIỆM)" in dialog.certificate.text()
    assert "Hiệu lực: từ" in dialog.certificate.text()
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=30000)
    assert "SHA-256" in dialog.problem.text() and not dialog.open_button.isHidden()
    verdict = verify_file(dialog.made.path, load_roots([trial.root]))
    assert verdict.accepted and verdict.trial

    window.refresh()
    assert window.lock_line.isVisible()
    assert "ĐÃ KHÓA" in window.lock_line.text() and dialog.made.path.name in window.lock_line.text()
    assert not window.progress_action.isEnabled() and not window.indicator_action.isEnabled()

    monkeypatch.setattr(ask, "text", lambda *a, **k: "Bổ sung kết quả")
    window.reopen_period()
    assert window.lock_line.isHidden() and window.progress_action.isEnabled()
    again = PackageDialog(window.ws, window.plan, window.selected_period(), window)
    qtbot.addWidget(again)
    assert again.reason.text() == "Bổ sung kết quả"  # carried into lần 2
