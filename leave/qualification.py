"""The leave app's part of qualification days (see `people.qualification`): an approved request for
an outside event (no catalogue registration: a catalogue event counts through its seat) is *planned*
while its event is still ahead. It never becomes *done* by itself: only the recognised certificate
does, and a request with a recognised certificate tied to it no longer counts at all, so the same
event is never counted twice."""

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from people.qualification import PLANNED

from .models import LeaveRequest

RECOGNISED = "recognised"  # OutsideCertificate.Status.RECOGNISED, named here without importing a sibling app


def approved_request_hours(teacher_ids, years, today):
    rows = (
        LeaveRequest.objects.filter(
            teacher_id__in=teacher_ids, status=LeaveRequest.Status.APPROVED, registration__isnull=True,
            ends_on__gte=today,
        )
        .exclude(outside_certificates__status=RECOGNISED)
        .annotate(year=ExtractYear("ends_on")).filter(year__in=years)
        .values("teacher_id", "year").annotate(hours=Sum("academic_hours"))
    )
    for row in rows:
        yield row["teacher_id"], row["year"], PLANNED, row["hours"]
