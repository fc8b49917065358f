"""`allowed_actions(user)`: what a person may do to an object now, from the same predicates the
services enforce (the object's status rules and its app's permissions)."""

import pytest
from django.template import Context, Template

from events.models import Event, Registration
from loans.models import Loan, MethodicalMaterial
from people.models import Role
from tests.factories import (
    EventFactory,
    LoanFactory,
    MethodicalMaterialFactory,
    OutsideCertificateFactory,
    RegistrationFactory,
    member,
)

pytestmark = pytest.mark.django_db


def test_an_event_offers_its_managers_what_its_status_allows():
    draft = EventFactory(status=Event.Status.DRAFT)
    staff = member(Role.CENTRE_STAFF, draft.organiser)
    assert draft.allowed_actions(staff) == {"edit", "publish", "delete", "cancel"}
    draft.status = Event.Status.PUBLISHED
    assert draft.allowed_actions(staff) == {"edit", "complete", "cancel", "surveys"}
    draft.status = Event.Status.CANCELLED
    assert draft.allowed_actions(staff) == set()
    assert EventFactory(status=Event.Status.DRAFT).allowed_actions(staff) == set()  # another centre's


def test_a_place_may_be_given_up_by_its_teacher_while_active_at_a_published_event():
    registration = RegistrationFactory()
    assert registration.allowed_actions(registration.teacher) == {"cancel"}
    assert registration.allowed_actions(member(Role.TEACHER)) == set()
    registration.status = Registration.Status.ATTENDED
    assert registration.allowed_actions(registration.teacher) == set()
    registration.status = Registration.Status.WAITLISTED
    registration.event.status = Event.Status.CANCELLED
    assert registration.allowed_actions(registration.teacher) == set()


def test_a_loan_is_decided_by_the_centre_and_withdrawn_by_the_school():
    loan = LoanFactory()
    staff = member(Role.CENTRE_STAFF, loan.equipment.owner)
    head = member(Role.DIRECTOR, loan.school)
    assert loan.allowed_actions(staff) == {"lend", "decline"}
    assert loan.allowed_actions(head) == {"withdraw"}
    loan.status = Loan.Status.LENT
    assert loan.allowed_actions(staff) == {"return"}
    assert loan.allowed_actions(head) == set()


def test_material_is_reviewed_by_centre_staff_once_submitted():
    material = MethodicalMaterialFactory(status=MethodicalMaterial.Status.SUBMITTED)
    staff = member(Role.CENTRE_STAFF)
    assert material.allowed_actions(staff) == {"publish", "return"}
    assert material.allowed_actions(material.author) == set()
    material.status = MethodicalMaterial.Status.PUBLISHED
    assert material.allowed_actions(staff) == {"unpublish"}


def test_an_outside_certificate_is_withdrawn_by_its_teacher_while_pending():
    item = OutsideCertificateFactory()
    assert item.allowed_actions(item.teacher) == {"withdraw"}
    assert item.allowed_actions(member(Role.DIRECTOR)) == set()
    item.status = item.Status.RECOGNISED
    assert item.allowed_actions(item.teacher) == set()


def test_the_template_tag_asks_the_object_for_the_signed_in_user():
    registration = RegistrationFactory()
    template = Template('{% load actions %}{% allowed_actions r as can %}{% if "cancel" in can %}yes{% endif %}')
    assert template.render(Context({"r": registration, "user": registration.teacher})) == "yes"
    assert template.render(Context({"r": registration, "user": member(Role.TEACHER)})) == ""


def test_a_status_badge_takes_its_colour_from_the_model():
    loan = LoanFactory(status=Loan.Status.LENT)
    html = Template("{% load actions %}{% status_badge loan %}").render(Context({"loan": loan}))
    assert html == f'<span class="badge text-bg-warning">{loan.get_status_display()}</span>'
