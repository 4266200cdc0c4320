"""Trợ giúp (F1): one page on the weekly routine, with pictures of the window.

The page and its images ship in `resources/help/` and are found through the
`resources` package, from a checkout, an installed wheel or the PyInstaller bundle.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout

import resources

HELP_PAGE = "help/huong_dan.html"


class HelpDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn sử dụng Sổ Kế hoạch")
        page = resources.path(HELP_PAGE)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(page.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(page)))
        top = QPushButton("Về đầu trang")
        top.clicked.connect(lambda: self.browser.verticalScrollBar().setValue(0))
        close = QPushButton("Đóng")
        close.setDefault(True)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(top)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.resize(1000, 820)  # fitted to a smaller screen when shown (ui.screen_room)
