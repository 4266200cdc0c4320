"""Packages crafted as an attacker would (issue 22, points 6, 7 and 9): the container
rules of ETSI EN 319 162-1, inputs made to crash or exhaust the verifier, and names
made to lie on a terminal. Each is refused for its reason, in Vietnamese, without a
traceback; the genuine package still passes."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from demo_packages import CLOCK, PASS
from test_package import entries_of, files_of, json_edited, resigned, zipped

from desktop.errors import InvalidInput
from desktop.package import asice
from desktop.package.verify import Verdict, load_roots, verify
from desktop.workspace import Workspace


def _raw_zip(entries: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, content in entries:
            archive.writestr(info, content)
    return buffer.getvalue()


def _info(name: str, stored: bool = False) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _with_flag(made, name: str, flag: int = 0, method: int | None = None) -> bytes:
    """The genuine entries with one entry's headers (local and central) saying it is
    encrypted (`flag`) or packed by another method (`method`)."""
    data = zipped(entries_of(made))
    archive = zipfile.ZipFile(io.BytesIO(data))
    out = bytearray(data)
    headers = [(archive.getinfo(name).header_offset, 6, 8)]  # local: flags, method
    at = archive.start_dir
    while data[at : at + 4] == b"PK\x01\x02":  # the central directory, entry by entry
        size = 46 + sum(int.from_bytes(data[at + i : at + i + 2], "little") for i in (28, 30, 32))
        if data[at + 46 : at + 46 + len(name)] == name.encode():
            headers.append((at, 8, 10))
        at += size
    for header, flag_at, method_at in headers:
        out[header + flag_at] |= flag
        if method is not None:
            out[header + method_at : header + method_at + 2] = method.to_bytes(2, "little")
    return bytes(out)


def _data_resigned(made, raw: bytes) -> bytes:
    return zipped(resigned({**files_of(made[2].path), "du_lieu.json": raw}, made[1].signer))


def _deep_json(made) -> bytes:
    """du_lieu.json of 100,000 nested arrays, stored unpacked (packed, it looks a bomb)."""
    entries = resigned(
        {**files_of(made[2].path), "du_lieu.json": b"[" * 100_000 + b"]" * 100_000},
        made[1].signer,
    )
    return _raw_zip([(_info(n, n in ("mimetype", "du_lieu.json")), c) for n, c in entries])


def _edited(made, edit) -> bytes:
    return _data_resigned(made, json_edited(made, edit))


def _cms_time_month_13(made) -> bytes:
    """The CAdES signature with its signing time's month made 13 (the signature no longer
    matches, but reading its time must not crash first)."""
    files = dict(resigned(files_of(made[2].path), made[1].signer))
    stamp = CLOCK.strftime("%y%m%d%H%M%S").encode()
    signature = files[asice.SIGNATURE]
    assert stamp in signature
    files[asice.SIGNATURE] = signature.replace(stamp, stamp[:2] + b"13" + stamp[4:], 1)
    return zipped(list(files.items()))


def _pdf_month_13(made) -> bytes:
    files = files_of(made[2].path)
    report = files["bao_cao.pdf"]
    marker = b"/M (D\\072"  # pyHanko writes the ':' of 'D:' as an octal escape
    at = report.find(marker)
    assert at > 0
    start = at + len(marker) + 4  # past 'yyyy'
    report = report[:start] + b"13" + report[start + 2 :]
    return zipped(resigned({**files, "bao_cao.pdf": report}, made[1].signer))


HOSTILE = {
    # Point 6: the container as ETSI EN 319 162-1 has it.
    "html_before_zip": lambda m: b"<html>" + b" " * 4090 + m[2].path.read_bytes(),
    "meta_inf_extra": lambda m: zipped([*entries_of(m), ("META-INF/khac.xml", b"<x/>")]),
    "directory_with_data": lambda m: _raw_zip(
        [(_info(n, n == "mimetype"), c) for n, c in entries_of(m)]
        + [(_info("minh_chung/"), b"du lieu an trong thu muc")]
    ),
    # Point 7: what used to crash or hang.
    "encrypted_entry": lambda m: _with_flag(m, "du_lieu.json", flag=0x1),
    "deflate64_entry": lambda m: _with_flag(m, "du_lieu.json", method=9),
    "nested_arrays": _deep_json,
    "month_13": lambda m: _edited(m, lambda d: d["period"].update(due_on="2026-13-45")),
    "day_99": lambda m: _edited(m, lambda d: d["period"].update(data_to="2025-99-99")),
    "submitted_month_13": lambda m: _edited(m, lambda d: d.update(
        submitted_at="2025-13-01T10:00:00+07:00")),
    "sequence_2_70": lambda m: _edited(m, lambda d: d["package"].update(sequence=2**70)),
    "paid_2_70": lambda m: _edited(m, lambda d: d["budget"].append({
        **(d["budget"] or [{"code": "1", "title": "x", "source": "", "estimate": 1,
                            "paid_in_period": 0, "paid_to_date": 0, "remaining": 1}])[0],
        "paid_to_date": 2**70})),
    "office_name_long": lambda m: _edited(m, lambda d: d["office"].update(name="x" * 1_000_000)),
    "cms_time_month_13": _cms_time_month_13,
    # Found by a later attack pass.
    "bytes_after_zip": lambda m: m[2].path.read_bytes() + b"\x00" * 1000,
    "changes_200000": lambda m: _edited(m, lambda d: d.update(changes=["x"] * 200_000)),
    "changes_in_lan_1": lambda m: _edited(m, lambda d: d.update(changes=["Sửa số liệu"])),
    "pdf_time_month_13": _pdf_month_13,
}  # fmt: skip

REASONS = {
    "html_before_zip": ("Cấu trúc gói", "byte đầu tiên"),
    "meta_inf_extra": ("Cấu trúc gói", "META-INF/khac.xml"),
    "directory_with_data": ("Cấu trúc gói", "thư mục «minh_chung/» có dữ liệu"),
    "encrypted_entry": ("Cấu trúc gói", "mã hóa"),
    "deflate64_entry": ("Cấu trúc gói", "cách nén"),
    "nested_arrays": ("Dữ liệu (du_lieu.json)", "lồng nhau quá sâu"),
    "month_13": ("Dữ liệu (du_lieu.json)", "period/due_on"),
    "day_99": ("Dữ liệu (du_lieu.json)", "period/data_to"),
    "submitted_month_13": ("Dữ liệu (du_lieu.json)", "submitted_at"),
    "sequence_2_70": ("Dữ liệu (du_lieu.json)", "package/sequence"),
    "paid_2_70": ("Dữ liệu (du_lieu.json)", "paid_to_date"),
    "office_name_long": ("Dữ liệu (du_lieu.json)", "office/name"),
    "cms_time_month_13": ("Chữ ký trên bản kê (CAdES)", ""),
    "bytes_after_zip": ("Cấu trúc gói", "dữ liệu lạ sau phần zip"),
    "changes_200000": ("Dữ liệu (du_lieu.json)", "changes: danh sách 200,000 mục"),
    "changes_in_lan_1": ("Dữ liệu (du_lieu.json)", "lần 1 không có danh sách thay đổi"),
    "pdf_time_month_13": ("Chữ ký trên báo cáo PDF (PAdES)", ""),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_package_is_refused_for_its_reason(case, made, roots):
    data = HOSTILE[case](made)
    verdict = verify(data, roots, Verdict(made[2].path.name))
    assert not verdict.accepted, verdict.render()
    check, words = REASONS[case]
    failed = [c for c in verdict.checks if not c.passed]
    assert any(c.name == check and words in c.detail for c in failed), verdict.render()


def test_the_genuine_package_still_passes(made, roots):
    verdict = verify(made[2].path.read_bytes(), roots, Verdict(made[2].path.name))
    assert verdict.accepted, verdict.render()


def test_real_dates_are_kept_apart_from_what_only_looks_like_one():
    from desktop.package.schema import real_date, real_datetime

    assert real_date("2024-02-29") and not real_date("2025-02-29")
    assert not real_date("2026-13-45") and not real_date("2025-99-99")
    assert real_datetime("2025-11-25T10:00:00+07:00")
    assert not real_datetime("2025-13-01T10:00:00+07:00")
    assert json.loads(json.dumps(2**53 - 1)) == 2**53 - 1


def digital_signature_only(folder: Path) -> tuple[Path, Path]:
    """(root.pem, signer.p12) of a CA whose signer may make digital signatures but not
    non-repudiable ones (Key Usage: digitalSignature only), as some tokens are."""
    root, signer, _ = own_ca(folder, non_repudiation=False)
    return root, signer


def own_ca(
    folder: Path, *, non_repudiation: bool = True, revoked: bool = False
) -> tuple[Path, Path, Path]:
    """(root.pem, signer.p12, list.crl) of a CA made here, whose revocation list names
    its signer when `revoked`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    def usage(**given: bool) -> x509.KeyUsage:
        fields = [
            "digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
            "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only",
        ]  # fmt: skip
        return x509.KeyUsage(**{f: given.get(f, False) for f in fields})

    start, end = CLOCK - timedelta(days=1), CLOCK + timedelta(days=365)
    root_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def certificate(subject, public, ca: bool, ku: x509.KeyUsage) -> x509.Certificate:
        return (
            x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name("CA chỉ ký"))
            .public_key(public).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            .add_extension(ku, critical=True)
            .sign(root_key, hashes.SHA256())
        )  # fmt: skip

    root = certificate(
        "CA chỉ ký", root_key.public_key(), True, usage(key_cert_sign=True, crl_sign=True)
    )
    signer = certificate(
        "Người Chỉ Ký", key.public_key(), False,
        usage(digital_signature=True, content_commitment=non_repudiation),
    )  # fmt: skip
    revocations = (
        x509.CertificateRevocationListBuilder().issuer_name(name("CA chỉ ký"))
        .last_update(start).next_update(end)
    )  # fmt: skip
    if revoked:
        revocations = revocations.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(signer.serial_number)
            .revocation_date(start).build()
        )  # fmt: skip
    crl = revocations.sign(root_key, hashes.SHA256())
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "root.pem").write_bytes(root.public_bytes(serialization.Encoding.PEM))
    bundle = pkcs12.serialize_key_and_certificates(
        b"x", key, signer, [root], serialization.BestAvailableEncryption(PASS)
    )
    (folder / "signer.p12").write_bytes(bundle)
    (folder / "list.crl").write_bytes(crl.public_bytes(serialization.Encoding.DER))
    return folder / "root.pem", folder / "signer.p12", folder / "list.crl"


