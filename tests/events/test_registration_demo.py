"""The demo registrations, played through the services: full events with waiting lists, places given
up, attendance taken, past events completed, the demo teacher's own places."""

import datetime as dt

import pytest
from django.utils import timezone

from events import demo_registrations
from events.models import AttendanceMark, Event, Registration
from people import demo as people_demo
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _ctx():
    today = timezone.localdate()
    ctx = {}
    people_demo.seed(ctx)
    centre = ctx["centre"]
    events = [EventFactory(organiser=centre, seats=6) for _ in range(6)]
    past_day = max(today.replace(month=1, day=1), today - dt.timedelta(days=1))
    if past_day >= today:
        past_day = today - dt.timedelta(days=1)
    events += [EventFactory(organiser=centre, seats=8, starts_on=past_day, registration_deadline=None)
               for _ in range(3)]
    ctx["events"] = events
    return ctx


def test_demo_without_events_does_nothing():
    demo_registrations.seed({})
    assert not Registration.objects.exists()


def test_demo_registrations_fill_events_never_over_the_seats_and_are_idempotent(django_capture_on_commit_callbacks):
    ctx = _ctx()
    with django_capture_on_commit_callbacks(execute=False):
        demo_registrations.seed(ctx)
    count = Registration.objects.count()
    assert count > 0
    for event in ctx["events"]:
        assert Registration.objects.filter(event=event).holding_seats().count() <= event.seats
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).exists()
    # The past events were completed by the completion workflow, from the attendance taken.
    past = Event.objects.filter(pk__in=[e.pk for e in ctx["events"][6:]])
    assert set(past.values_list("status", flat=True)) == {Event.Status.COMPLETED}
    assert AttendanceMark.objects.exists() and not AttendanceMark.objects.filter(marked_by=None).exists()
    assert not Registration.objects.filter(event__in=past, status__in=[
        Registration.Status.CONFIRMED, Registration.Status.PENDING, Registration.Status.WAITLISTED]).exists()
    demo_teacher = ctx["demo"]["teacher"]
    mine = set(Registration.objects.filter(teacher=demo_teacher).values_list("status", flat=True))
    assert {Registration.Status.CONFIRMED, Registration.Status.WAITLISTED} <= mine
    if timezone.localdate() > timezone.localdate().replace(month=1, day=1):
        assert Registration.Status.ATTENDED in mine
    demo_registrations.seed(ctx)
    assert Registration.objects.count() == count
