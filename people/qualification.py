"""Hours and qualification days per teacher per calendar year.

A day is ACADEMIC_HOURS_PER_DAY academic hours (6 by default). Counted: catalogue events the teacher
attended (by the year the event ended; not when its certificate was revoked and not re-issued) and
recognised outside certificates (outside and foreign
events count on the organiser's certificate).
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import Coalesce


def days_from_hours(hours) -> Decimal:
    return (Decimal(hours) / Decimal(settings.ACADEMIC_HOURS_PER_DAY)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def hours_by_teacher(teacher_ids, year) -> dict:
    """{teacher_id: academic hours counted in `year`} for the given teachers, in two queries."""
    from certificates.models import OutsideCertificate
    from events.models import Registration

    teacher_ids = list(teacher_ids)
    totals = defaultdict(int)
    attended = (
        Registration.objects.counting()
        .filter(teacher_id__in=teacher_ids, event__ends_on__year=year)
        .values("teacher_id")
        .annotate(hours=Coalesce(Sum("event__academic_hours"), 0))
    )
    for row in attended:
        totals[row["teacher_id"]] += row["hours"]
    recognised = (
        OutsideCertificate.objects.filter(
            teacher_id__in=teacher_ids, status=OutsideCertificate.Status.RECOGNISED, ends_on__year=year
        )
        .values("teacher_id")
        .annotate(hours=Coalesce(Sum("academic_hours"), 0))
    )
    for row in recognised:
        totals[row["teacher_id"]] += row["hours"]
    return {teacher_id: totals.get(teacher_id, 0) for teacher_id in teacher_ids}


def standing(hours) -> dict:
    """Where a teacher stands against the right to at least MIN_QUALIFICATION_DAYS days a year."""
    days = days_from_hours(hours)
    minimum = Decimal(settings.MIN_QUALIFICATION_DAYS)
    return {
        "hours": hours,
        "days": days,
        "minimum_days": settings.MIN_QUALIFICATION_DAYS,
        "days_left_of_right": max(minimum - days, Decimal("0")),
        "reached_minimum": days >= minimum,
    }
