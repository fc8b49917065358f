"""Taking a place and giving it up: registration, the rules for cancelling, the one write that ends
a place, and the director's approval of a held seat. What hangs on a place (its leave request, its
money) is ended by the workflows that call `end_place` (see `workflows.places`)."""

from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija import audit
from people import roles

from .. import permissions
from ..models import Event, Registration
from .errors import AlreadyRegistered, CancellationClosed, NotATeacher, NotInAudience, RegistrationClosed
from .seats import lock_event, notify_outcome, retrying, seat_status, seats_left
from .waiting_list import promote_from_waiting_list


def needs_leave_approval(event) -> bool:
    """A catalogue event needs the director's approval when it falls in working hours or costs money."""
    return not event.outside_working_hours or event.fee > 0


def register(*, event, teacher, school=None, needs_approval=False, added_by=None, today=None) -> Registration:
    """Register a teacher: a seat if one is left, else the end of the waiting list.

    Registration is open only for published events before the deadline, and only to teachers of a
    school; an event open only to some schools (a network's members, a school's own event) takes only
    their teachers; centre staff adding a person by hand (`added_by`) may do so past the deadline. A lost race
    for the event's lock is retried once, then answered with a clean `TooBusy`, never a server error.
    """
    today = today or timezone.localdate()
    school_ids = roles.teacher_school_ids(teacher)
    if not school_ids:
        raise NotATeacher()
    allowed = set(event.open_to_schools.values_list("pk", flat=True))
    if allowed:
        school_ids = school_ids & allowed
        if not school_ids:
            raise NotInAudience()
    if school is None or school.pk not in school_ids:
        school_id = min(school_ids)
    else:
        school_id = school.pk
    if event.status != Event.Status.PUBLISHED:
        raise RegistrationClosed()
    if added_by is None and not event.registration_open_on(today):
        raise RegistrationClosed(_("The registration deadline has passed."))

    return retrying(lambda: _take_place(
        event=event, teacher=teacher, school_id=school_id, needs_approval=needs_approval, added_by=added_by
    ))


def _take_place(*, event, teacher, school_id, needs_approval, added_by) -> Registration:
    """The locked part of a sign-up, kept short: the event's row lock, then the seat check and the
    insert in one statement (`_insert_counting_seats`); only a teacher who registered before (a
    cancelled place taken again, or a double click) takes the longer way. The notice is rendered and
    queued after the commit, outside the lock."""
    try:
        with transaction.atomic():
            locked = lock_event(event.pk)
            if locked.status != Event.Status.PUBLISHED:
                raise RegistrationClosed()
            registration = _insert_counting_seats(
                event=locked, teacher=teacher, school_id=school_id, needs_approval=needs_approval, added_by=added_by)
            if registration is None:
                registration = _take_place_again(
                    event=locked, teacher=teacher, school_id=school_id, needs_approval=needs_approval,
                    added_by=added_by)
            transaction.on_commit(lambda: notify_outcome(registration))
    except IntegrityError:
        # A double click that raced past the check above: the unique constraint caught it.
        raise AlreadyRegistered() from None
    return registration


