"""The progress form: one task's report for the selected period, task after task.

Opened from the task table (double-click, Enter, context menu, toolbar). "Lưu và sang
nhiệm vụ tiếp" (Ctrl+Enter) saves and moves on, so a whole plan can be reported in
one sitting without the mouse. Nothing is saved while the form is invalid; leaving a
task, or closing, with unsaved text asks first. Evidence files hang on the saved report.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.domain.model import PROGRESS_LABELS, Plan, Progress, ProgressStatus
from desktop.domain.periods import Period, PeriodId
from desktop.domain.task_state import ONE_OFF
from desktop.errors import InvalidInput, UserError
from desktop.services.progress import TaskOverview, checked_report, completion_note
from desktop.workspace import Workspace
from ui import ask, evidence
from ui.fields import date_edit
from ui.style import problem_label

_STATUSES = list(ProgressStatus)


def _report_text(report: Progress | None) -> str:
    if report is None:
        return "Chưa có báo cáo kỳ trước."
    lines = [
        f"{PeriodId.parse(report.period_id).title}: {PROGRESS_LABELS[report.status]} "
        f"({report.percent}%)"
        + (f", xong ngày {report.completed_on:%d/%m/%Y}" if report.completed_on else "")
    ]
    for label, text in (
        ("Kết quả", report.result),
        ("Khó khăn, vướng mắc", report.difficulties),
        ("Đề xuất, kiến nghị", report.proposals),
    ):
        if text:
            lines.append(f"{label}: {text}")
    return "\n".join(lines)


class ProgressDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        plan: Plan,
        period: Period,
        items: list[TaskOverview],
        index: int,
        parent=None,
    ):
        super().__init__(parent)
        self.ws, self.plan, self.period, self.items = ws, plan, period, items
        self.index = index
        self.report: Progress | None = None
        self._dirty = False
        self._loading = False
        self.setWindowTitle(f"Ghi tiến độ — {period.title}")
        self._build()
        self.show_task(index)

    # Layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.task_title = QLabel()
        self.task_title.setWordWrap(True)
        self.task_meta = QLabel()
        self.task_meta.setWordWrap(True)

        self.turn = QComboBox()
        self.turn_label = QLabel("Lần thực hiện")
        self.status = QComboBox()
        for status in _STATUSES:
            self.status.addItem(PROGRESS_LABELS[status], status.value)
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.done_on = date_edit(self.ws.today(), what="Ngày hoàn thành")
        self.result_text = QPlainTextEdit()
        self.difficulties = QPlainTextEdit()
        self.proposals = QPlainTextEdit()
        for box, rows in ((self.result_text, 4), (self.difficulties, 2), (self.proposals, 2)):
            box.setTabChangesFocus(True)
            box.setMinimumHeight(rows * box.fontMetrics().lineSpacing() + 12)

        form = QFormLayout()
        form.addRow(self.turn_label, self.turn)
        form.addRow("Tình trạng", self.status)
        form.addRow("Tỷ lệ hoàn thành", self.percent)
        form.addRow("Ngày hoàn thành", self.done_on)
        form.addRow("Kết quả thực hiện", self.result_text)
        form.addRow("Khó khăn, vướng mắc", self.difficulties)
        form.addRow("Đề xuất, kiến nghị", self.proposals)

        self.previous = QLabel()
        self.previous.setWordWrap(True)
        self.previous.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.previous.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reference = QGroupBox("Báo cáo kỳ trước (để tham khảo)")
        QVBoxLayout(reference).addWidget(self.previous)

        self.evidence = QListWidget()
        self.attach_button = QPushButton("Đính kèm…")
        self.open_button = QPushButton("Mở")
        self.remove_button = QPushButton("Gỡ")
        evidence_buttons = QHBoxLayout()
        for button in (self.attach_button, self.open_button, self.remove_button):
            evidence_buttons.addWidget(button)
        evidence = QGroupBox("Minh chứng")
        evidence_layout = QVBoxLayout(evidence)
        evidence_layout.addWidget(self.evidence)
        evidence_layout.addLayout(evidence_buttons)

        right = QVBoxLayout()
        right.addWidget(reference, 1)
        right.addWidget(evidence, 1)
        body = QHBoxLayout()
        body.addLayout(form, 3)
        body.addLayout(right, 2)

        self.problem = problem_label()
        self.counting_note = QLabel()  # where a completion after the cut-off counts
        self.counting_note.setWordWrap(True)
        self.back_button = QPushButton("◀ Nhiệm vụ trước")
        self.forward_button = QPushButton("Nhiệm vụ sau ▶")
        self.save_button = QPushButton("Lưu")
        self.next_button = QPushButton("Lưu và sang nhiệm vụ tiếp (Ctrl+Enter)")
        self.next_button.setDefault(True)
        close_button = QPushButton("Đóng")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.forward_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.task_title)
        layout.addWidget(self.task_meta)
        layout.addLayout(body, 1)
        layout.addWidget(self.counting_note)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

        for signal in (
            self.status.currentIndexChanged,
            self.percent.valueChanged,
            self.done_on.edited,
            self.result_text.textChanged,
            self.difficulties.textChanged,
            self.proposals.textChanged,
        ):
            signal.connect(self._changed)
        self.turn.currentIndexChanged.connect(self._turn_changed)
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self.save_and_next)
        self.back_button.clicked.connect(lambda: self.go(self.index - 1))
        self.forward_button.clicked.connect(lambda: self.go(self.index + 1))
        close_button.clicked.connect(self.close)
        self.attach_button.clicked.connect(self.attach)
        self.open_button.clicked.connect(self.open_evidence)
        self.remove_button.clicked.connect(self.remove_evidence)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save_and_next)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        self.resize(1100, 640)

    # Showing a task ----------------------------------------------------------------

    @property
    def item(self) -> TaskOverview:
        return self.items[self.index]

    def show_task(self, index: int, occurrence: str | None = None) -> None:
        self.index = index
        task = self.item.task
        self._loading = True
        self.heading.setText(f"Nhiệm vụ {task.code} ({index + 1}/{len(self.items)})")
        self.task_title.setText(task.title)
        self.task_meta.setText(
            f"Thời gian hoàn thành: {task.deadline.text or '—'} — {self.item.reading} · "
            f"Chủ trì: {task.lead_names}"
        )
        turns, default = self.ws.progress.turns(task, self.period)
        self.turn.blockSignals(True)
        self.turn.clear()
        for turn in turns:
            due = f" (hạn {turn.due:%d/%m/%Y})" if turn.due else ""
            self.turn.addItem(f"{turn.label}{due}", turn.key)
        key = occurrence if occurrence is not None else default
        self.turn.setCurrentIndex(max(0, self.turn.findData(key)))
        self.turn.blockSignals(False)
        self.turn.setVisible(bool(turns))
        self.turn_label.setVisible(bool(turns))
        self.report = self.ws.progress.get(task.id, self.period.id, self._occurrence())
        self._fill(self.report)
        self.previous.setText(_report_text(self.ws.progress.previous(task.id, self.period)))
        self.back_button.setEnabled(index > 0)
        self.forward_button.setEnabled(index + 1 < len(self.items))
        self._loading = False
        self._dirty = False
        self._changed()
        self._dirty = False
        self._list_evidence()
        self.status.setFocus()  # the first field: Tab goes on to %, date, result

    def _occurrence(self) -> str:
        return self.turn.currentData() if self.turn.count() else ONE_OFF

    def _fill(self, report: Progress | None) -> None:
        status = report.status if report else ProgressStatus.IN_PROGRESS
        self.status.setCurrentIndex(_STATUSES.index(status))
        self.percent.setValue(report.percent if report else 0)
        done = report.completed_on if report and report.completed_on else self.ws.today()
        self.done_on.set_value(done)
        self.result_text.setPlainText(report.result if report else "")
        self.difficulties.setPlainText(report.difficulties if report else "")
        self.proposals.setPlainText(report.proposals if report else "")

    # Validation --------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        status = _STATUSES[self.status.currentIndex()]
        self.done_on.setEnabled(status is ProgressStatus.DONE)
        self.percent.setEnabled(status is ProgressStatus.IN_PROGRESS)
        if status is ProgressStatus.DONE and self.percent.value() != 100:
            self.percent.setValue(100)
        if status is ProgressStatus.NOT_STARTED and self.percent.value() != 0:
            self.percent.setValue(0)
        problem = self.problem_text()
        self.problem.setText(problem or "")
        self.save_button.setEnabled(problem is None)
        self.next_button.setEnabled(problem is None)
        self._show_counting_note()

    def _done_on(self) -> date | None:
        """The completion day typed (when the task is done); an InvalidInput when the
        text is not one day or is after today."""
        done = _STATUSES[self.status.currentIndex()] is ProgressStatus.DONE
        return self.done_on.value() if done else None

    def _show_counting_note(self) -> None:
        """Where a completion dated after the period's cut-off counts (the core's words)."""
        try:
            done_on = self._done_on()
        except InvalidInput:
            self.counting_note.setText("")
            return
        calendar = self.ws.periods.calendar(self.plan.id)
        self.counting_note.setText(completion_note(calendar, self.period, done_on))

    def problem_text(self) -> str | None:
        """Why the form cannot be saved as it stands (the service's own rule), or None."""
        status = _STATUSES[self.status.currentIndex()]
        try:
            checked_report(status, self.percent.value(), self._done_on(), self.ws.today())
        except InvalidInput as exc:
            return str(exc)
        return None

    # Saving and moving -------------------------------------------------------------

    def save(self) -> bool:
        if self.problem_text() is not None:
            return False
        status = _STATUSES[self.status.currentIndex()]
        try:
            self.report = self.ws.progress.record(
                self.item.task.id,
                self.period.id,
                status,
                self.percent.value(),
                self._done_on(),
                self.result_text.toPlainText(),
                self.difficulties.toPlainText(),
                self.proposals.toPlainText(),
                occurrence=self._occurrence() or None,
            )
        except UserError as exc:
            self.problem.setText(str(exc))
            return False
        self._dirty = False
        self.problem.done(f"Đã lưu báo cáo nhiệm vụ {self.item.task.code}.")
        self._list_evidence()
        return True

    def save_and_next(self) -> None:
        if not self.save():
            return
        if self.index + 1 < len(self.items):
            self.show_task(self.index + 1)
        else:
            self.problem.done("Đã ghi đến nhiệm vụ cuối danh sách.")

    def _may_leave(self) -> bool:
        if not self._dirty:
            return True
        answer = ask.unsaved(self, f"Báo cáo nhiệm vụ {self.item.task.code}")
        if answer is ask.Unsaved.SAVE:
            return self.save()
        return answer is ask.Unsaved.DISCARD

    def go(self, index: int) -> None:
        if 0 <= index < len(self.items) and self._may_leave():
            self.show_task(index)

    def _turn_changed(self) -> None:
        key = self.turn.currentData()
        if self._may_leave():
            self.show_task(self.index, key)
        else:
            self.turn.blockSignals(True)
            self.turn.setCurrentIndex(
                self.turn.findData(self.report.occurrence if self.report else "")
            )
            self.turn.blockSignals(False)

    def closeEvent(self, event) -> None:
        if self._may_leave():
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Esc
        self.close()

    # Evidence ----------------------------------------------------------------------

    def _list_evidence(self) -> None:
        self.evidence.clear()
        report = self.report
        saved = report is not None
        if report is not None:
            for attachment in self.ws.attachments.list("progress_id", report.id):
                size = f"{attachment.size / 1024:.0f} KB".replace(".", ",")
                item = QListWidgetItem(f"{attachment.filename} ({size})")
                item.setData(Qt.ItemDataRole.UserRole, attachment.id)
                self.evidence.addItem(item)
        self.attach_button.setEnabled(not self.ws.read_only_reason)
        self.open_button.setEnabled(saved and self.evidence.count() > 0)
        self.remove_button.setEnabled(saved and self.evidence.count() > 0)

    def _selected_attachment(self) -> int | None:
        item = self.evidence.currentItem() or self.evidence.item(0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def attach(self) -> None:
        if (self.report is None or self._dirty) and not self.save():
            return  # a file hangs on the saved report: save it first
        report = self.report
        assert report is not None  # saved before, or just now
        for path in ask.open_files(self, "Chọn tệp minh chứng"):
            try:
                self.ws.attachments.add_file("progress_id", report.id, path)
            except UserError as exc:
                ask.tell(self, "Minh chứng", str(exc), problem=True)
        self._list_evidence()

    def open_evidence(self) -> None:
        attachment_id = self._selected_attachment()
        if attachment_id is None:
            return
        evidence.open_attachment(self.ws, attachment_id)

    def remove_evidence(self) -> None:
        attachment_id = self._selected_attachment()
        if attachment_id is None:
            return
        attachment = self.ws.attachments.get(attachment_id)
        if ask.confirm(self, "Gỡ minh chứng", f"Gỡ tệp «{attachment.filename}» khỏi báo cáo?"):
            self.ws.attachments.remove(attachment_id)
            self._list_evidence()
