"""Demo registrations: attended past events with attendance marks, upcoming events, some full with
waiting lists, and the demo teacher's own confirmed seat, waiting place and attended events.

Each teacher has a yearly budget of qualification days drawn as schools report them: most between 5
and 10, a few below 5, a few above 10; past events are filled only with teachers whose budget still
holds the event's hours, so the year's days per teacher come out as a real district's do. The past is
written directly (the registration services refuse sign-ups after the deadline, which is the point of
them); attendance marks follow the sessions.

Runs after `events.demo` (which puts `ctx["events"]`); idempotent: events that already have
registrations are left alone.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from people.models import Membership, Role

from .models import AttendanceMark, Event, EventSession, Registration

ATTENDED, NO_SHOW, CONFIRMED, WAITING, CANCELLED = (
    Registration.Status.ATTENDED, Registration.Status.NO_SHOW, Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED, Registration.Status.CANCELLED,
)


def seed(ctx):
    events = ctx.get("events")
    if not events:
        return
    rng = ctx["rng"]
    demo_teacher = ctx["demo"]["teacher"]
    today = timezone.localdate()
    now = timezone.now()
    teachers = [t for t in ctx["teachers"] if t.pk != demo_teacher.pk]
    school_of = dict(
        Membership.objects.filter(user__in=ctx["teachers"], role=Role.TEACHER, is_active=True)
        .order_by("user_id", "organisation_id").values_list("user_id", "organisation_id")
    )
    done = set(Registration.objects.filter(event__in=events).values_list("event_id", flat=True).distinct())
    events = [e for e in events if e.pk not in done and e.status != Event.Status.DRAFT]
    if not events:
        return

    def day_of(event):
        return event.starts_on or today

    past = [e for e in events if e.status == Event.Status.COMPLETED
            or (e.status == Event.Status.PUBLISHED and day_of(e) < today)]
    upcoming = [e for e in events if e.status == Event.Status.PUBLISHED and day_of(e) >= today]
    cancelled = [e for e in events if e.status == Event.Status.CANCELLED]
    upcoming.sort(key=lambda e: (day_of(e), e.pk))
    limited_upcoming = [e for e in upcoming if not e.is_unlimited and e.seats <= 60]
    full = set(e.pk for e in limited_upcoming[1::3][:8])
    demo_waiting = next((e for e in limited_upcoming if e.pk in full), None)
    demo_confirmed = next((e for e in upcoming if e.pk not in full), None)
    demo_attended = {e.pk for e in sorted(
        (e for e in past if e.status == Event.Status.COMPLETED and day_of(e).year == today.year),
        key=lambda e: day_of(e), reverse=True)[:3]}

    rows = []

    def add(event, teacher, status, *, at, position=0):
        rows.append(Registration(
            event=event, teacher=teacher, school_id=school_of.get(teacher.pk), status=status,
            needs_approval=not event.outside_working_hours or event.fee > 0, approved=True,
            confirmed_at=at if status in (CONFIRMED, ATTENDED, NO_SHOW) else None,
            waitlisted_at=at + dt.timedelta(seconds=position) if status == WAITING else None,
            cancelled_at=at if status == CANCELLED else None,
            cancel_reason="Nebegaliu dalyvauti" if status == CANCELLED else "",
        ))

    hours_per_day = settings.ACADEMIC_HOURS_PER_DAY
    budget = {t.pk: yearly_days(rng) * hours_per_day for t in teachers}
    budget[demo_teacher.pk] = 7 * hours_per_day
    past.sort(key=lambda e: (day_of(e), e.pk))
    past_set = set(e.pk for e in past)
    for event in past + upcoming + cancelled:
        capacity = event.seats if not event.is_unlimited else rng.randint(15, 40)
        is_past = event.pk in past_set
        at = now - dt.timedelta(days=rng.randint(20, 60)) if is_past else now - dt.timedelta(days=rng.randint(1, 15))
        if event.pk in full:
            taken, waiting = capacity, rng.randint(3, 8)
        elif is_past:
            taken, waiting = max(1, int(capacity * rng.uniform(0.6, 0.95))), 0
        else:
            taken, waiting = max(1, int(capacity * rng.uniform(0.2, 0.75))), 0
        if is_past and event.status == Event.Status.COMPLETED and day_of(event).year == today.year:
            # Only teachers whose yearly budget still holds the event's hours.
            pool = [t for t in teachers if budget[t.pk] >= event.academic_hours]
            # Those with the most of their budget left come first, with some chance in the order.
            pool.sort(key=lambda t: -budget[t.pk] - rng.uniform(0, 18))
            chosen = pool[:taken + 2]
            for teacher in chosen[:taken]:
                budget[teacher.pk] -= event.academic_hours
        else:
            chosen = rng.sample(teachers, min(len(teachers), taken + waiting + 2))
        if event.pk in demo_attended or (demo_confirmed and event.pk == demo_confirmed.pk):
            chosen = [demo_teacher, *chosen[:-1]]
        elif demo_waiting and event.pk == demo_waiting.pk:
            chosen = [*chosen[:taken + 1], demo_teacher, *chosen[taken + 1:-1]]
        if event.pk in demo_attended:
            budget[demo_teacher.pk] -= event.academic_hours
        seat_holders, rest = chosen[:taken], chosen[taken:]
        for teacher in seat_holders:
            if event.status == Event.Status.CANCELLED:
                status = CANCELLED
            elif event.status == Event.Status.COMPLETED:
                status = NO_SHOW if rng.random() < 0.08 and teacher.pk != demo_teacher.pk else ATTENDED
            else:
                status = CONFIRMED
            add(event, teacher, status, at=at)
        for position, teacher in enumerate(rest[:waiting], start=1):
            add(event, teacher, WAITING, at=now - dt.timedelta(hours=6), position=position)
        for teacher in rest[waiting:waiting + 2]:
            if rng.random() < 0.5 and teacher.pk != demo_teacher.pk:
                add(event, teacher, CANCELLED, at=at)
    Registration.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    _mark_attendance(past, rng)


def yearly_days(rng):
    """A teacher's qualification days this year: most 5–10, about one in ten below 5, a few above 10."""
    roll = rng.random()
    if roll < 0.1:
        return rng.randint(2, 4)
    if roll < 0.93:
        return rng.randint(5, 10)
    return rng.randint(11, 13)


def _mark_attendance(past_events, rng):
    """Present at every session for the attended (and mostly for the still-confirmed), absent for no-shows."""
    if not past_events:
        return
    today = timezone.localdate()
    sessions = {}
    for session in EventSession.objects.filter(event__in=past_events, date__lt=today):
        sessions.setdefault(session.event_id, []).append(session)
    marks = []
    for registration in Registration.objects.filter(
        event__in=past_events, status__in=[ATTENDED, NO_SHOW, CONFIRMED]
    ).only("pk", "event_id", "status"):
        for session in sessions.get(registration.event_id, []):
            if registration.status == ATTENDED:
                present = True
            else:
                present = registration.status == CONFIRMED and rng.random() > 0.05
            marks.append(AttendanceMark(registration_id=registration.pk, session=session, present=present))
    AttendanceMark.objects.bulk_create(marks, ignore_conflicts=True, batch_size=2000)
