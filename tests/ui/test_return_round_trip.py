"""Returning a report and taking it back, both in the window (issue 26, point 5): the
province signs a return with its own .p12 in the office's report window and is told where
the .p7m was saved; the commune takes it in with Văn bản → Nhận văn bản cấp trên trả lại…
(refused, with the window's way to put it right, until the province's root is trusted and
its certificate registered), its period reopens, lần 2 is signed in Nộp báo cáo… and the
province receives it as a resubmission. Our forms are typed by keyboard throughout."""

from __future__ import annotations

from datetime import UTC, datetime

from demo_packages import PASS, demo_package
from modal import when_asked
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWizard
from qt_tables import type_text
from test_clerks_week import as_opened

from desktop.consolidation.matrix import Standing, matrix
from desktop.consolidation.receive import RECEIVED, receive
from desktop.consolidation.roster import RosterEntry
from desktop.domain.model import OfficeLevel
from desktop.domain.periods import PeriodId, PeriodKind
from desktop.package.verify import load_roots
from desktop.signing.trial_ca import make_trial_ca
from desktop.workspace import Workspace
from ui import ask
from ui.main_window import MainWindow
from ui.office_report_dialog import OfficeReportDialog
from ui.return_form import ReturnForm
from ui.submit_wizard import SubmitWizard

REASONS = "Thiếu minh chứng nhiệm vụ I.4"
TRUST_WINDOW = "Văn bản → Tin cậy và chứng thư…"


def typed_over(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, text)


def return_signed(qtbot, form, p12, folder) -> bool:
    """The return form as the province's clerk fills it: the reasons typed where typing
    starts, Tab to the certificate, the password, the folder; Enter signs."""
    assert isinstance(form, ReturnForm) and form.focusWidget() is form.reasons
    type_text(form.reasons, REASONS)
    qtbot.keyClick(form.reasons, Qt.Key.Key_Tab)
    assert form.focusWidget() is form.p12
    typed_over(qtbot, form.p12, str(p12))
    typed_over(qtbot, form.passphrase, PASS.decode())
    typed_over(qtbot, form.folder, str(folder))
    qtbot.keyClick(form.folder, Qt.Key.Key_Return)
    return form.isVisible()


def signed_again(qtbot, wizard: SubmitWizard, p12, folder) -> None:
    """Nộp báo cáo… by keyboard: warnings acknowledged, the preview, then the commune's
    certificate and its password, Enter signs lần 2."""
    onward = wizard.button(QWizard.WizardButton.NextButton)
    check = wizard.currentPage()
    check.acknowledged.setFocus()
    qtbot.keyClick(check.acknowledged, Qt.Key.Key_Space)
    onward.setFocus()
    qtbot.keyClick(onward, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=30000)
    qtbot.keyClick(onward, Qt.Key.Key_Space)
    sign = wizard.currentPage()
    assert sign.reason.text() == f"Cấp trên trả lại (UBND tỉnh Hải Phòng): {REASONS}"
    typed_over(qtbot, sign.p12, str(p12))
    typed_over(qtbot, sign.folder, str(folder))
    typed_over(qtbot, sign.passphrase, PASS.decode())
    qtbot.keyClick(sign.passphrase, Qt.Key.Key_Return)  # Ký
    qtbot.waitUntil(lambda: wizard.package is not None, timeout=30000)


