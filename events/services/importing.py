"""Import a yearly plan from a spreadsheet (CSV or XLSX, one event a row, a header row first).

Every row is checked before anything is written; then all rows are imported in one transaction, or none
when any row has an error. Errors name the spreadsheet row (the header is row 1) and the column."""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.importing import normalise_header
from kvalifikacija.spreadsheets import Table, TableError, read_table
from kvalifikacija.text import single_line
from people.models import Membership, Organisation, Role, Subject

from ..models import DeliveryMode, Event, Form, ImportColumnMapping, Programme
from .events import create_event, validate_event

# column name -> accepted header spellings, Lithuanian and English, as centres write them; compared
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
REQUIRED = ["title", "form", "dates", "academic_hours"]
# What a column can be mapped to by hand on the mapping step ("" = ignore it).
MAPPABLE = list(COLUMNS)
TIME_RANGE = re.compile(r"^\s*(\d{1,2}[.:]\d{2})\s*[-–—]\s*(\d{1,2}[.:]\d{2})\s*$")
TRUE_WORDS = {"1", "taip", "yes", "true", "t", "y", "x"}
FALSE_WORDS = {"", "0", "ne", "no", "false", "f", "n"}


class ImportFailed(DomainError):
    default_message = _("Nothing was imported: the file has errors.")

    def __init__(self, errors, message=None):
        self.errors = errors
        super().__init__(message)


@dataclass
class ParsedRow:
    number: int
    fields: dict = field(default_factory=dict)
    sessions: list = field(default_factory=list)
    subjects: list = field(default_factory=list)
    lecturers: list = field(default_factory=list)
    duplicate: bool = False


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


def map_headers(header, *, mapping=None):
    """Recognise each header: a hand-made mapping first ({folded header: column, or "" to ignore}, the
    centre's remembered choices and the ones just made), then the known Lithuanian and English spellings.
    Returns ({column: position}, [ignored headers], {column: header}, [unrecognised headers])."""
    mapping = mapping or {}
    lookup = {normalise_header(alias): column for column, spellings in COLUMNS.items() for alias in (column, *spellings)}
    index, ignored, mapped, unknown = {}, [], {}, []
    for position, name in enumerate(header):
        if name in (None, ""):
            continue
        folded = normalise_header(name)
        column = mapping[folded] if folded in mapping else lookup.get(folded)
        if folded not in mapping and column is None:
            unknown.append(str(name))
        if not column or column in index:
            ignored.append(str(name))
            continue
        index[column] = position
        mapped[column] = str(name)
    return index, ignored, mapped, unknown


# Words in a "Dalyviai" / audience cell -> roles and school levels (compared folded, by their stem).
AUDIENCE_ROLES = {"mokytoj": Role.TEACHER, "pedagog": Role.TEACHER, "teacher": Role.TEACHER,
                  "direktori": Role.DIRECTOR, "vadov": Role.DIRECTOR, "director": Role.DIRECTOR, "head": Role.DIRECTOR,
                  "pavaduotoj": Role.DEPUTY, "deput": Role.DEPUTY}
AUDIENCE_LEVELS = [("ikimokykl", "preschool"), ("priesmokykl", "preschool"), ("preschool", "preschool"),
                   ("pradin", "primary"), ("primary", "primary"), ("progimnazij", "basic"), ("pagrindin", "basic"),
                   ("basic", "basic"), ("gimnazij", "secondary"), ("vidurin", "secondary"), ("secondary", "secondary"),
                   ("profesin", "vocational"), ("vocational", "vocational"), ("neformal", "nonformal"),
                   ("nonformal", "nonformal")]


def audience_of(text):
    """Roles and school levels named in an audience cell ("Pradinių klasių mokytojai, direktorių
    pavaduotojai" -> teachers and deputies, primary)."""
    roles, levels = [], []
    # "direktorių pavaduotojai" are deputies, not directors
    text = re.sub(r"(direktori\w*|director'?s?)\s+(pavaduotoj|deput)", r"\2", str(text), flags=re.IGNORECASE)
    for word in re.split(r"[\s,;/]+", text):
        folded = normalise_header(word)
        for stem, role in AUDIENCE_ROLES.items():
            if folded.startswith(stem) and role not in roles:
                roles.append(str(role.value))
        for stem, level in AUDIENCE_LEVELS:
            if folded.startswith(stem) and level not in levels and not (stem == "gimnazij" and "progimnazij" in folded):
                levels.append(level)
                break
    return roles, levels


