"""The first hour of a new office: its database, its plan, its reporting calendar.

Three pages. 1 Cơ quan: the office and who signs its documents; "Tạo cơ sở dữ liệu"
creates the file with all of it in one change (a path that exists is never written
over). 2 Kế hoạch: import the plan from its annex, type it by hand, or leave it for
later. 3 Lịch báo cáo: the reports the plan calls for and their due dates, set from
the plan's own sentence when needed. Cancelling on page 1 writes nothing; once the
database exists it stays (it is valid) and the window opens it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCommandLinkButton,
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
    QWizard,
    QWizardPage,
)

from desktop.domain.model import LEVEL_WORDS, OfficeLevel, Plan
from desktop.domain.periods import PeriodId, PeriodKind, PeriodRule
from desktop.domain.plan_calendar import (
    KIND_NAMES,
    day_spec,
    describe_rule,
    parse_day_spec,
    rules_from_text,
)
from desktop.errors import UserError
from desktop.infra.paths import default_db_path
from desktop.services.document_settings import SIGNER_TITLES
from desktop.services.office import OfficeSetup, create_database
from desktop.workspace import Workspace
from ui import ask, database_actions
from ui.style import problem_label

TITLE = "Bắt đầu với cơ sở dữ liệu của cơ quan"
CREATE_TEXT = "Tạo cơ sở dữ liệu >"
FINISH_TEXT = "Hoàn tất"
LEVELS = (OfficeLevel.XA, OfficeLevel.PHUONG, OfficeLevel.DAC_KHU)
CALENDAR_MONTHS = 12  # how far ahead page 3 lists the reports
_HINT_STYLE = "color: #555;"


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(_HINT_STYLE)
    return label


# Page 2's ways in, one function each so a test can stand in for the dialogs --------


def import_from_file(parent: QWidget, ws: Workspace) -> Plan | None:
    """The annex the level above sent, read and shown before anything is written."""
    from ui.import_dialog import ANNEX_FILTER, ImportDialog

    path = ask.open_file(parent, "Chọn tệp phụ lục kế hoạch (Word/Excel)", ANNEX_FILTER)
    if path is None:
        return None
    dialog = ImportDialog(ws, path, parent)
    dialog.read()
    return dialog.plan if dialog.exec() else None


def enter_by_hand(parent: QWidget, ws: Workspace) -> Plan | None:
    """The plan's particulars, then its sections and tasks."""
    from ui.plan_editor import PlanEditor
    from ui.plan_forms import PlanDialog

    dialog = PlanDialog(ws, parent=parent)
    if not dialog.exec() or dialog.saved_plan is None:
        return None
    PlanEditor(ws, dialog.saved_plan, parent).exec()
    return dialog.saved_plan


# Page 1 --------------------------------------------------------------------------


class OfficePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, suggested: Path):
        super().__init__()
        self.wiz = wizard
        self.setTitle("1. Cơ quan")
        self.setSubTitle(
            "Thông tin in ở đầu mỗi báo cáo và đi cùng gói gửi cấp trên. Địa danh và "
            "người ký sửa lại được ở Văn bản → Thông tin trên văn bản…"
        )
        self.name = QLineEdit()
        self.name.setPlaceholderText("ví dụ: Trần Liêu")
        self.level = QComboBox()
        for level in LEVELS:
            self.level.addItem(LEVEL_WORDS[level].capitalize(), level.value)
        self.agency_code = QLineEdit()
        self.agency_code.setPlaceholderText("ví dụ: 000.00.31.H41")
        self.parent_name = QLineEdit()
        self.parent_name.setPlaceholderText("ví dụ: thành phố Hải Phòng")
        self.place = QLineEdit()
        self.place.setPlaceholderText("ví dụ: Trần Liêu (theo tên xã, phường)")
        self._place_typed = False  # follows the name until the clerk types a place
        self.place.textEdited.connect(lambda _: setattr(self, "_place_typed", True))
        self.name.textChanged.connect(self._follow_name)
        self.signer_title = QComboBox()
        self.signer_title.addItems([title.capitalize() for title in SIGNER_TITLES])
        for index, title in enumerate(SIGNER_TITLES):
            self.signer_title.setItemData(index, title)
        self.signer_name = QLineEdit()
        self.signer_name.setPlaceholderText("ví dụ: Nguyễn Văn An")
        self.path = QLineEdit(str(suggested))
        self.path.setCursorPosition(0)
        self.choose_button = QPushButton("Chọn…")
        self.choose_button.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.choose_button)

        office = QGroupBox("Ủy ban nhân dân")
        form = QFormLayout(office)
        form.addRow("Tên xã, phường", self.name)
        form.addRow("Cấp", self.level)
        form.addRow("Mã định danh", self.agency_code)
        form.addRow("Đơn vị hành chính cấp trên", self.parent_name)
        signing = QGroupBox("Trên văn bản")
        signing_form = QFormLayout(signing)
        signing_form.addRow("Địa danh ghi ngày tháng", self.place)
        signing_form.addRow("Chức vụ người ký", self.signer_title)
        signing_form.addRow("Họ tên người ký", self.signer_name)
        signing_form.addRow(
            "", _hint("Họ tên người ký có thể điền sau, nhưng phải có trước khi lập báo cáo.")
        )
        storage = QGroupBox("Lưu ở")
        storage_form = QFormLayout(storage)
        storage_form.addRow("Tệp cơ sở dữ liệu", where)
        storage_form.addRow("", _hint("Một tệp trên máy này; nên sao lưu ra USB (Tệp → Sao lưu…)."))
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(office)
        layout.addWidget(signing)
        layout.addWidget(storage)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, CREATE_TEXT)

    def _follow_name(self, name: str) -> None:
        if not self._place_typed:
            self.place.setText(name.strip())

    def _choose(self) -> None:
        chosen = ask.save_file(self, "Lưu cơ sở dữ liệu mới ở", Path(self.path.text()))
        if chosen:
            self.path.setText(str(chosen))

    def office(self) -> tuple[Path, OfficeSetup] | None:
        """Where and what the fields say, or None with the reason shown (nothing written)."""
        text = self.path.text().strip()
        if not self.name.text().strip():
            self.problem.setText("Cần tên xã, phường.")
            self.name.setFocus()
            return None
        if not text:
            self.problem.setText("Cần chọn nơi lưu tệp cơ sở dữ liệu.")
            return None
        path = Path(text).expanduser()
        if path.exists():
            self.problem.setText(f"Đã có tệp «{path}»; hãy chọn tên khác để không ghi đè.")
            return None
        return path, OfficeSetup(
            self.name.text(),
            OfficeLevel(self.level.currentData()),
            self.agency_code.text(),
            self.parent_name.text(),
            self.place.text(),
            self.signer_title.currentData(),
            self.signer_name.text(),
        )

    def validatePage(self) -> bool:
        if self.wiz.ws is not None:
            return True
        office = self.office()
        if office is None:
            return False
        try:
            self.wiz.ws = create_database(*office, **self.wiz.open_options)
        except UserError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.clear()
        return True


# Page 2 --------------------------------------------------------------------------


class PlanPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("2. Kế hoạch")
        self.setSubTitle(
            "Đưa vào kế hoạch cấp trên giao (ví dụ kế hoạch thực hiện Nghị quyết 57-NQ/TW)."
        )
        self.created = QLabel()
        self.created.setWordWrap(True)
        self.created.setStyleSheet(
            "background: #dcecfa; border: 1px solid #8fb4d9; border-radius: 4px; padding: 6px;"
        )
        self.import_button = QCommandLinkButton(
            "Nhập từ tệp (Word/Excel)…",
            "Chọn tệp phụ lục kế hoạch (.docx, .xlsx); xem trước những gì đọc được, "
            "chưa ghi gì cho đến khi bấm Nhập.",
        )
        self.hand_button = QCommandLinkButton(
            "Nhập tay…",
            "Gõ số, ngày, trích yếu của kế hoạch, rồi soạn mục và nhiệm vụ.",
        )
        self.later_button = QCommandLinkButton(
            "Để sau",
            "Bỏ qua bước này; nhập kế hoạch sau ở menu Kế hoạch.",
        )
        self.import_button.clicked.connect(lambda: self._bring(import_from_file))
        self.hand_button.clicked.connect(lambda: self._bring(enter_by_hand))
        self.later_button.clicked.connect(self.wiz.next)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setStyleSheet("font-weight: bold;")
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.created)
        layout.addSpacing(6)
        for button in (self.import_button, self.hand_button, self.later_button):
            layout.addWidget(button)
        layout.addWidget(self.result)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    def initializePage(self) -> None:
        path = self.wiz.database().path
        self.created.setText(
            f"Đã tạo cơ sở dữ liệu ở «{path}». Từ đây, nếu đóng trình hướng dẫn, "
            "cơ sở dữ liệu vẫn giữ và cửa sổ sẽ mở nó; phần còn lại làm sau được."
        )
        self._show_plan()

    def _bring(self, way) -> None:
        self.problem.clear()
        try:
            plan = way(self, self.wiz.database())
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        if plan is not None:
            self.wiz.plan = self.wiz.database().plans.get(plan.id)
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.wiz.plan
        if plan is None:
            self.result.clear()
            return
        ws = self.wiz.database()
        tasks = ws.tasks.count(plan.id)
        indicators = len(ws.indicators.list(plan.id))
        self.result.setText(
            f"Đã có {plan.title} của {plan.issuer}: {tasks} nhiệm vụ, {indicators} chỉ tiêu. "
            "Bấm Tiếp để xem lịch báo cáo."
        )


