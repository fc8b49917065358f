"""A place given up ends what hangs on it: the leave request is closed and its money released,
whether the teacher cancels, the centre cancels the event, or the event takes place without the place."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils import timezone as tz

from events.models import Event, Registration
from funding.models import Expense
from funding.services import available
from leave import selectors, services
from leave.models import LeaveRequest
from notices.models import NoticeLog
from people.models import Role
from tests.factories import EventFactory, RegistrationFactory, member
from workflows import event_cancellation, event_completion, leave_requests, places, seat_holds

from .conftest import catalogue_request, source_for

S = LeaveRequest.Status
pytestmark = pytest.mark.django_db


def approved_paid_request(school, event=None):
    source = source_for(school, amount="100.00")
    lr = catalogue_request(school, fee=Decimal("40.00"), status=S.COVER_AGREED, funding_source=source, event=event)
    leave_requests.approve_request(leave_request=lr, by=school.director)
    assert available(source) == Decimal("60.00")
    return lr, source


def test_teacher_cancelling_the_place_withdraws_the_approved_request_and_releases_the_money(school):
    lr, source = approved_paid_request(school)
    places.give_up_place(registration=lr.registration, by=school.teacher)
    lr.refresh_from_db()
    assert lr.status == S.WITHDRAWN
    step = selectors.request_trail(lr)[-1]
    status = step.change_of("status")
    assert (status.before, status.after, step.who) == (S.APPROVED.label, S.WITHDRAWN.label, str(school.teacher))
    assert Expense.objects.get(leave_request=lr).status == Expense.Status.RELEASED
    assert available(source) == Decimal("100.00")


def test_a_request_still_waiting_leaves_the_directors_queue_when_the_place_is_cancelled(school):
    lr = catalogue_request(school, status=S.SUBMITTED)
    places.give_up_place(registration=lr.registration, by=school.teacher)
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.WITHDRAWN


def test_cancelling_the_event_releases_the_money_of_its_places(school):
    lr, source = approved_paid_request(school)
    event = lr.registration.event
    staff = member(Role.CENTRE_STAFF, event.organiser)
    event_cancellation.cancel_event(event=event, by=staff, reason="Lektorius suserga")
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.WITHDRAWN
    assert available(source) == Decimal("100.00")


def test_completing_the_event_closes_requests_of_people_still_waiting(school):
    event = EventFactory(seats=1, fee=Decimal("0"), starts_on=timezone.localdate() - dt.timedelta(days=1))
    RegistrationFactory(event=event, status=Registration.Status.CONFIRMED)
    other = member(Role.TEACHER, school.school)
    waiting = catalogue_request(school, event=event, reg_status=Registration.Status.WAITLISTED,
                                teacher_user=other, status=S.SUBMITTED)
    staff = member(Role.CENTRE_STAFF, event.organiser)
    event_completion.complete_event(event=event, by=staff, assume_present=True)
    assert Event.objects.get(pk=event.pk).status == Event.Status.COMPLETED
    assert LeaveRequest.objects.get(pk=waiting.pk).status == S.WITHDRAWN
    assert Registration.objects.get(pk=waiting.registration_id).status == Registration.Status.CANCELLED


def test_a_decided_request_is_not_reopened(school):
    lr = catalogue_request(school, status=S.COVER_AGREED)
    leave_requests.reject_request(leave_request=lr, by=school.director, reason="Nėra lėšų")
    assert services.close_for_ended_place(registration=lr.registration, by=school.teacher, reason="x")
    assert LeaveRequest.objects.get(pk=lr.pk).status == S.REJECTED


def test_a_seat_held_without_a_submitted_request_is_released_after_the_hold(school):
    event = EventFactory(seats=1)
    held = RegistrationFactory(event=event, teacher=school.teacher, school=school.school,
                               status=Registration.Status.PENDING, needs_approval=True)
    draft = services.create_for_registration(registration=held, by=school.teacher, cover_plan="Pavaduos kolegė.")
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED, waitlisted_at=tz.now())
    assert seat_holds.expire_held_seats() == 0  # still within the hold
    Registration.objects.filter(pk=held.pk).update(created_at=tz.now() - dt.timedelta(days=4))
    assert seat_holds.expire_held_seats() == 1
    assert Registration.objects.get(pk=held.pk).status == Registration.Status.CANCELLED
    assert LeaveRequest.objects.get(pk=draft.pk).status == S.WITHDRAWN
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED
    assert NoticeLog.objects.filter(kind="seat_hold_expired", recipient=school.teacher).count() == 1
    assert seat_holds.expire_held_seats() == 0


def test_a_submitted_request_keeps_its_seat_however_long_the_decision_takes(school):
    lr = catalogue_request(school, status=S.SUBMITTED)
    Registration.objects.filter(pk=lr.registration_id).update(created_at=tz.now() - dt.timedelta(days=30))
    assert seat_holds.expire_held_seats() == 0
    assert Registration.objects.get(pk=lr.registration_id).status == Registration.Status.PENDING
