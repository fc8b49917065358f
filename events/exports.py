"""Registrant lists: one query set shared by the staff page, CSV/XLSX exports and the attendance sheet."""

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from kvalifikacija.spreadsheets import append_row, csv_bytes, new_workbook, workbook_bytes
from lithuanian.collation import lt_order
from lithuanian.formats import table_datetime

from .models import Registration

# The order of the registrants' lists: seat holders, then the waiting list (in its order), then the rest.
STATUS_SEQUENCE = (Registration.Status.CONFIRMED, Registration.Status.PENDING, Registration.Status.ATTENDED,
                   Registration.Status.NO_SHOW, Registration.Status.WAITLISTED)
STATUS_ORDER = Case(*[When(status=status, then=Value(i)) for i, status in enumerate(STATUS_SEQUENCE)],
                    default=Value(len(STATUS_SEQUENCE)), output_field=IntegerField())


def _ordered(event, statuses=None):
    queryset = (
        Registration.objects.filter(event=event)
        .select_related("teacher", "school")
        .annotate(status_order=STATUS_ORDER)
        .order_by("status_order", "waitlisted_at", lt_order("teacher__last_name"), lt_order("teacher__first_name"), "id")
    )
    if statuses:
        queryset = queryset.filter(status__in=statuses)
    return queryset


def registrants_of(event, *, statuses=None):
    """The event's registrations with teacher and school, seat holders first, the waiting list in order,
    each with `position` set on waiting ones (a constant number of queries)."""
    rows = list(_ordered(event, statuses))
    position = 0
    for registration in rows:
        if registration.status == Registration.Status.WAITLISTED:
            position += 1
            registration.position = position
        else:
            registration.position = None
    return rows


def registrant_counts(event):
    """{status: how many} of the event's registrations, every status named (one query)."""
    counts = dict.fromkeys(Registration.Status.values, 0)
    counts.update(Registration.objects.filter(event=event).order_by().values_list("status").annotate(n=Count("id")))
    return counts


def registrants_page(event, number, *, size):
    """Page `number` of `registrants_of(event)` (a bad number answers the first or the last page), its
    rows with the same waiting-list positions, and the counts by status of every row: two queries
    and `size` rows read, however large the event. (The counts and the rows are read one after the
    other, so a place given up between them can shift the positions shown for that one page load.)"""
    counts = registrant_counts(event)
    paginator = Paginator(_ordered(event), size)
    paginator.count = sum(counts.values())  # known already: spares the paginator its own count
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    # The waiting list is one run of rows after every status ordered before it.
    ahead = sum(counts[status] for status in STATUS_SEQUENCE[:STATUS_SEQUENCE.index(Registration.Status.WAITLISTED)])
    for index, registration in enumerate(page.object_list, start=page.start_index() - 1):
        waiting = registration.status == Registration.Status.WAITLISTED
        registration.position = index - ahead + 1 if waiting else None
    return page, counts


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
