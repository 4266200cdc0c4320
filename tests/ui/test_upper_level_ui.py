"""The level above in the window: receive a package, see who sent, export the total."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from demo_packages import change_a_result, demo_package
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.consolidation.matrix import Standing
from desktop.consolidation.receive import receive
from desktop.consolidation.roster import read_roster
from desktop.errors import UserError
from desktop.package.verify import load_roots
from desktop.signing.trial_ca import make_trial_ca
from desktop.workspace import Workspace
from ui import ask
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow
from ui.office_report_dialog import OfficeReportDialog
from ui.quarantine_dialog import QuarantineDialog
from ui.receive_results import ReceiveResultsDialog
from ui.return_form import ReturnForm
from ui.tracking_dialog import MatrixDialog


def test_receive_then_follow_and_export(qtbot, tmp_path, monkeypatch, demo_files):
    ca, package = demo_package(demo_files, tmp_path / "xa", evidence=False)
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
    window.receive_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "1 đã nhận" in shown[0].summary.text()
    assert shown[0].table.item(0, 1).text() == "đã nhận"

    follow = MatrixDialog(ws)
    qtbot.addWidget(follow)
    states = {r.office.name: r.standing for r in follow.rows}
    assert states == {"Trần Liêu": Standing.LATE, "Vĩnh Bảo": Standing.MISSING}
    assert follow.chips[Standing.LATE].text() == "Trễ hạn: 1"
    assert follow.chips[Standing.MISSING].text() == "Chưa gửi: 1"
    follow.filter_box.setCurrentIndex(follow.filter_box.findData(Standing.MISSING))
    model = follow.office_model
    assert model.rowCount() == 1 and model.row(0).office.heading == "Xã Vĩnh Bảo"
    quarantine = QuarantineDialog(ws)
    qtbot.addWidget(quarantine)
    assert quarantine.table.rowCount() == 0

    [sent] = [r for r in follow.rows if r.sequence]
    report = OfficeReportDialog(ws, sent, "2025")
    qtbot.addWidget(report)
    titles = [report.tabs.tabText(i) for i in range(report.tabs.count())]
    assert titles == [
        "Lời báo cáo", "Báo cáo đã ký (PDF)", "Chữ ký số", "Nhiệm vụ (45)", "Chỉ tiêu (55)",
        "Kinh phí (0)", "Minh chứng (0)",
    ]  # fmt: skip
    assert "ƯU ĐIỂM" in report.tabs.widget(0).toPlainText()  # the report's words, first
    assert report.tabs.widget(3).item(0, 0).text() == "I.1"
    upper_ca = make_trial_ca(tmp_path / "so", "Sở", b"mk", datetime.now(UTC))
    told = []

    def signed(form: ReturnForm) -> int:
        form.reasons.setPlainText("Thiếu số liệu chỉ tiêu 4.1")
        form.p12.setText(str(upper_ca.signer))
        form.passphrase.setText("mk")
        form.folder.setText(str(tmp_path / "tra_lai"))
        form.save_button.click()
        return form.result()

    monkeypatch.setattr(ReturnForm, "exec", signed)
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))
    report.give_back()
    assert list((tmp_path / "tra_lai").glob("*.p7m")) and "Đã ký và lưu" in told[-1]
    follow.refresh()
    assert {r.office.name: r.standing for r in follow.rows}["Trần Liêu"] is Standing.RETURNED

    out = tmp_path / "tong_hop.xlsx"
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ask, "save_file", lambda *a, **k: out)
    upper_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Cấp trên")
    next(a for a in upper_menu.actions() if a.text() == "&Xuất báo cáo của kỳ…").trigger()
    qtbot.waitUntil(out.exists, timeout=20000)
    window.close()  # as the clerk does: the window, then its database
    ws.close()


def test_the_office_takes_a_return_from_the_window(qtbot, tmp_path, monkeypatch, demo_files):
    from desktop.consolidation.receive import receive as take
    from desktop.consolidation.returns import return_for_correction
    from desktop.package.verify import load_roots
    from desktop.signing.sources import Pkcs12File

    ca, package = demo_package(demo_files, tmp_path / "xa", evidence=False)
    csv = tmp_path / "ds.csv"
    csv.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\n", "utf-8")
    upper_ca = make_trial_ca(tmp_path / "so", "Sở", b"mk", datetime.now(UTC))
    with Workspace.open(tmp_path / "tinh.db", create=True) as upper:
        upper.office.save("Hải Phòng", "tinh")
        upper.receiving.set_roster(read_roster(csv))
        take(upper, [package.path], load_roots([ca.root]))
        [office] = upper.receiving.roster()
        returned = return_for_correction(
            upper, office, "2025", "Thiếu minh chứng", Pkcs12File(upper_ca.signer, b"mk"),
            tmp_path / "tra_lai",
        )  # fmt: skip
    ws = Workspace.open(tmp_path / "xa" / "tl.db")
    ws.trust.add(upper_ca.root)
    ws.trust.add_upper(upper_ca.certificate)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    told = []
    monkeypatch.setattr(ask, "open_file", lambda *a, **k: returned)
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))
    window.accept_return_action.trigger()
    assert "Thiếu minh chứng" in told[-1] and "lần 2" in told[-1]
    plan = ws.plans.current()
    assert ws.locks.active(plan.id, "2025") is None
    window.close()  # as the clerk does: the window, then its database
    ws.close()


def test_a_resubmission_has_its_differences_tab(qtbot, tmp_path, demo_files):
    from demo_packages import CLOCK, PASS

    from desktop.consolidation.matrix import matrix
    from desktop.consolidation.receive import receive as take
    from desktop.domain.periods import PeriodId
    from desktop.package.verify import load_roots
    from desktop.signing.sources import Pkcs12File
    from desktop.submission.build import make_package

    ca, first = demo_package(demo_files, tmp_path / "xa", evidence=False)
    with Workspace.open(tmp_path / "xa" / "tl.db", clock=lambda: CLOCK) as office:
        plan = office.plans.current()
        period = office.periods.get(PeriodId.parse("2025"), plan.id)
        office.locks.reopen(plan.id, period, "Sửa kết quả")
        change_a_result(office, plan, period, "Đã sửa")
        second = make_package(office, plan, period, Pkcs12File(ca.signer, PASS), tmp_path / "l2")
    csv = tmp_path / "ds.csv"
    csv.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\n", "utf-8")
    with Workspace.open(tmp_path / "tinh.db", create=True) as ws:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster(read_roster(csv))
        take(ws, [first.path, second.path], load_roots([ca.root]))
        [row] = matrix(ws, "2025")
        dialog = OfficeReportDialog(ws, row, "2025")
        qtbot.addWidget(dialog)
        last = dialog.tabs.count() - 1
        assert dialog.tabs.tabText(last) == "So với lần trước (1)"
        lines = [dialog.tabs.widget(last).item(i).text()
                 for i in range(dialog.tabs.widget(last).count())]  # fmt: skip
        assert lines[0] == "Lý do gửi lại: Sửa kết quả"
        assert any(line.endswith("→ «Đã sửa»") for line in lines)


def test_the_roster_and_the_periods_are_edited_in_the_window(qtbot, tmp_path):
    from ui.roster_dialog import RosterDialog

    csv = tmp_path / "ds.csv"
    csv.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\n", "utf-8")
    with Workspace.open(tmp_path / "tinh.db", create=True) as ws:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster(read_roster(csv))
        dialog = RosterDialog(ws)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "Trần Liêu"
        dialog.table.item(0, 2).setText("H31.01")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        dialog.table.item(1, 0).setText("Vĩnh Bảo")
        dialog.year_box.setCurrentIndex(dialog.year_box.findData(2025))
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findText("Cả năm"))
        dialog.due.edit.setText("01/12/2025")
        dialog.add_period()
        assert "Năm 2025 (hạn 01/12/2025)" in dialog.expected.text()
        dialog.save()
        offices = {o.name: o for o in ws.receiving.roster()}
        assert offices["Trần Liêu"].agency_code == "H31.01" and "Vĩnh Bảo" in offices
        again = RosterDialog(ws)
        qtbot.addWidget(again)
        again.table.item(1, 0).setText("Trần Liêu")  # the other office's name: refused
        again.table.cellWidget(1, 1).setCurrentIndex(
            again.table.cellWidget(1, 1).findData("phuong")
        )
        again.save()
        assert "Danh sách đã có phường Trần Liêu" in again.problem.text()


def test_an_office_is_removed_from_the_roster_unless_its_packages_were_received(
    qtbot, tmp_path, demo_files
):
    from ui.roster_dialog import RosterDialog

    ca, package = demo_package(demo_files, tmp_path / "xa")
    csv = tmp_path / "ds.csv"
    csv.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\nVĩnh Bảo,xã,\n", "utf-8")
    with Workspace.open(tmp_path / "tinh.db", create=True) as ws:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster(read_roster(csv))
        receive(ws, [package.path], load_roots([ca.root]))
        dialog = RosterDialog(ws)
        qtbot.addWidget(dialog)
        names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
        dialog.table.setCurrentCell(names.index("Trần Liêu"), 0)
        dialog.remove_selected()  # it sent a package: refused at once
        assert "đã nhận 1 gói báo cáo" in dialog.problem.text()
        assert dialog.table.rowCount() == 2
        dialog.table.setCurrentCell(names.index("Vĩnh Bảo"), 0)
        dialog.remove_selected()
        assert dialog.table.rowCount() == 1
        dialog.save()
        assert [o.name for o in ws.receiving.roster()] == ["Trần Liêu"]
        with pytest.raises(UserError, match="đã nhận 1 gói"):  # the service refuses too
            ws.receiving.remove_office(ws.receiving.roster()[0].id)
        again = RosterDialog(ws)  # a refused line writes nothing of the rest
        qtbot.addWidget(again)
        qtbot.mouseClick(again.add_button, Qt.MouseButton.LeftButton)
        again.table.item(1, 0).setText("Kiến Thụy")
        again.table.item(0, 0).setText("")
        again.save()
        assert "Dòng 1: Tên đơn vị không được để trống" in again.problem.text()
        assert [o.name for o in ws.receiving.roster()] == ["Trần Liêu"]


def test_the_level_aboves_certificates_are_registered_in_the_window(
    qtbot, window, tmp_path, monkeypatch
):
    """Văn bản → Tin cậy và chứng thư…, Cấp trên của tôi: a root, then the level above's
    own signer (a CA offered as the signer is refused in words); what is registered is
    listed."""
    from ui.trust_dialog import TrustDialog

    ca = make_trial_ca(tmp_path / "so", "Sở Khoa học", b"mk", datetime(2026, 1, 5, tzinfo=UTC))
    opened = []
    monkeypatch.setattr(TrustDialog, "exec", lambda self: opened.append(self))
    window.certificates_action.trigger()
    [dialog] = opened
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.tabs.tabText(0) == "Cấp trên của tôi"
    told, chosen = [], [ca.root, ca.root, ca.certificate]
    monkeypatch.setattr(ask, "open_file", lambda *a, **k: chosen.pop(0))
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))
    qtbot.mouseClick(dialog.add_root, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.add_signer, Qt.MouseButton.LeftButton)  # the root: refused
    assert told and "là chứng thư gốc (CA)" in told[-1]
    qtbot.mouseClick(dialog.add_signer, Qt.MouseButton.LeftButton)
    assert "CA thử nghiệm" in dialog.roots.model.row(0).info.subject
    assert "Sở Khoa học" in dialog.signers.model.row(0).info.subject
    assert [s.fingerprint for s in window.ws.trust.upper_signers()]
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= 720 and screen.contains(
        dialog.add_signer.mapToGlobal(dialog.add_signer.rect().center())
    )
