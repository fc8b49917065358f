"""Registrant lists: one query set shared by the staff page, CSV/XLSX exports and the attendance sheet."""

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalifikacija.spreadsheets import append_row, csv_bytes, new_workbook, workbook_bytes
from lithuanian.collation import lt_order
from lithuanian.formats import table_datetime

from .models import Registration

STATUS_ORDER = Case(
    When(status=Registration.Status.CONFIRMED, then=Value(0)),
    When(status=Registration.Status.PENDING, then=Value(1)),
    When(status=Registration.Status.ATTENDED, then=Value(2)),
    When(status=Registration.Status.NO_SHOW, then=Value(3)),
    When(status=Registration.Status.WAITLISTED, then=Value(4)),
    default=Value(5),
    output_field=IntegerField(),
)


def registrants_of(event, *, statuses=None):
    """The event's registrations with teacher and school, seat holders first, the waiting list in order,
    each with `position` set on waiting ones (a constant number of queries)."""
    queryset = (
        Registration.objects.filter(event=event)
        .select_related("teacher", "school")
        .annotate(status_order=STATUS_ORDER)
        .order_by("status_order", "waitlisted_at", lt_order("teacher__last_name"), lt_order("teacher__first_name"), "id")
    )
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    rows = list(queryset)
    position = 0
    for registration in rows:
        if registration.status == Registration.Status.WAITLISTED:
            position += 1
            registration.position = position
        else:
            registration.position = None
    return rows


def _header():
    return [_("No."), _("Last name"), _("First name"), _("E-mail"), _("School"), _("Status"),
            _("Waiting list position"),
            # Times are local; the zone is named so a reader never takes them for UTC.
            _("Registered at (%(zone)s)") % {"zone": timezone.get_current_timezone_name()}]


def _values(rows):
    for number, registration in enumerate(rows, start=1):
        yield [
            number,
            registration.teacher.last_name,
            registration.teacher.first_name,
            registration.teacher.email,
            registration.school.name if registration.school else "",
            str(registration.get_status_display()),
            registration.position or "",
            table_datetime(registration.created_at),
        ]


def registrants_csv(rows) -> bytes:
    """UTF-8 with a byte-order mark and semicolons, so spreadsheet programs open Lithuanian letters right."""
    return csv_bytes([_header(), *_values(rows)])


def registrants_xlsx(rows, *, title) -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = _("Registrants")[:31]
    append_row(sheet, [title], bold=True)
    append_row(sheet, _header(), bold=True)
    for values in _values(rows):
        append_row(sheet, values)
    for column, width in zip("ABCDEFGH", (5, 22, 18, 30, 40, 20, 10, 18), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(workbook)
