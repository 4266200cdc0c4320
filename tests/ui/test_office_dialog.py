"""Kế hoạch → Thông tin cơ quan…: the office's name, level, agency code and the unit above,
corrected after the first-run wizard, by keyboard, in one change; the window's title and
documents follow."""

from __future__ import annotations

import pytest
from demo_packages import CLOCK, demo_package
from PySide6.QtCore import Qt
from qt_tables import type_text
from test_documents_tab import made
from test_plan_forms import scripted

from desktop.domain.model import OfficeLevel
from desktop.workspace import Workspace
from ui import ask
from ui.main_window import MainWindow
from ui.office_dialog import OfficeDialog


def plan_menu_texts(window) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Kế hoạch")
    return [a.text() for a in menu.actions() if a.text()]


def opened(qtbot, dialog) -> None:
    """Shown as exec() shows it, the focus where the clerk starts typing."""
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None and dialog.isActiveWindow())


def retype(qtbot, field, text: str) -> None:
    """Over what the field holds, as the clerk does: select it all, type."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field, text)


def count_changes(ws) -> int:
    return ws.db.execute("SELECT count(DISTINCT txn) FROM audit_log").fetchone()[0]


def test_the_office_is_corrected_from_the_plan_menu_and_the_title_follows(
    qtbot, demo_ws, window, monkeypatch
):
    assert "Thông tin cơ &quan…" in plan_menu_texts(window)
    assert window.office_action.isEnabled()
    assert window.windowTitle() == "Sổ Kế hoạch — UBND phường Trần Liêu — so_ke_hoach.db"
    before = count_changes(demo_ws)
    seen = {}

    def correct(dialog: OfficeDialog):
        opened(qtbot, dialog)
        fields = dialog.fields
        seen["focus"], seen["name"] = dialog.focusWidget(), fields.name
        seen["shown"] = fields.values()
        seen["levels"] = [fields.level.itemText(i) for i in range(fields.level.count())]
        # Typed as it is often written: the committee and the level come off the name.
        retype(qtbot, fields.name, "UBND phường Hải An")
        qtbot.keyClick(fields.name, Qt.Key.Key_Tab)
        qtbot.keyClick(fields.level, Qt.Key.Key_Tab)
        type_text(fields.agency_code, "000.00.31.H41")
        qtbot.keyClick(fields.agency_code, Qt.Key.Key_Tab)
        seen["parent focus"] = fields.parent_name.hasFocus()
        qtbot.keyClick(fields.parent_name, Qt.Key.Key_Return)  # Enter saves
        seen["open"] = dialog.isVisible()

    scripted(monkeypatch, OfficeDialog, correct)
    window.office_action.trigger()

    assert seen["focus"] is seen["name"]
    assert seen["shown"] == ("Trần Liêu", OfficeLevel.PHUONG, "", "thành phố Hải Phòng")
    assert seen["levels"] == ["Xã", "Phường", "Đặc khu"]
    assert seen["parent focus"] and not seen["open"]
    office = demo_ws.office.get()
    assert (office.name, office.level, office.agency_code, office.parent_name) == (
        "Hải An",
        OfficeLevel.PHUONG,
        "000.00.31.H41",
        "thành phố Hải Phòng",
    )
    assert count_changes(demo_ws) == before + 1
    assert window.windowTitle() == "Sổ Kế hoạch — UBND phường Hải An — so_ke_hoach.db"


def test_the_documents_header_follows_the_new_name(qtbot, demo_ws, window, monkeypatch):
    demo_ws.document_settings.save(signer_name="Nguyễn Văn An")
    tab = made(qtbot, window)
    assert tab.made.document.letter.header.agency == "PHƯỜNG TRẦN LIÊU"

    def rename(dialog: OfficeDialog):
        opened(qtbot, dialog)
        retype(qtbot, dialog.fields.name, "Hải An")
        qtbot.keyClick(dialog.fields.name, Qt.Key.Key_Return)

    scripted(monkeypatch, OfficeDialog, rename)
    window.office_action.trigger()
    qtbot.waitUntil(
        lambda: tab.made is not None and tab.made.document.letter.header.agency == "PHƯỜNG HẢI AN",
        timeout=20000,
    )


@pytest.mark.parametrize(
    ("field", "typed", "problem"),
    [
        ("agency_code", "000 00 31", "Mã định danh «000 00 31» chỉ gồm chữ số"),
        ("name", "UBND", "Tên đơn vị hành chính không được để trống."),
    ],
)
def test_what_cannot_be_stored_is_said_on_the_form_and_nothing_is_written(
    qtbot, demo_ws, field, typed, problem
):
    before = count_changes(demo_ws)
    dialog = OfficeDialog(demo_ws)
    qtbot.addWidget(dialog)
    opened(qtbot, dialog)
    retype(qtbot, getattr(dialog.fields, field), typed)
    qtbot.keyClick(getattr(dialog.fields, field), Qt.Key.Key_Return)
    assert dialog.isVisible() and problem in dialog.problem.text()
    assert count_changes(demo_ws) == before and demo_ws.office.get().name == "Trần Liêu"


@pytest.mark.parametrize(
    ("answer", "open_after", "name"),
    [
        (ask.Unsaved.CANCEL, True, "Trần Liêu"),
        (ask.Unsaved.DISCARD, False, "Trần Liêu"),
        (ask.Unsaved.SAVE, False, "Hải An"),
    ],
)
def test_esc_with_something_typed_asks_first(qtbot, demo_ws, monkeypatch, answer, open_after, name):
    asked = []
    monkeypatch.setattr(ask, "unsaved", lambda parent, what: asked.append(what) or answer)
    dialog = OfficeDialog(demo_ws)
    qtbot.addWidget(dialog)
    opened(qtbot, dialog)
    retype(qtbot, dialog.fields.name, "Hải An")
    qtbot.keyClick(dialog.fields.name, Qt.Key.Key_Escape)
    assert asked == ["«Thông tin cơ quan»"]
    assert dialog.isVisible() == open_after and demo_ws.office.get().name == name


def test_esc_with_nothing_typed_just_closes(qtbot, demo_ws):
    dialog = OfficeDialog(demo_ws)  # any question would fail the test
    qtbot.addWidget(dialog)
    opened(qtbot, dialog)
    qtbot.keyClick(dialog.fields.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_renaming_after_sending_says_what_to_tell_the_level_above(
    qtbot, tmp_path, demo_files, monkeypatch
):
    demo_package(demo_files, tmp_path, evidence=False)
    ws = Workspace.open(tmp_path / "tl.db", clock=lambda: CLOCK)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    told = []
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))

    def rename(dialog: OfficeDialog):
        opened(qtbot, dialog)
        retype(qtbot, dialog.fields.name, "Hải An")
        qtbot.keyClick(dialog.fields.name, Qt.Key.Key_Return)

    scripted(monkeypatch, OfficeDialog, rename)
    window.office_action.trigger()
    assert len(told) == 1 and told[0].startswith("Cơ quan đã gửi 1 gói báo cáo lên cấp trên")
    assert "thành UBND phường Hải An để các gói gửi sau được nhận" in told[0]
    ws.close()


def test_the_level_above_is_offered_its_own_levels(qtbot, ws):
    ws.office.save("Hải Phòng", "tinh")
    dialog = OfficeDialog(ws)
    qtbot.addWidget(dialog)
    level = dialog.fields.level
    assert [level.itemText(i) for i in range(level.count())] == ["Tỉnh", "Huyện"]
    assert dialog.form.labelForField(dialog.fields.name).text() == "Tên tỉnh, huyện"
    assert dialog.fields.values() == ("Hải Phòng", OfficeLevel.TINH, "", "")


def test_a_database_open_to_look_only_cannot_change_its_office(qtbot, demo_ws):
    demo_ws.read_only_reason = "Chỉ xem"
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    assert not window.office_action.isEnabled()
