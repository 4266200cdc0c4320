"""A table cell's figure as every document prints it, the Vietnamese way: 1.234,5.

One function for the PDF and the .docx, so the two never print a figure differently
(the workbook keeps numbers and gives Excel the matching number formats instead).
"""

from __future__ import annotations

from desktop.documents.model import Kind
from desktop.vietnamese.numbers import format_number


def figure_text(value, kind: Kind) -> str:
    """12 (INTEGER) -> '12'; 1234.5 (MONEY, up to 3 decimals) -> '1.234,5'; 0.85
    (PERCENT, a share) -> '85,0%'. Text is printed as it is, nothing as ''."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if kind is Kind.PERCENT:
        return f"{format_number(100 * value, 1)}%"
    if kind is Kind.INTEGER:
        return format_number(value)
    text = format_number(value, 3)
    return text.rstrip("0").rstrip(",") if "," in text else text