# Page 3 --------------------------------------------------------------------------


class CalendarPage(QWizardPage):
    COLUMNS = (
        "Kỳ báo cáo",
        "Số liệu từ",
        "Số liệu đến",
        "Đơn vị gửi trước",
        "Hạn gửi cấp trên",
        "Tình trạng",
    )

    def __init__(self, wizard: FirstRunWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("3. Lịch báo cáo")
        self.setSubTitle(
            "Các kỳ kế hoạch yêu cầu báo cáo, ngày chốt số liệu và hạn gửi. "
            "Nếu kế hoạch ghi chế độ báo cáo riêng, đặt lịch theo câu đó."
        )
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

        self.editor = QGroupBox("Sửa lịch báo cáo của kế hoạch")
        self.sentence = QLineEdit()
        self.sentence.setPlaceholderText(
            "ví dụ: Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 30/11)"
        )
        self.read_button = QPushButton("Đặt theo câu này")
        self.read_button.clicked.connect(self.read_sentence)
        sentence_row = QHBoxLayout()
        sentence_row.addWidget(self.sentence, 1)
        sentence_row.addWidget(self.read_button)
        self.kind = QComboBox()
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(name.capitalize(), kind.value)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.close_day = QLineEdit()
        self.close_day.setPlaceholderText("14")
        self.close_day.setToolTip(
            "Ngày chốt số liệu. Để trống: ngày 14 tháng cuối kỳ (Nghị định 09/2019/NĐ-CP)."
        )
        self.due = QLineEdit()
        self.due.setPlaceholderText("30/11, 12, 5/+1")
        self.due.setToolTip(
            "Hạn các đơn vị gửi báo cáo cho UBND, như kế hoạch ghi. 30/11: ngày/tháng (báo "
            "cáo năm, 9 tháng); 12: ngày 12 tháng cuối kỳ; 5/+1: ngày 5 tháng sau kỳ."
        )
        self.upward = QLineEdit()
        self.upward.setPlaceholderText("20")
        self.upward.setToolTip(
            "Hạn UBND gửi báo cáo lên cấp trên, theo văn bản của cấp trên. Để trống: ngày 20 "
            "tháng cuối kỳ (Nghị định 09/2019/NĐ-CP), không sớm hơn hạn các đơn vị gửi."
        )
        for field in (self.close_day, self.due, self.upward):
            field.setFixedWidth(field.fontMetrics().horizontalAdvance("30/11, 12, 5/+1") + 24)
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
        editor_form = QFormLayout(self.editor)
        editor_form.addRow("Theo dõi báo cáo từ", self.follow_box)
        editor_form.addRow("Câu trong kế hoạch", sentence_row)
        editor_form.addRow("Hoặc từng loại", kind_row)
        self.problem = problem_label()
        self.no_plan = _hint(
            "Chưa có kế hoạch nên chưa có lịch báo cáo. Sau khi nhập kế hoạch, lịch báo cáo "
            "hiện ở tab Tổng quan; các kỳ mặc định theo Nghị định 09/2019/NĐ-CP."
        )
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(self.no_plan)
        layout.addWidget(self.rules)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.problem)
        layout.addStretch(0)  # takes the room of the table while it is hidden
        self.setFinalPage(True)

    def _plan(self) -> Plan:
        """The plan the calendar is for: its editor is shown only when there is one."""
        assert self.wiz.plan is not None, "the calendar is edited only for a plan"
        return self.wiz.plan

    def initializePage(self) -> None:
        self.problem.clear()
        self.show_calendar()

    def _entries(self) -> dict[PeriodKind, PeriodRule]:
        schedule = self.wiz.database().schedule
        return {e.rule.kind: e.rule for e in schedule.entries(self._plan().id)}

    def show_calendar(self) -> None:
        ws, plan = self.wiz.database(), self.wiz.plan
        for widget in (self.rules, self.table, self.editor):
            widget.setVisible(plan is not None)
        self.no_plan.setVisible(plan is None)
        if plan is None:
            self._stretch(True)
            return
        entries = ws.schedule.entries(plan.id)
        if entries:
            said = next((e.source_text for e in entries if e.source_text), "")
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
        box, ws = self.follow_box, self.wiz.database()
        box.clear()
        box.addItem("Đầu kế hoạch (ghi cả các kỳ đã qua)", None)
        choices = ws.plans.follow_choices(plan)
        for index, pid in enumerate(choices):
            current = " (kỳ hiện tại)" if index == len(choices) - 1 else ""
            box.addItem(f"{pid.title}{current}", str(pid))
        followed = plan.followed_from
        chosen = next((str(p) for p in choices if p.calendar_range()[0] == followed), None)
        box.setCurrentIndex(max(0, box.findData(chosen)) if followed else 0)

    def follow_from(self) -> None:
        key = self.follow_box.currentData()
        period = PeriodId.parse(key) if key else None
        plan_id = self._plan().id

        def change() -> None:  # the wizard keeps the plan as it now is
            self.wiz.plan = self.wiz.database().plans.follow_from(plan_id, period)

        self._write(change)

    def _stretch(self, empty: bool) -> None:
        """Without a table, the room left goes below the fields, not between them."""
        layout = self._layout
        layout.setStretchFactor(self.table, 0 if empty else 1)
        layout.setStretch(layout.count() - 1, 1 if empty else 0)

    def _kind_chosen(self) -> None:
        """A kind the plan already requires: its days in the fields, to change or drop."""
        if self.wiz.plan is None:
            return
        rule = self._entries().get(PeriodKind(self.kind.currentData()))
        self.drop_button.setEnabled(rule is not None)
        if rule is None:
            for field in (self.close_day, self.due, self.upward):
                field.clear()
        else:
            self.close_day.setText(day_spec(rule.kind, rule.close_day, rule.close_month_offset))
            self.due.setText(day_spec(rule.kind, *(rule.units_due or rule.upward)))
            self.upward.setText(day_spec(rule.kind, *rule.upward))

    def _write(self, change) -> None:
        self.problem.clear()
        try:
            change()
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.show_calendar()

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

    def read_sentence(self) -> None:
        text = self.sentence.text().strip()
        if not text:
            self.problem.setText("Gõ câu về chế độ báo cáo trong kế hoạch trước.")
            return

        def change() -> None:
            kind = PeriodKind(self.kind.currentData())
            typed = self._typed_upward(kind)
            upward = {kind: typed} if typed else {}
            schedule = self.wiz.database().schedule
            schedule.require_from_text(self._plan().id, text, self._closes(), upward)

        self._write(change)
        if self.problem.text():
            self._point_at_close(text)

    def _point_at_close(self, text: str) -> None:
        """A report due before its data closes: put that kind and its due date in the row
        below, so only the closing day is left to type."""
        office = {kind: self.wiz.database().periods.rule(kind) for kind in PeriodKind}
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

    def add_kind(self) -> None:
        kind = PeriodKind(self.kind.currentData())

        def change() -> None:
            due = parse_day_spec(self.due.text(), kind, "Hạn các đơn vị gửi")
            schedule = self.wiz.database().schedule
            close, upward = self._typed_close(kind), self._typed_upward(kind)
            schedule.require(self._plan().id, kind, due, close, upward=upward)

        self._write(change)

    def drop_kind(self) -> None:
        kind = PeriodKind(self.kind.currentData())
        self._write(lambda: self.wiz.database().schedule.drop(self._plan().id, kind))


