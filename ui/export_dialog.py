"""Xuất báo cáo của kỳ: which period, which document (the consolidated report or the
list of offices to chase) and which file (PDF or workbook), then where, then written off
the UI thread by the function `consolidate` uses."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QButtonGroup, QComboBox, QRadioButton, QVBoxLayout, QWidget

from desktop.consolidation.exports import TITLES, Export, file_name, save_document
from desktop.workspace import Workspace
from ui import ask, ops
from ui.form import FormDialog
from ui.upper_level_tables import fill_periods

WHAT = {
    Export.CONSOLIDATED: "Báo cáo tổng hợp (gửi báo cáo, nhiệm vụ, quá hạn, chỉ tiêu, kinh phí)",
    Export.CHASE: "Danh sách đơn vị cần nhắc, với người liên hệ",
}
FORMATS = {".pdf": "PDF (để in, gửi đi)", ".xlsx": "Sổ tính Excel (.xlsx, để tính tiếp)"}
FILTERS = {".pdf": "Tệp PDF (*.pdf)", ".xlsx": "Sổ tính Excel (*.xlsx)"}


class _Choice(QWidget):
    """Radio buttons, one per option, the chosen one on; arrow keys move between them."""

    def __init__(self, options: dict, chosen):
        super().__init__()
        self.keys = list(options)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, (key, words) in enumerate(options.items()):
            button = QRadioButton(words)
            button.setChecked(key == chosen)
            self.group.addButton(button, index)
            layout.addWidget(button)

    def value(self):
        return self.keys[self.group.checkedId()]


class ExportDialog(FormDialog):
    """The choices; `export()` asks where and writes."""

    def __init__(
        self, ws: Workspace, period_id: str | None = None, chosen=Export.CONSOLIDATED, parent=None
    ):
        super().__init__("Xuất báo cáo của kỳ", parent)
        self.period_box = QComboBox()
        fill_periods(self.period_box, ws, period_id)
        self.what = _Choice(WHAT, chosen)
        self.kind = _Choice(FORMATS, ".pdf")
        self.form.addRow("Kỳ báo cáo:", self.period_box)
        self.form.addRow("Văn bản:", self.what)
        self.form.addRow("Dạng tệp:", self.kind)
        self.save_button.setText("Lưu tệp…")
        self.setMinimumWidth(560)  # the title and the longest choice read whole

    def chosen(self) -> tuple[str, Export, str]:
        """(period id, document, file suffix) as chosen."""
        return self.period_box.currentData(), self.what.value(), self.kind.value()

    def changed(self) -> bool:
        return False  # choices only: closing loses nothing typed

    def save(self) -> None:
        pass  # nothing to write here: export() asks where once the choices are made


def export(
    parent: QWidget, ws: Workspace, period_id: str | None = None, chosen=Export.CONSOLIDATED
) -> None:
    """Ask what to export and where, then write it in the background and say where."""
    if not ws.receiving.expected() and not ws.receiving.periods():
        ask.tell(parent, "Xuất báo cáo của kỳ", "Chưa đặt kỳ phải báo cáo và chưa nhận gói nào.")
        return
    dialog = ExportDialog(ws, period_id, chosen, parent)
    if not dialog.exec():
        return
    period, what, suffix = dialog.chosen()
    suggested = ask.documents_folder() / file_name(what, period, suffix)
    path = ask.save_file(parent, f"Lưu {TITLES[what].lower()}", suggested, FILTERS[suffix])
    if path is None:
        return
    if not path.suffix:  # a name typed without its ending gets the one chosen
        path = path.with_suffix(suffix)
    ops.run_op(
        parent,
        f"Đang lập {TITLES[what].lower()}…",
        lambda: save_document(ws, what, period, Path(path)),
        lambda saved: ask.tell(parent, TITLES[what], f"Đã lưu «{saved}»."),
    )
