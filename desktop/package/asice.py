"""The ASiC-E container (ETSI EN 319 162-1) written and read by hand: a zip whose first
entry is the stored 'mimetype', the payload files, an ASiCManifest listing each with
its SHA-256, and a CAdES signature over that manifest.

Reading is for untrusted files (a package from a USB stick, or crafted): names are
checked before anything is unpacked, sizes and packing ratios are bounded, and the
manifest is parsed with no DTD, no entities and no network.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, BinaryIO

from lxml import etree

MIMETYPE = "application/vnd.etsi.asic-e+zip"
MANIFEST = "META-INF/ASiCManifest.xml"
SIGNATURE = "META-INF/signature001.p7s"
ASIC_NS = "http://uri.etsi.org/02918/v1.2.1#"
DS_NS = "http://www.w3.org/2000/09/xmldsig#"
SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256"
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".json": "application/json",
}
MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # unpacked
MAX_RATIO = 200  # unpacked over packed, per entry
# A fixed time for every entry: the package's bytes depend only on its content.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


class ContainerError(Exception):
    """The file is not a sound ASiC-E container; the message says why, in Vietnamese."""


def _media_type(name: str) -> str:
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return MEDIA_TYPES.get(suffix, "application/octet-stream")


def manifest(files: list[tuple[str, bytes]]) -> bytes:
    """The ASiCManifest naming the signature and every payload file with its digest."""
    asic = f"{{{ASIC_NS}}}"
    ds = f"{{{DS_NS}}}"
    root = etree.Element(f"{asic}ASiCManifest", nsmap={"asic": ASIC_NS, "ds": DS_NS})
    etree.SubElement(
        root, f"{asic}SigReference", URI=SIGNATURE, MimeType="application/pkcs7-signature"
    )
    for name, content in files:
        reference = etree.SubElement(
            root, f"{asic}DataObjectReference", URI=name, MimeType=_media_type(name)
        )
        etree.SubElement(reference, f"{ds}DigestMethod", Algorithm=SHA256_URI)
        digest = etree.SubElement(reference, f"{ds}DigestValue")
        digest.text = base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, _ZIP_TIME)
    entry.external_attr = 0o644 << 16  # unpacked readable by all, as any document
    return entry


def container(files: list[tuple[str, bytes]], manifest_xml: bytes, signature: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        first = _entry("mimetype")
        first.compress_type = zipfile.ZIP_STORED  # readable at a fixed offset
        archive.writestr(first, MIMETYPE)
        for name, content in [*files, (MANIFEST, manifest_xml), (SIGNATURE, signature)]:
            entry = _entry(name)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, content)
    return buffer.getvalue()


@dataclass(frozen=True)
class Opened:
    """An archive checked for its names, sizes and entry kinds; its contents are read
    one entry at a time, never all at once (a package may hold 200 MB of evidence)."""

    archive: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]  # every file entry by name (directories left out)
    first: str  # the first entry's name
    first_stored: bool

    def read(self, name: str) -> bytes | None:
        """The entry's content, as big as it says it is; None when there is none."""
        entry = self.entries.get(name)
        if entry is None:
            return None
        with self._stream(entry) as stream:
            content = stream.read(entry.file_size + 1)
        if len(content) != entry.file_size:
            raise ContainerError(f"«{name}» có kích thước khác khai báo")
        return content

    def digest(self, name: str) -> str:
        """The entry's SHA-256 (base64, as the manifest writes it), read a chunk at a time."""
        entry = self.entries[name]
        hashed, size = hashlib.sha256(), 0
        with self._stream(entry) as stream:
            while chunk := stream.read(1024 * 1024):
                size += len(chunk)
                if size > entry.file_size:
                    break
                hashed.update(chunk)
        if size != entry.file_size:
            raise ContainerError(f"«{name}» có kích thước khác khai báo")
        return base64.b64encode(hashed.digest()).decode("ascii")

    @contextmanager
    def _stream(self, entry: zipfile.ZipInfo) -> Iterator[IO[bytes]]:
        try:
            with self.archive.open(entry) as stream:
                yield stream
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError,
                NotImplementedError, zlib.error) as exc:  # fmt: skip
            # zipfile's own words are English ("Bad CRC-32 for file …"): said here instead.
            raise ContainerError(
                f"không đọc được «{entry.filename}» trong gói: dữ liệu nén hỏng hoặc đã bị sửa"
            ) from exc


def _name_problem(name: str) -> str | None:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return f"tên tuyệt đối «{name}»"
    if "\\" in name or any(part in ("..", ".") for part in name.split("/")):
        return f"tên có «..» hoặc «\\» «{name}»"
    if not name:
        return "tên rỗng"
    return None


