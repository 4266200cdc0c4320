"""'Thông tin cơ quan…': the office's name, level, agency code and the unit above, as the
first-run wizard asked them, corrected any time. Saved in one change by the service call
the command line's `init` makes (OfficeService.save)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.domain.model import LEVEL_WORDS, Office, OfficeLevel
from desktop.services.office import level_choices
from desktop.workspace import Workspace
from ui import ask
from ui.form import FormDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE = "Thông tin cơ quan"


def hint(text: str) -> QLabel:
    """A grey line under fields: what else to know, where else it is set."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


class OfficeFields:
    """The office's own four fields, added to a form (the wizard's page 1, this dialog)."""

    def __init__(self, form: QFormLayout, levels: tuple[OfficeLevel, ...]):
        self.name = QLineEdit()
        self.name.setPlaceholderText("ví dụ: Trần Liêu")
        self.level = QComboBox()
        for level in levels:
            self.level.addItem(LEVEL_WORDS[level].capitalize(), level.value)
        self.agency_code = QLineEdit()
        self.agency_code.setPlaceholderText("ví dụ: 000.00.31.H41")
        self.parent_name = QLineEdit()
        self.parent_name.setPlaceholderText("ví dụ: thành phố Hải Phòng")
        form.addRow(f"Tên {', '.join(LEVEL_WORDS[level] for level in levels[:2])}", self.name)
        form.addRow("Cấp", self.level)
        form.addRow("Mã định danh", self.agency_code)
        form.addRow("Đơn vị hành chính cấp trên", self.parent_name)

    def fill(self, office: Office) -> None:
        self.name.setText(office.name)
        self.level.setCurrentIndex(max(0, self.level.findData(office.level.value)))
        self.agency_code.setText(office.agency_code)
        self.parent_name.setText(office.parent_name)

    def values(self) -> tuple[str, OfficeLevel, str, str]:
        """Name, level, agency code and the unit above as typed (the service cleans them)."""
        level = OfficeLevel(self.level.currentData())
        return self.name.text(), level, self.agency_code.text(), self.parent_name.text()


class OfficeDialog(FormDialog):
    """The office of the open database, prefilled from what is stored. `note`, once
    saved: what the level above must be told (packages sent under the old name)."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(TITLE, parent)
        self.ws = ws
        self.before = ws.office.get()
        self.note = ""
        level = self.before.level if self.before else None
        self.fields = OfficeFields(self.form, level_choices(level))
        if self.before is not None:
            self.fields.fill(self.before)
        self.form.addRow(
            "",
            hint("Địa danh ghi ngày tháng, Kính gửi, người ký: Văn bản → Thông tin trên văn bản…"),
        )

    def save(self) -> None:
        after = self.ws.office.save(*self.fields.values())
        self.note = self.ws.office.renaming_note(self.before, after)


def edit_office(window: MainWindow) -> None:
    dialog = OfficeDialog(window.ws, window)
    saved = dialog.exec()
    window.settle()  # the title, the documents' header
    if saved and dialog.note:
        ask.tell(window, TITLE, dialog.note)
