"""Readable snapshots of documents, kept in tests/golden/ and compared line by line.

A PDF is kept as the text of its pages (poppler's pdftotext -layout), a workbook as a JSON
dump of what openpyxl reads back. `pytest --update-goldens` rewrites the files instead of
comparing; then read the diff (git diff tests/golden/) before keeping it.

Nothing in them changes from run to run: the tests build the documents on a fixed clock,
render PDFs in reportlab's invariant mode, and dump no workbook metadata (its creation time).
"""

from __future__ import annotations

import difflib
import json
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

GOLDEN = Path(__file__).parent / "golden"
PAGE = "===== trang {} ====="


def pdf_pages_text(path: Path) -> list[str]:
    """Each page's text as pdftotext -layout lays it out, trailing blanks removed."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout
    pages = text.split("\f")  # pdftotext ends every page with a form feed
    assert pages[-1] == "", "pdftotext did not end the last page with a form feed"
    return [_trimmed(page) for page in pages[:-1]]


def _trimmed(page: str) -> str:
    lines = [line.rstrip() for line in page.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def pages_snapshot(pages: list[str]) -> str:
    """The pages one after another, each under a line naming it ('===== trang 2 =====')."""
    return "".join(f"{PAGE.format(n)}\n{page}\n" for n, page in enumerate(pages, start=1))


def _value(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def workbook_dump(path: Path) -> dict:
    """Every sheet as openpyxl reads it back: the values of its non-empty cells row by row
    (one object per row, keyed by coordinate), the cells of each number format other than
    General, the merged ranges, the print setup and the frozen panes."""
    book = load_workbook(path)
    sheets = {}
    for sheet in book.worksheets:
        rows, formats = [], {}
        for row in sheet.iter_rows():
            values = {c.coordinate: _value(c.value) for c in row if c.value is not None}
            if values:
                rows.append(values)
            for cell in row:
                if cell.number_format != "General":
                    formats.setdefault(cell.number_format, []).append(cell.coordinate)
        setup = sheet.page_setup
        sheets[sheet.title] = {
            "cells": rows,
            "number_formats": formats,
            "merged": sorted(
                (str(r) for r in sheet.merged_cells.ranges),
                key=lambda r: (sheet[r.split(":")[0]].row, sheet[r.split(":")[0]].column),
            ),
            "print": {
                "orientation": setup.orientation,
                "paperSize": setup.paperSize,
                "fitToPage": sheet.sheet_properties.pageSetUpPr.fitToPage
                if sheet.sheet_properties.pageSetUpPr
                else None,
                "fitToWidth": setup.fitToWidth,
                "fitToHeight": setup.fitToHeight,
                "print_title_rows": sheet.print_title_rows,
                "print_title_cols": sheet.print_title_cols,
            },
            "freeze_panes": sheet.freeze_panes,
            "dimensions": f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}",
        }
    return {"sheet_order": book.sheetnames, "sheets": sheets}


def workbook_snapshot(path: Path) -> str:
    return json.dumps(workbook_dump(path), sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def assert_matches_golden(name: str, text: str, update: bool) -> None:
    """`text` is what tests/golden/`name` holds; with `update`, it is written there instead.
    A difference fails with the changed lines (a unified diff, golden first)."""
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(
            f"No golden file {path}: run pytest --update-goldens and read it.", pytrace=False
        )
    golden = path.read_text(encoding="utf-8")
    if text == golden:
        return
    diff = "".join(
        difflib.unified_diff(
            golden.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"tests/golden/{name}",
            tofile="this run",
        )
    )
    pytest.fail(
        f"{name} differs from its golden file (- golden, + this run). If the change is "
        f"meant, run pytest --update-goldens and review git diff tests/golden/.\n{diff}",
        pytrace=False,
    )
