"""How fast the core is on a large plan. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_status.py [TASKS]

Builds a plan with TASKS tasks (default 2000) over 20 sections and 60 units, records a
quarter's progress for every task through the service (the clerk's path), bulk-loads
11 more months, then times the reads the window and the CLI make.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop.demo import build_demo
from desktop.domain.periods import PeriodId
from desktop.reports.status import build_status
from desktop.workspace import Workspace


def timed(label: str, fn, repeat: int = 1):
    runs = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    best, median = min(runs) * 1000, statistics.median(runs) * 1000
    print(f"{label:<58} {median:9.1f} ms (best {best:.1f}, n={repeat})")
    return result


def build_big_plan(ws: Workspace, task_count: int, quiet: bool = False, titles=None):
    """A plan of `task_count` tasks, a quarter reported through the service, 11 months bulk.
    `titles`, if given, are cycled through (real plans' long titles) instead of short ones."""
    report = (lambda label, fn: fn()) if quiet else timed
    plan = ws.plans.create("1/KH-UBND", "2026-01-05", "UBND", "Kế hoạch lớn", 2026, 2030)
    units = [f"Phòng chuyên môn số {i}" for i in range(60)]

    def load_tasks():
        with ws.change("Nạp kế hoạch lớn"):
            for s in range(20):
                section = ws.plans.add_section(plan.id, str(s + 1), f"Mục {s + 1}")
                for t in range(task_count // 20):
                    title = titles[(s * 31 + t) % len(titles)] if titles else ""
                    ws.tasks.add(
                        section.id,
                        title or f"Nhiệm vụ {s + 1}.{t + 1}: triển khai chuyển đổi số",
                        [units[(s + t) % 60]],
                        [units[(s + t + 7) % 60]],
                        ["Thường xuyên", "Tháng 6/2026", "Quý IV/2026", "Năm 2027"][t % 4],
                    )

    report(f"add {task_count} tasks through TaskService (one change)", load_tasks)
    tasks = ws.tasks.list(plan.id)

    def record_quarter():
        with ws.change("Ghi tiến độ quý I"):
            for i, task in enumerate(tasks):
                ws.progress.record(task.id, "2026-Q1", "dang_thuc_hien", i % 100)

    report(f"record {len(tasks)} progress reports (one change)", record_quarter)
    months = [PeriodId.parse(f"2026-{m:02d}") for m in range(2, 13)]
    with ws.change("Nạp tiến độ hằng tháng"):
        for pid in months:
            ws.periods.ensure(pid)
        ws.db["task_progress"].insert_all(
            {
                "task_id": task.id,
                "period_id": str(pid),
                "status": "dang_thuc_hien",
                "percent": 50,
                "updated_at": "2026-12-01T00:00:00Z",
            }
            for pid in months
            for task in tasks
        )
    return plan


def main(task_count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sokh-bench-"))
    print(f"Python {sys.version.split()[0]}, {task_count} tasks, database in {folder}")

    demo_path = folder / "demo.db"
    with Workspace.open(demo_path, create=True) as ws:
        timed("build the first-run demo (45 tasks, 55 indicators)", lambda: build_demo(ws))
    timed("Workspace.open on an existing file", lambda: Workspace.open(demo_path).close(), 20)

    with Workspace.open(folder / "big.db", create=True) as ws:
        plan = build_big_plan(ws, task_count)
        rows = ws.db.execute("SELECT count(*) FROM task_progress").fetchone()[0]
        print(f"{'progress rows':<58} {rows:9d}")
        entries = ws.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        print(f"{'audit log entries':<58} {entries:9d}")
        timed("TaskService.list (tasks with their units)", lambda: ws.tasks.list(plan.id), 5)
        year = ws.periods.get("2026")
        timed(
            "ProgressService.overview for the year", lambda: ws.progress.overview(plan.id, year), 5
        )
        timed(
            "build_status for the year (CLI status, window refresh)",
            lambda: build_status(ws, plan, year),
            5,
        )
        size = sum(p.stat().st_size for p in folder.glob("big.db*")) / 1024 / 1024
        print(f"{'database size on disk (MB, with WAL)':<58} {size:9.1f}")
    timed(
        "Workspace.open read-only on the big plan (verifies the log)",
        lambda: Workspace.open(folder / "big.db", read_only=True).close(),
        5,
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
