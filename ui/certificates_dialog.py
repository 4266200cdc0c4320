"""Chứng thư của cấp trên: the roots packages and returns must chain to, and the level
above's own signing certificate, the only one whose returns reopen a period here."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout

from desktop.errors import UserError
from desktop.services.trust import TrustedRoot
from desktop.workspace import Workspace
from ui import ask

CERTIFICATE_FILTER = "Chứng thư số (*.pem *.cer *.crt *.der);;Mọi tệp (*)"


def _line(certificate: TrustedRoot) -> str:
    until = date.fromisoformat(certificate.not_after)
    return (
        f"{certificate.subject} — hết hạn {until:%d/%m/%Y} — SHA-256 "
        f"{certificate.fingerprint[:16]}…"
    )


class CertificatesDialog(QDialog):
    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Chứng thư của cấp trên")
        self.resize(820, 460)
        self.roots = QListWidget()
        self.signers = QListWidget()
        for listed in (self.roots, self.signers):
            listed.setWordWrap(True)  # a certificate's name is long: wrapped, never clipped
        self.add_root = QPushButton("Nhập chứng thư gốc…")
        self.add_signer = QPushButton("Đăng ký chứng thư ký của cấp trên…")
        close = QPushButton("Đóng")
        self.add_root.clicked.connect(lambda: self._import(ws.trust.add, "chứng thư gốc"))
        self.add_signer.clicked.connect(
            lambda: self._import(ws.trust.add_upper, "chứng thư ký của cấp trên")
        )
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "<b>Chứng thư gốc tin cậy</b> (gói và văn bản trả lại phải chuỗi tới một gốc này)"
            )
        )
        layout.addWidget(self.roots)
        layout.addWidget(self.add_root)
        layout.addWidget(
            QLabel(
                "<b>Chứng thư ký của cấp trên</b> (văn bản trả lại chỉ mở lại kỳ khi do chứng "
                "thư này ký; nhận tệp .pem/.cer trực tiếp từ cấp trên, không kèm văn bản trả lại)"
            )
        )
        layout.addWidget(self.signers)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_signer)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        for label in self.findChildren(QLabel):
            label.setWordWrap(True)
        self.refresh()

    def refresh(self) -> None:
        self.roots.clear()
        self.roots.addItems([_line(c) for c in self.ws.trust.list()] or ["(chưa nhập)"])
        self.signers.clear()
        self.signers.addItems(
            [_line(c) for c in self.ws.trust.upper_signers()] or ["(chưa đăng ký)"]
        )

    def _import(self, add, what: str) -> None:
        chosen = ask.open_file(self, f"Chọn tệp {what}", CERTIFICATE_FILTER)
        if chosen is None:
            return
        try:
            add(chosen)
        except UserError as exc:
            ask.tell(self, "Chứng thư của cấp trên", str(exc), problem=True)
            return
        self.refresh()
