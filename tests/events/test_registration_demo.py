"""The demo registrations: full events with waiting lists, attended past events, the demo teacher's own."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from events import demo_registrations
from events.models import AttendanceMark, Event, Registration
from tests.factories import EventFactory, SchoolFactory, teacher

pytestmark = pytest.mark.django_db


def _ctx():
    today = timezone.localdate()
    school = SchoolFactory()
    demo_teacher = teacher(school)
    teachers = [demo_teacher] + [teacher(school) for _ in range(40)]
    events = [EventFactory(seats=6) for _ in range(6)]
    past_day = max(today.replace(month=1, day=1), today - dt.timedelta(days=1))
    if past_day >= today:
        past_day = today - dt.timedelta(days=1)
    events += [EventFactory(seats=8, starts_on=past_day, registration_deadline=None, status=Event.Status.COMPLETED)
               for _ in range(3)]
    return {"events": events, "teachers": teachers, "demo": {"teacher": demo_teacher}, "schools": [school],
            "rng": random.Random(1)}


def test_demo_without_events_does_nothing():
    demo_registrations.seed({})
    assert not Registration.objects.exists()


def test_demo_registrations_fill_events_never_over_the_seats_and_are_idempotent():
    ctx = _ctx()
    demo_registrations.seed(ctx)
    count = Registration.objects.count()
    assert count > 0
    for event in ctx["events"]:
        assert Registration.objects.filter(event=event).holding_seats().count() <= event.seats
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).exists()
    assert AttendanceMark.objects.exists()
    demo_teacher = ctx["demo"]["teacher"]
    mine = set(Registration.objects.filter(teacher=demo_teacher).values_list("status", flat=True))
    assert {Registration.Status.CONFIRMED, Registration.Status.WAITLISTED} <= mine
    if timezone.localdate() > timezone.localdate().replace(month=1, day=1):
        assert Registration.Status.ATTENDED in mine
    demo_registrations.seed(ctx)
    assert Registration.objects.count() == count
