"""People and organisations: users, schools, centres, memberships, subjects; `member` and `teacher`."""

import datetime as dt

import factory
from django.utils import timezone

from people.models import Membership, Organisation, Role, Subject, TeacherProfile, User

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
