"""The permission module: one test per role, with the wrong-school and wrong-teacher cases."""

import pytest
from django.contrib.auth.models import AnonymousUser

from people import permissions as p
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
    assert p.can_view_leave_request(own.teacher, own)
    assert not p.can_view_leave_request(own.teacher, colleague)
    assert list(p.leave_requests_visible_to(own.teacher)) == [own]


def test_teacher_cannot_decide_own_request(school):
    request = LeaveRequestFactory(school=school)
    assert not p.can_decide_leave(request.teacher, request)
    assert not p.can_agree_cover(request.teacher, request)


def test_director_decides_only_own_schools_requests(school, other_school):
    director = member(Role.DIRECTOR, school)
    own = LeaveRequestFactory(school=school)
    foreign = LeaveRequestFactory(school=other_school)
    assert p.can_decide_leave(director, own)
    assert not p.can_decide_leave(director, foreign)
    assert not p.can_view_leave_request(director, foreign)
    assert set(p.leave_requests_visible_to(director)) == {own}


def test_deputy_agrees_cover_but_does_not_decide(school, other_school):
    deputy = member(Role.DEPUTY, school)
    own = LeaveRequestFactory(school=school)
    assert p.can_agree_cover(deputy, own)
    assert not p.can_decide_leave(deputy, own)
    assert not p.can_agree_cover(deputy, LeaveRequestFactory(school=other_school))


def test_centre_staff_manage_only_their_centres_events():
    centre = CentreFactory()
    staff = member(Role.CENTRE_STAFF, centre)
    own = EventFactory(organiser=centre)
    foreign = EventFactory()
    assert p.can_manage_events(staff)
    assert p.can_manage_event(staff, own)
    assert not p.can_manage_event(staff, foreign)
    assert list(p.events_managed_by(staff)) == [own]


def test_lecturer_takes_attendance_only_at_own_events():
    lecturer = member(Role.LECTURER)
    own = EventFactory()
    own.lecturers.add(lecturer)
    other = EventFactory()
    assert p.can_take_attendance(lecturer, own)
    assert not p.can_take_attendance(lecturer, other)
    assert not p.can_manage_event(lecturer, own)


def test_administrator_sees_district_money_and_reports(school, other_school):
    admin = member(Role.ADMINISTRATOR)
    sources = [FundingSourceFactory(owner=school), FundingSourceFactory(owner=other_school)]
    assert p.can_view_district_reports(admin)
    assert all(p.can_view_funding_source(admin, s) for s in sources)
    assert set(p.funding_sources_visible_to(admin)) == set(sources)
    assert not p.can_manage_funding_source(admin, sources[0])


def test_director_sees_only_own_schools_money(school, other_school):
    director = member(Role.DIRECTOR, school)
    own = FundingSourceFactory(owner=school)
    foreign = FundingSourceFactory(owner=other_school)
    assert p.can_view_funding_source(director, own)
    assert not p.can_view_funding_source(director, foreign)
    assert list(p.funding_sources_visible_to(director)) == [own]
    assert not p.can_view_district_reports(director)


def test_teacher_records_are_visible_to_own_school_heads_only(school, other_school):
    t = teacher(school)
    other_teacher = teacher(school)
    assert p.can_view_teacher_record(t, t)
    assert not p.can_view_teacher_record(other_teacher, t)
    assert p.can_view_teacher_record(member(Role.DEPUTY, school), t)
    assert not p.can_view_teacher_record(member(Role.DIRECTOR, other_school), t)
    assert p.can_view_teacher_record(member(Role.ADMINISTRATOR), t)


def test_outside_certificate_private_to_teacher_and_school_heads(school, other_school):
    t = teacher(school)
    upload = OutsideCertificateFactory(teacher=t)
    assert p.can_view_outside_certificate(t, upload)
    assert not p.can_view_outside_certificate(teacher(school), upload)
    assert p.can_view_outside_certificate(member(Role.DIRECTOR, school), upload)
    assert not p.can_view_outside_certificate(member(Role.DIRECTOR, other_school), upload)
    assert not p.can_recognise_outside_certificate(t, upload)
    assert p.can_recognise_outside_certificate(member(Role.DEPUTY, school), upload)


def test_teacher_in_two_schools_is_visible_to_both_heads(school, other_school):
    t = teacher(school)
    MembershipFactory(user=t, organisation=other_school, role=Role.TEACHER)
    assert p.can_view_teacher_record(member(Role.DIRECTOR, school), t)
    assert p.can_view_teacher_record(member(Role.DIRECTOR, other_school), t)


def test_inactive_membership_grants_nothing(school):
    director = UserFactory()
    MembershipFactory(user=director, organisation=school, role=Role.DIRECTOR, is_active=False)
    assert not p.can_decide_leave(director, LeaveRequestFactory(school=school))


def test_cancel_registration_own_or_centre_staff():
    registration = RegistrationFactory()
    assert p.can_cancel_registration(registration.teacher, registration)
    assert not p.can_cancel_registration(teacher(), registration)
    staff = member(Role.CENTRE_STAFF, registration.event.organiser)
    assert p.can_cancel_registration(staff, registration)


def test_anonymous_user_may_do_nothing():
    anonymous = AnonymousUser()
    request = LeaveRequestFactory()
    assert not p.can_view_leave_request(anonymous, request)
    assert not p.is_teacher(anonymous)
    assert not p.leave_requests_visible_to(anonymous).exists()
