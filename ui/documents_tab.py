"""Văn bản: the period report or a unit's assignment annex, previewed page by page as
the PDF that will be saved or printed, saved as PDF, Word or Excel, printed, its folder
opened.

The document is made off the UI thread on the window's read-only connection (a
2,000-task plan takes seconds); only the last one asked for is shown, and it is made
again when what it is made of changed (`show_changes`). The core builds it; this tab only
chooses, shows and hands it on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.errors import UserError
from desktop.workspace import OpChanges, Workspace
from ui import ask, ops
from ui.document_kinds import ANNEX, REPORT
from ui.document_settings_dialog import DocumentSettingsDialog
from ui.narrative_editor import NarrativeEditor
from ui.pdf_pages import PageView, print_pdf

if TYPE_CHECKING:
    from desktop.documents.model import Document
    from desktop.documents.narrative import Narrative
    from ui.counting import Reader

# The document writers (reportlab, python-docx, openpyxl) are imported when a document
# is made or saved, not when the window starts.
PDF_FILTER = "Tệp PDF (*.pdf)"
DOCX_FILTER = "Văn bản Word (*.docx)"
XLSX_FILTER = "Sổ tính Excel (*.xlsx)"


@dataclass(frozen=True)
class Made:
    """A document made for the preview, with the PDF bytes shown (and saved as is)."""

    what: tuple  # (kind, period key, unit name): what was asked for
    document: Document | None
    pdf: bytes | None
    problem: str = ""
    suggested: str = ""  # a file name without its suffix
    words: Narrative | None = None  # a report's parts, as the preview shows them
    typed: bool = False  # made with words not saved yet: shown, never saved or printed


def make(
    source: Workspace,
    plan: Plan,
    period: Period,
    kind: str,
    unit: str | None,
    pages,
    typed: dict[str, str] | None = None,
):
    """The document asked for, or the clerk's problem with it (off the UI thread).
    `typed`: the report's words the clerk has not saved yet."""
    from desktop.documents import pdf, saving
    from desktop.documents.assignment_annex import annexed_units, assignment_annex
    from desktop.submission.document import submission

    what = (kind, period.key, unit)
    words = None
    try:
        if kind == REPORT:
            made = submission(source, plan, period, typed)
            document, words = made.document, made.words
            suggested = f"bao-cao_{period.key}"
        else:
            [given] = annexed_units(source, plan, unit)
            document = assignment_annex(source, plan, given)
            suggested = saving.annex_name(given.unit.name)
    except UserError as exc:
        return Made(what, None, None, problem=str(exc))
    content = pdf.render(document, on_page=pages.append)
    return Made(what, document, content, suggested=suggested, words=words, typed=bool(typed))


