"""Certificates follow attendance: completing an event needs attendance or an explicit confirmation,
and late corrections move people between attended and no-show."""

import datetime as dt

import pytest
from django.utils import timezone

from events.models import Registration
from events.services import attendance as attendance_service
from events.services import errors
from events.services import events as event_services
from people.models import Role
from tests.factories import CertificateFactory, EventFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def started_event():
    return EventFactory(starts_on=timezone.localdate() - dt.timedelta(days=1))


def test_completing_without_any_attendance_needs_explicit_confirmation(started_event):
    registration = RegistrationFactory(event=started_event)
    staff = member(Role.CENTRE_STAFF, started_event.organiser)
    with pytest.raises(errors.AttendanceNotTaken):
        event_services.mark_completed(event=started_event, by=staff)
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CONFIRMED
    event_services.mark_completed(event=started_event, by=staff, assume_present=True)
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.ATTENDED


def test_the_complete_page_shows_the_rule_and_keeps_the_event_open(client, started_event):
    RegistrationFactory(event=started_event)
    client.force_login(member(Role.CENTRE_STAFF, started_event.organiser))
    response = client.post(f"/centras/renginiai/{started_event.pk}/uzbaigti/", {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    started_event.refresh_from_db()
    assert started_event.status == "published"


def test_a_late_correction_turns_attended_into_no_show_unless_a_certificate_is_held(started_event):
    session = started_event.sessions.get()
    staff = member(Role.CENTRE_STAFF, started_event.organiser)
    first, second = RegistrationFactory(event=started_event), RegistrationFactory(event=started_event)
    attendance_service.mark_attendance(session=session, present_ids=[first.pk, second.pk], by=staff)
    event_services.mark_completed(event=started_event, by=staff)
    CertificateFactory(registration=second)
    attendance_service.mark_attendance(session=session, present_ids=[], by=staff)
    assert Registration.objects.get(pk=first.pk).status == Registration.Status.NO_SHOW
    assert Registration.objects.get(pk=second.pk).status == Registration.Status.ATTENDED
    attendance_service.mark_attendance(session=session, present_ids=[first.pk], by=staff)
    assert Registration.objects.get(pk=first.pk).status == Registration.Status.ATTENDED
