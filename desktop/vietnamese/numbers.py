"""Vietnamese number and money formatting: 1.234,5 and integer đồng."""

from __future__ import annotations

import re

from desktop.errors import InvalidInput

DONG_PER_TRIEU = 1_000_000


def format_number(value: float, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (dot groups thousands, comma marks decimals)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_dong(amount: int) -> str:
    return format_number(amount)


def format_trieu(amount: int) -> str:
    """Money in triệu đồng as plans print it: 3.850 or 12,5 (up to 3 decimals)."""
    text = format_number(amount / DONG_PER_TRIEU, 3)
    return text.rstrip("0").rstrip(",")


_DONG_TEXT = re.compile(r"^-?\d{1,3}(\.\d{3})*$|^-?\d+$")


def parse_dong(text: str) -> int:
    """'42.000.000' or '42000000' -> 42000000; anything fractional is refused."""
    value = (text or "").strip().replace(" ", "")
    if not _DONG_TEXT.match(value):
        raise InvalidInput(f"Số tiền «{text}» không hợp lệ: nhập số đồng nguyên, ví dụ 42.000.000.")
    return int(value.replace(".", ""))


def trieu_to_dong(trieu: float | int) -> int:
    exact = trieu * DONG_PER_TRIEU
    dong = round(exact)
    if abs(dong - exact) > 0.01:
        raise InvalidInput(f"Số tiền {trieu} triệu đồng không quy đổi được thành đồng.")
    return dong
