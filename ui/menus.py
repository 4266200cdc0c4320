"""The window's menus and its toolbar, and which of their actions the database shown
allows (a plan to act on, a file that can be written)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ui import (
    calendar_dialog,
    office_dialog,
    plan_actions,
    settings,
    submission_actions,
    unit_forms_actions,
    upper_level_actions,
)
from ui.document_kinds import ANNEX, REPORT

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _action(menu, text: str, slot, shortcut=None) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(slot)
    if shortcut is not None:
        action.setShortcut(shortcut)
    return action


def build(window: MainWindow) -> None:
    """The menus, each action kept on the window when something reads it."""

    def on(action):  # action(window), when chosen
        return partial(action, window)

    bar = window.menuBar()
    file_menu = bar.addMenu("&Tệp")
    _action(file_menu, "&Tạo cơ sở dữ liệu mới…", window.new_database, QKeySequence.StandardKey.New)
    _action(file_menu, "&Mở…", window.open_file, QKeySequence.StandardKey.Open)
    window.recent_menu = file_menu.addMenu("Mở &gần đây")
    window.recent_menu.aboutToShow.connect(partial(_fill_recent, window))
    _action(file_menu, "Mở &dữ liệu mẫu", window.open_demo)
    file_menu.addSeparator()
    _action(file_menu, "&Sao lưu…", window.back_up)
    window.restore_action = _action(file_menu, "&Khôi phục…", window.restore)
    file_menu.addSeparator()
    _action(file_menu, "T&hoát", window.close, QKeySequence.StandardKey.Quit)

    plan_menu = bar.addMenu("&Kế hoạch")
    window.import_action = _action(
        plan_menu, "&Nhập kế hoạch từ tệp (.xlsx, .docx)…", on(plan_actions.import_plan)
    )
    window.new_plan_action = _action(plan_menu, "&Tạo kế hoạch mới…", on(plan_actions.new_plan))
    window.edit_plan_action = _action(
        plan_menu, "&Sửa thông tin kế hoạch…", on(plan_actions.edit_plan)
    )
    window.compose_action = _action(
        plan_menu, "Soạn &mục và nhiệm vụ…", on(plan_actions.compose_plan)
    )
    window.indicators_action = _action(
        plan_menu, "Soạn c&hỉ tiêu…", on(plan_actions.compose_indicators)
    )
    window.units_action = _action(plan_menu, "&Cơ quan, đơn vị…", on(plan_actions.edit_units))
    window.calendar_action = _action(plan_menu, "&Lịch báo cáo…", on(calendar_dialog.edit_calendar))
    window.office_action = _action(plan_menu, "Thông tin cơ &quan…", on(office_dialog.edit_office))
    plan_menu.addSeparator()
    window.delete_plan_action = _action(plan_menu, "&Xóa kế hoạch…", on(plan_actions.delete_plan))

    record_menu = bar.addMenu("&Ghi chép")
    window.progress_action = _action(record_menu, "Ghi &tiến độ nhiệm vụ…", window.record_progress)
    window.indicator_action = _action(
        record_menu, "Ghi &kết quả chỉ tiêu…", window.record_indicator
    )
    record_menu.addSeparator()
    window.take_forms_action = _action(
        record_menu, "&Nhận phiếu của đơn vị…", on(unit_forms_actions.take_forms)
    )

    document_menu = bar.addMenu("&Văn bản")
    window.report_action = _action(
        document_menu, "&Báo cáo kết quả thực hiện kỳ", partial(window.show_documents, REPORT)
    )
    window.annex_action = _action(
        document_menu, "&Danh mục nhiệm vụ giao đơn vị", partial(window.show_documents, ANNEX)
    )
    window.write_forms_action = _action(
        document_menu, "&Phiếu báo cáo cho các đơn vị…", on(unit_forms_actions.write_forms)
    )
    document_menu.addSeparator()
    window.submit_action = _action(
        document_menu, "&Nộp báo cáo…", on(submission_actions.submit_report)
    )
    window.export_pdf_action = _action(
        document_menu,
        "Xuất PDF để &ký ở phần mềm khác…",
        on(submission_actions.export_for_signing),
    )
    window.reopen_action = _action(
        document_menu, "&Mở lại kỳ…", on(submission_actions.reopen_period)
    )
    _action(document_menu, "&Hộp thư đi…", on(submission_actions.show_outbox))
    window.accept_return_action = _action(
        document_menu, "Nhận văn bản cấp trên &trả lại…", on(submission_actions.accept_returned)
    )
    window.certificates_action = _action(  # in Cấp trên too: one window for both sides
        document_menu, "Tin cậy và &chứng thư…", on(submission_actions.edit_trust)
    )
    document_menu.addSeparator()
    window.settings_action = _action(
        document_menu,
        "Thông tin trên &văn bản…",
        on(submission_actions.edit_document_settings),
    )

    upper_menu = bar.addMenu("&Cấp trên")
    upper = upper_level_actions
    window.roster_action = _action(upper_menu, "&Danh sách đơn vị báo cáo…", on(upper.edit_roster))
    window.roster_import_action = _action(
        upper_menu, "Nhập danh sách đơn vị từ tệ&p…", on(upper.import_roster)
    )
    upper_menu.addAction(window.certificates_action)
    window.receive_action = _action(upper_menu, "&Tiếp nhận gói báo cáo…", on(upper.receive_files))
    window.receive_folder_action = _action(
        upper_menu, "Tiếp nhận cả thư mục (&USB)…", on(upper.receive_folder)
    )
    upper_menu.addSeparator()
    window.matrix_action = _action(upper_menu, "Theo dõi &nộp báo cáo…", on(upper.show_matrix))
    window.quarantine_action = _action(upper_menu, "Gói &không nhận…", on(upper.show_quarantine))
    window.consolidate_action = _action(
        upper_menu, "&Xuất báo cáo của kỳ…", on(upper.export_consolidated)
    )

    toolbar = window.record_toolbar = window.addToolBar("Ghi chép")
    toolbar.setObjectName("ghi_chep")
    toolbar.setMovable(False)
    toolbar.addAction(window.progress_action)
    toolbar.addAction(window.indicator_action)

    help_menu = bar.addMenu("Trợ &giúp")
    window.help_action = _action(help_menu, "&Hướng dẫn sử dụng", window.show_help)
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents)
    f1 = QKeySequence(Qt.Key.Key_F1)
    window.help_action.setShortcuts(keys if f1 in keys else [f1, *keys])
    window.help_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    help_menu.addSeparator()
    _action(help_menu, "&Giới thiệu Sổ Kế hoạch", window.show_about)


def _fill_recent(window: MainWindow) -> None:
    window.recent_menu.clear()
    paths = [p for p in settings.recent() if p.exists()]
    for path in paths:
        _action(window.recent_menu, str(path), partial(window.open_path, path))
    if not paths:
        window.recent_menu.addAction("(chưa có)").setEnabled(False)


def enable(window: MainWindow) -> None:
    """What the database shown allows: writing at all, and acting on a plan."""
    writable = not window.ws.read_only_reason
    has_plan = writable and window.plan is not None
    for action in (
        window.progress_action,
        window.indicator_action,
        window.edit_plan_action,
        window.compose_action,
        window.indicators_action,
        window.delete_plan_action,
        window.accept_return_action,
        window.submit_action,
        window.export_pdf_action,
        window.reopen_action,
        window.calendar_action,
        window.take_forms_action,
    ):
        action.setEnabled(has_plan)
    for action in (window.report_action, window.annex_action, window.write_forms_action):
        action.setEnabled(window.plan is not None)
    office = window.ws.office.get()
    receiving_only = window.plan is None and office is not None and office.receives_reports
    window.record_toolbar.setVisible(not receiving_only)  # nothing of its own to record
    for action in (
        window.restore_action,
        window.settings_action,
        window.roster_action,
        window.roster_import_action,
        window.receive_action,
        window.receive_folder_action,
        window.new_plan_action,
        window.import_action,
        window.units_action,
        window.office_action,
    ):
        action.setEnabled(writable)
