"""The third-party notices made from the installed distributions: what the app is made of
and nothing else, each with its licence and licence files; Qt's LGPL-3.0 notice; the
bundle's own file read when frozen."""

from __future__ import annotations

import re
import sys
from importlib import metadata

import pytest

from desktop.infra import notices


@pytest.fixture(scope="module")
def text() -> str:
    return notices.notices_text()


def section(text: str, title: str) -> str:
    """One component's part of the notices, from its title to the next."""
    rule = "=" * 78
    start = text.index(f"{rule}\n{title}\n{rule}")
    end = text.find(f"\n{rule}\n", start + 2 * len(rule) + len(title) + 2)
    return text[start : end if end > 0 else None]


def listed(text: str) -> dict[str, str]:
    """The list at the top: each 'name version' with its licence."""
    top = text[text.index("Danh sách\n") : text.index("=" * 78)]
    rows = (re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in top.splitlines()[2:])
    return {row[0]: row[1] for row in rows if len(row) == 2}


def test_qt_is_named_with_the_lgpl_its_texts_and_how_to_replace_it(text):
    qt = metadata.version("PySide6-Essentials")
    assert listed(text)[f"PySide6_Essentials {qt}"].startswith("LGPL-3.0-only")
    assert listed(text)[f"shiboken6 {qt}"].startswith("LGPL-3.0-only")
    notice = text[text.index("Qt và PySide6 (LGPL-3.0)") : text.index("Danh sách\n")]
    assert f"Qt {qt}" in notice and "_internal/PySide6/Qt/lib/" in notice
    assert f"https://download.qt.io/official_releases/qt/{qt.rsplit('.', 1)[0]}/{qt}/" in notice
    gnu = section(text, "GNU LGPL-3.0 và GPL-3.0 (cho Qt, PySide6, Shiboken6)")
    assert "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3" in gnu
    assert "GNU GENERAL PUBLIC LICENSE\n                       Version 3" in gnu


def test_each_distribution_carries_its_licence_and_files(text):
    certifi = section(text, f"certifi {metadata.version('certifi')}")
    assert "Giấy phép: MPL-2.0" in certifi and "Mozilla Public License" in certifi
    yarl = section(text, f"yarl {metadata.version('yarl')}")
    assert "Giấy phép: Apache-2.0" in yarl and "--- NOTICE ---" in yarl
    reportlab = section(text, f"reportlab {metadata.version('reportlab')}")
    assert "Giấy phép: BSD License" in reportlab  # its License field is a sentence
    assert "--- LICENSE ---" in reportlab
    python = section(text, f"Python {sys.version.split()[0]}")
    assert "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2" in python
    font = section(text, "Liberation Serif (phông chữ của văn bản in) 2.1.5")
    assert "Giấy phép: OFL-1.1" in font and "SIL OPEN FONT LICENSE" in font


def test_only_what_the_app_requires_is_listed(text):
    names = {entry.rsplit(" ", 1)[0] for entry in listed(text)}
    # What pyHanko's extras and aiohttp pull in, and defusedxml for openpyxl.
    assert {"uharfbuzz", "python-pkcs11", "oscrypto", "aiohttp", "defusedxml"} <= names
    # Installed here for the tests, not part of the app (nor the app itself).
    assert not names & {"pytest", "pytest-qt", "ruff", "mypy", "import-linter", "so-ke-hoach"}
    # An extra nobody asked for: pyHanko's [requests], fastjsonschema's [devel].
    assert "requests" not in names and "jsonschema" not in names


def test_a_distribution_asked_for_besides_is_listed_alone():
    """As the bundle's PyInstaller: its bootloader is shipped, not what it requires."""
    names = [d.metadata["Name"] for d in notices.distributions(also=("pytest",))]
    assert "pytest" in names and "iniconfig" not in names


def test_the_bundle_shows_its_own_file(tmp_path, monkeypatch):
    (tmp_path / notices.FILE_NAME).write_text("Giấy phép của bản đóng gói", "utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "SoKeHoach"))
    assert notices.bundled_or_made() == "Giấy phép của bản đóng gói"
