"""Funding sources and expenses; leave requests, priorities, recommendations, reports back."""

from decimal import Decimal

import factory

from events.models import (
    Registration,
)
from funding.models import Expense, FundingAmendment, FundingKind, FundingSource
from leave.models import LeaveRequest, Recommendation, ReportBack, SchoolPriority
from people.models import Role

from .events import EventFactory, RegistrationFactory
from .people import SchoolFactory, ahead, member, teacher, today


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource

    owner = factory.SubFactory(SchoolFactory)
    kind = FundingKind.TEACHING_FUNDS
    name = factory.Sequence(lambda n: f"Mokymo lėšos kvalifikacijai {n}")
    year = factory.LazyFunction(lambda: today().year)
    amount = Decimal("1000.00")


class FundingAmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingAmendment

    source = factory.SubFactory(FundingSourceFactory)
    date = factory.LazyFunction(today)
    amount = Decimal("100.00")
    reason = "Papildomas finansavimas"


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    source = factory.SubFactory(FundingSourceFactory)
    amount = Decimal("50.00")
    description = "Seminaro mokestis"


class LeaveRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaveRequest

    school = factory.SubFactory(SchoolFactory)
    teacher = factory.LazyAttribute(lambda o: teacher(o.school))
    title = "Tarptautinė konferencija „Mokykla 2030“"
    organiser_name = "Latvijas Universitāte"
    place = "Ryga"
    country = "LV"
    starts_on = factory.LazyFunction(lambda: ahead(30))
    ends_on = factory.SelfAttribute("starts_on")
    academic_hours = 8
    status = LeaveRequest.Status.DRAFT


class SchoolPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolPriority

    school = factory.SubFactory(SchoolFactory)
    year = factory.LazyFunction(lambda: today().year)
    title = "Įtraukusis ugdymas"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    event = factory.SubFactory(EventFactory)
    school = factory.SubFactory(SchoolFactory)
    recommended_by = factory.LazyAttribute(lambda o: member(Role.DEPUTY, o.school))


class ReportBackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportBack

    registration = factory.SubFactory(RegistrationFactory, status=Registration.Status.ATTENDED)
    teacher = factory.SelfAttribute("registration.teacher")
    reported_on = factory.LazyFunction(today)
    methodical_group = "Kalbų metodinė grupė"
    summary = "Pristačiau seminaro įžvalgas kolegoms."
