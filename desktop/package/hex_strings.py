"""pyHanko reads a PDF hex string one byte at a time, in Python: the signature's
/Contents (about 8,000 hex digits, most of them the zeros of the space reserved for it)
took a third of checking a package. This reads the same string with bytes.find and
binascii, with pyHanko's result and its errors (tests/test_hex_strings.py compares the
two on every kind of input), and is put in pyHanko's place when a package is checked.
pyHanko is pinned (pyproject.toml): look again when it is upgraded."""

from __future__ import annotations

import binascii
import re

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PDF_WHITESPACE, PdfStreamError

_WHITESPACE = re.compile(b"[" + re.escape(PDF_WHITESPACE) + b"]+")
_HEX_DIGITS = b"0123456789abcdefABCDEF"
_BLOCK = 64 * 1024
PYHANKO_READER = generic.read_hex_string_from_stream


def read_hex_string_from_stream(stream):
    """The string whose '<' the stream is at, read up to its '>'; the stream left after it."""
    stream.read(1)
    start, read = stream.tell(), b""
    while (end := read.find(b">")) < 0:
        block = stream.read(_BLOCK)
        if not block:
            raise PdfStreamError("Stream ended prematurely")
        read += block
    if b"%" in read[:end]:  # a comment, which may hold a '>': pyHanko's own way
        stream.seek(start - 1)
        return PYHANKO_READER(stream)
    stream.seek(start + end + 1)
    digits = _WHITESPACE.sub(b"", read[:end])
    if stray := digits.strip(_HEX_DIGITS):
        raise PdfStreamError("Unexpected token in hex string: " + repr(stray[:1]))
    if len(digits) % 2:
        digits += b"0"
    return generic.pdf_string(binascii.unhexlify(digits))


def install() -> None:
    generic.read_hex_string_from_stream = read_hex_string_from_stream
