"""The period report as PDF and XLSX, beside bare reportlab and openpyxl. Prints figures.

    .venv/bin/python bench/bench_documents.py [--runs N] [--big-runs N] [--tasks N]

Three plans, each in a fresh database in a temporary folder, the clock at 25/07/2026:

- the two demos: xã Hưng Nguyên's plan for 2026-Q2 (the tests' golden report, three
  appendices with the budget) and phường Trần Liêu's first-run demo for 2025 (its year
  with reports);
- a plan of --tasks tasks (default 2,000; bench_status.build_big_plan with the demo's
  real, long task titles, as bench_task_table does) for 2026-Q1, its quarter reported.

For each, timed apart: building the model (documents.period_report), pdf.render and
xlsx.render; 'PDF' and 'XLSX' totals are the model plus the writer. Beside them, in the
same run (the machine is shared, absolute times drift), the same cells written bare:

- PDF: one landscape A4 SimpleDocTemplate to a BytesIO (its frame where the writer's
  is), one platypus Table per appendix (repeatRows=1, the appendix's column widths, the
  bundled font; no grid, colours or alignment) holding the appendix's own cell texts:
  'bare ¶': every cell a Paragraph of the writer's cell size (11/13 pt; the fair
  floor, the writer wraps every cell), a section row's text in the widest column;
  '¶+spans': the same with section rows spanned across the table, as the writer lays
  them out (reportlab's SPAN handling is part of what is measured there);
  'bare str': plain strings, no wrapping (the absolute floor: far fewer, shorter rows).
- XLSX: an openpyxl Workbook(write_only=True), one sheet per appendix, the same values
  appended (numbers as numbers), saved to a BytesIO.

Cells: per appendix its header cells, every column of a data or total row, and one cell
per section row (the one text it holds; the writers span it across the table). The
report's portrait pages (header, body, signature) are in its times, not in the
baselines; the 'pp' columns give the pages of each.

Targets: PDF and XLSX (model + writer) ≤ 1.5× their baselines (the PDF's: 'bare ¶');
a demo report, PDF and XLSX (model + PDF + XLSX), ≤ 1 s. Each figure is the median of
--runs runs (default 5) for the demos and --big-runs (default 2, their mean: a run
of the big plan takes about a minute) for the big plan.
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from openpyxl import Workbook  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import PageBreak, SimpleDocTemplate, TableStyle  # noqa: E402
from reportlab.platypus import Paragraph as RLParagraph  # noqa: E402
from reportlab.platypus import Table as RLTable  # noqa: E402

from desktop.demo import build_demo  # noqa: E402
from desktop.documents import fonts, pdf, period_report, xlsx  # noqa: E402
from desktop.documents.model import Document, RowKind  # noqa: E402
from desktop.domain.periods import PeriodId  # noqa: E402
from desktop.workspace import Workspace  # noqa: E402

CLOCK = datetime(2026, 7, 25, 3, tzinfo=UTC)  # 25/07/2026 10:00 in Hà Nội, as the tests
MM = 72 / 25.4
WIDE = landscape(A4)[0] - 45 * MM  # the writer's landscape frame: 30 mm left, 15 mm right
PAD = 6  # SimpleDocTemplate's frame padding (points)
DEMO_TARGET_MS = 1000
RATIO_TARGET = 1.5


def _settings(ws: Workspace) -> None:
    ws.document_settings.save(
        signer_name="Nguyễn Văn An",
        signer_title="PHÓ CHỦ TỊCH",
        number="15",
        recipients=["- Như trên;", "- TT Đảng ủy xã;"],
    )


def build_plans(folder: Path, tasks: int) -> list[tuple[str, Path, str]]:
    """(label, database, period) for the two demos and the big plan."""
    from bench_status import build_big_plan

    plans = []
    titles: list[str] = []
    for which, key in (("hung-nguyen", "2026-Q2"), ("tran-lieu", "2025")):
        path = folder / f"{which}.db"
        with Workspace.open(path, create=True, clock=lambda: CLOCK) as ws:
            plan = build_demo(ws, which)
            _settings(ws)
            titles += [t.title for t in ws.tasks.list(plan.id)]
        plans.append((f"demo {which}", path, key))
    path = folder / "big.db"
    with Workspace.open(path, create=True, clock=lambda: CLOCK) as ws:
        ws.office.save("Thử Nghiệm", "xa", parent_name="tỉnh Nghệ An")
        _settings(ws)
        build_big_plan(ws, tasks, quiet=True, titles=titles)
    plans.append((f"{tasks} tasks", path, "2026-Q1"))
    return plans


def cell_count(document: Document) -> int:
    count = 0
    for table in document.appendices:
        count += len(table.columns)
        for row in table.rows:
            count += 1 if row.kind is RowKind.SECTION else len(row.cells)
    return count


def _rows(table) -> list[list]:
    """The appendix's header and rows as values; a section row: its one text."""
    rows = [[c.title for c in table.columns]]
    for row in table.rows:
        rows.append([row.cells[0]] if row.kind is RowKind.SECTION else list(row.cells))
    return rows


