"""Import a centre's plan from a spreadsheet (CSV or XLSX, one event a row, a header row first) on the
project's one importer (`kvalifikacija.importing`, django-import-export): Lithuanian and English headers
with and without units and punctuation, a hand mapping remembered for the centre, every ignored column
listed before anything is saved, a preview (import-export's dry run) of the events to be created, and
rows imported before (the same title and first date) skipped.

Every row is checked before anything is written; then all rows are imported in one transaction, or none
when any row has an error. Errors name the spreadsheet row (the header is row 1) and the column as the
file writes it. Each run is recorded (`ImportRun`) so that it can be undone (`import_runs`). Cells are
read by `import_cells`, a row by `import_rows`."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext

from kvalifikacija.importing import Column, ImportFailed, ImportResource, TableImporter

from ..models import Event, ImportColumnMapping, ImportRun
from .events import create_event
from .import_rows import REQUIRED, Known, ParsedRow, parse_event_row

__all__ = ["COLUMNS", "MAPPABLE", "REQUIRED", "ImportFailed", "ParsedRow", "PlanPreview", "import_events",
           "import_plan", "preview_events", "remember_mapping", "remembered_mapping", "template_rows"]

# column key -> accepted header spellings, Lithuanian and English, as centres write them; compared
# after folding case, accents, punctuation and a unit in brackets ("Trukmė (akad. val.)" = "trukme").
COLUMNS = {
    "title": ["title", "event title", "pavadinimas", "renginio pavadinimas", "renginys", "programos pavadinimas"],
    "form": ["form", "forma", "renginio forma"],
    "delivery_mode": ["deliverymode", "delivery mode", "mode", "budas", "būdas", "vykdymo būdas"],
    "dates": ["dates", "date", "datos", "data", "renginio data"],
    "time": ["time", "laikas", "valandos nuo iki", "time range"],
    "start": ["start", "pradzia", "pradžia", "start time"],
    "end": ["end", "pabaiga", "end time"],
    "place": ["place", "vieta", "renginio vieta"],
    "online_link": ["onlinelink", "online link", "link", "nuoroda"],
    "academic_hours": ["academichours", "academic hours", "hours", "valandos", "akademinės valandos", "trukmė",
                       "trukmė akad. val.", "akad. val.", "duration"],
    "seats": ["seats", "vietos", "vietų skaičius", "dalyvių skaičius"],
    "fee": ["fee", "kaina", "kaina, eur", "kaina eur", "mokestis", "dalyvio mokestis", "fee, eur", "price"],
    "registration_deadline": ["registrationdeadline", "registration deadline", "deadline", "registracija iki"],
    "programme_code": ["programmecode", "programme code", "programos kodas", "kodas"],
    "provider": ["provider", "teikėjas", "teikejas"],
    "subjects": ["subjects", "dalykai"],
    "audience": ["audience", "auditorija", "tikslinė grupė", "dalyviai", "participants", "kam skirta"],
    "lecturers": ["lecturers", "lecturer", "lektoriai", "lektorius", "lektorė", "lektorius (-ė)"],
    "outside_working_hours": ["outsideworkinghours", "outside working hours", "po darbo", "ne darbo valandomis"],
    "description": ["description", "aprašymas", "aprasymas"],
}
# What a column can be mapped to by hand on the mapping step ("" = ignore it).
MAPPABLE = list(COLUMNS)


@dataclass
class PlanPreview:
    """What an upload would do: the events to create, rows already imported (skipped), the columns
    that will be ignored, and how each recognised column was read."""

    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    ignored: list = field(default_factory=list)
    mapped: dict = field(default_factory=dict)
    unknown: list = field(default_factory=list)

    @property
    def new_rows(self):
        return [row for row in self.rows if not row.duplicate]

    @property
    def duplicates(self):
        return [row for row in self.rows if row.duplicate]


class EventResource(ImportResource):
    """A row becomes a draft (or published) event through `create_event`, every rule checked; a row
    imported before is skipped. Context: organiser, by, publish."""

    class Meta:
        model = Event
        fields = ("id",)

    def __init__(self, **context):
        super().__init__(**context)
        self.known = None
        self.created = []
        self.current = None

    def before_import(self, dataset, **kwargs):
        self.known = Known.load(self.context["organiser"])

    def get_instance(self, instance_loader, row):
        return None

    def init_instance(self, row=None):
        return Event(organiser=self.context["organiser"])

    def import_instance(self, instance, row, **kwargs):
        self.current = None
        self.current = parse_event_row(dict(row), self.known)
        instance.title = self.current.fields.get("title", "")

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and self.current is not None and self.current.duplicate

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._is_dry_run(kwargs):
            return
        item = self.current
        fields = dict(item.fields)
        if fields.get("programme") and not fields.get("competences"):
            fields["competences"] = fields["programme"].competences
        status = Event.Status.PUBLISHED if self.context.get("publish") else Event.Status.DRAFT
        self.created.append(create_event(
            organiser=self.context["organiser"], sessions=item.sessions, by=self.context.get("by"),
            subjects=item.subjects, status=status, lecturers=item.lecturers, **fields))

    def save_m2m(self, instance, row, **kwargs):
        """The subjects and lecturers are set by `create_event`."""

    def after_import_row(self, row, row_result, **kwargs):
        row_result.kv_details = self.current

    def describe(self, row_result):
        return self.current.fields.get("title", "") if self.current else ""

    def details(self, row_result):
        return getattr(row_result, "kv_details", None)


class PlanImporter(TableImporter):
    """Context: organiser (the centre), by (the acting staff member), publish, filename. The mapping
    defaults to the centre's remembered one."""

    resource_class = EventResource
    title = "Planas"
    unknown_columns = "ignore"
    columns = tuple(Column(key, key, tuple(spellings), key in REQUIRED) for key, spellings in COLUMNS.items())

    def __init__(self, *, organiser, mapping=None, **context):
        super().__init__(mapping=remembered_mapping(organiser) if mapping is None else mapping,
                         organiser=organiser, **context)
        self.run = None
        self.created = []

    def missing_errors(self):
        missing = [key for key in REQUIRED if key not in self.headers]
        if "time" not in self.headers and not ("start" in self.headers and "end" in self.headers):
            missing.append("time")
        if missing:
            return [gettext("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}]
        return []

    def dataset(self, data, filename=""):
        dataset = super().dataset(data, filename)
        if not len(dataset):
            raise ImportFailed([gettext("The file has no event rows.")])
        return dataset

    def store_mapping(self, folded):
        for header, column in folded.items():
            ImportColumnMapping.objects.update_or_create(
                organiser=self.context["organiser"], header=header, defaults={"column": column})

    def after_apply(self, resource, report):
        """Record the run and link its events to it, in the import's transaction."""
        self.run = ImportRun.objects.create(
            organiser=self.context["organiser"], by=self.context.get("by"),
            filename=str(self.context.get("filename") or "")[:255],
            created_count=len(resource.created), skipped_count=report.unchanged)
        Event.objects.filter(pk__in=[event.pk for event in resource.created]).update(import_run=self.run)
        for event in resource.created:
            event.import_run = self.run
        self.created = resource.created


def _plan_preview(report) -> PlanPreview:
    rows = []
    for row in report.rows:
        item = row.details or ParsedRow()
        item.number = row.number
        item.duplicate = row.action == "unchanged"
        rows.append(item)
    return PlanPreview(rows=rows, errors=report.errors, ignored=report.ignored, mapped=report.mapped,
                       unknown=report.unknown)


def remembered_mapping(organiser) -> dict:
    """The centre's hand-made column choices: {folded header: column or ""}."""
    return dict(ImportColumnMapping.objects.filter(organiser=organiser).values_list("header", "column"))


def remember_mapping(*, organiser, choices: dict) -> dict:
    """Keep the centre's choices for its next files ({header as written: column or ""}); an unknown
    column name is refused. Returns the centre's whole mapping."""
    PlanImporter(organiser=organiser).remember_mapping(choices)
    return remembered_mapping(organiser)


def preview_events(*, data: bytes, filename: str, organiser, mapping=None) -> PlanPreview:
    """Read the file without saving anything: the events it would create, the rows already imported
    (skipped), the ignored and recognised columns, and every error."""
    return _plan_preview(PlanImporter(organiser=organiser, mapping=mapping or {}).preview(data, filename))


def import_events(*, data: bytes, filename: str, organiser, by=None, publish=False, mapping=None) -> list[Event]:
    """Import every row as an event of `organiser` (drafts unless `publish`), or nothing at all. A row
    already imported (the same title and first date, not cancelled) is skipped, so a second run of the
    same file adds nothing. The run is recorded (each created event's `import_run`)."""
    return import_plan(data=data, filename=filename, organiser=organiser, by=by, publish=publish,
                       mapping=mapping or {})[0]


def import_plan(*, data: bytes, filename: str, organiser, by=None, publish=False, mapping=None
                ) -> tuple[list[Event], int]:
    """Import with the centre's remembered column choices (or `mapping`); returns (events created, rows
    skipped as already imported)."""
    importer = PlanImporter(organiser=organiser, mapping=mapping, by=by, publish=publish, filename=filename)
    report = importer.apply(data, filename)
    return importer.created, report.unchanged


def template_rows():
    """The template's header and example rows, as a centre's monthly plan is laid out (dates in March
    of next year, so the template itself imports)."""
    year = timezone.localdate().year + 1
    return [
        ["Eil. Nr.", "Data", "Laikas", "Renginio pavadinimas", "Forma", "Dalyviai", "Lektorius", "Vieta",
         "Trukmė (akad. val.)", "Kaina, Eur", "Atsakinga"],
        ["1", f"{year}-03-10", "14.00–17.00", "Įtraukusis ugdymas pradinėse klasėse", "Seminaras",
         "Pradinių klasių mokytojai", "dr. Rūta Žemaitytė", "Švietimo centras, 12 kab.", "4", "15,00",
         "metodininkė Asta Petraitienė"],
        ["2", f"{year}-03-17", "13:00-16:00", "Skaitmeninis raštingumas", "Vebinaras",
         "Mokytojai, direktorių pavaduotojai ugdymui", "Jonas Jonaitis", "Nuotoliniu būdu", "4", "0",
         "metodininkas Tomas Kairys"],
    ]
