"""Checking a package as the level above receives it: each check named, in Vietnamese,
passed or not and why. A package is accepted only when it is intact (container, every
digest, nothing extra or missing, data per schema and agreeing with the report) and
both signatures (CAdES over the manifest, PAdES on the report) chain to a trusted root.

Untrusted input: the container is opened with limits (asice.open_container), nothing
is unpacked to disk, the manifest is parsed without DTDs or entities.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from asn1crypto import cms
from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.validation import async_validate_detached_cms
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError, RevokedError

from desktop.domain.model import VIETNAM_TZ
from desktop.infra.untrusted_files import Unreadable, open_regular
from desktop.package import asice, hex_strings
from desktop.package.layout import (
    DATA_JSON,
    EVIDENCE_FOLDER,
    NAME,
    REPORT_PDF,
    REPORT_XLSX,
    read_keywords,
    report_digest,
)
from desktop.package.schema import schema_problems
from desktop.services.receiving import Signer
from desktop.services.trust import read_certificates
from desktop.signing.certificates import KEY_USAGE_PROBLEM, SIGNER_KEY_USAGE
from desktop.signing.trial_ca import TRIAL_MARK
from desktop.vietnamese.text import printable

MAX_PACKAGE_BYTES = 250 * 1024 * 1024
RECEIPT = "Chứng thư lúc nhận gói"
REVOCATION = "Thu hồi chứng thư"
logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # its tracebacks: our checks say why


@dataclass(frozen=True)
class Check:
    name: str  # 'Chữ ký trên bản kê (CAdES)'
    passed: bool
    detail: str = ""


@dataclass
class Verdict:
    path: str
    checks: list[Check] = field(default_factory=list)
    trial: bool = False
    signer: str = ""
    period: str = ""
    sequence: int | None = None
    data: dict | None = None  # du_lieu.json as read, when it could be (for a receiver)
    certificate: asn1_x509.Certificate | None = None  # the one that signed the manifest

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the manifest's certificate ('' when none was read)."""
        return self.certificate.sha256.hex() if self.certificate is not None else ""

    @property
    def signer_info(self) -> Signer | None:
        """The manifest's certificate, described for the level above."""
        return _described(self.certificate) if self.certificate is not None else None

    @property
    def accepted(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    def add(self, name: str, passed: bool, detail: str = "") -> bool:
        # Details quote names from the package: written so they cannot drive a terminal.
        self.checks.append(Check(name, passed, printable(detail)))
        return passed

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "accepted": self.accepted,
            "trial": self.trial,
            "signer": self.signer,
            "signer_sha256": self.fingerprint,
            "period": self.period,
            "sequence": self.sequence,
            "checks": [c.__dict__ for c in self.checks],
        }

    def render(self) -> str:
        lines = [f"Gói: {self.path}"]
        lines += [f"  [{'đạt' if c.passed else 'LỖI'}] {c.name}: {c.detail}" for c in self.checks]
        if self.trial:
            lines.append(f"  Gói {TRIAL_MARK}: ký bằng chứng thư tập huấn, không giá trị pháp lý.")
        lines.append(
            "Kết luận: gói nguyên vẹn, chữ ký hợp lệ và tin cậy."
            if self.accepted
            else "Kết luận: KHÔNG chấp nhận gói này."
        )
        return "\n".join(lines)


@dataclass(frozen=True)
class Revocations:
    """The revocation lists imported (checked offline: nothing is fetched), and whether a
    signer none of them covers is refused."""

    lists: tuple[asn1_crl.CertificateList, ...] = ()
    required: bool = False

    @classmethod
    def load(cls, ders: list[bytes], required: bool = False) -> Revocations:
        return cls(tuple(asn1_crl.CertificateList.load(der) for der in ders), required)

    def covering(self, issuer: asn1_x509.Name, moment: datetime) -> asn1_crl.CertificateList | None:
        """A list from the certificate's issuer current at `moment`, if one was imported."""
        for revocations in self.lists:
            following = revocations["tbs_cert_list"]["next_update"].native
            if revocations.issuer == issuer and (following is None or following >= moment):
                return revocations
        return None


def load_roots(paths: list[Path]) -> list[asn1_x509.Certificate]:
    """Root certificates from PEM or DER files."""
    return [asn1_x509.Certificate.load(der) for path in paths for der in read_certificates(path)]


