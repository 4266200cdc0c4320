"""Documents built from a workspace: a model each, written as PDF or XLSX."""

from __future__ import annotations

from pathlib import Path

from desktop.documents import pdf, xlsx
from desktop.documents.model import Document
from desktop.documents.output import write_file
from desktop.documents.period_report import period_report
from desktop.errors import InvalidInput

WRITERS = {".pdf": pdf.render, ".xlsx": xlsx.render}


def save(document: Document, path: Path) -> Path:
    """Write `document` as the file's suffix says (.pdf: the whole document; .xlsx: its
    appendices), whole or not at all."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise InvalidInput(f"Chỉ lưu được văn bản dạng .pdf hoặc .xlsx, không phải «{path.name}».")
    return write_file(path, writer(document))


__all__ = ["Document", "period_report", "save"]
