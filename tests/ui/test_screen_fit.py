"""The window and every form on an office screen (1280×720 and 1366×768, a 40 px
taskbar): each fits the room the screen leaves, each control is where the clerk can see
and reach it, and a page too tall for the room scrolls instead of being cut off."""

from __future__ import annotations

from gallery import forms
from screen_fit import maximised, problems

from desktop.domain.periods import PeriodId, PeriodKind
from ui import screen_room
from ui.main_window import MainWindow


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
    year = window.ws.periods.get(PeriodId(2025, PeriodKind.YEAR), window.plan.id)
    window.ws.locks.lock(window.plan.id, year, "goi-2025", "bao_cao_nam_2025.asice")
    window.reload()
    window.select_period(year.id)  # sent up: the lock line shows
    maximised(window, office_screen)
    assert window.first_run.isVisible() and window.banner.isVisible()
    assert window.lock_line.isVisible()
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
