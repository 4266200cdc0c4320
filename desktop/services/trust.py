"""Root certificates the office trusts when verifying packages, imported once."""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import InvalidInput
from desktop.services.base import Service

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509


FETCH_SECONDS = 15
MAX_CRL_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class TrustedRoot:
    fingerprint: str
    subject: str
    not_after: str


def read_certificates(path: Path) -> list[bytes]:
    """The DER of every certificate in a PEM or DER file."""

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Không đọc được «{path}»: {exc.strerror or exc}.") from exc
    return ders_of(data)


def ders_of(data: bytes) -> list[bytes]:
    """The DER of every object in PEM text, or the data itself when it is DER."""
    from asn1crypto import pem as asn1_pem

    if asn1_pem.detect(data):
        return [der for _, _, der in asn1_pem.unarmor(data, multiple=True)]
    return [data]


class TrustService(Service):
    def add(self, path: Path) -> list[TrustedRoot]:
        """Import the root certificate(s) in a file; anything else is refused."""
        from cryptography import x509  # on use: it costs the start of every command

        added = []
        with self.ws.change(f"Thêm chứng thư gốc tin cậy từ «{Path(path).name}»"):
            for der in read_certificates(path):
                try:
                    cert = x509.load_der_x509_certificate(der)
                    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints)
                except (ValueError, x509.ExtensionNotFound) as exc:
                    raise InvalidInput(
                        f"«{Path(path).name}» không phải chứng thư gốc (CA) đọc được."
                    ) from exc
                if not constraints.value.ca:
                    raise InvalidInput(f"«{Path(path).name}» là chứng thư người ký, không phải CA.")
                added.append(self._keep_certificate("trusted_roots", der, cert))
        return added

    def _keep_certificate(self, table: str, der: bytes, cert) -> TrustedRoot:
        """Store a certificate in `table` (trusted_roots, upper_signers), as it is listed."""
        from asn1crypto import pem as asn1_pem

        kept = TrustedRoot(
            hashlib.sha256(der).hexdigest(),
            cert.subject.rfc4514_string(),
            cert.not_valid_after_utc.date().isoformat(),
        )
        self.db[table].upsert(
            {
                "id": kept.fingerprint,
                "subject": kept.subject,
                "not_after": kept.not_after,
                "pem": asn1_pem.armor("CERTIFICATE", der).decode("ascii"),
                "added_at": self.ws.timestamp(),
            },
            pk="id",
        )
        return kept

    def add_upper(self, path: Path) -> builtins.list[TrustedRoot]:
        """Register the level above's own signing certificate(s) in a file: a return is
        applied only when one of them signed it. A CA is refused: it would let any
        certificate it issued speak for the level above."""
        from cryptography import x509

        added = []
        with self.ws.change(f"Đăng ký chứng thư ký của cấp trên từ «{Path(path).name}»"):
            for der in read_certificates(path):
                try:
                    cert = x509.load_der_x509_certificate(der)
                except ValueError as exc:
                    raise InvalidInput(
                        f"«{Path(path).name}» không phải chứng thư đọc được."
                    ) from exc
                try:
                    ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
                except x509.ExtensionNotFound:
                    ca = False
                if ca:
                    raise InvalidInput(
                        f"«{Path(path).name}» là chứng thư gốc (CA): hãy đăng ký chứng thư của "
                        "người ký ở cấp trên (tệp .cer/.pem cấp trên gửi kèm)."
                    )
                added.append(self._keep_certificate("upper_signers", der, cert))
        return added

    def add_revocation_list(self, path: Path) -> builtins.list[str]:
        """Import the certificate revocation list(s) in a .crl file (DER or PEM); their
        issuers, as named. Anything else is refused."""
        return self._store_revocation_lists(read_certificates(path), Path(path).name)

    def fetch_revocation_list(self, url: str) -> builtins.list[str]:
        """Download a CA's revocation list (when the office is online), import it and
        remember where it came from, to refresh it later (refresh_revocation_lists)."""
        from urllib.error import URLError
        from urllib.parse import urlparse
        from urllib.request import urlopen

        if urlparse(url).scheme not in ("http", "https"):
            raise InvalidInput(f"«{url}» không phải địa chỉ http(s) của danh sách thu hồi.")
        try:
            with urlopen(url, timeout=FETCH_SECONDS) as answer:
                data = answer.read(MAX_CRL_BYTES + 1)
        except (URLError, OSError, ValueError) as exc:
            raise InvalidInput(
                f"Không tải được danh sách thu hồi từ «{url}» (không có mạng?): {exc}"
            ) from exc
        if len(data) > MAX_CRL_BYTES:
            raise InvalidInput(f"Danh sách thu hồi tải từ «{url}» lớn quá giới hạn.")
        issuers = self._store_revocation_lists(ders_of(data), url)
        with self.ws.change(f"Ghi nhớ địa chỉ danh sách thu hồi «{url}»"):
            self.db["trust_settings"].upsert({"id": f"crl_url:{url}", "value": url}, pk="id")
        return issuers

    def refresh_revocation_lists(self) -> builtins.list[tuple[str, str]]:
        """Fetch again every list fetched before: (address, what happened) for each; one
        that cannot be fetched (offline) is said, and the others are still fetched."""
        urls = [r["value"] for r in self._rows(
            "SELECT value FROM trust_settings WHERE id LIKE 'crl_url:%' ORDER BY id"
        )]  # fmt: skip
        said = []
        for url in urls:
            try:
                issuers = self.fetch_revocation_list(url)
                said.append((url, f"đã cập nhật ({', '.join(issuers)})"))
            except InvalidInput as exc:
                said.append((url, str(exc)))
        return said

    def _store_revocation_lists(
        self, ders: builtins.list[bytes], source: str
    ) -> builtins.list[str]:
        from asn1crypto import crl as asn1_crl
        from asn1crypto import pem as asn1_pem

        issuers = []
        with self.ws.change(f"Nhập danh sách chứng thư thu hồi từ «{source}»"):
            for der in ders:
                try:
                    revocations = asn1_crl.CertificateList.load(der)
                    issuer = revocations.issuer.human_friendly
                    tbs = revocations["tbs_cert_list"]
                    this_update = tbs["this_update"].native.isoformat()
                    following = tbs["next_update"].native
                except (ValueError, TypeError, KeyError) as exc:
                    raise InvalidInput(
                        f"«{source}» không phải danh sách chứng thư thu hồi (.crl) đọc được."
                    ) from exc
                self.db["revocation_lists"].upsert(
                    {"id": hashlib.sha256(der).hexdigest(), "issuer": issuer,
                     "this_update": this_update,
                     "next_update": following.isoformat() if following else "",
                     "pem": asn1_pem.armor("X509 CRL", der).decode("ascii"),
                     "added_at": self.ws.timestamp()},
                    pk="id",
                )  # fmt: skip
                issuers.append(issuer)
        return issuers

    def revocation_lists(self) -> builtins.list[bytes]:
        """The DER of every revocation list imported."""
        from asn1crypto import pem as asn1_pem

        return [asn1_pem.unarmor(r["pem"].encode())[2]
                for r in self._rows("SELECT pem FROM revocation_lists")]  # fmt: skip

    def require_revocation(self, required: bool | None = None) -> bool:
        """Whether a package whose signer no revocation list covers is refused (set it
        by passing a value)."""
        if required is not None:
            with self.ws.change(
                "Bắt buộc kiểm tra thu hồi chứng thư"
                if required
                else "Không bắt buộc kiểm tra thu hồi chứng thư"
            ):
                self.db["trust_settings"].upsert(
                    {"id": "require_revocation", "value": "1" if required else "0"}, pk="id"
                )
            return required
        return (
            self._scalar("SELECT value FROM trust_settings WHERE id = 'require_revocation'") == "1"
        )

    def upper_signers(self) -> builtins.list[TrustedRoot]:
        rows = self._rows("SELECT id AS fingerprint, subject, not_after FROM upper_signers")
        return [TrustedRoot(**r) for r in rows]

    def list(self) -> list[TrustedRoot]:
        rows = self._rows("SELECT id AS fingerprint, subject, not_after FROM trusted_roots")
        return [TrustedRoot(**r) for r in rows]

    def certificates(self) -> builtins.list[asn1_x509.Certificate]:
        from asn1crypto import pem as asn1_pem
        from asn1crypto import x509 as asn1_x509

        return [
            asn1_x509.Certificate.load(asn1_pem.unarmor(r["pem"].encode())[2])
            for r in self._rows("SELECT pem FROM trusted_roots")
        ]
