"""Qualification days: a day is ACADEMIC_HOURS_PER_DAY academic hours (6 by default), and every teacher
has the right to at least MIN_QUALIFICATION_DAYS days a year. What counts towards the hours is
`certificates.qualification.hours_by_teacher`."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings


def days_from_hours(hours) -> Decimal:
    return (Decimal(hours) / Decimal(settings.ACADEMIC_HOURS_PER_DAY)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


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
