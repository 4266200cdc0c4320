"""An office's name typed with its prefix (issue 25, point 3, part): stored bare, so the
documents, which add the committee and the level word, print it once."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "typed", ["UBND xã Hưng Đạo", "Ủy ban nhân dân xã Hưng Đạo", "xã Hưng Đạo", "Hưng Đạo"]
)
def test_an_office_typed_with_its_prefix_is_stored_bare(ws, typed):
    """'UBND xã Hưng Đạo' printed 'XÃ UBND XÃ HƯNG ĐẠO' and 'Ủy ban nhân dân UBND tỉnh Nghệ
    An': the documents add the committee and the level word themselves."""
    office = ws.office.save(typed, "xa", parent_name="UBND tỉnh Nghệ An")
    assert office.name == "Hưng Đạo" and office.committee == "UBND xã Hưng Đạo"
    assert office.parent_name == "tỉnh Nghệ An"


def test_another_levels_word_is_kept_as_part_of_the_name(ws):
    """Phường Xã Đàn (Hà Nội) is named with a level word: only the chosen level's comes off."""
    assert ws.office.save("Xã Đàn", "phuong").committee == "UBND phường Xã Đàn"
    assert ws.office.save("UBND phường Xã Đàn", "phuong").name == "Xã Đàn"
