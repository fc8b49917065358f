"""The events app's part of qualification days (see `people.qualification`): catalogue events a
teacher attended count as *done*, confirmed seats at events still ahead as *planned*; both in the
calendar year of the event's last day."""

from django.db.models import F, Sum
from django.db.models.functions import Coalesce, ExtractYear

from people.qualification import DONE, PLANNED

from .models import Event, Registration


def _registrations(teacher_ids, years):
    """Registrations in `years` (of their event's last day) of `teacher_ids` (None: of everyone)."""
    last_day = Coalesce("event__ends_on", "event__starts_on")
    registrations = Registration.objects.annotate(last_day=last_day, year=ExtractYear(last_day)).filter(year__in=years)
    return registrations if teacher_ids is None else registrations.filter(teacher_id__in=teacher_ids)


def attended_hours(teacher_ids, years):
    """Done: attended registrations that count (not revoked without re-issue), per teacher and year."""
    return _registrations(teacher_ids, years).counting().values("teacher_id", "year").annotate(
        hours=Sum("event__academic_hours"))


def done_event_hours(teachers, year):
    return attended_hours(teachers, {year})


def event_hours(teacher_ids, years, today):
    """Attended registrations that count (not revoked without re-issue) are done; confirmed seats at
    published events whose last day is today or later are planned."""
    for row in attended_hours(teacher_ids, years):
        yield row["teacher_id"], row["year"], DONE, row["hours"]
    ahead = (
        _registrations(teacher_ids, years)
        .filter(status=Registration.Status.CONFIRMED, event__status=Event.Status.PUBLISHED, last_day__gte=today)
        .values("teacher_id", "year").annotate(hours=Sum(F("event__academic_hours")))
    )
    for row in ahead:
        yield row["teacher_id"], row["year"], PLANNED, row["hours"]
