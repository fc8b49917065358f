"""A director's own leave request goes to the municipality; nobody decides or pays for themselves; a
teacher of two schools chooses the school."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from funding import services as funding
from leave import permissions as leave_permissions
from leave import selectors
from leave.models import LeaveRequest
from leave.services.errors import NotAllowed
from people.models import Role
from tests import factories as f
from workflows.leave_requests import approve_request as approve

pytestmark = pytest.mark.django_db
S = LeaveRequest.Status


@pytest.fixture
def district():
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    f.MembershipFactory(user=director, organisation=school, role=Role.TEACHER)
    co_director = f.member(Role.DIRECTOR, school)
    administrator = f.member(Role.ADMINISTRATOR)
    own = f.LeaveRequestFactory(school=school, teacher=director, status=S.SUBMITTED, during_lessons=False)
    return school, director, co_director, administrator, own


def test_a_directors_own_request_is_decided_only_by_the_municipality(district, client):
    school, director, co_director, administrator, own = district
    assert not leave_permissions.can_decide_leave(director, own)
    assert not leave_permissions.can_decide_leave(co_director, own)
    assert leave_permissions.can_decide_leave(administrator, own)
    assert own not in selectors.awaiting_decision(director) and own not in selectors.awaiting_decision(co_director)
    assert list(selectors.awaiting_municipality(administrator)) == [own]
    with pytest.raises(NotAllowed):
        approve(leave_request=own, by=director, warnings_seen=True)
    client.force_login(director)
    assert client.post(reverse("leave:decide", args=[own.pk]), {"note": "x"}).status_code == 403
    client.force_login(administrator)
    assert client.get(reverse("leave:municipality_queue")).status_code == 200
    assert own.event_title in client.get(reverse("leave:municipality_queue")).content.decode()
    approve(leave_request=own, by=administrator, warnings_seen=True)
    own.refresh_from_db()
    assert own.status == S.APPROVED and own.decided_by == administrator


def test_the_municipality_does_not_decide_a_teachers_request(district):
    school, director, co_director, administrator, own = district
    teachers = f.LeaveRequestFactory(school=school, status=S.SUBMITTED, during_lessons=False)
    assert leave_permissions.can_decide_leave(director, teachers)
    assert not leave_permissions.can_decide_leave(administrator, teachers)
    assert teachers not in selectors.awaiting_municipality(administrator)
    assert not leave_permissions.can_view_leave_request(administrator, teachers)


def test_the_municipality_is_told_of_a_directors_request(district):
    school, director, co_director, administrator, own = district
    assert set(selectors.deciders(own)) == {administrator}
    teachers = f.LeaveRequestFactory(school=school, status=S.SUBMITTED, during_lessons=False)
    assert set(selectors.deciders(teachers)) == {director, co_director}


def test_nobody_commits_the_schools_money_to_themselves(district):
    school, director, co_director, administrator, own = district
    source = f.FundingSourceFactory(owner=school, amount=Decimal("500"))
    with pytest.raises(funding.SelfCommitment):
        funding.commit(source=source, amount=Decimal("10"), by=director, teacher=director)
    with pytest.raises(funding.SelfCommitment):
        funding.commit(source=source, amount=Decimal("10"), by=director, leave_request=own)
    assert funding.commit(source=source, amount=Decimal("10"), by=administrator, leave_request=own)


def test_a_teacher_of_two_schools_chooses_the_school(client):
    first, second, stranger = f.SchoolFactory(), f.SchoolFactory(), f.SchoolFactory()
    teacher = f.teacher(first)
    f.MembershipFactory(user=teacher, organisation=second, role=Role.TEACHER)
    client.force_login(teacher)
    page = client.get(reverse("leave:create_outside")).content.decode()
    assert 'id="request-school"' in page
    start = (f.today() + dt.timedelta(days=20)).isoformat()
    data = {"title": "Kursai", "organiser_name": "Universitetas", "place": "Kaunas", "country": "LT",
            "starts_on": start, "ends_on": start, "academic_hours": "6", "cost": "0", "reason": "",
            "during_lessons": "", "intent": "draft", "school": second.pk}
    response = client.post(reverse("leave:create_outside"), data)
    assert response.status_code == 302
    assert LeaveRequest.objects.get(teacher=teacher).school == second
    data["school"] = stranger.pk
    assert client.post(reverse("leave:create_outside"), data).status_code == 404


def test_a_director_asks_for_leave_and_the_municipality_gets_it(client):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    administrator = f.member(Role.ADMINISTRATOR)
    client.force_login(director)
    assert client.get(reverse("leave:create_outside")).status_code == 200
    start = (f.today() + dt.timedelta(days=20)).isoformat()
    response = client.post(reverse("leave:create_outside"), {
        "title": "Vadovų forumas", "organiser_name": "Ministerija", "place": "Vilnius", "country": "LT",
        "starts_on": start, "ends_on": start, "academic_hours": "6", "cost": "0", "reason": "",
        "during_lessons": "", "intent": "submit"})
    assert response.status_code == 302
    own = LeaveRequest.objects.get(teacher=director)
    assert own.school == school and own.status == S.SUBMITTED
    assert not leave_permissions.can_decide_leave(director, own)
    assert list(selectors.awaiting_municipality(administrator)) == [own]
