"""Import a yearly plan from a spreadsheet (CSV or XLSX, one event a row, a header row first).

Every row is checked before anything is written; then all rows are imported in one transaction, or none
when any row has an error. Errors name the spreadsheet row (the header is row 1) and the column."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError
from kvalifikacija.spreadsheets import Table, TableError, read_table
from kvalifikacija.text import single_line
from people.models import Organisation, Subject

from ..models import DeliveryMode, Event, Form, Programme
from .events import create_event, validate_event

# column name -> accepted header spellings (compared lower-case, without spaces and underscores)
COLUMNS = {
    "title": ["title", "pavadinimas"],
    "form": ["form", "forma"],
    "delivery_mode": ["deliverymode", "mode", "budas", "būdas"],
    "dates": ["dates", "date", "datos", "data"],
    "start": ["start", "pradzia", "pradžia"],
    "end": ["end", "pabaiga"],
    "place": ["place", "vieta"],
    "online_link": ["onlinelink", "link", "nuoroda"],
    "academic_hours": ["academichours", "hours", "valandos", "akademinėsvalandos"],
    "seats": ["seats", "vietos", "vietųskaičius"],
    "fee": ["fee", "kaina", "mokestis"],
    "registration_deadline": ["registrationdeadline", "deadline", "registracijaiki"],
    "programme_code": ["programmecode", "programoskodas", "kodas"],
    "provider": ["provider", "teikėjas", "teikejas"],
    "subjects": ["subjects", "dalykai"],
    "audience": ["audience", "auditorija", "tikslinėgrupė"],
    "lecturers": ["lecturers", "lektoriai"],
    "outside_working_hours": ["outsideworkinghours", "podarbo", "nedarbovalandomis"],
    "description": ["description", "aprašymas", "aprasymas"],
}
REQUIRED = ["title", "form", "dates", "start", "end", "academic_hours"]
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


def _decimal(value):
    if value in (None, ""):
        return Decimal("0")
    try:
        return Decimal(str(value).strip().replace(",", ".").replace("€", "").strip()).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def parse_rows(table: Table, *, organiser):
    """Check every row; returns (parsed rows, errors as 'row N, column X: message', N the file's row)."""
    errors = []
    if not table.headers:
        return [], [gettext("The file is empty.")]
    header = table.headers
    index = {}
    for position, name in enumerate(header):
        for column, spellings in COLUMNS.items():
            if _norm(name) in [_norm(s) for s in spellings]:
                index.setdefault(column, position)
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        return [], [gettext("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}]
    if not table.rows:
        return [], [gettext("The file has no event rows.")]

    subjects = {_norm(s.name): s for s in Subject.objects.all()}
    providers = {_norm(o.name): o for o in Organisation.objects.filter(
        kind__in=[Organisation.Kind.PROVIDER, Organisation.Kind.CENTRE])}
    providers.update({_norm(o.short_name): o for o in providers.copy().values() if o.short_name})
    programmes = {p.registry_code.strip().lower(): p for p in Programme.objects.filter(owner=organiser)
                  if p.registry_code}
    url_ok = URLValidator()
    parsed = []

    for number, row in table.numbered():
        def cell(column, row=row):
            position = index.get(column)
            if position is None or position >= len(row):
                return None
            value = row[position]
            return value.strip() if isinstance(value, str) else value

        def error(column, message, number=number):
            errors.append(gettext("row %(row)s, column %(column)s: %(message)s")
                          % {"row": number, "column": column, "message": message})

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
        for column, key, limit in (("place", "place", 300), ("audience", "audience_note", 300),
                                   ("lecturers", "lecturer_names", 300), ("description", "description", 100000)):
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


def import_events(*, data: bytes, filename: str, organiser, by=None, publish=False) -> list[Event]:
    """Import every row as an event of `organiser` (drafts unless `publish`), or nothing at all."""
    try:
        table = read_table(data, filename)
    except TableError as exc:
        raise ImportFailed([exc.message]) from exc
    parsed, errors = parse_rows(table, organiser=organiser)
    if errors:
        raise ImportFailed(errors)
    status = Event.Status.PUBLISHED if publish else Event.Status.DRAFT
    created = []
    with transaction.atomic():
        for item in parsed:
            fields = dict(item.fields)
            if fields.get("programme") and not fields.get("competences"):
                fields["competences"] = fields["programme"].competences
            created.append(create_event(
                organiser=organiser, sessions=item.sessions, by=by, subjects=item.subjects, status=status, **fields
            ))
    return created
