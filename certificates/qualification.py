"""Hours per teacher per calendar year, as they count towards qualification days.

Counted: catalogue events the teacher attended (by the year the event ended; not when its certificate
was revoked and not re-issued) and recognised outside certificates (outside and foreign events count
on the organiser's certificate).
"""

from collections import defaultdict

from django.db.models import Sum
from django.db.models.functions import Coalesce

from events.models import Registration

from .models import OutsideCertificate


def hours_by_teacher(teacher_ids, year) -> dict:
    """{teacher_id: academic hours counted in `year`} for the given teachers, in two queries."""
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
