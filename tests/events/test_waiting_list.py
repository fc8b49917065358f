"""The waiting list moves: a freed seat goes at once to the first waiting, who is told."""

import pytest

from events.models import Registration
from events.services import errors, seats, waiting_list
from events.services import registration as signup
from notices.models import NoticeLog
from people.models import Role
from tests.factories import EventFactory, member, teacher

pytestmark = pytest.mark.django_db


def _full_event_with_waiting(seats=1, waiting=2):
    event = EventFactory(seats=seats)
    holders = [signup.register(event=event, teacher=teacher()) for _ in range(seats)]
    queue = [signup.register(event=event, teacher=teacher()) for _ in range(waiting)]
    return event, holders, queue


def test_freed_seat_goes_to_the_first_on_the_waiting_list_who_is_told(django_capture_on_commit_callbacks):
    event, [holder], [first, second] = _full_event_with_waiting()
    with django_capture_on_commit_callbacks(execute=True):
        signup.cancel_registration(registration=holder, by=holder.teacher)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITLISTED
    assert seats.waiting_position(second) == 1
    assert NoticeLog.objects.filter(kind="registration_promoted", recipient=first.teacher).count() == 1
    assert not NoticeLog.objects.filter(kind="registration_promoted", recipient=second.teacher).exists()


def test_leaving_the_waiting_list_frees_no_seat():
    event, [holder], [first, second] = _full_event_with_waiting()
    signup.cancel_registration(registration=first, by=first.teacher)
    second.refresh_from_db()
    assert second.status == Registration.Status.WAITLISTED
    assert seats.waiting_position(second) == 1


def test_promotion_keeps_an_approval_already_given():
    event = EventFactory(seats=1)
    holder = signup.register(event=event, teacher=teacher())
    waiting = signup.register(event=event, teacher=teacher(), needs_approval=True)
    signup.approve_registration(registration=waiting)
    assert waiting.status == Registration.Status.WAITLISTED
    signup.cancel_registration(registration=holder, by=holder.teacher)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_promotion_of_an_unapproved_registration_holds_the_seat_as_pending():
    event = EventFactory(seats=1)
    holder = signup.register(event=event, teacher=teacher())
    waiting = signup.register(event=event, teacher=teacher(), needs_approval=True)
    signup.cancel_registration(registration=holder, by=holder.teacher)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.PENDING


def test_raising_the_seat_count_promotes_from_the_waiting_list_in_order():
    event, holders, queue = _full_event_with_waiting(seats=1, waiting=3)
    staff = member(Role.CENTRE_STAFF, event.organiser)
    waiting_list.set_seats(event=event, seats=3, by=staff)
    statuses = [Registration.objects.get(pk=r.pk).status for r in queue]
    assert statuses == [Registration.Status.CONFIRMED, Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


def test_removing_the_seat_limit_promotes_everyone_waiting():
    event, holders, queue = _full_event_with_waiting(seats=1, waiting=3)
    waiting_list.set_seats(event=event, seats=0, by=None)
    assert not Registration.objects.filter(status=Registration.Status.WAITLISTED).exists()


def test_seat_count_cannot_drop_below_the_seats_taken():
    event, holders, queue = _full_event_with_waiting(seats=2, waiting=0)
    with pytest.raises(errors.InvalidSeats):
        waiting_list.set_seats(event=event, seats=1, by=None)
    event.refresh_from_db()
    assert event.seats == 2


def test_release_seat_by_the_system_promotes_the_next():
    event, [holder], [first, _second] = _full_event_with_waiting()
    signup.release_seat(registration=holder, reason="Leave rejected")
    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED


def test_staff_moving_a_person_to_the_waiting_list_gives_the_seat_to_the_first_waiting():
    event, [holder], [first, second] = _full_event_with_waiting()
    staff = member(Role.CENTRE_STAFF, event.organiser)
    waiting_list.move_to_waiting_list(registration=holder, by=staff)
    holder.refresh_from_db()
    first.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED
    assert holder.status == Registration.Status.WAITLISTED
    assert seats.waiting_position(holder) == 2


def test_staff_cannot_give_a_seat_out_of_turn_when_none_is_free():
    event, [holder], [first, _second] = _full_event_with_waiting()
    staff = member(Role.CENTRE_STAFF, event.organiser)
    with pytest.raises(errors.NoSeatLeft):
        waiting_list.move_to_confirmed(registration=first, by=staff)


def test_staff_may_give_a_free_seat_to_any_waiting_person():
    event, [holder], [first, second] = _full_event_with_waiting()
    staff = member(Role.CENTRE_STAFF, event.organiser)
    # Raise the seats without promoting, as if a seat were free.
    event.seats = 2
    event.save(update_fields=["seats"])
    waiting_list.move_to_confirmed(registration=second, by=staff)
    assert second.status == Registration.Status.CONFIRMED
    assert seats.seats_left(event) == 0


def test_only_staff_of_the_organiser_may_move_people():
    event, [holder], _queue = _full_event_with_waiting()
    with pytest.raises(errors.InvalidMove):
        waiting_list.move_to_waiting_list(registration=holder, by=member(Role.CENTRE_STAFF))