def open_package(path: Path) -> BinaryIO:
    """A package file, open: a regular file within the size a package may have."""
    return open_regular(path, MAX_PACKAGE_BYTES)


def verify_file(
    path: Path, roots: list[asn1_x509.Certificate], revocations: Revocations = Revocations()
) -> Verdict:
    path = Path(path)
    verdict = Verdict(printable(path.name))
    try:
        package = open_package(path)
    except Unreadable as exc:
        verdict.add("Đọc gói", False, str(exc))
        return verdict
    with package:
        return verify(package, roots, verdict, revocations=revocations)


def verify(
    data: bytes | BinaryIO,
    roots: list[asn1_x509.Certificate],
    verdict: Verdict,
    received_at: datetime | None = None,
    revocations: Revocations = Revocations(),
) -> Verdict:
    """Check a package taken in at `received_at` (now, by default): the signing time it
    carries is the signer's own claim, so the certificate must also be valid on receipt."""
    hex_strings.install()  # pyHanko's reading of /Contents, a third of the time, made fast
    try:
        opened = asice.open_container(data)
    except asice.ContainerError as exc:
        verdict.add("Cấu trúc gói", False, str(exc))
        return verdict
    try:
        mimetype_ok = (
            opened.first == "mimetype"
            and opened.first_stored
            and opened.read("mimetype") == asice.MIMETYPE.encode()
        )
        manifest_xml, signature = opened.read(asice.MANIFEST), opened.read(asice.SIGNATURE)
    except asice.ContainerError as exc:
        verdict.add("Cấu trúc gói", False, str(exc))
        return verdict
    verdict.add(
        "Cấu trúc gói",
        mimetype_ok,
        "zip hợp lệ, «mimetype» đứng đầu, không nén"
        if mimetype_ok
        else "«mimetype» phải là tệp đầu tiên, không nén, đúng nội dung ASiC-E",
    )
    if manifest_xml is None or signature is None:
        verdict.add("Bản kê và chữ ký", False, "thiếu META-INF/ASiCManifest.xml hoặc chữ ký")
        return verdict
    try:
        listed = asice.read_manifest(manifest_xml)
    except asice.ContainerError as exc:
        verdict.add("Bản kê (ASiCManifest)", False, str(exc))
        return verdict
    try:
        _check_digests(verdict, opened, listed)
        report, raw = opened.read(REPORT_PDF), opened.read(DATA_JSON)
    except asice.ContainerError as exc:
        verdict.add("Toàn vẹn các tệp", False, str(exc))
        return verdict
    signing_time = _check_cms(verdict, manifest_xml, signature, roots, revocations)
    received_at = received_at or datetime.now(UTC)
    _check_on_receipt(verdict, received_at)
    _check_revocation(verdict, roots, revocations, received_at)
    bound = _check_pdf(verdict, report, roots, signing_time, revocations) if report else None
    _check_data(verdict, raw, bound, signing_time)
    return verdict


def _described(cert: asn1_x509.Certificate) -> Signer:
    subject, issuer = cert.subject.native, cert.issuer.native
    return Signer(
        sha256=cert.sha256.hex(),
        subject=printable(str(subject.get("common_name", ""))),
        organisation=printable(str(subject.get("organization_name", "") or "")),
        issuer=printable(str(issuer.get("common_name", "") or cert.issuer.human_friendly)),
        serial=f"{cert.serial_number:X}",
        not_before=cert.not_valid_before.date().isoformat(),
        not_after=cert.not_valid_after.date().isoformat(),
    )


