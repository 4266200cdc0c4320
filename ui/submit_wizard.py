"""'Nộp báo cáo': the period's report from check to delivery in four pages.

1 Kiểm tra: what is still missing (tasks without a report, indicators without a value),
  as warnings the clerk acknowledges; a row opens its form to record it there and then.
  2 Xem trước: the report's real pages. 3 Ký: a .p12 file (the last one remembered on
  this machine) or a USB token (PIN), optionally around a report signed in another tool;
  signed off the UI thread, Enter in the password signs. 4 Gửi: to a USB stick (read
  back) or an email draft handed to the mail program, to the address used last time,
  recorded in the outbox as it went. The core does every step; this only asks and shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.delivery import send, usb
from desktop.delivery.send import EMAIL, Sent
from desktop.documents import pdf
from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.errors import UserError
from desktop.reports.status import build_status
from desktop.signing.certificates import check_for_signing
from desktop.signing.sources import Pkcs12File
from desktop.signing.token import Pkcs11Token, token_library
from desktop.submission.build import Package, make_package
from desktop.submission.document import submission
from desktop.submission.readiness import readiness
from desktop.workspace import Workspace
from ui import ask, ops, settings
from ui.indicator_dialog import IndicatorDialog
from ui.pdf_pages import PageView
from ui.progress_dialog import ProgressDialog
from ui.style import problem_label

P12_FILTER = "Chứng thư số (*.p12 *.pfx);;Mọi tệp (*)"
PDF_FILTER = "Báo cáo PDF đã ký (*.pdf)"
LIBRARY_FILTER = "Thư viện PKCS#11 (*.so *.dll *.dylib);;Mọi tệp (*)"


def _browse_row(field: QWidget, choose) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(field, 1)
    button = QPushButton("Chọn…")
    button.clicked.connect(choose)
    row.addWidget(button)
    return row


class _MissingList(QListWidget):
    """Enter opens the row (itemActivated) and stops there: passed on, the wizard would
    take it for Tiếp once the form is closed."""

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class CheckPage(QWizardPage):
    def __init__(self, wizard: SubmitWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(f"1. Kiểm tra kỳ {wizard.period.label}")
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold;")
        self.details = _MissingList()
        self.details.setWordWrap(True)
        self.details.itemActivated.connect(lambda _item: self.record())
        self.record_button = QPushButton("Ghi ngay dòng đã chọn…")
        self.record_button.clicked.connect(self.record)
        self.hint = QLabel("Nhấp đúp hoặc nhấn Enter vào một dòng để ghi ngay.")
        self.acknowledged = QCheckBox("Tôi đã xem các cảnh báo và vẫn gửi báo cáo kỳ này")
        self.acknowledged.toggled.connect(self.completeChanged)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addLayout(row)
        layout.addWidget(self.acknowledged)
        self.refresh()

    def refresh(self) -> None:
        """What is missing now; an acknowledgement holds for what is left of it."""
        wizard = self.wizard_
        self.found = readiness(build_status(wizard.ws, wizard.plan, wizard.period))
        warned = bool(self.found.warnings)
        self.setSubTitle(
            "Những gì còn thiếu trong kỳ: ghi ngay ở đây, hoặc vẫn gửi khi đã biết rõ."
            if warned
            else "Kỳ đã đủ báo cáo tiến độ và số liệu chỉ tiêu."
        )
        self.summary.setText("\n".join(self.found.warnings) or "Không có cảnh báo.")
        row = max(self.details.currentRow(), 0)  # the row recorded: the next one takes it
        self.details.clear()
        self.details.addItems(self.found.missing)
        self.details.setCurrentRow(min(row, self.details.count() - 1))
        for widget in (self.details, self.hint, self.record_button, self.acknowledged):
            widget.setVisible(warned)
        if not warned:
            self.acknowledged.setChecked(True)

    def record(self) -> None:
        """The selected row's form (progress or indicator value), over the wizard; the
        form goes on through the other rows of its kind. The list is read again after."""
        row, wizard = self.details.currentRow(), self.wizard_
        tasks, indicators = list(self.found.unreported), list(self.found.no_value)
        if row < 0:
            return
        form: QDialog
        if row < len(tasks):
            form = ProgressDialog(wizard.ws, wizard.plan, wizard.period, tasks, row, self)
        else:
            form = IndicatorDialog(wizard.ws, wizard.period, indicators, row - len(tasks), self)
        form.exec()
        form.deleteLater()
        self.refresh()

    def isComplete(self) -> bool:
        return self.acknowledged.isChecked()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: SubmitWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("2. Xem trước báo cáo")
        self.setSubTitle("Đúng như bản sẽ được ký (trang ký có thêm dấu chữ ký số).")
        self.pages = PageView()
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        layout.addWidget(self.pages, 1)
        self.ready = False

    def initializePage(self) -> None:
        wizard = self.wizard_
        try:
            made = submission(wizard.ws, wizard.plan, wizard.period)
            content = pdf.render(made.document)
        except UserError as exc:
            self.problem.setText(str(exc))
            self.ready = False
        else:
            self.problem.clear()
            self.pages.show_pdf(content)
            self.ready = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.ready


class SignPage(QWizardPage):
    def __init__(self, wizard: SubmitWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("3. Ký số")
        self.setSubTitle("Chọn chứng thư số; gói được ký và lưu khi bấm «Ký và lập gói».")
        self.use_p12 = QRadioButton("Tệp chứng thư số (.p12, .pfx)")
        self.use_token = QRadioButton("USB token")
        self.use_p12.setChecked(True)
        remembered = settings.certificate()
        self.p12 = QLineEdit(str(remembered) if remembered else "")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.sign)
        library = wizard.ws.document_settings.pkcs11_library()
        self.library = QLineEdit(str(library) if library else "")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self.sign)
        self.signed_pdf = QLineEdit()
        self.signed_pdf.setPlaceholderText("để trống: phần mềm ký báo cáo")
        self.folder = QLineEdit(str(ask.documents_folder()))
        self.reason = QLineEdit(wizard.ws.locks.last_reason(wizard.plan.id, wizard.period.key))
        form = QFormLayout()
        form.addRow(self.use_p12)
        form.addRow("Tệp chứng thư", _browse_row(self.p12, self.choose_p12))
        form.addRow("Mật khẩu", self.passphrase)
        form.addRow(self.use_token)
        form.addRow("Thư viện token", _browse_row(self.library, self.choose_library))
        form.addRow("Mã PIN", self.pin)
        form.addRow("Báo cáo đã ký ngoài", _browse_row(self.signed_pdf, self.choose_signed))
        form.addRow("Lưu gói vào", _browse_row(self.folder, self.choose_folder))
        if wizard.ws.packages.sent(wizard.plan.id, wizard.period.key):
            form.addRow("Lý do gửi lại", self.reason)
        self.sign_button = QPushButton("Ký và lập gói")
        self.sign_button.clicked.connect(self.sign)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sign_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def initializePage(self) -> None:
        """Typing goes where it is needed: the password of the certificate used last
        time, else the certificate's file (or the PIN of the token used last time).
        After the wizard has given the page's first child the focus, as it does."""
        if self.use_token.isChecked():
            field = self.pin
        else:
            field = self.passphrase if self.p12.text() else self.p12
        QTimer.singleShot(0, field, field.setFocus)

    def choose_p12(self) -> None:
        if chosen := ask.open_file(self, "Chọn tệp chứng thư số", P12_FILTER):
            self.p12.setText(str(chosen))

    def choose_library(self) -> None:
        if chosen := ask.open_file(self, "Chọn thư viện của token", LIBRARY_FILTER):
            self.library.setText(str(chosen))

    def choose_signed(self) -> None:
        if chosen := ask.open_file(self, "Chọn báo cáo đã ký", PDF_FILTER):
            self.signed_pdf.setText(str(chosen))

    def choose_folder(self) -> None:
        if chosen := ask.folder(self, "Lưu gói vào thư mục", Path(self.folder.text())):
            self.folder.setText(str(chosen))

    def _source(self):
        ws = self.wizard_.ws
        if self.use_p12.isChecked():
            return Pkcs12File(Path(self.p12.text().strip()), self.passphrase.text().encode())
        typed = self.library.text().strip()
        library = token_library(ws, Path(typed) if typed else None)
        return Pkcs11Token(library, self.pin.text(), ws.now())  # remembered once it signs

    def sign(self) -> None:
        wizard = self.wizard_
        if wizard.package is not None:  # Enter once signed: the wizard's Tiếp takes it
            return
        self.problem.clear()
        try:
            source = self._source()
            info = check_for_signing(source.certificate(), wizard.ws.now())
            signed = self.signed_pdf.text().strip()
            signed_pdf = Path(signed).read_bytes() if signed else None
        except (UserError, OSError) as exc:
            self.problem.setText(str(exc))
            return
        self.result.setText(info.describe())
        ws, plan, period = wizard.ws, wizard.plan, wizard.period
        folder, reason = Path(self.folder.text().strip()), self.reason.text().strip()
        certificate = Path(self.p12.text().strip()) if self.use_p12.isChecked() else None

        def work() -> Package:
            try:
                return make_package(
                    ws, plan, period, source, folder, reason=reason, signed_pdf=signed_pdf
                )
            finally:
                if hasattr(source, "close"):
                    source.close()

        def done(made: Package) -> None:
            wizard.package = made
            if certificate is not None:  # offered again next time, on this machine
                settings.remember_certificate(certificate)
            self.sign_button.setEnabled(False)
            self.result.setText(
                f"{info.describe()}\nĐã ký và lập gói lần {made.sequence}: {made.path}\n"
                f"SHA-256: {made.sha256}"
            )
            self.completeChanged.emit()

        ops.run_op(self, "Đang ký và lập gói báo cáo…", work, done)

    def isComplete(self) -> bool:
        return self.wizard_.package is not None


