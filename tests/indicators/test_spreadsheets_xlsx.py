"""XLSX files are checked before openpyxl opens them, and a bad one is a clear error."""

import io
import os
import struct
import time
import zipfile
from collections.abc import Callable
from datetime import date

import openpyxl
import openpyxl.xml
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from indicators import spreadsheets
from indicators.spreadsheets import SpreadsheetError, read_sheet_bytes

SHEET = "xl/worksheets/sheet1.xml"
CENTRAL_ENTRY = b"PK\x01\x02"


def workbook_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


VALID = workbook_bytes(
    [["国", "件数", "開始日"], ["ベトナム", 3, date(2018, 4, 1)], ["タイ", 4.0, None]]
)


def rewrite(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same archive with one member's content changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(
                info.filename, change(content) if info.filename == name else content
            )
    return out.getvalue()


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return out.getvalue()


def patch_central_entry(
    data: bytes, name: str, offset: int, value: int, size: str
) -> bytes:
    """Overwrite one field of a member's central-directory entry."""
    position = data.index(CENTRAL_ENTRY + b"")
    while data[position + 46 : position + 46 + len(name)] != name.encode():
        position = data.index(CENTRAL_ENTRY, position + 4)
    patched = bytearray(data)
    struct.pack_into(size, patched, position + offset, value)
    return bytes(patched)


def refuse_to_open(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl opened a file the checks should refuse")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_open)


def test_a_workbook_is_read_with_the_row_numbers_of_the_file() -> None:
    sheet = read_sheet_bytes(VALID, "projects.xlsx")

    assert sheet.headers == ["国", "件数", "開始日"]
    assert sheet.rows == [
        (2, ["ベトナム", 3, date(2018, 4, 1)]),
        (3, ["タイ", 4, None]),
    ]


def test_text_that_is_not_a_zip_is_refused_as_xlsx() -> None:
    with pytest.raises(
        SpreadsheetError, match=r"x\.xlsx: XLSX（zip）ファイルとして正しくありません"
    ):
        read_sheet_bytes("国,件数\nベトナム,3\n".encode(), "x.xlsx")


def test_a_zip_of_an_unknown_version_is_refused_not_crashed() -> None:
    # "version needed to extract" 9.9: Python's zipfile raises
    # NotImplementedError, which used to escape the reader.
    data = patch_central_entry(VALID, SHEET, 6, 99, "<H")

    with pytest.raises(
        SpreadsheetError, match="XLSX（zip）ファイルとして正しくありません"
    ):
        read_sheet_bytes(data, "x.xlsx")


def test_an_oversized_file_is_refused_before_it_is_opened(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spreadsheets, "MAX_XLSX_BYTES", len(VALID) - 1)
    refuse_to_open(monkeypatch)

    with pytest.raises(
        SpreadsheetError, match=r"XLSX が [0-9,]+ バイトより大きいファイルです"
    ):
        read_sheet_bytes(VALID, "x.xlsx")


def test_a_zip_bomb_is_refused_by_its_compression_ratio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 20 MB of zeros deflate to about 20 kB: a ratio near 1,000 to 1.
    bomb = with_member(VALID, "xl/media/image1.bin", bytes(20_000_000))
    refuse_to_open(monkeypatch)

    with pytest.raises(
        SpreadsheetError, match="zip 爆弾のおそれがあるため読み込みません"
    ):
        read_sheet_bytes(bomb, "x.xlsx")


def test_a_workbook_that_unpacks_past_the_cap_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Random bytes do not compress, so only the size cap can catch this.
    large = with_member(VALID, "xl/media/image1.bin", os.urandom(200_000))
    monkeypatch.setattr(spreadsheets, "MAX_XLSX_UNCOMPRESSED", 150_000)
    refuse_to_open(monkeypatch)

    with pytest.raises(SpreadsheetError, match="XLSX を展開すると"):
        read_sheet_bytes(large, "x.xlsx")


def test_a_member_that_understates_its_size_cannot_unpack_past_it() -> None:
    # The worksheet really unpacks to 30 MB of XML but its directory entry
    # says 5,000 bytes, so the ratio check passes; reading must stop there.
    padded = rewrite(
        VALID,
        SHEET,
        lambda xml: xml.replace(b"</sheetData>", b" " * 30_000_000 + b"</sheetData>"),
    )
    lying = patch_central_entry(padded, SHEET, 24, 5_000, "<I")
    started = time.monotonic()

    with pytest.raises(SpreadsheetError, match="XLSX のブックとして読めません"):
        read_sheet_bytes(lying, "x.xlsx")
    assert time.monotonic() - started < 10


def test_a_damaged_worksheet_is_a_clear_error_not_a_crash() -> None:
    # openpyxl parses the worksheet only while its rows are read; the
    # parser's ParseError used to escape the reader.
    damaged = rewrite(VALID, SHEET, lambda xml: xml[: len(xml) // 2])

    with pytest.raises(SpreadsheetError, match="XLSX のブックとして読めません"):
        read_sheet_bytes(damaged, "x.xlsx")


def test_xml_entities_are_refused_so_they_cannot_expand() -> None:
    entities = (
        b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    )
    expanding = rewrite(
        VALID,
        SHEET,
        lambda xml: (
            entities + xml.replace(b"<t>\xe3\x82\xbf\xe3\x82\xa4</t>", b"<t>&b;</t>")
        ),
    )

    assert openpyxl.xml.DEFUSEDXML is True
    with pytest.raises(SpreadsheetError, match="XLSX のブックとして読めません"):
        read_sheet_bytes(expanding, "x.xlsx")


def test_a_wrong_dimension_tag_does_not_drop_rows() -> None:
    # Some writers always store <dimension ref="A1"/>; read-only openpyxl
    # then returned only the first cell of the header and no rows at all.
    wrong = rewrite(VALID, SHEET, lambda xml: xml.replace(b'ref="A1:C3"', b'ref="A1"'))

    sheet = read_sheet_bytes(wrong, "x.xlsx")

    assert sheet.headers == ["国", "件数", "開始日"]
    assert [number for number, _ in sheet.rows] == [2, 3]


def test_a_tiny_file_claiming_a_million_rows_is_refused_quickly() -> None:
    # A 5 kB file: a dimension over the whole grid and one cell in its last
    # row. It used to keep the reader busy for minutes.
    far_row = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'
    huge = rewrite(
        VALID,
        SHEET,
        lambda xml: xml.replace(b'ref="A1:C3"', b'ref="A1:XFD1048576"').replace(
            b"</sheetData>", far_row + b"</sheetData>"
        ),
    )
    started = time.monotonic()

    with pytest.raises(SpreadsheetError, match="行が 1,000,000 行を超えています"):
        read_sheet_bytes(huge, "x.xlsx")
    assert time.monotonic() - started < 20


def test_blank_rows_count_toward_the_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    data = workbook_bytes([["国"], ["ベトナム"], [], [], ["タイ"]])

    with pytest.raises(SpreadsheetError, match="行が 3 行を超えています"):
        read_sheet_bytes(data, "x.xlsx")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=8,
    ),
    st.integers(1, len(VALID)),
)
def test_a_damaged_workbook_is_read_or_refused_never_a_crash(
    changes: list[tuple[int, int]], length: int
) -> None:
    damaged = bytearray(VALID)
    for position, byte in changes:
        damaged[position] = byte

    try:
        read_sheet_bytes(bytes(damaged[:length]), "x.xlsx")
    except SpreadsheetError as error:
        assert str(error).startswith("x.xlsx: ")
