"""Saving documents: a model written as PDF or XLSX, whole or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop.documents import pdf, xlsx
from desktop.documents.assignment_annex import annexed_units, assignment_annex
from desktop.documents.model import Document
from desktop.domain.model import Plan
from desktop.errors import InvalidInput
from desktop.infra.atomic_files import write_file, write_set
from desktop.infra.problems import explain
from desktop.vietnamese.text import slug
from desktop.workspace import Workspace

WRITERS = {".pdf": pdf.render, ".xlsx": xlsx.render}


def _render(document: Document, path: Path) -> bytes:
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise InvalidInput(f"Chỉ lưu được văn bản dạng .pdf hoặc .xlsx, không phải «{path.name}».")
    return writer(document)


def save(document: Document, path: Path) -> Path:
    """Write `document` as the file's suffix says (.pdf: the whole document; .xlsx: its
    appendices), whole or not at all."""
    path = Path(path)
    return write_file(path, _render(document, path))


def annex_name(unit_name: str) -> str:
    """'giao-viec_phong-van-hoa-xa-hoi': ASCII, so the name survives any USB stick,
    zip tool or mail server on the way."""
    return "giao-viec_" + (slug(unit_name) or "don-vi")


def save_annexes(ws: Workspace, plan: Plan, folder: Path, unit: str | None = None) -> list[Path]:
    """One PDF and one XLSX per unit (the one named, else every unit given something)
    in `folder`, as one set: all of them new, or all as they were (write_set), even when
    the process is killed half-way. Other files in the folder are left alone."""
    folder = Path(folder)
    units = annexed_units(ws, plan, unit)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"Không tạo được thư mục «{folder}»: {explain(exc, folder)}.") from exc

    def rendered() -> Iterator[tuple[str, bytes]]:  # one document at a time, as written
        for given in units:
            document = assignment_annex(ws, plan, given)
            for suffix in (".pdf", ".xlsx"):
                name = f"{annex_name(given.unit.name)}{suffix}"
                yield name, _render(document, folder / name)

    return write_set(folder, rendered())