class DocumentsTab(QWidget):
    changed = Signal()  # the settings printed on documents may have been edited

    def __init__(self, ws: Workspace, plan: Plan, reader: Reader):
        super().__init__()
        self.ws, self.plan, self.reader = ws, plan, reader
        self.period: Period | None = None
        self.made: Made | None = None
        self.saved: Path | None = None  # the last file saved, for 'Mở thư mục'
        self._ticket = 0
        self._pages: list[int] = []  # pages begun by the job running (its progress)
        self._stale = True

        self.kind_box = QComboBox()
        self.kind_box.addItem("Báo cáo kết quả thực hiện kỳ", REPORT)
        self.kind_box.addItem("Danh mục nhiệm vụ giao đơn vị", ANNEX)
        self.unit_label = QLabel("Đơn vị:")
        self.unit_box = QComboBox()
        self.unit_box.setMinimumContentsLength(28)
        self.period_label = QLabel()
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Văn bản:"))
        chooser.addWidget(self.kind_box)
        chooser.addSpacing(12)
        chooser.addWidget(self.unit_label)
        chooser.addWidget(self.unit_box)
        chooser.addWidget(self.period_label)
        chooser.addStretch(1)

        self.save_pdf_button = QPushButton("Lưu PDF…")
        self.save_docx_button = QPushButton("Lưu Word…")
        self.save_xlsx_button = QPushButton("Lưu Excel…")
        self.save_all_button = QPushButton("Lưu cho mọi đơn vị…")
        self.print_button = QPushButton("In…")
        self.folder_button = QPushButton("Mở thư mục")
        self.settings_button = QPushButton("Thông tin trên văn bản…")
        actions = QHBoxLayout()
        for button in (
            self.save_pdf_button,
            self.save_docx_button,
            self.save_xlsx_button,
            self.save_all_button,
            self.print_button,
            self.folder_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.settings_button)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving: the page count is told beside it
        self.busy.setMaximumWidth(160)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.fix_button = QPushButton("Điền thông tin…")
        state = QHBoxLayout()
        state.addWidget(self.busy)
        state.addWidget(self.message, 1)
        state.addWidget(self.fix_button)

        self.pages = PageView()
        self.editor = NarrativeEditor()
        self.editor.setEnabled(not ws.read_only_reason)
        self.editor.typed.connect(self.refresh)
        self.editor.save_asked.connect(self.save_words)
        beside = QSplitter()
        beside.addWidget(self.editor)
        beside.addWidget(self.pages)
        beside.setStretchFactor(1, 3)
        beside.setSizes([380, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addLayout(actions)
        layout.addLayout(state)
        layout.addWidget(beside, 1)

        self._progress = QTimer(self, interval=200)
        self._progress.timeout.connect(self._show_progress)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.unit_box.currentIndexChanged.connect(self.refresh)
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.save_docx_button.clicked.connect(self.save_docx)
        self.save_xlsx_button.clicked.connect(self.save_xlsx)
        self.save_all_button.clicked.connect(self.save_all_annexes)
        self.print_button.clicked.connect(self.print_document)
        self.folder_button.clicked.connect(self.open_folder)
        self.settings_button.clicked.connect(self.edit_settings)
        self.fix_button.clicked.connect(self.edit_settings)
        self.settings_button.setEnabled(not ws.read_only_reason)
        self._kind_changed()

    # What to make ----------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.kind_box.currentData()

    def set_period(self, period: Period) -> None:
        """The window's period changed or its data did: the preview is out of date. Words
        typed for the period left are kept there first, not carried to this one."""
        if self.period is not None and self.period.key != period.key and self.editor.pending:
            from desktop.documents.narrative import write_part

            try:
                for key, text in self.editor.pending.items():
                    write_part(self.ws, self.plan, self.period, key, text)
            except UserError as exc:
                ask.tell(self, "Lời của báo cáo", str(exc), problem=True)
            self.editor.saved()
        locked = self.ws.locks.active(self.plan.id, period.key)
        self.editor.setEnabled(not self.ws.read_only_reason and locked is None)
        self.period = period
        self.period_label.setText(f"Kỳ: {period.label} (chọn ở trên)")
        self.refresh()

    def _kind_changed(self) -> None:
        annex = self.kind == ANNEX
        if annex and self.unit_box.count() == 0:
            self.unit_box.blockSignals(True)
            try:
                from desktop.documents.assignment_annex import annexed_units

                names = [g.unit.name for g in annexed_units(self.ws, self.plan)]
            except UserError:
                names = []
            for name in names:
                self.unit_box.addItem(name, name)
            self.unit_box.blockSignals(False)
        for widget in (self.unit_label, self.unit_box, self.save_all_button):
            widget.setVisible(annex)
        self.period_label.setVisible(not annex)
        self.editor.setVisible(not annex)
        self.refresh()

    def show_changes(self, changes: OpChanges) -> None:
        if changes.figures:  # what the documents are made of
            self.refresh()

    def refresh(self) -> None:
        """Make the document again, now if the tab is shown, else when it is."""
        self._stale = True
        if self.isVisible():
            self._make()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._make()

    def _wanted(self) -> tuple[str, str | None]:
        return self.kind, self.unit_box.currentData() if self.kind == ANNEX else None

    def _make(self) -> None:
        if self.period is None:
            return
        self._stale = False
        kind, unit = self._wanted()
        if kind == ANNEX and unit is None:
            self._show(Made((kind, "", None), None, None, problem=_NO_ANNEX))
            return
        self._ticket += 1
        ticket = self._ticket
        plan, period, source = self.plan, self.period, self.reader.open(self.ws)
        pages: list[int] = []
        self._pages = pages
        self._set_busy(True)

        def done(made: Made) -> None:
            if ticket == self._ticket:  # a later choice replaces this one
                self._set_busy(False)
                self._show(made)

        typed = dict(self.editor.pending) if kind == REPORT else None
        self.reader.run(lambda: make(source, plan, period, kind, unit, pages, typed), done)

    # Showing ---------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.fix_button.setVisible(False)
        if busy:
            self.message.setStyleSheet("")
            self.message.setText("Đang lập văn bản…")
            self._progress.start()
        else:
            self._progress.stop()
        self._enable(not busy)

    def _show_progress(self) -> None:
        if self._pages:
            self.message.setText(f"Đang lập văn bản… trang {self._pages[-1]}")

    def _show(self, made: Made) -> None:
        self.made = made
        self.pages.show_pdf(made.pdf)
        if made.problem:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(made.problem)
            self.fix_button.setVisible(
                made.document is None and "thiếu" in made.problem and not self.ws.read_only_reason
            )
        else:
            assert made.document is not None  # made without a problem
            self.message.setStyleSheet("")
            self.message.setText(
                f"{made.document.file_title} · {self.pages.page_count} trang. "
                + (
                    "Bản xem trước có lời chưa lưu: lưu lời rồi mới lưu hoặc in văn bản."
                    if made.typed
                    else "Xem trước đúng như tệp sẽ lưu và in."
                )
            )
        if made.words is not None:
            self.editor.show_words(made.words)
        self._enable(True)

    def _enable(self, idle: bool) -> None:
        made = self.made  # words not saved are previewed, never saved or printed
        ready = idle and made is not None and made.pdf is not None and not made.typed
        buttons = (self.save_pdf_button, self.save_docx_button, self.save_xlsx_button)
        for button in (*buttons, self.print_button):
            button.setEnabled(ready)
        self.save_all_button.setEnabled(idle and self.unit_box.count() > 0)
        self.folder_button.setEnabled(self.saved is not None)

    # Acting ----------------------------------------------------------------------------

    def _previewed(self) -> tuple[Document, bytes]:
        """The document shown and its PDF: what saves or prints them is enabled only when
        both are there (_enable)."""
        made = self.made
        assert made is not None and made.document is not None and made.pdf is not None
        return made.document, made.pdf

    def _suggested(self, suffix: str) -> Path:
        assert self.made is not None  # what is saved is the document shown
        folder = self.saved.parent if self.saved else ask.documents_folder()
        return folder / f"{self.made.suggested}{suffix}"

    def _status(self, text: str) -> None:
        window = self.window()
        assert isinstance(window, QMainWindow)  # the tab is shown in the main window
        window.statusBar().showMessage(text, 10000)

    def save_pdf(self) -> None:
        path = ask.save_file(self, "Lưu văn bản PDF", self._suggested(".pdf"), PDF_FILTER)
        if path is not None:
            _, content = self._previewed()  # the very bytes previewed
            from desktop.infra.atomic_files import write_file

            self._save(lambda: write_file(path.with_suffix(".pdf"), content))

    def save_docx(self) -> None:
        """The document shown, as a Word file to go on drafting in (the same model as
        the PDF: the same words and figures)."""
        path = ask.save_file(self, "Lưu văn bản Word", self._suggested(".docx"), DOCX_FILTER)
        if path is not None:
            document, _ = self._previewed()
            from desktop.documents import docx
            from desktop.infra.atomic_files import write_file

            self._save(lambda: write_file(path.with_suffix(".docx"), docx.render(document)))

    def save_xlsx(self) -> None:
        path = ask.save_file(self, "Lưu phụ lục Excel", self._suggested(".xlsx"), XLSX_FILTER)
        if path is not None:
            document, _ = self._previewed()
            from desktop.documents import saving

            self._save(lambda: saving.save(document, path.with_suffix(".xlsx")))

    def save_all_annexes(self) -> None:
        start = self.saved.parent if self.saved else ask.documents_folder()
        folder = ask.folder(self, "Chọn thư mục lưu danh mục nhiệm vụ giao các đơn vị", start)
        if folder is not None:
            ws, plan = self.ws, self.plan
            from desktop.documents import saving

            self._save(lambda: saving.save_annexes(ws, plan, folder)[-1])

    def save_words(self) -> None:
        """The words typed, each part kept (the same core function as `narrative`)."""
        from desktop.documents.narrative import write_part

        ws, plan, period = self.ws, self.plan, self.period
        pending = dict(self.editor.pending)
        assert period is not None  # the editor shows a period's report

        def work() -> None:
            for key, text in pending.items():
                write_part(ws, plan, period, key, text)

        def done(_: None) -> None:
            self.editor.saved()
            self._status("Đã lưu lời của báo cáo.")
            self.refresh()

        ops.run_op(self, "Đang lưu lời của báo cáo…", work, done)

    def _save(self, work: Callable[[], Path]) -> None:
        def done(path: Path) -> None:
            self.saved = path
            self.folder_button.setEnabled(True)
            self._status(f"Đã lưu {path}")

        ops.run_op(self, "Đang lưu văn bản…", work, done)

    def print_document(self) -> None:
        printer = ask.printer(self)
        if printer is None:
            return
        try:
            count = print_pdf(printer, self._previewed()[1])
        except OSError as exc:
            ask.tell(self, "In văn bản", f"Không in được: {exc}", problem=True)
            return
        self._status(f"Đã gửi {count} trang tới máy in.")

    def open_folder(self) -> None:
        if self.saved is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved.parent)))

    def edit_settings(self) -> None:
        DocumentSettingsDialog(self.ws, self).exec()
        self.changed.emit()


_NO_ANNEX = "Kế hoạch chưa giao nhiệm vụ hay chỉ tiêu cho cơ quan, đơn vị cụ thể nào."
