"""Whom the office trusts, listed for the trust window (issue 26, point 2): the roots with
what each says, each office's signing certificates (pinned or waiting) and taking one off
in a single audited change, the revocation lists with their dates and where they came
from, and the level above's own signing certificate that its communes register."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from demo_packages import CLOCK, PASS, demo_package

from desktop.consolidation.receive import HELD, RECEIVED, receive
from desktop.consolidation.returns import read_return, return_for_correction
from desktop.consolidation.roster import read_roster
from desktop.errors import InvalidInput, NotFound
from desktop.package.verify import load_roots
from desktop.services.trust import read_certificates
from desktop.signing import trusted
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.workspace import Workspace

ARRIVED = CLOCK + timedelta(days=1)  # the demo packages are signed on 25/11/2026


def one_change(ws: Workspace, table: str) -> list:
    """Every audit entry of the change that last wrote `table`."""
    [last] = ws.audit.entries(table=table, limit=1)
    return ws.audit.entries(txn=last.txn)


@pytest.fixture
def province(tmp_path) -> Workspace:
    csv = tmp_path / "ds.csv"
    csv.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\n", "utf-8")
    ws = Workspace.open(tmp_path / "tinh.db", create=True, clock=lambda: ARRIVED)
    ws.office.save("Hải Phòng", "tinh")
    ws.receiving.set_roster(read_roster(csv))
    yield ws
    ws.close()


def test_roots_are_listed_with_what_they_say_and_removed_in_one_change(province, tmp_path):
    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS, CLOCK)
    province.trust.add(ca.root)
    [root] = trusted.roots(province)
    [der] = read_certificates(ca.root)
    assert root.fingerprint == hashlib.sha256(der).hexdigest()
    assert root.info.subject.startswith("CA thử nghiệm Sổ Kế hoạch")
    assert root.info.issuer == root.info.subject  # a root issues itself
    assert root.info.serial and root.info.trial
    assert root.info.not_after.date() == (CLOCK + timedelta(days=3650)).date()
    assert not root.expired(ARRIVED) and root.expired(CLOCK + timedelta(days=3651))
    province.trust.remove_root(root.fingerprint)
    assert trusted.roots(province) == []
    [entry] = one_change(province, "trusted_roots")
    assert entry.action == "delete" and entry.before["id"] == root.fingerprint
    assert entry.operation.startswith("Bỏ chứng thư gốc tin cậy «CN=CA thử nghiệm Sổ Kế hoạch")
    with pytest.raises(NotFound, match="không còn trong danh sách"):
        province.trust.remove_root(root.fingerprint)


def test_each_offices_signers_are_listed_and_one_is_unpinned_in_one_change(
    province, tmp_path, demo_files
):
    """The first package pins its signer; a second CA's package waits. Confirmed, both
    are pinned; one taken off is said, audited in one change, the packages kept."""
    first_ca, first = demo_package(demo_files, tmp_path / "mot", evidence=False)
    second_ca, second = demo_package(demo_files, tmp_path / "hai", evidence=False)
    roots = load_roots([first_ca.root, second_ca.root])
    assert [o.status for o in receive(province, [first.path], roots)] == [RECEIVED]
    assert [o.status for o in receive(province, [second.path], roots)] == [HELD]
    pinned, waiting = province.receiving.signing_certificates()
    assert pinned.office.name == waiting.office.name == "Trần Liêu"
    assert pinned.pinned_at and not pinned.waiting and pinned.held == 0
    assert waiting.waiting and waiting.held == 1 and waiting.others_pinned == 1
    assert pinned.signer.issuer and pinned.signer.serial and pinned.signer.not_after
    assert pinned.signer.sha256 != waiting.signer.sha256
    assert "bị giữ lại chờ xác nhận" not in pinned.after_unpinning()  # its only one
    assert "gói tới của đơn vị sẽ ghi nhận người ký" in pinned.after_unpinning()

    [office] = province.receiving.roster()
    province.receiving.confirm_signer(office)
    both = province.receiving.signing_certificates()
    assert [s.waiting for s in both] == [False, False]
    assert all(s.others_pinned == 1 for s in both)
    assert "bị giữ lại chờ xác nhận" in both[0].after_unpinning()

    received = province.receiving.received_count(office.id)
    province.receiving.unpin_signer(office, pinned.signer.sha256)
    [entry] = one_change(province, "roster_signers")
    assert entry.action == "delete" and entry.before["signer_id"] == pinned.signer.sha256
    assert entry.operation == (f"Bỏ ghi nhận người ký {pinned.signer.subject} của phường Trần Liêu")
    [left] = province.receiving.signing_certificates()
    assert left.signer.sha256 == waiting.signer.sha256 and left.others_pinned == 0
    assert province.receiving.received_count(office.id) == received  # nothing dropped
    with pytest.raises(InvalidInput, match="không được ghi nhận cho phường Trần Liêu"):
        province.receiving.unpin_signer(office, pinned.signer.sha256)


def revocation_list(path: Path, issued: datetime, following: datetime) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA Sở Nội vụ")]))
        .last_update(issued).next_update(following)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    return path


def test_revocation_lists_are_listed_with_their_dates_and_where_they_came_from(province, tmp_path):
    issued, following = datetime(2026, 11, 1, 2, tzinfo=UTC), datetime(2026, 11, 20, tzinfo=UTC)
    from_file = revocation_list(tmp_path / "usb" / "so.crl", issued, following)
    province.trust.add_revocation_list(from_file)
    [listed] = trusted.revocation_lists(province)
    assert (listed.issuer, listed.this_update, listed.next_update) == (
        "CA Sở Nội vụ",
        issued,
        following,
    )
    assert (listed.source, listed.fetched) == (str(from_file), False)
    assert listed.outdated(ARRIVED) and not listed.outdated(following - timedelta(days=1))

    served = revocation_list(tmp_path / "web" / "moi.crl", ARRIVED, ARRIVED + timedelta(days=7))
    handler = partial(SimpleHTTPRequestHandler, directory=str(served.parent))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/moi.crl"
    try:
        province.trust.fetch_revocation_list(url)
    finally:
        server.shutdown()
        server.server_close()
    newest, older = trusted.revocation_lists(province)  # the newest of an issuer first
    assert (newest.source, newest.fetched, newest.this_update) == (url, True, ARRIVED)
    assert older == listed and not newest.outdated(ARRIVED)
    with pytest.raises(InvalidInput) as refused:  # the server is gone: offline, in words
        province.trust.fetch_revocation_list(url)
    assert "không kết nối được (máy không có mạng, hoặc địa chỉ sai)" in str(refused.value)
    assert len(trusted.revocation_lists(province)) == 2


def test_the_level_aboves_own_certificate_is_kept_exported_and_registered_by_the_office(
    province, tmp_path, demo_files
):
    """Kept when a return is signed (in the return's change) and importable from the .p12
    (the key never kept), once; exported as .pem, which the office registers to take the
    return in. Until then the office is told where, in the window and on the command line."""
    ca, package = demo_package(demo_files, tmp_path / "xa", evidence=False)
    receive(province, [package.path], load_roots([ca.root]))
    upper = make_trial_ca(tmp_path / "so", "Trần Thị Bình", b"mk", CLOCK)
    [office] = province.receiving.roster()
    returned = return_for_correction(
        province, office, "2025", "Thiếu minh chứng", Pkcs12File(upper.signer, b"mk"),
        tmp_path / "tra_lai",
    )  # fmt: skip
    [own] = trusted.own_certificates(province)
    assert own.info.common_name.startswith("Trần Thị Bình")
    assert {e.table_name for e in one_change(province, "own_signers")} == {
        "returned", "own_signers"
    }  # fmt: skip
    with pytest.raises(InvalidInput, match="mật khẩu không đúng"):
        trusted.add_own(province, upper.signer, b"sai")
    with pytest.raises(InvalidInput, match="là chứng thư gốc"):
        trusted.add_own(province, upper.root)
    [kept] = trusted.add_own(province, upper.signer, b"mk")
    assert kept.fingerprint == own.fingerprint and trusted.own_certificates(province) == [own]
    [pem] = province.db.execute("SELECT pem FROM own_signers").fetchone()
    assert pem.startswith("-----BEGIN CERTIFICATE-----") and "KEY" not in pem

    written = province.trust.export_own(own.fingerprint, tmp_path / "chung-thu")
    assert written.name == "chung-thu.pem"
    assert read_certificates(written) == read_certificates(upper.certificate)
    with Workspace.open(tmp_path / "xa" / "tl.db", clock=lambda: ARRIVED) as commune:
        with pytest.raises(InvalidInput) as untrusted:
            read_return(commune, returned, commune.trust.certificates())
        assert str(untrusted.value).endswith(
            "Nhập chứng thư gốc của cấp trên ở Văn bản → Tin cậy và chứng thư…"
        )
        assert "settings --trust-root" in untrusted.value.for_command_line()
        commune.trust.add(upper.root)
        with pytest.raises(InvalidInput) as unregistered:
            read_return(commune, returned, commune.trust.certificates())
        assert str(unregistered.value).endswith(
            "Đăng ký tệp .pem/.cer cấp trên gửi ở Văn bản → Tin cậy và chứng thư…"
        )
        assert "settings --upper-cert" in unregistered.value.for_command_line()
        commune.trust.add_upper(written)
        [registered] = trusted.upper_certificates(commune)
        assert registered.fingerprint == own.fingerprint
        assert "Thiếu minh chứng" in read_return(commune, returned, commune.trust.certificates())
        commune.trust.remove_upper(registered.fingerprint)
        [entry] = one_change(commune, "upper_signers")
        assert entry.action == "delete" and trusted.upper_certificates(commune) == []
