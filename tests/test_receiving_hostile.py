"""Receiving as an attacker would have it (issue 22, points 7, 8 and 9): what was
received never changes, whatever name or copy comes next; a refused file is one
quarantine row however often it comes; a batch goes on past any file and ends with a
summary; names that would drive a terminal are printed escaped."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from demo_packages import rebound
from test_package import resigned, zipped
from test_receiving import PASS, office_packages, upper

from desktop.cli import main
from desktop.consolidation import receive as receiving
from desktop.consolidation.receive import DUPLICATE, QUARANTINED, RECEIVED, receive
from desktop.errors import UserError
from desktop.package.verify import load_roots
from desktop.signing.sources import Pkcs12File
from desktop.workspace import Workspace


@pytest.fixture(scope="module")
def packages(tmp_path_factory, demo_files):
    return office_packages(tmp_path_factory.mktemp("tren"), demo_files)


@pytest.fixture
def upper_db(packages, tmp_path) -> Path:
    return upper(packages[0], tmp_path)


def kept(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "tinh_goi_da_nhan").rglob("*.asice"))


def stored_as_received(ws: Workspace, tmp_path: Path) -> dict[str, str]:
    """{kept file: its SHA-256} for every row, after checking each file still matches."""
    rows = ws.receiving.for_period("2025")
    for row in rows:
        assert hashlib.sha256((tmp_path / row.file).read_bytes()).hexdigest() == row.sha256
    return {row.file: row.sha256 for row in rows}


def edited_copy(path: Path, signer: Path) -> bytes:
    """The package with one result changed in its data, re-signed by a trusted signer at
    its own submission time: sound, and carrying the uid of the one already received."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    data = json.loads(files["du_lieu.json"])
    data["tasks"][0]["result"] = "Kết quả đã bị sửa sau khi nhận"
    files["du_lieu.json"] = json.dumps(data, ensure_ascii=False).encode()
    # the report signed again too, bound to the edited data: only the uid gives it away
    files["bao_cao.pdf"] = rebound(files["bao_cao.pdf"], data, Pkcs12File(signer, PASS).signer())
    at = datetime.fromisoformat(data["submitted_at"])
    return zipped(resigned(files, signer, PASS, at))


def test_a_copy_edited_and_signed_again_never_replaces_what_was_received(
    packages, upper_db, tmp_path
):
    _, trusted, made = packages
    roots = load_roots([trusted.root])
    original = made["Trần Liêu"][0]
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = stick / original.name  # under the very name received before
    copy.write_bytes(edited_copy(original, trusted.signer))
    with Workspace.open(upper_db) as ws:
        assert [o.status for o in receive(ws, [original], roots)] == [RECEIVED]
        before = stored_as_received(ws, tmp_path)
        [outcome] = receive(ws, [copy], roots)
        assert outcome.status == QUARANTINED and "cùng mã gói" in outcome.detail
        assert stored_as_received(ws, tmp_path) == before  # the kept bytes are the original's
        assert len(kept(tmp_path)) == 1  # and no orphan beside them


def test_two_lan_under_one_name_are_two_files(packages, upper_db, tmp_path):
    _, trusted, made = packages
    roots = load_roots([trusted.root])
    first, second = made["Thủy Nguyên"]
    for sent, path in (("mot", first), ("hai", second)):
        (tmp_path / sent).mkdir()
        shutil.copy(path, tmp_path / sent / "bao_cao_thuy_nguyen.asice")
    with Workspace.open(upper_db) as ws:
        for sent in ("mot", "hai"):
            [outcome] = receive(ws, [tmp_path / sent / "bao_cao_thuy_nguyen.asice"], roots)
            assert outcome.status == RECEIVED, outcome
        stored = stored_as_received(ws, tmp_path)
    assert len(stored) == 2 and len(set(stored)) == 2 and len(kept(tmp_path)) == 2


def test_a_refused_file_is_one_quarantine_row_however_often_it_comes(packages, upper_db, tmp_path):
    _, trusted, made = packages
    roots = load_roots([trusted.root])
    tampered = made["Cát Hải"][0]
    with Workspace.open(upper_db) as ws:
        details = [receive(ws, [tampered], roots)[0].detail for _ in range(3)]
        assert len(ws.receiving.quarantined()) == 1
    assert details[1] == details[2] == f"{details[0]} (đã từ chối trước đây)"


