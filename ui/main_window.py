"""The main window: plan header, reporting-period picker, one tab per view, and the
clerk's way in to recording, to other databases and to backups.

A thin shell: what each menu does is in its own module (ui.menus builds them), the
counting of a period in ui.counting. After anything that may have written, the window
is told to `settle()`: it reads what changed from the database's record of it and each
view decides whether to show itself again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import Office, Plan
from desktop.domain.periods import Period, PeriodId
from desktop.errors import UserError
from desktop.reports.status import StatusReport
from desktop.workspace import Workspace
from ui import APP_TITLE, ask, backup_actions, database_actions, menus, plan_actions, settings
from ui.about_dialog import AboutDialog
from ui.banner import Banner, StartScreen, first_run_banner, notices
from ui.counting import PeriodCounter, Reader
from ui.lazy_tab import LazyTab
from ui.overview_tab import OverviewTab
from ui.period_picker import PeriodPicker
from ui.receiving_home import ReceivingHome

if TYPE_CHECKING:  # the pages behind the first tab are imported when first shown
    from ui.budget_tab import BudgetTab
    from ui.documents_tab import DocumentsTab
    from ui.help import HelpDialog
    from ui.indicators_tab import IndicatorsTab
    from ui.task_detail import TaskDetailPane
    from ui.tasks_tab import TasksTab


class MainWindow(QMainWindow):
    # The menus' actions, kept where something reads them (ui.menus.build sets them).
    recent_menu: QMenu
    restore_action: QAction
    import_action: QAction
    new_plan_action: QAction
    edit_plan_action: QAction
    compose_action: QAction
    indicators_action: QAction
    units_action: QAction
    calendar_action: QAction
    office_action: QAction
    delete_plan_action: QAction
    progress_action: QAction
    indicator_action: QAction
    take_forms_action: QAction
    write_forms_action: QAction
    report_action: QAction
    annex_action: QAction
    submit_action: QAction
    export_pdf_action: QAction
    reopen_action: QAction
    accept_return_action: QAction
    certificates_action: QAction
    settings_action: QAction
    roster_action: QAction
    roster_import_action: QAction
    receive_action: QAction
    receive_folder_action: QAction
    matrix_action: QAction
    quarantine_action: QAction
    consolidate_action: QAction
    help_action: QAction
    record_toolbar: QToolBar

    # The body, (re)built by reload(): the banners always, the rest once there is a plan.
    banner: Banner
    first_run: Banner
    start_screen: StartScreen  # a database without plans
    home: ReceivingHome  # that of an office above, which receives reports
    picker: PeriodPicker
    plan_box: QComboBox
    year_box: QComboBox
    kind_box: QComboBox
    period_dates: QLabel
    lock_line: QLabel
    overview: OverviewTab
    tabs: QTabWidget
    _tasks_tab: LazyTab[TasksTab]
    _indicators_tab: LazyTab[IndicatorsTab]
    _budget_tab: LazyTab[BudgetTab]
    _documents_tab: LazyTab[DocumentsTab]

    def __init__(self, ws: Workspace, *, demo: bool = False):
        super().__init__()
        self.ws = ws
        self.demo = demo  # opened as the first-run demo: offer the office's own database
        self.report: StatusReport | None = None
        self.plan: Plan | None = None
        self.plan_id: int | None = None  # the plan shown, when the database holds several
        self.counting = False  # a big plan's period is being counted off the UI thread
        self.locked = False  # the period shown was sent up in a package
        self.task_count = 0
        self.reader = Reader()  # the read-only connection work off the UI thread is done on
        self.counter = PeriodCounter(self)
        self.help_dialog: HelpDialog | None = None  # made on the first F1
        self.welcome = False  # just made by the first-run wizard: say where to go next
        self._verifying: Workspace | None = None  # whose audit chain is being checked
        menus.build(self)
        self.reload()

    # Databases -----------------------------------------------------------------------

    def switch_to(self, ws: Workspace, *, demo: bool = False) -> None:
        """Show another database; the one shown so far is closed."""
        old, self.ws, self.demo, self.welcome = self.ws, ws, demo, False
        if old is not ws:
            self.reader.close()
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
            office = wizard.ws.office.get()
            if wizard.plan is not None:
                self.welcome = True
                self.show_plan(wizard.plan.id)
            elif office is not None and office.receives_reports:
                self.welcome = True
                self.reload()

    def open_file(self) -> None:
        path = ask.open_file(self, "Mở cơ sở dữ liệu")
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> None:
        if path.resolve() == self.ws.path.resolve():  # opened twice, it would lock itself out
            self.statusBar().showMessage(f"Tệp {path.name} đang mở trong cửa sổ này.", 8000)
            return
        self._switch(lambda: database_actions.open_existing(path, self))

    def open_demo(self) -> None:
        self._switch(database_actions.open_demo, demo=True)

    def back_up(self) -> None:
        backup_actions.back_up(self, self.ws)

    def restore(self) -> None:
        backup_actions.restore(self, self.ws, lambda kept: self.settle())

    def show_help(self) -> None:
        """One page on the weekly routine, beside the window (not modal)."""
        from ui.help import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()

    def show_about(self) -> None:
        AboutDialog(self.ws, self).exec()

    # Building ------------------------------------------------------------------------

    def reload(self) -> None:
        """(Re)build the window from the database (another file, or its plans changed)."""
        self.ws.take_changes()  # all of it is read again here
        office = self.ws.office.get()
        self.show_title(office)
        self.statusBar().showMessage(f"Cơ sở dữ liệu: {self.ws.path}")
        self.banner = Banner("warning")
        self.banner.show_message("\n".join(notices(self.ws)))
        plans = self.ws.plans.list()
        self.first_run = first_run_banner(self, office, plans)
        chosen = [p for p in plans if p.id == self.plan_id]
        # The same plan again (edited, indicators added): the period the clerk chose stays.
        same = chosen and self.plan is not None and self.plan.id == chosen[0].id
        period = self.selected_period().id if same else None
        self.plan = chosen[0] if chosen else (plans[0] if plans else None)
        self.plan_id = self.plan.id if self.plan else None
        menus.enable(self)
        if self.plan is None and office is not None and office.receives_reports:
            self.home = ReceivingHome(self)
            self._set_body([self.home], stretch_last=True)
        elif self.plan is None:
            self.start_screen = StartScreen(self)
            self._set_body([self.start_screen], stretch_last=True)
        else:
            self._build(self.plan, plans, period)
        # Once the window has painted: both read the whole file, holding Python's lock a
        # while, on the read-only connection off the UI thread.
        QTimer.singleShot(0, self, partial(self._after_shown, self.ws, self.reader.session))

    def show_title(self, office: Office | None = None) -> None:
        office = office or self.ws.office.get()
        parts = [APP_TITLE, office.committee if office else "", self.ws.path.name]
        self.setWindowTitle(" — ".join(p for p in parts if p))

    def _after_shown(self, ws: Workspace, session: int) -> None:
        """Verify the audit chain (the whole log: a busy year at the level above is tens
        of thousands of entries) and take the day's first backup (copied and checked),
        then say what they found."""
        if self.ws is not ws or self.reader.session != session:  # another file, or closed
            return
        reader = self.reader.open(ws)

        def said() -> None:
            if self.ws is ws:  # still the file they were for
                self.banner.show_message("\n".join(notices(ws)))

        if not ws.history_checked and self._verifying is not ws:
            self._verifying = ws

            def verify():
                reader.refresh_history()
                return reader.history

            def verified(report) -> None:
                ws.history = report  # the check made here, handed to the workspace
                said()

            self.reader.run(verify, verified)
        if not ws.read_only_reason:

            def backed_up(problem: str | None) -> None:
                if problem:
                    ws.warnings += (problem,)
                    said()

            self.reader.run(reader.backups.daily_problem, backed_up)

    def _set_body(self, widgets: list, stretch_last: bool = False) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.banner)
        layout.addWidget(self.first_run)
        for index, widget in enumerate(widgets):
            last = index == len(widgets) - 1
            layout.addWidget(widget, 1 if last and stretch_last else 0)
        self.setCentralWidget(body)

    def _build(self, plan: Plan, plans: list[Plan], period: PeriodId | None) -> None:
        self.task_count = self.ws.tasks.count(plan.id)
        title = QLabel(f"{plan.title} của {plan.issuer}")
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        title.setWordWrap(True)
        summary = QLabel(plan.summary)
        summary.setWordWrap(True)
        self.picker = PeriodPicker(self.ws, plan, plans, period)
        picker = self.picker
        self.plan_box, self.year_box = picker.plan_box, picker.year_box
        self.kind_box, self.period_dates = picker.kind_box, picker.dates
        self.lock_line = QLabel()
        self.lock_line.setWordWrap(True)
        self.lock_line.setStyleSheet(
            "background: #fdeec4; border: 1px solid #e0b84c; padding: 4px; color: #5a4300;"
        )
        self.lock_line.hide()
        self.overview = OverviewTab()
        self._tasks_tab = LazyTab(self._new_tasks_tab)
        self._indicators_tab = LazyTab(self._new_indicators_tab)
        self._budget_tab = LazyTab(partial(self._new_budget_tab, plan))
        self._documents_tab = LazyTab(partial(self._new_documents_tab, plan))
        self.tabs = QTabWidget()
        overview = LazyTab(lambda: self.overview)  # built at once, scrolling like the rest
        overview.page  # noqa: B018
        self.tabs.addTab(overview, "Tổng quan")
        self.tabs.addTab(self._tasks_tab, "Nhiệm vụ")
        self.tabs.addTab(self._indicators_tab, "Chỉ tiêu")
        self.tabs.addTab(self._budget_tab, "Kinh phí")
        self.tabs.addTab(self._documents_tab, "Văn bản")
        self.overview.go_to_task.connect(self.show_task)
        self._set_body([title, summary, picker, self.lock_line, self.tabs], stretch_last=True)
        picker.plan_chosen.connect(self.show_plan)
        picker.period_changed.connect(self._period_changed)
        self.refresh()

    def show_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.reload()

    # What is shown -------------------------------------------------------------------

    def settle(self, *, inline: bool = False) -> None:
        """Show what the last action wrote, from the database's record of what changed
        (Anki's OpChanges), not from what the action meant to do: the plan's structure
        rebuilds the window, a period's figures are counted again, and each tab that reads
        the database itself decides from the record whether to show itself again."""
        changes = self.ws.take_changes()
        if not changes:
            return
        if changes.touches("plan") or self.plan is None:  # no plan: a page of counts
            self.reload()
            return
        if changes.touches("settings"):
            self.show_title()
        if self.plan is None:
            return
        if changes.touches("calendar"):  # the period's own dates may have moved
            self._period_changed(attention_too=True, inline=inline)
            return
        if changes.figures:
            self.counter.count(attention_too=True, inline=inline)
        for lazy in (self._budget_tab, self._documents_tab):
            if lazy.built:
                lazy.page.show_changes(changes)

    def refresh(self) -> None:
        """Show the selected period again in every tab, counted again."""
        self._period_changed(attention_too=True)

    def _period_changed(self, *, attention_too: bool = False, inline: bool = False) -> None:
        period = self.counter.count(attention_too=attention_too, inline=inline)
        if self._budget_tab.built:
            self.budget.show_period(period)
        if self._documents_tab.built:
            self.documents.set_period(period)

    def selected_period(self) -> Period:
        return self.picker.selected()

    def select_period(self, pid: PeriodId) -> None:
        self.picker.select(pid)

    def show_tab(self, page: QWidget) -> None:
        """Bring the tab holding `page` to the front (a page built on first use sits in
        its placeholder)."""
        widget: QWidget | None = page
        while widget is not None and self.tabs.indexOf(widget) < 0:
            widget = widget.parentWidget()
        if widget is not None:
            self.tabs.setCurrentWidget(widget)

    def current_page(self) -> QWidget | None:
        """The page in front, whether built with the window or on first use."""
        page = self.tabs.currentWidget()
        return page.page if isinstance(page, LazyTab) else page

    def show_task(self, task_id: int) -> None:
        """The task selected in the task list, filters cleared if they hide it."""
        self.show_tab(self.tasks)
        self.tasks.select_task(task_id)

    def show_documents(self, kind: str) -> None:
        self.documents.kind_box.setCurrentIndex(self.documents.kind_box.findData(kind))
        self.show_tab(self.documents)

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

    @property
    def budget(self) -> BudgetTab:
        return self._budget_tab.page

    @property
    def documents(self) -> DocumentsTab:
        return self._documents_tab.page

    def report_tabs(self) -> tuple[LazyTab[TasksTab | IndicatorsTab], ...]:
        """The tabs showing the counted period (Nhiệm vụ, Chỉ tiêu), built or not."""
        return self._tasks_tab, self._indicators_tab

    def recording_allowed(self) -> bool:
        return not self.ws.read_only_reason and not self.locked

    def _new_tasks_tab(self) -> TasksTab:
        from ui.task_detail import TaskDetailPane
        from ui.tasks_tab import TasksTab

        detail = TaskDetailPane(self.ws)
        tab = TasksTab(detail)
        tab.current_changed.connect(detail.show_task)
        tab.record.connect(self.record_progress)
        tab.set_recording(self.recording_allowed())
        if self.report is not None:
            tab.show_report(self.report)
        return tab

    def _new_indicators_tab(self) -> IndicatorsTab:
        from ui.indicators_tab import IndicatorsTab

        tab = IndicatorsTab()
        tab.record.connect(self.record_indicator)
        tab.set_recording(self.recording_allowed())
        if self.report is not None:
            tab.show_report(self.report)
        return tab

    def _new_budget_tab(self, plan: Plan) -> BudgetTab:
        from ui.budget_tab import BudgetTab

        tab = BudgetTab(self.ws, plan.id)
        tab.changed.connect(self.settle)
        tab.show_period(self.selected_period())
        return tab

    def _new_documents_tab(self, plan: Plan) -> DocumentsTab:
        from ui.documents_tab import DocumentsTab

        tab = DocumentsTab(self.ws, plan, self.reader)
        tab.changed.connect(self.settle)
        tab.set_period(self.selected_period())
        return tab

    # Recording -----------------------------------------------------------------------

    def record_progress(self) -> None:
        plan_actions.record_progress(self)

    def record_indicator(self) -> None:
        plan_actions.record_indicator(self)

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
        self.reader.close()  # what was being worked on is waited for, its result dropped
        super().closeEvent(event)
