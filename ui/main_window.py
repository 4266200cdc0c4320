"""The main window: plan header, reporting-period picker and one tab per view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.history import history_warning
from desktop.model import Plan
from desktop.periods import Period, PeriodId, PeriodKind, periods_of_year
from desktop.reports.status import StatusReport, build_status
from desktop.workspace import Workspace
from ui import backup_actions
from ui.budget_tab import BudgetTab
from ui.indicators_tab import IndicatorsTab
from ui.overview_tab import OverviewTab
from ui.tasks_tab import TasksTab

APP_TITLE = "Sổ Kế hoạch"


class EmptyState(QLabel):
    def __init__(self, db_path: str):
        super().__init__(
            "Cơ sở dữ liệu chưa có kế hoạch nào.\n\n"
            "Nạp dữ liệu mẫu bằng lệnh:\n"
            f'python -m desktop --db "{db_path}" demo'
        )
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


def notices(ws: Workspace) -> list[str]:
    """What the clerk must know before trusting or editing what the window shows."""
    found = []
    if warning := history_warning(ws):
        found.append(warning)
    if ws.read_only_reason:
        found.append(f"Chỉ xem, không ghi được thay đổi: {ws.read_only_reason}.")
    found += ws.warnings
    return found


class Banner(QLabel):
    """A plain coloured strip above the plan for what must not go unnoticed."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(
            "background: #fbe3c8; border: 1px solid #d9a35b; border-radius: 4px; padding: 6px;"
        )

    def show_notices(self, lines: list[str]) -> None:
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace):
        super().__init__()
        self.ws = ws
        self.report: StatusReport | None = None
        self._build_menus()
        self.reload()

    def reload(self) -> None:
        """(Re)build the window from the database, e.g. after a restore."""
        office = self.ws.office.get()
        self.setWindowTitle(f"{APP_TITLE} — {office.committee}" if office else APP_TITLE)
        self.statusBar().showMessage(f"Cơ sở dữ liệu: {self.ws.path}")
        self.banner = Banner()
        self.banner.show_notices(notices(self.ws))
        self.plan = self.ws.plans.current()
        if self.plan is None:
            body = QWidget()
            layout = QVBoxLayout(body)
            layout.addWidget(self.banner)
            layout.addWidget(EmptyState(str(self.ws.path)), 1)
            self.setCentralWidget(body)
            return
        self._build(self.plan)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        file_menu.addAction("&Sao lưu…").triggered.connect(self.back_up)
        self.restore_action = file_menu.addAction("&Khôi phục…")
        self.restore_action.triggered.connect(self.restore)
        self.restore_action.setEnabled(not self.ws.read_only_reason)
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Thoát")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        help_menu = self.menuBar().addMenu("Trợ &giúp")
        help_menu.addAction("&Giới thiệu Sổ Kế hoạch").triggered.connect(self.show_about)

    def show_about(self) -> None:
        QMessageBox.about(self, f"Giới thiệu {APP_TITLE}", about_text(self.ws))

    def back_up(self) -> None:
        backup_actions.back_up(self, self.ws)

    def restore(self) -> None:
        if backup_actions.restore(self, self.ws) is not None:
            self.reload()

    def _build(self, plan: Plan) -> None:
        title = QLabel(f"{plan.title} của {plan.issuer}")
        title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        summary = QLabel(plan.summary)
        summary.setWordWrap(True)
        self.year_box = QComboBox()
        self.kind_box = QComboBox()
        self.period_dates = QLabel()
        picker = QHBoxLayout()
        picker.addWidget(QLabel("Kỳ báo cáo:"))
        picker.addWidget(self.kind_box)
        picker.addWidget(QLabel("năm"))
        picker.addWidget(self.year_box)
        picker.addSpacing(16)
        picker.addWidget(self.period_dates, 1)

        self.overview = OverviewTab()
        self.tasks = TasksTab()
        self.indicators = IndicatorsTab()
        self.budget = BudgetTab(self.ws, plan.id)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.overview, "Tổng quan")
        self.tabs.addTab(self.tasks, "Nhiệm vụ")
        self.tabs.addTab(self.indicators, "Chỉ tiêu")
        self.tabs.addTab(self.budget, "Kinh phí")

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.banner)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addLayout(picker)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)

        self._fill_period_boxes(plan)
        self.year_box.currentIndexChanged.connect(self._period_changed)
        self.kind_box.currentIndexChanged.connect(self._period_changed)
        self._period_changed()

    def _fill_period_boxes(self, plan: Plan) -> None:
        chosen = self.ws.periods.suggested(plan).id
        first_year = min(plan.start_year, chosen.year)
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

    def _period_changed(self) -> None:
        period = self.selected_period()
        self.report = build_status(self.ws, self.plan, period)
        required = "" if self.report.required else " (kế hoạch không yêu cầu báo cáo kỳ này)"
        self.period_dates.setText(
            f"Số liệu từ {period.data_from:%d/%m/%Y} đến {period.data_to:%d/%m/%Y} · "
            f"hạn gửi báo cáo {period.due_on:%d/%m/%Y}{required}"
        )
        for tab in (self.overview, self.tasks, self.indicators):
            tab.show_report(self.report)


def _kind_key(pid: PeriodId) -> str:
    """Combo-box data naming a period within any year: 'quarter:4', 'year:'."""
    return f"{pid.kind.value}:{pid.number or ''}"


def about_text(ws: Workspace) -> str:
    office = ws.office.get()
    lines = [
        f"{APP_TITLE} {__version__}",
        "Theo dõi kế hoạch, tiến độ nhiệm vụ và kinh phí của UBND cấp xã.",
        "",
        f"Cơ quan: {office.committee if office else 'chưa khai báo'}",
        f"Cơ sở dữ liệu: {ws.path}",
        f"Số thay đổi đã ghi nhật ký: {ws.audit.count()}",
    ]
    return "\n".join(lines)
