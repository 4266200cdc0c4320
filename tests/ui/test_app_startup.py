"""Starting the shell: the database a first start creates, and reopening it."""

from __future__ import annotations

from desktop import __version__
from desktop.demo import plan_79
from ui.app import open_workspace
from ui.main_window import about_text


def test_first_start_creates_the_database_with_the_demo_plan(tmp_path):
    path = tmp_path / "moi" / "so_ke_hoach.db"
    path.parent.mkdir()
    assert not path.exists()
    ws, fresh = open_workspace(path)
    try:
        assert fresh is True
        assert path.is_file()
        plans = ws.plans.list()
        assert [p.number for p in plans] == [plan_79.PLAN["number"]]
        assert len(ws.tasks.list(plans[0].id)) == 45
        assert len(ws.indicators.list(plans[0].id)) == 54  # Phụ lục 1 (25) and Phụ lục 2 (29)
    finally:
        ws.close()


def test_reopening_keeps_the_single_demo_plan(tmp_path):
    path = tmp_path / "so_ke_hoach.db"
    ws, fresh = open_workspace(path)
    ws.close()
    assert fresh is True
    ws, fresh = open_workspace(path)
    try:
        assert fresh is False
        assert [p.number for p in ws.plans.list()] == [plan_79.PLAN["number"]]
        assert len(ws.tasks.list(ws.plans.current().id)) == 45
    finally:
        ws.close()


def test_existing_database_without_plan_is_left_empty(tmp_path, ws, db_path):
    # `ws` created the file (schema only): opening it again must not add the demo.
    assert db_path.exists()
    again, fresh = open_workspace(db_path)
    try:
        assert fresh is False
        assert again.plans.list() == []
    finally:
        again.close()


def test_menus_and_about_box_text(window, demo_ws):
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Tệp", "Trợ &giúp"]
    text = about_text(demo_ws)
    assert f"Sổ Kế hoạch {__version__}" in text
    assert "UBND phường Trần Liêu" in text and str(demo_ws.path) in text
    assert f"Số thay đổi đã ghi nhật ký: {demo_ws.audit.count()}" in text
