"""One office's report as received, read-only: its words, the signed report's pages, who
signed it and what was checked when it came, its figures and evidence files; and
returning it for correction."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.consolidation.matrix import MatrixRow, shown_time
from desktop.consolidation.office_report import (
    EvidenceFile,
    checks_on_receipt,
    evidence_files,
    office_report,
    signature_facts,
    since_previous,
)
from desktop.consolidation.report import owners_of
from desktop.consolidation.store import reading_folder, stored_file, take_out
from desktop.domain.targets import VERDICT_LABELS, Verdict
from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.errors import UserError
from desktop.package.layout import REPORT_PDF
from desktop.services.receiving import Received
from desktop.workspace import Workspace
from ui import ask
from ui.pdf_pages import PageView
from ui.style import RowTable, fit_columns, problem_label
from ui.table_model import Column, RowsModel
from ui.upper_level_tables import colour_table, money_text


def plain(text: str, wrap: bool = True) -> QLabel:
    """A label showing `text` as it is: what a package says is never read as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def open_outside(parent: QWidget, ws: Workspace, received: Received, name: str) -> None:
    """A file of the kept package taken out and handed to the machine's own program;
    where it was put is said when no program opens it."""
    try:
        path = take_out(ws, received, name, reading_folder())
    except UserError as exc:
        ask.tell(parent, "Mở tệp trong gói", str(exc), problem=True)
        return
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        ask.tell(
            parent,
            "Mở tệp trong gói",
            f"Máy này không mở được «{path.name}» (chưa có phần mềm đọc loại tệp này?).\n"
            f"Tệp đã được chép ra ở: {path}",
            problem=True,
        )


class SignedReportPage(QWidget):
    """The office's signed report, its pages drawn here as the submit wizard draws a
    report, read from the kept package the first time the page is shown."""

    def __init__(self, ws: Workspace, received: Received):
        super().__init__()
        self.ws, self.received = ws, received
        self.note = plain("")
        self.problem = problem_label()
        self.problem.hide()
        self.open_button = QPushButton("Mở bằng phần mềm khác…")
        self.open_button.clicked.connect(lambda: open_outside(self, ws, received, REPORT_PDF))
        self.pages = PageView()
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.pages, 1)
        self.loaded = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.load()

    def load(self) -> None:
        from pypdfium2 import PdfiumError

        try:
            self.pages.show_pdf(stored_file(self.ws, self.received, REPORT_PDF))
        except UserError as exc:
            self._cannot(str(exc))
            return
        except PdfiumError as exc:  # signed and checked, yet PDFium cannot draw it
            self._cannot(
                f"Không hiện được các trang của báo cáo ({exc}); hãy mở bằng phần mềm khác."
            )
            return
        self.note.setText(
            f"Báo cáo đơn vị đã ký số, đúng tệp trong gói ({self.pages.page_count} trang)."
        )

    def _cannot(self, said: str) -> None:
        self.problem.setText(said)
        self.problem.show()


class SignaturePage(QScrollArea):
    """Who signed the package, with which certificate, the time it claims beside the time
    it came, whether revocation was checked, and each check made on receipt."""

    def __init__(self, ws: Workspace, received: Received, far_from_claim: bool):
        super().__init__()
        self.setWidgetResizable(True)
        self.facts = signature_facts(ws, received, far_from_claim)
        form = QFormLayout()
        for what, said in self.facts:
            form.addRow(f"{what}:", plain(said))
        checks = checks_on_receipt(received)
        if checks:
            heading = plain("Các bước kiểm tra lúc nhận gói")
            heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
            form.addRow(heading)
        for check in checks:
            mark = "✔" if check.passed else "✘"
            form.addRow(plain(f"{mark} {check.name}: {check.detail}"))
        page = QWidget()
        page.setLayout(form)
        self.setWidget(page)


class EvidencePage(QWidget):
    """The evidence files the package lists, by task; a double-click or Enter on one (or
    Mở tệp) takes it out of the package and opens it."""

    def __init__(self, ws: Workspace, received: Received, files: list[EvidenceFile]):
        super().__init__()
        self.ws, self.received = ws, received
        self.model = RowsModel(
            [
                Column("Nhiệm vụ", lambda e: e.task),
                Column("Tệp", lambda e: e.shown),
                Column("Dung lượng", lambda e: e.size_shown, align_right=True),
            ],
            files,
        )
        self.table = RowTable()
        self.table.setModel(self.model)
        fit_columns(self.table, stretch=1, widths={})
        self.table.chosen.connect(self.open_chosen)
        self.open_button = QPushButton("Mở tệp")
        self.open_button.clicked.connect(self.open_chosen)
        self.open_button.setEnabled(bool(files))
        hint = plain(
            "Nhấp đúp hoặc Enter để mở một tệp: tệp được chép ra thư mục tạm, gói giữ "
            "nguyên; chỉ mở tài liệu và ảnh."
            if files
            else "Gói không kèm tệp minh chứng nào."
        )
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def open_chosen(self) -> None:
        if self.model.rowCount():
            chosen = self.model.row(self.table.current_row())
            open_outside(self, self.ws, self.received, chosen.name)


