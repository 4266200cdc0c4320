"""The window's way to send a period up, Văn bản → Nộp báo cáo…: the certificate shown and
the package signed with a .p12 off the UI thread, the period then shown locked, and Mở lại
kỳ… with a reason carried into the next package."""

from __future__ import annotations

import pytest
from modal import ASK_TEXT, when_asked
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from qt_tables import type_text

from desktop.domain.periods import PeriodId
from desktop.package.verify import load_roots, verify_file
from desktop.signing.trial_ca import make_trial_ca
from ui import ask
from ui.style import PROBLEM_COLOUR
from ui.submit_wizard import SignPage, SubmitWizard

PASS = "mat-khau-tap-huan"


@pytest.fixture
def trial(tmp_path, demo_ws):
    """Valid on the test clock's day."""
    return make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS.encode(), demo_ws.now())


@pytest.fixture
def signed_window(window, demo_ws):
    demo_ws.document_settings.save(signer_name="Nguyễn Văn An")
    return window


def to_sign_page(qtbot, wizard: SubmitWizard) -> SignPage:
    """Through Kiểm tra (its warnings acknowledged) and Xem trước, as the clerk goes."""
    wizard.show()
    wizard.currentPage().acknowledged.setChecked(True)
    wizard.next()
    assert wizard.currentPage().isComplete()  # the preview is made
    wizard.next()
    page = wizard.currentPage()
    assert isinstance(page, SignPage)
    return page


def fill(page: SignPage, trial, folder, passphrase=PASS) -> None:
    page.use_p12.setChecked(True)
    page.p12.setText(str(trial.signer))
    page.passphrase.setText(passphrase)
    page.folder.setText(str(folder))


def run_wizard(monkeypatch, qtbot, scenario) -> list:
    """Nộp báo cáo… from the menu, with `scenario(wizard)` as the clerk's part."""
    seen = []

    def exec_(wizard):
        seen.append(scenario(wizard))
        wizard.close()
        return 0

    monkeypatch.setattr(SubmitWizard, "exec", exec_)
    return seen


def test_a_wrong_passphrase_is_said_and_nothing_is_signed(qtbot, signed_window, trial, tmp_path):
    window = signed_window
    wizard = SubmitWizard(window.ws, window.plan, window.selected_period(), window)
    qtbot.addWidget(wizard)
    page = to_sign_page(qtbot, wizard)
    fill(page, trial, tmp_path / "out", passphrase="sai")
    page.sign_button.click()
    assert "mật khẩu không đúng" in page.problem.text()
    assert wizard.package is None and not page.isComplete()
    assert not (tmp_path / "out").exists()


def test_sending_locks_the_period_and_reopening_unlocks_it(
    qtbot, signed_window, trial, tmp_path, monkeypatch
):
    window = signed_window
    window.show()
    assert window.lock_line.isHidden() and window.progress_action.isEnabled()

    def sign(wizard):
        page = to_sign_page(qtbot, wizard)
        fill(page, trial, tmp_path / "out")
        page.sign_button.click()
        qtbot.waitUntil(lambda: wizard.package is not None, timeout=30000)
        shown = page.result.text()
        assert "Nguyễn Văn An (THỬ NGHIỆM)" in shown and "Hiệu lực: từ" in shown  # whose
        assert "SHA-256" in shown and page.isComplete()
        return wizard.package

    made = run_wizard(monkeypatch, qtbot, sign)
    window.submit_action.trigger()
    [package] = made
    verdict = verify_file(package.path, load_roots([trial.root]))
    assert verdict.accepted and verdict.trial

    # Shown without being asked: the window read the lock from what was written.
    assert window.lock_line.isVisible()
    assert "ĐÃ KHÓA" in window.lock_line.text() and package.path.name in window.lock_line.text()
    assert not window.progress_action.isEnabled() and not window.indicator_action.isEnabled()

    told = []
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))
    window.submit_action.trigger()  # a period sent cannot be sent again before it is reopened
    assert "Mở lại kỳ" in told[-1]

    # The real question, answered from the keyboard: Esc leaves the period locked; Enter
    # with no reason asks again in the same dialog, saying why; a reason reopens.
    monkeypatch.setattr(ask, "text", ASK_TEXT)

    def leave(dialog) -> bool:
        QTest.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)
        return dialog.isVisible()

    left = when_asked(leave)
    window.reopen_action.trigger()
    assert left == [False] and window.lock_line.isVisible()

    def answer(dialog) -> tuple[bool, str]:
        field = dialog.findChild(QLineEdit)
        QTest.keyClick(field, Qt.Key.Key_Return)
        asked_again = (dialog.isVisible(), dialog.labelText())
        type_text(field, "Bổ sung kết quả")
        QTest.keyClick(field, Qt.Key.Key_Return)
        return asked_again

    answered = when_asked(answer)
    window.reopen_action.trigger()
    [(still_open, label)] = answered
    assert still_open and "Mở lại kỳ cần ghi lý do." in label and PROBLEM_COLOUR in label
    assert window.lock_line.isHidden() and window.progress_action.isEnabled()
    reasons = run_wizard(
        monkeypatch, qtbot, lambda wizard: to_sign_page(qtbot, wizard).reason.text()
    )
    window.submit_action.trigger()
    assert reasons == ["Bổ sung kết quả"]  # carried into lần 2
    assert window.selected_period().id == PeriodId.parse("2025")
