"""'Trả lại để chỉnh sửa': the level above sends an office's report back with its
reasons, in a small file signed with its own certificate (CMS with the JSON inside,
.p7m); the office's app checks the signature, finds its package and reopens the
period with those reasons, so the next package is lần N+1."""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import date
from pathlib import Path

from asn1crypto import cms
from pyhanko.sign.signers.pdf_signer import PdfCMSSignedAttributes
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from desktop.domain.model import VIETNAM_TZ
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput
from desktop.infra.atomic_files import write_file
from desktop.infra.untrusted_files import Unreadable, read_regular
from desktop.services.receiving import RosterOffice
from desktop.signing.certificates import check_for_signing
from desktop.signing.sources import CertificateSource
from desktop.vietnamese.dates import local_time
from desktop.vietnamese.text import fold, printable, slug
from desktop.workspace import Workspace

FORMAT = "so-ke-hoach/tra-lai"
TRUST_WINDOW = "Văn bản → Tin cậy và chứng thư…"  # where an office registers its level above


def return_for_correction(
    ws: Workspace,
    office: RosterOffice,
    period_id: str,
    reasons: str,
    source: CertificateSource,
    folder: Path,
) -> Path:
    """Write the signed return of the office's latest package of the period."""
    reasons = reasons.strip()
    if not reasons:
        raise InvalidInput("Trả lại cần ghi lý do để đơn vị biết sửa gì.")
    found = ws.receiving.latest(period_id).get(office.id)
    if found is None:
        raise InvalidInput(f"Chưa nhận gói nào của {office.title} cho kỳ này.")
    latest = found.received
    when = ws.now().astimezone(VIETNAM_TZ)
    check_for_signing(source.certificate(), when)
    upper = ws.office.get()
    content = json.dumps(
        {
            "format": FORMAT,
            "format_version": 1,
            "package_uid": latest.package_uid,
            "period": period_id,
            "sequence": latest.sequence,
            "office": office.title,
            "reasons": reasons,
            "returned_by": upper.committee if upper else "",
            "returned_at": when.isoformat(timespec="seconds"),
            # The level above's own due date for the period, when it set one: the
            # office takes it as the day it reports upward.
            "due_on": ws.receiving.expected().get(period_id),
        },
        ensure_ascii=False,
        indent=2,
    ).encode("utf-8")
    signed = asyncio.run(
        source.signer().async_sign_general_data(
            content, "sha256", detached=False, use_cades=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=when),
        )
    )  # fmt: skip
    name = slug(office.title)
    path = Path(folder) / f"tra-lai_{name}_{period_id}_l{latest.sequence}.p7m"
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a folder typed that cannot be made (no right, no drive)
        raise InvalidInput(f"Không tạo được thư mục «{folder}»: {exc.strerror or exc}.") from exc
    label = PeriodId.parse(period_id).label
    with ws.change(f"Trả lại báo cáo {label} lần {latest.sequence} của {office.title}"):
        ws.receiving.mark_returned(office.id, latest.package_uid, period_id, reasons)
        ws.trust.keep_own(source.certificate())  # listed in the trust window, to hand out
        write_file(path, signed.dump())
    return path


MAX_RETURN_BYTES = 1024 * 1024
_FIELDS = {"package_uid": str, "period": str, "sequence": int, "office": str, "reasons": str,
           "returned_by": str}  # fmt: skip


def read_return(ws: Workspace, path: Path, roots) -> str:
    """accept_return on a file from outside: a regular file, of the size a return has."""
    try:
        data = read_regular(path, MAX_RETURN_BYTES)
    except Unreadable as exc:
        raise InvalidInput(f"Không đọc được văn bản trả lại: {exc}.") from exc
    return accept_return(ws, data, roots)


def _content(signed_data: cms.SignedData) -> tuple[bytes, dict]:
    """The return's JSON and what it says, each field of the type it must have."""
    content = signed_data["encap_content_info"]["content"].native
    returned = json.loads(content)
    if not isinstance(returned, dict) or returned.get("format") != FORMAT:
        raise ValueError("not a return")
    for field, kind in _FIELDS.items():
        if not isinstance(returned.get(field), kind) or isinstance(returned[field], bool):
            raise ValueError(f"{field} missing")
    return content, returned


