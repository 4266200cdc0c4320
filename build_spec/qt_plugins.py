"""The Qt plugins the bundle leaves out, kept out of PyInstaller's analysis itself by the
QtGui hook in build_spec/hooks: a plugin dropped there is never followed, so what it links
(the GTK theme links GTK 3, cairo, pango, ATK and the X libraries they need, whenever GTK
is installed on the build machine) never enters the bundle, whatever the build machine has.
The spec checks that none of them came back."""

from __future__ import annotations

ALL = frozenset({"*"})
# By plugin folder, the plugins' names without "lib" and the suffix (Linux: libqvnc.so,
# Windows: qvnc.dll). Embedded-device platforms (EGLFS, framebuffer, VNC, Vulkan display,
# minimal) and their input plugins; the GTK theme (GTK itself is not bundled); image
# formats never loaded: icons are SVG (and ICO), help screenshots PNG (built into QtGui),
# PDF pages come from PDFium as raw pixels, and no widget shows a user's image.
UNUSED = {
    "egldeviceintegrations": ALL,
    "generic": ALL,
    "platforms": frozenset({"qeglfs", "qlinuxfb", "qminimal", "qminimalegl", "qvkkhrdisplay",
                            "qvnc"}),
    "platformthemes": frozenset({"qgtk3"}),
    "imageformats": frozenset({"qgif", "qicns", "qjpeg", "qtga", "qtiff", "qwbmp", "qwebp"}),
}  # fmt: skip


def unused(path: str) -> bool:
    """Whether `path` (a plugin's file, source or place in the bundle) is one left out."""
    *_, kind, folder, name = ("//" + path.replace("\\", "/")).split("/")
    names = UNUSED.get(folder, frozenset()) if kind == "plugins" else frozenset()
    return names is ALL or name.removeprefix("lib").split(".")[0] in names