def _check_revocation(
    verdict: Verdict, roots, revocations: Revocations, received_at: datetime
) -> None:
    """The signer's certificate against its issuer's revocation list, offline, as of
    receipt; said unchecked when no list imported covers it (refused if that is required)."""
    cert = verdict.certificate
    if cert is None:
        return  # no certificate read: the signature check already says why
    issuer = printable(str(cert.issuer.native.get("common_name") or cert.issuer.human_friendly))
    found = revocations.covering(cert.issuer, received_at)
    if found is None:
        missing = (
            "chưa kiểm tra được thu hồi: chưa có danh sách thu hồi (.crl) còn hiệu lực của "
            f"{issuer}"
        )
        required = " — cơ quan bắt buộc kiểm tra thu hồi" if revocations.required else ""
        verdict.add(REVOCATION, not revocations.required, missing + required)
        return
    context = ValidationContext(
        trust_roots=roots, moment=received_at, allow_fetching=False, revocation_mode="require",
        crls=[found],
    )  # fmt: skip
    who = verdict.signer or "người ký"
    try:
        asyncio.run(CertificateValidator(cert, validation_context=context).async_validate_path())
    except RevokedError:
        verdict.add(REVOCATION, False, f"chứng thư của {who} đã bị thu hồi (theo danh sách "
                    f"thu hồi của {issuer})")  # fmt: skip
        return
    except (PathValidationError, PathBuildingError, ValueError) as exc:
        verdict.add(
            REVOCATION, False, f"không đối chiếu được danh sách thu hồi của {issuer}: {exc}"
        )
        return
    updated = found["tbs_cert_list"]["this_update"].native.astimezone(VIETNAM_TZ)
    verdict.add(
        REVOCATION, True,
        f"đã đối chiếu danh sách thu hồi của {issuer} (cập nhật {updated:%d/%m/%Y}): "
        "chưa bị thu hồi",
    )  # fmt: skip


def _check_on_receipt(verdict: Verdict, received_at: datetime) -> None:
    """The manifest's certificate valid when the package arrives, not only at the time
    the signer claims (an expired certificate with a back-dated time, or one valid only
    from 2030 with a time claimed in 2030)."""
    cert = verdict.certificate
    if cert is None:
        return  # no certificate read: the signature check already says why
    start, end = cert.not_valid_before, cert.not_valid_after
    who = verdict.signer or "người ký"
    when = f"{received_at.astimezone(VIETNAM_TZ):%d/%m/%Y %H:%M}"
    if received_at < start:
        verdict.add(
            RECEIPT,
            False,
            f"chứng thư của {who} chỉ có hiệu lực từ "
            f"{start.astimezone(VIETNAM_TZ):%d/%m/%Y}, sau lúc nhận gói ({when})",
        )
    elif received_at > end:
        verdict.add(
            RECEIPT,
            False,
            f"chứng thư của {who} đã hết hạn ngày "
            f"{end.astimezone(VIETNAM_TZ):%d/%m/%Y}, trước lúc nhận gói ({when})",
        )
    else:
        verdict.add(RECEIPT, True, f"chứng thư của {who} còn hiệu lực lúc nhận gói ({when})")


def _check_digests(verdict: Verdict, opened: asice.Opened, listed: dict[str, str]) -> None:
    payload = {n for n in opened.entries if n != "mimetype" and not n.startswith("META-INF/")}
    required = {REPORT_PDF, REPORT_XLSX, DATA_JSON}
    missing = sorted((required | set(listed)) - payload)
    unlisted = sorted(payload - set(listed))
    strange = sorted(n for n in payload - required if not n.startswith(EVIDENCE_FOLDER))
    changed = sorted(n for n in payload & set(listed) if opened.digest(n) != listed[n])
    problems = []
    if missing:
        problems.append(f"thiếu {', '.join(missing)}")
    if unlisted:
        problems.append(f"có tệp không ghi trong bản kê: {', '.join(unlisted)}")
    if strange:
        problems.append(f"có tệp lạ: {', '.join(strange)}")
    if changed:
        problems.append(f"đã bị sửa (SHA-256 không khớp): {', '.join(changed)}")
    detail = "; ".join(problems) or f"{len(listed)} tệp, SHA-256 của từng tệp khớp bản kê"
    verdict.add("Toàn vẹn các tệp", not problems, detail)


# The signer's certificate is held to the rule the office's app signs by.
_KEY_USAGE = KeyUsageConstraints(key_usage={SIGNER_KEY_USAGE})
# Why a chain was not trusted, by ETSI EN 319 102-1's sub-indication, in the clerk's words.
_UNTRUSTED = {
    AdESIndeterminate.EXPIRED: "chứng thư của {who} đã hết hạn lúc ký",
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE: "chứng thư của {who} đã hết hạn hoặc chưa có "
    "hiệu lực lúc ký",
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED: "chứng thư của {who} đã hết hạn hoặc chưa "
    "có hiệu lực lúc ký",
    AdESIndeterminate.NOT_YET_VALID: "chứng thư của {who} chưa có hiệu lực lúc ký",
    AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND: "chứng thư của {who} không chuỗi tới gốc "
    "tin cậy nào",
    AdESIndeterminate.REVOKED_NO_POE: "chứng thư của {who} đã bị thu hồi",
    AdESIndeterminate.REVOKED_CA_NO_POE: "chứng thư của {who} thuộc một chuỗi đã bị thu hồi",
}


