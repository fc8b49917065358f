"""The permission module: one test per role, with the wrong-school and wrong-teacher cases."""

import pytest
from django.contrib.auth.models import AnonymousUser

from certificates import permissions as certificate_permissions
from events import permissions as event_permissions
from funding import permissions as funding_permissions
from leave import permissions as leave_permissions
from people import permissions as people_permissions
from people import roles
from people.models import Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    FundingSourceFactory,
    LeaveRequestFactory,
    MembershipFactory,
    OutsideCertificateFactory,
    RegistrationFactory,
    SchoolFactory,
    UserFactory,
    member,
    teacher,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return SchoolFactory()


@pytest.fixture
def other_school():
    return SchoolFactory()


def test_teacher_sees_own_leave_request_but_not_a_colleagues(school):
    own = LeaveRequestFactory(school=school)
    colleague = LeaveRequestFactory(school=school)
    assert leave_permissions.can_view_leave_request(own.teacher, own)
    assert not leave_permissions.can_view_leave_request(own.teacher, colleague)
    assert list(leave_permissions.leave_requests_visible_to(own.teacher)) == [own]


def test_teacher_cannot_decide_own_request(school):
    request = LeaveRequestFactory(school=school)
    assert not leave_permissions.can_decide_leave(request.teacher, request)
    assert not leave_permissions.can_agree_cover(request.teacher, request)


def test_director_decides_only_own_schools_requests(school, other_school):
    director = member(Role.DIRECTOR, school)
    own = LeaveRequestFactory(school=school)
    foreign = LeaveRequestFactory(school=other_school)
    assert leave_permissions.can_decide_leave(director, own)
    assert not leave_permissions.can_decide_leave(director, foreign)
    assert not leave_permissions.can_view_leave_request(director, foreign)
    assert set(leave_permissions.leave_requests_visible_to(director)) == {own}


def test_deputy_agrees_cover_but_does_not_decide(school, other_school):
    deputy = member(Role.DEPUTY, school)
    own = LeaveRequestFactory(school=school)
    assert leave_permissions.can_agree_cover(deputy, own)
    assert not leave_permissions.can_decide_leave(deputy, own)
    assert not leave_permissions.can_agree_cover(deputy, LeaveRequestFactory(school=other_school))


def test_centre_staff_manage_only_their_centres_events():
    centre = CentreFactory()
    staff = member(Role.CENTRE_STAFF, centre)
    own = EventFactory(organiser=centre)
    foreign = EventFactory()
    assert event_permissions.can_manage_events(staff)
    assert event_permissions.can_manage_event(staff, own)
    assert not event_permissions.can_manage_event(staff, foreign)
    assert list(event_permissions.events_managed_by(staff)) == [own]


def test_lecturer_takes_attendance_only_at_own_events():
    lecturer = member(Role.LECTURER)
    own = EventFactory()
    own.lecturers.add(lecturer)
    other = EventFactory()
    assert event_permissions.can_take_attendance(lecturer, own)
    assert not event_permissions.can_take_attendance(lecturer, other)
    assert not event_permissions.can_manage_event(lecturer, own)


def test_administrator_sees_district_money_and_reports(school, other_school):
    admin = member(Role.ADMINISTRATOR)
    sources = [FundingSourceFactory(owner=school), FundingSourceFactory(owner=other_school)]
    assert funding_permissions.can_view_district_reports(admin)
    assert all(funding_permissions.can_view_funding_source(admin, s) for s in sources)
    assert set(funding_permissions.funding_sources_visible_to(admin)) == set(sources)
    assert not funding_permissions.can_manage_funding_source(admin, sources[0])


def test_director_sees_only_own_schools_money(school, other_school):
    director = member(Role.DIRECTOR, school)
    own = FundingSourceFactory(owner=school)
    foreign = FundingSourceFactory(owner=other_school)
    assert funding_permissions.can_view_funding_source(director, own)
    assert not funding_permissions.can_view_funding_source(director, foreign)
    assert list(funding_permissions.funding_sources_visible_to(director)) == [own]
    assert not funding_permissions.can_view_district_reports(director)


def test_teacher_records_are_visible_to_own_school_heads_only(school, other_school):
    t = teacher(school)
    other_teacher = teacher(school)
    assert people_permissions.can_view_teacher_record(t, t)
    assert not people_permissions.can_view_teacher_record(other_teacher, t)
    assert people_permissions.can_view_teacher_record(member(Role.DEPUTY, school), t)
    assert not people_permissions.can_view_teacher_record(member(Role.DIRECTOR, other_school), t)
    assert people_permissions.can_view_teacher_record(member(Role.ADMINISTRATOR), t)


def test_outside_certificate_private_to_teacher_and_school_heads(school, other_school):
    t = teacher(school)
    upload = OutsideCertificateFactory(teacher=t)
    assert certificate_permissions.can_view_outside_certificate(t, upload)
    assert not certificate_permissions.can_view_outside_certificate(teacher(school), upload)
    assert certificate_permissions.can_view_outside_certificate(member(Role.DIRECTOR, school), upload)
    assert not certificate_permissions.can_view_outside_certificate(member(Role.DIRECTOR, other_school), upload)
    assert not certificate_permissions.can_recognise_outside_certificate(t, upload)
    assert certificate_permissions.can_recognise_outside_certificate(member(Role.DEPUTY, school), upload)


def test_teacher_in_two_schools_is_visible_to_both_heads(school, other_school):
    t = teacher(school)
    MembershipFactory(user=t, organisation=other_school, role=Role.TEACHER)
    assert people_permissions.can_view_teacher_record(member(Role.DIRECTOR, school), t)
    assert people_permissions.can_view_teacher_record(member(Role.DIRECTOR, other_school), t)


def test_inactive_membership_grants_nothing(school):
    director = UserFactory()
    MembershipFactory(user=director, organisation=school, role=Role.DIRECTOR, is_active=False)
    assert not leave_permissions.can_decide_leave(director, LeaveRequestFactory(school=school))


def test_cancel_registration_own_or_centre_staff():
    registration = RegistrationFactory()
    assert event_permissions.can_cancel_registration(registration.teacher, registration)
    assert not event_permissions.can_cancel_registration(teacher(), registration)
    staff = member(Role.CENTRE_STAFF, registration.event.organiser)
    assert event_permissions.can_cancel_registration(staff, registration)


def test_anonymous_user_may_do_nothing():
    anonymous = AnonymousUser()
    request = LeaveRequestFactory()
    assert not leave_permissions.can_view_leave_request(anonymous, request)
    assert not roles.is_teacher(anonymous)
    assert not leave_permissions.leave_requests_visible_to(anonymous).exists()
