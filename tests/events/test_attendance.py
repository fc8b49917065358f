"""Attendance marking per session by centre staff and the event's lecturers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import AttendanceMark, Registration
from events.services import attendance as attendance_service
from events.services import errors
from people.models import Role
from tests.factories import EventFactory, EventSessionFactory, RegistrationFactory, member, teacher

pytestmark = pytest.mark.django_db


def _past_event_with_two_sessions():
    start = timezone.localdate() - dt.timedelta(days=3)
    event = EventFactory(starts_on=start, ends_on=start + dt.timedelta(days=1), registration_deadline=None)
    EventSessionFactory(event=event, date=start + dt.timedelta(days=1))
    return event


def test_marking_a_session_records_present_and_absent_for_every_seat_holder():
    event = _past_event_with_two_sessions()
    staff = member(Role.CENTRE_STAFF, event.organiser)
    here, away = RegistrationFactory(event=event), RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now())
    session = event.sessions.first()
    assert attendance_service.mark_attendance(session=session, present_ids=[here.pk], by=staff) == 2
    marks = dict(AttendanceMark.objects.filter(session=session).values_list("registration_id", "present"))
    assert marks == {here.pk: True, away.pk: False}


def test_marking_again_changes_the_mark_without_duplicates():
    event = _past_event_with_two_sessions()
    staff = member(Role.CENTRE_STAFF, event.organiser)
    registration = RegistrationFactory(event=event)
    session = event.sessions.first()
    attendance_service.mark_attendance(session=session, present_ids=[], by=staff)
    attendance_service.mark_attendance(session=session, present_ids=[registration.pk], by=staff)
    assert AttendanceMark.objects.get(session=session).present is True


def test_attendance_threshold_decides_attended_or_no_show():
    event = _past_event_with_two_sessions()
    event.attendance_threshold = 80
    event.save()
    staff = member(Role.CENTRE_STAFF, event.organiser)
    both, half = RegistrationFactory(event=event), RegistrationFactory(event=event)
    first, second = event.sessions.all()
    attendance_service.mark_attendance(session=first, present_ids=[both.pk, half.pk], by=staff)
    attendance_service.mark_attendance(session=second, present_ids=[both.pk], by=staff)
    attendance_service.on_event_completed(event=event, by=staff)
    both.refresh_from_db()
    half.refresh_from_db()
    assert (both.status, half.status) == (Registration.Status.ATTENDED, Registration.Status.NO_SHOW)


def test_teacher_cannot_take_attendance():
    event = _past_event_with_two_sessions()
    with pytest.raises(errors.AttendanceClosed):
        attendance_service.mark_attendance(session=event.sessions.first(), present_ids=[], by=teacher())


def test_lecturer_of_the_event_marks_attendance_in_the_page(client):
    event = _past_event_with_two_sessions()
    lecturer = member(Role.LECTURER, event.organiser)
    event.lecturers.add(lecturer)
    registration = RegistrationFactory(event=event)
    session = event.sessions.last()
    client.force_login(lecturer)
    url = reverse("events:attendance_session", args=[event.pk, session.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert f'id="present-{registration.pk}"' in page.content.decode()
    response = client.post(url, {"present": [registration.pk]})
    assert response.status_code == 302
    assert AttendanceMark.objects.get(session=session, registration=registration).present


def test_attendance_page_is_forbidden_to_teachers_and_other_lecturers(client):
    event = _past_event_with_two_sessions()
    client.force_login(teacher())
    assert client.get(reverse("events:attendance", args=[event.pk])).status_code == 403
    client.force_login(member(Role.LECTURER, event.organiser))
    assert client.post(reverse("events:attendance", args=[event.pk]), {"present": []}).status_code == 403
    assert not AttendanceMark.objects.exists()


def test_attendance_cannot_be_taken_for_a_session_that_has_not_started():
    day = timezone.localdate() + dt.timedelta(days=5)
    event = EventFactory(starts_on=day, ends_on=day)  # one session, 10:00–15:00 that day
    staff = member(Role.CENTRE_STAFF, event.organiser)
    registration = RegistrationFactory(event=event)
    session = event.sessions.get()
    with pytest.raises(errors.AttendanceClosed):
        attendance_service.mark_attendance(session=session, present_ids=[registration.pk], by=staff)
    before = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 59)))
    with pytest.raises(errors.AttendanceClosed):
        attendance_service.mark_attendance(session=session, present_ids=[registration.pk], by=staff, now=before)
    started = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 5)))
    assert attendance_service.mark_attendance(session=session, present_ids=[registration.pk], by=staff,
                                              now=started) == 1
