"""The third-party notices: every distribution the app is made of (followed from its own
requirements), with its version, licence and the licence and NOTICE files it ships, Qt's
LGPL-3.0 notice (how to replace the Qt libraries), Python's licence and the font's. The
bundle carries the text made at build time (THIRD_PARTY_NOTICES.txt beside its executable,
written by the spec); run from source, the same function makes it from the virtualenv."""

from __future__ import annotations

import platform
import re
import sys
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import resources
from desktop import __version__

APP = "so-ke-hoach"
FILE_NAME = "THIRD_PARTY_NOTICES.txt"
QT = "pyside6-essentials"
# A distribution's licence files: what core metadata 2.4 puts in .dist-info/licenses/, and
# the older habit of LICENSE, COPYING, NOTICE or AUTHORS files beside METADATA.
_LICENCE_NAME = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?[^;]*(?:;(.*))?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    home: str
    texts: tuple[tuple[str, str], ...]  # (file name, its text)


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _followed(requirement: str, extras: set[str]) -> tuple[str, set[str]] | None:
    """The distribution a requirement names and the extras it asks of it, or None for one
    that only an extra not asked for needs. Other markers are not evaluated: a requirement
    for another platform is followed only if its distribution is installed."""
    found = _REQUIREMENT.match(requirement)
    if found is None:
        return None
    name, asked, marker = found.groups()
    named = {_key(extra) for extra in _EXTRA.findall(marker or "")}
    if named and not named & extras:
        return None
    return _key(name), {_key(extra) for extra in (asked or "").split(",") if extra.strip()}


def distributions(also: tuple[str, ...] = ()) -> list[metadata.Distribution]:
    """The installed distributions the app requires, directly or not, with the extras asked
    for, and `also`, alone: the bundle's PyInstaller, whose bootloader is its executables
    (what PyInstaller itself requires stays on the build machine)."""
    found: dict[str, tuple[metadata.Distribution, set[str]]] = {}
    wanted: list[tuple[str, set[str]]] = [(APP, set())]
    while wanted:
        name, extras = wanted.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = _key(dist.metadata["Name"])
        before = found.get(key, (dist, set()))[1]
        if key in found and extras <= before:
            continue
        found[key] = (dist, before | extras)
        for requirement in dist.requires or []:
            if followed := _followed(requirement, before | extras):
                wanted.append(followed)
    found.pop(APP, None)
    found |= {_key(name): (metadata.distribution(name), set()) for name in also}
    return sorted((dist for dist, _ in found.values()), key=lambda d: _key(d.metadata["Name"]))


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    return (meta.get_all(name) or [""])[0]


def licence(dist: metadata.Distribution) -> str:
    """The licence as the distribution states it: its SPDX expression, else a short
    License field, else its licence classifiers."""
    meta = dist.metadata
    if expression := _field(meta, "License-Expression"):
        return expression
    text = _field(meta, "License").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    named = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
             if c.startswith("License ::")]  # fmt: skip
    return " / ".join(named) or "xem tệp giấy phép"


def licence_files(dist: metadata.Distribution) -> tuple[tuple[str, str], ...]:
    """The licence and NOTICE files in the distribution's .dist-info, by name."""
    files = []
    for file in dist.files or []:
        parts = file.parts
        if not parts[0].endswith(".dist-info") or len(parts) < 2:
            continue
        if parts[1] == "licenses" or (len(parts) == 2 and _LICENCE_NAME.match(parts[1])):
            files.append(("/".join(parts[1:]).removeprefix("licenses/"), file))
    return tuple(
        (name, Path(file.locate()).read_text("utf-8", errors="replace"))
        for name, file in sorted(files, key=lambda pair: pair[0])
    )


def component(dist: metadata.Distribution) -> Component:
    meta = dist.metadata
    urls = [url.split(",", 1)[-1].strip() for url in meta.get_all("Project-URL") or []]
    home = _field(meta, "Home-page") or next(iter(urls), "")
    return Component(meta["Name"], dist.version, licence(dist), home, licence_files(dist))


def python_component() -> Component:
    """The Python the app runs on (the bundle carries its library): its LICENSE.txt where
    the installation keeps one (python.org's, pyenv's; not Debian's python3)."""
    places = (Path(sysconfig.get_path("stdlib")), Path(sys.base_prefix))
    texts = tuple(
        ("LICENSE.txt", place.joinpath("LICENSE.txt").read_text("utf-8"))
        for place in places
        if place.joinpath("LICENSE.txt").is_file()
    )[:1]
    return Component("Python", platform.python_version(), "PSF-2.0",
                     "https://docs.python.org/3/license.html", texts)  # fmt: skip


