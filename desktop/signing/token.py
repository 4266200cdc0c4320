"""A USB token (PKCS#11): the signer's key never leaves it. The token is found by its
label (or is the only one present), the certificate picked from those it holds (one
with its private key, valid now and made for signing, the latest to expire), and a
wrong PIN or a locked token said plainly. Tokens that cannot hash-then-sign RSA get
the DigestInfo signed raw (CKM_RSA_PKCS): the same PKCS#1 v1.5 signature."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pkcs11
from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pkcs11 import Attribute, Mechanism, ObjectClass, TokenFlag
from pkcs11 import exceptions as p11
from pyhanko.sign.pkcs11 import PKCS11Signer

from desktop.errors import InvalidInput
from desktop.signing.certificates import check_for_signing
from desktop.signing.pkcs11_paths import find_pkcs11_library

if TYPE_CHECKING:
    from desktop.workspace import Workspace


class _RawRsaSigner(PKCS11Signer):
    """Signs DigestInfo(SHA-256) with CKM_RSA_PKCS, for tokens without SHA256-RSA."""

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False) -> bytes:
        if dry_run:
            return await super().async_sign_raw(data, digest_algorithm, dry_run=True)
        await self.ensure_objects_loaded()
        info = algos.DigestInfo(
            {
                "digest_algorithm": {"algorithm": digest_algorithm},
                "digest": hashlib.new(digest_algorithm, data).digest(),
            }
        )
        assert self._key_handle is not None  # loaded just above
        return self._key_handle.sign(info.dump(), mechanism=Mechanism.RSA_PKCS)


def _load(library: Path):
    try:
        return pkcs11.lib(str(library))
    except (OSError, RuntimeError, pkcs11.PKCS11Error) as exc:
        raise InvalidInput(
            f"Không nạp được thư viện token «{library}»: {exc}. Hãy cài trình điều khiển "
            "của token và chọn đúng tệp thư viện (.so/.dll)."
        ) from exc


def token_library(ws: Workspace, given: Path | None) -> Path:
    """The token's PKCS#11 library: the one given, else the one signed with last (remembered
    once a package is signed with it), else the one installed on this computer."""
    return given or ws.document_settings.pkcs11_library() or find_pkcs11_library()


class Pkcs11Token:
    def __init__(
        self,
        library: Path,
        pin: str,
        now: datetime,
        token_label: str | None = None,
        raw: bool | None = None,
    ):
        """`raw`: None to decide from the token's mechanisms."""
        self.library = Path(library)
        slots = _load(library).get_slots(token_present=True)
        found = [(s, s.get_token()) for s in slots]
        # A blank slot (SoftHSM keeps one) is not a token anybody signs with.
        found = [(s, t) for s, t in found if t.flags & TokenFlag.TOKEN_INITIALIZED]
        if token_label:
            found = [(s, t) for s, t in found if t.label.strip() == token_label.strip()]
        if not found:
            named = f" có nhãn «{token_label}»" if token_label else ""
            raise InvalidInput(f"Không thấy token{named}: hãy cắm token vào máy.")
        if len(found) > 1:
            labels = ", ".join(t.label.strip() for _, t in found)
            raise InvalidInput(f"Có nhiều token ({labels}): chọn một bằng nhãn của nó.")
        slot, token = found[0]
        try:
            self.session = token.open(user_pin=pin)
        except p11.PinIncorrect as exc:
            raise InvalidInput(
                "Mã PIN của token không đúng. Lưu ý: nhập sai nhiều lần token sẽ bị khóa."
            ) from exc
        except p11.PinLocked as exc:
            raise InvalidInput(
                "Token đã bị khóa do nhập sai PIN nhiều lần: liên hệ nơi cấp chứng thư số."
            ) from exc
        except (p11.PinLenRange, p11.PinInvalid) as exc:
            raise InvalidInput("Mã PIN không đúng định dạng của token.") from exc
        try:
            key_id, cert = self._pick(now)
            if raw is None:
                raw = Mechanism.SHA256_RSA_PKCS not in slot.get_mechanisms()
            signer_class = _RawRsaSigner if raw else PKCS11Signer
            self._signer = signer_class(
                self.session, key_id=key_id, signing_cert=asn1_x509.Certificate.load(cert)
            )
        except BaseException:
            self.session.close()
            raise
        self._certificate = x509.load_der_x509_certificate(cert)
        self.raw = raw

    def _pick(self, now: datetime) -> tuple[bytes, bytes]:
        """(key id, certificate DER) of the certificate to sign with."""
        keys = {
            k[Attribute.ID]
            for k in self.session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})
        }
        usable, problems = [], []
        for obj in self.session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
            if obj[Attribute.ID] not in keys:
                continue
            der = obj[Attribute.VALUE]
            try:
                info = check_for_signing(x509.load_der_x509_certificate(der), now)
            except InvalidInput as exc:
                problems.append(str(exc))
                continue
            usable.append((info.not_after, obj[Attribute.ID], der))
        if not usable:
            said = " ".join(problems) or "Token không có chứng thư số kèm khóa ký."
            raise InvalidInput(said)
        _, key_id, der = max(usable)
        return key_id, der

    def signer(self) -> PKCS11Signer:
        return self._signer

    def certificate(self) -> x509.Certificate:
        return self._certificate

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Pkcs11Token:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
