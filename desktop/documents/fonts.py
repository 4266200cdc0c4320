"""Liberation Serif 2.x (Times New Roman's metrics, every Vietnamese letter) from the
app's own resources, registered once with reportlab and embedded in every PDF.

No system font is looked up at run time: a machine without the font (or with the 1.x
release, which lacks ơ, ư and U+1EA0–U+1EF9) prints the same document as this one.
"""

from __future__ import annotations

from functools import cache

import resources

FAMILY = "LiberationSerif"
FILES = {
    FAMILY: "LiberationSerif-Regular.ttf",
    f"{FAMILY}-Bold": "LiberationSerif-Bold.ttf",
    f"{FAMILY}-Italic": "LiberationSerif-Italic.ttf",
    f"{FAMILY}-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
REGULAR, BOLD, ITALIC, BOLD_ITALIC = FILES


@cache
def register() -> str:
    """Register the four faces as one family (for <b>/<i> in paragraphs); returns it."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resources.path(f"fonts/{filename}"))))
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FAMILY, bold, italic, name)
    return FAMILY


def font_path(name: str):
    """The file of one face (for writers other than reportlab: the signature stamp)."""
    return resources.path(f"fonts/{FILES[name]}")
