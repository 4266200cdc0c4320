"""Counting the two real plans as the level above would (issue 21): each rule here is
checked against the seed text it comes from (the seeds are OCR text without diacritics;
the demos transcribe them with diacritics).

Both demos are built and counted on 01/02/2027, when every 2026 report is in."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import pytest

from desktop.domain.periods import PeriodId, PeriodKind
from desktop.domain.plan_calendar import DueStatus
from desktop.domain.targets import Verdict
from desktop.domain.task_state import TaskState
from desktop.errors import InvalidInput
from desktop.reports.status import build_status
from desktop.workspace import Workspace

AFTER_2026 = datetime(2027, 2, 1, 3, tzinfo=UTC)


@pytest.fixture
def plan_41(tmp_path, demo_files):
    """Seed 004: "KE HOACH Hoat dong khoa hoc, cong nghe, doi moi sang tao va chuyen doi
    so nam 2026" of xã Hưng Nguyên: one year, quarterly reports only ("Dinh ky hang Quy
    ... truoc ngay 12 thang cuoi Quy")."""
    ws = demo_files.open(
        tmp_path / "hn.db", "hung-nguyen", clock=lambda: AFTER_2026, actor="Cán bộ thử nghiệm"
    )
    yield ws, ws.plans.current()
    ws.close()


@pytest.fixture
def plan_79(tmp_path, demo_files):
    """Seed 001: Kế hoạch 79/KH-UBND of phường Trần Liêu, a yearly report ("Dinh ky hang
    nam truoc ngay 30/11")."""
    ws = demo_files.open(tmp_path / "tl.db", clock=lambda: AFTER_2026, actor="Cán bộ thử nghiệm")
    yield ws, ws.plans.current()
    ws.close()


def status(ws, plan, key: str):
    return build_status(ws, plan, ws.periods.get(PeriodId.parse(key), plan.id))


def test_a_one_year_plan_judges_its_undated_tasks_at_its_last_report(plan_41):
    """Seed 004 prints no date in "Thoi gian hoan thanh" for most tasks of a plan for
    "nam 2026": they fall due at the data cut-off of the plan's last required report of
    2026 (quý IV, data to 10/12/2026), where the year is judged."""
    ws, plan = plan_41
    calendar = ws.periods.calendar(plan.id)
    assert calendar.judged_on(2026) == date(2026, 12, 10)
    # 31 print nothing; 3.7.2 is yearly by its title ("ke hoach cong tac hang nam").
    undated = [t for t in ws.tasks.list(plan.id) if t.deadline.one_off and not t.deadline.text]
    assert len(undated) == 30
    q3 = {i.task.code: i.state for i in status(ws, plan, "2026-Q3").tasks}
    q4 = {i.task.code: i for i in status(ws, plan, "2026-Q4").tasks}
    for task in undated:
        item = q4[task.code]
        assert q3[task.code] in (TaskState.NOT_DUE, TaskState.DONE_ON_TIME), task.code
        assert item.state in (TaskState.OVERDUE, TaskState.DONE_ON_TIME, TaskState.DONE_LATE)
        assert all(o.occurrence.due == date(2026, 12, 10) for o in item.occurrences)
        assert "báo cáo cuối cùng của kế hoạch, quý IV năm 2026 (10/12/2026)" in item.reading