def _context(roots, moment: datetime | None, revocations: Revocations) -> ValidationContext:
    return ValidationContext(
        trust_roots=roots, moment=moment, allow_fetching=False, revocation_mode="soft-fail",
        crls=list(revocations.lists),
    )  # fmt: skip


def _signed_time(signed_data: cms.SignedData) -> datetime | None:
    for info in signed_data["signer_infos"]:
        for attribute in info["signed_attrs"]:
            if attribute["type"].native == "signing_time":
                return attribute["values"][0].native
    return None


def _describe_status(status) -> tuple[bool, str]:
    cert = status.signing_cert
    who = cert.subject.native.get("common_name", "") if cert is not None else "?"
    if not status.intact or not status.valid:
        return False, f"chữ ký của {who} không khớp nội dung (đã bị sửa)"
    if not status.trusted:
        usage = cert.key_usage_value if cert is not None else None
        if usage is not None and SIGNER_KEY_USAGE not in usage.native:
            return False, KEY_USAGE_PROBLEM.format(who=who)
        reason = _UNTRUSTED.get(
            status.trust_problem_indic,
            "chứng thư của {who} không chuỗi tới gốc tin cậy nào, hoặc đã hết hạn / chưa có "
            "hiệu lực lúc ký",
        )
        return False, reason.format(who=who)
    return True, f"hợp lệ, ký bởi {who}, tin cậy"


def _check_cms(
    verdict: Verdict, manifest_xml: bytes, signature: bytes, roots, revocations: Revocations
) -> datetime | None:
    name = "Chữ ký trên bản kê (CAdES)"
    try:
        signed_data = cms.ContentInfo.load(signature)["content"]
        signed_data["signer_infos"]  # a broken structure fails here, not in the checks
    except (ValueError, TypeError, KeyError) as exc:
        verdict.add(name, False, f"không đọc được chữ ký: {exc}")
        return None
    try:
        moment = _signed_time(signed_data)
    except ValueError as exc:  # a time that is not one ('month 13'), read lazily
        verdict.add(name, False, f"thời điểm ký ghi trong chữ ký không hợp lệ: {exc}")
        return None
    try:
        status = asyncio.run(
            async_validate_detached_cms(
                manifest_xml,
                signed_data,
                signer_validation_context=_context(roots, moment, revocations),
                key_usage_settings=_KEY_USAGE,
            )
        )
    except Exception as exc:  # pyHanko raises many kinds on malformed input
        verdict.add(name, False, f"không kiểm tra được chữ ký: {exc}")
        return moment
    passed, detail = _describe_status(status)
    cert = status.signing_cert
    if cert is not None:
        subject = cert.subject.native
        verdict.signer = subject.get("common_name", "")
        verdict.certificate = cert
        verdict.trial = TRIAL_MARK in str(subject) or TRIAL_MARK in str(cert.issuer.native)
    verdict.add(name, passed, detail)
    return moment


def _check_pdf(
    verdict: Verdict, report: bytes, roots, signing_time, revocations: Revocations
) -> dict[str, str] | None:
    name = "Chữ ký trên báo cáo PDF (PAdES)"
    try:
        reader = PdfFileReader(io.BytesIO(report), strict=False)
        signatures = reader.embedded_signatures
        info = reader.trailer_view.get("/Info")
        keywords = str(info.get_object().get("/Keywords", "")) if info is not None else ""
    except Exception as exc:  # a damaged PDF raises from deep inside the parser
        verdict.add(name, False, f"không đọc được báo cáo PDF: {exc}")
        return None
    if len(signatures) != 1:
        verdict.add(name, False, f"báo cáo có {len(signatures)} chữ ký, cần đúng 1")
        return None
    embedded = signatures[0]
    try:
        moment = embedded.self_reported_timestamp or signing_time
    except (PdfReadError, ValueError) as exc:  # a /M that is not a date ('month 13')
        verdict.add(name, False, f"thời điểm ký (/M) trong báo cáo không hợp lệ: {exc}")
        return None
    try:
        context = _context(roots, moment, revocations)
        status = asyncio.run(
            # No diff analysis: anything after the signature is refused below anyway.
            async_validate_pdf_signature(
                embedded,
                signer_validation_context=context,
                skip_diff=True,
                key_usage_settings=_KEY_USAGE,
            )
        )
    except Exception as exc:
        verdict.add(name, False, f"không kiểm tra được chữ ký: {exc}")
        return None
    passed, detail = _describe_status(status)
    if passed and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        passed, detail = False, "có nội dung được thêm vào báo cáo sau khi ký"
    # The very certificate that signed the manifest, not one with the same name (another
    # CA can issue that) nor another office's signer: whoever signed the data signed the report.
    pdf_cert = status.signing_cert
    if passed and pdf_cert.sha256.hex() != verdict.fingerprint:
        pdf_signer = pdf_cert.subject.native.get("common_name", "")
        passed, detail = (
            False,
            (
                f"báo cáo ký bằng chứng thư của {pdf_signer} (số sê-ri "
                f"{pdf_cert.serial_number:X}), khác chứng thư đã ký bản kê "
                f"({verdict.signer or 'không đọc được'})"
            ),
        )
    verdict.add(name, passed, detail)
    return read_keywords(keywords)


