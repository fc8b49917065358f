import datetime as dt

import pytest
from django.utils import timezone

from leave import demo
from leave.models import LeaveRequest, Recommendation, SchoolPriority, SchoolQualificationPlan
from people import demo as people_demo
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_demo_has_requests_in_every_state_and_is_idempotent():
    ctx = {}
    people_demo.seed(ctx)
    today = timezone.localdate()
    ctx["events"] = [EventFactory(starts_on=today + dt.timedelta(days=10 + i), plan_year=today.year, seats=0)
                     for i in range(8)]
    demo.seed(ctx)
    school = ctx["demo_school"]
    states = set(LeaveRequest.objects.filter(school=school).values_list("status", flat=True))
    assert states == set(LeaveRequest.Status.values)
    assert LeaveRequest.objects.filter(school=school, registration__isnull=False).exists()
    assert LeaveRequest.objects.filter(school=school).exclude(country="LT").exists()
    counts = (LeaveRequest.objects.count(), SchoolPriority.objects.count(), Recommendation.objects.count(),
              SchoolQualificationPlan.objects.count())
    demo.seed(ctx)
    assert counts == (LeaveRequest.objects.count(), SchoolPriority.objects.count(), Recommendation.objects.count(),
                      SchoolQualificationPlan.objects.count())


def test_demo_runs_without_catalogue_events():
    ctx = {}
    people_demo.seed(ctx)
    demo.seed(ctx)
    assert LeaveRequest.objects.filter(school=ctx["demo_school"]).count() >= 8
