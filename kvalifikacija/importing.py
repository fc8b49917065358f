"""One spreadsheet importer for every list the portal takes in (schools, staff, a centre's plan of
events), built on django-import-export.

A `TableImporter` names its columns (a key, the template's header and the Lithuanian and English
spellings it accepts) and an import-export `Resource` that turns one row into database rows. The
importer reads an XLSX or CSV upload (checked by content, with size limits), maps the headers to the
column keys, and then either

- previews: import-export's dry run (`import_data(dry_run=True)`, rolled back), which reports each row
  as created, changed or unchanged, or the errors that refuse it; or
- applies: the same import in one transaction, kept only when no row has an error.

Headers are recognised after folding case, accents, punctuation and a unit in brackets, so
"El. paštas", "el.pastas" and "E-mail" find the same column. A hand-made `mapping` ({folded header:
column key, or "" to ignore it}) is applied first; an importer keeps it for next time through
`store_mapping` (e.g. per centre). An unknown header refuses the file, or, with
`unknown_columns = "ignore"`, is left out and listed in the report's `ignored` before anything is saved.

Errors read `row N, column X: message`, N being the spreadsheet's row (the header is row 1) and X the
column's header as written in the file. Files are read by `kvalifikacija.spreadsheets` (its limits) and
the template is written by its formula-safe writer. Cell parsers live in `kvalifikacija.import_cells`.
"""

from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.results import RowResult

from . import spreadsheets
from .exceptions import DomainError
from .import_cells import normalise_header, row_error


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
    details: object = None  # what the resource read from the row, for a richer preview


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    ignored: list = field(default_factory=list)  # headers as written that will not be read
    mapped: dict = field(default_factory=dict)  # column key -> the header as written
    unknown: list = field(default_factory=list)  # headers neither recognised nor mapped by hand

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

    def details(self, row_result):
        """What the preview shows of a row beyond its name (None: nothing)."""
        return None


class TableImporter:
    """Subclass with `columns`, `resource_class` and `title`; `context` goes to the resource's
    `import_data` as keyword arguments (the school, the acting user, ...). `mapping` is the hand-made
    header mapping ({folded header: column key or ""})."""

    columns: tuple = ()
    resource_class = None
    title = ""
    template_name = "import.xlsx"
    unknown_columns = "refuse"  # or "ignore": list unknown headers in the report and leave them out

    def __init__(self, *, mapping=None, **context):
        self.context = context
        self.mapping = dict(mapping or {})
        self.headers = {}  # column key -> the header as written in the file
        self.ignored = []  # headers as written that will not be read
        self.unknown = []  # headers neither recognised nor mapped by hand
        self.numbers = []  # spreadsheet row numbers, the header's first

    # --- the columns -----------------------------------------------------------------------------------
    def header_lookup(self) -> dict:
        """{folded spelling: column key} of every column's key, template header and aliases."""
        lookup = {}
        for column in self.columns:
            for alias in (column.key, str(column.label), *column.aliases):
                lookup[normalise_header(alias)] = column.key
        return lookup

    def map_headers(self, header) -> tuple[list, list]:
        """Recognise each header: the hand-made mapping first, then the columns' spellings. Returns (the
        column key of each position or None, errors); fills `headers`, `ignored` and `unknown`."""
        lookup, keys, errors = self.header_lookup(), [], []
        known = {column.key for column in self.columns}
        self.headers, self.ignored, self.unknown = {}, [], []
        for position, name in enumerate(header, 1):
            if name in ("", None):
                keys.append(None)
                continue
            folded = normalise_header(name)
            key = self.mapping[folded] if folded in self.mapping else lookup.get(folded)
            key = key if key in known else None
            if key is None and folded not in self.mapping:
                self.unknown.append(str(name))
                if self.unknown_columns != "ignore":
                    errors.append(gettext("column %(column)s: unknown column “%(header)s”.")
                                  % {"column": position, "header": name})
            elif key in self.headers and self.unknown_columns != "ignore":
                errors.append(gettext("column %(column)s: “%(header)s” appears twice.")
                              % {"column": position, "header": name})
            if key is None or key in self.headers:
                self.ignored.append(str(name))
                keys.append(None)
                continue
            self.headers[key] = str(name)
            keys.append(key)
        return keys, errors

    def missing_errors(self) -> list:
        """An error for each required column the file lacks."""
        return [gettext("The column “%(column)s” is missing.") % {"column": column.label}
                for column in self.columns if column.required and column.key not in self.headers]

    def remember_mapping(self, choices: dict) -> dict:
        """Keep hand-made choices ({header as written: column key, or "" to ignore it}) through
        `store_mapping`, and use them from now on; an unknown column key is refused."""
        known = {column.key for column in self.columns}
        folded = {}
        for header, key in choices.items():
            if key and key not in known:
                raise ImportFailed([gettext("Unknown column “%(value)s”.") % {"value": key}])
            folded[normalise_header(header)[:200]] = key or ""
        self.store_mapping(folded)
        self.mapping.update(folded)
        return self.mapping

    def store_mapping(self, folded: dict):
        """Keep {folded header: column key or ""} for the next files (an importer with a memory)."""

    # --- reading ---------------------------------------------------------------------------------------
    def dataset(self, data: bytes, filename: str = "") -> tablib.Dataset:
        """The upload as a tablib Dataset whose headers are the column keys; missing columns (and unknown
        ones, unless they are ignored) refuse the whole file."""
        self.numbers, rows = read_rows(data, filename)
        if not rows:
            raise ImportFailed([gettext("The file is empty.")])
        keys, errors = self.map_headers(rows[0])
        errors += self.missing_errors()
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
        return str(key or "")

    # --- importing -------------------------------------------------------------------------------------
    def _new_report(self, errors=()) -> ImportReport:
        return ImportReport(errors=list(errors), ignored=list(self.ignored), mapped=dict(self.headers),
                            unknown=list(self.unknown))

    def _report(self, result, resource) -> ImportReport:
        report = self._new_report()
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
                report.rows.append(RowReport(number, action, resource.describe(row_result),
                                             resource.details(row_result)))
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
            return self._new_report(failure.errors)
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
