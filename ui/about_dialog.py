"""Trợ giúp → Giới thiệu: the app and its database (ui.banner.about_text), the open-source
software it is made of with each licence (desktop.infra.notices: the bundle's own
THIRD_PARTY_NOTICES.txt, or made from the virtualenv when run from source), and Qt's own
About box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.infra.notices import bundled_or_made
from desktop.workspace import Workspace
from ui import APP_TITLE
from ui.banner import about_text
from ui.lazy_tab import LazyTab

LICENCES_TAB = "Giấy phép phần mềm &nguồn mở"


def licences_view() -> QPlainTextEdit:
    """The notices as they are written, in a fixed-width font (the licence texts are laid
    out in columns); read only when the tab is first shown (from source this takes a
    moment: every distribution's metadata is read)."""
    view = QPlainTextEdit(bundled_or_made())
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return view


class AboutDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Giới thiệu {APP_TITLE}")
        about = QLabel(about_text(ws))
        about.setWordWrap(True)
        about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about.setContentsMargins(12, 12, 12, 12)
        self.licences = LazyTab(licences_view)
        self.tabs = QTabWidget()
        self.tabs.addTab(about, "&Giới thiệu")
        self.tabs.addTab(self.licences, LICENCES_TAB)
        self.qt_button = QPushButton("Về &Qt…")
        self.qt_button.setAutoDefault(False)
        self.qt_button.clicked.connect(lambda: QMessageBox.aboutQt(self, "Về Qt"))
        close = QPushButton("Đóng")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.qt_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(860, 600)  # fitted to a smaller screen when shown (ui.screen_room)
