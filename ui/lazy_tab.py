"""A tab page built the first time it is shown or asked for: the window's first paint
needs only the page in front (and a QTabWidget sizes itself from every page it holds).

The page scrolls when the window leaves it less room than it needs (a 1280×720 screen
with a banner shown), so its bottom is never cut off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Covariant: the page is only handed out, so a LazyTab[TasksTab] is also a
# LazyTab[TasksTab | IndicatorsTab] (MainWindow.report_tabs).
PageT = TypeVar("PageT", bound=QWidget, covariant=True)


class LazyTab(QScrollArea, Generic[PageT]):
    def __init__(self, build: Callable[[], PageT], parent: QWidget | None = None):
        super().__init__(parent)
        self._build = build
        self._page: PageT | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

    @property
    def built(self) -> bool:
        return self._page is not None

    @property
    def page(self) -> PageT:
        if self._page is None:
            self._page = self._build()
            self.setWidget(self._page)
        return self._page

    def showEvent(self, event) -> None:
        self.page  # noqa: B018 (built on first show)
        super().showEvent(event)
