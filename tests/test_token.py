"""Signing with a USB token, played by SoftHSM2: a token initialised here, the trial
signer's key and certificate put on it, a package signed through PKCS#11 and checked
by openssl and pdfsig; a wrong PIN, a locked token and a raw-RSA-only token."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from demo_packages import CLOCK, PASS, demo_package
from pkcs11 import Attribute, CertificateType, ObjectClass

from desktop.cli import main
from desktop.errors import InvalidInput
from desktop.package.verify import load_roots, verify_file
from desktop.signing.token import Pkcs11Token

LIBRARY = next(
    (p for p in (Path("/usr/lib/softhsm/libsofthsm2.so"),
                 Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")) if p.exists()),
    None,
)  # fmt: skip
PIN, SO_PIN, LABEL = "123456", "87654321", "Token Ban Co yeu"


@pytest.fixture(scope="module")
def token(tmp_path_factory, demo_files):
    """A SoftHSM2 token holding the trial signer's key and certificate."""
    assert LIBRARY is not None, "SoftHSM2 is missing: scripts/setup.sh dev installs it"
    folder = tmp_path_factory.mktemp("token")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read by the library when it starts
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", LABEL,
         "--pin", PIN, "--so-pin", SO_PIN],
        check=True, capture_output=True,
    )  # fmt: skip
    ca, package = demo_package(demo_files, folder, evidence=False)
    key, cert, _ = pkcs12.load_key_and_certificates(ca.signer.read_bytes(), PASS)
    pem = folder / "key.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        ["softhsm2-util", "--import", str(pem), "--token", LABEL, "--label", "signer",
         "--id", "01", "--pin", PIN],
        check=True, capture_output=True,
    )  # fmt: skip
    pem.unlink()
    with (
        pkcs11.lib(str(LIBRARY)).get_token(token_label=LABEL).open(user_pin=PIN, rw=True) as session
    ):
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "signer",
                Attribute.ID: b"\x01",
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
                Attribute.SUBJECT: cert.subject.public_bytes(),
            }
        )
    return folder, ca, package


def reopened_copy(folder: Path, tmp_path: Path) -> Path:
    import shutil

    from desktop.domain.periods import PeriodId
    from desktop.workspace import Workspace

    copy = tmp_path / "tl.db"
    shutil.copy(folder / "tl.db", copy)
    with Workspace.open(copy, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        ws.locks.reopen(plan.id, ws.periods.get(PeriodId.parse("2025"), plan.id), "Ký bằng token")
    return copy


@pytest.mark.parametrize("raw", [False, True], ids=["sha256-rsa", "raw-rsa"])
def test_a_package_signed_on_the_token_passes_openssl_and_pdfsig(token, tmp_path, raw):
    folder, ca, _ = token
    copy = reopened_copy(folder, tmp_path)
    from desktop.domain.periods import PeriodId
    from desktop.submission.build import make_package
    from desktop.workspace import Workspace

    with (
        Workspace.open(copy, clock=lambda: CLOCK) as ws,
        Pkcs11Token(LIBRARY, PIN, CLOCK, token_label=LABEL, raw=raw) as source,
    ):
        assert source.raw is raw
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        package = make_package(ws, plan, period, source, tmp_path / "out")
    with zipfile.ZipFile(package.path) as archive:
        archive.extractall(tmp_path / "x")
    checked = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER",
         "-in", str(tmp_path / "x/META-INF/signature001.p7s"),
         "-content", str(tmp_path / "x/META-INF/ASiCManifest.xml"),
         "-CAfile", str(ca.root), "-purpose", "any", "-out", os.devnull],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    out = subprocess.run(
        ["pdfsig", str(tmp_path / "x/bao_cao.pdf")], capture_output=True, text=True
    ).stdout
    assert "Signature is Valid." in out and "Total document signed" in out
    assert verify_file(package.path, load_roots([ca.root])).accepted


def test_the_cli_signs_with_the_token_and_keeps_its_library(token, tmp_path, capsys, monkeypatch):
    folder = token[0]
    copy = reopened_copy(folder, tmp_path)
    monkeypatch.setenv("MA_PIN", PIN)
    code = main(["--db", str(copy), "package", "--period", "2025", "--out", str(tmp_path),
                 "--pkcs11-lib", str(LIBRARY), "--pin-env", "MA_PIN",
                 "--token-label", LABEL])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "Nguyễn Văn An (THỬ NGHIỆM)" in out and "lần 2" in out
    assert main(["--db", str(copy), "reopen", "--period", "2025", "--reason", "lần 3"]) == 0
    again = ["--db", str(copy), "package", "--period", "2025", "--out", str(tmp_path),
             "--pin-env", "MA_PIN"]  # fmt: skip
    assert main(again) == 0  # the library path remembered from the first time
    assert "lần 3" in capsys.readouterr().out


def test_a_wrong_pin_is_said_and_a_missing_token_named(token):
    with pytest.raises(InvalidInput, match="Mã PIN của token không đúng"):
        Pkcs11Token(LIBRARY, "000000", CLOCK, token_label=LABEL)
    with pytest.raises(InvalidInput, match="Không thấy token có nhãn «Khác»"):
        Pkcs11Token(LIBRARY, PIN, CLOCK, token_label="Khác")
    with pytest.raises(InvalidInput, match="Không nạp được thư viện token"):
        Pkcs11Token(Path("/khong/co/lib.so"), PIN, CLOCK)


def test_a_token_whose_certificate_expired_says_so(token):
    later = CLOCK.replace(year=CLOCK.year + 5)
    with pytest.raises(InvalidInput, match="đã hết hạn"):
        Pkcs11Token(LIBRARY, PIN, later, token_label=LABEL)


def test_certificate_read_from_the_token_is_the_signers(token):
    ca = token[1]
    with Pkcs11Token(LIBRARY, PIN, CLOCK, token_label=LABEL) as source:
        subject = source.certificate().subject
    _, cert, _ = pkcs12.load_key_and_certificates(ca.signer.read_bytes(), PASS)
    assert subject == cert.subject and isinstance(source.certificate(), x509.Certificate)
