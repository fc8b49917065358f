"""One audit trail (kvalifikacija.audit) for approvals, registrations, money and certificates: who, when,
what changed (before → after, in display values) and why, readable on each object's history page by
those who may see the object, in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import issuing
from certificates.views.history import certificate_trail
from events.models import Registration
from events.services.registration import register
from events.views.history import registration_trail
from funding import services as funding
from funding.history_views import source_trail
from funding.models import Expense
from kvalifikacija import audit
from leave import selectors
from leave.models import LeaveRequest
from people.models import Role
from tests import factories as f
from workflows import leave_requests, places, seat_holds

pytestmark = pytest.mark.django_db

S = LeaveRequest.Status


def _status(row):
    change = row.change_of("status")
    return (str(change.before), str(change.after)) if change else None


def _submitted_request(school, source, cost="40"):
    return f.LeaveRequestFactory(school=school, status=S.SUBMITTED, cost=Decimal(cost), funding_source=source)


def test_approving_a_leave_request_records_who_when_the_status_before_and_after_and_the_note(client):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    source = f.FundingSourceFactory(owner=school, amount=Decimal("500"))
    leave_request = _submitted_request(school, source)
    client.force_login(director)
    before = timezone.now()
    response = client.post(f"/prasymai/{leave_request.pk}/sprendimas/",
                           {"funding_source": source.pk, "note": "Pritariu", "warnings_seen": "on"})
    assert response.status_code == 302

    last = selectors.request_trail(leave_request)[-1]
    assert last.who == str(director)
    assert last.when >= before
    assert _status(last) == (str(S.SUBMITTED.label), str(S.APPROVED.label))
    assert last.reason == "Pritariu"
    # The teacher reads the same on the request's history page.
    client.force_login(leave_request.teacher)
    page = client.get(f"/prasymai/{leave_request.pk}/istorija/").content.decode()
    assert str(director) in page and "Pritariu" in page and str(S.APPROVED.label) in page
    # And on the request's own page, in its record.
    detail = client.get(f"/prasymai/{leave_request.pk}/").content.decode()
    assert "audit-trail" in detail and f"/prasymai/{leave_request.pk}/istorija/" in detail


def test_a_registration_given_up_by_the_teacher_names_the_teacher_and_the_reason():
    registration = f.RegistrationFactory(status=Registration.Status.CONFIRMED)
    places.give_up_place(registration=registration, by=registration.teacher, reason="Susirgau")

    last = registration_trail(registration)[-1]
    assert last.who == str(registration.teacher)
    assert _status(last) == (str(Registration.Status.CONFIRMED.label), str(Registration.Status.CANCELLED.label))
    assert last.reason == "Susirgau"


def test_a_seat_hold_expired_by_the_scheduled_job_is_the_systems_change():
    registration = f.RegistrationFactory(status=Registration.Status.PENDING, needs_approval=True)
    Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now() - dt.timedelta(days=10))
    assert seat_holds.expire_held_seats() == 1

    last = registration_trail(registration)[-1]
    assert last.who == str(audit.SYSTEM)
    assert _status(last) == (str(Registration.Status.PENDING.label), str(Registration.Status.CANCELLED.label))
    assert last.reason


def test_a_new_registration_names_who_took_the_place():
    teacher = f.teacher()
    event = f.EventFactory()
    registration = register(event=event, teacher=teacher)
    first = registration_trail(registration)[0]
    assert first.who == str(teacher)
    assert _status(first) == (audit.EMPTY, str(Registration.Status.CONFIRMED.label))


def test_money_committed_and_released_shows_on_the_sources_history(client):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    source = f.FundingSourceFactory(owner=school, amount=Decimal("500"))
    leave_request = _submitted_request(school, source, cost="120.50")
    leave_requests.approve_request(leave_request=leave_request, by=director, warnings_seen=True)
    leave_requests.reject_request(leave_request=leave_request, by=director, reason="Renginys atšauktas")

    rows = [row for row in source_trail(source) if row.subject]
    committed, released = rows[-2], rows[-1]
    assert committed.who == str(director) and committed.change_of("amount").after == Decimal("120.50")
    assert _status(committed) == (audit.EMPTY, str(Expense.Status.COMMITTED.label))
    assert _status(released) == (str(Expense.Status.COMMITTED.label), str(Expense.Status.RELEASED.label))
    assert "Renginys atšauktas" in released.reason
    assert Expense.objects.get(leave_request=leave_request).status == Expense.Status.RELEASED

    client.force_login(director)
    page = client.get(f"/lesos/saltiniai/{source.pk}/istorija/").content.decode()
    assert "120,50" in page and "Renginys atšauktas" in page
    assert f"/lesos/saltiniai/{source.pk}/istorija/" in client.get(f"/lesos/saltiniai/{source.pk}/").content.decode()


def test_a_payment_recorded_names_who_recorded_it():
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    source = f.FundingSourceFactory(owner=school, amount=Decimal("500"))
    expense = funding.commit(source=source, amount="50", by=director, description="Kursai")
    funding.mark_paid(expense=expense, paid_on=timezone.localdate(), document_number="SF-12", by=director)

    last = source_trail(source)[-1]
    assert last.who == str(director)
    assert _status(last) == (str(Expense.Status.COMMITTED.label), str(Expense.Status.SPENT.label))
    assert last.change_of("document_number").after == "SF-12"


def test_a_certificate_revoked_shows_who_and_the_reason(client):
    certificate = f.CertificateFactory()
    staff = f.member(Role.CENTRE_STAFF, certificate.issuer)
    issuing.revoke_certificate(certificate=certificate, by=staff, reason="Klaidingi duomenys")

    last = certificate_trail(certificate)[-1]
    assert last.who == str(staff)
    assert _status(last) == (str(Certificate.Status.VALID.label), str(Certificate.Status.REVOKED.label))
    assert last.reason == "Klaidingi duomenys"
    client.force_login(certificate.holder)
    page = client.get(f"/pazymejimas/{certificate.pk}/istorija/").content.decode()
    assert "Klaidingi duomenys" in page and str(staff) in page


def test_people_who_may_not_see_an_object_may_not_see_its_history(client):
    school, other_school = f.SchoolFactory(), f.SchoolFactory()
    source = f.FundingSourceFactory(owner=school, amount=Decimal("500"))
    leave_request = _submitted_request(school, source)
    registration = f.RegistrationFactory(school=school)
    certificate = f.CertificateFactory()

    client.force_login(f.member(Role.DIRECTOR, other_school))
    assert client.get(f"/prasymai/{leave_request.pk}/istorija/").status_code == 404
    assert client.get(f"/lesos/saltiniai/{source.pk}/istorija/").status_code == 404
    assert client.get(f"/registracijos/{registration.pk}/istorija/").status_code == 404
    client.force_login(f.teacher(school))
    assert client.get(f"/registracijos/{registration.pk}/istorija/").status_code == 404
    assert client.get(f"/pazymejimas/{certificate.pk}/istorija/").status_code == 403
    assert client.get(f"/lesos/saltiniai/{source.pk}/istorija/").status_code == 403


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_history_page_takes_the_same_queries_for_a_short_and_a_long_history(client, django_assert_max_num_queries):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    source = f.FundingSourceFactory(owner=school, amount=Decimal("5000"))
    first = funding.commit(source=source, amount="10", by=director, description="Pirmas")
    funding.release(expense=first, by=director)
    client.force_login(director)
    url = f"/lesos/saltiniai/{source.pk}/istorija/"
    short = _queries(client, url)
    for n in range(12):
        expense = funding.commit(source=source, amount="10", by=director, description=f"Kursai {n}")
        funding.release(expense=expense, by=f.member(Role.DIRECTOR, school))
    assert _queries(client, url) == short
    with django_assert_max_num_queries(short):
        client.get(url)


def test_who_and_why_belong_to_one_save_and_do_not_carry_over_to_the_next():
    leave_request = f.LeaveRequestFactory()
    director = f.member(Role.DIRECTOR, leave_request.school)
    audit.attribute(leave_request, by=director, reason="Suderinta su pavaduotoja")
    leave_request.save()
    first = audit.last_record(leave_request)
    assert (first.history_user, first.history_change_reason) == (director, "Suderinta su pavaduotoja")
    leave_request.save()
    second = audit.last_record(leave_request)
    assert second.pk != first.pk
    assert second.history_user != director and not second.history_change_reason
