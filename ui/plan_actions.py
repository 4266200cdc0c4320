"""Kế hoạch and Ghi chép: bringing in a plan (from a file or typed), editing it, its units,
deleting it, and recording progress and indicator values. Each opens its form; the
window then shows what was written (`window.settle()`). The forms are imported on first
use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.errors import UserError
from ui import ask

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def import_plan(window: MainWindow) -> None:
    from ui.import_dialog import ANNEX_FILTER, ImportDialog  # the readers, on first use

    path = ask.open_file(window, "Chọn tệp phụ lục kế hoạch", ANNEX_FILTER)
    if path is None:
        return
    dialog = ImportDialog(window.ws, path, window)
    dialog.read()
    if dialog.exec() and dialog.plan is not None:
        window.plan_id = dialog.plan.id
    window.settle()


def new_plan(window: MainWindow) -> None:
    """A plan typed by hand: its heading, then its sections and tasks."""
    from ui.plan_forms import PlanDialog

    dialog = PlanDialog(window.ws, parent=window)
    saved = dialog.saved_plan if dialog.exec() else None
    if saved is not None:
        window.plan_id = saved.id
    window.settle()
    if saved is not None:
        compose_plan(window)


def edit_plan(window: MainWindow) -> None:
    from ui.plan_forms import PlanDialog

    if window.plan is not None:
        PlanDialog(window.ws, window.plan, window).exec()
        window.settle()


def compose_plan(window: MainWindow) -> None:
    from ui.plan_editor import PlanEditor

    if window.plan is not None:
        PlanEditor(window.ws, window.plan, window).exec()
        window.settle()


def compose_indicators(window: MainWindow) -> None:
    from ui.indicator_editor import IndicatorEditor

    if window.plan is not None:
        IndicatorEditor(window.ws, window.plan, window).exec()
        window.settle()


def edit_units(window: MainWindow) -> None:
    from ui.units_dialog import UnitsDialog

    UnitsDialog(window.ws, window).exec()
    window.settle()


def delete_plan(window: MainWindow) -> None:
    plan = window.plan
    if plan is None:
        return
    goes = window.ws.plans.contents(plan_id=plan.id).describe()
    question = f"Xóa {plan.title}?"
    if goes:
        question += f"\n\nCùng bị xóa: {goes}."
    question += (
        "\n\nViệc xóa được ghi vào lịch sử thay đổi; nên sao lưu trước "
        "(Tệp → Sao lưu) nếu còn cần dữ liệu này."
    )
    if not ask.confirm(window, "Xóa kế hoạch", question):
        return
    try:
        window.ws.plans.delete(plan.id)
    except UserError as exc:
        ask.tell(window, "Xóa kế hoạch", str(exc), problem=True)
        return
    window.plan_id = None
    window.settle()


def record_progress(window: MainWindow) -> None:
    from ui.progress_dialog import ProgressDialog

    report = window.report
    if window.plan is None or window.ws.read_only_reason or window.counting:
        return
    assert report is not None  # a plan shown and not being counted: its period was counted
    items = window.tasks.shown()
    if not items:
        return
    window.show_tab(window.tasks)
    ProgressDialog(
        window.ws, window.plan, report.period, items, window.tasks.current_row(), window
    ).exec()
    window.settle()


def record_indicator(window: MainWindow) -> None:
    from ui.indicator_dialog import IndicatorDialog

    report = window.report
    if window.plan is None or window.ws.read_only_reason or window.counting:
        return
    assert report is not None  # a plan shown and not being counted: its period was counted
    window.show_tab(window.indicators)  # without indicators, the form says where to make them
    IndicatorDialog(
        window.ws,
        report.period,
        report.indicators,
        window.indicators.current_row(),
        window,
        assessment=lambda indicator_id: _assessment_now(window, indicator_id),
    ).exec()
    window.settle()


def _assessment_now(window: MainWindow, indicator_id: int) -> str:
    """Show the value just saved in the window behind the form (counted now: the form
    waits for it) and say how the indicator now stands."""
    from ui.indicators_tab import assessment_label

    window.settle(inline=True)
    report = window.report
    assert report is not None  # the form was opened on the period counted
    result = next(r for r in report.indicators if r.indicator.id == indicator_id)
    return assessment_label(result)
