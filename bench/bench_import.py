"""How fast an annex is understood and written, beside openpyxl's own read. Prints figures.

    .venv/bin/python bench/bench_import.py [ROWS] [--runs N]

Writes a task annex of ROWS task rows (default 2,000) in 20 sections, with the title
rows, a numbering row, continuation rows and 60 units, then times in the same run:
openpyxl loading it and reading every value (the floor for any importer), understanding
it (no write), and writing it into a new database (one change). Targets: understood
in ≤ 2 s, written in ≤ 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from desktop import importing
from desktop.workspace import Workspace

UNITS = [f"Phòng chuyên môn số {i}" for i in range(60)]


def make_annex(path: Path, rows: int) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["PHỤ LỤC II"])
    sheet.append(["CÁC NHIỆM VỤ CHUYỂN ĐỔI SỐ"])
    sheet.append(["(Kèm theo Kế hoạch số 7/KH-UBND ngày 05/01/2026 của UBND xã Thử Nghiệm)"])
    sheet.append(["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                  "Thời gian hoàn thành", "Sản phẩm", "Ghi chú"])  # fmt: skip
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    per_section = rows // 20
    for s in range(20):
        sheet.append([["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                       "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"][s],
                      f"Nhóm nhiệm vụ số {s + 1} về chuyển đổi số"])  # fmt: skip
        for t in range(per_section):
            sheet.append([
                t + 1,
                f"Triển khai nhiệm vụ số {t + 1} của nhóm {s + 1}: số hóa hồ sơ, dữ liệu",
                UNITS[(s + t) % 60],
                f"{UNITS[(s + t + 7) % 60]}; {UNITS[(s + t + 11) % 60]}",
                ["Thường xuyên", "Quý IV/2026", "Tháng 6/2026", "Hằng năm"][t % 4],
                "Báo cáo",
                "",
            ])  # fmt: skip
            if t % 10 == 0:
                sheet.append(["", "và các nội dung liên quan", "", "", "", "", ""])
    book.save(path)


def timed(label: str, action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<56} {median * 1000:8.0f} ms (n={runs})")
    return median


def main(rows: int, runs: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sokh-bench-import-"))
    annex = folder / "phu_luc.xlsx"
    make_annex(annex, rows)
    print(f"{rows} task rows, {annex.stat().st_size / 1024:.0f} KB, in {folder}")

    def openpyxl_read():
        book = load_workbook(annex, data_only=True)
        for row in book.active.iter_rows(values_only=True):
            list(row)
        book.close()

    floor = timed("openpyxl: load and read every value", openpyxl_read, runs)
    with Workspace.open(folder / "read.db", create=True) as ws:
        read = timed(
            "understand (read, find header, parse; no write)",
            lambda: importing.understand(ws, annex),
            runs,
        )
    writes = []
    for run in range(runs):
        with Workspace.open(folder / f"write{run}.db", create=True) as ws:
            understood = importing.understand(ws, annex)
            assert not understood.errors, understood.errors[:3]
            start = time.perf_counter()
            importing.write(ws, understood)
            writes.append(time.perf_counter() - start)
            count = understood.task_count
    write = statistics.median(writes)
    print(f"{'write (plan, sections, ' + str(count) + ' tasks, units; one change)':<56} "
          f"{write * 1000:8.0f} ms (n={runs})")  # fmt: skip
    print(f"understand / openpyxl read: {read / floor:.2f}x; targets: understand ≤ 2 s, "
          f"write ≤ 3 s")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    main(options.rows, options.runs)
