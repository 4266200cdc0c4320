"""The packages the level above keeps: each file beside the database under its office's
folder, and read back only after its SHA-256 is checked against the one recorded when it
was received (a file changed or lost on disk is said, never read as if it were sound)."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.errors import UserError
from desktop.infra.untrusted_files import sha256_of
from desktop.package import asice
from desktop.package.layout import DATA_JSON
from desktop.services.receiving import Received
from desktop.workspace import Workspace


def store_folder(ws: Workspace) -> Path:
    """Where received packages are kept: a folder beside the database."""
    return ws.path.parent / f"{ws.path.stem}_goi_da_nhan"


def stored_data(ws: Workspace, received: Received) -> dict:
    """du_lieu.json of a kept package, read only after the file's SHA-256 is checked
    against the one recorded when it was received (a chunk at a time, as it was kept)."""
    path = ws.path.parent / received.file
    try:
        package = path.open("rb")
    except OSError as exc:
        raise UserError(
            f"Không đọc được gói đã nhận «{path}»: {exc.strerror or exc}. Hãy khôi phục thư "
            "mục gói đã nhận từ bản sao lưu, hoặc nhận lại gói từ đơn vị."
        ) from exc
    with package:
        if sha256_of(package) != received.sha256:
            raise UserError(
                f"Gói đã nhận «{path}» đã bị sửa hoặc thay trên đĩa (SHA-256 không còn khớp "
                "với lúc nhận); không dùng số liệu của nó. Hãy nhận lại gói từ đơn vị."
            )
        return json.loads(asice.open_container(package).read(DATA_JSON) or b"{}")
