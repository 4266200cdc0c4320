"""Fixtures for the Qt shell: the main window on the demo plan, a workspace for budgets."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.demo import build_demo
from desktop.workspace import Workspace
from ui.main_window import MainWindow

# Every 2026 demo payment is dated March–September 2026, so the budget's
# "disbursed so far" only shows them all once the clock is past 05/09/2026.
AFTER_2026_PAYMENTS = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


@pytest.fixture
def window(qtbot, demo_ws: Workspace):
    """The main window on the demo plan (opens on the latest period with progress)."""
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    return win


@pytest.fixture
def late_demo_ws(tmp_path: Path):
    """The demo plan in a workspace whose clock is after all the 2026 payments."""
    workspace = Workspace.open(
        tmp_path / "late.db", actor="Cán bộ thử nghiệm", clock=lambda: AFTER_2026_PAYMENTS
    )
    build_demo(workspace)
    yield workspace
    workspace.close()