def test_a_certificate_the_verifier_refuses_is_refused_before_signing(made, tmp_path):
    """Point 5: with Key Usage digitalSignature only, `package` used to sign and lock the
    period, then `verify` refused the package as if its chain were untrusted."""
    from desktop.signing.certificates import check_for_signing
    from desktop.signing.sources import Pkcs12File

    root, p12 = digital_signature_only(tmp_path / "ca")
    with pytest.raises(InvalidInput, match="nonRepudiation"):
        check_for_signing(Pkcs12File(p12, PASS).certificate(), CLOCK)
    # A package signed with it anyway is refused by verify for that same reason.
    data = zipped(resigned(files_of(made[2].path), p12))
    verdict = verify(data, load_roots([root]), Verdict(made[2].path.name))
    [cms] = [c for c in verdict.checks if c.name == "Chữ ký trên bản kê (CAdES)"]
    assert not cms.passed and "nonRepudiation" in cms.detail, verdict.render()


def test_the_report_and_the_manifest_are_signed_by_the_very_same_certificate(made, roots, tmp_path):
    """Point 1: the PDF's signer was compared with the manifest's by common name only, so
    a certificate of the same name from another trusted CA passed."""
    from desktop.signing.trial_ca import issue

    twin_root, twin = issue("Nguyễn Văn An", PASS, CLOCK)  # same name, another CA
    (tmp_path / "twin.p12").write_bytes(twin)
    (tmp_path / "twin.pem").write_bytes(twin_root)
    data = zipped(resigned(files_of(made[2].path), tmp_path / "twin.p12"))
    trusted = roots + load_roots([tmp_path / "twin.pem"])
    verdict = verify(data, trusted, Verdict(made[2].path.name))
    checks = {c.name: c for c in verdict.checks}
    assert checks["Chữ ký trên bản kê (CAdES)"].passed  # the twin is trusted...
    pdf = checks["Chữ ký trên báo cáo PDF (PAdES)"]
    assert not pdf.passed and "khác chứng thư đã ký bản kê" in pdf.detail  # ...but not the same
    genuine = verify(made[2].path.read_bytes(), roots, Verdict(made[2].path.name))
    assert (
        len(genuine.fingerprint) == 64 and genuine.to_dict()["signer_sha256"] == genuine.fingerprint
    )


