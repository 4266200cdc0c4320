"""A workbook from outside is read through defusedxml (openpyxl uses it when installed): an
entity declared in a sheet's XML, the start of an entity-expansion bomb or of a read of a
local file, is refused instead of expanded into the cells."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from defusedxml import EntitiesForbidden
from openpyxl import Workbook

from desktop.errors import InvalidInput
from desktop.importing.sources import read_grids

DOCTYPE = b'<!DOCTYPE worksheet [<!ENTITY secret "chu bi mat">]>'


def with_entity(tmp_path):
    """A one-cell workbook whose sheet declares an entity and shows it in A1."""
    book = Workbook()
    book.active["A1"] = "PLACEHOLDER"
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    crafted = tmp_path / "phu_luc.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(crafted, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":  # A1 is an inline string
                data = DOCTYPE + data.replace(b"PLACEHOLDER", b"&secret;")
            target.writestr(entry, data)
    return crafted


def test_openpyxl_reads_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_without_it_the_entity_would_be_expanded(tmp_path):
    """What defusedxml stops: openpyxl told not to use it reads the entity's text."""
    read = "import sys; from openpyxl import load_workbook; "
    read += "print(load_workbook(sys.argv[1], read_only=True).active['A1'].value)"
    env = {**os.environ, "OPENPYXL_DEFUSEDXML": "False"}
    run = [sys.executable, "-c", read, str(with_entity(tmp_path))]
    done = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "chu bi mat"


def test_an_entity_in_a_sheet_is_refused_not_expanded(tmp_path):
    with pytest.raises(InvalidInput) as refused:
        read_grids(with_entity(tmp_path))
    assert "Không đọc được tệp «phu_luc.xlsx»" in str(refused.value)
    wrapped = refused.value.__cause__  # openpyxl's "Unable to read workbook"
    assert isinstance(wrapped.__cause__, EntitiesForbidden)
