import datetime as dt
import random

import pytest
from django.utils import timezone

from events.models import Event, Registration
from loans import demo as loans_demo
from loans.models import Equipment, Loan, MethodicalMaterial
from people.models import Role
from surveys import demo as surveys_demo
from surveys.models import Response, Survey
from tests.factories import (
    CentreFactory,
    EventFactory,
    RegistrationFactory,
    SchoolFactory,
    SubjectFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db


def small_ctx():
    centre = CentreFactory()
    schools = [SchoolFactory() for _ in range(7)]
    heads = {school.pk: (member(Role.DIRECTOR, school), None) for school in schools}
    teachers = [teacher(schools[i % 7]) for i in range(12)]
    demo = {"teacher": teachers[0], "centre_staff": member(Role.CENTRE_STAFF, centre)}
    return {"centre": centre, "schools": schools, "demo_school": schools[0], "demo": demo, "teachers": teachers,
            "year": timezone.localdate().year, "rng": random.Random(7), "subjects": [SubjectFactory()],
            "heads": heads}


def test_demo_seeds_every_state_and_is_idempotent():
    ctx = small_ctx()
    day = timezone.localdate() - dt.timedelta(days=120)
    event = EventFactory(organiser=ctx["centre"], status=Event.Status.COMPLETED, starts_on=day, ends_on=day)
    for person in ctx["teachers"][:6]:
        RegistrationFactory(event=event, teacher=person, status=Registration.Status.ATTENDED)
    for _ in range(2):
        surveys_demo.seed(ctx)
        loans_demo.seed(ctx)
    assert Survey.objects.filter(kind="needs").count() == 1
    assert Survey.objects.filter(event=event).count() == 2
    assert Response.objects.filter(survey__event=event, survey__kind="evaluation").exists()
    assert not Response.objects.filter(respondent=ctx["demo"]["teacher"]).exists()
    assert 10 <= Equipment.objects.count() <= 15
    assert set(Loan.objects.values_list("status", flat=True)) == set(Loan.Status.values)
    assert sum(loan.is_overdue for loan in Loan.objects.all()) == 1
    assert set(MethodicalMaterial.objects.values_list("status", flat=True)) == set(MethodicalMaterial.Status.values)
    published = MethodicalMaterial.objects.filter(status="published").first()
    assert published.file.read(5) == b"%PDF-"


def test_demo_without_events_skips_evaluations():
    ctx = small_ctx()
    surveys_demo.seed(ctx)
    assert list(Survey.objects.values_list("kind", flat=True)) == ["needs"]
