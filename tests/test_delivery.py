"""Delivering a package: to a USB stick (read back before it counts) or as an email
draft, each delivery in the outbox. A stick that fills up or is pulled leaves no file
that looks like a package."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from demo_packages import demo_package

from desktop.cli import main
from desktop.delivery import usb
from desktop.infra import atomic_files


@pytest.fixture(scope="module")
def sent(tmp_path_factory, demo_files):
    folder = tmp_path_factory.mktemp("gui")
    _, package = demo_package(demo_files, folder, evidence=False)
    return folder, package


@pytest.fixture
def db(sent, tmp_path):
    copy = tmp_path / "tl.db"
    shutil.copy(sent[0] / "tl.db", copy)
    return copy


def looks_like_a_package(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return [p.name for p in folder.iterdir() if ".asice" in p.name]


@pytest.fixture
def small_stick(tmp_path):
    """A 128 KB tmpfs standing in for a nearly full USB stick."""
    point = tmp_path / "usb"
    point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cần quyền root để gắn tmpfs (ổ USB nhỏ giả lập)")
    yield point
    subprocess.run(["umount", str(point)], check=False)


def test_a_copy_counts_once_read_back_and_goes_in_the_outbox(sent, db, tmp_path, capsys):
    package = sent[1]
    stick = tmp_path / "usb"
    stick.mkdir()
    assert main(["--db", str(db), "deliver", str(package.path), "--usb", str(stick)]) == 0
    copy = stick / package.path.name
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == package.sha256
    assert "đọc lại đúng" in capsys.readouterr().out
    assert looks_like_a_package(stick) == [package.path.name]  # no temporary left
    assert main(["--db", str(db), "outbox", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["sha256"] == package.sha256 and entry["sequence"] == 1
    [delivery] = entry["deliveries"]
    assert delivery["kind"] == "usb" and delivery["destination"] == str(copy)
    assert delivery["sha256"] == package.sha256


def test_a_stick_without_room_is_refused_before_writing(sent, db, tmp_path, monkeypatch, capsys):
    stick = tmp_path / "usb"
    stick.mkdir()
    nearly_full = shutil._ntuple_diskusage(10**9, 10**9 - 50_000, 50_000)
    monkeypatch.setattr(usb.shutil, "disk_usage", lambda path: nearly_full)
    code = main(["--db", str(db), "deliver", str(sent[1].path), "--usb", str(stick)])
    assert code == 1 and "còn trống 0.0 MB" in capsys.readouterr().err
    assert looks_like_a_package(stick) == []


def test_a_stick_that_fills_up_while_copying_leaves_nothing(
    sent, db, small_stick, monkeypatch, capsys
):
    # The free space read wrongly (other programs writing meanwhile): the copy runs
    # out of room half-way.
    monkeypatch.setattr(
        usb.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(1, 0, 10**9)
    )
    code = main(["--db", str(db), "deliver", str(sent[1].path), "--usb", str(small_stick)])
    assert code == 1 and "đầy" in capsys.readouterr().err
    assert looks_like_a_package(small_stick) == []
    assert main(["--db", str(db), "outbox", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["deliveries"] == []


def test_a_stick_pulled_mid_copy_says_so_and_leaves_nothing(
    sent, db, tmp_path, monkeypatch, capsys
):
    stick = tmp_path / "usb"
    stick.mkdir()
    real_fsync = atomic_files.os.fsync

    def pulled(fd):
        real_fsync(fd)
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(stick)):
            shutil.rmtree(stick, ignore_errors=True)  # the stick is gone before the rename

    monkeypatch.setattr(atomic_files.os, "fsync", pulled)
    code = main(["--db", str(db), "deliver", str(sent[1].path), "--usb", str(stick)])
    assert code == 1 and "Không lưu được" in capsys.readouterr().err
    assert looks_like_a_package(stick) == []


def test_a_copy_that_reads_back_wrong_is_removed(sent, db, tmp_path, monkeypatch, capsys):
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(usb, "_read_back", lambda path: "0" * 64)
    code = main(["--db", str(db), "deliver", str(sent[1].path), "--usb", str(stick)])
    assert code == 1 and "khác bản gốc" in capsys.readouterr().err
    assert looks_like_a_package(stick) == []


def test_the_email_draft_carries_the_package_whole(sent, db, tmp_path, capsys):
    package = sent[1]
    out = tmp_path / "thu.eml"
    args = ["--db", str(db), "deliver", str(package.path), "--eml", str(out)]
    assert main([*args, "--to", "vanthu@haiphong.gov.vn"]) == 0
    message = BytesParser(policy=policy.default).parse(out.open("rb"))
    assert message["X-Unsent"] == "1" and message["To"] == "vanthu@haiphong.gov.vn"
    assert message["Subject"] == "UBND phường Trần Liêu gửi báo cáo năm 2025"
    body = message.get_body(("plain",)).get_content()
    assert package.sha256 in body and "Kính gửi" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == package.path.name
    assert attachment.get_content_type() == "application/vnd.etsi.asic-e+zip"
    assert hashlib.sha256(attachment.get_content()).hexdigest() == package.sha256
    capsys.readouterr()
    assert main([*args, "--to", "không phải địa chỉ"]) == 1
    assert "Địa chỉ thư không hợp lệ" in capsys.readouterr().err


def test_a_file_not_made_here_is_not_sent(db, tmp_path, capsys):
    stranger = tmp_path / "la.asice"
    stranger.write_bytes(b"PK not ours")
    code = main(["--db", str(db), "deliver", str(stranger), "--usb", str(tmp_path)])
    assert code == 1 and "không do cơ sở dữ liệu này lập" in capsys.readouterr().err
