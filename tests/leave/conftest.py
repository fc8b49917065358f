import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from events.models import Registration
from leave import services
from leave.models import LeaveRequest
from people.models import Role
from tests.factories import (
    EventFactory,
    FundingSourceFactory,
    LeaveRequestFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
    teacher,
)


class School:
    """A school with its director, deputy and one teacher."""

    def __init__(self):
        self.school = SchoolFactory()
        self.director = member(Role.DIRECTOR, self.school)
        self.deputy = member(Role.DEPUTY, self.school)
        self.teacher = teacher(self.school)


@pytest.fixture
def school(db):
    return School()


@pytest.fixture
def other_school(db):
    return School()


def outside_request(s, status=LeaveRequest.Status.DRAFT, **kwargs):
    kwargs.setdefault("teacher", s.teacher)
    kwargs.setdefault("school", s.school)
    kwargs.setdefault("during_lessons", True)
    kwargs.setdefault("cover_plan", "Pamokas veda kolegė Ona; 6b klasė rašo kontrolinį kitą savaitę.")
    if status != LeaveRequest.Status.DRAFT:
        kwargs.setdefault("submitted_at", timezone.now())
    return LeaveRequestFactory(status=status, **kwargs)


def catalogue_request(s, *, fee=Decimal("0"), seats=20, reg_status=Registration.Status.PENDING,
                      status=LeaveRequest.Status.DRAFT, event=None, teacher_user=None, **kwargs):
    event = event or EventFactory(fee=fee, seats=seats)
    who = teacher_user or s.teacher
    registration = RegistrationFactory(event=event, teacher=who, school=s.school, status=reg_status,
                                       needs_approval=True)
    leave_request = services.create_for_registration(
        registration=registration, by=who, cover_plan="Pavaduos kolegė.", **kwargs
    )
    if status != LeaveRequest.Status.DRAFT:
        LeaveRequest.objects.filter(pk=leave_request.pk).update(status=status, submitted_at=timezone.now())
        leave_request.refresh_from_db()
    return leave_request


def source_for(s, amount="1000.00"):
    return FundingSourceFactory(owner=s.school, amount=Decimal(amount), year=timezone.localdate().year)


def days_ahead(n):
    return timezone.localdate() + dt.timedelta(days=n)
