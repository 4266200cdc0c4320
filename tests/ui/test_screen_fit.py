"""The window and every form on an office screen (1280×720 and 1366×768, a 40 px
taskbar): each fits the room the screen leaves, each control is where the clerk can see
and reach it, and a page too tall for the room scrolls instead of being cut off."""

from __future__ import annotations

import pytest
from gallery import forms
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from screen_fit import SCREENS, problems, room_of

from desktop.domain.periods import PeriodId, PeriodKind
from ui import screen_room
from ui.main_window import MainWindow


@pytest.fixture(params=SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def office_screen(request, monkeypatch, qapp) -> QRect:
    """The screen the windows open on, and the fitting every window gets when shown."""
    room = room_of(*request.param)
    monkeypatch.setattr(screen_room, "available", lambda widget=None: room)
    fitting = screen_room._FitShown(qapp)
    qapp.installEventFilter(fitting)
    yield room
    qapp.removeEventFilter(fitting)


def maximised(window: MainWindow, room: QRect) -> None:
    inside = screen_room.room(window)
    window.setGeometry(room.x(), room.y() + 30, inside.width(), inside.height())
    window.show()
    QApplication.processEvents()


def tab_problems(window: MainWindow, qtbot) -> dict[str, list[str]]:
    found = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        if said := problems(window):
            found[window.tabs.tabText(index)] = said
    return found


def test_the_window_and_each_tab_fit_with_every_banner_shown(qtbot, window, office_screen):
    window.welcome = True  # the first-run banner, as after the wizard
    window.ws.warnings += ("Tệp nhật ký của phiên trước đã được đặt sang một bên.",) * 2
    window.reload()
    window.select_period(PeriodId(2025, PeriodKind.YEAR))  # sent up: the lock line shows
    maximised(window, office_screen)
    assert window.first_run.isVisible() and window.banner.isVisible()
    room = screen_room.room(window)
    hint = window.minimumSizeHint()
    assert hint.width() <= room.width() and hint.height() <= room.height()
    assert tab_problems(window, qtbot) == {}


def test_every_form_fits_and_shows_each_control(qtbot, window, office_screen, tmp_path):
    maximised(window, office_screen)
    window.show_tab(window.budget)
    found = {}
    for name, make in forms(window, tmp_path / "moi.db").items():
        if isinstance(make, str):  # this database cannot show it
            continue
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(20)
        if said := problems(dialog):
            found[name] = said
        dialog.hide()
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