@pytest.mark.parametrize(
    ("valid_from", "signed_at", "words"),
    [
        # an expired certificate with a signing time back-dated into its validity
        (CLOCK - timedelta(days=800), CLOCK - timedelta(days=790), "đã hết hạn ngày"),
        # a certificate valid only from 2030 with a time claimed in 2030
        (CLOCK + timedelta(days=1500), CLOCK + timedelta(days=1501), "chỉ có hiệu lực từ"),
    ],
)
def test_the_certificate_must_be_valid_when_the_package_arrives(
    made, roots, tmp_path, valid_from, signed_at, words
):
    """Point 3: the signing time is the signer's claim; receipt is not."""
    from desktop.package.verify import RECEIPT
    from desktop.signing.trial_ca import issue

    root, bundle = issue("Người Lùi Ngày", PASS, valid_from, days=30)
    (tmp_path / "p.p12").write_bytes(bundle)
    (tmp_path / "r.pem").write_bytes(root)
    data = zipped(resigned(files_of(made[2].path), tmp_path / "p.p12", PASS, signed_at))
    trusted = roots + load_roots([tmp_path / "r.pem"])
    verdict = verify(data, trusted, Verdict(made[2].path.name), received_at=CLOCK)
    [receipt] = [c for c in verdict.checks if c.name == RECEIPT]
    assert not receipt.passed and words in receipt.detail and "lúc nhận gói" in receipt.detail
    genuine = verify(made[2].path.read_bytes(), roots, Verdict(made[2].path.name), CLOCK)
    assert [c.passed for c in genuine.checks if c.name == RECEIPT] == [True]