# The wizard ----------------------------------------------------------------------


class FirstRunWizard(QWizard):
    """`ws` is the new database once page 1 is done (whatever happens after), else None;
    `plan` the plan brought in on page 2."""

    def __init__(self, suggested: Path, parent: QWidget | None = None, **options):
        super().__init__(parent)
        self.open_options = options  # for Workspace.open (a test's clock and actor)
        self.ws: Workspace | None = None
        self.plan: Plan | None = None
        self.setWindowTitle(TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, "Tiếp >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Quay lại")
        self.setButtonText(QWizard.WizardButton.FinishButton, FINISH_TEXT)
        self.setButtonText(QWizard.WizardButton.CancelButton, "Hủy")
        self.office_page = OfficePage(self, suggested)
        self.plan_page = PlanPage(self)
        self.calendar_page = CalendarPage(self)
        for page in (self.office_page, self.plan_page, self.calendar_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._name_cancel)
        self.resize(900, 640)

    def database(self) -> Workspace:
        """The database page 1 made: the pages after it are reached only once it exists."""
        assert self.ws is not None, "page 1 makes the database before the pages after it"
        return self.ws

    def _name_cancel(self) -> None:
        """Once the database exists, leaving keeps it: the button says so (and on the
        last page there is nothing left to do later: Hoàn tất only)."""
        text = "Hủy" if self.ws is None else "Đóng, làm tiếp sau"
        self.setButtonText(QWizard.WizardButton.CancelButton, text)
        last = self.currentPage() is self.calendar_page
        self.setOption(QWizard.WizardOption.NoCancelButton, last)


def set_up_office(parent: QWidget | None, suggested: Path | None = None) -> FirstRunWizard:
    """Run the wizard; its `ws` is the new database, or None when nothing was made."""
    folder = default_db_path().parent
    wizard = FirstRunWizard(suggested or database_actions.free_path(folder), parent)
    wizard.exec()
    return wizard