def _insert_counting_seats(*, event, teacher, school_id, needs_approval, added_by):
    """A new registration with a seat when one is left, else on the waiting list, decided and written
    in one round trip (the caller holds the event's lock, so the count cannot change meanwhile). None
    when the teacher already has a registration for the event (the row is left alone). ("WHERE 1 = 1"
    lets SQLite tell the upsert clause from a join.)"""
    seat = Registration.Status.PENDING if needs_approval else Registration.Status.CONFIRMED
    waiting = Registration.Status.WAITLISTED
    holding = {f"h{i}": status for i, status in enumerate(Registration.SEAT_HOLDING)}
    now = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value(now)
    table = Registration._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (status, needs_approval, approved, waitlisted_at, confirmed_at, cancelled_at,
                                 cancel_reason, created_at, updated_at, added_by_id, cancelled_by_id, event_id,
                                 school_id, teacher_id)
            SELECT CASE WHEN has_seat THEN %(seat)s ELSE %(waiting)s END, %(needs_approval)s, %(false)s,
                   CASE WHEN has_seat THEN NULL ELSE %(now)s END, CASE WHEN has_seat AND %(confirms)s THEN %(now)s END,
                   NULL, '', %(now)s, %(now)s, %(added_by)s, NULL, %(event)s, %(school)s, %(teacher)s
            FROM (SELECT (%(seats)s = 0 OR (SELECT count(*) FROM {table} WHERE event_id = %(event)s
                                           AND status IN ({", ".join(f"%({k})s" for k in holding)})) < %(seats)s)
                  AS has_seat) AS seat
            WHERE 1 = 1
            ON CONFLICT (teacher_id, event_id) DO NOTHING
            RETURNING id, status
            """,  # noqa: S608 - the table name is the model's own, every value is a parameter
            {"seat": seat, "waiting": waiting, "needs_approval": needs_approval, "false": False, "now": stamp,
             "confirms": seat == Registration.Status.CONFIRMED,
             "added_by": added_by.pk if added_by else None, "event": event.pk, "school": school_id,
             "teacher": teacher.pk, "seats": event.seats, **holding},
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, status = row
    registration = Registration(
        pk=pk, event=event, teacher=teacher, school_id=school_id, status=status, needs_approval=needs_approval,
        approved=False, waitlisted_at=now if status == waiting else None,
        confirmed_at=now if status == Registration.Status.CONFIRMED else None, cancel_reason="", created_at=now,
        updated_at=now, added_by=added_by,
    )
    registration._state.adding = False
    audit.attribute(registration, by=added_by or teacher)
    post_save.send(sender=Registration, instance=registration, created=True, update_fields=None, raw=False,
                   using=registration._state.db)
    return registration


def _take_place_again(*, event, teacher, school_id, needs_approval, added_by) -> Registration:
    """The teacher has a registration for the event: a cancelled one is taken up again (a seat if one
    is left, else the waiting list); any other is refused."""
    existing = Registration.objects.get(event=event, teacher=teacher)
    if existing.status != Registration.Status.CANCELLED:
        raise AlreadyRegistered()
    registration = existing
    registration.school_id = school_id
    registration.needs_approval = needs_approval
    registration.approved = False
    registration.added_by = added_by
    registration.cancelled_at = None
    registration.cancelled_by = None
    registration.cancel_reason = ""
    left = seats_left(event)
    now = timezone.now()
    if left is None or left > 0:
        registration.status = seat_status(registration)
        registration.confirmed_at = now if registration.status == Registration.Status.CONFIRMED else None
        registration.waitlisted_at = None
    else:
        registration.status = Registration.Status.WAITLISTED
        registration.confirmed_at = None
        registration.waitlisted_at = now
    audit.attribute(registration, by=added_by or teacher, reason=_("Registered again after cancelling."))
    registration.save()
    return registration


def check_cancellable(*, registration, by, today=None) -> None:
    """Who may give up a place, and until when: the teacher until the event starts, centre staff any
    time before completion; only a place still active at a published event. Raises `CancellationClosed`."""
    today = today or timezone.localdate()
    if not permissions.can_cancel_registration(by, registration):
        raise CancellationClosed(_("You may not cancel this registration."))
    by_staff = permissions.can_manage_event(by, registration.event)
    if not registration.may_be_given_up:
        raise CancellationClosed()
    event = registration.event
    if not by_staff and event.starts_on and today >= event.starts_on:
        raise CancellationClosed(_("A place can be cancelled only before the event starts."))


def end_place(*, registration, by=None, reason="") -> bool:
    """The one write that ends a place (`by` None: the system, or in the history the signed-in user whose
    request ended it): cancelled, when and why; a seat it held goes at once to the first on the waiting list while the event is still published. A place
    already cancelled is left as it is. Returns whether the place was ended now."""
    if registration.status == Registration.Status.CANCELLED:
        return False
    with transaction.atomic():
        held_seat = registration.holds_seat
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.cancelled_by = by
        registration.cancel_reason = reason[:300]
        audit.attribute(registration, by=by, reason=reason)
        registration.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason", "updated_at"])
        if held_seat and registration.event.status == Event.Status.PUBLISHED:
            promote_from_waiting_list(event=registration.event)
    return True


def active_registrations(*, event):
    """The places of an event not yet ended, with their teachers."""
    return list(
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("teacher", "event")
    )


def approve_registration(*, registration) -> Registration:
    """The director's approval of the leave confirms a pending seat; a waiting registration keeps the
    approval for when it is promoted."""
    with transaction.atomic():
        registration.approved = True
        fields = ["approved", "updated_at"]
        if registration.status == Registration.Status.PENDING:
            registration.status = Registration.Status.CONFIRMED
            registration.confirmed_at = timezone.now()
            fields += ["status", "confirmed_at"]
        audit.attribute(registration, reason=_("The director approved the leave request."))
        registration.save(update_fields=fields)
        if "status" in fields:  # a waiting person was told already; they hear again when promoted
            transaction.on_commit(lambda: notify_outcome(registration))
    return registration
