"""The Qt binding must not eat references to None.

PySide6 6.12.0 drops one reference to None on every call of a C++ method that returns
nothing (setText, resizeSection, a model reset...). On Python 3.11, where None is not
immortal, the process aborts ("deallocating None") after a few thousand calls: within
minutes of a clerk's work. The pinned release must not do it.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLabel

from ui.task_table import TaskTableModel


def test_calls_returning_nothing_keep_none_alive(qtbot):
    label, combo = QLabel(), QComboBox()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    model, items = TaskTableModel(), QStandardItemModel()
    calls = 2000
    before = sys.getrefcount(None)
    for _ in range(calls):
        label.setText("Chuyển đổi số")
        combo.addItem("Quý I", "quarter:1")
        model.set_items([])
        items.appendRow([QStandardItem("Nhiệm vụ")])
    # References come and go with the objects made above, but not one per call (6.12.0
    # loses 4 per round here).
    assert before - sys.getrefcount(None) < calls // 2
