"""The main window: plan header, reporting-period picker, one tab per view, and the
clerk's way in to recording, to other databases and to backups."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.domain.model import Plan
from desktop.domain.periods import Period, PeriodId, PeriodKind, periods_of_year
from desktop.errors import UserError
from desktop.reports.attention import attention
from desktop.reports.history_warning import history_warning
from desktop.reports.status import StatusReport, build_status
from desktop.workspace import Workspace
from ui import APP_TITLE, ask, backup_actions, database_actions, ops, settings
from ui.document_kinds import ANNEX, REPORT
from ui.lazy_tab import LazyTab
from ui.overview_tab import OverviewTab

if TYPE_CHECKING:  # the pages behind the first tab are imported when first shown
    from ui.indicators_tab import IndicatorsTab
    from ui.task_detail import TaskDetailPane
    from ui.tasks_tab import TasksTab

# Signing, packages and the level above are imported where they are used: their
# libraries (pyHanko, cryptography, …) would otherwise slow every start of the window.
ROSTER_FILTER = "Danh sách đơn vị (*.csv *.xlsx);;Mọi tệp (*)"
RETURN_FILTER = "Văn bản trả lại (*.p7m);;Mọi tệp (*)"
# A plan this size is counted in about a tenth of a second: inline. Bigger ones are
# counted off the UI thread (a 5,000-task plan takes about 0.3 s).
INLINE_TASKS = 1500


def notices(ws: Workspace) -> list[str]:
    """What the clerk must know before trusting or editing what the window shows."""
    found = []
    if warning := history_warning(ws):
        found.append(warning)
    if ws.read_only_reason:
        found.append(f"Chỉ xem, không ghi được thay đổi: {ws.read_only_reason}.")
    found += ws.warnings
    return found


_BANNER_STYLES = {
    "warning": "background: #fbe3c8; border: 1px solid #d9a35b;",
    "info": "background: #dcecfa; border: 1px solid #8fb4d9;",
}


class Banner(QFrame):
    """A coloured strip above the plan: a message and, maybe, buttons to act on it."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.setStyleSheet(f"#banner {{ {_BANNER_STYLES[kind]} border-radius: 4px; }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QHBoxLayout()
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addLayout(self.buttons)
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()

    def show_message(self, text: str, actions: list[tuple[str, Callable[[], None]]] = ()) -> None:
        self.label.setText(text)
        for action_text, callback in actions:
            button = QPushButton(action_text)
            button.clicked.connect(callback)
            self.buttons.addWidget(button)
        self.setVisible(bool(text))


