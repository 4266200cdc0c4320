"""The clerk's words reach the level above (issue 24, done-when): a sentence written with
the narrative command is in the package and in the level above's view of it."""

from __future__ import annotations

from datetime import UTC, datetime

from demo_packages import CLOCK, PASS

from desktop.cli import main
from desktop.consolidation.matrix import matrix
from desktop.consolidation.receive import RECEIVED, receive
from desktop.consolidation.roster import read_roster
from desktop.domain.periods import PeriodId
from desktop.package.verify import load_roots
from desktop.signing.sources import Pkcs12File
from desktop.signing.trial_ca import make_trial_ca
from desktop.submission.build import make_package
from desktop.workspace import Workspace
from ui.office_report_dialog import OfficeReportDialog

SENTENCE = "Năm tới phường tập trung số hóa hồ sơ một cửa và đào tạo kỹ năng số cho cán bộ."


def test_a_sentence_written_with_narrative_is_read_by_the_level_above(qtbot, tmp_path, demo_files):
    (tmp_path / "xa").mkdir()
    office = tmp_path / "xa" / "tl.db"
    with demo_files.open(office, clock=lambda: CLOCK, actor=None) as ws:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
    words = tmp_path / "phuong_huong.txt"
    words.write_text(SENTENCE, "utf-8")
    assert main(["--db", str(office), "narrative", "--period", "2025",
                 "--section", "phuong_huong", "--file", str(words)]) == 0  # fmt: skip
    ca = make_trial_ca(tmp_path / "ca", "Nguyễn Văn An", PASS, CLOCK)
    with Workspace.open(office, clock=lambda: CLOCK) as ws:
        plan = ws.plans.current()
        period = ws.periods.get(PeriodId.parse("2025"), plan.id)
        package = make_package(ws, plan, period, Pkcs12File(ca.signer, PASS), tmp_path / "out")
    roster = tmp_path / "ds.csv"
    roster.write_text("Tên đơn vị,Cấp,Mã định danh\nTrần Liêu,phường,\n", "utf-8")
    arrived = datetime(2026, 11, 26, 3, tzinfo=UTC)
    ws = Workspace.open(tmp_path / "tinh.db", create=True, clock=lambda: arrived)
    try:
        ws.office.save("Hải Phòng", "tinh")
        ws.receiving.set_roster(read_roster(roster))
        [outcome] = receive(ws, [package.path], load_roots([ca.root]))
        assert outcome.status == RECEIVED
        [row] = matrix(ws, "2025")
        dialog = OfficeReportDialog(ws, row, "2025")
        qtbot.addWidget(dialog)
        assert dialog.tabs.tabText(0) == "Lời báo cáo"
        assert SENTENCE in dialog.tabs.widget(0).toPlainText()
        dialog.close()
    finally:
        ws.close()