def test_an_open_period_is_judged_to_yesterday_not_to_its_cut_off(tmp_path, demo_files):
    """On 07/12/2026 quý IV of plan 41 is still open (data to 10/12): its 30 undated tasks
    are "chưa đến hạn" and the report printed that day says so, instead of 30 overdue
    three days before their due date; the day after the cut-off they are overdue."""
    from desktop.submission.document import submission

    seventh = datetime(2026, 12, 7, 3, tzinfo=UTC)
    with demo_files.open(
        tmp_path / "hn.db", "hung-nguyen", clock=lambda: seventh, actor="Thử"
    ) as ws:
        plan = ws.plans.current()
        report = status(ws, plan, "2026-Q4")
        assert report.judged_to == date(2026, 12, 6)
        states = Counter(item.state for item in report.tasks)
        assert (states[TaskState.OVERDUE], states[TaskState.NOT_DUE]) == (0, 30)
        ws.document_settings.save(signer_name="Nguyễn Văn An")
        letter = submission(ws, plan, report.period).document.letter
        assert letter is not None
        assert any(
            "Đến ngày 06/12/2026 (chưa đến ngày chốt số liệu 10/12/2026): 3 hoàn thành đúng hạn"
            in p.text
            for p in letter.body
        )
    eleventh = datetime(2026, 12, 11, 3, tzinfo=UTC)
    with Workspace.open(tmp_path / "hn.db", clock=lambda: eleventh, daily_backup=False) as ws:
        plan = ws.plans.current()
        states = Counter(item.state for item in status(ws, plan, "2026-Q4").tasks)
        assert (states[TaskState.OVERDUE], states[TaskState.NOT_DUE]) == (30, 0)


@pytest.mark.parametrize("key", ["2027-Q1", "2027"])
def test_after_a_plans_last_year_nothing_is_still_to_come(plan_41, key):
    ws, plan = plan_41
    assert plan.end_year == 2026
    states = Counter(item.state for item in status(ws, plan, key).tasks)
    assert states[TaskState.NOT_DUE] == 0


def test_ongoing_effort_is_continuous_work_and_2025_has_one_overdue_task(plan_79):
    """Seed 001, mục V.3, "Thoi gian hoan thanh": "Nam 2025 va nhung nam tiep theo" is
    effort kept up from 2025, not yearly turns: plan 79's one overdue task in 2025 is I.6
    ("Thang 9/2025", not done)."""
    ws, plan = plan_79
    year = {i.task.code: i for i in status(ws, plan, "2025").tasks}
    assert year["V.3"].task.deadline.text == "Năm 2025 và những năm tiếp theo"
    assert year["V.3"].state is TaskState.ONGOING and year["V.3"].occurrences == ()
    assert [code for code, i in year.items() if i.state is TaskState.OVERDUE] == ["I.6"]
    # V.6 "Nam 2025": a year alone is a deadline, the end of that year.
    assert year["V.6"].occurrences[0].occurrence.due == date(2025, 12, 31)


def test_a_title_that_says_the_work_recurs_makes_the_task_yearly(plan_79):
    """Seed 001, mục V.1: "Xay dyung Ke hoach Chuyen doi so cua phuong hang nam", its
    column "Sau khi thanh pho ban hanh ke hoach": one turn a year, each due where the
    year is judged (the year report's data cut-off, 14/11)."""
    ws, plan = plan_79
    v1 = {i.task.code: i for i in status(ws, plan, "2026").tasks}["V.1"]
    assert [(o.occurrence.key, o.occurrence.due) for o in v1.occurrences] == [
        ("2026", date(2026, 11, 14)),
        ("2027", date(2027, 11, 14)),  # the next turn, shown as coming
    ]


def test_verdicts_come_in_the_last_required_report_of_a_milestone_year(plan_41):
    """Seed 004 asks only for quarterly reports: its 29 indicators, all with a 2026
    target, get Đạt / Chưa đạt in the fourth quarter's report, where 2026 is judged."""
    ws, plan = plan_41
    q4 = status(ws, plan, "2026-Q4")
    assert len(q4.indicators) == 29
    assert all(r.verdict is not None for r in q4.indicators)
    assert all(r.verdict is None for r in status(ws, plan, "2026-Q3").indicators)
    year = {r.indicator.code: r.verdict for r in status(ws, plan, "2026").indicators}
    assert {r.indicator.code: r.verdict for r in q4.indicators} == year


def test_a_value_stands_in_every_later_report_of_its_year(plan_41):
    """Indicator 26 ("Ty le can bo, cong chuc su dung phan mem quan tri dieu hanh thong
    nhat", 100% in 2026) was reported in quý I: every later report of 2026 shows that
    value, as the year report does, instead of "chưa có số liệu"."""
    ws, plan = plan_41

    def twenty_six(key: str):
        return next(r for r in status(ws, plan, key).indicators if r.indicator.code == "26")

    for key in ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026"):
        shown = twenty_six(key)
        assert shown.value is not None and shown.value.value == 100, key
        assert shown.value.period_id == "2026-Q1", key
    assert twenty_six("2026-Q4").verdict is Verdict.MET


