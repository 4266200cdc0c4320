"""Forms for a plan typed by hand: the plan's particulars, a section, a task.

Each saves through one service call (one audited change); what the service refuses is
shown under the fields and nothing is written. The task form reads the deadline as it
is typed and says how it is understood (due date, recurrence), so a clerk sees at once
whether 'Quý IV/2026' or 'Hằng năm' was taken the way it was meant.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from desktop.domain.deadlines import parse_deadline
from desktop.domain.model import Plan, Section, Task, Unit
from desktop.services.progress import deadline_reading
from desktop.services.tasks import lead_choices
from desktop.workspace import Workspace
from ui.fields import date_edit
from ui.form import FormDialog
from ui.unit_picker import UnitPicker


class _PlanFields(TypedDict):
    """A plan's particulars as the form holds them (PlanService.create and .update)."""

    number: str
    issued_on: date
    issuer: str
    summary: str
    start_year: int
    end_year: int


class _TaskFields(TypedDict):
    """A task as the form holds it, but for its code and section (TaskService.add and
    .update)."""

    title: str
    leads: list[str]
    coordinators: list[str]
    deadline_text: str
    expected_product: str
    note: str
    named_lead: str | None


def _year_box(value: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(2000, 2100)
    box.setValue(value)
    return box


class PlanDialog(FormDialog):
    """A new plan (`plan` None) or the particulars of one."""

    def __init__(self, ws: Workspace, plan: Plan | None = None, parent=None):
        super().__init__("Sửa thông tin kế hoạch" if plan else "Tạo kế hoạch mới", parent)
        self.ws, self.plan = ws, plan
        self.saved_plan: Plan | None = None
        today = ws.today()
        self.number = QLineEdit(plan.number if plan else "")
        self.number.setPlaceholderText("ví dụ: 79/KH-UBND")
        self.issued_on = date_edit(plan.issued_on if plan else today, what="Ngày ban hành")
        office = ws.office.get()
        self.issuer = QLineEdit(plan.issuer if plan else (office.committee if office else ""))
        self.summary = QPlainTextEdit(plan.summary if plan else "")
        self.summary.setPlaceholderText("Trích yếu: thực hiện … về …")
        self.summary.setMinimumSize(460, 70)
        self.summary.setMaximumHeight(120)
        self.start_year = _year_box(plan.start_year if plan else today.year)
        self.end_year = _year_box(plan.end_year if plan else today.year)
        self.form.addRow("Số ký hiệu", self.number)
        self.form.addRow("Ngày ban hành", self.issued_on)
        self.form.addRow("Cơ quan ban hành", self.issuer)
        self.form.addRow("Trích yếu", self.summary)
        self.form.addRow("Từ năm", self.start_year)
        self.form.addRow("Đến năm", self.end_year)

    def save(self) -> None:
        fields: _PlanFields = {
            "number": self.number.text(),
            "issued_on": self.issued_on.value(),
            "issuer": self.issuer.text(),
            "summary": self.summary.toPlainText(),
            "start_year": self.start_year.value(),
            "end_year": self.end_year.value(),
        }
        if self.plan is None:
            self.saved_plan = self.ws.plans.create(**fields, source="Nhập tay")
        else:
            self.saved_plan = self.ws.plans.update(self.plan.id, **fields)


class SectionDialog(FormDialog):
    def __init__(self, ws: Workspace, plan: Plan, section: Section | None = None, parent=None):
        super().__init__("Sửa mục" if section else "Thêm mục", parent)
        self.ws, self.plan, self.section = ws, plan, section
        following = len(ws.plans.sections(plan.id)) + 1
        self.code = QLineEdit(section.code if section else _roman(following))
        self.title = QLineEdit(section.title if section else "")
        self.title.setMinimumWidth(460)
        self.form.addRow("Số thứ tự", self.code)
        self.form.addRow("Tên mục", self.title)

    def save(self) -> None:
        if self.section is None:
            self.ws.plans.add_section(self.plan.id, self.code.text(), self.title.text())
        else:
            self.ws.plans.update_section(self.section.id, self.code.text(), self.title.text())


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, letters in numerals:
        while number >= value:
            text, number = text + letters, number - value
    return text


class TaskDialog(FormDialog):
    """A new task in `section`, or `task` as printed in the plan."""

    def __init__(
        self,
        ws: Workspace,
        plan: Plan,
        section: Section,
        task: Task | None = None,
        parent=None,
    ):
        super().__init__(f"Sửa nhiệm vụ {task.code}" if task else "Thêm nhiệm vụ", parent)
        self.ws, self.plan, self.task = ws, plan, task
        self.section = QComboBox()
        for each in ws.plans.sections(plan.id):
            self.section.addItem(f"{each.code}. {each.title}", each.id)
        self.section.setCurrentIndex(self.section.findData(section.id))
        self.section.setMaximumWidth(620)
        self.code = QLineEdit(task.code if task else "")
        self.code.setPlaceholderText("để trống: tự đánh số theo mục")
        self.title = QPlainTextEdit(task.title if task else "")
        self.title.setMinimumSize(560, 64)
        self.title.setMaximumHeight(90)
        names = [unit.name for unit in ws.units.list(active_only=True)]
        self.leads = UnitPicker(names, [u.name for u in task.leads] if task else [])
        self.coordinators = UnitPicker(names, [u.name for u in task.coordinators] if task else [])
        self.units = {unit.name: unit for unit in ws.units.list()}
        self.named_lead = QComboBox()
        self.named_lead.setToolTip(
            "Khi kế hoạch giao cho một nhóm hoặc nhiều cơ quan: cơ quan trực tiếp chủ trì\n"
            "chịu trách nhiệm khi nhiệm vụ quá hạn và nhận nhiệm vụ trong phụ lục giao việc."
        )
        self.deadline = QLineEdit(task.deadline.text if task else "")
        self.deadline.setPlaceholderText("như ghi trong kế hoạch: Tháng 9/2025, Hằng năm, …")
        self.reading = QLabel()
        self.reading.setWordWrap(True)
        self.product = QLineEdit(task.expected_product if task else "")
        self.note = QLineEdit(task.note if task else "")
        for field in (self.product, self.note):
            field.setCursorPosition(0)  # a long note shows its start, not its end
        self.form.addRow("Thuộc mục", self.section)
        self.form.addRow("Mã", self.code)
        self.form.addRow("Tên nhiệm vụ", self.title)
        self.form.addRow("Cơ quan chủ trì", self.leads)
        self.form.addRow("Cơ quan phối hợp", self.coordinators)
        self.form.addRow("Trực tiếp chủ trì", self.named_lead)
        self.form.addRow("Thời gian hoàn thành", self.deadline)
        self.form.addRow("", self.reading)
        self.form.addRow("Kết quả, sản phẩm", self.product)
        self.form.addRow("Ghi chú", self.note)
        self.deadline.textChanged.connect(self._read_deadline)
        self.title.textChanged.connect(self._read_deadline)
        self._read_deadline()
        self._offer_leads(task.named_lead.name if task and task.named_lead else None)
        for picker in (self.leads, self.coordinators):
            picker.changed.connect(lambda: self._offer_leads(self.named_lead.currentData()))

    def _offer_leads(self, chosen: str | None) -> None:
        """The units that may be named to lead the task as its units now stand."""

        def known(names: list[str]) -> list[Unit]:
            return [self.units[name] for name in names if name in self.units]

        choices = lead_choices(
            list(self.units.values()), known(self.leads.chosen()), known(self.coordinators.chosen())
        )
        self.named_lead.clear()
        self.named_lead.addItem("Như kế hoạch giao (các cơ quan chủ trì ở trên)", None)
        for unit in choices:
            self.named_lead.addItem(unit.name, unit.name)
        self.named_lead.setCurrentIndex(max(0, self.named_lead.findData(chosen)))

    def _read_deadline(self) -> None:
        """How the deadline typed counts in the plan (the title may make it recurring)."""
        deadline = parse_deadline(
            self.deadline.text(), self.plan.start_year, self.title.toPlainText()
        )
        calendar = self.ws.periods.calendar(self.plan.id)
        self.reading.setText(f"Cách hiểu: {deadline_reading(deadline, self.plan, calendar)}")

    def save(self) -> None:
        fields: _TaskFields = {
            "title": self.title.toPlainText(),
            "leads": self.leads.chosen(),
            "coordinators": self.coordinators.chosen(),
            "deadline_text": self.deadline.text(),
            "expected_product": self.product.text(),
            "note": self.note.text(),
            "named_lead": self.named_lead.currentData(),
        }
        section_id = self.section.currentData()
        if self.task is None:
            self.ws.tasks.add(section_id, code=self.code.text() or None, **fields)
        else:
            self.ws.tasks.update(
                self.task.id, code=self.code.text(), section_id=section_id, **fields
            )
