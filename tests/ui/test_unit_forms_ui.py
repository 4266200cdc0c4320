"""The units' progress forms in the window (issue 27): Văn bản → Phiếu báo cáo cho các đơn
vị… writes one workbook per unit for the period shown; two come back filled, one row in
conflict with what the office recorded meanwhile; Ghi chép → Nhận phiếu của đơn vị…
shows each row beside the record, the clerk decides the conflict by keyboard and Enter
writes it all in one change; the overview says who returned their form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from screen_fit import maximised, problems
from test_clerks_week import Clerk, as_opened
from test_unit_forms import CA, IN_PROGRESS, VH, fill

from desktop.domain.periods import PeriodId, PeriodKind
from desktop.unit_forms.preview import Action
from ui import ask
from ui.forms_preview_dialog import FormsPreviewDialog

YEAR = PeriodId(2025, PeriodKind.YEAR)


def test_forms_go_out_come_back_and_are_taken_after_a_preview(
    qtbot, window, monkeypatch, tmp_path: Path, office_screen
):
    ws = window.ws
    maximised(window, office_screen)
    told: list[str] = []
    monkeypatch.setattr(ask, "tell", lambda _p, _t, text, problem=False: told.append(text))
    monkeypatch.setattr(ask, "folder", lambda *args: tmp_path)
    window.select_period(YEAR)
    window.write_forms_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    forms = {p.name: p for p in tmp_path.glob("*.xlsx")}
    assert told[0].startswith(f"Đã lập {len(forms)} phiếu báo cáo năm 2025 cho các đơn vị")
    vh = next(p for n, p in forms.items() if "phong-van-hoa-xa-hoi" in n)
    ca = next(p for n, p in forms.items() if "cong-an-phuong" in n)

    tasks = {t.code: t for t in ws.tasks.list(window.plan.id)}
    ws.progress.record(tasks["I.4"].id, "2025", "dang_thuc_hien", 70, result="Văn phòng sửa")
    fill(vh, {
        "I.4": {"status": IN_PROGRESS, "percent": 80, "result": "Theo đơn vị"},
        "I.5": {"status": IN_PROGRESS, "percent": 90, "result": "Đơn vị ghi tiếp"},
    })  # fmt: skip
    fill(ca, {"V.10": {"status": IN_PROGRESS, "percent": 75, "result": "Đã rà soát 4 tổ"}})

    clerk = Clerk(qtbot)
    seen: list[list[str]] = []

    def deciding(dialog: FormsPreviewDialog) -> None:
        clerk.look("Nhận phiếu của đơn vị", dialog, first=dialog.view)
        assert problems(dialog) == []
        lines = [dialog.lines.row(i) for i in range(dialog.lines.rowCount())]
        seen.append([f"{line.row.code}: {line.doing}" for line in lines])
        assert not dialog.take_button.isEnabled()  # a conflict is still to decide
        conflict = next(i for i, line in enumerate(lines) if line.row.action is Action.CONFLICT)
        dialog.view.setCurrentIndex(dialog.lines.index(0, 0))
        clerk.press(dialog.view, *[Qt.Key.Key_Down] * conflict)
        clerk.press(dialog, Qt.Key.Key_L, modifier=Qt.KeyboardModifier.AltModifier)
        qtbot.wait(150)  # Alt+letter clicks once the button's press is drawn
        assert dialog.lines.row(conflict).doing == "Khác số liệu đã ghi: lấy số liệu của đơn vị"
        assert dialog.take_button.isEnabled()
        clerk.press(dialog, Qt.Key.Key_V, modifier=Qt.KeyboardModifier.AltModifier)  # Ghi vào sổ
        qtbot.wait(150)

    as_opened(monkeypatch, FormsPreviewDialog, deciding)
    monkeypatch.setattr(ask, "open_files", lambda *args: [vh, ca])
    told.clear()
    window.take_forms_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)

    assert sorted(seen[0]) == [  # the demo has 2025 reports of I.5 and V.10 already
        "I.4: Khác số liệu đã ghi: cần chọn", "I.5: Ghi thay", "V.10: Ghi thay"
    ]  # fmt: skip
    recorded = {code: ws.progress.get(tasks[code].id, YEAR) for code in ("I.4", "I.5", "V.10")}
    assert recorded["I.4"].percent == 80 and recorded["I.4"].result == "Theo đơn vị"
    assert recorded["V.10"].result == "Đã rà soát 4 tổ"
    assert f"«{vh.name}» ({VH}): ghi" in told[0] and f"«{ca.name}» ({CA}): ghi" in told[0]
    operations = [e.operation for e in ws.audit.entries(table="task_progress", limit=6)]
    assert any(f"theo phiếu của {VH}" in op for op in operations), operations
    qtbot.waitUntil(lambda: "đã nhận 2/" in window.overview.forms_heading.text(), timeout=10000)
    assert f"{VH}: nhận " in window.overview.forms.text()
    assert (
        f"{CA}: nhận " in window.overview.forms.text()
        and "chưa nhận" in window.overview.forms.text()
    )
    window.tabs.setCurrentIndex(0)
    clerk.look("Tổng quan: phiếu của đơn vị", window)
