"""The school's rules kept by its director or deputy: the year's priorities, the planned
qualification days, and recommendations of events to the school's teachers."""
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from notices.services import notify
from people import permissions as people_permissions

from .. import selectors
from ..models import (
    Recommendation,
    SchoolPriority,
    SchoolQualificationPlan,
)
from .errors import LeaveError, NotAllowed


def _require_head(by, school):
    if not people_permissions.can_manage_school(by, school):
        raise NotAllowed(_("Only the school's director or deputy may do this."))


def save_priority(*, school, year, title, by, description="", order=0, events=(), priority=None) -> SchoolPriority:
    """The director or deputy keeps the school's priorities for the year and ties events to them."""
    _require_head(by, school)
    if not title.strip():
        raise LeaveError(_("Give the priority's title."))
    with transaction.atomic():
        priority = priority or SchoolPriority(school=school)
        if priority.school_id != school.pk:
            raise NotAllowed()
        priority.year = year
        priority.title = title.strip()
        priority.description = description
        priority.order = order
        priority.save()
        priority.events.set(events)
    return priority


def delete_priority(*, priority, by):
    _require_head(by, priority.school)
    priority.delete()


def set_planned_days(*, school, year, planned_days, by, note="") -> SchoolQualificationPlan:
    _require_head(by, school)
    if Decimal(planned_days) < 0:
        raise LeaveError(_("The planned days cannot be negative."))
    plan, _created = SchoolQualificationPlan.objects.update_or_create(
        school=school, year=year, defaults={"planned_days": planned_days, "note": note, "updated_by": by}
    )
    return plan


def recommend(*, event, school, teachers, by, note="") -> Recommendation:
    """A director or deputy recommends an event to one or several of the school's teachers; each is told."""
    _require_head(by, school)
    teachers = list(teachers)
    if not teachers:
        raise LeaveError(_("Choose at least one teacher."))
    allowed = set(selectors.school_teachers(school).values_list("pk", flat=True))
    if any(t.pk not in allowed for t in teachers):
        raise NotAllowed(_("You can recommend only to your school's teachers."))
    with transaction.atomic():
        recommendation = Recommendation.objects.create(event=event, school=school, recommended_by=by, note=note)
        recommendation.teachers.set(teachers)
        for teacher in teachers:
            notify(kind="recommendation", recipient=teacher, key=f"recommendation:{recommendation.pk}:{teacher.pk}",
                   context={"recommendation": recommendation, "event": event, "by": by},
                   link=event.get_absolute_url())
    return recommendation
