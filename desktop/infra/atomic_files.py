"""Writing finished files (documents, packages, certificates): whole or not at all.

The bytes go to a temporary file beside the destination, are flushed to the disk, then
renamed over it: a full USB stick, a folder one may not write to or a killed process
leaves the old file (or none), never half a PDF. Problems are said in Vietnamese.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from desktop.errors import UserError
from desktop.infra.problems import explain

_UMASK = os.umask(0)
os.umask(_UMASK)


def _sync_folder(folder: Path) -> None:
    """The renames themselves survive a power cut (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_file(path: Path, content: bytes) -> Path:
    return write_files([(Path(path), content)])[0]


def write_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Every file whole, or none of them changed: all are written to temporaries and
    flushed first, and only then renamed into place (a full stick stops before any)."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files:
            folder = path.parent
            if not folder.is_dir():
                raise UserError(f"Không có thư mục «{folder}» để lưu «{path.name}».")
            try:
                handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
                staged.append((Path(name), path))
                with os.fdopen(handle, "wb") as file:
                    file.write(content)
                    file.flush()
                    os.fsync(file.fileno())
                os.chmod(name, 0o666 & ~_UMASK)  # as any saved file, not mkstemp's 0600
            except OSError as exc:
                reason = explain(exc, folder)
                raise UserError(
                    f"Không lưu được «{path}»: {reason}. Không có tệp nào bị ghi dở."
                ) from exc
        for temporary, path in staged:
            os.replace(temporary, path)
        for folder in {path.parent for _, path in staged}:
            _sync_folder(folder)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return [path for path, _ in files]


def copy_checked(path: Path, source: BinaryIO, sha256: str) -> bool:
    """Copy an open file to `path` as write_file does (a temporary, flushed, renamed),
    a chunk at a time, and only if what was read has the SHA-256 (hex) expected: False,
    and nothing written, when it differs (the file changed since it was checked)."""
    folder = path.parent
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        digest = hashlib.sha256()
        source.seek(0)
        with os.fdopen(handle, "wb") as file:
            while chunk := source.read(1024 * 1024):
                digest.update(chunk)
                file.write(chunk)
            file.flush()
            os.fsync(file.fileno())
        if digest.hexdigest() != sha256:
            return False
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
        _sync_folder(folder)
        return True
    except OSError as exc:
        raise UserError(
            f"Không lưu được «{path}»: {explain(exc, folder)}. Không có tệp nào bị ghi dở."
        ) from exc
    finally:
        temporary.unlink(missing_ok=True)
