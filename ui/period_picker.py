"""The line above the tabs: which plan (when the database holds several), which reporting
period (kind and year), and that period's dates and due date.

The periods the plan asks reports for come first in the list, the others (months, when
the plan asks for quarters and the year) after a line. What the clerk chose stays chosen
when the window is rebuilt (a plan edited, indicators added)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop.domain.model import Plan
from desktop.domain.periods import Period, PeriodId, PeriodKind, periods_of_year
from desktop.domain.plan_calendar import due_words
from desktop.workspace import Workspace


def _kind_key(pid: PeriodId) -> str:
    """Combo-box data naming a period within any year: 'quarter:4', 'year:'."""
    return f"{pid.kind.value}:{pid.number or ''}"


class PeriodPicker(QWidget):
    period_changed = Signal()  # the clerk chose another period
    plan_chosen = Signal(int)  # the id of the plan the clerk chose

    def __init__(
        self, ws: Workspace, plan: Plan, plans: list[Plan], chosen: PeriodId | None = None
    ):
        super().__init__()
        self.ws, self.plan = ws, plan
        self.plan_box = QComboBox()
        for each in plans:
            self.plan_box.addItem(f"{each.number} ({each.issued_on:%d/%m/%Y})", each.id)
        self.plan_box.setCurrentIndex(self.plan_box.findData(plan.id))
        self.plan_box.setVisible(len(plans) > 1)
        self.year_box = QComboBox()
        self.kind_box = QComboBox()
        self.dates = QLabel()
        self.dates.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if len(plans) > 1:
            layout.addWidget(QLabel("Kế hoạch:"))
            layout.addWidget(self.plan_box)
            layout.addSpacing(16)
        layout.addWidget(QLabel("Kỳ báo cáo:"))
        layout.addWidget(self.kind_box)
        layout.addWidget(QLabel("năm"))
        layout.addWidget(self.year_box)
        layout.addSpacing(16)
        layout.addWidget(self.dates, 1)
        self._fill(chosen or ws.periods.suggested(plan).id)
        self.plan_box.currentIndexChanged.connect(
            lambda: self.plan_chosen.emit(self.plan_box.currentData())
        )
        self.year_box.currentIndexChanged.connect(self.period_changed)
        self.kind_box.currentIndexChanged.connect(self.period_changed)

    def _fill(self, chosen: PeriodId) -> None:
        plan, ws = self.plan, self.ws
        # Years with data before the plan began count too (a 2026 plan with 2025 figures).
        data_years = {PeriodId.parse(key).year for key in ws.periods.with_data(plan.id)}
        data_years |= set(ws.budget.years(plan.id))
        first_year = min(plan.start_year, chosen.year, *data_years)
        last_year = max(min(plan.end_year, ws.today().year + 1), chosen.year)
        for year in range(first_year, last_year + 1):
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(self.year_box.findData(chosen.year))
        asked = set(ws.periods.calendar(plan.id).required)
        ids = periods_of_year(chosen.year)
        own = [pid for pid in ids if pid.kind in asked]
        for pid in own:
            self.kind_box.addItem(pid.title_in_year, _kind_key(pid))
        if own:
            self.kind_box.insertSeparator(len(own))
        for pid in ids:
            if pid.kind not in asked:
                self.kind_box.addItem(pid.title_in_year, _kind_key(pid))
        self.kind_box.setCurrentIndex(self.kind_box.findData(_kind_key(chosen)))

    def selected(self) -> Period:
        kind, _, number = self.kind_box.currentData().partition(":")
        pid = PeriodId(
            self.year_box.currentData(), PeriodKind(kind), int(number) if number else None
        )
        return self.ws.periods.get(pid, self.plan.id)

    def select(self, pid: PeriodId) -> None:
        self.year_box.setCurrentIndex(self.year_box.findData(pid.year))
        self.kind_box.setCurrentIndex(self.kind_box.findData(_kind_key(pid)))

    def show_dates(self, period: Period, required: bool = True) -> None:
        said = "" if required else " (kế hoạch không yêu cầu báo cáo kỳ này)"
        self.dates.setText(
            f"Số liệu từ {period.data_from:%d/%m/%Y} đến {period.data_to:%d/%m/%Y} · "
            f"{due_words(period)}{said}"
        )