def _check_data(
    verdict: Verdict, raw: bytes | None, bound: dict[str, str] | None, signing_time
) -> None:
    """The data read and checked against its schema, its envelope, and the signed report
    (`bound`: what the report's keywords say; None when the report could not be read)."""
    name = "Dữ liệu (du_lieu.json)"
    if raw is None:
        return  # already named missing
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        verdict.add(name, False, f"không đọc được JSON: {exc}")
        return
    except RecursionError:
        verdict.add(name, False, "không đọc được JSON: mảng hoặc đối tượng lồng nhau quá sâu")
        return
    verdict.data = data if isinstance(data, dict) else None
    if problems := schema_problems(data):
        verdict.add(name, False, "không đúng khuôn dữ liệu: " + "; ".join(problems[:3]))
        return
    period, package = data["period"]["id"], data["package"]
    verdict.period, verdict.sequence = period, package["sequence"]
    problems = []
    if bound is not None:
        problems += _bound_problems(bound, data, period)
    if package["trial"] != verdict.trial:
        problems.append("dấu THỬ NGHIỆM trong dữ liệu khác với chứng thư đã ký")
    named = NAME.search(verdict.path)
    if named and (named["period"] != period or int(named["sequence"]) != package["sequence"]):
        problems.append(
            f"tên gói ghi kỳ {named['period']} lần {named['sequence']}, dữ liệu ghi kỳ {period} "
            f"lần {package['sequence']} (gói cũ gửi lại dưới tên khác?)"
        )
    if package["sequence"] > 1 and not (package["replaces"] and package["reason"]):
        problems.append(f"lần {package['sequence']} không ghi gói nó thay thế và lý do")
    if package["sequence"] > 1 and data["changes"] is None:
        problems.append(f"lần {package['sequence']} không kèm danh sách thay đổi")
    if package["sequence"] == 1 and data["changes"] is not None:
        problems.append("lần 1 không có danh sách thay đổi (không có lần nào trước nó)")
    if signing_time is not None:
        submitted = datetime.fromisoformat(data["submitted_at"])
        if abs((submitted - signing_time).total_seconds()) > 120:
            problems.append("thời điểm nộp trong dữ liệu khác thời điểm ký")
    detail = "; ".join(problems) or f"đúng khuôn, kỳ {period}, lần {package['sequence']}"
    verdict.add(name, not problems, detail)


def _bound_problems(bound: dict[str, str], data: dict, period: str) -> list[str]:
    """Where the data departs from the report it came signed with: the report's keywords
    name its period, its package and the digest of what the data says."""
    if bound.get("period", "") != period:
        return [f"kỳ {period} khác kỳ của báo cáo PDF ({bound.get('period') or 'không ghi'})"]
    if not bound.get("uid"):
        return [
            "báo cáo PDF không ghi mã gói và mã số liệu (gói lập bằng phiên bản cũ?): không "
            "đối chiếu được số liệu với báo cáo đã ký; cần lập lại gói"
        ]
    if bound["uid"] != data["package"]["uid"]:
        return [f"báo cáo PDF thuộc gói khác (mã gói {bound['uid'][:8]}…)"]
    if bound["digest"] != report_digest(data):
        return ["số liệu trong du_lieu.json khác số liệu của báo cáo PDF đã ký"]
    return []
