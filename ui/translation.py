"""Qt's own words in Vietnamese: the file, message and print dialogs, the wizards'
buttons, the edit fields' context menus (resources/i18n/qt_vi.ts; Qt ships no Vietnamese),
and the calendar's month and day names (Qt's locale data, chosen here: the office's
computer may well run in English)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication

import resources

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
QT_WORDS = resources.path("i18n/qt_vi.qm")


def install(app: QApplication) -> None:
    """Before the first widget: a widget takes the default locale when it is made."""
    QLocale.setDefault(VIETNAMESE)
    translator = QTranslator(app)  # the application keeps it alive
    if translator.load(str(QT_WORDS)):  # tests/ui/test_translation.py: it does load
        app.installTranslator(translator)
