"""Shared fixtures: a real SQLite file on disk per test, a fixed clock."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.demo import build_demo
from desktop.workspace import Workspace

# GUI tests run without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXED_NOW = datetime(2026, 1, 20, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội


class Clock:
    """The workspace's clock; a test moves `now` to record what happens later."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set_today(self, year: int, month: int, day: int) -> None:
        self.now = datetime(year, month, day, 3, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock(FIXED_NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "so_ke_hoach.db"


@pytest.fixture
def ws(db_path: Path, clock: Clock):
    workspace = Workspace.open(db_path, actor="Cán bộ thử nghiệm", clock=clock, create=True)
    yield workspace
    workspace.close()


@pytest.fixture
def demo_ws(ws: Workspace) -> Workspace:
    build_demo(ws)
    return ws


@pytest.fixture
def plan(ws: Workspace):
    """A small plan with one section, for service tests."""
    ws.office.save("Hưng Nguyên", "xa", parent_name="tỉnh Nghệ An")
    return ws.plans.create(
        "41/KH-UBND",
        "2025-08-20",
        "UBND xã Hưng Nguyên",
        "Hoạt động khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2026",
        2026,
        2026,
    )


@pytest.fixture
def section(ws: Workspace, plan):
    return ws.plans.add_section(plan.id, "I", "Nâng cao nhận thức")
