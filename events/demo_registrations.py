"""Demo registrations and what happens to the events afterwards, played through the services: places
taken, some full events with waiting lists, places given up, a few events cancelled, attendance taken
at the past sessions and the past events completed; the demo teacher has a confirmed seat, a waiting
place and attended events.

The centre registers each school's participants by hand (`register(added_by=...)`, as it does from a
school's list), so the past year can be filled although its deadlines are over; seats, the waiting
list and the outcome come from the services: `workflows.places.give_up_place`,
`workflows.event_cancellation.cancel_event`, `events.services.attendance.mark_attendance` (at the end
of each past session) and `workflows.event_completion.complete_event`, which turns the attendance into
attended or no-show by the event's threshold.

Each teacher has a yearly budget of qualification days drawn as schools report them: most between 5
and 10, a few below 5, a few above 10; past events are filled only with teachers whose budget still
holds the event's hours, so the year's days per teacher come out as a real district's do.

Runs after `events.demo` (which puts `ctx["events"]`); idempotent: events that already have
registrations are left alone.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from people.models import Membership, Role
from workflows.event_cancellation import cancel_event
from workflows.event_completion import complete_event
from workflows.places import give_up_place

from .models import Event, Registration
from .services import plan as plan_services
from .services.attendance import mark_attendance
from .services.registration import register

CANCEL_REASONS = [
    "Per mažai užsiregistravusių dalyvių.", "Lektorius negali atvykti dėl ligos; renginys bus perkeltas.",
    "Dėl ekstremalios situacijos savivaldybėje.",
]
GIVE_UP_REASON = "Nebegaliu dalyvauti"


def seed(ctx):
    events = ctx.get("events")
    if not events:
        return
    rng = ctx["rng"]
    demo_teacher = ctx["demo"]["teacher"]
    staff = ctx["demo"].get("centre_staff")
    today = timezone.localdate()
    teachers = [t for t in ctx["teachers"] if t.pk != demo_teacher.pk]
    schools = {o.pk: o for o in ctx.get("schools") or []}
    school_of = dict(
        Membership.objects.filter(user__in=ctx["teachers"], role=Role.TEACHER, is_active=True)
        .order_by("user_id", "organisation_id").values_list("user_id", "organisation_id")
    )
    done = set(Registration.objects.filter(event__in=events).values_list("event_id", flat=True).distinct())
    events = [e for e in events if e.pk not in done and e.status == Event.Status.PUBLISHED]
    if not events:
        return

    def day_of(event):
        return event.starts_on or today

    # A few events are cancelled once people have registered (every seventh-and-thirtieth by creation).
    cancelled = {e.pk for e in sorted(events, key=lambda e: e.pk)[5::37]}
    past = [e for e in events if day_of(e) < today and e.pk not in cancelled]
    upcoming = [e for e in events if day_of(e) >= today and e.pk not in cancelled]
    upcoming.sort(key=lambda e: (day_of(e), e.pk))
    limited_upcoming = [e for e in upcoming if not e.is_unlimited and e.seats <= 60]
    full = set(e.pk for e in limited_upcoming[1::3][:8])
    demo_waiting = next((e for e in limited_upcoming if e.pk in full), None)
    demo_confirmed = next((e for e in upcoming if e.pk not in full), None)
    completing = [e for e in past if (e.ends_on or day_of(e)) < today]
    demo_attended = {e.pk for e in sorted(
        (e for e in completing if day_of(e).year == today.year), key=day_of, reverse=True)[:3]}

    def take(event, teacher):
        return register(event=event, teacher=teacher, school=schools.get(school_of.get(teacher.pk)),
                        added_by=staff, needs_approval=False)

    hours_per_day = settings.ACADEMIC_HOURS_PER_DAY
    budget = {t.pk: yearly_days(rng) * hours_per_day for t in teachers}
    budget[demo_teacher.pk] = 7 * hours_per_day
    past.sort(key=lambda e: (day_of(e), e.pk))
    past_set = set(e.pk for e in past)
    completing_set = {e.pk for e in completing}
    absent = {}
    ordered = past + upcoming + sorted((e for e in events if e.pk in cancelled), key=lambda e: e.pk)
    for event in ordered:
        capacity = event.seats if not event.is_unlimited else rng.randint(15, 40)
        is_past = event.pk in past_set
        if event.pk in full:
            taken, waiting = capacity, rng.randint(3, 8)
        elif is_past:
            taken, waiting = max(1, int(capacity * rng.uniform(0.6, 0.95))), 0
        else:
            taken, waiting = max(1, int(capacity * rng.uniform(0.2, 0.75))), 0
        if event.pk in completing_set and day_of(event).year == today.year:
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
            take(event, teacher)
        # Some register and give their place up again (before the event starts).
        for teacher in rest[waiting:waiting + 2]:
            if rng.random() < 0.5 and teacher.pk != demo_teacher.pk:
                # Later (the place as it is then, not the object `register` is still to tell about).
                registration = Registration.objects.get(pk=take(event, teacher).pk)
                give_up_place(registration=registration, by=teacher, reason=GIVE_UP_REASON,
                              today=min(today, day_of(event) - dt.timedelta(days=1)))
        for teacher in rest[:waiting]:
            take(event, teacher)
        if is_past:
            absent[event.pk] = {t.pk for t in seat_holders if rng.random() < 0.08 and t.pk != demo_teacher.pk}

    for index, event in enumerate(e for e in ordered if e.pk in cancelled):
        cancel_event(event=event, by=staff, reason=CANCEL_REASONS[index % len(CANCEL_REASONS)])
    for event in past:
        _take_attendance(event, staff, absent[event.pk], today, rng)
        if event.pk in completing_set:
            complete_event(event=event, by=staff, today=today)
    # The year plan's PDF as it now stands (the service its build task runs; see seed_demo).
    plan = ctx.get("year_plan")
    if plan is not None and not plan_services.is_fresh(plan):
        plan_services.build_plan_pdf(plan_id=plan.pk)


def _take_attendance(event, by, absent, today, rng):
    """Attendance at every past session, taken when the session ends: those who never came are absent
    throughout; the others are present (an event still running misses a few at a session)."""
    running = (event.ends_on or event.starts_on or today) >= today
    holders = list(Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
                   .values_list("pk", "teacher_id"))
    for session in event.sessions.filter(date__lt=today).order_by("date", "start_time"):
        present = [pk for pk, teacher_id in holders
                   if teacher_id not in absent and not (running and rng.random() < 0.05)]
        ended = timezone.make_aware(dt.datetime.combine(session.date, session.end_time))
        mark_attendance(session=session, present_ids=present, by=by, now=ended)


def yearly_days(rng):
    """A teacher's qualification days this year: most 5–10, about one in ten below 5, a few above 10."""
    roll = rng.random()
    if roll < 0.1:
        return rng.randint(2, 4)
    if roll < 0.93:
        return rng.randint(5, 10)
    return rng.randint(11, 13)
