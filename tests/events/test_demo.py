import time

import pytest
from django.db.models import Count

from events import demo
from events.models import Event, EventSession, Form, Programme, YearPlan
from people import demo as people_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx(django_capture_on_commit_callbacks):
    ctx = {}
    people_demo.seed(ctx)
    return ctx


def test_demo_year_has_about_200_events_of_every_form_and_is_idempotent(ctx, django_capture_on_commit_callbacks):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=False):
        demo.seed(ctx)
    assert time.monotonic() - started < 20
    year = ctx["year"]
    this_year = Event.objects.filter(plan_year=year)
    assert 180 <= this_year.count() <= 230
    assert set(this_year.values_list("form", flat=True)) == set(Form.values)
    assert Event.objects.filter(plan_year=year + 1, starts_on__month__lte=3,
                                status=Event.Status.PUBLISHED).count() >= 25
    # Published through the service, a few drafts kept; what happens next is events.demo_registrations'.
    statuses = dict(Event.objects.values_list("status").annotate(n=Count("id")))
    assert set(statuses) == {Event.Status.DRAFT, Event.Status.PUBLISHED} and statuses[Event.Status.DRAFT] >= 3
    assert Programme.objects.exclude(registry_code="").count() >= 25
    assert Event.objects.filter(lecturers=ctx["demo"]["lecturer"]).count() >= 50
    assert Event.objects.filter(fee__gt=0).exists() and Event.objects.filter(outside_working_hours=True).exists()
    assert Event.objects.exclude(online_link="").filter(delivery_mode="nuotolinis").exists()
    assert not Event.objects.annotate(n=Count("sessions")).filter(n=0).exists()
    assert YearPlan.objects.get(year=year).is_published
    assert len(ctx["events"]) == Event.objects.count() and ctx["programmes"]

    counts = (Event.objects.count(), EventSession.objects.count(), Programme.objects.count(), YearPlan.objects.count())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        demo.seed(ctx)
    assert (Event.objects.count(), EventSession.objects.count(), Programme.objects.count(),
            YearPlan.objects.count()) == counts
    assert not callbacks  # no second plan build
