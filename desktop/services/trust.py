"""Whom the office trusts: the root certificates packages and returns must chain to, the
level above's signing certificate (an office's side), the revocation lists packages are
checked against and the office's own signing certificate that its communes register (the
level above's side). Imported once and kept here; what each says, for the trust window,
is read in desktop.signing.trusted (the signing layer describes certificates)."""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.errors import InvalidInput, NotFound
from desktop.services.base import Service

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509


FETCH_SECONDS = 15
MAX_CRL_BYTES = 20 * 1024 * 1024
# The tables each kind of certificate is kept in.
ROOTS, UPPER_SIGNERS, OWN_SIGNERS = "trusted_roots", "upper_signers", "own_signers"


@dataclass(frozen=True)
class TrustedRoot:
    fingerprint: str
    subject: str
    not_after: str


@dataclass(frozen=True)
class StoredCertificate:
    """A certificate as kept; what it says is read above (desktop.signing.trusted)."""

    fingerprint: str  # SHA-256 of the DER, hex
    der: bytes
    added_at: str  # UTC


@dataclass(frozen=True)
class StoredRevocationList:
    fingerprint: str  # SHA-256 of the DER, hex
    der: bytes
    source: str  # a file's path or the address it was fetched from ('' before 0025)
    fetched: bool
    added_at: str  # UTC


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
                added.append(self._keep_certificate(ROOTS, der, cert))
        return added

    def _keep_certificate(self, table: str, der: bytes, cert) -> TrustedRoot:
        """Store a certificate in `table` (trusted_roots, upper_signers, own_signers)."""
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
        return self._add_signers(
            UPPER_SIGNERS, path, "Đăng ký chứng thư ký của cấp trên từ «{}»",
            "hãy đăng ký chứng thư của người ký ở cấp trên (tệp .cer/.pem cấp trên gửi kèm)",
        )  # fmt: skip

    def add_own(self, path: Path) -> builtins.list[TrustedRoot]:
        """Keep the office's own signing certificate(s) from a certificate file: what its
        communes register, before its first return reaches them, to accept its returns
        (from the .p12 it signs with: desktop.signing.trusted.add_own)."""
        return self._add_signers(
            OWN_SIGNERS, path, "Nhập chứng thư ký của cơ quan từ «{}»",
            "hãy chọn chứng thư người ký của cơ quan (tệp .pem/.cer, hoặc tệp .p12 dùng để ký)",
        )  # fmt: skip

    def keep_own(self, certificate: x509.Certificate) -> TrustedRoot:
        """Inside the caller's change (a return being signed): the certificate the office
        signs with, kept once, to hand to its communes."""
        from cryptography.hazmat.primitives.serialization import Encoding

        der = certificate.public_bytes(Encoding.DER)
        fingerprint = hashlib.sha256(der).hexdigest()
        if row := self._row(
            "SELECT id AS fingerprint, subject, not_after FROM own_signers WHERE id = ?",
            [fingerprint],
        ):
            return TrustedRoot(**row)
        return self._keep_certificate(OWN_SIGNERS, der, certificate)

    def _add_signers(
        self, table: str, path: Path, operation: str, not_a_ca: str
    ) -> builtins.list[TrustedRoot]:
        """The signing certificates in a file kept in `table`; a CA is refused with
        `not_a_ca`, what to choose instead."""
        from cryptography import x509

        added = []
        with self.ws.change(operation.format(Path(path).name)):
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
                    raise InvalidInput(f"«{Path(path).name}» là chứng thư gốc (CA): {not_a_ca}.")
                added.append(self._keep_certificate(table, der, cert))
        return added

    def export_own(self, fingerprint: str, path: Path) -> Path:
        """The office's signing certificate written as a .pem file for its communes to
        register (a name without a suffix is given .pem); the path written."""
        from desktop.infra.atomic_files import write_file

        pem = self._scalar("SELECT pem FROM own_signers WHERE id = ?", [fingerprint])
        if pem is None:
            raise NotFound("Chứng thư ký này không còn trong danh sách của cơ quan.")
        path = Path(path)
        return write_file(path if path.suffix else path.with_suffix(".pem"), pem.encode("ascii"))

    def stored(self, table: str) -> builtins.list[StoredCertificate]:
        """The certificates kept in `table` (ROOTS, UPPER_SIGNERS, OWN_SIGNERS), by subject."""
        from asn1crypto import pem as asn1_pem

        rows = self._rows(f"SELECT id, pem, added_at FROM {table} ORDER BY subject, id")
        return [
            StoredCertificate(r["id"], asn1_pem.unarmor(r["pem"].encode())[2], r["added_at"])
            for r in rows
        ]

    def remove_root(self, fingerprint: str) -> None:
        """Stop trusting a root: what chains only to it is refused from now on (packages
        and returns already taken in stay as they are)."""
        self._forget(ROOTS, fingerprint, "Bỏ chứng thư gốc tin cậy «{}»")

    def remove_upper(self, fingerprint: str) -> None:
        """Stop applying returns signed with this certificate of the level above."""
        self._forget(UPPER_SIGNERS, fingerprint, "Bỏ chứng thư ký của cấp trên «{}»")

    def remove_own(self, fingerprint: str) -> None:
        self._forget(OWN_SIGNERS, fingerprint, "Bỏ chứng thư ký của cơ quan «{}»")

    def _forget(self, table: str, fingerprint: str, operation: str) -> None:
        subject = self._scalar(f"SELECT subject FROM {table} WHERE id = ?", [fingerprint])
        if subject is None:
            raise NotFound("Chứng thư này không còn trong danh sách.")
        with self.ws.change(operation.format(subject)):
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [fingerprint])

    def add_revocation_list(self, path: Path) -> builtins.list[str]:
        """Import the certificate revocation list(s) in a .crl file (DER or PEM); their
        issuers, as named. Anything else is refused."""
        return self._store_revocation_lists(read_certificates(path), str(path))

    def fetch_revocation_list(self, url: str) -> builtins.list[str]:
        """Download a CA's revocation list (when the office is online), import it and
        remember where it came from, to refresh it later (refresh_revocation_lists)."""
        from urllib.error import HTTPError, URLError
        from urllib.parse import urlparse
        from urllib.request import urlopen

        if urlparse(url).scheme not in ("http", "https"):
            raise InvalidInput(f"«{url}» không phải địa chỉ http(s) của danh sách thu hồi.")
        try:
            with urlopen(url, timeout=FETCH_SECONDS) as answer:
                data = answer.read(MAX_CRL_BYTES + 1)
        except HTTPError as exc:
            raise InvalidInput(
                f"Không tải được danh sách thu hồi từ «{url}»: máy chủ trả lời lỗi {exc.code}."
            ) from exc
        except (URLError, OSError, ValueError) as exc:
            raise InvalidInput(
                f"Không tải được danh sách thu hồi từ «{url}»: không kết nối được (máy không "
                "có mạng, hoặc địa chỉ sai). Danh sách đã nhập trước đây vẫn được dùng."
            ) from exc
        if len(data) > MAX_CRL_BYTES:
            raise InvalidInput(f"Danh sách thu hồi tải từ «{url}» lớn quá giới hạn.")
        issuers = self._store_revocation_lists(ders_of(data), url, fetched=True)
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
        self, ders: builtins.list[bytes], source: str, fetched: bool = False
    ) -> builtins.list[str]:
        from asn1crypto import crl as asn1_crl
        from asn1crypto import pem as asn1_pem

        issuers = []
        named = source if fetched else Path(source).name
        with self.ws.change(f"Nhập danh sách chứng thư thu hồi từ «{named}»"):
            for der in ders:
                try:
                    revocations = asn1_crl.CertificateList.load(der)
                    issuer = revocations.issuer.human_friendly
                    tbs = revocations["tbs_cert_list"]
                    this_update = tbs["this_update"].native.isoformat()
                    following = tbs["next_update"].native
                except (ValueError, TypeError, KeyError) as exc:
                    raise InvalidInput(
                        f"«{named}» không phải danh sách chứng thư thu hồi (.crl) đọc được."
                    ) from exc
                self.db["revocation_lists"].upsert(
                    {"id": hashlib.sha256(der).hexdigest(), "issuer": issuer,
                     "this_update": this_update,
                     "next_update": following.isoformat() if following else "",
                     "pem": asn1_pem.armor("X509 CRL", der).decode("ascii"),
                     "added_at": self.ws.timestamp(), "source": source,
                     "fetched": int(fetched)},
                    pk="id",
                )  # fmt: skip
                issuers.append(issuer)
        return issuers

    def stored_revocation_lists(self) -> builtins.list[StoredRevocationList]:
        """Every revocation list imported, by issuer, the newest of each first."""
        from asn1crypto import pem as asn1_pem

        rows = self._rows(
            "SELECT id, pem, source, fetched, added_at FROM revocation_lists "
            "ORDER BY issuer, this_update DESC"
        )
        return [
            StoredRevocationList(
                r["id"], asn1_pem.unarmor(r["pem"].encode())[2], r["source"],
                bool(r["fetched"]), r["added_at"],
            )
            for r in rows
        ]  # fmt: skip

    def revocation_lists(self) -> builtins.list[bytes]:
        """The DER of every revocation list imported."""
        return [stored.der for stored in self.stored_revocation_lists()]

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