class StartScreen(QWidget):
    """A database without plans: what the clerk can do from here."""

    def __init__(self, window: MainWindow):
        super().__init__()
        text = QLabel(
            "Cơ sở dữ liệu này chưa có kế hoạch nào.\n\n"
            "Nhập kế hoạch cấp trên giao từ tệp phụ lục (.xlsx, .docx) hoặc gõ tay, mở dữ liệu "
            "mẫu để xem thử, tạo cơ sở dữ liệu của cơ quan, hoặc mở một tệp đã có."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = QPushButton("Nhập kế hoạch từ tệp…")
        self.import_button.clicked.connect(window.import_plan)
        self.import_button.setEnabled(not window.ws.read_only_reason)
        self.plan_button = QPushButton("Gõ kế hoạch…")
        self.demo_button = QPushButton("Mở dữ liệu mẫu")
        self.new_button = QPushButton("Tạo cơ sở dữ liệu của cơ quan…")
        self.open_button = QPushButton("Mở tệp…")
        self.plan_button.clicked.connect(window.new_plan)
        self.plan_button.setEnabled(not window.ws.read_only_reason)
        self.demo_button.clicked.connect(window.open_demo)
        self.new_button.clicked.connect(window.new_database)
        self.open_button.clicked.connect(window.open_file)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.import_button,
            self.plan_button,
            self.demo_button,
            self.new_button,
            self.open_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, *, demo: bool = False):
        super().__init__()
        self.ws = ws
        self.demo = demo  # opened as the first-run demo: offer the office's own database
        self.report: StatusReport | None = None
        self.plan: Plan | None = None
        self.plan_id: int | None = None  # the plan shown, when the database holds several
        self.counting = False  # a big plan's period is being counted off the UI thread
        self.locked = False  # the period shown was sent up in a package
        self._ticket = 0  # the last count asked for: earlier ones are dropped
        self._reading: Workspace | None = None
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)  # one count at a time on the read-only connection
        self._task_count = 0
        self.help_dialog = None  # made on the first F1
        self.welcome = False  # just made by the first-run wizard: say where to go next
        self._build_menus()
        self.reload()

    # Menus ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        self._action(
            file_menu, "&Tạo cơ sở dữ liệu mới…", self.new_database, QKeySequence.StandardKey.New
        )
        self._action(file_menu, "&Mở…", self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Mở &gần đây")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(file_menu, "Mở &dữ liệu mẫu", self.open_demo)
        file_menu.addSeparator()
        self._action(file_menu, "&Sao lưu…", self.back_up)
        self.restore_action = self._action(file_menu, "&Khôi phục…", self.restore)
        file_menu.addSeparator()
        self._action(file_menu, "T&hoát", self.close, QKeySequence.StandardKey.Quit)
        plan_menu = self.menuBar().addMenu("&Kế hoạch")
        self.import_action = self._action(
            plan_menu, "&Nhập kế hoạch từ tệp (.xlsx, .docx)…", self.import_plan
        )
        self.new_plan_action = self._action(plan_menu, "&Tạo kế hoạch mới…", self.new_plan)
        self.edit_plan_action = self._action(plan_menu, "&Sửa thông tin kế hoạch…", self.edit_plan)
        self.compose_action = self._action(plan_menu, "Soạn &mục và nhiệm vụ…", self.compose_plan)
        self.indicators_action = self._action(plan_menu, "Soạn c&hỉ tiêu…", self.compose_indicators)
        self.units_action = self._action(plan_menu, "&Cơ quan, đơn vị…", self.edit_units)
        plan_menu.addSeparator()
        self.delete_plan_action = self._action(plan_menu, "&Xóa kế hoạch…", self.delete_plan)
        record_menu = self.menuBar().addMenu("&Ghi chép")
        self.progress_action = self._action(
            record_menu, "Ghi &tiến độ nhiệm vụ…", self.record_progress
        )
        self.indicator_action = self._action(
            record_menu, "Ghi &kết quả chỉ tiêu…", self.record_indicator
        )
        document_menu = self.menuBar().addMenu("&Văn bản")
        self.report_action = self._action(
            document_menu, "&Báo cáo kết quả thực hiện kỳ", partial(self.show_documents, REPORT)
        )
        self.annex_action = self._action(
            document_menu, "&Danh mục nhiệm vụ giao đơn vị", partial(self.show_documents, ANNEX)
        )
        document_menu.addSeparator()
        self.submit_action = self._action(document_menu, "&Nộp báo cáo…", self.submit_report)
        self.export_pdf_action = self._action(
            document_menu, "Xuất PDF để &ký ở phần mềm khác…", self.export_for_signing
        )
        self.package_action = self._action(document_menu, "&Xuất gói đã ký…", self.export_package)
        self.reopen_action = self._action(document_menu, "&Mở lại kỳ…", self.reopen_period)
        self.outbox_action = self._action(document_menu, "&Hộp thư đi…", self.show_outbox)
        self.accept_return_action = self._action(
            document_menu, "Nhận văn bản cấp trên &trả lại…", self.accept_returned
        )
        document_menu.addSeparator()
        self.settings_action = self._action(
            document_menu, "&Thông tin trên văn bản…", self.edit_document_settings
        )
        upper_menu = self.menuBar().addMenu("&Cấp trên")
        self.roster_action = self._action(
            upper_menu, "&Danh sách đơn vị báo cáo…", self.edit_roster
        )
        self.roster_import_action = self._action(
            upper_menu, "Nhập danh sách đơn vị từ &tệp…", self.import_roster
        )
        self.receive_action = self._action(
            upper_menu, "&Tiếp nhận gói báo cáo…", self.receive_files
        )
        self.receive_folder_action = self._action(
            upper_menu, "Tiếp nhận cả &thư mục (USB)…", self.receive_folder
        )
        upper_menu.addSeparator()
        self._action(upper_menu, "Theo dõi &nộp báo cáo…", self.show_matrix)
        self._action(upper_menu, "Gói &không nhận…", self.show_quarantine)
        self._action(upper_menu, "Xuất báo cáo &tổng hợp…", self.export_consolidated)
        toolbar = self.addToolBar("Ghi chép")
        toolbar.setObjectName("ghi_chep")
        toolbar.setMovable(False)
        toolbar.addAction(self.progress_action)
        toolbar.addAction(self.indicator_action)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        self.help_action = self._action(help_menu, "&Hướng dẫn sử dụng", self.show_help)
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)
        f1 = QKeySequence(Qt.Key.Key_F1)
        self.help_action.setShortcuts(keys if f1 in keys else [f1, *keys])
        self.help_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        help_menu.addSeparator()
        self._action(help_menu, "&Giới thiệu Sổ Kế hoạch", self.show_about)

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        paths = [p for p in settings.recent() if p.exists()]
        for path in paths:
            self._action(self.recent_menu, str(path), partial(self.open_path, path))
        if not paths:
            self.recent_menu.addAction("(chưa có)").setEnabled(False)

    # Databases -----------------------------------------------------------------------

    def switch_to(self, ws: Workspace, *, demo: bool = False) -> None:
        """Show another database; the one shown so far is closed."""
        old, self.ws, self.demo, self.welcome = self.ws, ws, demo, False
        if old is not ws:
            self._close_reader()
            old.close()
            self.plan_id = None
        settings.remember(ws.path)
        self.reload()

    def _switch(self, opening: Callable[[], Workspace], *, demo: bool = False) -> None:
        try:
            ws = opening()
        except UserError as exc:
            ask.tell(self, APP_TITLE, str(exc), problem=True)
            return
        self.switch_to(ws, demo=demo)

    def new_database(self) -> None:
        """The first hour: the office, its plan, its reporting calendar (a wizard). Once
        the database exists the window opens it, even if the rest is left for later."""
        from ui.first_run import set_up_office

        wizard = set_up_office(self)
        if wizard.ws is not None:
            self.switch_to(wizard.ws)
            if wizard.plan is not None:
                self.welcome = True
                self.show_plan(wizard.plan.id)

    def open_file(self) -> None:
        path = ask.open_file(self, "Mở cơ sở dữ liệu")
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> None:
        self._switch(lambda: database_actions.open_existing(path))

    def open_demo(self) -> None:
        self._switch(database_actions.open_demo, demo=True)

    def back_up(self) -> None:
        backup_actions.back_up(self, self.ws)

    def restore(self) -> None:
        backup_actions.restore(self, self.ws, lambda kept: self.reload())

    def show_help(self) -> None:
        """One page on the weekly routine, beside the window (not modal)."""
        from ui.help import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()

    def _hide_welcome(self) -> None:
        self.welcome = False
        self.first_run.hide()

    def show_about(self) -> None:
        QMessageBox.about(self, f"Giới thiệu {APP_TITLE}", about_text(self.ws))

    # Building ------------------------------------------------------------------------

    def reload(self) -> None:
        """(Re)build the window from the database (another file, or after a restore)."""
        office = self.ws.office.get()
        parts = [APP_TITLE, office.committee if office else "", self.ws.path.name]
        self.setWindowTitle(" — ".join(p for p in parts if p))
        self.statusBar().showMessage(f"Cơ sở dữ liệu: {self.ws.path}")
        checking = not self.ws.history_checked
        if checking:  # said once checked off the UI thread, when the window is up
            self.ws.history = None
        self.banner = Banner("warning")
        self.banner.show_message("\n".join(notices(self.ws)))
        self.first_run = Banner("info")
        if self.demo:
            self.first_run.show_message(
                "Đây là dữ liệu mẫu (Kế hoạch 79/KH-UBND phường Trần Liêu) để xem thử. "
                "Khi sẵn sàng, tạo cơ sở dữ liệu của cơ quan hoặc mở tệp đã có.",
                [
                    ("Tạo cơ sở dữ liệu của cơ quan…", self.new_database),
                    ("Mở tệp…", self.open_file),
                ],
            )
        writable = not self.ws.read_only_reason
        self.restore_action.setEnabled(writable)
        plans = self.ws.plans.list()
        if not self.demo and not plans and office is not None and writable:
            self.first_run.show_message(
                f"Chưa có kế hoạch trong cơ sở dữ liệu của {office.committee}. Nhập kế hoạch "
                "cấp trên giao để bắt đầu; muốn xem cách dùng trước, mở dữ liệu mẫu (tệp này "
                "vẫn giữ nguyên, mở lại ở Tệp → Mở gần đây).",
                [("Nhập kế hoạch…", self.import_plan), ("Xem dữ liệu mẫu", self.open_demo)],
            )
        elif self.welcome and plans:
            self.first_run.show_message(
                f"Cơ sở dữ liệu của {office.committee} đã sẵn sàng. Mỗi kỳ: ghi tiến độ, kinh "
                "phí, rồi Văn bản → Nộp báo cáo…; nhấn F1 để xem hướng dẫn.",
                [
                    ("Hướng dẫn sử dụng", self.show_help),
                    ("Xem dữ liệu mẫu", self.open_demo),
                    ("Ẩn", self._hide_welcome),
                ],
            )
        chosen = [p for p in plans if p.id == self.plan_id]
        self.plan = chosen[0] if chosen else (plans[0] if plans else None)
        self.plan_id = self.plan.id if self.plan else None
        has_plan = writable and self.plan is not None
        for action in (
            self.progress_action,
            self.indicator_action,
            self.edit_plan_action,
            self.compose_action,
            self.indicators_action,
            self.delete_plan_action,
        ):
            action.setEnabled(has_plan)
        for action in (self.report_action, self.annex_action):
            action.setEnabled(self.plan is not None)
        for action in (
            self.accept_return_action,
            self.submit_action,
            self.export_pdf_action,
            self.package_action,
            self.reopen_action,
        ):
            action.setEnabled(has_plan)
        self.settings_action.setEnabled(writable)
        for action in (
            self.roster_action,
            self.roster_import_action,
            self.receive_action,
            self.receive_folder_action,
        ):
            action.setEnabled(writable)
        self.new_plan_action.setEnabled(writable)
        self.import_action.setEnabled(writable)
        self.units_action.setEnabled(writable)
        if self.plan is None:
            self.start_screen = StartScreen(self)
            self._set_body([self.start_screen], stretch_last=True)
        else:
            self._build(self.plan)
        # Once the window has painted: both read the whole file, holding Python's lock a
        # while, on the read-only connection off the UI thread.
        QTimer.singleShot(0, self, partial(self._after_shown, self.ws, checking))

    def _after_shown(self, ws: Workspace, check_history: bool) -> None:
        """Verify the audit chain (the whole log: a busy year at the level above is tens
        of thousands of entries) and take the day's first backup (copied and checked),
        then say what they found."""
        if self.ws is not ws:  # another file was opened meanwhile; it does its own
            return
        reader = self._reader()

        def said() -> None:
            if self.ws is ws:  # still the file they were for
                self.banner.show_message("\n".join(notices(ws)))

        if check_history:

            def verify():
                reader.refresh_history()
                return reader.history

            def verified(report) -> None:
                ws.history = report
                said()

            ops.compute(self._pool, verify, verified)
        if not ws.read_only_reason:

            def backed_up(problem: str | None) -> None:
                if problem:
                    ws.warnings += (problem,)
                    said()

            ops.compute(self._pool, reader.backups.daily_problem, backed_up)

    def _set_body(self, widgets: list, stretch_last: bool = False) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.banner)
        layout.addWidget(self.first_run)
        for index, widget in enumerate(widgets):
            last = index == len(widgets) - 1
            if isinstance(widget, QHBoxLayout):
                layout.addLayout(widget)
            else:
                layout.addWidget(widget, 1 if last and stretch_last else 0)
        self.setCentralWidget(body)

    def _build(self, plan: Plan) -> None:
        self._task_count = self.ws.tasks.count(plan.id)
        plans = self.ws.plans.list()
        self.plan_box = QComboBox()
        for each in plans:
            self.plan_box.addItem(f"{each.number} ({each.issued_on:%d/%m/%Y})", each.id)
        self.plan_box.setCurrentIndex(self.plan_box.findData(plan.id))
        self.plan_box.currentIndexChanged.connect(
            lambda: self.show_plan(self.plan_box.currentData())
        )
        self.plan_box.setVisible(len(plans) > 1)
        title = QLabel(f"{plan.title} của {plan.issuer}")
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        title.setWordWrap(True)
        summary = QLabel(plan.summary)
        summary.setWordWrap(True)
        self.year_box = QComboBox()
        self.kind_box = QComboBox()
        self.period_dates = QLabel()
        self.period_dates.setWordWrap(True)
        self.lock_line = QLabel()
        self.lock_line.setWordWrap(True)
        self.lock_line.setStyleSheet(
            "background: #fdeec4; border: 1px solid #e0b84c; padding: 4px; color: #5a4300;"
        )
        self.lock_line.hide()
        picker = QHBoxLayout()
        if len(plans) > 1:
            picker.addWidget(QLabel("Kế hoạch:"))
            picker.addWidget(self.plan_box)
            picker.addSpacing(16)
        picker.addWidget(QLabel("Kỳ báo cáo:"))
        picker.addWidget(self.kind_box)
        picker.addWidget(QLabel("năm"))
        picker.addWidget(self.year_box)
        picker.addSpacing(16)
        picker.addWidget(self.period_dates, 1)

        self.overview = OverviewTab()
        self._tasks_tab = LazyTab(self._new_tasks_tab)
        self._indicators_tab = LazyTab(self._new_indicators_tab)
        self._budget_tab = LazyTab(partial(self._new_budget_tab, plan))
        self._documents_tab = LazyTab(partial(self._new_documents_tab, plan))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.overview, "Tổng quan")
        self.tabs.addTab(self._tasks_tab, "Nhiệm vụ")
        self.tabs.addTab(self._indicators_tab, "Chỉ tiêu")
        self.tabs.addTab(self._budget_tab, "Kinh phí")
        self.tabs.addTab(self._documents_tab, "Văn bản")
        self.overview.go_to_task.connect(self.show_task)
        self._set_body([title, summary, picker, self.lock_line, self.tabs], stretch_last=True)

        self._fill_period_boxes(plan)
        self.year_box.currentIndexChanged.connect(self._period_changed)
        self.kind_box.currentIndexChanged.connect(self._period_changed)
        self.refresh()

    def show_tab(self, page: QWidget) -> None:
        """Bring the tab holding `page` to the front (a page built on first use sits in
        its placeholder)."""
        while page is not None and self.tabs.indexOf(page) < 0:
            page = page.parentWidget()
        self.tabs.setCurrentWidget(page)

    def current_page(self) -> QWidget:
        """The page in front, whether built with the window or on first use."""
        page = self.tabs.currentWidget()
        return page.page if isinstance(page, LazyTab) else page

    # Only Tổng quan is built with the window; the other pages when first shown or asked
    # for, on the figures or period then shown.
    @property
    def tasks(self) -> TasksTab:
        return self._tasks_tab.page

    @property
    def task_detail(self) -> TaskDetailPane:
        return self.tasks.detail

    @property
    def indicators(self) -> IndicatorsTab:
        return self._indicators_tab.page

    def _recording_allowed(self) -> bool:
        return not self.ws.read_only_reason and not self.locked

    def _new_tasks_tab(self) -> TasksTab:
        from ui.task_detail import TaskDetailPane
        from ui.tasks_tab import TasksTab

        detail = TaskDetailPane(self.ws)
        tab = TasksTab(detail)
        tab.current_changed.connect(detail.show_task)
        tab.record.connect(self.record_progress)
        tab.set_recording(self._recording_allowed())
        if self.report is not None:
            tab.show_report(self.report)
        return tab

    def _new_indicators_tab(self) -> IndicatorsTab:
        from ui.indicators_tab import IndicatorsTab

        tab = IndicatorsTab()
        tab.record.connect(self.record_indicator)
        tab.set_recording(self._recording_allowed())
        if self.report is not None:
            tab.show_report(self.report)
        return tab

    @property
    def budget(self):
        return self._budget_tab.page

    @property
    def documents(self):
        return self._documents_tab.page

    def _new_budget_tab(self, plan: Plan):
        from ui.budget_tab import BudgetTab

        tab = BudgetTab(self.ws, plan.id)
        tab.show_period(self.selected_period())
        return tab

    def _new_documents_tab(self, plan: Plan):
        from ui.documents_tab import DocumentsTab

        tab = DocumentsTab(self.ws, plan, self._reader, self._pool)
        tab.set_period(self.selected_period())
        return tab

    def _fill_period_boxes(self, plan: Plan) -> None:
        chosen = self.ws.periods.suggested(plan).id
        # Years with data before the plan began count too (a 2026 plan with 2025 figures).
        data_years = {PeriodId.parse(key).year for key in self.ws.periods.with_data(plan.id)}
        data_years |= set(self.ws.budget.years(plan.id))
        first_year = min(plan.start_year, chosen.year, *data_years)
        last_year = max(min(plan.end_year, self.ws.today().year + 1), chosen.year)
        for year in range(first_year, last_year + 1):
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(self.year_box.findData(chosen.year))
        for pid in periods_of_year(chosen.year):
            self.kind_box.addItem(pid.title_in_year, _kind_key(pid))
        self.kind_box.setCurrentIndex(self.kind_box.findData(_kind_key(chosen)))

    def selected_period(self) -> Period:
        kind, _, number = self.kind_box.currentData().partition(":")
        pid = PeriodId(
            self.year_box.currentData(), PeriodKind(kind), int(number) if number else None
        )
        return self.ws.periods.get(pid, self.plan.id)

    def select_period(self, pid: PeriodId) -> None:
        self.year_box.setCurrentIndex(self.year_box.findData(pid.year))
        self.kind_box.setCurrentIndex(self.kind_box.findData(_kind_key(pid)))

    def refresh(self) -> None:
        """Show the selected period again (after something was recorded)."""
        self._period_changed(attention_too=True)

    def show_documents(self, kind: str) -> None:
        self.documents.kind_box.setCurrentIndex(self.documents.kind_box.findData(kind))
        self.show_tab(self.documents)

    def export_package(self) -> None:
        from ui.package_dialog import PackageDialog

        dialog = PackageDialog(self.ws, self.plan, self.selected_period(), self)
        dialog.exec()
        if dialog.made is not None:
            self.refresh()

    def submit_report(self) -> None:
        from ui.submit_wizard import SubmitWizard

        period = self.selected_period()
        if lock := self.ws.locks.active(self.plan.id, period.key):
            ask.tell(self, "Nộp báo cáo", lock.refusal(), problem=True)
            return
        wizard = SubmitWizard(self.ws, self.plan, period, self)
        wizard.exec()
        if wizard.package is not None:
            self.refresh()

    def export_for_signing(self) -> None:
        """The report PDF to sign in the official tool; the signed file comes back in
        Nộp báo cáo (Báo cáo đã ký ngoài)."""
        from desktop.infra.atomic_files import write_file
        from desktop.submission.external import export_for_signing

        period = self.selected_period()
        suggested = ask.documents_folder() / f"bao-cao_{period.key}_de-ky.pdf"
        path = ask.save_file(self, "Xuất PDF để ký", suggested, "Tệp PDF (*.pdf)")
        if path is None:
            return
        try:
            content = export_for_signing(self.ws, self.plan, period)
            write_file(path.with_suffix(".pdf"), content)
        except UserError as exc:
            ask.tell(self, "Xuất PDF để ký", str(exc), problem=True)
            return
        ask.tell(
            self,
            "Xuất PDF để ký",
            f"Đã xuất {path.with_suffix('.pdf')}.\nKý tệp này bằng phần mềm ký số, không sửa "
            "nội dung; rồi dùng Văn bản → Nộp báo cáo… và chọn tệp đã ký ở «Báo cáo đã ký ngoài».",
        )

    # The level above ------------------------------------------------------------------

    def edit_roster(self) -> None:
        from ui.upper_level import RosterDialog

        RosterDialog(self.ws, self).exec()

    def import_roster(self) -> None:
        from desktop.consolidation.roster import read_roster

        chosen = ask.open_file(self, "Chọn danh sách đơn vị (.csv, .xlsx)", ROSTER_FILTER)
        if chosen is None:
            return
        try:
            count = self.ws.receiving.set_roster(read_roster(chosen))
        except UserError as exc:
            ask.tell(self, "Danh sách đơn vị", str(exc), problem=True)
            return
        ask.tell(self, "Danh sách đơn vị", f"Đã cập nhật {count} đơn vị phải báo cáo.")

    def receive_files(self) -> None:
        self._receive(ask.open_files(self, "Chọn các gói báo cáo (.asice)"))

    def receive_folder(self) -> None:
        folder = ask.folder(self, "Chọn thư mục (cả USB) chứa gói báo cáo", ask.documents_folder())
        if folder is not None:
            self._receive([folder])

    def _receive(self, paths: list[Path]) -> None:
        from desktop.consolidation.receive import receive
        from ui.upper_level import ReceiveResultsDialog

        if not paths:
            return
        ws = self.ws
        roots = ws.trust.certificates()
        done: list[tuple[int, int]] = []  # (files handled, files found), from the worker
        progress = QProgressDialog("Đang kiểm tra và tiếp nhận gói báo cáo…", "", 0, 0, self)
        progress.setWindowTitle("Tiếp nhận gói báo cáo")
        progress.setCancelButton(None)  # a batch stops only between whole packages
        progress.setMinimumDuration(0)
        ticker = QTimer(progress, interval=200)

        def show() -> None:
            if done:
                handled, total = done[-1]
                progress.setMaximum(total)
                progress.setValue(handled)
                progress.setLabelText(f"Đã xử lý {handled}/{total} gói…")

        ticker.timeout.connect(show)
        ticker.start()

        def finished(outcomes) -> None:
            ticker.stop()
            progress.close()
            ReceiveResultsDialog(outcomes, self).exec()

        ops.run_op(
            self,
            "Đang kiểm tra và tiếp nhận gói báo cáo…",
            lambda: receive(ws, paths, roots, lambda n, total: done.append((n, total))),
            finished,
        )

    def show_matrix(self) -> None:
        from ui.upper_level import MatrixDialog

        MatrixDialog(self.ws, self).exec()

    def show_quarantine(self) -> None:
        from ui.upper_level import QuarantineDialog

        QuarantineDialog(self.ws, self).exec()

    def export_consolidated(self) -> None:
        from desktop.consolidation.report import consolidated
        from desktop.documents import saving

        periods = self.ws.receiving.periods()
        if not periods:
            ask.tell(self, "Báo cáo tổng hợp", "Chưa nhận gói báo cáo nào.")
            return
        labels = [PeriodId.parse(p).label for p in periods]
        label = ask.choose(self, "Báo cáo tổng hợp", "Kỳ báo cáo:", labels)
        if label is None:
            return
        period_id = periods[labels.index(label)]
        suggested = ask.documents_folder() / f"tong-hop_{period_id}.xlsx"
        filters = "Sổ tính Excel (*.xlsx);;Tệp PDF (*.pdf)"
        path = ask.save_file(self, "Lưu báo cáo tổng hợp", suggested, filters)
        if path is not None:
            ws = self.ws
            ops.run_op(
                self,
                "Đang lập báo cáo tổng hợp…",
                lambda: saving.save(consolidated(ws, period_id), path),
                lambda saved: self.statusBar().showMessage(f"Đã lưu {saved}", 10000),
            )

    def accept_returned(self) -> None:
        """The level above's signed return: checked, then the period reopened with its
        reasons (the trusted roots are those imported in settings)."""
        from desktop.consolidation.returns import accept_return

        chosen = ask.open_file(self, "Chọn văn bản trả lại (.p7m)", RETURN_FILTER)
        if chosen is None:
            return
        try:
            said = accept_return(self.ws, chosen.read_bytes(), self.ws.trust.certificates())
        except (UserError, OSError) as exc:
            ask.tell(self, "Văn bản trả lại", str(exc), problem=True)
            return
        ask.tell(self, "Văn bản trả lại", said)
        self.refresh()

    def show_outbox(self) -> None:
        from ui.outbox_dialog import OutboxDialog

        OutboxDialog(self.ws, self).exec()

    def reopen_period(self) -> None:
        period = self.selected_period()
        if self.ws.locks.active(self.plan.id, period.key) is None:
            ask.tell(self, "Mở lại kỳ", f"Kỳ {period.label} chưa gửi gói nào, đang không khóa.")
            return
        reason = ask.text(
            self, "Mở lại kỳ", f"Vì sao cần sửa số liệu kỳ {period.label} đã gửi? (bắt buộc)"
        )
        if reason is None:
            return
        try:
            self.ws.locks.reopen(self.plan.id, period, reason)
        except UserError as exc:
            ask.tell(self, "Mở lại kỳ", str(exc), problem=True)
            return
        self.refresh()

    def edit_document_settings(self) -> None:
        from ui.document_settings_dialog import DocumentSettingsDialog

        if self.plan is None:
            DocumentSettingsDialog(self.ws, self).exec()
        else:
            self.documents.edit_settings()

    def show_task(self, task_id: int) -> None:
        """The task selected in the task list, filters cleared if they hide it."""
        self.show_tab(self.tasks)
        self.tasks.select_task(task_id)

    def _period_changed(self, *, attention_too: bool = False, inline: bool = False) -> None:
        """Count the selected period and show it. A big plan is counted off the UI thread
        on a read-only connection, so the window stays usable meanwhile; only the last
        period asked for is shown."""
        period = self.selected_period()
        self.period_dates.setText(
            f"Số liệu từ {period.data_from:%d/%m/%Y} đến {period.data_to:%d/%m/%Y} · "
            f"hạn gửi báo cáo {period.due_on:%d/%m/%Y}"
        )
        plan, ws = self.plan, self.ws
        self._ticket += 1  # whatever was being counted before is not wanted any more
        ticket = self._ticket

        def count(source: Workspace) -> tuple:
            report = build_status(source, plan, period)
            return report, attention(source, plan) if attention_too else None

        if inline or self._task_count <= INLINE_TASKS:
            self._set_counting(False)
            self._show_counted(count(ws))
            return
        self._set_counting(True)
        reader = self._reader()

        def done(counted: tuple) -> None:
            if ticket == self._ticket and reader is self._reading:
                self._set_counting(False)
                self._show_counted(counted)

        ops.compute(self._pool, lambda: count(reader), done)

    def _show_counted(self, counted: tuple) -> None:
        report, needs = counted
        self.report = report
        required = "" if report.required else " (kế hoạch không yêu cầu báo cáo kỳ này)"
        period = report.period
        self.period_dates.setText(
            f"Số liệu từ {period.data_from:%d/%m/%Y} đến {period.data_to:%d/%m/%Y} · "
            f"hạn gửi báo cáo {period.due_on:%d/%m/%Y}{required}"
        )
        self.overview.show_report(report)
        for lazy in (self._tasks_tab, self._indicators_tab):
            if lazy.built:
                lazy.page.show_report(report)
        if self._budget_tab.built:
            self.budget.show_period(period)
        if self._documents_tab.built:
            self.documents.set_period(period)
        self._show_lock(period)
        if needs is not None:
            self.overview.show_attention(needs)

    def _show_lock(self, period: Period) -> None:
        """A period sent up is locked: said above every tab, recording held back."""
        lock = self.ws.locks.active(self.plan.id, period.key)
        self.locked = lock is not None
        if lock is not None:
            sent = len(self.ws.packages.sent(self.plan.id, period.key))
            self.lock_line.setText(
                f"ĐÃ KHÓA — kỳ {period.label} đã gửi lên cấp trên "
                f"(gói lần {sent} «{lock.package_file}»). "
                "Số liệu của kỳ chỉ xem, không sửa; muốn sửa, dùng Văn bản → Mở lại kỳ…"
            )
        self.lock_line.setVisible(lock is not None)
        self._set_counting(self.counting)

    def _set_counting(self, counting: bool) -> None:
        """While a period is being counted, what the window shows is the previous one:
        recording is held back until the new figures are in."""
        self.counting = counting
        writable = self._recording_allowed()
        for action in (self.progress_action, self.indicator_action):
            action.setEnabled(writable and not counting)
        for lazy in (self._tasks_tab, self._indicators_tab):
            if lazy.built:
                lazy.page.set_recording(writable)
        if counting:
            self.statusBar().showMessage("Đang tính số liệu của kỳ báo cáo…")
        else:
            self.statusBar().showMessage(f"Cơ sở dữ liệu: {self.ws.path}")

    def _reader(self) -> Workspace:
        """The read-only connection big plans are counted on (one per database)."""
        if self._reading is None or self._reading.path != self.ws.path:
            self._close_reader()
            self._reading = self.ws.reader()
        return self._reading

    def _close_reader(self) -> None:
        if self._reading is not None:
            self._pool.waitForDone()
            self._reading.close()
            self._reading = None

    # The plan -------------------------------------------------------------------------

    def show_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.reload()

    def import_plan(self) -> None:
        from ui.import_dialog import ANNEX_FILTER, ImportDialog  # the readers, on first use

        path = ask.open_file(self, "Chọn tệp phụ lục kế hoạch", ANNEX_FILTER)
        if path is None:
            return
        dialog = ImportDialog(self.ws, path, self)
        dialog.read()
        if dialog.exec() and dialog.plan is not None:
            self.show_plan(dialog.plan.id)

    def new_plan(self) -> None:
        from ui.plan_forms import PlanDialog

        dialog = PlanDialog(self.ws, parent=self)
        if dialog.exec() and dialog.saved_plan is not None:
            self.show_plan(dialog.saved_plan.id)
            self.compose_plan()

    def edit_plan(self) -> None:
        from ui.plan_forms import PlanDialog

        if self.plan is not None and PlanDialog(self.ws, self.plan, self).exec():
            self.reload()

    def compose_plan(self) -> None:
        from ui.plan_editor import PlanEditor

        if self.plan is not None:
            self._edit_then_reload(PlanEditor(self.ws, self.plan, self))

    def compose_indicators(self) -> None:
        from ui.indicator_editor import IndicatorEditor

        if self.plan is not None:
            self._edit_then_reload(IndicatorEditor(self.ws, self.plan, self))

    def edit_units(self) -> None:
        from ui.units_dialog import UnitsDialog

        self._edit_then_reload(UnitsDialog(self.ws, self))

    def _edit_then_reload(self, dialog) -> None:
        """Run an editing dialog; rebuild the window once at the end if it wrote anything."""
        changed = []
        dialog.changed.connect(lambda: changed.append(True))
        dialog.exec()
        if changed:
            self.reload()

    def delete_plan(self) -> None:
        if self.plan is None:
            return
        goes = self.ws.plans.contents(plan_id=self.plan.id).describe()
        question = f"Xóa {self.plan.title}?"
        if goes:
            question += f"\n\nCùng bị xóa: {goes}."
        question += (
            "\n\nViệc xóa được ghi vào lịch sử thay đổi; nên sao lưu trước "
            "(Tệp → Sao lưu) nếu còn cần dữ liệu này."
        )
        if not ask.confirm(self, "Xóa kế hoạch", question):
            return
        try:
            self.ws.plans.delete(self.plan.id)
        except UserError as exc:
            ask.tell(self, "Xóa kế hoạch", str(exc), problem=True)
            return
        self.plan_id = None
        self.reload()

    # Recording -----------------------------------------------------------------------

    def record_progress(self) -> None:
        from ui.progress_dialog import ProgressDialog

        if self.plan is None or self.ws.read_only_reason or self.counting:
            return
        items = self.tasks.shown()
        if not items:
            return
        self.show_tab(self.tasks)
        dialog = ProgressDialog(
            self.ws, self.plan, self.report.period, items, self.tasks.current_row(), self
        )
        changed = []
        dialog.saved.connect(lambda: changed.append(True))
        dialog.exec()
        if changed:
            self.refresh()

    def record_indicator(self) -> None:
        from ui.indicator_dialog import IndicatorDialog

        if (
            self.plan is None
            or self.ws.read_only_reason
            or self.counting
            or not self.report.indicators
        ):
            return
        self.show_tab(self.indicators)
        dialog = IndicatorDialog(
            self.ws,
            self.report.period,
            self.report.indicators,
            self.indicators.current_row(),
            self,
            assessment=self._assessment_now,
        )
        dialog.exec()

    def _assessment_now(self, indicator_id: int) -> str:
        """Refresh the window behind the form and say how the indicator now stands."""
        self._period_changed(attention_too=True, inline=True)  # the form waits for it
        result = next(r for r in self.report.indicators if r.indicator.id == indicator_id)
        from ui.indicators_tab import assessment_label

        return assessment_label(result)

    # Size and place ------------------------------------------------------------------

    def place_on_screen(self) -> None:
        """Where it was last time, else as large as suits the screen it opens on."""
        saved = settings.store().value("window/geometry")
        if saved is not None and self.restoreGeometry(saved):
            return
        screen = QGuiApplication.primaryScreen().availableGeometry()
        width, height = min(1500, int(screen.width() * 0.95)), min(900, int(screen.height() * 0.92))
        self.resize(width, height)
        self.move(
            screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2
        )

    def closeEvent(self, event) -> None:
        settings.store().setValue("window/geometry", self.saveGeometry())
        self._close_reader()
        super().closeEvent(event)


def _kind_key(pid: PeriodId) -> str:
    """Combo-box data naming a period within any year: 'quarter:4', 'year:'."""
    return f"{pid.kind.value}:{pid.number or ''}"


def about_text(ws: Workspace) -> str:
    office = ws.office.get()
    ws.refresh_history()  # checked now, not as it was when the file was opened
    history = ws.history
    if history is None:
        kept = "chưa niêm phong"
    else:
        state = "nguyên vẹn" if history_warning(ws) is None else "đã bị can thiệp"
        kept = f"{history.seals} lần lưu, {ws.audit.count()} dòng nhật ký, {state}"
    lines = [
        f"{APP_TITLE} {__version__}",
        "Theo dõi kế hoạch, tiến độ nhiệm vụ và kinh phí của UBND cấp xã.",
        "",
        f"Cơ quan: {office.committee if office else 'chưa khai báo'}",
        f"Cơ sở dữ liệu: {ws.path}",
        f"Lịch sử thay đổi: {kept}",
    ]
    return "\n".join(lines)
