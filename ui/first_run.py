"""The first hour of a new office: its database, its plan, its reporting calendar.

Three pages. 1 Cơ quan: the office and who signs its documents; "Tạo cơ sở dữ liệu"
creates the file with all of it in one change (a path that exists is never written
over). 2 Kế hoạch: import the plan from its annex, type it by hand, or leave it for
later. 3 Lịch báo cáo: the reports the plan calls for and their due dates, set from
the plan's own sentence when needed. A district or province office (huyện, tỉnh)
goes from page 1 to its roster instead: the communes that report to it, imported from a
file or typed. Cancelling on page 1 writes nothing; once the database exists it stays
(it is valid) and the window opens it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.model import Office, OfficeLevel, Plan
from desktop.errors import UserError
from desktop.infra.paths import default_db_path
from desktop.services.document_settings import SIGNER_TITLES
from desktop.services.office import OfficeSetup, create_database, level_choices
from desktop.workspace import Workspace
from ui import ask, database_actions
from ui.calendar_dialog import CalendarEditor
from ui.office_dialog import OfficeFields, hint
from ui.style import problem_label
from ui.upper_level_actions import roster_from_file

TITLE = "Bắt đầu với cơ sở dữ liệu của cơ quan"
PLAN, ROSTER = 1, 3  # the pages' ids, in the order they are added
CREATE_TEXT = "Tạo cơ sở dữ liệu >"
FINISH_TEXT = "Hoàn tất"


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
        office = QGroupBox("Ủy ban nhân dân")
        self.fields = OfficeFields(QFormLayout(office), level_choices())
        # The page's own names for the shared fields (tests and help pictures fill them).
        self.name, self.level = self.fields.name, self.fields.level
        self.agency_code, self.parent_name = self.fields.agency_code, self.fields.parent_name
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

        signing = QGroupBox("Trên văn bản")
        signing_form = QFormLayout(signing)
        signing_form.addRow("Địa danh ghi ngày tháng", self.place)
        signing_form.addRow("Chức vụ người ký", self.signer_title)
        signing_form.addRow("Họ tên người ký", self.signer_name)
        signing_form.addRow(
            "", hint("Họ tên người ký có thể điền sau, nhưng phải có trước khi lập báo cáo.")
        )
        storage = QGroupBox("Lưu ở")
        storage_form = QFormLayout(storage)
        storage_form.addRow("Tệp cơ sở dữ liệu", where)
        storage_form.addRow("", hint("Một tệp trên máy này; nên sao lưu ra USB (Tệp → Sao lưu…)."))
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
            *self.fields.values(),
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

    def nextId(self) -> int:
        level = OfficeLevel(self.fields.level.currentData())
        return ROSTER if Office(self.name.text(), level).receives_reports else PLAN


def type_roster(parent: QWidget, ws: Workspace) -> None:
    from ui.roster_dialog import RosterDialog

    RosterDialog(ws, parent).exec()


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
        self.import_button.setFocus()  # the way most plans come in

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
    def __init__(self, wizard: FirstRunWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("3. Lịch báo cáo")
        self.setSubTitle(
            "Các kỳ kế hoạch yêu cầu báo cáo, ngày chốt số liệu và hạn gửi. "
            "Nếu kế hoạch ghi chế độ báo cáo riêng, đặt lịch theo câu đó."
        )
        self.calendar = CalendarEditor()
        self.calendar.plan_changed.connect(self._followed)
        self.no_plan = hint(
            "Chưa có kế hoạch nên chưa có lịch báo cáo. Sau khi nhập kế hoạch, lịch báo cáo "
            "hiện ở tab Tổng quan và sửa được ở Kế hoạch → Lịch báo cáo…; các kỳ mặc định "
            "theo Nghị định 09/2019/NĐ-CP."
        )
        self.no_plan.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_plan)
        layout.addWidget(self.calendar, 1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        plan = self.wiz.plan
        self.calendar.setVisible(plan is not None)
        self.no_plan.setVisible(plan is None)
        if plan is not None:
            self.calendar.show_plan(self.wiz.database(), plan)
            self.calendar.sentence.setFocus()  # typing goes to the plan's sentence

    def _followed(self, plan: Plan) -> None:
        self.wiz.plan = plan  # the wizard keeps the plan as it now is

    def validatePage(self) -> bool:
        """Hoàn tất sets what is typed and not set yet; refused, the page stays."""
        return self.wiz.plan is None or not self.calendar.pending() or self.calendar.set_pending()


# Page 2 of a level above ------------------------------------------------------------


class RosterPage(QWizardPage):
    """The offices that must report to this one: the roster, then packages can come."""

    def __init__(self, wizard: FirstRunWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("2. Danh sách đơn vị báo cáo")
        self.setSubTitle(
            "Các xã, phường phải gửi báo cáo lên cơ quan: gói của đơn vị không có trong "
            "danh sách không được tính."
        )
        self.import_button = QCommandLinkButton(
            "Nhập danh sách từ tệp (.csv, .xlsx)…",
            "Mỗi dòng một đơn vị: tên, cấp, mã định danh.",
        )
        self.hand_button = QCommandLinkButton("Gõ danh sách…", "Thêm từng đơn vị, sửa, xóa.")
        self.import_button.clicked.connect(lambda: self._bring(roster_from_file))
        self.hand_button.clicked.connect(lambda: self._bring(type_roster))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setStyleSheet("font-weight: bold;")
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        for button in (self.import_button, self.hand_button):
            layout.addWidget(button)
        layout.addWidget(self.result)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        self._show_count()
        self.import_button.setFocus()

    def nextId(self) -> int:
        return -1

    def _bring(self, way) -> None:
        self.problem.clear()
        try:
            way(self, self.wiz.database())
        except UserError as exc:
            self.problem.setText(str(exc))
        self._show_count()

    def _show_count(self) -> None:
        count = len(self.wiz.database().receiving.roster())
        self.result.setText(
            f"Danh sách có {count} đơn vị. Tiếp theo: tiếp nhận gói báo cáo của các đơn vị."
            if count
            else "Chưa có đơn vị nào; làm sau được ở Cấp trên → Danh sách đơn vị báo cáo…"
        )


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
        self.roster_page = RosterPage(self)
        for page in (self.office_page, self.plan_page, self.calendar_page, self.roster_page):
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
        last = self.currentPage() in (self.calendar_page, self.roster_page)
        self.setOption(QWizard.WizardOption.NoCancelButton, last)


def set_up_office(parent: QWidget | None, suggested: Path | None = None) -> FirstRunWizard:
    """Run the wizard; its `ws` is the new database, or None when nothing was made."""
    folder = default_db_path().parent
    wizard = FirstRunWizard(suggested or database_actions.free_path(folder), parent)
    wizard.exec()
    return wizard
