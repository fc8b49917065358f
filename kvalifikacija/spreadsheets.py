"""The one way spreadsheets are written and read.

Writing (every XLSX export): `new_workbook()` and `workbook_bytes()`. Before saving, every cell whose value
is text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is stored as a plain string cell with
Excel's "quote prefix" (shown unchanged, never evaluated, not turned into a formula when edited), so no
name, title or answer that a person typed can become a live formula. `csv_bytes()` does the same for CSV
by prefixing such cells with an apostrophe.

Reading (every CSV/XLSX import): `read_table()` refuses a file before parsing it when it is too large, when
an XLSX would expand to more than `IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES` or holds too many parts, and while
reading when it has more than `IMPORT_MAX_ROWS` rows or a cell longer than `IMPORT_MAX_CELL_CHARS`
characters. It returns the header row and the data rows with their spreadsheet row numbers."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from .exceptions import DomainError

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)
MAX_COLUMNS = 200
MAX_XLSX_PARTS = 2000


# --- writing -------------------------------------------------------------------------------------------------

def is_formula_like(value) -> bool:
    """Text a spreadsheet program could take for a formula (or a DDE payload)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def new_workbook() -> Workbook:
    return Workbook()


def append_row(sheet, values, *, bold=False):
    """Append one row; lazy translations become text; bold on request. Neutralised when saved."""
    sheet.append([str(v) if v is not None and not isinstance(v, (str, int, float, bool)) and not hasattr(
        v, "as_tuple") and not hasattr(v, "isoformat") else v for v in values])
    if bold:
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD


def neutralise(workbook) -> int:
    """Make every formula-like text cell a quoted text cell; returns how many were changed."""
    changed = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if is_formula_like(cell.value) or cell.data_type == "f":
                    cell.value = str(cell.value)
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    changed += 1
    return changed


def workbook_bytes(workbook) -> bytes:
    """The workbook as XLSX bytes, with no cell of user text that a spreadsheet program would evaluate."""
    neutralise(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_cell(value):
    """A CSV cell that a spreadsheet program will not evaluate (an apostrophe before formula-like text)."""
    if is_formula_like(value):
        return "'" + value
    return value


def csv_bytes(rows, *, delimiter=";") -> bytes:
    """UTF-8 with a byte-order mark (spreadsheet programs then read Lithuanian letters right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow([csv_cell(str(v) if v is not None and not isinstance(v, (str, int, float)) else v)
                         for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- reading -------------------------------------------------------------------------------------------------

class TableError(DomainError):
    default_message = _("The file cannot be read.")


@dataclass
class Table:
    """The first non-empty row as headers (text), then the data rows and their row numbers in the file."""

    headers: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    numbers: list = field(default_factory=list)

    def numbered(self):
        return zip(self.numbers, self.rows, strict=True)


def _limits(max_rows, max_cell_chars, max_bytes, max_uncompressed):
    return (
        max_rows or settings.IMPORT_MAX_ROWS,
        max_cell_chars or settings.IMPORT_MAX_CELL_CHARS,
        max_bytes or settings.MAX_UPLOAD_BYTES,
        max_uncompressed or settings.IMPORT_MAX_XLSX_UNCOMPRESSED_BYTES,
    )


def _check_xlsx_size(data, max_uncompressed):
    """Refuse a zip bomb from its directory, before anything is decompressed (the declared sizes bound
    what zipfile will ever inflate: a part that inflates past its declared size fails its check)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableError(gettext("The XLSX file cannot be read.")) from exc
    if len(parts) > MAX_XLSX_PARTS:
        raise TableError(gettext("The XLSX file cannot be read."))
    if sum(part.file_size for part in parts) > max_uncompressed:
        raise TableError(gettext("The XLSX file is too large when unpacked (at most %(mb)s MB).")
                         % {"mb": max_uncompressed // (1024 * 1024)})


def _cell_too_long(number, max_cell_chars):
    return TableError(gettext("Row %(row)s has a cell longer than %(limit)s characters.")
                      % {"row": number, "limit": max_cell_chars})


def _too_many_rows(max_rows):
    return TableError(gettext("The file has more than %(limit)s rows.") % {"limit": max_rows})


def _xlsx_rows(data, *, max_rows, max_cell_chars, max_uncompressed):
    _check_xlsx_size(data, max_uncompressed)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any broken workbook is the same problem for the user
        raise TableError(gettext("The XLSX file cannot be read.")) from exc
    try:
        if not workbook.worksheets:
            raise TableError(gettext("The XLSX file has no sheet."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # never trust the declared size of the sheet
        rows = []
        try:
            for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
                if number > max_rows * 2 + 100:
                    raise _too_many_rows(max_rows)
                values = list(row)
                for value in values:
                    if isinstance(value, str) and len(value) > max_cell_chars:
                        raise _cell_too_long(number, max_cell_chars)
                rows.append((number, values))
        except TableError:
            raise
        except Exception as exc:  # noqa: BLE001 - malformed sheet XML
            raise TableError(gettext("The XLSX file cannot be read.")) from exc
    finally:
        workbook.close()
    return rows


def _csv_rows(data, *, max_rows, max_cell_chars):
    for encoding in ("utf-8-sig", "cp1257"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(gettext("The CSV file is not UTF-8 text."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    number = 0
    try:
        for row in reader:
            number = reader.line_num
            if len(rows) > max_rows * 2 + 100:
                raise _too_many_rows(max_rows)
            for value in row:
                if len(value) > max_cell_chars:
                    raise _cell_too_long(number, max_cell_chars)
            rows.append((number, row[:MAX_COLUMNS]))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _cell_too_long(reader.line_num, max_cell_chars) from exc
        raise TableError(gettext("The CSV file cannot be read (line %(line)s).") % {"line": reader.line_num}) from exc
    return rows


def _blank(cell):
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_table(data: bytes, filename: str, *, max_rows=None, max_cell_chars=None, max_bytes=None,
               max_uncompressed=None) -> Table:
    """Read the first sheet of an XLSX (by the `.xlsx` name) or a CSV (UTF-8 or Windows-1257, `;` or `,`).

    Rules: the file is at most `max_bytes`; an XLSX expands to at most `max_uncompressed` bytes, checked from
    its zip directory before parsing; no cell is longer than `max_cell_chars` characters; at most `max_rows`
    data rows. Empty rows are skipped; the first non-empty row is the header. Raises TableError (translated)."""
    max_rows, max_cell_chars, max_bytes, max_uncompressed = _limits(max_rows, max_cell_chars, max_bytes,
                                                                    max_uncompressed)
    if len(data) > max_bytes:
        raise TableError(gettext("The file is too large."))
    if filename.lower().endswith(".xlsx"):
        raw = _xlsx_rows(data, max_rows=max_rows, max_cell_chars=max_cell_chars, max_uncompressed=max_uncompressed)
    else:
        raw = _csv_rows(data, max_rows=max_rows, max_cell_chars=max_cell_chars)
    table = Table()
    header_seen = False
    for number, values in raw:
        if all(_blank(cell) for cell in values):
            continue
        while values and _blank(values[-1]):
            values.pop()
        if not header_seen:
            header_seen = True
            table.headers = [str(cell).strip() if cell is not None else "" for cell in values]
            continue
        if len(table.rows) >= max_rows:
            raise _too_many_rows(max_rows)
        table.rows.append(values)
        table.numbers.append(number)
    return table
