"""factory-boy factories for every model. Each test builds the little data it needs."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from certificates.models import Certificate, CertificateCounter, OutsideCertificate
from events.models import (
    AttendanceMark,
    Event,
    EventSession,
    Programme,
    ProgrammeModule,
    Registration,
    YearPlan,
)
from funding.models import Expense, FundingAmendment, FundingKind, FundingSource
from leave.models import LeaveRequest, LeaveStep, Recommendation, ReportBack, SchoolPriority
from loans.models import Equipment, Loan, MethodicalMaterial
from notices.models import NoticeLog, NoticePreference
from people.models import Membership, Organisation, Role, Subject, TeacherProfile, User
from surveys.models import Answer, Question, Response, Survey

PASSWORD = "pass12345"


def today():
    return timezone.localdate()


def ahead(days):
    """A date `days` ahead, kept in this calendar year when it can be (a December run would otherwise
    put requests and events in next year, away from this year's funding sources and plans)."""
    date = today() + dt.timedelta(days=days)
    year_end = dt.date(today().year, 12, 31)
    return min(date, year_end) if today() < year_end else date


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.lt")
    first_name = factory.Iterator(["Rūta", "Jonas", "Žydrė", "Kęstutis", "Ąžuolė"])
    last_name = factory.Iterator(["Žemaitytė", "Petraitis", "Šimkienė", "Čepulis", "Ūsaitė"])
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.SCHOOL
    name = factory.Sequence(lambda n: f"Ąžuolyno progimnazija Nr. {n}")
    school_level = Organisation.SchoolLevel.BASIC


class SchoolFactory(OrganisationFactory):
    pass


class CentreFactory(OrganisationFactory):
    kind = Organisation.Kind.CENTRE
    name = factory.Sequence(lambda n: f"Švietimo centras {n}")
    school_level = ""
    legal_code = "190000123"
    address = "Žemaitės g. 5, Pavyzdys"
    head_name = "Vida Jurgaitienė"
    head_position = "Direktorė"


class MunicipalityFactory(OrganisationFactory):
    kind = Organisation.Kind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Savivaldybė {n}")
    school_level = ""


class ProviderFactory(OrganisationFactory):
    kind = Organisation.Kind.PROVIDER
    name = factory.Sequence(lambda n: f"Universitetas {n}")
    school_level = ""


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(SchoolFactory)
    role = Role.TEACHER


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Dalykas {n}")


class TeacherProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeacherProfile

    user = factory.SubFactory(UserFactory)


def member(role, organisation=None, user=None, **kwargs):
    """A user with one membership: `member(Role.DIRECTOR, school)`."""
    if organisation is None:
        organisation = {
            Role.CENTRE_STAFF: CentreFactory, Role.LECTURER: CentreFactory,
            Role.ADMINISTRATOR: MunicipalityFactory,
        }.get(role, SchoolFactory)()
    user = user or UserFactory(**kwargs)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def teacher(school=None, **kwargs):
    user = member(Role.TEACHER, school, **kwargs)
    TeacherProfileFactory(user=user)
    return user


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


class LeaveStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaveStep

    leave_request = factory.SubFactory(LeaveRequestFactory)
    actor = factory.SelfAttribute("leave_request.teacher")
    to_status = LeaveRequest.Status.SUBMITTED


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
