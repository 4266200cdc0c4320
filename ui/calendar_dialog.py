"""A plan's reporting calendar: the reports it requires, when data closes and when each is
due, shown and set. The first-run wizard's page 3 and Kế hoạch → Lịch báo cáo… show the
same editor. Each of its buttons writes at once through the schedule service, by the calls
the command line's `schedule` makes; what is typed and not set yet is `pending()`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import Plan
from desktop.domain.periods import PeriodId, PeriodKind, PeriodRule
from desktop.domain.plan_calendar import (
    KIND_NAMES,
    day_spec,
    describe_rule,
    parse_day_spec,
    rules_from_text,
)
from desktop.errors import UserError
from desktop.vietnamese.text import clean
from desktop.workspace import Workspace
from ui import ask
from ui.style import problem_label

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE = "Lịch báo cáo"
CALENDAR_MONTHS = 12  # how far ahead the reports are listed
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _SettingBox(QLineEdit):
    """A box whose Enter sets what it holds (`returnPressed`) and goes no further: passed
    on, it pressed the dialog's default button (the wizard's Hoàn tất left the sentence
    unread)."""

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        if event.key() in _ENTER:
            event.accept()


class CalendarEditor(QWidget):
    """The calendar of one plan (`show_plan`), its table of reports and the ways to set it."""

    COLUMNS = (
        "Kỳ báo cáo",
        "Số liệu từ",
        "Số liệu đến",
        "Đơn vị gửi trước",
        "Hạn gửi cấp trên",
        "Tình trạng",
    )
    plan_changed = Signal(object)  # the plan as it now is, followed from another period

    ws: Workspace
    plan: Plan

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._said = ""  # the plan's own sentence, as the calendar was set from it
        self._sentence_shown = ""  # in the box, as shown or as last read
        self._shown_days: tuple[str, ...] = ("", "", "")  # the kind's days as stored
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.edit_box = QGroupBox("Sửa lịch báo cáo của kế hoạch")
        self.sentence = _SettingBox()
        self.sentence.setPlaceholderText(
            "ví dụ: Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 30/11)"
        )
        self.sentence.returnPressed.connect(self.read_sentence)
        self.read_button = QPushButton("Đặt theo câu này")
        self.read_button.clicked.connect(self.read_sentence)
        sentence_row = QHBoxLayout()
        sentence_row.addWidget(self.sentence, 1)
        sentence_row.addWidget(self.read_button)
        self.kind = QComboBox()
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(name.capitalize(), kind.value)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.close_day = _SettingBox()
        self.close_day.setPlaceholderText("14")
        self.close_day.setToolTip(
            "Ngày chốt số liệu. Để trống: ngày 14 tháng cuối kỳ (Nghị định 09/2019/NĐ-CP)."
        )
        self.due = _SettingBox()
        self.due.setPlaceholderText("30/11, 12, 5/+1")
        self.due.setToolTip(
            "Hạn các đơn vị gửi báo cáo cho UBND, như kế hoạch ghi. 30/11: ngày/tháng (báo "
            "cáo năm, 9 tháng); 12: ngày 12 tháng cuối kỳ; 5/+1: ngày 5 tháng sau kỳ."
        )
        self.upward = _SettingBox()
        self.upward.setPlaceholderText("20")
        self.upward.setToolTip(
            "Hạn UBND gửi báo cáo lên cấp trên, theo văn bản của cấp trên. Để trống: ngày 20 "
            "tháng cuối kỳ (Nghị định 09/2019/NĐ-CP), không sớm hơn hạn các đơn vị gửi."
        )
        for field in self._day_boxes():
            field.setFixedWidth(field.fontMetrics().horizontalAdvance("30/11, 12, 5/+1") + 24)
            field.returnPressed.connect(self.add_kind)
        self.add_button = QPushButton("Đặt")
        self.add_button.setToolTip("Kế hoạch yêu cầu loại báo cáo này, với các ngày đã ghi.")
        self.add_button.clicked.connect(self.add_kind)
        self.drop_button = QPushButton("Bỏ loại này")
        self.drop_button.setToolTip("Kế hoạch không còn yêu cầu loại báo cáo này.")
        self.drop_button.clicked.connect(self.drop_kind)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addSpacing(8)
        kind_row.addWidget(QLabel("chốt số liệu"))
        kind_row.addWidget(self.close_day)
        kind_row.addSpacing(8)
        kind_row.addWidget(QLabel("đơn vị gửi"))
        kind_row.addWidget(self.due)
        kind_row.addSpacing(8)
        kind_row.addWidget(QLabel("gửi cấp trên"))
        kind_row.addWidget(self.upward)
        kind_row.addWidget(self.add_button)
        kind_row.addWidget(self.drop_button)
        kind_row.addStretch(1)
        self.follow_box = QComboBox()
        self.follow_box.setToolTip(
            "Các báo cáo của những kỳ trước kỳ này không tính là phải nộp trong cơ sở dữ "
            "liệu này (kế hoạch đã thực hiện từ trước khi dùng phần mềm)."
        )
        self.follow_box.activated.connect(self.follow_from)
        editor_form = QFormLayout(self.edit_box)
        editor_form.addRow("Theo dõi báo cáo từ", self.follow_box)
        editor_form.addRow("Câu trong kế hoạch", sentence_row)
        editor_form.addRow("Hoặc từng loại", kind_row)
        self.problem = problem_label()
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rules)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.edit_box)
        layout.addWidget(self.problem)
        layout.addStretch(0)  # takes the room of the table while it is hidden

    def _day_boxes(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return self.close_day, self.due, self.upward

    def show_plan(self, ws: Workspace, plan: Plan) -> None:
        """The calendar of `plan`, its sentence in the box to correct."""
        self.ws, self.plan = ws, plan
        self.problem.clear()
        self.show_calendar()
        self._show_sentence(self._said)

    def _show_sentence(self, text: str) -> None:
        self.sentence.setText(text)
        self._sentence_shown = text

    def _entries(self) -> dict[PeriodKind, PeriodRule]:
        return {e.rule.kind: e.rule for e in self.ws.schedule.entries(self.plan.id)}

    def show_calendar(self) -> None:
        ws, plan = self.ws, self.plan
        entries = ws.schedule.entries(plan.id)
        self._said = next((e.source_text for e in entries if e.source_text), "")
        if entries:
            said = self._said
            head = f"{plan.title} yêu cầu" + (f" (theo câu «{said}»)" if said else "") + ":"
            self.rules.setText("\n".join([head, *(f"• {describe_rule(e.rule)}" for e in entries)]))
        else:
            office = [
                describe_rule(ws.periods.rule(kind))
                for kind in (PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
            ]
            self.rules.setText(
                f"{plan.title} chưa có lịch báo cáo riêng: mỗi kỳ theo quy định chung "
                "(Nghị định 09/2019/NĐ-CP): " + "; ".join(office) + ". "
                "Nếu kế hoạch ghi chế độ báo cáo, gõ câu đó vào ô dưới để đặt lịch."
            )
        reports = ws.schedule.due_reports(plan, months_ahead=CALENDAR_MONTHS)
        self.table.setRowCount(len(reports))
        for row, due in enumerate(reports):
            period = due.period
            values = (
                period.title,
                f"{period.data_from:%d/%m/%Y}",
                f"{period.data_to:%d/%m/%Y}",
                f"{period.units_due:%d/%m/%Y}" if period.units_due else "",
                f"{period.due_on:%d/%m/%Y}",
                due.label,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setVisible(bool(reports))
        self._stretch(not reports)
        self._fill_follow_box(plan)
        self._kind_chosen()

    def _fill_follow_box(self, plan: Plan) -> None:
        box = self.follow_box
        box.clear()
        box.addItem("Đầu kế hoạch (ghi cả các kỳ đã qua)", None)
        choices = self.ws.plans.follow_choices(plan)
        for index, pid in enumerate(choices):
            current = " (kỳ hiện tại)" if index == len(choices) - 1 else ""
            box.addItem(f"{pid.title}{current}", str(pid))
        followed = plan.followed_from
        chosen = next((str(p) for p in choices if p.calendar_range()[0] == followed), None)
        box.setCurrentIndex(max(0, box.findData(chosen)) if followed else 0)

    def follow_from(self) -> None:
        key = self.follow_box.currentData()
        period = PeriodId.parse(key) if key else None

        def change() -> None:
            self.plan = self.ws.plans.follow_from(self.plan.id, period)

        if self._write(change):
            self.plan_changed.emit(self.plan)

    def _stretch(self, empty: bool) -> None:
        """Without a table, the room left goes below the fields, not between them."""
        layout = self._layout
        layout.setStretchFactor(self.table, 0 if empty else 1)
        layout.setStretch(layout.count() - 1, 1 if empty else 0)

    def _kind_chosen(self) -> None:
        """A kind the plan already requires: its days in the fields, to change or drop."""
        rule = self._entries().get(PeriodKind(self.kind.currentData()))
        self.drop_button.setEnabled(rule is not None)
        if rule is None:
            for field in self._day_boxes():
                field.clear()
        else:
            self.close_day.setText(day_spec(rule.kind, rule.close_day, rule.close_month_offset))
            self.due.setText(day_spec(rule.kind, *(rule.units_due or rule.upward)))
            self.upward.setText(day_spec(rule.kind, *rule.upward))
        self._shown_days = self._typed_days()

    def _typed_days(self) -> tuple[str, ...]:
        return tuple(field.text().strip() for field in self._day_boxes())

    def pending(self) -> bool:
        """Typed and not set yet: a sentence not read, days not set for the kind shown."""
        return self._sentence_pending() or self._typed_days() != self._shown_days

    def _sentence_pending(self) -> bool:
        return clean(self.sentence.text()) not in ("", clean(self._sentence_shown))

    def set_pending(self) -> bool:
        """Set what is typed as its button would; False when refused (the reason below)."""
        if self._sentence_pending() and not self.read_sentence():
            return False
        return self._typed_days() == self._shown_days or self.add_kind()

    def _write(self, change) -> bool:
        self.problem.clear()
        try:
            change()
        except UserError as exc:
            self.problem.setText(str(exc))
            return False
        self.show_calendar()
        return True

    def _typed_close(self, kind: PeriodKind) -> tuple[int, int] | None:
        text = self.close_day.text().strip()
        return parse_day_spec(text, kind, "Ngày chốt số liệu") if text else None

    def _typed_upward(self, kind: PeriodKind) -> tuple[int, int] | None:
        text = self.upward.text().strip()
        return parse_day_spec(text, kind, "Hạn gửi cấp trên") if text else None

    def _closes(self) -> dict[PeriodKind, tuple[int, int]]:
        """When data closes, per kind: as the plan already says, or as typed beside the kind."""
        closes = {
            kind: (rule.close_day, rule.close_month_offset)
            for kind, rule in self._entries().items()
        }
        kind = PeriodKind(self.kind.currentData())
        if (typed := self._typed_close(kind)) is not None:
            closes[kind] = typed
        return closes

    def read_sentence(self) -> bool:
        text = self.sentence.text().strip()
        if not text:
            self.problem.setText("Gõ câu về chế độ báo cáo trong kế hoạch trước.")
            return False

        def change() -> None:
            kind = PeriodKind(self.kind.currentData())
            typed = self._typed_upward(kind)
            upward = {kind: typed} if typed else {}
            self.ws.schedule.require_from_text(self.plan.id, text, self._closes(), upward)

        if not self._write(change):
            self._point_at_close(text)
            return False
        self._show_sentence(self._said)
        return True

    def _point_at_close(self, text: str) -> None:
        """A report due before its data closes: put that kind and its due date in the row
        below, so only the closing day is left to type."""
        office = {kind: self.ws.periods.rule(kind) for kind in PeriodKind}
        try:
            rules = rules_from_text(text, self._closes(), office)
        except UserError:
            return
        for rule in rules:
            units = rule.units_due or rule.upward
            if (units[1], units[0]) < (rule.close_month_offset, rule.close_day):
                self._offer(rule)
                return

    def _offer(self, rule: PeriodRule) -> None:
        problem = self.problem.text()
        self.kind.setCurrentIndex(self.kind.findData(rule.kind.value))
        self.due.setText(day_spec(rule.kind, *(rule.units_due or rule.upward)))
        self.close_day.clear()
        self.close_day.setFocus()
        self.problem.setText(
            f"{problem} Ghi ngày chốt số liệu {KIND_NAMES[rule.kind]} ở ô «chốt số liệu» "
            "bên dưới rồi bấm lại «Đặt theo câu này»."
        )

    def add_kind(self) -> bool:
        kind = PeriodKind(self.kind.currentData())

        def change() -> None:
            due = parse_day_spec(self.due.text(), kind, "Hạn các đơn vị gửi")
            close, upward = self._typed_close(kind), self._typed_upward(kind)
            self.ws.schedule.require(self.plan.id, kind, due, close, upward=upward)

        return self._write(change)

    def drop_kind(self) -> None:
        kind = PeriodKind(self.kind.currentData())
        self._write(lambda: self.ws.schedule.drop(self.plan.id, kind))


class CalendarDialog(QDialog):
    """Kế hoạch → Lịch báo cáo…: the calendar of the plan shown. Leaving with something
    typed and not set asks first."""

    def __init__(self, ws: Workspace, plan: Plan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{TITLE} — {plan.title}")
        self.calendar = CalendarEditor()
        self.calendar.show_plan(ws, plan)
        close = QPushButton("Đóng")
        close.setAutoDefault(False)  # Enter belongs to the box it is typed in
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar, 1)
        layout.addLayout(buttons)
        self.calendar.sentence.setFocus()
        self.resize(900, 600)

    def reject(self) -> None:
        """Esc, Đóng or the window's close: what is typed and not set is asked about."""
        if self.calendar.pending():
            answer = ask.unsaved(self, TITLE)
            if answer is ask.Unsaved.CANCEL:
                return
            if answer is ask.Unsaved.SAVE and not self.calendar.set_pending():
                return
        super().reject()


def edit_calendar(window: MainWindow) -> None:
    if window.plan is not None:
        CalendarDialog(window.ws, window.plan, window).exec()
        window.settle()
