"""Trợ giúp → Giới thiệu: the app and its database, the open-source licences it is made of
(made from this virtualenv, as a run from source shows them) and Qt's own About box, each
reached from the keyboard."""

from __future__ import annotations

from importlib import metadata

from modal import when_asked
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from desktop import __version__
from ui.about_dialog import AboutDialog


def test_the_about_box_shows_the_licences_and_qts_own(qtbot, window):
    def look(dialog: AboutDialog) -> tuple:
        dialog.activateWindow()  # as the window system does for a dialog that opens
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        about = dialog.tabs.currentWidget().text()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        licences = dialog.tabs.currentWidget().page.toPlainText()
        qt_box = when_asked(lambda box: (box.windowTitle(), box.text()))
        qtbot.keyClick(dialog.qt_button, Qt.Key.Key_Space)  # Qt's own About box, modal
        return type(dialog), about, licences, qt_box

    seen = when_asked(look)
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Giới thiệu Sổ Kế hoạch"]
    action.trigger()
    [(kind, about, licences, qt_box)] = seen
    assert kind is AboutDialog
    assert f"Sổ Kế hoạch {__version__}" in about and str(window.ws.path) in about
    qt = metadata.version("PySide6-Essentials")
    assert f"PySide6_Essentials {qt}" in licences and "LGPL-3.0-only" in licences
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licences
    assert f"certifi {metadata.version('certifi')}" in licences and "MPL-2.0" in licences
    [(title, text)] = qt_box
    assert title == "Về Qt" and f"dùng Qt phiên bản {qt}" in text  # in Vietnamese, as Qt says it