@pytest.mark.parametrize(
    ("revoked", "with_list", "required", "words"),
    [
        (True, True, False, "đã bị thu hồi"),
        (False, True, True, "đã đối chiếu danh sách thu hồi"),
        (False, False, False, "chưa kiểm tra được thu hồi"),
        (False, False, True, "cơ quan bắt buộc kiểm tra thu hồi"),
    ],
)
def test_revocation_is_checked_offline_against_the_lists_imported(
    made, tmp_path, revoked, with_list, required, words
):
    """Point 4: a revoked signer is refused; one no list covers is said to be unchecked,
    and refused when the office requires revocation checking."""
    from desktop.package.verify import REVOCATION, Revocations

    root, p12, crl = own_ca(tmp_path / "ca", revoked=revoked)
    data = zipped(resigned(files_of(made[2].path), p12))
    lists = [crl.read_bytes()] if with_list else []
    verdict = verify(
        data, load_roots([root]), Verdict(made[2].path.name), CLOCK,
        Revocations.load(lists, required),
    )  # fmt: skip
    checks = {c.name: c for c in verdict.checks}
    assert checks["Chữ ký trên bản kê (CAdES)"].passed, verdict.render()
    check = checks[REVOCATION]
    assert words in check.detail, verdict.render()
    assert check.passed is (not revoked and (with_list or not required))


