"""The clerk's words beside the report's preview: each part (kết quả, ưu điểm, hạn chế,
nguyên nhân, khó khăn, đề xuất, phương hướng) drafted from the data, rewritten here.

What is typed shows in the preview a moment later without being saved (the documents
tab makes the preview with it); saving or printing waits until it is saved, so a file
never holds words the database does not. Saving goes through the core function the
`narrative` command uses (desktop.documents.narrative.write_part).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.documents.narrative import Narrative, Part

PREVIEW_DELAY_MS = 700  # after the last keystroke, the preview is made again
_UNSAVED = "Chưa lưu: bản xem trước đã có lời này; lưu văn bản, in, xuất gói sau khi lưu lời."
_STALE = "Số liệu đã thay đổi sau khi viết lời này: hãy đọc lại cho khớp số liệu."


class NarrativeEditor(QWidget):
    typed = Signal()  # the words not saved changed: make the preview again
    save_asked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.words: Narrative | None = None
        self.pending: dict[str, str] = {}  # the clerk's words not saved yet, per part
        self.part_box = QComboBox()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)  # Tab leaves the box, as in every form
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.save_button = QPushButton("&Lưu lời")
        self.draft_button = QPushButton("Dùng bản từ số liệu")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Lời của báo cáo</b> (sửa thẳng ở đây; bản xem trước đi theo)")
        title.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.part_box)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.typed)
        self.part_box.currentIndexChanged.connect(self._show_part)
        self.text.textChanged.connect(self._edited)
        self.save_button.clicked.connect(self.save_asked)
        self.draft_button.clicked.connect(self._use_draft)
        self._filling = False
        self._enable()

    @property
    def key(self) -> str | None:
        return self.part_box.currentData()

    def show_words(self, words: Narrative) -> None:
        """The parts as the preview was made with them (the typed words included)."""
        self.words = words
        if self.part_box.count() == 0:
            self.part_box.blockSignals(True)
            for part in words.parts:
                self.part_box.addItem(part.heading, part.key)
            self.part_box.blockSignals(False)
        self._show_part()

    def saved(self) -> None:
        """What was pending is in the database now."""
        self.pending.clear()
        self._enable()

    def _part(self) -> Part | None:
        if self.words is None or self.key is None:
            return None
        return self.words[self.key]

    def _show_part(self) -> None:
        part = self._part()
        if part is None:
            return
        text = self.pending.get(part.key, part.text)
        if text != self.text.toPlainText():
            self._filling = True
            self.text.setPlainText(text)
            self._filling = False
        self._say(part)
        self._enable()

    def _say(self, part: Part) -> None:
        if part.key in self.pending:
            said, colour = _UNSAVED, "#8a5a00"
        elif part.stale:
            said, colour = _STALE, "#b00020"
        elif part.written is not None:
            said, colour = "Lời cán bộ viết (đã lưu).", ""
        else:
            said, colour = "Bản lập từ số liệu: sửa để thành lời của mình.", ""
        self.state.setStyleSheet(f"color: {colour};" if colour else "")
        self.state.setText(said)

    def _edited(self) -> None:
        part = self._part()
        if self._filling or part is None:
            return
        text = self.text.toPlainText()
        if text == part.text:
            self.pending.pop(part.key, None)
        else:
            self.pending[part.key] = text
        self._say(part)
        self._enable()
        self._timer.start()

    def _use_draft(self) -> None:
        part = self._part()
        if part is not None:
            self.text.setPlainText(part.draft)

    def _enable(self) -> None:
        part = self._part()
        self.save_button.setEnabled(bool(self.pending))
        self.draft_button.setEnabled(part is not None and self.text.toPlainText() != part.draft)
