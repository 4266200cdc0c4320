"""Where the signing key is: a certificate source gives pyHanko a signer and says
whose certificate it is. PKCS#12 files here; a USB token (PKCS#11) slots in beside."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.sign.signers import Signer, SimpleSigner

from desktop.errors import InvalidInput

MAX_P12_BYTES = 1_000_000


class CertificateSource(Protocol):
    def signer(self) -> Signer: ...

    def certificate(self) -> x509.Certificate: ...


class Pkcs12File:
    """A .p12/.pfx file and its passphrase. pyHanko's load_pkcs12 answers a wrong
    passphrase with None, not an error; the data loader raises, and we say why."""

    def __init__(self, path: Path, passphrase: bytes):
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > MAX_P12_BYTES:
                raise InvalidInput(f"«{path.name}» quá lớn để là tệp chứng thư số (.p12).")
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise InvalidInput(f"Không có tệp chứng thư số «{path}».") from exc
        except OSError as exc:
            raise InvalidInput(f"Không đọc được tệp chứng thư số «{path}»: {exc}.") from exc
        try:
            self._signer = SimpleSigner.load_pkcs12_data(data, (), passphrase=passphrase or None)
        except ValueError as exc:
            raise InvalidInput(
                f"Không mở được «{path.name}»: mật khẩu không đúng, hoặc tệp không phải "
                "chứng thư số dạng .p12/.pfx."
            ) from exc
        if self._signer is None or self._signer.signing_cert is None:
            raise InvalidInput(f"«{path.name}» không chứa chứng thư số để ký.")

    def signer(self) -> SimpleSigner:
        return self._signer

    def certificate(self) -> x509.Certificate:
        cert: asn1_x509.Certificate = self._signer.signing_cert
        return x509.load_der_x509_certificate(cert.dump())
