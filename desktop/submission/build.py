"""The submission package of a period: the report signed, its workbook, its data, the
evidence, in an ASiC-E container signed over its manifest; written whole or not at all
and recorded as lần N of that period in the same change."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from contextlib import suppress
from dataclasses import dataclass, replace
from pathlib import Path

from pyhanko.sign.signers.pdf_signer import PdfCMSSignedAttributes

from desktop.documents import pdf, xlsx
from desktop.domain.model import VIETNAM_TZ, Plan
from desktop.domain.periods import Period
from desktop.errors import InvalidInput, UserError
from desktop.infra import leftovers
from desktop.infra.atomic_files import handed_over, put_in_place, stage
from desktop.infra.problems import explain
from desktop.package import asice
from desktop.package.layout import DATA_JSON, REPORT_PDF, REPORT_XLSX, report_digest
from desktop.package.schema import encode, schema_problems
from desktop.services.packages import PackageRecord
from desktop.signing.certificates import CertificateInfo, check_for_signing
from desktop.signing.pdf_signature import sign_pdf, stamp_background, stamp_lines
from desktop.signing.sources import CertificateSource
from desktop.signing.token import Pkcs11Token
from desktop.submission.data import period_evidence, submission_data
from desktop.submission.document import submission
from desktop.submission.external import accept_signed, bind, signed_keywords
from desktop.vietnamese.text import slug
from desktop.workspace import Workspace


@dataclass(frozen=True)
class Package:
    path: Path
    sha256: str
    sequence: int
    certificate: CertificateInfo
    trial: bool


def _slug(text: str) -> str:
    return slug(text) or "x"


def package_name(ws: Workspace, plan: Plan, period: Period, sequence: int, when) -> str:
    """'phuong-tran-lieu_2025-Q4_79-kh-ubnd_l1_20260105T101500.asice' (ASCII)."""
    office = ws.office.required()
    agency = office.agency_code or office.locality
    stamp = when.strftime("%Y%m%dT%H%M%S")
    return f"{_slug(agency)}_{period.key}_{_slug(plan.number)}_l{sequence}_{stamp}.asice"


def make_package(
    ws: Workspace,
    plan: Plan,
    period: Period,
    source: CertificateSource,
    folder: Path,
    *,
    reason: str = "",
    signed_pdf: bytes | None = None,
) -> Package:
    """Sign and write the package of `period` into `folder`. The certificate is checked
    first (dates, key usage); nothing is written or recorded unless all of it is.
    `signed_pdf`: the report as signed in another tool (external.accept_signed checks
    it is the PDF exported for signing); the certificate then signs the manifest."""
    when = ws.now().astimezone(VIETNAM_TZ)
    certificate = check_for_signing(source.certificate(), when)
    trial = certificate.trial
    ws.locks.refuse(plan.id, period.key)  # sent and not reopened: nothing new to send
    made = submission(ws, plan, period)
    sequence, replaces, report = made.sequence, made.replaces, made.report
    reason = reason or (ws.locks.last_reason(plan.id, period.key) if replaces else "")
    evidence = period_evidence(ws, report)

    def data_of(uid: str) -> dict:
        return submission_data(
            ws, made, evidence, uid=uid, submitted_at=when, trial=trial, reason=reason
        )

    if signed_pdf is not None:
        signed_pdf = accept_signed(ws, plan, period, signed_pdf)
        # The uid and figures the exported report was bound to, checked against now's.
        bound = signed_keywords(signed_pdf)
        if not bound.get("uid"):
            raise InvalidInput(
                "PDF đã ký không ghi mã gói (xuất bằng phiên bản cũ): hãy xuất lại để ký."
            )
        data = data_of(bound["uid"])
        if report_digest(data) != bound["digest"]:
            raise InvalidInput(
                "Số liệu của kỳ đã khác với báo cáo đã xuất để ký: hãy xuất lại và ký lại."
            )
    else:
        data = data_of(uuid.uuid4().hex)
        # The report carries its package and the digest of its data, inside what its
        # signature covers: data changed after signing no longer matches it.
        document = bind(made.document, period, data)
        content, box = pdf.render_placed(document)
        assert box is not None  # the report has its signature block
        signer = ws.document_settings.get().signer_name
        lines = stamp_lines(signer, ws.office.required().committee, when, trial)
        images = ws.stamp_images
        background = stamp_background(images.get("signature"), images.get("seal"))
        signed_pdf = sign_pdf(content, source.signer(), box, lines, when, background)
    uid = data["package"]["uid"]
    workbook = xlsx.render(made.document)
    if problems := schema_problems(data):  # our own data must fit what we promise
        raise AssertionError(f"du_lieu.json does not fit its schema: {problems}")
    files = [(REPORT_PDF, signed_pdf), (REPORT_XLSX, workbook), (DATA_JSON, encode(data))]
    files += [
        (e.name, ws.attachments.content(e.attachment.id))
        for found in evidence.values()
        for e in found
    ]
    files = list(dict(files).items())  # one copy of a file attached twice
    manifest = asice.manifest(files)
    signature = asyncio.run(
        source.signer().async_sign_general_data(
            manifest,
            "sha256",
            detached=True,
            use_cades=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=when),
        )
    )
    container = asice.container(files, manifest, signature.dump())
    digest = hashlib.sha256(container).hexdigest()
    name = package_name(ws, plan, period, sequence, when)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"Không tạo được thư mục «{folder}»: {exc.strerror or exc}.") from exc
    record = PackageRecord(
        uid=uid,
        plan_id=plan.id,
        period_id=period.key,
        sequence=sequence,
        file_name=name,
        sha256=digest,
        created_at=when.isoformat(timespec="seconds"),
        replaces=replaces.uid if replaces else None,
        reason=reason,
        trial=trial,
        audit_mark=ws.audit.last_id(),
    )
    path = folder / name
    # Whole on disk first, then recorded with its period locked, then given its name: a
    # kill between two steps leaves a record PackageService.settle finishes or discards at
    # the next start, never a signed package the database does not know.
    staged = stage(path, container)
    record = replace(record, written_to=str(path), staged_as=str(staged))
    try:
        with ws.change(f"Xuất gói báo cáo {period.label} lần {sequence}"):
            ws.packages.record(record)
            ws.locks.lock(plan.id, period, uid, name)
    except BaseException:
        leftovers.discard(staged)
        raise
    handed_over(staged)
    _place(ws, record, staged, path)
    if isinstance(source, Pkcs11Token):  # it signed: the clerk need not name it again
        ws.document_settings.remember_pkcs11_library(source.library)
    return Package(path, digest, sequence, certificate, trial)


def _place(ws: Workspace, record: PackageRecord, staged: Path, path: Path) -> None:
    """Give the recorded package its file name. If that fails (a pulled stick), the
    record and the lock go again: nobody can have received a file that never was."""
    try:
        put_in_place(staged, path)
    except OSError as exc:
        reason = f"Không ghi được gói ra «{path.parent}»: {explain(exc, path.parent)}."
        try:
            ws.packages.discard(record)
        except UserError:  # the database cannot be written either: the next start settles it
            raise UserError(f"{reason} Gói sẽ được xử lý lại khi mở phần mềm lần sau.") from exc
        leftovers.discard(staged)
        raise UserError(f"{reason} Gói chưa được lập, kỳ báo cáo chưa khóa.") from exc
    with suppress(UserError):  # not marked now (a full disk): the next start marks it
        ws.packages.placed(record)
