"""Writing finished files (documents, packages, certificates): whole or not at all.

The bytes go to a temporary file beside the destination, are flushed to the disk, then
renamed over it: a full USB stick, a folder one may not write to or a killed process
leaves the old file (or none), never half a PDF. Files that belong together (each unit's
annexes) are written into a temporary folder and swapped in as a set. Temporaries are
named as ours and hidden on Windows; what a killed process leaves is removed at the next
start (leftovers.py). Problems are said in Vietnamese.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from desktop.errors import UserError
from desktop.infra import leftovers
from desktop.infra.problems import explain

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_UMASK = os.umask(0)
os.umask(_UMASK)
_MODE = 0o666 & ~_UMASK  # as any saved file, not mkstemp's 0600


def sync_folder(folder: Path) -> None:
    """The renames themselves survive a power cut (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _temporary(path: Path) -> tuple[int, Path]:
    """A new temporary beside `path`, open for writing: ours, listed, hidden."""
    temporary = leftovers.reserve(path, ".tmp")
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
    except OSError:
        leftovers.finished(temporary)
        raise
    return handle, leftovers.started(temporary)


def _into_place(temporary: Path, path: Path) -> None:
    leftovers.unhide(temporary)  # or Windows keeps the attribute
    os.replace(temporary, path)


def _flushed(file: BinaryIO, content: bytes) -> None:
    file.write(content)
    file.flush()
    os.fsync(file.fileno())


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
                handle, temporary = _temporary(path)
                staged.append((temporary, path))
                with os.fdopen(handle, "wb") as file:
                    _flushed(file, content)
                os.chmod(temporary, _MODE)
            except OSError as exc:
                reason = explain(exc, folder)
                raise UserError(
                    f"Không lưu được «{path}»: {reason}. Không có tệp nào bị ghi dở."
                ) from exc
        for temporary, path in staged:
            _into_place(temporary, path)
        for folder in {path.parent for _, path in staged}:
            sync_folder(folder)
    finally:
        for temporary, _ in staged:
            leftovers.discard(temporary)
    return [path for path, _ in files]


def write_set(folder: Path, files: Iterable[tuple[str, bytes]]) -> list[Path]:
    """Files that belong together (each unit's annexes), named in `folder`: all new, or
    all as they were, wherever a failure, a kill or a pulled stick stops it. They are
    written whole into a temporary folder inside `folder` (`files` may be made as they
    are asked for), then swapped in: the old file of each name put aside, the new one
    moved in; the old ones are dropped only once every new one is in. On a failure the
    old ones go back at once; after a kill, at the next start (leftovers.sweep). The
    other files in `folder` are not touched."""
    made = leftovers.reserve(folder / folder.name, ".tmp")  # a folder inside `folder`
    try:
        made.mkdir(mode=0o700)
    except OSError as exc:
        leftovers.finished(made)
        raise UserError(f"Không lưu được vào «{folder}»: {explain(exc, folder)}.") from exc
    staging, aside = leftovers.started(made), made / leftovers.ASIDE
    written: list[Path] = []
    try:
        for name, content in files:
            with open(staging / name, "wb") as file:
                _flushed(file, content)
            written.append(folder / name)
        names = list(dict.fromkeys(path.name for path in written))
        with open(staging / leftovers.SET_LIST, "wb") as file:
            _flushed(file, json.dumps(names).encode())
        aside.mkdir()
        for name in names:
            with suppress(FileNotFoundError):
                os.replace(folder / name, aside / name)
            os.replace(staging / name, folder / name)
        os.replace(staging / leftovers.SET_LIST, staging / leftovers.SET_DONE)
        sync_folder(folder)
    except OSError as exc:
        raise UserError(
            f"Không lưu được các tệp vào «{folder}»: {explain(exc, folder)}. "
            "Các tệp cũ được giữ nguyên, không có tệp nào bị ghi dở."
        ) from exc
    finally:
        leftovers.discard(staging)  # the old ones put back, unless the new set is whole
    return written


def copy_checked(path: Path, source: BinaryIO, sha256: str) -> bool:
    """Copy an open file to `path` as write_file does (a temporary, flushed, renamed),
    a chunk at a time, and only if what was read has the SHA-256 (hex) expected: False,
    and nothing written, when it differs (the file changed since it was checked)."""
    folder = path.parent
    handle, temporary = _temporary(path)
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
        os.chmod(temporary, _MODE)
        _into_place(temporary, path)
        sync_folder(folder)
        return True
    except OSError as exc:
        raise UserError(
            f"Không lưu được «{path}»: {explain(exc, folder)}. Không có tệp nào bị ghi dở."
        ) from exc
    finally:
        leftovers.discard(temporary)


def stage(path: Path, content: bytes) -> Path:
    """The first half of write_file: `content` whole and flushed in a temporary beside
    `path`, not yet in place (put_in_place does that). For a file that must be recorded
    before it takes its name (a signed package): the temporary is no longer listed for
    removal at the next start, as the record speaks for it from then on (`handed_over`)."""
    if not path.parent.is_dir():
        raise UserError(f"Không có thư mục «{path.parent}» để lưu «{path.name}».")
    try:
        handle, temporary = _temporary(path)
    except OSError as exc:
        raise UserError(f"Không lưu được «{path}»: {explain(exc, path.parent)}.") from exc
    try:
        with os.fdopen(handle, "wb") as file:
            _flushed(file, content)
    except OSError as exc:
        leftovers.discard(temporary)
        raise UserError(
            f"Không lưu được «{path}»: {explain(exc, path.parent)}. Không có tệp nào bị ghi dở."
        ) from exc
    return temporary


def handed_over(temporary: Path) -> None:
    """A staged temporary its record now answers for: not removed at the next start."""
    leftovers.finished(temporary)


def put_in_place(temporary: Path, path: Path) -> None:
    """The second half: the staged temporary renamed to `path`, the rename flushed."""
    _into_place(temporary, path)
    sync_folder(path.parent)
