"""A report signed outside the app (the official signing tool), accepted back only if
it is the very PDF exported for that period with a signature over the whole of it.

The export is remembered (its SHA-256, size and where the audit log stood). The signed
file must begin with exactly those bytes (an incremental signature keeps them), carry
one signature covering the whole file (nothing appended after it), keep the pages as
exported (no page added or redrawn in the signing revision), and the period's data
must not have changed since the export (else the package's workbook and data would
not be what the signed report says).
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import replace

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from desktop.documents import pdf
from desktop.documents.model import Document
from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.errors import InvalidInput
from desktop.package.layout import bound_keywords, read_keywords, report_digest
from desktop.submission.data import period_evidence, submission_data
from desktop.submission.document import submission
from desktop.workspace import Workspace


def export_for_signing(ws: Workspace, plan: Plan, period: Period) -> bytes:
    """The report PDF to sign elsewhere, bound to the package it will go in (its uid and
    its data's digest in the keywords, as make_package binds its own), remembered (one
    change)."""
    ws.locks.refuse(plan.id, period.key)  # sent and not reopened: nothing new to sign
    made = submission(ws, plan, period)
    evidence = period_evidence(ws, made.report)
    data = submission_data(ws, made, evidence, uid=uuid.uuid4().hex, submitted_at=ws.now(),
                           trial=False)  # fmt: skip
    content = pdf.render(bind(made.document, period, data))
    ws.packages.remember_export(plan.id, period, content)
    return content


def bind(document: Document, period: Period, data: dict) -> Document:
    """The report bound to its data: the package's uid and the digest of what the data
    says, in the keywords its signature will cover."""
    digest = report_digest(data)
    return replace(document, keywords=bound_keywords(period.key, data["package"]["uid"], digest))


def signed_keywords(signed: bytes) -> dict[str, str]:
    """What a signed report's keywords bind it to ({} when it says nothing)."""
    try:
        info = PdfFileReader(io.BytesIO(signed), strict=False).trailer_view.get("/Info")
        keywords = str(info.get_object().get("/Keywords", "")) if info is not None else ""
    except Exception:  # a damaged PDF raises from deep in the parser; accept_signed said it
        return {}
    return read_keywords(keywords)


def _pages(reader: PdfFileReader) -> list[bytes]:
    """Each page's content, decoded: what a reader sees drawn."""
    pages = []
    for index in range(int(reader.root["/Pages"]["/Count"])):
        page = reader.find_page_for_modification(index)[0].get_object()
        contents = page.get("/Contents")
        streams = [] if contents is None else contents.get_object()
        if not isinstance(streams, list):
            streams = [streams]
        pages.append(b"".join(stream.get_object().data for stream in streams))
    return pages


def accept_signed(ws: Workspace, plan: Plan, period: Period, signed: bytes) -> bytes:
    """`signed` if it passes every check above, else an InvalidInput saying which."""
    rows = ws.packages.exports(plan.id, period.key)
    if not rows:
        raise InvalidInput(
            f"Chưa xuất PDF để ký cho kỳ {period.label}: hãy xuất PDF để ký, ký bằng phần "
            "mềm ký số, rồi đưa tệp đã ký vào."
        )
    exported = next((r for r in rows if hashlib.sha256(signed[: r[1]]).hexdigest() == r[0]), None)
    if exported is None:
        raise InvalidInput(
            "Tệp đã ký không phải PDF đã xuất để ký cho kỳ này (nội dung đã khác trước khi "
            "ký). Hãy ký đúng tệp đã xuất, không mở sửa rồi lưu lại."
        )
    _, size, mark = exported
    if ws.audit.count_since(mark) and _changed_since(ws, mark):
        raise InvalidInput(
            "Số liệu của kỳ đã thay đổi sau khi xuất PDF để ký: hãy xuất lại và ký lại."
        )
    try:
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # a damaged PDF raises from deep in the parser
        raise InvalidInput(f"Không đọc được tệp PDF đã ký: {exc}") from exc
    if len(signatures) != 1:
        raise InvalidInput(f"Tệp có {len(signatures)} chữ ký; cần đúng một chữ ký số.")
    try:
        # Integrity only here: whose signature it is, and whether trusted, is verify's.
        context = ValidationContext(trust_roots=[], allow_fetching=False)
        status = validate_pdf_signature(
            signatures[0], signer_validation_context=context, skip_diff=True
        )
    except (SignatureValidationError, ValueError) as exc:
        raise InvalidInput(f"Chữ ký trong tệp không kiểm tra được: {exc}") from exc
    if not (status.intact and status.valid):
        raise InvalidInput("Chữ ký trong tệp không khớp nội dung (tệp đã bị sửa sau khi ký).")
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        raise InvalidInput("Có nội dung được thêm vào tệp sau khi ký: chỉ nhận bản vừa ký xong.")
    original = PdfFileReader(io.BytesIO(signed[:size]), strict=False)
    if _pages(original) != _pages(reader):
        raise InvalidInput(
            "Lần ký đã thêm hoặc vẽ lại trang của báo cáo: chỉ nhận chữ ký, không nhận "
            "thay đổi nội dung."
        )
    return signed


def _changed_since(ws: Workspace, mark: int) -> bool:
    """Whether the period's figures may have moved since entry `mark` (any write to
    reports, values, payments or the plan counts: the report could read differently)."""
    tables = ("task_progress", "indicator_values", "disbursements", "tasks", "indicators",
              "budget_lines", "document_settings", "office")  # fmt: skip
    return any(ws.audit.net_changes(table, mark) for table in tables)
