"""The packages the level above keeps: each file beside the database under its office's
folder, and read back only after its SHA-256 is checked against the one recorded when it
was received (a file changed or lost on disk is said, never read as if it were sound)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from desktop.errors import UserError
from desktop.package import asice
from desktop.package.layout import DATA_JSON
from desktop.services.receiving import Received
from desktop.workspace import Workspace


def store_folder(ws: Workspace) -> Path:
    """Where received packages are kept: a folder beside the database."""
    return ws.path.parent / f"{ws.path.stem}_goi_da_nhan"


def stored_package(ws: Workspace, received: Received) -> bytes:
    """The kept package's bytes, as they were received."""
    path = ws.path.parent / received.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            f"Không đọc được gói đã nhận «{path}»: {exc.strerror or exc}. Hãy khôi phục thư "
            "mục gói đã nhận từ bản sao lưu, hoặc nhận lại gói từ đơn vị."
        ) from exc
    if hashlib.sha256(data).hexdigest() != received.sha256:
        raise UserError(
            f"Gói đã nhận «{path}» đã bị sửa hoặc thay trên đĩa (SHA-256 không còn khớp với "
            "lúc nhận); không dùng số liệu của nó. Hãy nhận lại gói từ đơn vị."
        )
    return data


def stored_data(ws: Workspace, received: Received) -> dict:
    """du_lieu.json of a kept package, after its SHA-256 is checked."""
    return json.loads(asice.open_container(stored_package(ws, received)).files[DATA_JSON])