def _text(value) -> str:
    return "" if value is None else str(value)


def baseline_pdf(document: Document, paragraphs: bool, spans: bool) -> tuple[bytes, int]:
    """The appendices' cells in bare platypus Tables; (bytes, pages). A section row's text
    is spanned across the table (`spans`, as the writer) or put in the widest column."""
    fonts.register()  # the bundled faces, as the writer registers them
    style = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=11, leading=13)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=30 * MM - PAD,  # its frame pads by 6 pt: the writer's frame, unpadded
        rightMargin=15 * MM - PAD,
        topMargin=20 * MM - PAD,
        bottomMargin=20 * MM - PAD,
        initialFontName=fonts.REGULAR,
    )
    flow = []
    for table in document.appendices:
        width = len(table.columns)
        widest = max(range(width), key=lambda i: table.columns[i].width)
        data = []
        commands = [("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)]
        for index, values in enumerate(_rows(table)):
            texts = [_text(v) for v in values]
            if len(texts) < width and spans:
                commands.append(("SPAN", (0, index), (-1, index)))
                texts += [""] * (width - 1)
            elif len(texts) < width:
                texts = [texts[0] if i == widest else "" for i in range(width)]
            data.append([RLParagraph(escape(t), style) for t in texts] if paragraphs else texts)
        total = sum(c.width for c in table.columns)
        widths = [WIDE * c.width / total for c in table.columns]
        grid = RLTable(data, colWidths=widths, repeatRows=1)
        grid.setStyle(TableStyle(commands))
        flow += [grid, PageBreak()]
    doc.build(flow[:-1])
    return buffer.getvalue(), doc.page


def baseline_xlsx(document: Document) -> bytes:
    book = Workbook(write_only=True)
    for table in document.appendices:
        sheet = book.create_sheet((table.sheet_name or table.label)[:31])
        for values in _rows(table):
            sheet.append([None if v == "" else v for v in values])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BASELINES = {  # name: (what, writer)
    "bare": ("Paragraph cells", lambda d: baseline_pdf(d, True, False)),
    "spans": ("Paragraph cells, sections spanned", lambda d: baseline_pdf(d, True, True)),
    "str": ("plain strings", lambda d: baseline_pdf(d, False, False)),
    "base_xlsx": ("write-only sheet", baseline_xlsx),
}


def _body_paragraphs(document: Document) -> int:
    """Paragraphs of the letter before the appendices (0 for appendices alone)."""
    return len(document.letter.body) if document.letter is not None else 0


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def _ms(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return 1000 * (time.perf_counter() - start), result


def measure(path: Path, key: str, runs: int) -> dict:
    """Medians (ms) of the report's stages and of the baselines, interleaved per run."""
    times: dict[str, list[float]] = {}
    figures: dict = {}
    with Workspace.open(path, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse(key), plan.id)
        for _ in range(runs):
            run = {}
            run["model"], document = _ms(lambda: period_report(ws, plan, period))
            run["pdf"], data = _ms(lambda d=document: pdf.render(d))
            run["xlsx"], book = _ms(lambda d=document: xlsx.render(d))
            run["all"] = run["model"] + run["pdf"] + run["xlsx"]
            for name, (_, write) in BASELINES.items():
                run[name], written = _ms(lambda d=document, w=write: w(d))
                if isinstance(written, tuple):
                    figures[f"{name}_pages"] = written[1]
            for name, value in run.items():
                times.setdefault(name, []).append(value)
        figures.update({name: statistics.median(values) for name, values in times.items()})
        figures.update(
            cells=cell_count(document),
            tables=len(document.appendices),
            rows=sum(len(t.rows) for t in document.appendices),
            body=_body_paragraphs(document),
            pages=pdf_pages(data),
            pdf_kb=len(data) / 1024,
            xlsx_kb=len(book) / 1024,
        )
    return figures


def warm_up(path: Path, key: str) -> None:
    """Imports, font registration and first-call caches, outside the timings."""
    with Workspace.open(path, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        document = period_report(ws, plan, ws.periods.get(PeriodId.parse(key), plan.id))
        pdf.render(document)
        xlsx.render(document)
        for _, write in BASELINES.values():
            write(document)


def _row(label: str, *cells: str, width: int = 10) -> str:
    return f"{label:<18}" + "".join(f"{c:>{width}}" for c in cells)


def report(results: list) -> None:
    heads = ("period", "tables", "rows", "cells", "body ¶", "PDF KB", "XLSX KB", "pages")
    print(_row("plan", *heads, "¶ pp", "spans pp", "str pp", width=9))
    for label, key, _, f in results:
        cells = [key, *(str(f[k]) for k in ("tables", "rows", "cells", "body"))]
        cells += [f"{f['pdf_kb']:.0f}", f"{f['xlsx_kb']:.0f}", str(f["pages"])]
        cells += [str(f[f"{k}_pages"]) for k in ("bare", "spans", "str")]
        print(_row(label, *cells, width=9))
    print("cells: header cells + every column of data and total rows + 1 per section row;")
    print("pp: pages, the report's (letter included) and the PDF baselines' (bare ¶, ¶+spans, str)")

    print("\nPDF, ms")
    heads = ("model", "render", "PDF", "bare ¶", "ratio", "¶+spans", "ratio", "bare str", "ratio")
    print(_row("plan", "n", *heads))
    for label, _, n, f in results:
        total = f["model"] + f["pdf"]
        cells = [str(n), f"{f['model']:.1f}", f"{f['pdf']:.1f}", f"{total:.1f}"]
        for name in ("bare", "spans", "str"):
            cells += [f"{f[name]:.1f}", f"{total / f[name]:.2f}x"]
        print(_row(label, *cells))

    print("\nXLSX, ms")
    print(_row("plan", "n", "model", "render", "XLSX", "write-only", "ratio", width=11))
    for label, _, n, f in results:
        total = f["model"] + f["xlsx"]
        cells = [str(n), f"{f['model']:.1f}", f"{f['xlsx']:.1f}", f"{total:.1f}"]
        cells += [f"{f['base_xlsx']:.1f}", f"{total / f['base_xlsx']:.2f}x"]
        print(_row(label, *cells, width=11))

    print(
        "\nPDF, XLSX: model (documents.period_report) + the writer; ratios: that total over"
        f" the\nbaseline before it (target ≤ {RATIO_TARGET}x; for the PDF against 'bare ¶')."
        "\nThe writer alone over its baseline:"
    )
    for label, _, _, f in results:
        print(
            f"  {label:<18} pdf / bare ¶ {f['pdf'] / f['bare']:.2f}x, "
            f"pdf / ¶+spans {f['pdf'] / f['spans']:.2f}x, "
            f"xlsx / write-only {f['xlsx'] / f['base_xlsx']:.2f}x"
        )
    for label, _, _, f in results:
        if label.startswith("demo"):
            verdict = "within" if f["all"] <= DEMO_TARGET_MS else "OVER"
            print(
                f"{label}: model + PDF + XLSX {f['all']:.0f} ms (median of the runs' sums), "
                f"{verdict} the {DEMO_TARGET_MS} ms target"
            )


def main(runs: int, big_runs: int, tasks: int) -> None:
    with tempfile.TemporaryDirectory(prefix="sokh-bench-documents-") as name:
        folder = Path(name)
        start = time.perf_counter()
        plans = build_plans(folder, tasks)
        built = time.perf_counter() - start
        print(f"databases built in {built:.1f} s; medians of {runs} runs, {big_runs} for {tasks}\n")
        warm_up(plans[0][1], plans[0][2])
        results = []
        for label, path, key in plans:
            n = big_runs if path.name == "big.db" else runs
            results.append((label, key, n, measure(path, key, n)))
    report(results)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="runs per demo (default 5)")
    parser.add_argument("--big-runs", type=int, default=2, help="runs, big plan (default 2)")
    parser.add_argument("--tasks", type=int, default=2000, help="tasks in the big plan")
    options = parser.parse_args()
    main(options.runs, options.big_runs, options.tasks)