def test_the_office_imports_revocation_lists_and_verify_uses_them(made, tmp_path, capsys):
    from desktop.cli import main

    root, p12, crl = own_ca(tmp_path / "ca", revoked=True)
    package = tmp_path / made[2].path.name
    package.write_bytes(zipped(resigned(files_of(made[2].path), p12)))
    db = tmp_path / "tinh.db"
    assert main(["--db", str(db), "init", "--name", "Hải Phòng", "--level", "tinh"]) == 0
    args = ["settings", "--trust-root", str(root), "--crl", str(crl), "--require-revocation", "co"]
    assert main(["--db", str(db), *args]) == 0
    assert "Danh sách chứng thư thu hồi: 1 (bắt buộc kiểm tra)" in capsys.readouterr().out
    assert main(["--db", str(db), "verify", str(package)]) == 1
    assert "Thu hồi chứng thư: chứng thư của Người Chỉ Ký đã bị thu hồi" in capsys.readouterr().out
    assert main(["--db", str(db), "settings", "--crl", str(root)]) == 1  # not a list
    assert "không phải danh sách chứng thư thu hồi" in capsys.readouterr().err


def test_data_changed_from_the_signed_report_is_refused(made, roots):
    """Point 2: counts in du_lieu.json changed after signing, the manifest signed again by
    the very same certificate, used to be accepted; the report's keywords now carry the
    digest of its data and the package's uid."""
    from desktop.package.layout import read_keywords

    def fewer_overdue(data: dict) -> None:
        data["summary"]["qua_han"] = 0

    data = _edited(made, fewer_overdue)
    verdict = verify(data, roots, Verdict(made[2].path.name))
    [check] = [c for c in verdict.checks if c.name == "Dữ liệu (du_lieu.json)"]
    assert not check.passed and "khác số liệu của báo cáo PDF đã ký" in check.detail
    # The genuine report says which package and which figures it was signed with.
    report = files_of(made[2].path)["bao_cao.pdf"]
    keywords = report[
        report.index(b"/Keywords (") + 11 : report.index(b")", report.index(b"/Keywords"))
    ]
    bound = read_keywords(keywords.decode())
    genuine = json.loads(files_of(made[2].path)["du_lieu.json"])
    assert bound["uid"] == genuine["package"]["uid"] and len(bound["digest"]) == 64


def test_a_revocation_list_is_fetched_when_online_and_refreshed(tmp_path, capsys):
    """Point 4: the level above fetches a CA's list over http(s) when it is online (here a
    server on this machine), remembers where, refreshes it, and says when it cannot."""
    import threading
    from functools import partial
    from http.server import HTTPServer, SimpleHTTPRequestHandler

    from desktop.cli import main

    _, _, crl = own_ca(tmp_path / "ca", revoked=True)
    handler = partial(SimpleHTTPRequestHandler, directory=str(crl.parent))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/list.crl"
    db = tmp_path / "tinh.db"
    try:
        assert main(["--db", str(db), "init", "--name", "Hải Phòng", "--level", "tinh"]) == 0
        assert main(["--db", str(db), "settings", "--fetch-crl", url]) == 0
        assert "Đã tải danh sách thu hồi của" in capsys.readouterr().out
        assert main(["--db", str(db), "settings", "--refresh-crl"]) == 0
        assert f"{url}: đã cập nhật" in capsys.readouterr().out
    finally:
        server.shutdown()
        server.server_close()
    assert main(["--db", str(db), "settings", "--refresh-crl"]) == 0  # offline: said
    assert "không tải được danh sách thu hồi" in capsys.readouterr().out.lower()
    with Workspace.open(db, read_only=True) as ws:
        assert len(ws.trust.revocation_lists()) == 1
    assert main(["--db", str(db), "settings", "--fetch-crl", "file:///etc/passwd"]) == 1
    assert "không phải địa chỉ http(s)" in capsys.readouterr().err