def _known_lecturers(organiser):
    people = (Membership.objects.active()
              .filter(Q(role=Role.LECTURER) | Q(organisation=organiser, role=Role.CENTRE_STAFF), user__is_active=True)
              .select_related("user"))
    return {normalise_header(m.user.get_full_name()): m.user for m in people}


def _norm(text):
    return "".join(str(text or "").strip().lower().replace("_", "").replace("-", "").split())


def _choice(value, choices):
    wanted = _norm(value)
    for code, label in choices:
        if wanted in (_norm(code), _norm(label)):
            return code
    lt = {"seminaras": Form.SEMINAR, "kursai": Form.COURSE, "konferencija": Form.CONFERENCE,
          "paskaita": Form.LECTURE, "praktinisseminaras": Form.WORKSHOP, "dirbtuvės": Form.WORKSHOP,
          "edukacinėišvyka": Form.TRIP, "išvyka": Form.TRIP, "stažuotė": Form.INTERNSHIP,
          "ilgalaikėprograma": Form.LONG_PROGRAMME, "apskritasisstalas": Form.ROUND_TABLE,
          "gerosiospatirtiessklaida": Form.GOOD_PRACTICE, "paroda": Form.EXHIBITION,
          "mišrus": DeliveryMode.BLENDED, "kontaktinis": DeliveryMode.IN_PERSON, "nuotolinis": DeliveryMode.REMOTE}
    code = lt.get(wanted)
    return code if code in dict(choices) else None


def _date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%Y.%m.%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _time(value):
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    text = str(value).strip().replace(".", ":")
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    raise ValueError(text)


def _int(value):
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise ValueError(text)
    return int(text)


FREE_WORDS = {"nemokamas", "nemokama", "nemokamai", "free", "-", "–"}


