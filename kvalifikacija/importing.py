"""One spreadsheet importer for every list the portal takes in (schools, staff, and more), built on
django-import-export.

A `TableImporter` names its columns (a key, the template's header and the Lithuanian and English
spellings it accepts) and an import-export `Resource` that turns one row into database rows. The
importer reads an XLSX or CSV upload (checked by content, with size limits), maps the headers to the
column keys, and then either

- previews: import-export's dry run (`import_data(dry_run=True)`, rolled back), which reports each row
  as created, changed or unchanged, or the errors that refuse it; or
- applies: the same import in one transaction, kept only when no row has an error.

Errors read `row N, column X: message`, N being the spreadsheet's row (the header is row 1) and X the
column's header as written in the file. Files are read by `kvalifikacija.spreadsheets` (its limits) and
the template is written by its formula-safe writer. Headers are compared after folding case, accents, punctuation
and a unit in brackets, so "El. paštas", "el.pastas" and "E-mail" find the same column.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.results import RowResult

from . import spreadsheets
from .exceptions import DomainError


class ImportFailed(DomainError):
    """Nothing was imported; `errors` lists every reason, one line each."""

    default_message = _("Nothing was imported: the file has errors.")

    def __init__(self, errors, message=None):
        self.errors = list(errors)
        super().__init__(message)


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the template's header (translated)
    aliases: tuple = ()
    required: bool = False
    example: tuple = ()


@dataclass
class RowReport:
    number: int
    action: str  # "created", "changed", "unchanged"
    text: str


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self):
        return self.count("created")

    @property
    def changed(self):
        return self.count("changed")

    @property
    def unchanged(self):
        return self.count("unchanged")

    @property
    def ok(self):
        return not self.errors


def normalise_header(text) -> str:
    """Fold case, accents, punctuation, spaces and a unit in brackets: "El. paštas (darbo)" -> "elpastas"."""
    text = re.sub(r"[(\[].*?[)\]]", "", str(text or ""))
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


def row_error(number, column, message) -> str:
    if column:
        return gettext("row %(row)s, column %(column)s: %(message)s") % {
            "row": number, "column": column, "message": message}
    return gettext("row %(row)s: %(message)s") % {"row": number, "message": message}


def read_rows(data: bytes, filename: str = ""):
    """(row numbers, rows) of the first sheet or the CSV, header first, through the project's one safe
    reader (`kvalifikacija.spreadsheets`: size, unpacked size, rows and cell length limits). The type is
    told by content: an XLSX is a zip archive."""
    name = "upload.xlsx" if data[:4] == b"PK\x03\x04" else "upload.csv"
    try:
        table = spreadsheets.read_table(data, name)
    except spreadsheets.TableError as error:
        raise ImportFailed([str(error.message)]) from error
    header_number = (table.numbers[0] - 1) if table.numbers else 1
    rows = [table.headers] if table.headers else []
    rows += [[value.strip() if isinstance(value, str) else ("" if value is None else value) for value in row]
             for row in table.rows]
    return [header_number, *table.numbers], rows


class ImportResource(resources.ModelResource):
    """The base of each importer's resource: the importer's context arrives as keyword arguments, no
    HTML diff is built, and `describe` names a row in the preview."""

    def __init__(self, **context):
        super().__init__()
        self.context = dict(context)
        self.importer = None

    class Meta:
        skip_diff = True
        skip_html_diff = True
        report_skipped = True

    def describe(self, row_result):
        return row_result.object_repr or ""


class TableImporter:
    """Subclass with `columns`, `resource_class` and `title`; `context` goes to the resource's
    `import_data` as keyword arguments (the school, the acting user, ...)."""

    columns: tuple = ()
    resource_class = None
    title = ""
    template_name = "import.xlsx"

    def __init__(self, **context):
        self.context = context
        self.headers = {}  # column key -> the header as written in the file
        self.numbers = []  # spreadsheet row numbers, the header's first

    # --- reading ---------------------------------------------------------------------------------------
    def dataset(self, data: bytes, filename: str = "") -> tablib.Dataset:
        """The upload as a tablib Dataset whose headers are the column keys; unknown and missing columns
        refuse the whole file."""
        self.numbers, rows = read_rows(data, filename)
        if not rows:
            raise ImportFailed([gettext("The file is empty.")])
        lookup = {}
        for column in self.columns:
            for alias in (column.key, str(column.label), *column.aliases):
                lookup[normalise_header(alias)] = column
        keys, errors = [], []
        for position, header in enumerate(rows[0], 1):
            if header in ("", None):
                keys.append(None)
                continue
            column = lookup.get(normalise_header(header))
            if column is None:
                errors.append(gettext("column %(column)s: unknown column “%(header)s”.")
                              % {"column": position, "header": header})
                keys.append(None)
            elif column.key in self.headers:
                errors.append(gettext("column %(column)s: “%(header)s” appears twice.")
                              % {"column": position, "header": header})
                keys.append(None)
            else:
                self.headers[column.key] = str(header)
                keys.append(column.key)
        for column in self.columns:
            if column.required and column.key not in self.headers:
                errors.append(gettext("The column “%(column)s” is missing.") % {"column": column.label})
        if errors:
            raise ImportFailed(errors)
        dataset = tablib.Dataset(headers=[column.key for column in self.columns if column.key in self.headers])
        for row in rows[1:]:
            values = {key: row[index] if index < len(row) else "" for index, key in enumerate(keys) if key}
            dataset.append([values.get(key, "") for key in dataset.headers])
        return dataset

    def label(self, key):
        if key in self.headers:
            return self.headers[key]
        for column in self.columns:
            if column.key == key:
                return str(column.label)
        return ""

    # --- importing -------------------------------------------------------------------------------------
    def _report(self, result, resource) -> ImportReport:
        report = ImportReport()
        for index, row_result in enumerate(result.rows, 1):
            number = self.numbers[index] if index < len(self.numbers) else index + 1
            if row_result.import_type == RowResult.IMPORT_TYPE_INVALID:
                error = row_result.validation_error
                for key, messages in getattr(error, "message_dict", {NON_FIELD_ERRORS: error.messages}).items():
                    column = "" if key == NON_FIELD_ERRORS else self.label(key)
                    report.errors.extend(row_error(number, column, message) for message in messages)
            elif row_result.import_type == RowResult.IMPORT_TYPE_ERROR:
                report.errors.append(row_error(number, "", gettext("the row could not be imported.")))
            else:
                action = {RowResult.IMPORT_TYPE_NEW: "created",
                          RowResult.IMPORT_TYPE_UPDATE: "changed"}.get(row_result.import_type, "unchanged")
                report.rows.append(RowReport(number, action, resource.describe(row_result)))
        for error in result.base_errors:
            report.errors.append(str(getattr(error, "error", error)))
        return report

    def _run(self, dataset, dry_run):
        resource = self.resource_class(**self.context)
        resource.importer = self
        result = resource.import_data(
            dataset, dry_run=dry_run, raise_errors=False, use_transactions=True,
            rollback_on_validation_errors=True,
        )
        return self._report(result, resource), resource

    def preview(self, data: bytes, filename: str = "") -> ImportReport:
        """What the file would do, without keeping anything (import-export's dry run)."""
        try:
            dataset = self.dataset(data, filename)
        except ImportFailed as failure:
            return ImportReport(errors=failure.errors)
        return self._run(dataset, dry_run=True)[0]

    def apply(self, data: bytes, filename: str = "") -> ImportReport:
        """Import every row in one transaction, or nothing: any error raises ImportFailed."""
        dataset = self.dataset(data, filename)
        with transaction.atomic():
            report, resource = self._run(dataset, dry_run=False)
            if report.errors:
                transaction.set_rollback(True)
                raise ImportFailed(report.errors)
            self.after_apply(resource, report)
        return report

    def after_apply(self, resource, report):
        """Inside the import's transaction, after every row is saved (e.g. send invitations)."""

    # --- the template ----------------------------------------------------------------------------------
    def template(self) -> bytes:
        """An XLSX file with the headers and example rows (formula-safe: examples are plain text)."""
        workbook = spreadsheets.new_workbook()
        sheet = workbook.active
        sheet.title = str(self.title)[:31] or "import"
        spreadsheets.append_row(sheet, [str(column.label) for column in self.columns], bold=True)
        examples = max((len(column.example) for column in self.columns), default=0)
        for index in range(examples):
            spreadsheets.append_row(sheet, [column.example[index] if index < len(column.example) else ""
                                            for column in self.columns])
        return spreadsheets.workbook_bytes(workbook)


def clean_text(value, *, max_length=None):
    text = "" if value is None else str(value).strip()
    if max_length and len(text) > max_length:
        raise ValidationError(gettext("at most %(max)s characters.") % {"max": max_length})
    return text


def parse_choice(value, choices, *, aliases=None):
    """A choice by its value, its label (either language) or an alias, compared like headers."""
    text = normalise_header(value)
    if not text:
        return ""
    for key, label in choices:
        if text in (normalise_header(key), normalise_header(label)):
            return key
    for alias, key in (aliases or {}).items():
        if text == normalise_header(alias):
            return key
    raise ValidationError(gettext("“%(value)s” is not one of the choices.") % {"value": value})


def parse_date(value):
    import datetime as dt

    if value in ("", None):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(gettext("not a date (write 2026-09-01)."))


def parse_year(value, *, low=2000, high=2100):
    if value in ("", None):
        return None
    try:
        number = int(float(str(value).strip()))
    except ValueError:
        raise ValidationError(gettext("not a year.")) from None
    if not low <= number <= high:
        raise ValidationError(gettext("a year between %(low)s and %(high)s.") % {"low": low, "high": high})
    return number


def parse_rows(row, parsers):
    """Run `parsers` ({key: callable(value)}) over a row; every column's error is collected, keyed by
    the column, and raised together."""
    values, errors = {}, {}
    for key, parser in parsers.items():
        try:
            values[key] = parser(row.get(key, ""))
        except ValidationError as error:
            errors[key] = error.messages
    if errors:
        raise ValidationError(errors)
    return values
