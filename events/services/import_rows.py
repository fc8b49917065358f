"""One row of a centre's plan file read into an event to be created: every column's problem is
collected (keyed by the column), so the importer reports them all at once."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kvalifikacija.import_cells import normalise_header
from kvalifikacija.text import single_line
from people.models import Membership, Organisation, Role, Subject

from ..models import DeliveryMode, Event, Form, Programme
from . import import_cells as cells
from .events import validate_event

REQUIRED = ["title", "form", "dates", "academic_hours"]


@dataclass
class ParsedRow:
    number: int = 0
    fields: dict = field(default_factory=dict)
    sessions: list = field(default_factory=list)
    subjects: list = field(default_factory=list)
    lecturers: list = field(default_factory=list)
    duplicate: bool = False


@dataclass
class Known:
    """What a centre's rows are matched against, read once per file: its lecturers (by folded full
    name), subjects, providers, its programmes by registry code, and its events already in the plan (by
    folded title and first date, cancelled ones left out), plus the rows seen so far in this file."""

    lecturers: dict
    subjects: dict
    providers: dict
    programmes: dict
    existing: set
    seen: set = field(default_factory=set)

    @classmethod
    def load(cls, organiser):
        people = (Membership.objects.active()
                  .filter(Q(role=Role.LECTURER) | Q(organisation=organiser, role=Role.CENTRE_STAFF),
                          user__is_active=True)
                  .select_related("user"))
        providers = {cells.norm(o.name): o for o in Organisation.objects.filter(
            kind__in=[Organisation.Kind.PROVIDER, Organisation.Kind.CENTRE])}
        providers.update({cells.norm(o.short_name): o for o in providers.copy().values() if o.short_name})
        existing = (Event.objects.filter(organiser=organiser).exclude(status=Event.Status.CANCELLED)
                    .values_list("title", "starts_on"))
        return cls(
            lecturers={normalise_header(m.user.get_full_name()): m.user for m in people},
            subjects={cells.norm(s.name): s for s in Subject.objects.all()},
            providers=providers,
            programmes={p.registry_code.strip().lower(): p for p in Programme.objects.filter(owner=organiser)
                        if p.registry_code},
            existing={(normalise_header(title), starts_on) for title, starts_on in existing},
        )


def parse_event_row(row: dict, known: Known) -> ParsedRow:
    """Read one row ({column key: cell}); raises ValidationError({column key: [messages]}) with every
    problem of the row."""
    errors = {}
    item = ParsedRow()
    f = item.fields

    def cell(column):
        value = row.get(column)
        return value.strip() if isinstance(value, str) else value

    def error(column, message):
        errors.setdefault(column, []).append(str(message))

    def empty(column):
        return cell(column) in (None, "")

    for column in REQUIRED:
        if empty(column):
            error(column, gettext("This value is required."))
    if not empty("title"):
        if len(str(cell("title"))) > 300:
            error("title", gettext("The title is too long (at most 300 characters)."))
        f["title"] = single_line(str(cell("title")))
    if not empty("form"):
        f["form"] = cells.choice(cell("form"), Form.choices)
        if f["form"] is None:
            error("form", gettext("Unknown form “%(value)s”.") % {"value": cell("form")})
    f["delivery_mode"] = DeliveryMode.IN_PERSON
    if not empty("delivery_mode"):
        f["delivery_mode"] = cells.choice(cell("delivery_mode"), DeliveryMode.choices)
        if f["delivery_mode"] is None:
            error("delivery_mode", gettext("Unknown delivery mode “%(value)s”.") % {"value": cell("delivery_mode")})
    dates = []
    if not empty("dates"):
        raw = cell("dates")
        for part in ([raw] if isinstance(raw, (dt.date, dt.datetime)) else str(raw).replace(",", ";").split(";")):
            if str(part).strip() == "":
                continue
            try:
                dates.append(cells.parse_date(part))
            except ValueError:
                error("dates", gettext("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": part})
    start = end = None
    if not empty("time"):
        try:
            start, end = cells.parse_time_range(cell("time"))
        except ValueError:
            error("time", gettext("“%(value)s” is not a time range (write 14.00–17.00).") % {"value": cell("time")})
    elif "time" in row:
        error("time", gettext("This value is required."))
    for column in ("start", "end"):
        if not empty(column):
            try:
                value = cells.parse_time(cell(column))
            except ValueError:
                error(column, gettext("“%(value)s” is not a time (use HH:MM).") % {"value": cell(column)})
            else:
                start, end = (value, end) if column == "start" else (start, value)
    for column, parse, default in (("academic_hours", cells.parse_int, None), ("seats", cells.parse_int, 0),
                                   ("fee", cells.parse_money, None)):
        if empty(column):
            if default is not None:
                f[column] = default
            continue
        try:
            f[column] = parse(cell(column))
        except ValueError:
            error(column, gettext("“%(value)s” is not a number.") % {"value": cell(column)})
    if not empty("registration_deadline"):
        try:
            f["registration_deadline"] = cells.parse_date(cell("registration_deadline"))
        except ValueError:
            error("registration_deadline", gettext("“%(value)s” is not a date (use YYYY-MM-DD).")
                  % {"value": cell("registration_deadline")})
    if not empty("audience"):
        f["audience_roles"], f["audience_levels"] = cells.audience_of(cell("audience"))
    if not empty("lecturers"):
        unknown_names = []
        for name in cells.split_names(cell("lecturers")):
            person = known.lecturers.get(normalise_header(name))
            if person is not None:
                item.lecturers.append(person)
            else:
                unknown_names.append(single_line(name))
        f["lecturer_names"] = ", ".join(unknown_names)
    for column, key, limit in (("place", "place", 300), ("audience", "audience_note", 300),
                               ("description", "description", 100000)):
        if not empty(column):
            value = str(cell(column))
            if len(value) > limit:
                error(column, gettext("The text is too long (at most %(limit)s characters).") % {"limit": limit})
            f[key] = value if key == "description" else single_line(value)
    if not empty("online_link"):
        try:
            URLValidator()(str(cell("online_link")))
            f["online_link"] = str(cell("online_link"))
        except ValidationError:
            error("online_link", gettext("“%(value)s” is not a web address.") % {"value": cell("online_link")})
    if not empty("outside_working_hours"):
        try:
            if cells.parse_flag(cell("outside_working_hours")):
                f["outside_working_hours"] = True
        except ValueError:
            error("outside_working_hours", gettext("Write “taip” or “ne”."))
    if not empty("programme_code"):
        code = cell("programme_code")
        f["programme"] = known.programmes.get(str(code).strip().lower())
        if f["programme"] is None:
            error("programme_code", gettext("No programme of the centre has the code “%(value)s”.") % {"value": code})
    if not empty("provider"):
        f["provider"] = known.providers.get(cells.norm(cell("provider")))
        if f["provider"] is None:
            error("provider", gettext("Unknown provider “%(value)s”.") % {"value": cell("provider")})
    if not empty("subjects"):
        for name in str(cell("subjects")).split(";"):
            if not name.strip():
                continue
            subject = known.subjects.get(cells.norm(name))
            if subject is None:
                error("subjects", gettext("Unknown subject “%(value)s”.") % {"value": name.strip()})
            else:
                item.subjects.append(subject)
    item.sessions = [{"date": d, "start_time": start, "end_time": end} for d in dates]
    if dates and f.get("title"):
        key = (normalise_header(f["title"]), min(dates))
        item.duplicate = key in known.existing or key in known.seen
        known.seen.add(key)
    if dates and start and end:
        rules = validate_event(
            academic_hours=f.get("academic_hours"), seats=f.get("seats"), fee=f.get("fee"),
            registration_deadline=f.get("registration_deadline"), sessions=item.sessions,
        )
        if min(dates) < timezone.localdate():
            rules.setdefault("dates", []).append(
                _("The first session is in the past; enter an event that has already started with the form."))
        column_of = {"sessions": "time" if "time" in row else "end"}
        for key, messages in rules.items():
            for message in messages:
                error(column_of.get(key, key), message)
    if errors:
        raise ValidationError(errors)
    return item
