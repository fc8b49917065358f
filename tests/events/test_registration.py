"""Registration rules: seats, the waiting list, closing, cancellation and the notices they send."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, Registration
from events.services import errors, reminders, seats
from events.services import registration as signup
from events.services.attendance import mark_attendance
from events.tasks import send_event_reminders
from notices.models import NoticeLog
from people.models import Role
from tests.factories import EventFactory, RegistrationFactory, SchoolFactory, member, teacher
from workflows import event_cancellation, event_completion, places

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def test_teacher_gets_a_confirmed_seat_while_seats_are_left():
    event = EventFactory(seats=2)
    registration = signup.register(event=event, teacher=teacher())
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert seats.seats_left(event) == 1


def test_registration_on_a_full_event_goes_to_the_end_of_the_waiting_list():
    event = EventFactory(seats=1)
    signup.register(event=event, teacher=teacher())
    first = signup.register(event=event, teacher=teacher())
    second = signup.register(event=event, teacher=teacher())
    assert first.status == second.status == Registration.Status.WAITLISTED
    assert seats.waiting_position(first) == 1
    assert seats.waiting_position(second) == 2


def test_the_place_on_the_waiting_list_after_signing_up_is_the_one_the_sign_up_found():
    event = EventFactory(seats=1)
    signup.register(event=event, teacher=teacher())
    first = signup.register(event=event, teacher=teacher())
    second = signup.register(event=event, teacher=teacher())
    with CaptureQueriesContext(connection) as queries:
        positions = [seats.position_on_joining(first), seats.position_on_joining(second)]
    assert positions == [1, 2]
    assert len(queries) == 0  # found by the sign-up's own statement, not counted again
    # Later the place is counted afresh: the waiting list moves.
    places.give_up_place(registration=first, by=first.teacher)
    second.refresh_from_db()
    assert seats.waiting_position(second) == 1


def test_unlimited_event_never_waitlists():
    event = EventFactory(seats=0)
    for _ in range(5):
        assert signup.register(event=event, teacher=teacher()).status == Registration.Status.CONFIRMED
    assert seats.seats_left(event) is None


def test_registration_needing_approval_holds_a_seat_as_pending():
    event = EventFactory(seats=1)
    registration = signup.register(event=event, teacher=teacher(), needs_approval=True)
    assert registration.status == Registration.Status.PENDING
    assert seats.seats_left(event) == 0
    signup.approve_registration(registration=registration)
    assert registration.status == Registration.Status.CONFIRMED


def test_registration_is_closed_after_the_deadline():
    event = EventFactory(registration_deadline=today() - dt.timedelta(days=1))
    with pytest.raises(errors.RegistrationClosed):
        signup.register(event=event, teacher=teacher())


@pytest.mark.parametrize("status", [Event.Status.CANCELLED, Event.Status.COMPLETED, Event.Status.DRAFT])
def test_registration_is_closed_unless_the_event_is_published(status):
    event = EventFactory(status=status)
    with pytest.raises(errors.RegistrationClosed):
        signup.register(event=event, teacher=teacher())


def test_only_members_of_a_school_may_register():
    event = EventFactory()
    with pytest.raises(errors.NotATeacher):
        signup.register(event=event, teacher=member(Role.LECTURER))


def test_registering_twice_is_refused():
    event = EventFactory()
    person = teacher()
    signup.register(event=event, teacher=person)
    with pytest.raises(errors.AlreadyRegistered):
        signup.register(event=event, teacher=person)


def test_staff_may_add_a_person_by_hand_past_the_deadline():
    event = EventFactory(registration_deadline=today() - dt.timedelta(days=1))
    staff = member(Role.CENTRE_STAFF, event.organiser)
    registration = signup.register(event=event, teacher=teacher(), added_by=staff)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.added_by == staff


def test_a_teacher_of_two_schools_registers_on_behalf_of_the_chosen_school():
    school_a, school_b = SchoolFactory(), SchoolFactory()
    person = teacher(school_a)
    member(Role.TEACHER, school_b, user=person)
    registration = signup.register(event=EventFactory(), teacher=person, school=school_b)
    assert registration.school == school_b


def test_a_cancelled_teacher_may_register_again():
    event = EventFactory(seats=3)
    person = teacher()
    registration = signup.register(event=event, teacher=person)
    places.give_up_place(registration=registration, by=person)
    again = signup.register(event=event, teacher=person)
    assert again.pk == registration.pk
    assert again.status == Registration.Status.CONFIRMED


def test_teacher_cannot_cancel_once_the_event_has_started():
    event = EventFactory(starts_on=today(), registration_deadline=None)
    person = teacher()
    registration = RegistrationFactory(event=event, teacher=person)
    with pytest.raises(errors.CancellationClosed):
        places.give_up_place(registration=registration, by=person)


def test_staff_can_cancel_after_the_event_has_started():
    event = EventFactory(starts_on=today(), registration_deadline=None)
    registration = RegistrationFactory(event=event)
    places.give_up_place(registration=registration, by=member(Role.CENTRE_STAFF, event.organiser))
    assert registration.status == Registration.Status.CANCELLED


def test_teacher_cannot_cancel_another_teachers_place():
    registration = RegistrationFactory()
    with pytest.raises(errors.CancellationClosed):
        places.give_up_place(registration=registration, by=teacher())
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_confirmation_and_waiting_list_notices_are_sent_once_each(django_capture_on_commit_callbacks):
    event = EventFactory(seats=1)
    first, second = teacher(), teacher()
    with django_capture_on_commit_callbacks(execute=True):
        signup.register(event=event, teacher=first)
        signup.register(event=event, teacher=second)
    assert NoticeLog.objects.filter(recipient=first, kind="registration_confirmed").count() == 1
    waiting = NoticeLog.objects.get(recipient=second, kind="registration_waitlisted")
    assert "1" in waiting.body_text


def test_event_cancellation_cancels_every_registration_and_tells_each_teacher(django_capture_on_commit_callbacks):
    event = EventFactory(seats=1)
    staff = member(Role.CENTRE_STAFF, event.organiser)
    a = RegistrationFactory(event=event)
    b = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert event_cancellation.end_registrations(event=event, by=staff) == 2
    assert set(Registration.objects.values_list("status", flat=True)) == {Registration.Status.CANCELLED}
    assert NoticeLog.objects.filter(kind="event_cancelled").count() == 2
    assert {n.recipient_id for n in NoticeLog.objects.filter(kind="event_cancelled")} == {a.teacher_id, b.teacher_id}


def test_reminder_is_sent_a_day_before_once_per_person(django_capture_on_commit_callbacks):
    tomorrow_event = EventFactory(starts_on=today() + dt.timedelta(days=1), registration_deadline=None)
    later_event = EventFactory(starts_on=today() + dt.timedelta(days=5))
    confirmed = RegistrationFactory(event=tomorrow_event)
    RegistrationFactory(event=tomorrow_event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now())
    RegistrationFactory(event=tomorrow_event, status=Registration.Status.CANCELLED)
    RegistrationFactory(event=later_event)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(day=today()) == 1
        assert reminders.send_reminders(day=today()) == 0
    notice = NoticeLog.objects.get(kind="event_reminder")
    assert notice.recipient_id == confirmed.teacher_id


def test_reminder_task_calls_the_service():
    event = EventFactory(starts_on=today() + dt.timedelta(days=1), registration_deadline=None)
    RegistrationFactory(event=event)
    assert send_event_reminders.delay(today().isoformat()).get() == 1
    assert send_event_reminders.delay(today().isoformat()).get() == 0


def test_completing_the_event_turns_confirmed_into_attended_or_no_show():
    event = EventFactory(starts_on=today() - dt.timedelta(days=1), registration_deadline=None)
    staff = member(Role.CENTRE_STAFF, event.organiser)
    here, away = RegistrationFactory(event=event), RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now())
    mark_attendance(session=event.sessions.get(), present_ids=[here.pk], by=staff)
    assert event_completion.settle_places(event=event, by=staff) == {"attended": 1, "no_show": 1}
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {here.pk: "attended", away.pk: "no_show", waiting.pk: "cancelled"}
