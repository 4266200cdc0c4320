"""'Cài đặt văn bản': what a document needs beyond the data — its number, the place
on the date line, to whom it is sent, who signs, 'Nơi nhận'.

Everything is saved in one service call (one audited change); what the service refuses
(a number that is not a number) is shown under the fields and nothing is written. The
agency lines at the top of a document come from the office and are only shown here, so
the clerk sees where they come from. The signature block is previewed as it will print,
and the settings a document cannot do without are marked and named while they are empty.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.document_settings import (
    LABELS,
    NUMBER_SUFFIX,
    SIGNER_TITLES,
    DocumentSettings,
    locality_title,
)
from desktop.vietnamese.text import clean
from desktop.workspace import Workspace
from ui.form import FormDialog

LEAVE_BLANK_TEXT = "Để trống số và ngày cho văn thư cấp"
KEPT_LAST = "- Lưu: VT."
# The names the core gives for what a document cannot do without (all empty here).
REQUIRED = frozenset(DocumentSettings().missing())
_HINT_STYLE = "color: #555;"


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(_HINT_STYLE)
    return label


def _is_kept_line(line: str) -> bool:
    """'- Lưu: VT.' typed by habit: the document adds it, so it is not stored twice."""
    skeleton = clean(line).lstrip("-–• ").rstrip(".;, ").replace(" ", "").lower()
    return skeleton in {"lưu:vt", "lưuvt"}


class DocumentSettingsDialog(FormDialog):
    """The document settings of the open database, prefilled from what is stored."""

    def __init__(self, ws: Workspace, parent=None):
        super().__init__("Cài đặt văn bản", parent)
        self.ws = ws
        self.saved_settings: DocumentSettings | None = None
        current = ws.document_settings.get()

        office = ws.office.get()
        if office is None:
            agency, source = "(chưa có)", "lấy từ thông tin đơn vị, chưa được nhập"
        else:
            agency = f"ỦY BAN NHÂN DÂN / {locality_title(office)}"
            source = "lấy từ thông tin đơn vị"
        self.agency = QLabel(
            f"<b>{escape(agency)}</b> <span style='{_HINT_STYLE}'>— {escape(source)}</span>"
        )
        self.agency.setTextFormat(Qt.TextFormat.RichText)
        self.agency.setWordWrap(True)

        self.number = QLineEdit(current.number)
        self.number.setPlaceholderText("ví dụ 15")
        self.number.setMaxLength(10)
        self.number.setFixedWidth(self.number.fontMetrics().horizontalAdvance("ví dụ 15") + 40)
        self.number.setToolTip(f"Để trống: số để trống trên văn bản (Số:      {NUMBER_SUFFIX}).")
        number_row = QHBoxLayout()
        number_row.setContentsMargins(0, 0, 0, 0)
        number_row.addWidget(self.number)
        number_row.addWidget(QLabel(NUMBER_SUFFIX))
        number_row.addStretch(1)
        self.leave_blank = QCheckBox(LEAVE_BLANK_TEXT)
        self.leave_blank.setToolTip(
            "Văn bản điện tử: hệ thống của văn thư ghi số và ngày khi phát hành."
        )
        self.leave_blank.setChecked(current.leave_blank)

        self.place = QLineEdit(current.place)
        self.place.setPlaceholderText("ví dụ: Trần Liêu")
        self.addressee = QLineEdit(current.addressee)
        self.addressee.setPlaceholderText("ví dụ: Ủy ban nhân dân thành phố Hải Phòng")
        self.addressee.setMinimumWidth(440)
        self.addressee.setCursorPosition(0)

        self.signer_title = QComboBox()
        self.signer_title.addItems(list(SIGNER_TITLES))
        self.signer_title.setCurrentIndex(max(0, self.signer_title.findText(current.signer_title)))
        widest = max(self.signer_title.fontMetrics().horizontalAdvance(t) for t in SIGNER_TITLES)
        self.signer_title.setMinimumWidth(widest + 48)  # room for the arrow
        self.signer_name = QLineEdit(current.signer_name)
        self.signer_name.setPlaceholderText("ví dụ: Nguyễn Văn A")
        self.signature = QLabel()
        self.signature.setTextFormat(Qt.TextFormat.PlainText)
        self.signature.setStyleSheet("font-weight: bold;")
        bold = self.signature.font()
        bold.setBold(True)
        longest = max(len(DocumentSettings(signer_title=t).authority) for t in SIGNER_TITLES)
        # Room for the longest block from the start: switching title never clips a line.
        self.signature.setMinimumHeight(QFontMetrics(bold).lineSpacing() * longest + 4)
        self.signature.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.signer = QLabel()
        self.signer.setTextFormat(Qt.TextFormat.PlainText)
        self.signer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        preview = QFrame()
        preview.setFrameShape(QFrame.Shape.StyledPanel)
        preview_layout = QVBoxLayout(preview)
        preview_layout.addWidget(self.signature)
        preview_layout.addSpacing(12)  # where the signature and seal go
        preview_layout.addWidget(self.signer)
        preview_row = QHBoxLayout()
        preview_row.setContentsMargins(0, 0, 0, 0)
        preview_row.addWidget(preview)
        preview_row.addStretch(1)

        self.recipients = QPlainTextEdit("\n".join(current.recipients))
        self.recipients.setPlaceholderText("- Như trên;\n- Sở Nội vụ;")
        self.recipients.setMinimumSize(440, 80)
        self.recipients.setMaximumHeight(120)
        self.recipients.setTabChangesFocus(True)
        self.drafting_unit = QLineEdit(current.drafting_unit)
        self.drafting_unit.setPlaceholderText("ví dụ: VP (Văn phòng HĐND và UBND)")
        recipients_box = QWidget()
        recipients_layout = QVBoxLayout(recipients_box)
        recipients_layout.setContentsMargins(0, 0, 0, 0)
        recipients_layout.addWidget(self.recipients)
        recipients_layout.addWidget(
            _note(
                f"Mỗi dòng một nơi nhận. Dòng «{KEPT_LAST}» (cùng đơn vị soạn thảo bên dưới) "
                "được thêm tự động ở cuối; "
                "để trống thì in «- Như trên;»."
            )
        )

        self.form.addRow("Tên cơ quan trên văn bản", self.agency)
        self.form.addRow(self._label("number"), number_row)
        self.form.addRow("", self.leave_blank)
        self.form.addRow(self._label("place"), self.place)
        self.form.addRow(self._label("addressee"), self.addressee)
        self.form.addRow(self._label("signer_title"), self.signer_title)
        self.form.addRow(self._label("signer_name"), self.signer_name)
        self.form.addRow("Khối chữ ký", preview_row)
        self.form.addRow(self._label("recipients"), recipients_box)
        self.form.addRow(self._label("drafting_unit"), self.drafting_unit)
        self.required_note = QLabel()
        self.required_note.setTextFormat(Qt.TextFormat.RichText)
        self.required_note.setWordWrap(True)
        self.form.addRow("", self.required_note)

        self.leave_blank.toggled.connect(self._show_number)
        self.signer_title.currentTextChanged.connect(self._show_signature)
        self.signer_name.textChanged.connect(self._show_signature)
        for field in (self.place, self.addressee, self.signer_name):
            field.textChanged.connect(self._show_missing)
        self._show_number()
        self._show_signature()
        self._show_missing()

    @staticmethod
    def _label(name: str) -> QLabel:
        text = escape(LABELS[name])
        if LABELS[name] in REQUIRED:
            text += " <span style='color: #b00020;'>*</span>"
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    def _show_number(self) -> None:
        self.number.setEnabled(not self.leave_blank.isChecked())

    def _show_signature(self) -> None:
        shown = DocumentSettings(signer_title=self.signer_title.currentText())
        self.signature.setText("\n".join(shown.authority))
        name = clean(self.signer_name.text())
        self.signer.setText(name or "(họ tên người ký)")
        self.signer.setStyleSheet("font-weight: bold;" if name else _HINT_STYLE)

    def missing(self) -> list[str]:
        """What a document would still lack with the fields as they are now."""
        typed = DocumentSettings(
            place=clean(self.place.text()),
            addressee=clean(self.addressee.text()),
            signer_name=clean(self.signer_name.text()),
        )
        return typed.missing()

    def _show_missing(self) -> None:
        text = "<span style='color: #b00020;'>*</span> Cần có để lập văn bản."
        if missing := self.missing():
            text += (
                f" <span style='color: #b00020;'>Còn thiếu: {escape(', '.join(missing))}.</span>"
            )
        self.required_note.setText(text)

    def recipient_lines(self) -> list[str]:
        lines = self.recipients.toPlainText().splitlines()
        return [line for line in lines if clean(line) and not _is_kept_line(line)]

    def save(self) -> None:
        changes: dict[str, object] = {
            "leave_blank": self.leave_blank.isChecked(),
            "place": self.place.text(),
            "addressee": self.addressee.text(),
            "signer_title": self.signer_title.currentText(),
            "signer_name": self.signer_name.text(),
            "recipients": self.recipient_lines(),
            "drafting_unit": self.drafting_unit.text(),
        }
        if self.number.isEnabled():
            # Left blank for the văn thư, the field cannot be corrected: the stored number stays.
            changes["number"] = self.number.text()
        self.saved_settings = self.ws.document_settings.save(**changes)
