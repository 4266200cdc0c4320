"""Each service against a real database file: what it stores, what it refuses."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.deadlines import Cycle
from desktop.domain.model import OfficeLevel, ProgressStatus, UnitKind
from desktop.domain.periods import PeriodId, PeriodKind
from desktop.domain.task_state import TaskState
from desktop.errors import InvalidInput, NotFound
from desktop.services.units import guess_kind

VHXH = "Phòng Văn hóa - Xã hội"


def test_office_round_trip_and_validation(ws):
    assert ws.office.get() is None
    office = ws.office.save("Trần Liêu", "phuong", "H31.13.05", "thành phố Hải Phòng")
    assert office.committee == "UBND phường Trần Liêu"
    assert office.place_name == "Trần Liêu"
    assert ws.office.save("Trần Liêu", OfficeLevel.PHUONG).agency_code == ""
    with pytest.raises(InvalidInput, match="Cấp hành chính"):
        ws.office.save("Trần Liêu", "quan")
    with pytest.raises(InvalidInput):
        ws.office.save("   ", "xa")


def test_units_are_unique_by_normalised_name(ws):
    unit = ws.units.add(" Phòng  Văn hóa - Xã hội ", UnitKind.PHONG)
    assert unit.name == VHXH
    with pytest.raises(InvalidInput, match="đã có"):
        ws.units.add(VHXH)
    assert ws.units.ensure(VHXH) == unit
    other = ws.units.add("Công an phường")
    with pytest.raises(InvalidInput, match="đã có"):
        ws.units.rename(other.id, VHXH)
    assert ws.units.set_active(other.id, False).active is False
    assert [u.name for u in ws.units.list(active_only=True)] == [VHXH]
    with pytest.raises(NotFound):
        ws.units.get(999)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Phòng Kinh tế, Hạ tầng và Đô thị", UnitKind.PHONG),
        ("Văn phòng HĐND và UBND", UnitKind.PHONG),
        ("Trung tâm Phục vụ hành chính công", UnitKind.DON_VI),
        ("Sở Khoa học và Công nghệ", UnitKind.CAP_TREN),
        ("Công an thành phố", UnitKind.CAP_TREN),
        ("Công an phường", UnitKind.NGANH_DOC),
        ("Các đơn vị liên quan", UnitKind.NHOM),
        ("Hội Nông dân", UnitKind.KHAC),
    ],
)
def test_unit_kind_is_guessed_from_the_name(name, kind):
    assert guess_kind(name) is kind


def test_plan_versions_and_lookup(ws, plan):
    again = ws.plans.create(
        plan.number, plan.issued_on, plan.issuer, plan.summary, 2026, 2026, source="Bản sửa đổi"
    )
    assert (plan.version, again.version) == (1, 2)
    assert ws.plans.find("41/KH-UBND") == again
    assert ws.plans.resolve(None) == again
    assert ws.plans.resolve(str(plan.id)) == plan
    with pytest.raises(NotFound):
        ws.plans.resolve("99/KH-UBND")
    with pytest.raises(InvalidInput, match="Giai đoạn"):
        ws.plans.create("1/KH", "2025-01-01", "UBND", "Trích yếu", 2030, 2025)
    with pytest.raises(InvalidInput, match="ngày hợp lệ"):
        ws.plans.create("1/KH", "31/02/2025", "UBND", "Trích yếu", 2025, 2025)


def test_sections_keep_order_and_refuse_duplicates(ws, plan, section):
    ws.plans.add_section(plan.id, "II", "Hoàn thiện thể chế")
    assert [s.code for s in ws.plans.sections(plan.id)] == ["I", "II"]
    with pytest.raises(InvalidInput, match="đã có mục I"):
        ws.plans.add_section(plan.id, "I", "Trùng")


def test_task_with_units_and_deadline(ws, section):
    task = ws.tasks.add(
        section.id,
        "Xây dựng kế hoạch chuyển đổi số",
        [VHXH, "Công an phường"],
        ["Các đơn vị liên quan", VHXH],
        "Trước ngày 30/11 hằng năm",
        "Kế hoạch của UBND xã",
    )
    assert task.code == "I.1" and task.expected_product == "Kế hoạch của UBND xã"
    assert [u.name for u in task.leads] == [VHXH, "Công an phường"]
    assert [u.name for u in task.coordinators] == ["Các đơn vị liên quan", VHXH]
    assert task.deadline.cycles == (Cycle(PeriodKind.YEAR, 2026, 30, -1),)
    assert task.plan_id == section.plan_id
    assert ws.units.find("Công an phường").kind is UnitKind.NGANH_DOC
    second = ws.tasks.add(section.id, "Nhiệm vụ hai", [VHXH])
    assert second.code == "I.2" and second.deadline.milestone is None
    with pytest.raises(InvalidInput, match="cơ quan chủ trì"):
        ws.tasks.add(section.id, "Không ai chủ trì", [])
    with pytest.raises(InvalidInput, match="Tên nhiệm vụ"):
        ws.tasks.add(section.id, "  ", [VHXH])


def test_task_update_and_delete(ws, section):
    task = ws.tasks.add(section.id, "Nhiệm vụ", [VHXH], [], "Tháng 9/2026")
    changed = ws.tasks.update(
        task.id, deadline_text="Quý IV/2026", coordinators=["Các đơn vị liên quan"]
    )
    assert changed.deadline.milestone == date(2026, 12, 31)
    assert [u.name for u in changed.leads] == [VHXH]
    assert [u.name for u in changed.coordinators] == ["Các đơn vị liên quan"]
    moved = ws.tasks.update(task.id, due_date=date(2026, 10, 15))
    assert moved.deadline.milestone == moved.due_override == date(2026, 10, 15)
    assert moved.deadline.text == "Quý IV/2026"
    yearly = ws.tasks.add(section.id, "Báo cáo", [VHXH], [], "Hằng năm")
    with pytest.raises(InvalidInput, match="lặp lại theo kỳ"):
        ws.tasks.update(yearly.id, due_date=date(2026, 10, 15))
    ws.tasks.delete(task.id)
    with pytest.raises(NotFound):
        ws.tasks.get(task.id)
    left = ws.db.execute("SELECT count(*) FROM assignments WHERE task_id = ?", [task.id])
    assert left.fetchone()[0] == 0


def test_indicators_targets_and_values(ws, plan):
    group = ws.indicators.add_group(plan.id, "I", "Phát triển hạ tầng")
    indicator = ws.indicators.add(
        group.id, "1", "Tỷ lệ phủ sóng 5G", "%", {2025: "≥ 60%", 2030: "100%"}, [VHXH]
    )
    assert indicator.target_for(2026)[0] == 2030
    assert indicator.target_for(2025)[1].value == 60
    assert indicator.target_for(2031) is None
    ws.indicators.update(
        indicator.id, code="1", name="Tỷ lệ phủ sóng 5G", unit_of_measure="%",
        targets={2030: "≥ 95%"}, leads=[VHXH],
    )  # fmt: skip
    assert {y: t.text for y, t in ws.indicators.get(indicator.id).targets.items()} == {
        2030: "≥ 95%"
    }
    ws.indicators.record_value(indicator.id, "2026", 71.5, note="Nhà mạng báo cáo")
    ws.indicators.record_value(indicator.id, "2026", 72)
    values = ws.indicators.values(plan.id, PeriodId.parse("2026"))
    assert values[indicator.id].value == 72 and values[indicator.id].note == ""
    with pytest.raises(InvalidInput, match="giá trị"):
        ws.indicators.record_value(indicator.id, "2026", None, "  ")


def test_progress_validation(ws, section):
    task = ws.tasks.add(section.id, "Nhiệm vụ", [VHXH], [], "Tháng 3/2026")
    cases = [
        ({"status": "hoan_thanh"}, "ngày hoàn thành"),
        ({"status": "hoan_thanh", "completed_on": "2026-03-01", "percent": 90}, "100%"),
        ({"status": "dang_thuc_hien", "percent": 100}, "từ 0 đến 99"),
        ({"status": "dang_thuc_hien"}, "từ 0 đến 99"),
        ({"status": "chua_thuc_hien", "percent": 5}, "0%"),
        ({"status": "dang_thuc_hien", "percent": 50, "completed_on": "2026-03-01"}, "Chỉ ghi"),
        ({"status": "xong"}, "Tình trạng"),
    ]
    for kwargs, message in cases:
        with pytest.raises(InvalidInput, match=message):
            ws.progress.record(task.id, "2026-Q1", **kwargs)
    assert ws.progress.history(task.id) == []


def test_progress_is_one_report_per_task_and_period(ws, clock, section):
    clock.set_today(2026, 3, 20)
    task = ws.tasks.add(section.id, "Nhiệm vụ", [VHXH], [], "Tháng 3/2026")
    first = ws.progress.record(task.id, "2026-Q1", "dang_thuc_hien", 40, result="Đang làm")
    second = ws.progress.record(
        task.id, "2026-Q1", ProgressStatus.DONE, completed_on="10/03/2026", result="Xong\nđủ"
    )
    assert first.id == second.id
    assert second.status is ProgressStatus.DONE and second.percent == 100
    assert second.result == "Xong\nđủ"
    assert [p.period_id for p in ws.progress.history(task.id)] == ["2026-Q1"]
    ws.progress.delete(task.id, PeriodId.parse("2026-Q1"))
    assert ws.progress.history(task.id) == []


def test_overview_uses_latest_report_up_to_the_cut_off(ws, clock, plan, section):
    clock.set_today(2026, 10, 1)
    task = ws.tasks.add(section.id, "Nhiệm vụ", [VHXH], [], "Tháng 5/2026")
    ws.progress.record(task.id, "2026-Q1", "dang_thuc_hien", 30)
    ws.progress.record(task.id, "2026-Q2", "hoan_thanh", completed_on="2026-06-02")

    def state(period):
        [item] = ws.progress.overview(plan.id, period)
        return item.state, item.latest.period_id if item.latest else None

    assert state("2026-Q1") == (TaskState.NOT_DUE, "2026-Q1")
    assert state("2026-04") == (TaskState.NOT_DUE, "2026-Q1")
    assert state("2026-H1") == (TaskState.DONE_LATE, "2026-Q2")
    assert state("2026") == (TaskState.DONE_LATE, "2026-Q2")
    # a later report that reopens the task wins
    ws.progress.record(task.id, "2026-Q3", "dang_thuc_hien", 90)
    assert state("2026-Q3") == (TaskState.OVERDUE, "2026-Q3")
    assert state("2026-H1") == (TaskState.DONE_LATE, "2026-Q2")


def test_budget_tree_totals_and_rules(ws, plan, clock):
    clock.set_today(2026, 12, 31)  # the year's payments are all made
    group = ws.budget.add_line(plan.id, 2026, "1", "Chi nhiệm vụ KH&CN")
    leaf = ws.budget.add_line(plan.id, 2026, "1.c", "Nhiệm vụ CĐS", 500_000_000, group.id)
    other = ws.budget.add_line(plan.id, 2026, "3", "Nhiệm vụ theo NQ57", 200_000_000)
    ws.budget.disburse(leaf.id, "2026-03-01", 120_000_000, "UNC 01")
    ws.budget.disburse(leaf.id, "2026-07-01", 80_000_000)
    ws.budget.disburse(leaf.id, "2026-07-15", -10_000_000, note="Thu hồi")
    rows = ws.budget.table(plan.id, 2026)
    assert [(r.line.code, r.depth, r.estimate, r.disbursed) for r in rows] == [
        ("1", 0, 500_000_000, 190_000_000),
        ("1.c", 1, 500_000_000, 190_000_000),
        ("3", 0, 200_000_000, 0),
    ]
    assert rows[0].remaining == 310_000_000 and rows[0].rate == pytest.approx(0.38)
    assert ws.budget.totals(plan.id, 2026, as_of=date(2026, 6, 30)) == (700_000_000, 120_000_000)
    assert ws.budget.years(plan.id) == [2026]

    with pytest.raises(InvalidInput, match="số đồng nguyên"):
        ws.budget.disburse(leaf.id, "2026-08-01", 1.5)
    with pytest.raises(InvalidInput, match="số đồng nguyên"):
        ws.budget.add_line(plan.id, 2026, "4", "Lẻ", 10.5)
    with pytest.raises(InvalidInput, match="dòng con"):
        ws.budget.disburse(group.id, "2026-08-01", 1_000)
    with pytest.raises(InvalidInput, match="dự toán riêng"):
        ws.budget.add_line(plan.id, 2026, "3.a", "Con", 1, other.id)
    with pytest.raises(InvalidInput, match="tổng các dòng con"):
        ws.budget.set_estimate(group.id, 1)
    with pytest.raises(InvalidInput, match="không thể âm"):
        ws.budget.disburse(leaf.id, "2026-08-01", -500_000_000)
    with pytest.raises(InvalidInput, match="cùng kế hoạch và cùng năm"):
        ws.budget.add_line(plan.id, 2027, "1.a", "Khác năm", 1, group.id)
    assert ws.budget.totals(plan.id, 2026) == (700_000_000, 190_000_000)


def test_attachments_are_deduplicated_and_verified(ws, section, tmp_path):
    task = ws.tasks.add(section.id, "Nhiệm vụ", [VHXH])
    scan = tmp_path / "Quyết định 08-QĐ-UBND.pdf"
    scan.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    first = ws.attachments.add_file("task_id", task.id, scan)
    progress = ws.progress.record(task.id, "2026-Q1", "dang_thuc_hien", 10)
    second = ws.attachments.add("progress_id", progress.id, "bản sao.pdf", scan.read_bytes())
    assert first.sha256 == second.sha256 and first.media_type == "application/pdf"
    assert ws.db.execute("SELECT count(*) FROM attachment_blobs").fetchone()[0] == 1
    assert ws.attachments.content(first.id) == scan.read_bytes()
    assert [a.filename for a in ws.attachments.list("task_id", task.id)] == [scan.name]

    ws.attachments.remove(first.id)
    assert ws.db.execute("SELECT count(*) FROM attachment_blobs").fetchone()[0] == 1
    ws.attachments.remove(second.id)
    assert ws.db.execute("SELECT count(*) FROM attachment_blobs").fetchone()[0] == 0

    third = ws.attachments.add("task_id", task.id, "a.txt", b"noi dung")
    ws.db.execute("UPDATE attachment_blobs SET content = ? ", [b"noi dunG"])
    with pytest.raises(InvalidInput, match="sai mã băm"):
        ws.attachments.content(third.id)
    with pytest.raises(InvalidInput, match="Không đọc được"):
        ws.attachments.add_file("task_id", task.id, tmp_path / "khong_co.pdf")
    with pytest.raises(NotFound):
        ws.attachments.add("task_id", 999, "a.txt", b"x")


def test_budget_lines_are_edited_moved_and_deleted_in_one_change_each(ws, plan, clock):
    clock.set_today(2026, 12, 31)  # the year's payments are all made
    first = ws.budget.add_line(plan.id, 2026, "1", "Chi nhiệm vụ KH&CN")
    leaf = ws.budget.add_line(plan.id, 2026, "1.a", "Nhiệm vụ CĐS", 500_000_000, first.id)
    second = ws.budget.add_line(plan.id, 2026, "2", "Mua sắm", 200_000_000)
    edited = ws.budget.update_line(
        second.id,
        code="2",
        title="Mua sắm thiết bị",
        funding_source="Chi thường xuyên",
        estimate=250_000_000,
    )
    assert (edited.title, edited.estimate, edited.funding_source) == (
        "Mua sắm thiết bị",
        250_000_000,
        "Chi thường xuyên",
    )
    [entry] = {e.txn: e for e in ws.audit.entries(table="budget_lines", limit=2)}.values()
    assert entry.operation == "Sửa dòng dự toán 2"  # both fields, one change, its own name
    with pytest.raises(InvalidInput, match="đã có dòng dự toán mã «1»"):
        ws.budget.update_line(second.id, code="1", title="Trùng")
    with pytest.raises(InvalidInput, match="có dòng con"):
        ws.budget.update_line(first.id, code="1", title="Chi", estimate=1)
    ws.budget.move_line(second.id, -1)
    assert [line.code for line in ws.budget.lines(plan.id, 2026) if line.parent_id is None] == [
        "2",
        "1",
    ]
    ws.budget.move_line(second.id, -1)  # already first: stays
    ws.budget.disburse(leaf.id, "2026-03-01", 1_000)
    ws.budget.delete_line(first.id)
    assert [line.code for line in ws.budget.lines(plan.id, 2026)] == ["2"]
    assert ws.db.execute("SELECT count(*) FROM disbursements").fetchone()[0] == 0


def test_payments_are_edited_and_deleted_without_a_negative_total(ws, plan, clock):
    clock.set_today(2026, 12, 31)  # the year's payments are all made
    line = ws.budget.add_line(plan.id, 2026, "1", "Mua sắm", 500_000_000)
    paid = ws.budget.disburse(line.id, "2026-03-01", 120_000_000, "UNC 01")
    recovered = ws.budget.disburse(line.id, "2026-07-15", -20_000_000, note="Thu hồi")
    changed = ws.budget.update_disbursement(paid.id, "2026-03-02", 100_000_000, "UNC 01b")
    assert (changed.paid_on, changed.amount, changed.reference) == (
        date(2026, 3, 2),
        100_000_000,
        "UNC 01b",
    )
    with pytest.raises(InvalidInput, match="không thể âm"):
        ws.budget.update_disbursement(paid.id, "2026-03-02", 10_000_000)
    with pytest.raises(InvalidInput, match="khoản thu hồi trước"):
        ws.budget.delete_disbursement(paid.id)
    ws.budget.delete_disbursement(recovered.id)
    ws.budget.delete_disbursement(paid.id)
    assert ws.budget.disbursements(line.id) == []


def test_budget_table_gives_paid_in_a_period_and_to_its_end(ws, plan, clock):
    clock.set_today(2026, 12, 31)  # the year's payments are all made
    line = ws.budget.add_line(plan.id, 2026, "1", "Mua sắm", 500_000_000)
    ws.budget.disburse(line.id, "2026-03-01", 100)
    ws.budget.disburse(line.id, "2026-05-01", 20)
    ws.budget.disburse(line.id, "2026-08-01", 3)
    [row] = ws.budget.table(plan.id, 2026, as_of=date(2026, 6, 30), since=date(2026, 4, 1))
    assert (row.disbursed, row.in_period) == (120, 20)


def test_indicator_value_deleted_and_progress_reference(ws, clock, plan, section):
    group = ws.indicators.add_group(plan.id, "I", "Hạ tầng")
    five_g = ws.indicators.add(group.id, "1", "Tỷ lệ phủ sóng 5G", "%", {2026: "≥ 50%"}, [VHXH])
    ws.indicators.record_value(five_g.id, "2026-Q1", 30)
    ws.indicators.delete_value(five_g.id, PeriodId.parse("2026-Q1"))
    assert ws.indicators.value(five_g.id, PeriodId.parse("2026-Q1")) is None
    with pytest.raises(NotFound):
        ws.indicators.delete_value(five_g.id, PeriodId.parse("2026-Q1"))
    clock.set_today(2026, 7, 1)
    task = ws.tasks.add(section.id, "Báo cáo", [VHXH], [], "Hằng quý, trước ngày 12 tháng cuối quý")
    ws.progress.record(task.id, "2026-Q1", "hoan_thanh", completed_on="2026-03-10")
    q2 = ws.periods.get("2026-Q2", plan.id)
    turns, default = ws.progress.turns(task, q2)
    assert [t.key for t in turns][:2] == ["2026-Q1", "2026-Q2"] and default == "2026-Q2"
    assert ws.progress.previous(task.id, q2).period_id == "2026-Q1"
    assert ws.progress.previous(task.id, ws.periods.get("2026-Q1", plan.id)) is None


def test_a_payment_dated_after_today_is_refused_and_nothing_is_written(ws, plan):
    # The fixture clock says 20/01/2026; money is recorded once paid.
    line = ws.budget.add_line(plan.id, 2026, "1", "Mua sắm", 500_000_000)
    before = ws.audit.count()
    with pytest.raises(InvalidInput, match=r"01/03/2026 chưa tới \(hôm nay là 20/01/2026\)"):
        ws.budget.disburse(line.id, "2026-03-01", 120_000_000)
    assert ws.audit.count() == before
    paid = ws.budget.disburse(line.id, "2026-01-20", 120_000_000)
    with pytest.raises(InvalidInput, match="chưa tới"):
        ws.budget.update_disbursement(paid.id, "2026-02-01", 120_000_000)