def test_long_and_lying_names_are_kept_short_and_printed_escaped(
    packages, upper_db, tmp_path, capsys
):
    _, trusted, made = packages
    stick = tmp_path / "usb"
    stick.mkdir()
    long_name = stick / ("x" * 244 + ".asice")  # 250 characters
    shutil.copy(made["Hưng Đạo"][0], long_name)
    lying = stick / "a\x1b[2K\r[đạt] gói nguyên vẹn \u202egnp.asice"
    lying.write_bytes(b"PK\x03\x04 not a package")
    capsys.readouterr()
    code = main(["--db", str(upper_db), "receive", str(stick), "--trust", str(trusted.root)])
    out = capsys.readouterr().out
    assert code == 1  # one file refused
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out
    assert "a\\x1b[2K\\x0d[đạt] gói nguyên vẹn \\u202egnp.asice" in out
    assert "Tổng: " in out
    [stored] = kept(tmp_path)
    assert len(stored.name) < 120 and stored.name.startswith("xxxx")
    with Workspace.open(upper_db, read_only=True) as ws:
        [row] = ws.receiving.quarantined()
        assert "\x1b" not in row["file_name"] and "\\x1b" in row["file_name"]


def test_a_batch_goes_on_past_a_file_nothing_foresaw(packages, upper_db, tmp_path, monkeypatch):
    _, trusted, made = packages
    first, second = made["Trần Liêu"][0], made["Hưng Đạo"][0]
    verify = receiving.verify

    def breaks_on_the_first(data, roots, verdict, *rest):
        if verdict.path == first.name:
            raise RecursionError("một trường hợp không ai lường trước")
        return verify(data, roots, verdict, *rest)

    monkeypatch.setattr(receiving, "verify", breaks_on_the_first)
    with Workspace.open(upper_db) as ws:
        outcomes = receive(ws, [first, second], load_roots([trusted.root]))
    assert [o.status for o in outcomes] == [QUARANTINED, RECEIVED]
    assert "lỗi không lường trước" in outcomes[0].detail


def test_a_package_not_recorded_leaves_nothing_in_the_store(
    packages, upper_db, tmp_path, monkeypatch
):
    _, trusted, made = packages
    with Workspace.open(upper_db) as ws:

        def full_disk(*args, **kwargs):
            raise UserError("Ổ đĩa đầy.")

        monkeypatch.setattr(ws.receiving, "store", full_disk)
        [outcome] = receive(ws, made["An Lão"], load_roots([trusted.root]))
        assert outcome.status == QUARANTINED and outcome.detail == "Ổ đĩa đầy."
        assert ws.receiving.for_period("2025") == []
    assert kept(tmp_path) == []
    with Workspace.open(upper_db) as ws:  # taken in whole on the next try
        [outcome] = receive(ws, made["An Lão"], load_roots([trusted.root]))
        assert outcome.status == RECEIVED
        assert receive(ws, made["An Lão"], load_roots([trusted.root]))[0].status == DUPLICATE
    assert len(kept(tmp_path)) == 1


