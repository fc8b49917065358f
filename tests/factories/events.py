"""Programmes, events, sessions, yearly plans, registrations, attendance."""

import datetime as dt
from decimal import Decimal

import factory

from events.models import (
    AttendanceMark,
    Event,
    EventSession,
    Programme,
    ProgrammeModule,
    Registration,
    YearPlan,
)

from .people import CentreFactory, ahead, teacher, today


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    owner = factory.SubFactory(CentreFactory)
    title = factory.Sequence(lambda n: f"Įtraukusis ugdymas: praktika {n}")
    registry_code = factory.Sequence(lambda n: f"P{n:06d}")
    academic_hours = 40
    competences = "Gebėjimas taikyti įtraukiojo ugdymo principus"


class ProgrammeModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeModule

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Modulis {n}")
    academic_hours = 8


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    organiser = factory.SubFactory(CentreFactory)
    title = factory.Sequence(lambda n: f"Seminaras „Šiuolaikinė pamoka“ Nr. {n}")
    form = "seminaras"
    delivery_mode = "kontaktinis"
    place = "Švietimo centras, 12 kab."
    academic_hours = 6
    seats = 20
    fee = Decimal("0")
    status = Event.Status.PUBLISHED
    starts_on = factory.LazyFunction(lambda: ahead(14))
    ends_on = factory.SelfAttribute("starts_on")
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_on - dt.timedelta(days=2))
    plan_year = factory.LazyAttribute(lambda o: o.starts_on.year)

    @factory.post_generation
    def with_session(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted is not False and obj.starts_on:
            EventSession.objects.create(event=obj, date=obj.starts_on, start_time=dt.time(10), end_time=dt.time(15))


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSession

    event = factory.SubFactory(EventFactory, with_session=False)
    date = factory.LazyAttribute(lambda o: o.event.starts_on)
    start_time = dt.time(10)
    end_time = dt.time(15)


class YearPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearPlan

    organiser = factory.SubFactory(CentreFactory)
    year = factory.LazyFunction(lambda: today().year)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    teacher = factory.LazyAttribute(lambda o: teacher(o.school) if o.school else teacher())
    school = None
    status = Registration.Status.CONFIRMED


class AttendanceMarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceMark

    registration = factory.SubFactory(RegistrationFactory)
    session = factory.LazyAttribute(lambda o: o.registration.event.sessions.first())
    present = True
