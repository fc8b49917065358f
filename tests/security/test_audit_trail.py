"""The audit trail: approvals, money and certificates leave history rows naming who did it, recorded
through the views (HistoryRequestMiddleware supplies the signed-in user)."""

from decimal import Decimal

import pytest

from certificates.models import Certificate
from funding.models import Expense
from leave.models import LeaveRequest
from people.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_leave_approval_is_recorded_with_the_director_who_gave_it(client):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    source = f.FundingSourceFactory(owner=school, amount=Decimal("500"))
    leave_request = f.LeaveRequestFactory(school=school, status=LeaveRequest.Status.SUBMITTED,
                                          cost=Decimal("40"), funding_source=source)
    client.force_login(director)
    response = client.post(f"/prasymai/{leave_request.pk}/sprendimas/",
                           {"funding_source": source.pk, "note": "Pritariu", "warnings_seen": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    leave_request.refresh_from_db()
    assert leave_request.status == LeaveRequest.Status.APPROVED
    last = leave_request.history.order_by("-history_date").first()
    assert last.status == LeaveRequest.Status.APPROVED
    assert last.history_user == director
    # The approval committed the money; that row names the director too.
    expense = Expense.objects.get(leave_request=leave_request)
    assert expense.history.order_by("-history_date").first().history_user == director


def test_a_money_commitment_is_recorded_with_the_person_who_made_it(client):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    source = f.FundingSourceFactory(owner=school, amount=Decimal("500"))
    client.force_login(director)
    response = client.post(f"/lesos/saltiniai/{source.pk}/", {
        "action": "commit", "amount": "120,50", "description": "Seminaro mokestis"})
    assert response.status_code == 302, response.content.decode()[:2000]
    expense = Expense.objects.get(source=source)
    assert expense.amount == Decimal("120.50")
    created = expense.history.get(history_type="+")
    assert created.history_user == director


def test_a_certificate_revocation_is_recorded_with_the_staff_member_who_revoked_it(client):
    certificate = f.CertificateFactory()
    staff = f.member(Role.CENTRE_STAFF, certificate.issuer)
    client.force_login(staff)
    response = client.post(f"/centras/pazymejimai/{certificate.pk}/atsaukti/", {"reason": "Klaidingi duomenys"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    last = certificate.history.order_by("-history_date").first()
    assert last.history_user == staff
    assert last.revoked_at is not None
    assert Certificate.history.filter(id=certificate.pk, history_user=staff).exists()
