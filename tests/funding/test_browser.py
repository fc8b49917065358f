"""The director's and the administrator's journeys through the money pages, in Chromium."""

import datetime as dt
from decimal import Decimal as D

import pytest

from funding.models import FundingKind
from people.models import Role
from tests.factories import ExpenseFactory, FundingSourceFactory, SchoolFactory, member, teacher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_amends_a_source_pays_a_commitment_and_opens_the_year_end_report(page, sign_in):
    school = SchoolFactory(name="Ąžuolyno progimnazija")
    director = member(Role.DIRECTOR, school)
    year = dt.date.today().year
    source = FundingSourceFactory(owner=school, kind=FundingKind.TEACHING_FUNDS, name="Mokymo lėšos",
                                  year=year, amount=D("1500.00"))
    ExpenseFactory(source=source, amount=D("120.00"), teacher=teacher(school), description="Seminaras")
    sign_in(director)
    page.goto("/lesos/")
    assert "1 380,00 €" in page.locator("main").inner_text()
    page.get_by_role("link", name="Mokymo lėšos").first.click()
    page.locator("#amend-title").scroll_into_view_if_needed()
    page.fill("#amend_amount", "250,50")
    page.fill("#amend_reason", "Papildomas finansavimas")
    page.locator("form:has(input[value=amend]) button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#source-left").inner_text() == "1 630,50 €"
    page.fill("input[name=document_number]", "SF-2026-15")
    page.fill("input[name=paid_on]", f"{year}-03-02")
    page.get_by_role("button", name="Mark paid").or_(page.get_by_role("button", name="Pažymėti apmokėtą")).click()
    page.wait_for_load_state()
    assert "SF-2026-15" in page.locator("main").inner_text()
    page.goto(f"/lesos/ataskaitos/{school.pk}/{year}/metu-pabaiga/")
    assert page.locator("#total-spent").inner_text() == "120,00 €"
    assert page.locator("#total-left").inner_text() == "1 630,50 €"


def test_administrator_sees_district_charts_without_script_errors(page, sign_in):
    school = SchoolFactory(name="Šilo gimnazija")
    FundingSourceFactory(owner=school, year=dt.date.today().year, amount=D("900.00"))
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(member(Role.ADMINISTRATOR))
    page.goto("/lesos/rajonas/")
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-schools'))")
    assert "900,00 €" in page.locator("#district-table").inner_text()
    assert not errors