def accept_return(ws: Workspace, data: bytes, roots) -> str:
    """Reopen the period a trusted return names, with its reasons; say what was done."""
    try:
        signed_data = cms.ContentInfo.load(data)["content"]
        content, returned = _content(signed_data)
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise InvalidInput("Tệp không phải văn bản trả lại của Sổ Kế hoạch.") from exc
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    # Checked as a detached signature over the content it carries: the signed
    # attributes hold the content's digest, so taking the content out changes nothing.
    detached = signed_data.copy()
    detached["encap_content_info"] = cms.ContentInfo({"content_type": "data"})
    status = asyncio.run(
        async_validate_detached_cms(content, detached, signer_validation_context=context)
    )
    if not (status.intact and status.valid):
        raise InvalidInput("Văn bản trả lại đã bị sửa (chữ ký không khớp): không mở lại kỳ.")
    if not status.trusted:
        raise InvalidInput(
            "Chữ ký trên văn bản trả lại không thuộc gốc tin cậy: không mở lại kỳ.",
            window=f"Nhập chứng thư gốc của cấp trên ở {TRUST_WINDOW}",
            command="Nhập chứng thư gốc của cấp trên bằng lệnh settings --trust-root TỆP.pem.",
        )
    _check_upper_signer(ws, status.signing_cert)
    ours = next((p for p in ws.packages.all() if p.uid == returned["package_uid"]), None)
    if ours is None:
        raise InvalidInput("Văn bản trả lại nói về một gói không do cơ sở dữ liệu này lập.")
    period = ws.periods.get(PeriodId.parse(ours.period_id), ours.plan_id)
    _check_addressed(ws, returned, ours.period_id, ours.sequence)
    digest = hashlib.sha256(data).hexdigest()
    if applied_at := ws.locks.return_applied_on(digest):
        return (
            f"Văn bản trả lại này đã được áp dụng lúc {local_time(applied_at)}: không mở lại kỳ "
            f"{period.label} lần nữa."
        )
    lock = ws.locks.active(ours.plan_id, period.key)
    if lock is None:
        return f"Kỳ {period.label} đã được mở lại trước đó. Lý do trả lại: {returned['reasons']}"
    if lock.package_uid != ours.uid:
        raise InvalidInput(
            f"Văn bản trả lại nói về lần {ours.sequence}, nhưng kỳ {period.label} đang khóa "
            "theo một lần gửi sau: không mở lại kỳ."
        )
    reason = f"Cấp trên trả lại ({returned['returned_by']}): {returned['reasons']}"
    due = _due_on(returned.get("due_on"))
    with ws.change(f"Mở lại kỳ {period.label} theo văn bản trả lại"):
        ws.locks.reopen_by_return(ours.plan_id, period, reason, digest, ours.uid)
        if due is not None and due != period.due_on:
            ws.periods.set_dates(period.id, period.data_from, period.data_to, due, ours.plan_id)
    said = f"\nHạn gửi cấp trên của kỳ theo cấp trên: {due:%d/%m/%Y}." if due else ""
    return printable(
        f"Cấp trên trả lại báo cáo {period.label} lần {ours.sequence}: {returned['reasons']}\n"
        f"Đã mở lại kỳ; sửa số liệu rồi gửi lại (lần {ours.sequence + 1}).{said}"
    )


def _check_upper_signer(ws: Workspace, certificate) -> None:
    """Signed by a certificate the office registered as its level above's own: a peer
    commune's certificate under the same trusted root does not speak for the level above."""
    registered = {signer.fingerprint for signer in ws.trust.upper_signers()}
    if not registered:
        raise InvalidInput(
            "Chưa đăng ký chứng thư ký của cấp trên: không mở lại kỳ.",
            window=f"Đăng ký tệp .pem/.cer cấp trên gửi ở {TRUST_WINDOW}",
            command="Đăng ký tệp .pem/.cer cấp trên gửi bằng lệnh settings --upper-cert TỆP.pem.",
        )
    if certificate.sha256.hex() not in registered:
        who = certificate.subject.native.get("common_name", "?")
        raise InvalidInput(
            f"Văn bản trả lại ký bởi {printable(who)}, không phải chứng thư của cấp trên đã "
            "đăng ký: không mở lại kỳ."
        )


def _check_addressed(ws: Workspace, returned: dict, period_id: str, sequence: int) -> None:
    """The return is this office's, for the period and lần of the package it names."""
    office = ws.office.required()
    if fold(returned["office"]) != fold(office.locality):
        raise InvalidInput(
            f"Văn bản trả lại gửi cho {printable(returned['office'])}, không phải "
            f"{office.locality}: không mở lại kỳ."
        )
    if returned["period"] != period_id or returned["sequence"] != sequence:
        raise InvalidInput(
            "Văn bản trả lại ghi kỳ hoặc lần khác với gói nó nói tới: không mở lại kỳ."
        )


def _due_on(value: object) -> date | None:
    """The level above's due date in a return, if it gave a well-formed one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(f"Văn bản trả lại ghi hạn gửi không hợp lệ: «{value}».") from None
