"""The demo databases built once per test session, then copied for each test.

Building a demo takes about 0.3 s, and most tests start from one. Each demo is built the
first time it is asked for, at the moment and by the actor the test would have built it
with (the demo records only the periods already closed on the day it is built, and its
audit log carries the time and the actor), into a file of its own that nobody opens
again. A test gets a byte copy of that closed file in its own folder.

What a copy shares with the other copies of the same build: the database identity (a
random uid made once per database) and the audit log's contents. A test that needs a
database of its own identity, or is about building the demo, builds one itself.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from desktop.demo import DEFAULT_DEMO, build_demo
from desktop.workspace import Workspace

ACTOR = "Cán bộ thử nghiệm"  # who changes the tests' workspaces (tests/conftest.py)
_LOCK = ".lock"  # the writer lock's file stays after it is released; it holds no data


class _Folders:
    """mktemp() as pytest's TempPathFactory has it, in a folder of one's own (bench/)."""

    def __init__(self, root: Path):
        self.root, self.count = Path(root), 0

    def mktemp(self, name: str) -> Path:
        self.count += 1
        made = self.root / f"{name}{self.count}"
        made.mkdir(parents=True)
        return made


class DemoFiles:
    def __init__(self, tmp_path_factory: pytest.TempPathFactory | _Folders):
        self._factory = tmp_path_factory
        self._built: dict[tuple[str, datetime | None, str | None], Path] = {}

    @classmethod
    def in_folder(cls, root: Path) -> DemoFiles:
        """Demo files built under `root`, outside a test session (the benchmarks)."""
        return cls(_Folders(root))

    def built(self, which: str, at: datetime | None, actor: str | None) -> Path:
        """The closed database of demo `which` built at the moment `at` (None: on the real
        clock, Workspace.open's default) by `actor` (None: the login name, the default)."""
        key = (which, at, actor)
        if key not in self._built:
            path = self._factory.mktemp(f"demo-{which}") / f"{which}.db"
            ws = Workspace.open(
                path, actor=actor, clock=None if at is None else (lambda: at), create=True
            )
            try:
                build_demo(ws, which)
            finally:
                ws.close()
            # Closing the last connection checkpoints the WAL into the file and removes
            # it: the file alone is the whole database. A new file takes no daily backup.
            others = sorted(p.name for p in path.parent.iterdir() if p != path)
            assert others in ([], [path.name + _LOCK]), f"beside the demo's database: {others}"
            path.chmod(0o444)  # never written again: a test writes to its own copy
            self._built[key] = path
        return self._built[key]

    def copy(
        self,
        dest: Path,
        which: str = DEFAULT_DEMO,
        *,
        at: datetime | None,
        actor: str | None,
    ) -> Path:
        """A copy of the demo (see `built`) at `dest`, a file nobody else has."""
        dest = Path(dest)
        assert not dest.exists(), dest
        shutil.copyfile(self.built(which, at, actor), dest)  # the data, not the read-only mode
        return dest

    def open(
        self,
        dest: Path,
        which: str = DEFAULT_DEMO,
        *,
        clock: Callable[[], datetime] | None,
        actor: str | None,
    ) -> Workspace:
        """What `Workspace.open(dest, create=True)` then `build_demo(ws, which)` gave: a
        copy of the demo built at `clock()` by `actor`, open with `clock`.

        Opened without the daily backup: the workspace the demo used to be built in was
        a new file, and Workspace.open takes no backup of a new file, so a test finds no
        `sao_luu` folder until it opens the file again, as before."""
        at = None if clock is None else clock()
        self.copy(dest, which, at=at, actor=actor)
        return Workspace.open(dest, actor=actor, clock=clock, daily_backup=False)
