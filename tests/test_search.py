"""Search that finds what was meant (issue 25, point 9): the words typed together are a
phrase, found before the rows where they are only scattered; a word never matches
inside another. Texts from the demo plans (79/KH-UBND of phường Trần Liêu, 41/KH-UBND of
xã Hưng Nguyên)."""

from __future__ import annotations

import pytest
from demo_files import ACTOR

from desktop.vietnamese.search import Fit, best_matches, fit, query
from desktop.vietnamese.text import searchable

SO_HOA = (
    "Hoàn thành số hóa quy trình nghiệp vụ nội bộ, hồ sơ tài liệu, kết quả giải quyết thủ "
    "tục hành chính"
)
SO_HOAN = "Báo cáo tổng số hoàn thành của từng thủ tục hành chính"
SCATTERED = (
    "Triển khai thực hiện chương trình tuyên truyền về nội dung Nghị quyết 57-NQ/TW theo "
    "hướng: đa dạng hóa các hình thức, cụ thể hóa nội dung; chuyển đổi số"
)
DAN_CU = "Kết nối, làm sạch dữ liệu hộ tịch, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư"
NHAN_DAN_CU_THE = (
    "Nâng cao kiến thức về khoa học, công nghệ trong cán bộ, công chức và nhân dân; cụ thể "
    "hóa nhiệm vụ chuyển đổi số"
)
UNIT = "Phòng Văn hóa - Xã hội"


@pytest.mark.parametrize(
    ("text", "typed", "grade"),
    [
        (SO_HOA, "so hoa", Fit.PHRASE),
        (SO_HOA, "SỐ HÓA", Fit.PHRASE),
        (SO_HOAN, "so hoa", Fit.STARTED),  # 'hoa' may be 'hoàn' still being typed
        (SCATTERED, "so hoa", Fit.WORDS),
        (SCATTERED, "chuyen do", Fit.STARTED),
        (SCATTERED, "so chuyen doi", Fit.WORDS),  # every word, in another order
        (SCATTERED, "57-nq/tw", Fit.PHRASE),
        (SCATTERED, "huong da dang", Fit.WORDS),  # a colon ends a clause
        (SCATTERED, "tuyen truyen ve noi", Fit.PHRASE),
        (SCATTERED, "truyen thong", Fit.NONE),  # no 'thông' in it
        (DAN_CU, "dan cu", Fit.PHRASE),
        (DAN_CU, "du lieu quo", Fit.STARTED),
        (NHAN_DAN_CU_THE, "dan cu", Fit.WORDS),  # a semicolon between them
        (NHAN_DAN_CU_THE, "an", Fit.NONE),  # never inside a word ('nhân')
        (UNIT, "van hoa xa hoi", Fit.PHRASE),  # a hyphen joins
        (UNIT, "d", Fit.NONE),
        ("Đẩy mạnh chuyển đổi số", "d", Fit.STARTED),  # 'd' finds 'đ'
        ("Tỷ lệ hồ sơ trực tuyến đạt 82,5%", "82,5", Fit.PHRASE),
        ("Hồ sơ lưu trữ (mục I.6)", "i.6", Fit.PHRASE),
    ],
)
def test_how_well_a_text_answers(text, typed, grade):
    assert fit(searchable(text), query(typed)) is grade


def test_a_phrase_does_not_run_from_one_text_into_the_next():
    title, lead = "Phát triển hạ tầng số", "Hội Nông dân xã"
    assert fit(searchable(title, lead), query("so hoi")) is Fit.WORDS
    assert fit(searchable(f"{title} {lead}"), query("so hoi")) is Fit.PHRASE


def test_searchable_text_marks_words_and_clauses():
    assert searchable("Số hóa (57-NQ/TW)") == " so hoa | 57 nq tw | "
    assert searchable("Văn phòng HĐND và UBND", "Công an xã") == (
        " van phong hdnd va ubnd | cong an xa "
    )


@pytest.mark.parametrize("typed", ["", "   ", ", ; |", "“”"])
def test_nothing_typed_is_no_query(typed):
    assert query(typed) is None


TEXTS = [searchable(t) for t in (SCATTERED, SO_HOA, UNIT, SO_HOAN, NHAN_DAN_CU_THE, DAN_CU)]


def test_only_the_best_answers_are_kept_in_the_order_given():
    assert best_matches(TEXTS, [5, 4, 3, 2, 1, 0], query("so hoa")) == [1]
    assert best_matches(TEXTS, [0, 3, 4], query("so hoa")) == [3]  # no phrase: 'số hoàn'
    assert best_matches(TEXTS, [0, 2, 4], query("so hoa")) == [0, 4]  # scattered words
    assert best_matches(TEXTS, [4, 5], query("dan cu")) == [5]
    assert best_matches(TEXTS, range(6), query("tranh dau")) == []


def test_the_demo_plan_finds_the_phrase_meant(tmp_path, clock, demo_files):
    """'so hoa' and 'dan cu' in xã Hưng Nguyên's plan: the tasks that hold 'số hóa' and
    'dân cư', where the old search (each word starting some word) found 14 and 9."""
    ws = demo_files.open(tmp_path / "hung_nguyen.db", "hung-nguyen", clock=clock, actor=ACTOR)
    tasks = ws.tasks.list(ws.plans.current().id)
    texts = [searchable(t.code, t.title, t.lead_names, t.coordinator_names) for t in tasks]
    ws.close()
    for typed, words in (("so hoa", "số hóa"), ("dan cu", "dân cư"), ("chuyen do", "chuyển đổi")):
        found = [tasks[i].code for i in best_matches(texts, range(len(tasks)), query(typed))]
        assert found == [t.code for t in tasks if words in t.title.lower()], typed
    assert "nhân dân; cụ thể" in next(t.title for t in tasks if t.code == "3.7.2")
