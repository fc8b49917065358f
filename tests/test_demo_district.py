"""The demo district a Lithuanian director would believe: days per teacher as schools report them,
a working calendar, sessions that add up to the academic hours, real-looking organisations, surnames
that vary, traineeships abroad held abroad; built through the services, loud when a part fails."""

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from events.models import Event, EventSession, Form
from leave.models import LeaveRequest
from lithuanian.holidays import is_public_holiday, is_working_day, public_holidays
from people.management.commands import seed_demo
from people.models import Membership, Organisation, Role
from people.qualification import days_from_hours, hours_by_teacher

pytestmark = pytest.mark.django_db


def minutes(session):
    start = dt.datetime.combine(session.date, session.start_time)
    return (dt.datetime.combine(session.date, session.end_time) - start).seconds // 60


def test_lithuanian_public_holidays():
    assert {dt.date(2026, 1, 1), dt.date(2026, 2, 16), dt.date(2026, 3, 11), dt.date(2026, 4, 5),
            dt.date(2026, 4, 6), dt.date(2026, 12, 24), dt.date(2026, 12, 26)} <= public_holidays(2026)
    assert is_public_holiday(dt.date(2027, 3, 29))  # Easter Monday 2027
    assert not is_working_day(dt.date(2026, 12, 26)) and is_working_day(dt.date(2026, 12, 2))


def test_the_demo_district_is_believable(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    year = timezone.localdate().year

    # 5–10 qualification days per teacher on average, a few below five and a few above ten.
    teachers = set(Membership.objects.filter(role=Role.TEACHER, is_active=True,
                                             organisation__kind=Organisation.Kind.SCHOOL)
                   .values_list("user_id", flat=True))
    hours = hours_by_teacher(teachers, year)
    days = [days_from_hours(hours.get(pk, 0)) for pk in teachers]
    average = sum(days, Decimal(0)) / len(days)
    assert Decimal(5) <= average <= Decimal(10), average
    assert 0 < sum(1 for d in days if d < 5) < len(days) / 4
    assert 0 < sum(1 for d in days if d > 10) < len(days) / 4

    # No event during working hours on a weekend or a public holiday (trips and after-hours excepted).
    for session in EventSession.objects.select_related("event"):
        event = session.event
        if event.form == Form.TRIP or event.outside_working_hours:
            continue
        assert is_working_day(session.date), (event.title, session.date)
    # No request "during lessons" on a weekend or a public holiday.
    for request in LeaveRequest.objects.filter(during_lessons=True).select_related("registration__event"):
        if request.registration_id:  # the event's own days (a weekly course spans weekends between them)
            days = [s.date for s in request.registration.event.sessions.all()]
        else:
            days = [request.starts_on + dt.timedelta(days=n) for n in range((request.ends_on - request.starts_on).days + 1)]
        assert days and all(is_working_day(day) for day in days), (request.event_title, days)

    # Every event's sessions add up to its academic hours (45 minutes each).
    for event in Event.objects.prefetch_related("sessions"):
        total = sum(minutes(s) for s in event.sessions.all())
        assert total == event.academic_hours * 45, (event.title, total, event.academic_hours)

    # Traineeships abroad are held abroad, the country by name; no cohort labels in titles.
    for event in Event.objects.filter(form=Form.INTERNSHIP):
        assert re.search(r"\((Latvija|Suomija)\)$", event.place), event.place
    assert not Event.objects.filter(title__contains="srautas").exists()

    # Organisations that look real: 9-digit codes that are not a counter, addresses that differ.
    schools = list(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL))
    codes = [s.legal_code for s in schools]
    assert all(re.fullmatch(r"\d{9}", code) for code in codes) and len(set(codes)) == len(codes)
    assert not any(code.startswith("1900000") for code in codes)
    assert len({s.address.split(",")[0] for s in schools}) == len(schools)
    assert not Organisation.objects.filter(name__contains="Pavyzd").exists()

    # Surnames vary: no surname twice among a school's teachers.
    for school in schools:
        names = Counter(Membership.objects.filter(organisation=school, role=Role.TEACHER)
                        .values_list("user__last_name", flat=True))
        assert names.most_common(1)[0][1] == 1, (school.name, names.most_common(2))


def test_a_failing_part_stops_the_build_with_its_name(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(seed_demo, "DEMO_MODULES", ["people.demo", "tests.no_such_demo_part"])
    with pytest.raises(ModuleNotFoundError):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
    monkeypatch.setattr(seed_demo, "DEMO_MODULES", ["people.demo", "events.demo_registrations"])
    monkeypatch.setattr("events.demo_registrations.seed", lambda ctx: 1 / 0)
    with pytest.raises(CommandError, match="events.demo_registrations"):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