class OfficeReportDialog(QDialog):
    """One office's report as received (read-only), and returning it for correction."""

    def __init__(self, ws: Workspace, row: MatrixRow, period_id: str, parent=None):
        super().__init__(parent)
        self.ws, self.row, self.period_id = ws, row, period_id
        found, content = office_report(ws, row.office.id, period_id)
        received = self.received = found.received
        self.setWindowTitle(f"{row.office.heading} — {content['period']['label']}")
        self.resize(1150, 650)
        trial = " · THỬ NGHIỆM" if received.trial else ""
        facts = QLabel(
            f"<b>{escape(content['office']['committee'])}</b> — "
            f"{escape(content['plan']['number'])} — {escape(content['period']['label'])} "
            f"lần {received.sequence} · gửi {shown_time(received.submitted_at)} · ký bởi "
            f"{escape(received.signer)}{trial}"
        )
        facts.setWordWrap(True)
        self.tabs = tabs = QTabWidget()
        if words := content.get("narrative"):  # packages of older versions have none
            tabs.addTab(self._words(words), "Lời báo cáo")
        self.report_page = SignedReportPage(ws, received)
        tabs.addTab(self.report_page, "Báo cáo đã ký (PDF)")
        self.signature_page = SignaturePage(ws, received, bool(row.claim_note))
        tabs.addTab(self.signature_page, "Chữ ký số")
        self._add_figures(content)
        files = evidence_files(content)
        self.evidence_page = EvidencePage(ws, received, files)
        tabs.addTab(self.evidence_page, f"Minh chứng ({len(files)})")
        changed = since_previous(ws, found)
        if changed is not None:
            self._add_differences(content, changed)
        self.return_button = QPushButton("Trả lại để chỉnh sửa…")
        self.return_button.clicked.connect(self.give_back)
        self.return_button.setEnabled(not ws.read_only_reason)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)

    @staticmethod
    def _words(words: dict[str, str]) -> QPlainTextEdit:
        from desktop.services.report_texts import SECTIONS

        view = QPlainTextEdit("\n\n".join(
            f"{SECTIONS.get(key, key).upper()}\n{text}" for key, text in words.items()
        ))  # fmt: skip
        view.setReadOnly(True)
        return view

    def _add_figures(self, content: dict) -> None:
        tasks, indicators, budget = content["tasks"], content["indicators"], content["budget"]
        self.tabs.addTab(colour_table(
            ("STT", "Nhiệm vụ", "Chủ trì", "Tình trạng", "Kết quả"),
            [(t["code"], t["title"], "; ".join(owners_of(t)),
              STATE_LABELS.get(TaskState(t["state"]), t["state"]), t["result"]) for t in tasks],
            [None] * len(tasks),
        ), f"Nhiệm vụ ({len(tasks)})")  # fmt: skip
        self.tabs.addTab(colour_table(
            ("STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"),
            [(i["code"], i["name"], i["target"] or "",
              i["value"] if i["value"] is not None else i["value_text"],
              VERDICT_LABELS[Verdict(i["verdict"])] if i["verdict"] else "") for i in indicators],
            [None] * len(indicators),
        ), f"Chỉ tiêu ({len(indicators)})")  # fmt: skip
        self.tabs.addTab(colour_table(
            ("STT", "Nội dung", "Dự toán (đồng)", "Giải ngân trong kỳ", "Lũy kế"),
            [(b["code"], b["title"], money_text(b["estimate"]), money_text(b["paid_in_period"]),
              money_text(b["paid_to_date"])) for b in budget],
            [None] * len(budget),
        ), f"Kinh phí ({len(budget)})")  # fmt: skip

    def _add_differences(self, content: dict, changed: list[str]) -> None:
        told = content["changes"] or []
        lines = (
            [f"Lý do gửi lại: {content['package']['reason'] or '(không ghi)'}", ""]
            + ["So sánh số liệu hai lần gửi:"] + (changed or ["Không có khác biệt."])
            + ["", "Đơn vị kê (từ nhật ký thay đổi của đơn vị):"] + (told or ["(không có)"])
        )  # fmt: skip
        view = QListWidget()
        view.setWordWrap(True)
        view.addItems(lines)
        self.tabs.addTab(view, f"So với lần trước ({len(changed)})")

    def give_back(self) -> None:
        """The return form: reasons, the level above's certificate, where to save."""
        from ui.return_form import ReturnForm

        form = ReturnForm(self.ws, self.row.office, self.period_id, self)
        if not form.exec() or form.path is None:
            return
        self.return_button.setEnabled(False)
        ask.tell(
            self,
            "Trả lại để chỉnh sửa",
            f"Đã ký và lưu văn bản trả lại:\n{form.path}\n\nGửi tệp này cho "
            f"{self.row.office.title} (USB hoặc thư); đơn vị nhận ở Văn bản → Nhận văn bản "
            "cấp trên trả lại….",
        )
