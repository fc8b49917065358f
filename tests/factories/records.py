"""Certificates, notices, surveys, equipment, loans and methodical material."""

import datetime as dt

import factory

from certificates.models import Certificate, CertificateCounter, OutsideCertificate
from events.models import (
    Registration,
)
from loans.models import Equipment, Loan, MethodicalMaterial
from notices.models import NoticeLog, NoticePreference
from people.models import Role
from surveys.models import Answer, Question, Response, Survey

from .events import RegistrationFactory
from .people import CentreFactory, SchoolFactory, UserFactory, member, teacher, today


class CertificateCounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateCounter

    issuer = factory.SubFactory(CentreFactory)
    year = factory.LazyFunction(lambda: today().year)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    registration = factory.SubFactory(RegistrationFactory, status=Registration.Status.ATTENDED)
    event = factory.SelfAttribute("registration.event")
    issuer = factory.SelfAttribute("event.organiser")
    holder = factory.SelfAttribute("registration.teacher")
    holder_name = factory.LazyAttribute(lambda o: o.holder.get_full_name())
    title = factory.SelfAttribute("event.title")
    series_year = factory.LazyFunction(lambda: today().year)
    sequence = factory.Sequence(lambda n: 900_000 + n)  # far from the numbers the services hand out
    number = factory.LazyAttribute(lambda o: f"KT-{o.series_year}-{o.sequence:06d}")
    starts_on = factory.SelfAttribute("event.starts_on")
    ends_on = factory.SelfAttribute("event.ends_on")
    academic_hours = factory.SelfAttribute("event.academic_hours")
    issued_on = factory.LazyFunction(today)


class OutsideCertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutsideCertificate

    teacher = factory.LazyFunction(teacher)
    provider_name = "Vilniaus universitetas"
    title = "Skaitmeninis raštingumas"
    starts_on = factory.LazyFunction(today)
    ends_on = factory.LazyFunction(today)
    academic_hours = 12
    file = factory.django.FileField(filename="pazymejimas.pdf", data=b"%PDF-1.4\n%test\n")
    content_type = "application/pdf"


class NoticeLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeLog

    key = factory.Sequence(lambda n: f"test:{n}")
    kind = "test"
    recipient = factory.SubFactory(UserFactory)
    email = factory.SelfAttribute("recipient.email")
    subject = "Pranešimas"
    body_text = "Tekstas"


class NoticePreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticePreference

    user = factory.SubFactory(UserFactory)
    kind = "digest_new_events"
    email_enabled = False


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    kind = Survey.Kind.EVALUATION
    title = "Renginio kokybės vertinimas"
    organiser = factory.SubFactory(CentreFactory)
    year = factory.LazyFunction(lambda: today().year)
    opens_on = factory.LazyFunction(today)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    text = "Kaip vertinate renginio naudą?"


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    respondent = factory.SubFactory(UserFactory)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    value = "5"


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    owner = factory.SubFactory(CentreFactory)
    kind = Equipment.Kind.TECHNICAL
    name = "Daugialypės terpės projektorius"
    inventory_number = factory.Sequence(lambda n: f"INV-{n:05d}")


class LoanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Loan

    equipment = factory.SubFactory(EquipmentFactory)
    school = factory.SubFactory(SchoolFactory)
    requested_by = factory.LazyAttribute(lambda o: member(Role.DEPUTY, o.school))
    starts_on = factory.LazyFunction(today)
    due_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=14))


class MethodicalMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MethodicalMaterial

    author = factory.LazyFunction(teacher)
    title = "Užduočių rinkinys matematikai"
    file = factory.django.FileField(filename="rinkinys.pdf", data=b"%PDF-1.4\n%test\n")