def test_a_return_goes_down_and_lan_2_comes_back_up(qtbot, tmp_path, monkeypatch, demo_files):
    commune_ca, first = demo_package(demo_files, tmp_path / "xa", evidence=False)
    province_ca = make_trial_ca(tmp_path / "so", "Sở Khoa học", PASS, datetime.now(UTC))
    told: list[str] = []
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))
    # A step that fails leaves its form closed without asking, rather than the run hung.
    monkeypatch.setattr(ask, "unsaved", lambda *args: ask.Unsaved.DISCARD)
    province = Workspace.open(tmp_path / "tinh.db", create=True)
    province.office.save("Hải Phòng", "tinh")
    province.receiving.set_roster([RosterEntry("Trần Liêu", OfficeLevel.PHUONG)])
    roots = load_roots([commune_ca.root])
    assert [o.status for o in receive(province, [first.path], roots)] == [RECEIVED]

    # The province: the office's report, Trả lại để chỉnh sửa…, the form by keyboard.
    [row] = matrix(province, "2025")
    report = OfficeReportDialog(province, row, "2025")
    qtbot.addWidget(report)
    report.show()
    filled = when_asked(lambda form: return_signed(qtbot, form, province_ca.signer, tmp_path))
    report.return_button.setFocus()
    qtbot.keyClick(report.return_button, Qt.Key.Key_Space)
    assert filled == [False]  # signed and closed
    [returned] = tmp_path.glob("*.p7m")
    assert f"Đã ký và lưu văn bản trả lại:\n{returned}" in told[-1]
    assert "Văn bản → Nhận văn bản cấp trên trả lại…" in told[-1]
    assert not report.return_button.isEnabled()
    assert matrix(province, "2025")[0].standing is Standing.RETURNED

    # The commune: Văn bản → Nhận văn bản cấp trên trả lại…, the file chosen by typing.
    commune = Workspace.open(tmp_path / "xa" / "tl.db")
    window = MainWindow(commune)
    qtbot.addWidget(window)
    window.show()
    window.select_period(PeriodId(2025, PeriodKind.YEAR))
    documents = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Văn bản")
    assert window.accept_return_action in documents.actions()
    # The .p7m picked in Qt's file dialog (typing a path there is Qt's to test).
    asked = []
    monkeypatch.setattr(
        ask, "open_file", lambda parent, title, kinds: asked.append(kinds) or returned
    )

    def taken_in() -> str:
        window.accept_return_action.trigger()
        assert asked.pop() == "Văn bản trả lại (*.p7m);;Mọi tệp (*)"
        return told[-1]

    for missing, put_right in (
        ("không thuộc gốc tin cậy", lambda: commune.trust.add(province_ca.root)),
        ("Chưa đăng ký chứng thư ký của cấp trên", lambda: commune.trust.add_upper(
            province_ca.certificate)),
    ):  # fmt: skip
        said = taken_in()
        assert missing in said and TRUST_WINDOW in said and "settings" not in said, said
        assert window.lock_line.isVisible()  # still sent, still locked
        put_right()  # in the trust window, which is another's to drive
    said = taken_in()
    assert said.startswith(f"Cấp trên trả lại báo cáo năm 2025 lần 1: {REASONS}")
    assert "gửi lại (lần 2)" in said
    plan = commune.plans.current()
    assert commune.locks.active(plan.id, "2025") is None and window.lock_line.isHidden()

    # Lần 2, signed in Nộp báo cáo…, comes back up as a resubmission with its reason.
    as_opened(
        monkeypatch, SubmitWizard,
        lambda wizard: signed_again(qtbot, wizard, commune_ca.signer, tmp_path / "l2"),
    )  # fmt: skip
    window.submit_action.trigger()
    [second] = (tmp_path / "l2").glob("*.asice")
    assert "_l2_" in second.name and window.lock_line.isVisible()
    assert [o.status for o in receive(province, [second], roots)] == [RECEIVED]
    [row] = matrix(province, "2025")
    assert (row.standing, row.sequence) == (Standing.RESUBMITTED, 2)
    again = OfficeReportDialog(province, row, "2025")
    qtbot.addWidget(again)
    differences = again.tabs.widget(again.tabs.count() - 1)
    assert differences.item(0).text() == (
        f"Lý do gửi lại: Cấp trên trả lại (UBND tỉnh Hải Phòng): {REASONS}"
    )
    window.close()
    commune.close()
    province.close()
