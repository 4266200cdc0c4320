"""Shared fixtures: a real SQLite file on disk per test, a fixed clock, the demos built once
per session and copied per test, and the --update-goldens option (tests/snapshots.py)."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from demo_files import ACTOR, DemoFiles
from demo_packages import demo_package

from desktop.package.verify import load_roots
from desktop.workspace import Workspace

# GUI tests run without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app's data folder (journals of temporaries, the error log, the demo, the window's
# settings) is the session's own, never the user's; subprocesses inherit it.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="so-ke-hoach-test-data-")

FIXED_NOW = datetime(2026, 1, 20, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="write the document snapshots in tests/golden/ instead of comparing with them",
    )


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


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


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory) -> DemoFiles:
    """Each demo built once per session (tests/demo_files.py); `.open(path, ...)` copies it."""
    return DemoFiles(tmp_path_factory)


@pytest.fixture
def ws(request, db_path: Path, clock: Clock):
    """A new, empty database in db_path."""
    if "demo_ws" in request.fixturenames:
        pytest.fail("ws and demo_ws would both be db_path: ask for demo_ws only", pytrace=False)
    workspace = Workspace.open(db_path, actor=ACTOR, clock=clock, create=True)
    yield workspace
    workspace.close()


@pytest.fixture
def demo_ws(db_path: Path, clock: Clock, demo_files: DemoFiles):
    """Phường Trần Liêu's first-run demo, built on the test's clock (20/01/2026), in db_path."""
    workspace = demo_files.open(db_path, clock=clock, actor=ACTOR)
    yield workspace
    workspace.close()


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


@pytest.fixture(scope="module")
def made(tmp_path_factory, demo_files):
    """A demo database, a trial CA, one package of 2025 with an evidence file (the
    package tests and the hostile ones craft theirs from it)."""
    folder = tmp_path_factory.mktemp("goi")
    ca, package = demo_package(demo_files, folder)
    return folder, ca, package


@pytest.fixture(scope="module")
def roots(made):
    return load_roots([made[1].root])
