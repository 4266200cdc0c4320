"""Writing a finished document to its file: whole or not at all.

The bytes go to a temporary file beside the destination, are flushed to the disk, then
renamed over it: a full USB stick, a folder one may not write to or a killed process
leaves the old file (or none), never half a PDF. Problems are said in Vietnamese.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop.errors import UserError
from desktop.problems import explain

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_file(path: Path, content: bytes) -> Path:
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"Không có thư mục «{folder}» để lưu «{path.name}».")
    temporary = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        temporary = Path(name)
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_UMASK)  # as any saved file, not mkstemp's 0600
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        reason = explain(exc, folder)
        raise UserError(f"Không lưu được «{path}»: {reason}. Không có tệp nào bị ghi dở.") from exc
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    return path
