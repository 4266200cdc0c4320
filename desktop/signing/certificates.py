"""What a certificate says, and whether it may sign today: shown to the clerk before
signing (subject, issuer, validity) and checked (dates, key usage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.x509.oid import NameOID

from desktop.domain.model import VIETNAM_TZ
from desktop.errors import InvalidInput
from desktop.signing.trial_ca import TRIAL_MARK

# The key usage a signer's certificate must assert when it states any: a signature the
# office can be held to (non-repudiation; 'content commitment' in RFC 5280's words). The
# verifier applies this very rule (it is pyHanko's default too), so a package signed here
# is never refused there for its certificate.
SIGNER_KEY_USAGE = "non_repudiation"


def _part(name: x509.Name, oid) -> str:
    found = name.get_attributes_for_oid(oid)
    return str(found[0].value) if found else ""


def readable_name(name: x509.Name) -> str:
    """'Nguyễn Văn An, UBND phường Trần Liêu': the common name and organisation."""
    parts = [_part(name, NameOID.COMMON_NAME), _part(name, NameOID.ORGANIZATION_NAME)]
    return ", ".join(p for p in parts if p) or name.rfc4514_string()


@dataclass(frozen=True)
class CertificateInfo:
    subject: str  # 'Nguyễn Văn An (THỬ NGHIỆM), Sổ Kế hoạch - THỬ NGHIỆM'
    common_name: str
    issuer: str
    not_before: datetime
    not_after: datetime
    serial: str

    @property
    def trial(self) -> bool:
        return TRIAL_MARK in self.subject or TRIAL_MARK in self.issuer

    def describe(self) -> str:
        def day(moment: datetime) -> str:
            return f"{moment.astimezone(VIETNAM_TZ):%d/%m/%Y}"

        lines = [
            f"Chứng thư số: {self.subject}",
            f"Cấp bởi: {self.issuer}",
            f"Hiệu lực: từ {day(self.not_before)} đến {day(self.not_after)}",
        ]
        if self.trial:
            lines.append(f"Đây là chứng thư {TRIAL_MARK}: chỉ dùng để tập huấn.")
        return "\n".join(lines)


def describe(certificate: x509.Certificate) -> CertificateInfo:
    return CertificateInfo(
        subject=readable_name(certificate.subject),
        common_name=_part(certificate.subject, NameOID.COMMON_NAME),
        issuer=readable_name(certificate.issuer),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        serial=format(certificate.serial_number, "X"),
    )


def check_for_signing(certificate: x509.Certificate, now: datetime) -> CertificateInfo:
    """The certificate's description, or an InvalidInput saying why it may not sign now."""
    info = describe(certificate)
    if now < info.not_before:
        raise InvalidInput(
            f"Chứng thư số của {info.common_name} chỉ có hiệu lực từ "
            f"{info.not_before.astimezone(VIETNAM_TZ):%d/%m/%Y}: chưa ký được."
        )
    if now > info.not_after:
        raise InvalidInput(
            f"Chứng thư số của {info.common_name} đã hết hạn ngày "
            f"{info.not_after.astimezone(VIETNAM_TZ):%d/%m/%Y}: cần chứng thư còn hiệu lực."
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return info  # no restriction stated
    if not usage.content_commitment:  # SIGNER_KEY_USAGE
        raise InvalidInput(KEY_USAGE_PROBLEM.format(who=info.common_name))
    return info


KEY_USAGE_PROBLEM = (
    "Chứng thư số của {who} không có mục đích «không thể chối bỏ» (nonRepudiation) trong "
    "Key Usage: cấp trên không công nhận văn bản ký bằng chứng thư này. Hãy dùng chứng thư "
    "ký số văn bản do tổ chức cung cấp dịch vụ chứng thực cấp."
)
