"""The level above in the window: receive a package, see who sent, export the total."""

from __future__ import annotations

from demo_packages import demo_package

from desktop.consolidation.matrix import Standing
from desktop.consolidation.roster import read_roster
from desktop.workspace import Workspace
from ui import ask
from ui.main_window import MainWindow
from ui.upper_level import MatrixDialog, QuarantineDialog, ReceiveResultsDialog


def test_receive_then_follow_and_export(qtbot, tmp_path, monkeypatch):
    ca, package = demo_package(tmp_path / "xa", evidence=False)
    csv = tmp_path / "ds.csv"
    csv.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\nVĩnh Bảo,xã,\n", "utf-8")
    ws = Workspace.open(tmp_path / "tinh.db", create=True)
    ws.office.save("Hải Phòng", "tinh")
    ws.receiving.set_roster(read_roster(csv))
    ws.trust.add(ca.root)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    shown = []
    monkeypatch.setattr(ReceiveResultsDialog, "exec", lambda self: shown.append(self))
    monkeypatch.setattr(ask, "open_files", lambda *a, **k: [package.path])
    window.receive_files()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "1 đã nhận" in shown[0].summary.text()
    assert shown[0].table.item(0, 1).text() == "đã nhận"

    follow = MatrixDialog(ws)
    qtbot.addWidget(follow)
    states = {r.office.name: r.standing for r in follow.rows}
    assert states == {"Trần Liêu": Standing.LATE, "Vĩnh Bảo": Standing.MISSING}
    assert "Trễ hạn: 1" in follow.counts.text() and "Chưa gửi: 1" in follow.counts.text()
    follow.filter_box.setCurrentIndex(follow.filter_box.findData(Standing.MISSING))
    assert follow.table.rowCount() == 1 and follow.table.item(0, 0).text() == "Xã Vĩnh Bảo"
    quarantine = QuarantineDialog(ws)
    qtbot.addWidget(quarantine)
    assert quarantine.table.rowCount() == 0

    out = tmp_path / "tong_hop.xlsx"
    monkeypatch.setattr(ask, "choose", lambda parent, title, label, options: options[0])
    monkeypatch.setattr(ask, "save_file", lambda *a, **k: out)
    window.export_consolidated()
    qtbot.waitUntil(out.exists, timeout=20000)
    ws.close()
