"""Who signed is who reports (issue 22, point 1): an office's first package pins its
signer; a later package of that office signed by another certificate, even one under a
trusted root, is held as "người ký mới — cần xác nhận" and never counted until the level
above confirms it (CLI and window)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from demo_packages import demo_package

from desktop.cli import main
from desktop.consolidation.matrix import Standing, matrix
from desktop.consolidation.receive import HELD, RECEIVED, receive
from desktop.consolidation.report import consolidated
from desktop.consolidation.roster import read_roster
from desktop.package.verify import load_roots
from desktop.workspace import Workspace

ARRIVED = datetime(2026, 11, 26, 3, tzinfo=UTC)  # the demo packages are signed on 25/11


@pytest.fixture(scope="module")
def two_signers(tmp_path_factory, demo_files):
    """Two packages of phường Trần Liêu's 2025 report, each signed (report and manifest)
    by a certificate of its own, from two trusted CAs: the second as a stolen or another
    office's certificate would be."""
    folder = tmp_path_factory.mktemp("hai_nguoi_ky")
    first_ca, first = demo_package(demo_files, folder / "mot", evidence=False)
    second_ca, second = demo_package(demo_files, folder / "hai", evidence=False)
    return load_roots([first_ca.root, second_ca.root]), first.path, second.path


@pytest.fixture
def upper_db(tmp_path) -> Path:
    csv = tmp_path / "ds.csv"
    csv.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\n", "utf-8")
    db = tmp_path / "tinh.db"
    with Workspace.open(db, create=True, clock=lambda: ARRIVED) as ws:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster(read_roster(csv))
    return db


def test_a_new_signer_is_held_until_confirmed(two_signers, upper_db, capsys):
    roots, first, second = two_signers
    with Workspace.open(upper_db, clock=lambda: ARRIVED) as ws:
        [pinned] = receive(ws, [first], roots)
        assert pinned.status == RECEIVED and "người ký được ghi nhận cho đơn vị" in pinned.detail
        [office] = ws.receiving.roster()
        [signer] = ws.receiving.signers(office.id)
        [held] = receive(ws, [second], roots)
        assert held.status == HELD and "người ký mới — cần xác nhận" in held.detail
        assert ws.receiving.signers(office.id) == [signer]  # nothing pinned silently
        [row] = matrix(ws, "2025")
        assert row.standing is Standing.HELD and row.new_signer is not None
        assert row.new_signer.sha256 != signer.sha256
        counted = ws.receiving.latest("2025")[office.id].received
        assert counted.signer_id == signer.sha256  # the report counted is the first one's
        assert len(consolidated(ws, "2025").appendices) > 0
    capsys.readouterr()
    assert main(["--db", str(upper_db), "matrix", "--period", "2025", "--json"]) == 0
    assert '"new_signer": "Nguyễn Văn An (THỬ NGHIỆM)' in capsys.readouterr().out
    assert main(["--db", str(upper_db), "roster", "--confirm-signer", "phường Trần Liêu"]) == 0
    assert "Đã ghi nhận người ký của phường Trần Liêu" in capsys.readouterr().out
    with Workspace.open(upper_db, clock=lambda: ARRIVED) as ws:
        [row] = matrix(ws, "2025")
        assert row.standing is not Standing.HELD and row.new_signer is None
        assert len(ws.receiving.signers(ws.receiving.roster()[0].id)) == 2
    assert main(["--db", str(upper_db), "roster", "--confirm-signer", "phường Trần Liêu"]) == 1
    assert "không có gói nào chờ xác nhận" in capsys.readouterr().err


def test_the_window_confirms_a_new_signer_after_asking(qtbot, two_signers, upper_db, monkeypatch):
    from PySide6.QtCore import Qt

    from ui import ask
    from ui.roster_dialog import SIGNERS, RosterDialog
    from ui.tracking_dialog import MatrixDialog

    roots, first, second = two_signers
    ws = Workspace.open(upper_db, clock=lambda: ARRIVED)
    receive(ws, [first, second], roots)
    tab = MatrixDialog(ws)
    qtbot.addWidget(tab)
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or False)
    shown = tab.office_model
    assert shown.rowCount() == 1 and shown.row(0).standing is Standing.HELD
    tab.offices.setCurrentIndex(shown.index(0, 0))
    qtbot.keyClick(tab.offices, Qt.Key.Key_Return)
    assert "Chỉ xác nhận khi đã hỏi lại đơn vị" in asked[-1] and "SHA-256" in asked[-1]
    assert shown.row(0).standing is Standing.HELD  # not confirmed: still held
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    tab.offices.setCurrentIndex(shown.index(0, 0))
    qtbot.keyClick(tab.offices, Qt.Key.Key_Return)
    assert shown.row(0).standing is not Standing.HELD
    assert shown.data(shown.index(0, 1)) != "Người ký mới — cần xác nhận"
    roster = RosterDialog(ws)  # the certificates each office signs with, read-only
    qtbot.addWidget(roster)
    pinned = roster.table.item(0, SIGNERS)
    assert pinned.text().count("SHA-256") == 2 and "Nguyễn Văn An" in pinned.text()
    assert not pinned.flags() & Qt.ItemFlag.ItemIsEditable
    ws.close()
