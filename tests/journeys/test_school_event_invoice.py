"""In Chromium: a school proposes its own seminar, the centre approves its support, a teacher of that
school registers, and the centre invoices the school and marks the invoice paid."""

import datetime as dt
from decimal import Decimal

import pytest

from events.models import Event, Registration
from events.services import registration as signup
from funding.models import Expense, FundingKind, Invoice
from partnerships.models import SchoolEventProposal
from people.models import Role
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_schools_own_seminar_from_proposal_to_a_paid_invoice(page, sign_in):
    centre = f.CentreFactory(name="Pavyzdžio švietimo centras")
    school = f.SchoolFactory(name="Ąžuolyno progimnazija")
    director = f.member(Role.DIRECTOR, school)
    staff = f.member(Role.CENTRE_STAFF, centre)
    own_teacher = f.teacher(school)
    f.FundingSourceFactory(owner=centre, kind=FundingKind.PERSONAL, year=dt.date.today().year)
    day = dt.date.today() + dt.timedelta(days=21)

    # The director proposes the school's seminar.
    sign_in(director)
    page.goto("/mokykla/renginiai/naujas/")
    page.fill("#id_title", "Seminaras „Mokomės vieni iš kitų“")
    page.select_option("#id_form", "seminaras")
    page.fill("#id_date", day.isoformat())
    page.fill("#id_start_time", "13:00")
    page.fill("#id_end_time", "16:00")
    page.fill("#id_place", "Ąžuolyno progimnazija, aktų salė")
    page.fill("#id_academic_hours", "4")
    page.fill("#id_seats", "25")
    page.fill("#id_fee", "20,00")
    page.select_option("#id_audience", "own")
    page.fill("#id_support_requested", "Lektorius ir pažymėjimai")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/mokykla/renginiai/")
    proposal = SchoolEventProposal.objects.get()

    # The centre approves its support: the seminar is published as the school's event.
    page.context.clear_cookies()
    sign_in(staff)
    page.goto("/centras/mokyklu-renginiai/")
    page.get_by_role("link", name="Seminaras „Mokomės vieni iš kitų“").click()
    page.wait_for_load_state()
    page.fill("#id_support_lecturer", "dr. Jonas Jonaitis")
    page.check("#id_support_certificates")
    page.locator("form:has(input[value=approve]) button[type=submit]").click()
    page.wait_for_load_state()
    proposal.refresh_from_db()
    assert proposal.status == SchoolEventProposal.Status.APPROVED
    event = proposal.event
    assert event.status == Event.Status.PUBLISHED and event.host_school == school

    # A teacher of the school registers for it from the catalogue.
    page.context.clear_cookies()
    sign_in(own_teacher)
    page.goto("/renginiai/")
    assert "Ąžuolyno progimnazija" in page.locator("main").inner_text()
    page.goto(f"/renginiai/{event.pk}/")
    page.click("#register-button")
    page.wait_for_load_state()
    registration = Registration.objects.get(event=event, teacher=own_teacher)
    assert registration.school == school
    # A paid seminar holds the seat until the director approves the leave (its own journey is tested
    # elsewhere); the approval confirms the place.
    signup.approve_registration(registration=registration)

    # The centre invoices the school and marks the invoice paid.
    page.context.clear_cookies()
    sign_in(staff)
    page.goto(f"/lesos/saskaitos/?year={event.plan_year}")
    page.select_option("#id_event", str(event.pk))
    page.locator("form[action$='/saskaitos/israsyti/'] button[type=submit]").click()
    page.wait_for_load_state()
    invoice = Invoice.objects.get()
    assert invoice.payer_school == school and invoice.total == Decimal("20.00")
    page.get_by_role("link", name=invoice.number).click()
    page.wait_for_load_state()
    assert "dvidešimt eurų 00 ct" in page.locator("main").inner_text()
    page.locator("form[action$='/siusti/'] button").click()
    page.wait_for_load_state()
    page.locator("form[action$='/apmoketa/'] button").click()
    page.wait_for_load_state()
    invoice.refresh_from_db()
    assert invoice.is_paid and invoice.sent_at is not None
    income = Expense.objects.get(registration=registration, direction=Expense.Direction.INCOME)
    assert income.amount == Decimal("20.00") and income.document_number == invoice.number

    # The school's director sees the invoice.
    page.context.clear_cookies()
    sign_in(director)
    page.goto("/lesos/saskaitos/")
    assert invoice.number in page.locator("main").inner_text()
