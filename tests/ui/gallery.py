"""Every form and dialog the window opens, made as the window would make it, on the
database it shows: for the screen-fit tests and scripts/screenshots.py. A form the
database cannot show (no task to edit, no indicator to record) is named with why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ui.about_dialog import AboutDialog
from ui.budget_dialogs import LineDialog, PaymentDialog, PaymentsDialog
from ui.calendar_dialog import CalendarDialog
from ui.document_settings_dialog import DocumentSettingsDialog
from ui.export_dialog import ExportDialog
from ui.first_run import FirstRunWizard
from ui.help import HelpDialog
from ui.indicator_dialog import IndicatorDialog
from ui.indicator_editor import GroupDialog, IndicatorEditor, IndicatorForm
from ui.main_window import MainWindow
from ui.office_dialog import OfficeDialog
from ui.outbox_dialog import OutboxDialog
from ui.plan_editor import PlanEditor
from ui.plan_forms import PlanDialog, SectionDialog, TaskDialog
from ui.progress_dialog import ProgressDialog
from ui.quarantine_dialog import QuarantineDialog
from ui.roster_dialog import RosterDialog
from ui.submit_wizard import SubmitWizard
from ui.tracking_dialog import MatrixDialog
from ui.trust_dialog import TrustDialog
from ui.units_dialog import UnitsDialog

Make = Callable[[], QWidget]


def forms(window: MainWindow, new_database: Path) -> dict[str, Make | str]:
    """Each form by a short name: how to make it, or why this database cannot show it."""
    ws, report = window.ws, window.report
    made: dict[str, Make | str] = {
        "tao_co_so_du_lieu": lambda: FirstRunWizard(new_database, window),
        "thong_tin_co_quan": lambda: OfficeDialog(ws, window),
        "co_quan": lambda: UnitsDialog(ws, window),
        "thong_tin_van_ban": lambda: DocumentSettingsDialog(ws, window),
        "tin_cay_va_chung_thu": lambda: TrustDialog(ws, window),
        "hop_thu_di": lambda: OutboxDialog(ws, window),
        "huong_dan": lambda: HelpDialog(window),
        "gioi_thieu": lambda: AboutDialog(ws, window),
        "danh_sach_don_vi": lambda: RosterDialog(ws, window),
        "theo_doi_nop": lambda: MatrixDialog(ws, window),
        "xuat_bao_cao_cap_tren": lambda: ExportDialog(ws, parent=window),
        "goi_khong_nhan": lambda: QuarantineDialog(ws, window),
    }
    plan = window.plan
    if plan is None:
        return made
    tasks = ws.tasks.list(plan.id)
    made["ke_hoach"] = lambda: PlanDialog(ws, plan, window)
    made["lich_bao_cao"] = lambda: CalendarDialog(ws, plan, window)
    made["them_muc"] = lambda: SectionDialog(ws, plan, parent=window)
    made["soan_ke_hoach"] = lambda: PlanEditor(ws, plan, window)
    made["soan_chi_tieu"] = lambda: IndicatorEditor(ws, plan, window)
    made["them_nhom_chi_tieu"] = lambda: GroupDialog(ws, plan, window)
    made["nop_bao_cao"] = lambda: SubmitWizard(ws, plan, window.selected_period(), window)
    if not tasks:
        made["sua_nhiem_vu"] = made["ghi_tien_do"] = "kế hoạch chưa có nhiệm vụ"
    else:
        first = tasks[0]
        section = ws.plans.section(first.section_id)
        made["sua_nhiem_vu"] = lambda: TaskDialog(ws, plan, section, first, window)
        made["them_nhiem_vu"] = lambda: TaskDialog(ws, plan, section, parent=window)
    indicator = next(iter(ws.indicators.list(plan.id)), None)
    if indicator is None:
        made["sua_chi_tieu"] = made["ghi_chi_tieu"] = "kế hoạch chưa có chỉ tiêu"
    else:
        group = next(g for g in ws.indicators.groups(plan.id) if g.id == indicator.group_id)
        made["sua_chi_tieu"] = lambda: IndicatorForm(ws, plan, group, indicator, window)
    if report is not None and report.tasks:
        made["ghi_tien_do"] = lambda: ProgressDialog(
            ws, plan, report.period, report.tasks, 0, window
        )
    if report is not None and report.indicators:
        made["ghi_chi_tieu"] = lambda: IndicatorDialog(
            ws, report.period, report.indicators, 0, window
        )
    lines = [row.line for row in window.budget.rows() if row.line.id]
    leaves = [line for line in lines if not any(o.parent_id == line.id for o in lines)]
    if not leaves:
        made["dong_du_toan"] = made["giai_ngan"] = "kế hoạch chưa có dòng dự toán"
    else:
        leaf = leaves[0]
        made["dong_du_toan"] = lambda: LineDialog(ws, plan.id, leaf.year, leaf, parent=window)
        made["giai_ngan"] = lambda: PaymentsDialog(ws, leaf, parent=window)
        made["mot_khoan_giai_ngan"] = lambda: PaymentDialog(ws, leaf, parent=window)
    return made
