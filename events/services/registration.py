"""Taking a place and giving it up: registration, the rules for cancelling, the one write that ends
a place, and the director's approval of a held seat. What hangs on a place (its leave request, its
money) is ended by the workflows that call `end_place` (see `workflows.places`)."""

from functools import cache

from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kvalifikacija import audit
from kvalifikacija.cache import bumps_together
from kvalifikacija.locks import lock_timeout
from people import roles

from .. import permissions
from ..models import Event, Registration
from .errors import AlreadyRegistered, CancellationClosed, NotATeacher, NotInAudience, RegistrationClosed
from .seats import (
    lock_event,
    notify_outcome,
    remember_waiting_position,
    retrying,
    seat_status,
    seats_left,
)
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
    The cache versions it changes are bumped together, in one round trip, once it is done.
    """
    with bumps_together():
        return _register(event=event, teacher=teacher, school=school, needs_approval=needs_approval,
                         added_by=added_by, today=today or timezone.localdate())


def _register(*, event, teacher, school, needs_approval, added_by, today):
    school_ids = roles.teacher_school_ids(teacher)
    if not school_ids:
        raise NotATeacher()
    if (connection.vendor == "postgresql" and event.status == Event.Status.PUBLISHED
            and (added_by is not None or event.registration_open_on(today))):
        # The short way: the lock, the audience, the seat check, the insert and its history record in one
        # round trip that commits inside the database (the lock is never held across a round trip). The
        # school is the one the teacher chose, else their first; the statement writes nothing when it is
        # not among the event's audience, when the teacher registered before, or when the event is no
        # longer published: then the longer way below decides (and words the refusal).
        school_id = school.pk if school is not None and school.pk in school_ids else min(school_ids)
        registration = retrying(lambda: _insert_counting_seats(
            event=event, teacher=teacher, school_id=school_id, needs_approval=needs_approval, added_by=added_by,
            lock=True))
        if registration is not None:
            transaction.on_commit(lambda: notify_outcome(registration))
            return registration
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
    """The longer way of a sign-up (every database but PostgreSQL, a teacher who registered before — a
    cancelled place taken again, or a double click — or an event no longer published): the event's
    lock, then the same statement as the short way, in one transaction. The notice is rendered and
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


@cache
def _sign_up_sql(lock):
    """The statement of `_insert_counting_seats` (built once per process: the history model's columns
    are looked up through simple_history's descriptor, which is slow)."""
    table = Registration._meta.db_table
    events = Event._meta.db_table
    audience = Event.open_to_schools.through._meta.db_table
    holding = ", ".join(f"%(h{i})s" for i in range(len(Registration.SEAT_HOLDING)))
    # The time of the change: with the lock taken in the same round trip, the database's clock once the
    # lock is held (the waiting list is in the order of the lock), else ours, taken under the lock.
    at = "clock_timestamp()" if lock else "%(now)s"
    insert = f"""
        INSERT INTO {table} (status, needs_approval, approved, waitlisted_at, confirmed_at, cancelled_at,
                             cancel_reason, created_at, updated_at, added_by_id, cancelled_by_id, event_id,
                             school_id, teacher_id)
        SELECT CASE WHEN has_seat THEN %(seat)s ELSE %(waiting)s END, %(needs_approval)s, %(false)s,
               CASE WHEN has_seat THEN NULL ELSE at END, CASE WHEN has_seat AND %(confirms)s THEN at END,
               NULL, '', at, at, %(added_by)s, NULL, %(event)s, %(school)s, %(teacher)s
        FROM (SELECT (e.seats = 0 OR (SELECT count(*) FROM {table} WHERE event_id = %(event)s
                                     AND status IN ({holding})) < e.seats)
              AS has_seat, {at} AS at
              FROM {events} e WHERE e.id = %(event)s AND e.status = %(published)s
              AND (NOT EXISTS (SELECT 1 FROM {audience} a WHERE a.event_id = e.id)
                   OR EXISTS (SELECT 1 FROM {audience} a WHERE a.event_id = e.id AND a.organisation_id = %(school)s))
             ) AS seat
        WHERE 1 = 1
        ON CONFLICT (teacher_id, event_id) DO NOTHING
    """  # noqa: S608 - the table names are the models' own, every value is a parameter
    # Its place on the waiting list: everyone else on it is ahead (they joined under the lock before).
    position = f"""CASE WHEN status = %(waiting)s THEN 1 + (
        SELECT count(*) FROM {table} w WHERE w.event_id = %(event)s AND w.status = %(waiting)s
        AND w.id <> {{new}}.id) END"""  # noqa: S608
    if not lock:
        return f"{insert} RETURNING id, status, created_at, {position.format(new=table)}"
    history = Registration.history.model
    columns = [f.column for f in history._meta.concrete_fields if not f.name.startswith("history_")]
    return (
        f"SET LOCAL lock_timeout = %(lock_timeout)s; SELECT id FROM {events} WHERE id = %(event)s FOR UPDATE; "
        f"WITH new AS ({insert} RETURNING *), "
        f"recorded AS (INSERT INTO {history._meta.db_table} ({', '.join(columns)}, history_date, "
        f"history_change_reason, history_type, history_user_id) SELECT {', '.join(columns)}, created_at, NULL, "
        f"'+', %(actor)s FROM new) "
        f"SELECT id, status, created_at, {position.format(new='new')} FROM new"
    )


