"""How fast the units' forms are taken in, beside openpyxl's bare read of the same files.
Prints figures.

    .venv/bin/python bench/bench_forms.py [UNITS] [ROWS] [--runs N]

Makes an office and a plan with the services (UNITS units, default 30, each leading ROWS
tasks, default 50), writes each unit's form for the period, fills every row of every form
as a unit would (a status, a percentage or a completion date, three texts), then times in
the same run: openpyxl loading each file read-only and iterating all its cells (the floor
for any reader), and taking them in: the preview (read, checked, set beside what is
recorded) and the take (every row written and audited, one change), on a fresh copy of
the database each run. Target (issue 27): 30 forms of 50 rows taken in ≤ 3 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook

from desktop.unit_forms.layout import HEADER_ROW, SHEETS, STATUS_LABELS, TASK_SHEET, position
from desktop.unit_forms.preview import preview
from desktop.unit_forms.take import take
from desktop.unit_forms.write import write_forms
from desktop.workspace import Workspace

NOW = datetime(2026, 1, 20, 3, tzinfo=UTC)
PERIOD = "2026"
COLUMNS = SHEETS[TASK_SHEET]


def make_office(path: Path, units: int, rows: int) -> None:
    with Workspace.open(path, create=True, clock=lambda: NOW, actor="Cán bộ thử") as ws:
        ws.office.save("Thử Nghiệm", "xa", parent_name="tỉnh Thử")
        plan = ws.plans.create(
            "7/KH-UBND", "2025-12-01", "UBND xã Thử Nghiệm", "Kế hoạch thử đo", 2026, 2026
        )
        with ws.change("Lập kế hoạch thử đo"):
            for u in range(units):
                unit = ws.units.add(f"Phòng chuyên môn số {u + 1}", "phong")
                section = ws.plans.add_section(plan.id, f"S{u + 1}", f"Nhiệm vụ nhóm {u + 1}")
                for t in range(rows):
                    ws.tasks.add(
                        section.id,
                        f"Triển khai nhiệm vụ số {t + 1} của nhóm {u + 1}: số hóa hồ sơ, dữ liệu",
                        [unit],
                        deadline_text="Quý IV/2026",
                    )


def fill(path: Path) -> None:
    """Every row filled in as a unit would."""
    book = load_workbook(path)
    sheet = book[TASK_SHEET]
    at = {c.field: position(COLUMNS, c.field) for c in COLUMNS}
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if not sheet.cell(row, 1).value:
            continue
        if row % 5:
            sheet.cell(row, at["status"]).value = STATUS_LABELS[1]
            sheet.cell(row, at["percent"]).value = row % 100
        else:
            sheet.cell(row, at["status"]).value = STATUS_LABELS[2]
            sheet.cell(row, at["completed_on"]).value = date(2026, 1, 1 + row % 15)
        sheet.cell(row, at["result"]).value = f"Đã thực hiện phần việc của dòng {row}"
        sheet.cell(row, at["difficulties"]).value = "Thiếu nhân lực"
        sheet.cell(row, at["proposals"]).value = "Bổ sung kinh phí"
    book.save(path)


def bare_read(paths: list[Path]) -> None:
    for path in paths:
        book = load_workbook(path, read_only=True)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    _ = cell.value
        book.close()


def main(units: int, rows: int, runs: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sokh-bench-forms-"))
    original = folder / "goc.db"
    make_office(original, units, rows)
    with Workspace.open(original, clock=lambda: NOW, daily_backup=False) as ws:
        plan = ws.plans.current()
        assert plan is not None
        paths = write_forms(ws, plan, ws.periods.get(PERIOD, plan.id), folder / "phieu")
    for path in paths:
        fill(path)
    size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    print(f"{len(paths)} forms of {rows} rows, {size:.0f} KB each, in {folder}")

    floors, previews_, takes = [], [], []
    for run in range(runs):
        start = time.perf_counter()
        bare_read(paths)
        floors.append(time.perf_counter() - start)
        copy = folder / f"lan{run}.db"
        shutil.copy(original, copy)
        with Workspace.open(copy, clock=lambda: NOW, daily_backup=False) as ws:
            start = time.perf_counter()
            seen = preview(ws, paths)
            previews_.append(time.perf_counter() - start)
            assert all(f.recognised and not f.errors for f in seen), seen[0].summary
            start = time.perf_counter()
            result = take(ws, seen)
            takes.append(time.perf_counter() - start)
            assert sum(t.recorded for t in result.taken) == units * rows
    floor, read, write = (statistics.median(t) for t in (floors, previews_, takes))
    for label, value in (
        ("openpyxl: load read-only, iterate every cell", floor),
        ("preview (read, check, set beside the records)", read),
        (f"take ({units * rows} rows written and audited, one change)", write),
        ("taken in: preview + take", read + write),
    ):
        print(f"{label:<56} {value * 1000:8.0f} ms (n={runs})")
    print(f"taken in / openpyxl bare read: {(read + write) / floor:.1f}x; target: taken in ≤ 3 s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("units", nargs="?", type=int, default=30)
    parser.add_argument("rows", nargs="?", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    main(options.units, options.rows, options.runs)