def test_a_completion_after_the_cut_off_is_said_where_it_counts(plan_79):
    """Seed 001, mục III.7 "Trien khai cap chung thu so den 100% can bo, cong chuc cua
    phuong", "Thang 12/2025": the demo's 2025 report says done on 28/11/2025, after the
    year report's 14/11 cut-off. The 2025 report prints that, and it counts in 2026."""
    from desktop.services.progress import completion_note
    from desktop.submission.document import submission

    ws, plan = plan_79
    year = ws.periods.get(PeriodId.parse("2025"), plan.id)
    item = {i.task.code: i for i in status(ws, plan, "2025").tasks}["III.7"]
    assert item.state is TaskState.NOT_DUE  # counted in no tile of 2025
    assert item.state_label == "Hoàn thành sau ngày chốt số liệu (28/11/2025)"
    note = completion_note(ws.periods.calendar(plan.id), year, date(2025, 11, 28))
    assert note == (
        "Ngày hoàn thành 28/11/2025 sau ngày chốt số liệu của năm 2025 (14/11/2025): kỳ này "
        "ghi «hoàn thành sau ngày chốt số liệu», hoàn thành được tính vào năm 2026."
    )
    assert completion_note(ws.periods.calendar(plan.id), year, date(2025, 11, 14)) == ""
    later = {i.task.code: i for i in status(ws, plan, "2026").tasks}["III.7"]
    assert later.state is TaskState.DONE_ON_TIME and later.state_label == "Hoàn thành đúng hạn"
    ws.document_settings.save(signer_name="Nguyễn Văn An")
    tasks = submission(ws, plan, year).document.appendices[0]  # Phụ lục I
    row = next(r for r in tasks.rows if r.cells[0] == "III.7")
    assert row.cells[6] == "Hoàn thành sau ngày chốt số liệu (28/11/2025)"


def test_the_budget_is_counted_inside_the_reports_data_window(plan_41):
    """Seed 004, mục IV.1, reports "truoc ngay 12 thang cuoi Quy" with data to the 10th:
    quý I runs 11/12/2025–10/03/2026. The 45 triệu paid on 12/03/2026 (line 2.a) is quý
    II's, whatever day the report is printed; "còn lại" is the estimate less what was paid
    to the cut-off, the same in every view."""
    from desktop.submission.document import submission

    ws, plan = plan_41
    q1 = ws.periods.get(PeriodId.parse("2026-Q1"), plan.id)
    assert (q1.data_from, q1.data_to) == (date(2025, 12, 11), date(2026, 3, 10))
    budget = ws.budget.for_period(plan.id, q1)
    assert (budget.since, budget.as_of) == (q1.data_from, q1.data_to)
    # Phụ lục 1 (3.850 triệu, chi thường xuyên) and Phụ lục 2 (29.300 triệu, đầu tư công)
    assert (budget.in_period, budget.disbursed, budget.remaining) == (0, 0, 33_150_000_000)
    q2 = ws.budget.for_period(plan.id, ws.periods.get(PeriodId.parse("2026-Q2"), plan.id))
    line = {r.line.code: r for r in q2.rows}["2.a"]
    assert (line.in_period, line.disbursed, line.remaining) == (45_000_000, 45_000_000, 105_000_000)
    ws.document_settings.save(signer_name="Nguyễn Văn An")
    table = submission(ws, plan, q1).document.appendices[-1]  # Phụ lục III
    assert [c.title for c in table.columns][-2:] == ["Còn lại", "Tỷ lệ giải ngân"]
    assert table.rows[-1].cells[4:7] == (0.0, 0.0, 33150.0)


