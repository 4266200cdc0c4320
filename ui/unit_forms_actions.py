"""The units' progress forms from the window: one workbook per unit for the period shown,
and the forms they send back taken in after a preview (desktop.unit_forms does both)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui import ask, ops

if TYPE_CHECKING:
    from ui.main_window import MainWindow

WRITE_TITLE = "Phiếu báo cáo của đơn vị"
TAKE_TITLE = "Nhận phiếu của đơn vị"


def write_forms(window: MainWindow) -> None:
    from desktop.unit_forms.write import write_forms as written

    plan, period = window.plan, window.selected_period()
    assert plan is not None  # the action is enabled with a plan shown
    folder = ask.folder(
        window, "Lưu phiếu báo cáo của các đơn vị vào thư mục", ask.documents_folder()
    )
    if folder is None:
        return

    def done(paths) -> None:
        ask.tell(
            window,
            WRITE_TITLE,
            f"Đã lập {len(paths)} phiếu báo cáo {period.label} cho các đơn vị ở «{folder}».\n"
            "Gửi mỗi đơn vị phiếu của mình (USB, thư điện tử, Zalo); phiếu điền xong nhận lại "
            "ở Ghi chép → Nhận phiếu của đơn vị…",
        )

    ops.run_op(
        window, "Đang lập phiếu…", lambda: written(window.ws, plan, period, folder), done,
        title=WRITE_TITLE,
    )  # fmt: skip


def take_forms(window: MainWindow) -> None:
    """The files the units sent back, read off the UI thread, then the preview; nothing is
    written until the clerk confirms it there."""
    from desktop.unit_forms.preview import preview
    from ui.forms_preview_dialog import FormsPreviewDialog

    plan = window.plan
    assert plan is not None
    paths = ask.open_files(window, "Chọn các phiếu đơn vị gửi lại (.xlsx)")
    if not paths:
        return

    def previewed(previews) -> None:
        dialog = FormsPreviewDialog(window.ws, previews, window)
        if dialog.exec() and dialog.result_ is not None:
            window.settle()
            ask.tell(window, TAKE_TITLE, dialog.result_.summary)

    ops.run_op(
        window, "Đang đọc phiếu…", lambda: preview(window.ws, paths, plan_id=plan.id),
        previewed, title=TAKE_TITLE,
    )  # fmt: skip
