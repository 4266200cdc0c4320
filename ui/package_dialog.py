"""'Xuất gói đã ký': the period's package signed with a .p12 certificate. The certificate
is opened and shown (whose, issued by, valid until) before anything is signed; signing
and writing run off the UI thread; the result names the file and its SHA-256."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.errors import UserError
from desktop.signing.certificates import check_for_signing
from desktop.signing.sources import Pkcs12File
from desktop.submission.build import Package, make_package
from desktop.workspace import Workspace
from ui import ask, ops
from ui.style import problem_label

P12_FILTER = "Chứng thư số (*.p12 *.pfx);;Mọi tệp (*)"


class PackageDialog(QDialog):
    def __init__(self, ws: Workspace, plan: Plan, period: Period, parent=None):
        super().__init__(parent)
        self.ws, self.plan, self.period = ws, plan, period
        self.made: Package | None = None
        self.source: Pkcs12File | None = None
        sent = ws.packages.sent(plan.id, period.key)
        self.setWindowTitle(f"Xuất gói đã ký — {period.label}")
        self.setMinimumWidth(620)
        heading = QLabel(
            f"Gói báo cáo {period.label} lần {len(sent) + 1} của {plan.title}."
            + (f" Thay cho lần {len(sent)} đã gửi." if sent else "")
        )
        heading.setWordWrap(True)
        self.p12 = QLineEdit()
        self.p12.setPlaceholderText("tệp chứng thư số .p12 hoặc .pfx")
        browse = QPushButton("Chọn…")
        browse.clicked.connect(self.choose_p12)
        p12_row = QHBoxLayout()
        p12_row.addWidget(self.p12, 1)
        p12_row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.folder = QLineEdit(str(ask.documents_folder()))
        pick = QPushButton("Chọn…")
        pick.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(pick)
        self.reason = QLineEdit(ws.locks.last_reason(plan.id, period.key))
        form = QFormLayout()
        form.addRow("Chứng thư số", p12_row)
        form.addRow("Mật khẩu", self.passphrase)
        form.addRow("Lưu vào thư mục", folder_row)
        if sent:
            form.addRow("Lý do gửi lại", self.reason)
        self.certificate = QLabel()
        self.certificate.setWordWrap(True)
        self.problem = problem_label()
        self.check_button = QPushButton("Kiểm tra chứng thư")
        self.sign_button = QPushButton("Ký và xuất gói")
        self.sign_button.setDefault(True)
        self.open_button = QPushButton("Mở thư mục")
        self.open_button.setVisible(False)
        close = QPushButton("Đóng")
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.certificate)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.check_button.clicked.connect(self.check_certificate)
        self.sign_button.clicked.connect(self.sign)
        self.open_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.accept)

    def choose_p12(self) -> None:
        chosen = ask.open_file(self, "Chọn tệp chứng thư số", P12_FILTER)
        if chosen is not None:
            self.p12.setText(str(chosen))

    def choose_folder(self) -> None:
        chosen = ask.folder(self, "Lưu gói vào thư mục", Path(self.folder.text()))
        if chosen is not None:
            self.folder.setText(str(chosen))

    def check_certificate(self) -> bool:
        """Open the certificate and show it; False (with the reason) if it cannot sign."""
        self.problem.clear()
        try:
            self.source = Pkcs12File(Path(self.p12.text().strip()), self.passphrase.text().encode())
            info = check_for_signing(self.source.certificate(), self.ws.now())
        except UserError as exc:
            self.source = None
            self.certificate.clear()
            self.problem.setText(str(exc))
            return False
        self.certificate.setText(info.describe())
        return True

    def sign(self) -> None:
        if not self.check_certificate():
            return
        ws, plan, period, source = self.ws, self.plan, self.period, self.source
        folder, reason = Path(self.folder.text().strip()), self.reason.text().strip()

        def done(made: Package) -> None:
            self.made = made
            self.sign_button.setEnabled(False)
            self.open_button.setVisible(True)
            self.problem.setStyleSheet("")
            self.problem.setText(
                f"Đã ký và lưu gói lần {made.sequence}: {made.path}\nSHA-256: {made.sha256}\n"
                f"Kỳ {period.label} đã khóa: muốn sửa số liệu, dùng Văn bản → Mở lại kỳ…"
            )

        ops.run_op(
            self,
            "Đang ký và lập gói báo cáo…",
            lambda: make_package(ws, plan, period, source, folder, reason=reason),
            done,
        )

    def open_folder(self) -> None:
        if self.made is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.made.path.parent)))