def test_the_packages_data_carries_what_remains_of_each_line(plan_41):
    from desktop.package.schema import schema_problems
    from desktop.submission.data import package_data, period_evidence

    ws, plan = plan_41
    period = ws.periods.get(PeriodId.parse("2026-Q2"), plan.id)
    report = status(ws, plan, "2026-Q2")
    data = package_data(
        ws, plan, period, report, period_evidence(ws, report), uid="a" * 32, sequence=1,
        replaces=None, reason="", submitted_at=AFTER_2026, trial=True,
    )  # fmt: skip
    assert schema_problems(data) == []
    line = next(b for b in data["budget"] if b["code"] == "2.a")
    assert (line["paid_in_period"], line["paid_to_date"], line["remaining"]) == (
        45_000_000,
        45_000_000,
        105_000_000,
    )


def test_a_new_database_owes_no_report_from_before_it_followed_the_plan(tmp_path):
    """An office taking up plan 79 (seed 001, issued 02/10/2025, "Dinh ky hang nam truoc
    ngay 30/11") on 27/12/2026 owes the 2026 report onward, not 2025's: before, the
    overview said a report was late by hundreds of days as soon as the database existed."""
    from desktop.demo import plan_79 as seed
    from desktop.reports.attention import attention
    from desktop.workspace import Workspace

    today = datetime(2026, 12, 27, 3, tzinfo=UTC)
    with Workspace.open(tmp_path / "moi.db", create=True, clock=lambda: today) as ws:
        ws.office.save("Trần Liêu", "phuong")
        plan = ws.plans.create(**seed.PLAN)
        ws.schedule.require_from_text(
            plan.id, "Định kỳ hằng năm trước ngày 30/11", {PeriodKind.YEAR: (14, -1)}
        )
        assert plan.followed_from == date(2026, 10, 1)  # the current quarter
        reports = ws.schedule.due_reports(plan)
        assert [(r.period.key, r.status) for r in reports] == [
            ("2026", DueStatus.OVERDUE),  # due upward 20/12/2026, a week ago
            ("2027", DueStatus.UPCOMING),
        ]
        needs = attention(ws, plan)
        assert [r.report.period.key for r in needs.reports] == ["2026", "2027"]
        # Followed from the start instead: 2025's report is owed too.
        plan = ws.plans.follow_from(plan.id, None)
        owed = [r.period.key for r in ws.schedule.due_reports(plan)]
        assert owed == ["2025", "2026", "2027"]
        plan = ws.plans.follow_from(plan.id, PeriodId.parse("2026"))
        assert [r.period.key for r in ws.schedule.due_reports(plan)] == ["2026", "2027"]
        before = ws.audit.count()
        with pytest.raises(InvalidInput, match=r"năm 2027: kỳ này chưa bắt đầu"):
            ws.plans.follow_from(plan.id, PeriodId.parse("2027"))
        assert ws.audit.count() == before


GROUP_41 = "Các cơ quan, đơn vị thuộc UBND xã"


def test_a_group_lead_holds_its_overdue_tasks_as_one_row_said_to_be_shared(plan_41):
    """Seed 004 gives every task to "Cac co quan, don vi thuoc UBND xa theo chuc nang,
    nhiem vu, linh vuc nganh": the overdue list by lead unit shows that group once,
    labelled "giao chung", since no named unit owns those tasks."""
    ws, plan = plan_41
    report = status(ws, plan, "2026-Q4")
    overdue = [i.task.code for i in report.tasks if i.state is TaskState.OVERDUE]
    assert overdue and all(i.task.lead_names == GROUP_41 for i in report.tasks)
    (group,) = report.units
    assert (group.unit, group.shared, group.label) == (GROUP_41, True, f"{GROUP_41} (giao chung)")
    assert list(group.overdue) == overdue
    row = report.to_dict()["by_lead_unit"][0]
    assert (row["unit"], row["shared"], row["overdue_tasks"]) == (GROUP_41, True, overdue)


