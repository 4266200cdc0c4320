"""What a delivery amounted to, said honestly (issue 25, point 7): a copy read back from a
stick is there; an e-mail draft is saved, handed to the mail program or refused for lack
of one, and none of these is 'sent'. The command line and the window record and say it
through the same functions."""

from __future__ import annotations

import shutil

import pytest
from demo_packages import CLOCK, demo_package

import db
from db.audit import audited_change, sync_triggers, verify_chain
from desktop.cli import main
from desktop.delivery import send
from desktop.services.outbox import NOT_DELIVERED, Outcome
from desktop.workspace import Workspace

TO = "vanthu@haiphong.gov.vn"


@pytest.fixture(scope="module")
def made(tmp_path_factory, demo_files):
    folder = tmp_path_factory.mktemp("goi")
    _, package = demo_package(demo_files, folder, evidence=False)
    return folder, package


@pytest.fixture
def ws(made, tmp_path):
    copy = tmp_path / "tl.db"
    shutil.copy(made[0] / "tl.db", copy)
    with Workspace.open(copy, actor="Văn thư", clock=lambda: CLOCK) as workspace:
        yield workspace


@pytest.mark.parametrize(
    ("opens", "outcome", "said", "listed"),
    [
        (True, Outcome.OPENED, "bấm Gửi trong chương trình đó", "Đã mở thư nháp gửi"),
        (False, Outcome.NOT_OPENED, "Không mở được chương trình thư trên máy này. Gói đã lưu ở",
         "Không mở được chương trình thư"),
    ],
)  # fmt: skip
def test_a_draft_handed_to_the_machine_is_recorded_as_it_went(
    made, ws, tmp_path, opens, outcome, said, listed
):
    package = made[1]
    handed = []
    sent = send.by_email(
        ws, package.path, TO, tmp_path / "thu.eml", lambda p: handed.append(p) or opens
    )
    assert handed == [tmp_path / "thu.eml"] and sent.outcome is outcome
    assert said in sent.said and TO in sent.said
    if outcome is Outcome.NOT_OPENED:  # the package to attach in webmail, by its path
        assert str(package.path) in sent.said and "webmail" in sent.said
    [entry] = ws.outbox.entries()
    [delivery] = entry.deliveries
    assert delivery.outcome is outcome and listed in delivery.said
    assert "chưa biết đã gửi" in delivery.said and "Z" not in delivery.said
    assert delivery.said.startswith("25/11/2026 10:00: ")  # the demo's clock, Hà Nội time


def test_the_command_line_saves_a_draft_and_says_it_is_not_sent(made, ws, tmp_path, capsys):
    path = ws.path
    ws.close()
    out = tmp_path / "thu.eml"
    args = ["--db", str(path), "deliver", str(made[1].path), "--eml", str(out), "--to", TO]
    assert main(args) == 0
    said = capsys.readouterr().out
    assert f"Đã lưu thư nháp {out}" in said and "webmail" in said and "Đã gửi" not in said
    assert main(["--db", str(path), "outbox"]) == 0
    listed = capsys.readouterr().out
    assert f"Đã lưu thư nháp gửi {TO} — chưa biết đã gửi" in listed
    assert "(lập 25/11/2026 10:00)" in listed and "T03:00" not in listed
    assert main(["--db", str(path), "outbox", "--json"]) == 0
    assert '"outcome": "saved"' in capsys.readouterr().out


def test_the_next_delivery_starts_from_the_last(made, ws, tmp_path):
    assert ws.outbox.last() is None and ws.outbox.last(send.EMAIL) is None
    [entry] = ws.outbox.entries()
    assert not entry.deliveries and NOT_DELIVERED == "Chưa chép vào USB, chưa soạn thư"
    send.by_email(ws, made[1].path, TO, tmp_path / "thu.eml")
    stick = tmp_path / "usb"
    stick.mkdir()
    send.to_usb(ws, made[1].path, stick)
    assert ws.outbox.last().kind == send.USB and ws.outbox.last().outcome is Outcome.COPIED
    assert ws.outbox.last(send.EMAIL).destination == TO  # the address, offered again


def test_deliveries_recorded_before_outcomes_were_kept_read_as_what_is_known(tmp_path):
    """A file from before migration 0024: its copy on a stick stays 'copied', its draft is
    only known to have been saved; the update leaves the sealed history whole."""
    path = tmp_path / "cu.db"
    database = db.open_database(path)
    db.migrations.migration_set().apply(database, stop_before="0024_delivery_outcomes")
    sync_triggers(database)
    with audited_change(database, "Gửi gói", "Văn thư", "2026-11-25T03:00:00Z"):
        database.executescript(
            """
            INSERT INTO plans (id, number, issued_on, issuer, summary, start_year, end_year,
                               created_at)
                VALUES (1, '79/KH-UBND', '2025-10-02', 'UBND', 'Kế hoạch', 2025, 2045, 'x');
            INSERT INTO packages (uid, plan_id, period_id, sequence, file_name, sha256,
                                  created_at)
                VALUES ('goi-1', 1, '2025', 1, 'goi.asice', 'ab', '2026-11-25T03:00:00Z');
            INSERT INTO deliveries (package_uid, kind, destination, sha256, delivered_at)
                VALUES ('goi-1', 'usb', '/media/usb/goi.asice', 'ab', '2026-11-25T03:01:00Z'),
                       ('goi-1', 'eml', 'vanthu@haiphong.gov.vn', 'ab', '2026-11-25T03:02:00Z');
            """
        )
    database.close()
    with Workspace.open(path) as ws:
        [entry] = ws.outbox.entries()
        assert [d.outcome for d in entry.deliveries] == [Outcome.COPIED, Outcome.SAVED]
        assert ws.audit.count() == 4 and verify_chain(ws.db).intact  # the rows' own entries
