"""What the certificates and revocation lists the office keeps say, as the trust window
lists them. The trust service keeps them (it sits below the signing layer and cannot
describe a certificate); here each is described with signing.certificates, and the
office's own certificate is taken out of the .p12 it signs with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509

from desktop.services.trust import (
    OWN_SIGNERS,
    ROOTS,
    UPPER_SIGNERS,
    StoredCertificate,
    TrustedRoot,
)
from desktop.signing.certificates import CertificateInfo, describe, readable_name
from desktop.signing.sources import Pkcs12File
from desktop.workspace import Workspace

PKCS12_SUFFIXES = (".p12", ".pfx")  # a signer's key and certificate: only the latter is kept


@dataclass(frozen=True)
class KeptCertificate:
    """A trusted root, the level above's signer or the office's own: what it says, and
    the SHA-256 it is kept by."""

    fingerprint: str
    info: CertificateInfo  # subject, issuer, serial, validity
    added_at: str  # UTC

    def expired(self, now: datetime) -> bool:
        return self.info.not_after < now


@dataclass(frozen=True)
class RevocationList:
    fingerprint: str
    issuer: str
    this_update: datetime
    next_update: datetime | None
    source: str  # a file's path or the address it was fetched from ('' before 0025)
    fetched: bool
    added_at: str  # UTC

    def outdated(self, now: datetime) -> bool:
        """Past the day its CA promised a newer list: packages received from then on
        are not checked against it (verify takes a list current on receipt)."""
        return self.next_update is not None and self.next_update < now


def _described(stored: StoredCertificate) -> KeptCertificate:
    info = describe(x509.load_der_x509_certificate(stored.der))
    return KeptCertificate(stored.fingerprint, info, stored.added_at)


def roots(ws: Workspace) -> list[KeptCertificate]:
    return [_described(s) for s in ws.trust.stored(ROOTS)]


def upper_certificates(ws: Workspace) -> list[KeptCertificate]:
    return [_described(s) for s in ws.trust.stored(UPPER_SIGNERS)]


def own_certificates(ws: Workspace) -> list[KeptCertificate]:
    return [_described(s) for s in ws.trust.stored(OWN_SIGNERS)]


def revocation_lists(ws: Workspace) -> list[RevocationList]:
    """Every list imported, by issuer, the newest of each first."""
    listed = []
    for stored in ws.trust.stored_revocation_lists():
        crl = x509.load_der_x509_crl(stored.der)
        listed.append(
            RevocationList(
                stored.fingerprint, readable_name(crl.issuer), crl.last_update_utc,
                crl.next_update_utc, stored.source, stored.fetched, stored.added_at,
            )
        )  # fmt: skip
    return listed


def add_own(ws: Workspace, path: Path, passphrase: bytes = b"") -> list[TrustedRoot]:
    """Keep the office's own signing certificate from a certificate file, or from the
    .p12 it signs with (opened with `passphrase`; the certificate only, never the key)."""
    if Path(path).suffix.lower() not in PKCS12_SUFFIXES:
        return ws.trust.add_own(path)
    certificate = Pkcs12File(path, passphrase).certificate()
    with ws.change(f"Nhập chứng thư ký của cơ quan từ «{Path(path).name}»"):
        return [ws.trust.keep_own(certificate)]
