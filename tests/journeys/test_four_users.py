"""The four users' journeys in Chromium: a teacher finds and registers for a seminar; centre staff
publish the yearly plan and download its PDF; a director approves a leave request; an administrator
opens the district budget report and downloads the spreadsheet."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from pypdf import PdfReader

from events.models import Registration, YearPlan
from funding.models import Expense, FundingKind
from leave.models import LeaveRequest
from people.models import Role
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_teacher_filters_the_catalogue_and_registers_for_a_seminar(page, sign_in):
    centre = f.CentreFactory()
    wanted = f.EventFactory(organiser=centre, title="Seminaras „Vertinimas pamokoje“", form="seminaras",
                            outside_working_hours=True, seats=10)
    f.EventFactory(organiser=centre, title="Konferencija „Mokykla 2030“", form="konferencija")
    school = f.SchoolFactory()
    person = f.teacher(school)
    sign_in(person)

    page.goto("/renginiai/")
    page.select_option("#id_form", "seminaras")
    page.fill("#id_q", "Vertinimas")
    page.locator("#id_q").press("Enter")
    page.wait_for_load_state()
    main = page.locator("main")
    assert "Vertinimas pamokoje" in main.inner_text()
    assert "Mokykla 2030" not in main.inner_text()

    page.get_by_role("link", name="Seminaras „Vertinimas pamokoje“").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/renginiai/{wanted.pk}/")
    page.click("#register-button")
    page.wait_for_load_state()
    assert page.locator("#registration-panel .badge.text-bg-success").count() == 1
    registration = Registration.objects.get(event=wanted, teacher=person)
    assert registration.status == Registration.Status.CONFIRMED

    page.goto("/mano/renginiai/")
    assert "Vertinimas pamokoje" in page.locator("main").inner_text()


def test_centre_staff_publish_the_yearly_plan_and_download_its_pdf(page, sign_in):
    centre = f.CentreFactory()
    year = dt.date.today().year
    for n in range(3):
        f.EventFactory(organiser=centre, title=f"Kursai „Skaitmeninė mokykla“ {n + 1}",
                       starts_on=dt.date(year, 12, 1) + dt.timedelta(days=n))
    staff = f.member(Role.CENTRE_STAFF, centre)
    sign_in(staff)

    page.goto(f"/centras/planas/?year={year}")
    title = page.locator("#id_title")
    if title.count():
        title.fill(f"Kvalifikacijos renginių planas {year}")
    page.click("#publish-plan")
    page.wait_for_load_state()
    plan = YearPlan.objects.get(organiser=centre, year=year)
    assert plan.is_published
    # The PDF is built in the background (eagerly here); the status part shows the link when it is ready.
    link = page.locator(f"#plan-build-status a[href='/planas/{year}.pdf']")
    link.wait_for(timeout=60_000)
    assert link.inner_text() in {"Atidaryti PDF", "Open the PDF"}
    href = link.get_attribute("href")
    response = page.context.request.get(href)
    assert response.ok
    assert response.headers["content-type"].startswith("application/pdf")
    body = response.body()
    assert body.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(body)).pages)
    assert "Skaitmeninė mokykla" in text


def test_director_approves_a_leave_request(page, sign_in):
    school = f.SchoolFactory()
    director = f.member(Role.DIRECTOR, school)
    source = f.FundingSourceFactory(owner=school, amount=Decimal("800.00"), name="Mokymo lėšos kvalifikacijai")
    asking = f.teacher(school, first_name="Rūta", last_name="Žemaitytė")
    request = f.LeaveRequestFactory(school=school, teacher=asking, status=LeaveRequest.Status.SUBMITTED,
                                    cost=Decimal("60.00"), funding_source=source,
                                    title="Konferencija „Įtraukusis ugdymas“")
    sign_in(director)

    page.goto("/prasymai/direktoriui/")
    assert "Įtraukusis ugdymas" in page.locator("main").inner_text()
    page.click(f"a[href='/prasymai/{request.pk}/sprendimas/']")
    page.wait_for_load_state()
    page.fill("#id_note", "Pritariu.")
    checkbox = page.locator("#id_warnings_seen")
    if checkbox.count():
        checkbox.check()
    page.click("button[name=action][value=approve]")
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == LeaveRequest.Status.APPROVED
    assert Expense.objects.get(leave_request=request).amount == Decimal("60.00")
    assert page.url.endswith("/prasymai/direktoriui/")


def test_administrator_opens_the_district_report_and_downloads_the_spreadsheet(page, sign_in):
    year = dt.date.today().year
    school = f.SchoolFactory(name="Šilo gimnazija")
    source = f.FundingSourceFactory(owner=school, year=year, kind=FundingKind.TEACHING_FUNDS,
                                    amount=Decimal("1200.00"))
    f.ExpenseFactory(source=source, amount=Decimal("150.00"))
    administrator = f.member(Role.ADMINISTRATOR)
    sign_in(administrator)

    page.goto("/lesos/rajonas/")
    assert "Šilo gimnazija" in page.locator("main").inner_text()
    # A small district's spreadsheet is built at once and downloads straight away (a large one is built by
    # the worker and appears in the list of exports).
    with page.expect_download(timeout=60_000) as info:
        page.click("button[name=fmt][value=xlsx]")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as handle:
        workbook = openpyxl.load_workbook(BytesIO(handle.read()))
    cells = [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert any("Šilo gimnazija" in c for c in cells)

