"""The certificates app's part of qualification days (see `people.qualification`): a recognised
outside certificate counts as *done* in the calendar year of its last day, with the hours the deputy
recognised (which may differ from the hours written on it, e.g. astronomical hours abroad)."""

from django.db.models import Sum
from django.db.models.functions import Coalesce, ExtractYear

from people.qualification import DONE

from .models import OutsideCertificate


def recognised_hours(teacher_ids, years):
    """Done: recognised outside certificates, per teacher and year of their last day."""
    certificates = OutsideCertificate.objects.filter(status=OutsideCertificate.Status.RECOGNISED)
    if teacher_ids is not None:  # None: everyone's
        certificates = certificates.filter(teacher_id__in=teacher_ids)
    return (
        certificates.annotate(year=ExtractYear("ends_on")).filter(year__in=years)
        .values("teacher_id", "year")
        .annotate(hours=Sum(Coalesce("recognised_hours", "academic_hours")))
    )


def done_certificate_hours(teachers, year):
    return recognised_hours(teachers, {year})


def outside_certificate_hours(teacher_ids, years, today):
    for row in recognised_hours(teacher_ids, years):
        yield row["teacher_id"], row["year"], DONE, row["hours"]