@pytest.mark.skipif(os.name != "posix", reason="sparse files and /dev/zero")
def test_a_huge_file_and_an_endless_one_are_refused_unread(upper_db, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    with open(stick / "lon.asice", "wb") as huge:
        huge.truncate(2 * 1024**3)  # 2 GB that take no disk: refused by size, never read
    (stick / "vo_tan.asice").symlink_to("/dev/zero")
    with Workspace.open(upper_db) as ws:
        outcomes = {o.file: o for o in receive(ws, [stick], [])}
        assert "quá giới hạn" in outcomes["lon.asice"].detail
        assert "không phải tệp thường" in outcomes["vo_tan.asice"].detail
        assert len(ws.receiving.quarantined()) == 2


def test_the_stored_names_follow_the_content(upper_db):
    with Workspace.open(upper_db, read_only=True) as ws:
        path = receiving.kept_path(ws, "Phường Trần Liêu", "a/../b" + "é" * 300, "ab" * 32)
    assert path.name == "b" + "e" * 79 + "_abababababababab.asice"
    assert path.parent.name == "phuong-tran-lieu"


def signed_return(content: object, signer: Path) -> bytes:
    import asyncio

    from desktop.signing.sources import Pkcs12File

    payload = json.dumps(content, ensure_ascii=False).encode()
    signed = asyncio.run(
        Pkcs12File(signer, PASS)
        .signer()
        .async_sign_general_data(payload, "sha256", detached=False, use_cades=True)
    )
    return signed.dump()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_returns_that_are_not_returns_are_said_and_the_next_is_taken(packages, tmp_path, capsys):
    _, trusted, _ = packages
    db = tmp_path / "xa.db"
    assert main(["--db", str(db), "init", "--name", "Hưng Đạo", "--level", "phuong"]) == 0
    folder = tmp_path / "tra_lai"
    folder.mkdir()
    (folder / "1_danh_sach.p7m").write_bytes(signed_return(["so-ke-hoach/tra-lai"], trusted.signer))
    missing = {"format": "so-ke-hoach/tra-lai", "format_version": 1, "package_uid": 7}
    (folder / "2_thieu.p7m").write_bytes(signed_return(missing, trusted.signer))
    os.mkfifo(folder / "3_ong.p7m")
    capsys.readouterr()
    paths = sorted(str(p) for p in folder.iterdir())
    assert main(["--db", str(db), "receive", *paths, "--trust", str(trusted.root)]) == 1
    err = capsys.readouterr().err
    assert err.count("không phải văn bản trả lại của Sổ Kế hoạch") == 2
    assert "3_ong.p7m: Không đọc được văn bản trả lại: không phải tệp thường" in err
    assert "Traceback" not in err


def test_lateness_goes_by_arrival_and_a_far_claim_is_said(packages, upper_db):
    """Point 3: a package claiming 25/11/2025 that arrives a year later is late by its
    arrival (the matrix used to say 'Đúng hạn'), and the claim is shown beside it."""
    from datetime import UTC

    from desktop.consolidation.matrix import Standing, matrix

    _, trusted, made = packages
    arrived = datetime(2026, 12, 26, 3, tzinfo=UTC)  # 371 days after the 20/12/2025 due date
    with Workspace.open(upper_db, clock=lambda: arrived) as ws:
        receive(ws, made["Trần Liêu"], load_roots([trusted.root]))
        row = next(r for r in matrix(ws, "2025") if r.office.name == "Trần Liêu")
    assert row.standing is Standing.LATE and row.days_late == 371
    assert row.claim_note == "gói ghi ký lúc 25/11/2025 10:00, nhận lúc 26/12/2026 10:00"
    assert row.to_dict()["received_at"] == "2026-12-26T03:00:00Z"


def test_a_return_is_the_level_aboves_for_this_office_and_applied_once(packages, tmp_path):
    """Point 10: a return signed by a peer commune under the same trusted root, naming
    another office, applied a second time, or naming a lần the office has since
    replaced, reopens nothing."""
    from asn1crypto import cms
    from test_receiving import AFTER_DUE, ARRIVED

    from desktop.consolidation.returns import read_return, return_for_correction
    from desktop.signing.sources import Pkcs12File
    from desktop.signing.trial_ca import make_trial_ca
    from desktop.submission.build import make_package

    folder, trusted, made = packages
    province = make_trial_ca(tmp_path / "so", "Sở Khoa học", PASS, ARRIVED)
    upper_db = upper(folder, tmp_path)
    with Workspace.open(upper_db, clock=lambda: ARRIVED) as ws:
        receive(ws, made["Trần Liêu"], load_roots([trusted.root]))
        [office] = [o for o in ws.receiving.roster() if o.name == "Trần Liêu"]
        genuine = return_for_correction(
            ws, office, "2025", "Thiếu minh chứng", Pkcs12File(province.signer, PASS),
            tmp_path / "tra_lai",
        )  # fmt: skip
    content = json.loads(cms.ContentInfo.load(genuine.read_bytes())["content"]
                         ["encap_content_info"]["content"].native)  # fmt: skip

    def crafted(name: str, signer: Path, **changes) -> Path:
        path = tmp_path / "tra_lai" / name
        path.write_bytes(signed_return({**content, **changes}, signer))
        return path

    peer = crafted("ban.p7m", trusted.signer)  # a commune's certificate, trusted root
    elsewhere = crafted("khac.p7m", province.signer, office="phường Hưng Đạo")
    later = crafted("sau.p7m", province.signer, reasons="Thiếu số liệu chỉ tiêu")
    db = tmp_path / "tl.db"
    shutil.copy(folder / "H31.01-phuong.db", db)
    with Workspace.open(db, clock=lambda: AFTER_DUE) as ws:
        ws.trust.add(province.root)
        ws.trust.add(trusted.root)
        ws.trust.add_upper(province.certificate)
        roots = ws.trust.certificates()
        with pytest.raises(UserError, match="không phải chứng thư của cấp trên đã đăng ký"):
            read_return(ws, peer, roots)
        with pytest.raises(UserError, match="gửi cho phường Hưng Đạo, không phải phường Trần"):
            read_return(ws, elsewhere, roots)
        plan = ws.plans.current()
        assert ws.locks.active(plan.id, "2025") is not None  # nothing reopened so far
        assert "Đã mở lại kỳ" in read_return(ws, genuine, roots)
        assert "đã được áp dụng" in read_return(ws, genuine, roots)
        period = ws.periods.get("2025", plan.id)
        make_package(ws, plan, period, Pkcs12File(trusted.signer, PASS), tmp_path / "lan2")
        with pytest.raises(UserError, match="đang khóa theo một lần gửi sau"):
            read_return(ws, later, roots)  # about lần 1, after lần 2 was sent
        assert ws.locks.active(plan.id, "2025") is not None
