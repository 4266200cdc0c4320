"""Trả lại để chỉnh sửa: the level above's reasons, signed with its own certificate into a
small file (.p7m) saved where the clerk says, for the office to take in (Văn bản → Nhận
văn bản cấp trên trả lại…). One form, filled by keyboard, Enter signs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from desktop.consolidation.returns import return_for_correction
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.services.receiving import RosterOffice
from desktop.signing.sources import Pkcs12File
from desktop.workspace import Workspace
from ui import ask, settings
from ui.form import FormDialog
from ui.submit_wizard import P12_FILTER
from ui.submit_wizard import _browse_row as with_chooser  # the wizard's field and Chọn…


class ReturnForm(FormDialog):
    """The reasons the office will read word for word, the certificate that signs the
    return (remembered on this machine, never its password) and the folder it is saved
    in; `path` is the file written once it is signed."""

    def __init__(self, ws: Workspace, office: RosterOffice, period_id: str, parent=None):
        super().__init__("Trả lại để chỉnh sửa", parent)
        self.ws, self.office, self.period_id = ws, office, period_id
        self.path: Path | None = None
        self.reasons = QPlainTextEdit()
        self.reasons.setPlaceholderText("Đơn vị sẽ đọc nguyên văn, ví dụ: Thiếu minh chứng I.4")
        self.reasons.setFixedHeight(90)
        remembered = settings.certificate()
        self.p12 = QLineEdit(str(remembered) if remembered else "")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.folder = QLineEdit(str(ask.documents_folder()))
        label = PeriodId.parse(period_id).label
        about = QLabel(f"{office.heading}, {label}")
        about.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow("Báo cáo", about)
        self.form.addRow("Lý do trả lại", self.reasons)
        self.form.addRow("Chứng thư số", with_chooser(self.p12, self.choose_p12))
        self.form.addRow("Mật khẩu chứng thư", self.passphrase)
        self.form.addRow("Lưu vào thư mục", with_chooser(self.folder, self.choose_folder))
        self.save_button.setText("Ký và lập văn bản trả lại")
        self.setMinimumWidth(620)  # a file's whole path in view

    def choose_p12(self) -> None:
        if chosen := ask.open_file(self, "Chứng thư số của cơ quan", P12_FILTER):
            self.p12.setText(str(chosen))

    def choose_folder(self) -> None:
        if chosen := ask.folder(self, "Lưu văn bản trả lại vào", Path(self.folder.text())):
            self.folder.setText(str(chosen))

    def save(self) -> None:
        p12, folder = self.p12.text().strip(), self.folder.text().strip()
        if not p12:
            raise InvalidInput("Chọn tệp chứng thư số (.p12, .pfx) của cơ quan để ký.")
        if not folder:
            raise InvalidInput("Chọn thư mục lưu văn bản trả lại.")
        source = Pkcs12File(Path(p12), self.passphrase.text().encode())
        self.path = return_for_correction(
            self.ws, self.office, self.period_id, self.reasons.toPlainText(), source,
            Path(folder),
        )  # fmt: skip
        settings.remember_certificate(Path(p12))
