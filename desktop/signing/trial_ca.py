"""A small local CA and a signer certificate for training (trial-ca).

Everything it issues says THỬ NGHIỆM in its organisation, so the stamp, the package's
JSON and the verifier can tell a training package from a real one at a glance, and no
reader mistakes one for the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.infra.atomic_files import write_files

TRIAL_MARK = "THỬ NGHIỆM"
ROOT_FILE, SIGNER_FILE, CERTIFICATE_FILE = "root.pem", "signer.p12", "signer.pem"


@dataclass(frozen=True)
class TrialCA:
    root: Path
    signer: Path
    certificate: Path  # the signer's certificate alone, to hand out (a level above's)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Sổ Kế hoạch - {TRIAL_MARK}"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def issue(name: str, passphrase: bytes, now: datetime, *, days: int = 730) -> tuple[bytes, bytes]:
    """(root.pem, signer.p12): a root valid 10 years, a signer `days` days, 2048-bit RSA."""
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name(f"CA thử nghiệm Sổ Kế hoạch ({TRIAL_MARK})")
    start = now - timedelta(days=1)
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{name} ({TRIAL_MARK})"))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    bundle = pkcs12.serialize_key_and_certificates(
        name.encode(),
        key,
        signer,
        [root],
        serialization.BestAvailableEncryption(passphrase),
    )
    return root.public_bytes(serialization.Encoding.PEM), bundle


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def make_trial_ca(folder: Path, name: str, passphrase: bytes, now: datetime) -> TrialCA:
    """Write root.pem, signer.p12 and signer.pem into `folder` (all or none)."""
    root, bundle = issue(name, passphrase, now)
    _, certificate, _ = pkcs12.load_key_and_certificates(bundle, passphrase)
    assert certificate is not None
    public = certificate.public_bytes(serialization.Encoding.PEM)
    folder.mkdir(parents=True, exist_ok=True)
    written = write_files(
        [(folder / ROOT_FILE, root), (folder / SIGNER_FILE, bundle),
         (folder / CERTIFICATE_FILE, public)]
    )  # fmt: skip
    return TrialCA(*written)
