"""The printable attendance sheet of an event (WeasyPrint, DejaVu Sans for Lithuanian letters)."""

from django.template.loader import render_to_string
from django.utils import timezone

from kvalifikacija.pdf import render_pdf

from .exports import registrants_of
from .models import Registration

SIGNING_STATUSES = [Registration.Status.CONFIRMED, Registration.Status.PENDING,
                    Registration.Status.ATTENDED, Registration.Status.NO_SHOW]


def attendance_sheet_pdf(event, *, base_url=None) -> bytes:
    rows = registrants_of(event, statuses=SIGNING_STATUSES)
    rows.sort(key=lambda r: (r.teacher.last_name, r.teacher.first_name, r.pk))
    html = render_to_string("events/registration/attendance_sheet.html", {
        "event": event,
        "rows": rows,
        "sessions": list(event.sessions.all()),
        "printed_at": timezone.localtime(),
    })
    return render_pdf(html, base_url=base_url)
