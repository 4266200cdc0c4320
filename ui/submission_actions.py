"""Văn bản: sending the period's report up (the Nộp báo cáo wizard, or its PDF signed in
another program first), reopening a period sent, the outbox, a return from the level above,
and what is printed on the documents. Signing and packages are imported on first use (their
libraries would slow every start of the window); the window then shows what was written
(`window.settle()`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.errors import UserError
from ui import ask

if TYPE_CHECKING:
    from desktop.domain.model import Plan
    from ui.main_window import MainWindow

RETURN_FILTER = "Văn bản trả lại (*.p7m);;Mọi tệp (*)"


def _plan(window: MainWindow) -> Plan:
    """The plan shown: the actions on a period are enabled only when there is one."""
    assert window.plan is not None, "enabled only with a plan shown"
    return window.plan


def submit_report(window: MainWindow) -> None:
    from ui.submit_wizard import SubmitWizard

    plan, period = _plan(window), window.selected_period()
    if lock := window.ws.locks.active(plan.id, period.key):
        ask.tell(window, "Nộp báo cáo", lock.refusal(), problem=True)
        return
    wizard = SubmitWizard(window.ws, plan, period, window)
    wizard.exec()
    wizard.deleteLater()  # its preview's pages with it
    window.settle()


def export_for_signing(window: MainWindow) -> None:
    """The report PDF to sign in the official tool; the signed file comes back in
    Nộp báo cáo (Báo cáo đã ký ngoài)."""
    from desktop.infra.atomic_files import write_file
    from desktop.submission.external import export_for_signing as exported

    period = window.selected_period()
    suggested = ask.documents_folder() / f"bao-cao_{period.key}_de-ky.pdf"
    path = ask.save_file(window, "Xuất PDF để ký", suggested, "Tệp PDF (*.pdf)")
    if path is None:
        return
    try:
        write_file(path.with_suffix(".pdf"), exported(window.ws, _plan(window), period))
    except UserError as exc:
        ask.tell(window, "Xuất PDF để ký", str(exc), problem=True)
        return
    finally:
        window.settle()
    ask.tell(
        window,
        "Xuất PDF để ký",
        f"Đã xuất {path.with_suffix('.pdf')}.\nKý tệp này bằng phần mềm ký số, không sửa "
        "nội dung; rồi dùng Văn bản → Nộp báo cáo… và chọn tệp đã ký ở «Báo cáo đã ký ngoài».",
    )


def reopen_period(window: MainWindow) -> None:
    plan, period = _plan(window), window.selected_period()
    if window.ws.locks.active(plan.id, period.key) is None:
        ask.tell(window, "Mở lại kỳ", f"Kỳ {period.label} chưa gửi gói nào, đang không khóa.")
        return
    question = f"Vì sao cần sửa số liệu kỳ {period.label} đã gửi? (bắt buộc)"
    # Reopened on Đồng ý: a reason refused (none given) is asked again, Esc or Hủy leaves.
    reopen = lambda reason: window.ws.locks.reopen(plan.id, period, reason)  # noqa: E731
    ask.text(window, "Mở lại kỳ", question, act=reopen)
    window.settle()


def show_outbox(window: MainWindow) -> None:
    from ui.outbox_dialog import OutboxDialog

    OutboxDialog(window.ws, window).exec()
    window.settle()


def accept_returned(window: MainWindow) -> None:
    """The level above's signed return: checked, then the period reopened with its
    reasons (the trusted roots are those of Tin cậy và chứng thư…)."""
    from desktop.consolidation.returns import read_return

    chosen = ask.open_file(window, "Chọn văn bản trả lại (.p7m)", RETURN_FILTER)
    if chosen is None:
        return
    ws = window.ws
    try:
        said = read_return(ws, chosen, ws.trust.certificates())
    except UserError as exc:
        ask.tell(window, "Văn bản trả lại", str(exc), problem=True)
        return
    window.settle()
    ask.tell(window, "Văn bản trả lại", said)


def edit_trust(window: MainWindow) -> None:
    """Whom the office trusts: the roots packages and returns chain to, its level above's
    signer; for a level above, each office's signers, revocation lists and its own signer."""
    from ui.trust_dialog import TrustDialog

    TrustDialog(window.ws, window).exec()
    window.settle()  # a signer confirmed counts packages; a root changes what is received


def edit_document_settings(window: MainWindow) -> None:
    from ui.document_settings_dialog import DocumentSettingsDialog

    if window.plan is None:
        DocumentSettingsDialog(window.ws, window).exec()
        window.settle()
    else:
        window.documents.edit_settings()  # the tab says it changed: the window settles