class DeliverPage(QWizardPage):
    def __init__(self, wizard: SubmitWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("4. Gửi lên cấp trên")
        self.setSubTitle("Chép vào USB (đọc lại để kiểm tra) hoặc soạn thư điện tử.")
        self.to_usb = QRadioButton("USB")
        self.to_mail = QRadioButton("Thư điện tử (mở bằng phần mềm thư của máy)")
        last, mailed = wizard.ws.outbox.last(), wizard.ws.outbox.last(EMAIL)
        (self.to_mail if last and last.kind == EMAIL else self.to_usb).setChecked(True)
        self.drive = QComboBox()
        self.drive.setEditable(True)
        for drive in usb.removable_drives():
            self.drive.addItem(str(drive))
        self.address = QLineEdit(mailed.destination if mailed else "")
        self.address.setPlaceholderText("vanthu@coquancaptren.gov.vn")
        form = QFormLayout()
        form.addRow(self.to_usb)
        form.addRow("Ổ USB", _browse_row(self.drive, self.choose_drive))  # the list and its text
        form.addRow(self.to_mail)
        form.addRow("Gửi tới", self.address)
        self.send_button = QPushButton("Gửi")
        self.send_button.clicked.connect(self.send)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.problem = problem_label()
        for said in (self.result, self.problem):  # paths to copy
            said.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton("Mở thư mục chứa gói")
        self.folder_button.clicked.connect(self.open_folder)
        self.folder_button.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.send_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.result)
        layout.addWidget(self.folder_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.sent = False  # 'Xong' works before too: the package waits in the outbox

    def choose_drive(self) -> None:
        if chosen := ask.folder(self, "Chọn ổ USB", Path(self.drive.currentText() or "/")):
            self.drive.setEditText(str(chosen))

    def send(self) -> None:
        wizard, made = self.wizard_, self.wizard_.package
        assert made is not None  # the page after the package's is reached once it is made
        ws = wizard.ws
        self.problem.clear()
        if self.to_usb.isChecked():
            folder = Path(self.drive.currentText().strip())

            def copied(sent: Sent) -> None:
                self.result.setText(sent.said)
                self.sent = True

            copying = lambda: send.to_usb(ws, made.path, folder)  # noqa: E731  (reads back too)
            ops.run_op(self, "Đang chép gói vào USB và đọc lại…", copying, copied)
            return
        try:  # a draft is written in a blink: no need to leave the UI thread
            sent = send.by_email(
                ws, made.path, self.address.text(), made.path.with_suffix(".eml"), _hand_over
            )
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.result.setText(sent.said)  # what happened, not what was hoped
        self.folder_button.setVisible(True)  # for webmail: the package to attach
        self.sent = True

    def open_folder(self) -> None:
        made = self.wizard_.package
        assert made is not None  # the button shows once the package went out
        if not _hand_over(made.path.parent):
            self.problem.setText(
                f"Không mở được thư mục trên máy này. Gói ở: {made.path} (chọn dòng này để "
                "sao chép đường dẫn)."
            )


def _hand_over(path: Path) -> bool:
    """Open `path` with the program the machine has for it (the mail program for a
    draft, the file manager for a folder): False when there is none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SubmitWizard(QWizard):
    def __init__(self, ws: Workspace, plan: Plan, period: Period, parent=None):
        super().__init__(parent)
        self.ws, self.plan, self.period = ws, plan, period
        self.package: Package | None = None
        self.setWindowTitle(f"Nộp báo cáo — {period.label}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, "Tiếp >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Quay lại")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Xong")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Hủy")
        self.resize(1100, 700)
        for page in (CheckPage(self), PreviewPage(self), SignPage(self), DeliverPage(self)):
            self.addPage(page)