def _insert_counting_seats(*, event, teacher, school_id, needs_approval, added_by, lock=False):
    """A new registration with a seat when one is left, else on the waiting list (with its place on
    it), decided and written in one round trip: the seats and the status are read from the event's row
    by the statement, and the count cannot change meanwhile because the event is locked (by the caller,
    or with `lock=True` by statements sent ahead in the same round trip: PostgreSQL, where each
    statement of a READ COMMITTED transaction sees what was committed before it began, so the count
    sees every sign-up that held the lock before; the registration's history record is then written by
    the same statement, so it commits with the registration). None when the teacher already has a
    registration for the event (the row is left alone), the event is not published, or it is open only
    to some schools and `school_id` is not one of them. ("WHERE 1 = 1" lets SQLite tell the upsert
    clause from a join.)"""
    seat = Registration.Status.PENDING if needs_approval else Registration.Status.CONFIRMED
    waiting = Registration.Status.WAITLISTED
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_sign_up_sql(lock), {
            "seat": seat, "waiting": waiting, "needs_approval": needs_approval, "false": False,
            "now": connection.ops.adapt_datetimefield_value(now), "confirms": seat == Registration.Status.CONFIRMED,
            "published": Event.Status.PUBLISHED, "added_by": added_by.pk if added_by else None, "event": event.pk,
            "school": school_id, "teacher": teacher.pk, "actor": (added_by or teacher).pk,
            "lock_timeout": lock_timeout(), **{f"h{i}": status for i, status in enumerate(Registration.SEAT_HOLDING)},
        })
        while lock and cursor.nextset():
            pass  # to the insert's result, after those of the lock's statements
        row = cursor.fetchone()
    if row is None:
        return None
    pk, status, stamped, place = row
    if lock:
        now = stamped  # the database's clock
    registration = Registration(
        pk=pk, event=event, teacher=teacher, school_id=school_id, status=status, needs_approval=needs_approval,
        approved=False, waitlisted_at=now if status == waiting else None,
        confirmed_at=now if status == Registration.Status.CONFIRMED else None, cancel_reason="", created_at=now,
        updated_at=now, added_by=added_by,
    )
    registration._state.adding = False
    remember_waiting_position(registration, place)
    audit.attribute(registration, by=added_by or teacher)
    if lock:
        registration.skip_history_when_saving = True  # its history record was written with it
    post_save.send(sender=Registration, instance=registration, created=True, update_fields=None, raw=False,
                   using=registration._state.db)
    if lock:
        del registration.skip_history_when_saving
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
