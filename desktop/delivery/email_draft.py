"""An email draft carrying the package: a .eml with 'X-Unsent: 1', which Outlook and
Thunderbird open as a message to send; the clerk's own mail client sends it (the app
never holds a mail password)."""

from __future__ import annotations

import hashlib
import re
from email import policy
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from desktop.errors import InvalidInput

ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
MEDIA_TYPE = ("application", "vnd.etsi.asic-e+zip")


def draft(
    package: Path, to: str, *, committee: str, report: str, sequence: int, when
) -> tuple[bytes, str]:
    """(the .eml bytes, SHA-256 of the attached package)."""
    addresses = [a.strip() for a in re.split(r"[;,]", to) if a.strip()]
    wrong = [a for a in addresses if not ADDRESS.match(a)]
    if not addresses or wrong:
        raise InvalidInput(f"Địa chỉ thư không hợp lệ: «{', '.join(wrong) or to}».")
    content = Path(package).read_bytes()
    again = f" (lần {sequence})" if sequence > 1 else ""
    # Long header lines unfolded: Python's folding of encoded words drops the space
    # between two of them ('báo cáonăm').
    message = EmailMessage(policy=policy.default.clone(max_line_length=998))
    message["To"] = ", ".join(addresses)
    message["Subject"] = f"{committee} gửi {report}{again}"
    message["Date"] = formatdate(when.timestamp(), localtime=False)
    message["X-Unsent"] = "1"
    message.set_content(
        f"Kính gửi Quý cơ quan,\n\n{committee} gửi {report}{again} dưới dạng gói đã ký số "
        f"(tệp đính kèm {Path(package).name}).\n"
        f"Mã kiểm tra SHA-256 của gói: {hashlib.sha256(content).hexdigest()}\n\n"
        "Gói gồm báo cáo PDF đã ký, phụ lục Excel và dữ liệu; có thể kiểm tra bằng phần "
        "mềm Sổ Kế hoạch (lệnh verify).\n\nTrân trọng.\n"
    )
    message.add_attachment(
        content, maintype=MEDIA_TYPE[0], subtype=MEDIA_TYPE[1], filename=Path(package).name
    )
    return bytes(message), hashlib.sha256(content).hexdigest()
