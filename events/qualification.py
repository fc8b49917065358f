"""The events app's part of qualification days (see `people.qualification`): catalogue events a
teacher attended count as *done*, confirmed seats at events still ahead as *planned*; both in the
calendar year of the event's last day."""

from django.db.models import F, Sum
from django.db.models.functions import Coalesce, ExtractYear

from people.qualification import DONE, PLANNED

from .models import Event, Registration


def event_hours(teacher_ids, years, today):
    """Attended registrations that count (not revoked without re-issue) are done; confirmed seats at
    published events whose last day is today or later are planned."""
    last_day = Coalesce("event__ends_on", "event__starts_on")
    base = Registration.objects.annotate(last_day=last_day, year=ExtractYear(last_day)).filter(
        teacher_id__in=teacher_ids, year__in=years
    )
    attended = base.counting().values("teacher_id", "year").annotate(hours=Sum("event__academic_hours"))
    for row in attended:
        yield row["teacher_id"], row["year"], DONE, row["hours"]
    ahead = (
        base.filter(status=Registration.Status.CONFIRMED, event__status=Event.Status.PUBLISHED, last_day__gte=today)
        .values("teacher_id", "year").annotate(hours=Sum(F("event__academic_hours")))
    )
    for row in ahead:
        yield row["teacher_id"], row["year"], PLANNED, row["hours"]