def font_component() -> Component:
    ofl = resources.path("fonts/LICENSE-OFL.txt").read_text("utf-8")
    return Component("Liberation Serif (phông chữ của văn bản in)", "2.1.5", "OFL-1.1",
                     "https://github.com/liberationfonts", (("LICENSE-OFL.txt", ofl),))  # fmt: skip


def qt_notice(qt: metadata.Distribution) -> str:
    """Qt's LGPL-3.0 notice: what is used, where the libraries are, how to replace them and
    where their source is."""
    version = qt.version
    series = ".".join(version.split(".")[:2])
    return f"""\
Giao diện của Sổ Kế hoạch dùng thư viện Qt {version} (The Qt Company Ltd. và các cộng tác
viên) qua PySide6 và Shiboken6 {version} (Qt for Python), theo Giấy phép Công cộng Hạng
nhẹ GNU phiên bản 3 (LGPL-3.0-only); toàn văn LGPL-3.0 và GPL-3.0 (mà LGPL-3.0 bổ sung)
ở cuối tệp này. Các thư viện Qt không bị sửa đổi và được nạp động lúc chạy, nên có thể
thay bằng bản khác: trong thư mục của chương trình, thư viện Qt là các tệp libQt6*.so.6
trong _internal/PySide6/Qt/lib/ (Linux; các tệp cùng tên trong _internal/ là liên kết
tới đó) hoặc Qt6*.dll trong _internal\\PySide6\\ (Windows). Thay chúng bằng bản Qt
{series} tự dựng (cùng phiên bản chính và phụ, tương thích nhị phân) rồi mở lại chương
trình. Mã nguồn đúng các phiên bản này: Qt {version} ở
https://download.qt.io/official_releases/qt/{series}/{version}/ và PySide6, Shiboken6
{version} ở https://download.qt.io/official_releases/QtForPython/ (hoặc
https://code.qt.io/cgit/pyside/pyside-setup.git, thẻ v{version})."""


def _section(part: Component) -> list[str]:
    rule = "=" * 78
    lines = ["", rule, f"{part.name} {part.version}".strip(), rule, f"Giấy phép: {part.licence}"]
    lines += [f"Trang chủ: {part.home}"] if part.home else []
    for name, text in part.texts:
        lines += ["", f"--- {name} ---", text.rstrip()]
    return lines


def notices_text(also: tuple[str, ...] = ()) -> str:
    """The notices for everything the app is made of, from the installed distributions."""
    found = distributions(also)
    qt = next(dist for dist in found if _key(dist.metadata["Name"]) == QT)
    parts = [python_component(), *map(component, found), font_component()]
    gnu = tuple(
        (name, resources.path(f"licences/{name}").read_text("utf-8"))
        for name in ("LGPL-3.0.txt", "GPL-3.0.txt")
    )
    width = max(len(f"{part.name} {part.version}") for part in parts)
    lines = [
        f"Sổ Kế hoạch {__version__}: giấy phép phần mềm nguồn mở",
        "",
        "Sổ Kế hoạch được làm từ các phần mềm nguồn mở dưới đây; mỗi phần giữ giấy phép",
        "của nó. Toàn văn giấy phép và tệp NOTICE của từng phần ở sau danh sách.",
        "",
        "Qt và PySide6 (LGPL-3.0)",
        "-" * 24,
        qt_notice(qt),
        "",
        "Danh sách",
        "-" * 9,
        *(f"  {f'{part.name} {part.version}':<{width}}  {part.licence}" for part in parts),
    ]
    for part in parts:
        lines += _section(part)
    lines += _section(Component("GNU LGPL-3.0 và GPL-3.0 (cho Qt, PySide6, Shiboken6)", "",
                                "LGPL-3.0-only", "https://www.gnu.org/licenses/", gnu))  # fmt: skip
    return "\n".join(lines) + "\n"


def bundled_or_made() -> str:
    """The notices shown in Giới thiệu: the bundle's own file, else made now from the
    virtualenv the app runs in."""
    if getattr(sys, "frozen", False):
        return (Path(sys.executable).parent / FILE_NAME).read_text("utf-8")
    return notices_text()
