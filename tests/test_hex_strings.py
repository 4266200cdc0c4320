"""The fast hex-string reader gives pyHanko's own result, leaves the stream where pyHanko
leaves it, and refuses what pyHanko refuses."""

from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.misc import PdfStreamError

from desktop.package.hex_strings import PYHANKO_READER, read_hex_string_from_stream

CASES = [
    b"<48656c6c6f> rest",
    b"<48 65\n6c\r6c\t6f\x00> rest",
    b"<4865 6c6c 6> rest",  # odd: a last 0 is implied
    b"<> rest",
    b"<ABCDEFabcdef0123>>",
    b"<" + b"30" * 5000 + b"0" * 9000 + b"> /Type /Sig",  # a signature's padded /Contents
    b"<4865 % a comment > with a bracket\n6c6c6f> rest",
    b"<48g5>",  # not hex
    b"<4865",  # no end
    b"<48)65>",
]


@pytest.mark.parametrize("raw", CASES)
def test_the_reader_agrees_with_pyhankos(raw):
    found = []
    for reader in (PYHANKO_READER, read_hex_string_from_stream):
        stream = io.BytesIO(b"xx" + raw)
        stream.seek(2)
        try:
            value = reader(stream)
        except PdfStreamError as exc:
            found.append(("refused", str(exc)))
        else:
            found.append((type(value), bytes(value.original_bytes), stream.tell()))
    assert found[0] == found[1]


def test_checking_a_package_uses_it():
    from pyhanko.pdf_utils import generic

    from desktop.package.verify import Verdict, verify

    assert not verify(b"not a package", [], Verdict("x.asice")).accepted
    assert generic.read_hex_string_from_stream is read_hex_string_from_stream