def test_the_office_names_the_unit_that_leads_a_group_task(plan_41, tmp_path):
    """Seed 004: "Thu truong co quan, don vi thuoc UBND xa truc tiep chi dao, phan cong
    thuc hien": the office names the unit that actually leads a task given to the group.
    That unit then answers for it when it is overdue, finds it in its annex as chủ trì,
    and the package says so."""
    from desktop.consolidation.report import owners_of
    from desktop.documents.assignment_annex import assignments
    from desktop.package.schema import schema_problems
    from desktop.submission.data import package_data, period_evidence

    ws, plan = plan_41
    economy = ws.units.add("Phòng Kinh tế", "phong")
    task = next(i.task for i in status(ws, plan, "2026-Q4").tasks if i.state is TaskState.OVERDUE)
    choices = [u.name for u in ws.tasks.choices_for(task)]
    assert choices == ["Phòng Văn hóa - Xã hội", "Phòng Kinh tế"]  # the office's own units
    named = ws.tasks.name_lead(task.id, "Phòng Kinh tế")
    assert named.owners == (economy,)
    assert named.lead_names == f"{GROUP_41} (trực tiếp chủ trì: Phòng Kinh tế)"

    report = status(ws, plan, "2026-Q4")
    tallies = {t.unit: t for t in report.units}
    assert tallies["Phòng Kinh tế"].overdue == (task.code,)
    assert not tallies["Phòng Kinh tế"].shared
    assert task.code not in tallies[GROUP_41].overdue

    given = assignments(ws, plan, economy)
    assert [t.code for t in given.leads] == [task.code]
    others = assignments(ws, plan, ws.units.find("Phòng Văn hóa - Xã hội"))
    assert task.code not in [t.code for t in others.shared]  # no longer shared

    period = ws.periods.get(PeriodId.parse("2026-Q4"), plan.id)
    data = package_data(
        ws, plan, period, report, period_evidence(ws, report), uid="b" * 32, sequence=1,
        replaces=None, reason="", submitted_at=AFTER_2026, trial=True,
    )  # fmt: skip
    assert schema_problems(data) == []
    item = next(t for t in data["tasks"] if t["code"] == task.code)
    assert (item["lead"], item["shared_leads"], item["named_lead"]) == (
        [GROUP_41],
        [GROUP_41],
        "Phòng Kinh tế",
    )
    assert owners_of(item) == ["Phòng Kinh tế"]
    other = next(t for t in data["tasks"] if t["code"] != task.code)
    assert owners_of(other) == [f"{GROUP_41} (giao chung)"]

    # Back to the group: the printed lead answers again.
    assert ws.tasks.name_lead(task.id, None).owners == task.leads


def test_a_named_lead_must_be_one_of_the_units_the_plan_gives_the_task(plan_79):
    """Seed 001, mục V.2 is led by "Van phong HDND & UBND" with "Cac phong, ban, nganh,
    don vi thuoc phuong" coordinating: another phòng cannot be named to lead it (only a
    group lead opens the choice to every unit of the office), nor a unit that does not
    exist; nothing is written."""
    ws, plan = plan_79
    tasks = {t.code: t for t in ws.tasks.list(plan.id)}
    v2, v3 = tasks["V.2"], tasks["V.3"]
    assert [u.name for u in ws.tasks.choices_for(v2)] == ["Văn phòng HĐND và UBND"]
    before = ws.audit.count()
    with pytest.raises(InvalidInput, match=r"«Phòng Văn hóa - Xã hội» không có trong các cơ quan"):
        ws.tasks.name_lead(v2.id, "Phòng Văn hóa - Xã hội")
    with pytest.raises(InvalidInput, match=r"Không có cơ quan, đơn vị «Phòng Tư pháp»"):
        ws.tasks.name_lead(v2.id, "Phòng Tư pháp")
    with pytest.raises(InvalidInput, match=r"«Công an phường» không có"):
        ws.tasks.name_lead(v3.id, "Công an phường")  # not one of the office's own units
    assert ws.audit.count() == before and ws.units.find("Phòng Tư pháp") is None
    assert ws.tasks.get(v2.id).named_lead is None
    # V.3's group ("Cac phong chuyen mon") lets the office name one of its phòng.
    assert ws.tasks.name_lead(v3.id, "Phòng Văn hóa - Xã hội").named_lead.name == (
        "Phòng Văn hóa - Xã hội"
    )
    # Its printed units changed so that the named one no longer fits: the name goes.
    ws.tasks.update(v3.id, leads=["Văn phòng HĐND và UBND"], coordinators=[])
    assert ws.tasks.get(v3.id).named_lead is None
