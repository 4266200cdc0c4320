"""One office's report as received, read-only, and returning it for correction."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from desktop.consolidation.matrix import MatrixRow, shown_time
from desktop.consolidation.office_report import office_report, since_previous
from desktop.consolidation.report import owners_of
from desktop.consolidation.returns import return_for_correction
from desktop.domain.targets import VERDICT_LABELS, Verdict
from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.errors import UserError
from desktop.signing.sources import Pkcs12File
from desktop.workspace import Workspace
from ui import ask
from ui.upper_level_tables import (
    colour_table,
    money_text,
)


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
            f"<b>{content['office']['committee']}</b> — {content['plan']['number']} — "
            f"{content['period']['label']} lần {received.sequence} · gửi "
            f"{shown_time(received.submitted_at)} · ký bởi {received.signer}{trial}"
        )
        facts.setWordWrap(True)
        tabs = QTabWidget()
        tasks = content["tasks"]
        tabs.addTab(colour_table(
            ("STT", "Nhiệm vụ", "Chủ trì", "Tình trạng", "Kết quả"),
            [(t["code"], t["title"], "; ".join(owners_of(t)),
              STATE_LABELS.get(TaskState(t["state"]), t["state"]), t["result"]) for t in tasks],
            [None] * len(tasks),
        ), f"Nhiệm vụ ({len(tasks)})")  # fmt: skip
        indicators = content["indicators"]
        tabs.addTab(colour_table(
            ("STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"),
            [(i["code"], i["name"], i["target"] or "",
              i["value"] if i["value"] is not None else i["value_text"],
              VERDICT_LABELS[Verdict(i["verdict"])] if i["verdict"] else "") for i in indicators],
            [None] * len(indicators),
        ), f"Chỉ tiêu ({len(indicators)})")  # fmt: skip
        budget = content["budget"]
        tabs.addTab(colour_table(
            ("STT", "Nội dung", "Dự toán (đồng)", "Giải ngân trong kỳ", "Lũy kế"),
            [(b["code"], b["title"], money_text(b["estimate"]), money_text(b["paid_in_period"]),
              money_text(b["paid_to_date"])) for b in budget],
            [None] * len(budget),
        ), f"Kinh phí ({len(budget)})")  # fmt: skip
        if words := content.get("narrative"):  # packages of older versions have none
            from desktop.services.report_texts import SECTIONS

            words_view = QPlainTextEdit("\n\n".join(
                f"{SECTIONS.get(key, key).upper()}\n{text}" for key, text in words.items()
            ))  # fmt: skip
            words_view.setReadOnly(True)
            tabs.insertTab(0, words_view, "Lời báo cáo")
            tabs.setCurrentIndex(0)
        evidence = [(t["code"], e["file"], e["bytes"], e["sha256"]) for t in tasks
                    for e in t["evidence"]]  # fmt: skip
        tabs.addTab(colour_table(("Nhiệm vụ", "Tệp", "Byte", "SHA-256"), evidence,
                           [None] * len(evidence)), f"Minh chứng ({len(evidence)})")  # fmt: skip
        changed = since_previous(ws, found)
        if changed is not None:
            told = content["changes"] or []
            lines = (
                [f"Lý do gửi lại: {content['package']['reason'] or '(không ghi)'}", ""]
                + ["So sánh số liệu hai lần gửi:"] + (changed or ["Không có khác biệt."])
                + ["", "Đơn vị kê (từ nhật ký thay đổi của đơn vị):"] + (told or ["(không có)"])
            )  # fmt: skip
            differences_view = QListWidget()
            differences_view.setWordWrap(True)
            differences_view.addItems(lines)
            tabs.addTab(differences_view, f"So với lần trước ({len(changed)})")
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
        self.tabs = tabs

    def give_back(self) -> None:
        """Reasons, the level above's certificate, where to save: the signed return."""
        reasons = ask.text(self, "Trả lại để chỉnh sửa", "Lý do (đơn vị sẽ thấy nguyên văn):")
        if not reasons:
            return
        from ui.submit_wizard import P12_FILTER

        p12 = ask.open_file(self, "Chứng thư số của cơ quan", P12_FILTER)
        if p12 is None:
            return
        passphrase = ask.secret(self, "Chứng thư số", "Mật khẩu tệp chứng thư:")
        if passphrase is None:
            return
        folder = ask.folder(self, "Lưu văn bản trả lại vào", ask.documents_folder())
        if folder is None:
            return
        try:
            source = Pkcs12File(p12, passphrase.encode())
            path = return_for_correction(
                self.ws, self.row.office, self.period_id, reasons, source, folder
            )
        except UserError as exc:
            ask.tell(self, "Trả lại để chỉnh sửa", str(exc), problem=True)
            return
        self.return_button.setEnabled(False)
        ask.tell(
            self,
            "Trả lại để chỉnh sửa",
            f"Đã lập {path}.\nGửi tệp này cho {self.row.office.title} (USB hoặc thư).",
        )