def _decimal(value):
    """Money as centres write it: "15,00", "15.00", "15 €", "1 234,50"; "nemokamas" or "-" is free."""
    if value in (None, "") or str(value).strip().lower() in FREE_WORDS:
        return Decimal("0")
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    value = str(value).replace("\u00a0", "").replace(" ", "").replace("Eur", "").replace("EUR", "")
    try:
        return Decimal(str(value).strip().replace(",", ".").replace("€", "").strip()).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def parse_rows(table: Table, *, organiser, mapping=None, preview=None):
    """Check every row; returns (parsed rows, errors as 'row N, column X: message', N the file's row).
    `preview` (a PlanPreview) receives the ignored and recognised columns."""
    errors = []
    preview = preview if preview is not None else PlanPreview()
    if not table.headers:
        return [], [gettext("The file is empty.")]
    header = table.headers
    index, preview.ignored, preview.mapped, preview.unknown = map_headers(header, mapping=mapping)
    missing = [c for c in REQUIRED if c not in index]
    if "time" not in index and not ("start" in index and "end" in index):
        missing.append("time")
    if missing:
        return [], [gettext("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}]
    if not table.rows:
        return [], [gettext("The file has no event rows.")]
    lecturers_known = _known_lecturers(organiser)
    existing = set(
        Event.objects.filter(organiser=organiser).exclude(status=Event.Status.CANCELLED)
        .values_list("title", "starts_on")
    )
    existing = {(normalise_header(title), starts_on) for title, starts_on in existing}
    seen = set()

    subjects = {_norm(s.name): s for s in Subject.objects.all()}
    providers = {_norm(o.name): o for o in Organisation.objects.filter(
        kind__in=[Organisation.Kind.PROVIDER, Organisation.Kind.CENTRE])}
    providers.update({_norm(o.short_name): o for o in providers.copy().values() if o.short_name})
    programmes = {p.registry_code.strip().lower(): p for p in Programme.objects.filter(owner=organiser)
                  if p.registry_code}
    url_ok = URLValidator()
    parsed = []

    def index_name(column):
        """The column as the file names it ("Kaina, Eur"), or our name when the file has none."""
        return preview.mapped.get(column, column)

    for number, row in table.numbered():
        def cell(column, row=row):
            position = index.get(column)
            if position is None or position >= len(row):
                return None
            value = row[position]
            return value.strip() if isinstance(value, str) else value

        def error(column, message, number=number):
            errors.append(gettext("row %(row)s, column %(column)s: %(message)s")
                          % {"row": number, "column": index_name(column), "message": message})

        item = ParsedRow(number=number)
        f = item.fields
        for column in REQUIRED:
            if cell(column) in (None, ""):
                error(column, gettext("This value is required."))
        title = cell("title")
        if title:
            if len(str(title)) > 300:
                error("title", gettext("The title is too long (at most 300 characters)."))
            f["title"] = single_line(str(title))
        if cell("form") not in (None, ""):
            code = _choice(cell("form"), Form.choices)
            if code is None:
                error("form", gettext("Unknown form “%(value)s”.") % {"value": cell("form")})
            f["form"] = code
        mode = cell("delivery_mode")
        f["delivery_mode"] = DeliveryMode.IN_PERSON
        if mode not in (None, ""):
            code = _choice(mode, DeliveryMode.choices)
            if code is None:
                error("delivery_mode", gettext("Unknown delivery mode “%(value)s”.") % {"value": mode})
            f["delivery_mode"] = code
        dates = []
        if cell("dates") not in (None, ""):
            raw = cell("dates")
            for part in ([raw] if isinstance(raw, (dt.date, dt.datetime)) else str(raw).replace(",", ";").split(";")):
                if str(part).strip() == "":
                    continue
                try:
                    dates.append(_date(part))
                except ValueError:
                    error("dates", gettext("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": part})
        start = end = None
        if cell("time") not in (None, ""):
            match = TIME_RANGE.match(str(cell("time")))
            if match is None:
                error(index_name("time"), gettext("“%(value)s” is not a time range (write 14.00–17.00).")
                      % {"value": cell("time")})
            else:
                start, end = _time(match.group(1)), _time(match.group(2))
        elif "time" in index:
            error(index_name("time"), gettext("This value is required."))
        for column in ("start", "end"):
            if cell(column) not in (None, ""):
                try:
                    value = _time(cell(column))
                except ValueError:
                    error(column, gettext("“%(value)s” is not a time (use HH:MM).") % {"value": cell(column)})
                else:
                    start, end = (value, end) if column == "start" else (start, value)
        for column, key, parse, default in (
            ("academic_hours", "academic_hours", _int, None), ("seats", "seats", _int, 0), ("fee", "fee", _decimal, None),
        ):
            value = cell(column)
            if value in (None, ""):
                if default is not None:
                    f[key] = default
                continue
            try:
                f[key] = parse(value)
            except ValueError:
                error(column, gettext("“%(value)s” is not a number.") % {"value": value})
        if cell("registration_deadline") not in (None, ""):
            try:
                f["registration_deadline"] = _date(cell("registration_deadline"))
            except ValueError:
                error("registration_deadline", gettext("“%(value)s” is not a date (use YYYY-MM-DD).")
                      % {"value": cell("registration_deadline")})
        audience = cell("audience")
        if audience not in (None, ""):
            f["audience_roles"], f["audience_levels"] = audience_of(audience)
        names = cell("lecturers")
        if names not in (None, ""):
            unknown_names = []
            for name in re.split(r"[,;]", str(names)):
                if not name.strip():
                    continue
                person = lecturers_known.get(normalise_header(name))
                if person is not None:
                    item.lecturers.append(person)
                else:
                    unknown_names.append(single_line(name.strip()))
            f["lecturer_names"] = ", ".join(unknown_names)
        for column, key, limit in (("place", "place", 300), ("audience", "audience_note", 300),
                                   ("description", "description", 100000)):
            value = cell(column)
            if value not in (None, ""):
                if len(str(value)) > limit:
                    error(column, gettext("The text is too long (at most %(limit)s characters).") % {"limit": limit})
                f[key] = str(value) if key == "description" else single_line(str(value))
        link = cell("online_link")
        if link not in (None, ""):
            try:
                url_ok(str(link))
                f["online_link"] = str(link)
            except ValidationError:
                error("online_link", gettext("“%(value)s” is not a web address.") % {"value": link})
        flag = cell("outside_working_hours")
        if flag not in (None, ""):
            word = _norm(flag)
            if word in TRUE_WORDS:
                f["outside_working_hours"] = True
            elif word not in FALSE_WORDS:
                error("outside_working_hours", gettext("Write “taip” or “ne”."))
        code = cell("programme_code")
        if code not in (None, ""):
            programme = programmes.get(str(code).strip().lower())
            if programme is None:
                error("programme_code", gettext("No programme of the centre has the code “%(value)s”.") % {"value": code})
            f["programme"] = programme
        provider = cell("provider")
        if provider not in (None, ""):
            found = providers.get(_norm(provider))
            if found is None:
                error("provider", gettext("Unknown provider “%(value)s”.") % {"value": provider})
            f["provider"] = found
        names = cell("subjects")
        if names not in (None, ""):
            for name in str(names).split(";"):
                if not name.strip():
                    continue
                subject = subjects.get(_norm(name))
                if subject is None:
                    error("subjects", gettext("Unknown subject “%(value)s”.") % {"value": name.strip()})
                else:
                    item.subjects.append(subject)
        item.sessions = [{"date": d, "start_time": start, "end_time": end} for d in dates]
        if dates and f.get("title"):
            key = (normalise_header(f["title"]), min(dates))
            item.duplicate = key in existing or key in seen
            seen.add(key)
        if dates and start and end:
            rules = validate_event(
                academic_hours=f.get("academic_hours"), seats=f.get("seats"), fee=f.get("fee"),
                registration_deadline=f.get("registration_deadline"), sessions=item.sessions,
            )
            if min(dates) < timezone.localdate():
                rules.setdefault("dates", []).append(
                    _("The first session is in the past; enter an event that has already started with the form."))
            column_of = {"sessions": "end", "academic_hours": "academic_hours", "seats": "seats", "fee": "fee",
                         "registration_deadline": "registration_deadline"}
            for key, messages in rules.items():
                for message in messages:
                    error(column_of.get(key, key), str(message))
        parsed.append(item)
    return parsed, errors


def remembered_mapping(organiser) -> dict:
    """The centre's hand-made column choices: {folded header: column or ""}."""
    return dict(ImportColumnMapping.objects.filter(organiser=organiser).values_list("header", "column"))


def remember_mapping(*, organiser, choices: dict) -> dict:
    """Keep the centre's choices for its next files ({header as written: column or ""}); an unknown
    column name is refused. Returns the centre's whole mapping."""
    for header, column in choices.items():
        if column and column not in COLUMNS:
            raise ImportFailed([gettext("Unknown column “%(value)s”.") % {"value": column}])
        ImportColumnMapping.objects.update_or_create(
            organiser=organiser, header=normalise_header(header)[:200], defaults={"column": column or ""})
    return remembered_mapping(organiser)


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


def preview_events(*, data: bytes, filename: str, organiser, mapping=None) -> PlanPreview:
    """Read the file without saving anything: the events it would create, the rows already imported
    (skipped), the ignored and recognised columns, and every error."""
    preview = PlanPreview()
    try:
        table = read_table(data, filename)
    except TableError as exc:
        preview.errors = [exc.message]
        return preview
    preview.rows, preview.errors = parse_rows(table, organiser=organiser, mapping=mapping, preview=preview)
    return preview


def import_events(*, data: bytes, filename: str, organiser, by=None, publish=False, mapping=None) -> list[Event]:
    """Import every row as an event of `organiser` (drafts unless `publish`), or nothing at all. A row
    already imported (the same title and first date, not cancelled) is skipped, so a second run of the
    same file adds nothing."""
    preview = preview_events(data=data, filename=filename, organiser=organiser, mapping=mapping)
    if preview.errors:
        raise ImportFailed(preview.errors)
    status = Event.Status.PUBLISHED if publish else Event.Status.DRAFT
    created = []
    with transaction.atomic():
        for item in preview.new_rows:
            fields = dict(item.fields)
            if fields.get("programme") and not fields.get("competences"):
                fields["competences"] = fields["programme"].competences
            created.append(create_event(
                organiser=organiser, sessions=item.sessions, by=by, subjects=item.subjects, status=status,
                lecturers=item.lecturers, **fields
            ))
    return created


def import_plan(*, data: bytes, filename: str, organiser, by=None, publish=False) -> tuple[list[Event], int]:
    """Import with the centre's remembered column choices; returns (events created, rows skipped as
    already imported)."""
    mapping = remembered_mapping(organiser)
    preview = preview_events(data=data, filename=filename, organiser=organiser, mapping=mapping)
    created = import_events(data=data, filename=filename, organiser=organiser, by=by, publish=publish,
                            mapping=mapping)
    return created, len(preview.duplicates)