def _entry_problem(entry: zipfile.ZipInfo) -> str | None:
    """What ETSI EN 319 162-1 and a safe reader do not allow in one entry."""
    name = entry.filename
    if entry.flag_bits & 0x1:
        return f"«{name}» được mã hóa"
    if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"«{name}» dùng cách nén không hỗ trợ (chỉ nhận không nén hoặc deflate)"
    if entry.is_dir() and (entry.file_size or entry.compress_size):
        return f"thư mục «{name}» có dữ liệu"
    if name.startswith("META-INF/") and name not in (MANIFEST, SIGNATURE) and not entry.is_dir():
        return f"tệp «{name}» không được phép trong META-INF/"
    return None


def _check_end(file: BinaryIO) -> None:
    """Nothing after the zip's end record: a reader skips what follows, so a file could
    carry there what no check has seen."""
    file.seek(0, io.SEEK_END)
    size = file.tell()
    span = min(size, 22 + 65535)  # the end record, with the longest comment it can have
    file.seek(size - span)
    tail = file.read(span)
    file.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at >= 0 and at + 22 <= len(tail):
        comment = int.from_bytes(tail[at + 20 : at + 22], "little")
        if at + 22 + comment != len(tail):
            raise ContainerError("gói có dữ liệu lạ sau phần zip")


def open_container(source: bytes | BinaryIO) -> Opened:
    """The entries of a package (its bytes, or an open file), after checking its names,
    sizes and entry kinds (ContainerError); contents are read by Opened.read/digest."""
    file: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source
    file.seek(0)
    start = file.read(4)
    file.seek(0)
    if start != b"PK\x03\x04":
        # A zip reader skips anything before the archive; the standard has 'mimetype'
        # at byte 0, so a file that starts otherwise is not a package (and may be a page).
        raise ContainerError(
            "tệp không phải gói .asice: gói phải bắt đầu bằng tệp «mimetype» ngay từ byte "
            "đầu tiên (có dữ liệu lạ trước phần zip, hoặc không phải zip)"
        )
    _check_end(file)
    try:
        archive = zipfile.ZipFile(file)
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ContainerError("tệp không phải gói .asice đọc được (zip hỏng hoặc bị cắt)") from exc
    if not entries:
        raise ContainerError("gói rỗng")
    if len(entries) > MAX_ENTRIES:
        raise ContainerError(f"gói có quá nhiều tệp ({len(entries)})")
    names = [e.filename for e in entries]
    duplicates = sorted(n for n, times in Counter(names).items() if times > 1)
    if duplicates:
        raise ContainerError(f"tên tệp bị lặp trong gói: {', '.join(duplicates)}")
    for name in names:
        if problem := _name_problem(name):
            raise ContainerError(f"gói có {problem}")
    if entries[0].header_offset != 0:
        raise ContainerError("gói có dữ liệu lạ trước tệp đầu tiên (byte đầu tiên)")
    for entry in entries:
        if problem := _entry_problem(entry):
            raise ContainerError(f"gói có {problem}")
    total = sum(e.file_size for e in entries)
    if total > MAX_TOTAL_BYTES:
        raise ContainerError(f"gói giải nén ra {total:,} byte, quá giới hạn {MAX_TOTAL_BYTES:,}")
    for entry in entries:
        if entry.compress_size and entry.file_size / entry.compress_size > MAX_RATIO:
            raise ContainerError(f"«{entry.filename}» nén bất thường (nghi zip bomb)")
    files = {entry.filename: entry for entry in entries if not entry.is_dir()}
    return Opened(
        archive, files, entries[0].filename, entries[0].compress_type == zipfile.ZIP_STORED
    )


def read_manifest(xml: bytes) -> dict[str, str]:
    """{file name: base64 SHA-256} from the manifest; refuses DTDs and entities."""
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise ContainerError("bản kê (ASiCManifest) có DOCTYPE hoặc ENTITY: không chấp nhận")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ContainerError(f"bản kê (ASiCManifest) không đọc được: {exc}") from exc
    if root.tag != f"{{{ASIC_NS}}}ASiCManifest":
        raise ContainerError("bản kê không phải ASiCManifest")
    listed = {}
    for reference in root.iter(f"{{{ASIC_NS}}}DataObjectReference"):
        name = reference.get("URI", "")
        method = reference.find(f"{{{DS_NS}}}DigestMethod")
        value = reference.find(f"{{{DS_NS}}}DigestValue")
        if method is None or method.get("Algorithm") != SHA256_URI or value is None:
            raise ContainerError(f"bản kê ghi «{name}» không kèm SHA-256")
        if name in listed:
            raise ContainerError(f"bản kê ghi «{name}» hai lần")
        listed[name] = (value.text or "").strip()
    return listed


def digest(content: bytes) -> str:
    return base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")
