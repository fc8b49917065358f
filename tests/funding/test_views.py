"""Money pages: who sees what, the actions, the exports, and constant query counts."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from funding import exports
from funding.models import Expense, FundingAmendment, FundingKind, FundingSource, ReportExport
from people.models import Role
from tests.factories import (
    CentreFactory,
    EventFactory,
    ExpenseFactory,
    FundingSourceFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
    teacher,
)

from .data import YEAR, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build()


def report_urls(org, year=YEAR):
    return [reverse(f"funding:{name}", args=[org.pk, year]) for name in
            ("statement", "statement_pdf", "statement_xlsx", "year_end", "year_end_pdf", "year_end_xlsx")]


def all_pages(world):
    return [
        reverse("funding:school_overview"), reverse("funding:source_detail", args=[world["s1"].pk]),
        *report_urls(world["school"])[:1], reverse("funding:district_report"), reverse("funding:centre_fees"),
    ]


def test_a_teacher_gets_403_on_every_funding_page(client, world):
    client.force_login(world["teachers"][0])
    for url in all_pages(world) + report_urls(world["school"]):
        assert client.get(url).status_code == 403, url


def test_anonymous_people_are_sent_to_sign_in(client, world):
    assert client.get(reverse("funding:school_overview")).status_code == 302


def test_a_director_cannot_see_another_schools_money(client, world):
    client.force_login(world["director"])
    assert client.get(reverse("funding:source_detail", args=[world["sb"].pk])).status_code == 404
    assert client.get(reverse("funding:school_overview"), {"org": world["other"].pk}).status_code == 404
    for url in report_urls(world["other"]):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("funding:district_report")).status_code == 403
    page = client.get(reverse("funding:school_overview"), {"year": YEAR}).content.decode()
    assert "Mokymo lėšos" in page and "1 779,00 €" in page
    assert "Šilo gimnazija" not in page


def test_the_director_sees_own_school_with_balances(client, world):
    client.force_login(world["director"])
    response = client.get(reverse("funding:school_overview"), {"year": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 649,50 €" in html and "2 233,75 €" in html  # planned and left in total
    assert response.context["can_manage"]


def test_a_deputy_sees_but_cannot_manage(client, world):
    client.force_login(world["deputy"])
    assert client.get(reverse("funding:school_overview"), {"year": YEAR}).context["can_manage"] is False
    response = client.post(reverse("funding:source_detail", args=[world["s1"].pk]),
                           {"action": "amend", "date": "2025-07-01", "amount": "10", "reason": "x"})
    assert response.status_code == 403


def test_an_administrator_sees_the_district_but_cannot_edit_a_schools_sources(client, world):
    admin = member(Role.ADMINISTRATOR)
    client.force_login(admin)
    assert client.get(reverse("funding:district_report"), {"year": YEAR}).status_code == 200
    detail = client.get(reverse("funding:source_detail", args=[world["s1"].pk]))
    assert detail.status_code == 200 and detail.context["can_manage"] is False
    response = client.post(reverse("funding:source_detail", args=[world["s1"].pk]),
                           {"action": "amend", "date": "2025-07-01", "amount": "10", "reason": "Papildyta"})
    assert response.status_code == 403
    response = client.post(f"{reverse('funding:school_overview')}?org={world['school'].pk}&year={YEAR}",
                           {"kind": FundingKind.SPONSORS, "amount": "10"})
    assert response.status_code == 403
    assert not FundingAmendment.objects.filter(reason="Papildyta").exists()
    assert client.get(report_urls(world["school"])[0]).status_code == 200


def test_director_adds_a_source_and_a_dated_amendment(client, world):
    client.force_login(world["director"])
    url = f"{reverse('funding:school_overview')}?org={world['school'].pk}&year={YEAR}"
    response = client.post(url, {"kind": FundingKind.SPONSORS, "name": "UAB Rėmėjas", "amount": "1 200,50"})
    assert response.status_code == 302
    source = FundingSource.objects.get(name="UAB Rėmėjas")
    assert (source.amount, source.year, source.owner) == (D("1200.50"), YEAR, world["school"])
    detail = reverse("funding:source_detail", args=[source.pk])
    response = client.post(detail, {"action": "amend", "date": "2025-08-01", "amount": "-200,50", "reason": "Mažiau"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.amount == D("1200.50")
    assert source.amendments.get().amount == D("-200.50")


def test_overspending_in_the_page_says_by_how_much_and_keeps_the_input(client, world):
    client.force_login(world["director"])
    detail = reverse("funding:source_detail", args=[world["s2"].pk])
    response = client.post(detail, {"action": "commit", "amount": "500,00", "description": "Kursai"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "45,25 €" in html and 'value="Kursai"' in html
    response = client.post(detail, {"action": "commit", "amount": "500,00", "description": "Kursai",
                                    "override_reason": "Tarybos sprendimas"})
    assert response.status_code == 302
    assert Expense.objects.get(description="Kursai").override_reason == "Tarybos sprendimas"


def test_director_marks_a_commitment_paid_and_releases_another(client, world):
    client.force_login(world["director"])
    detail = reverse("funding:source_detail", args=[world["s1"].pk])
    committed = Expense.objects.get(source=world["s1"], status=Expense.Status.COMMITTED)
    response = client.post(detail, {"action": "pay", "expense": committed.pk, "paid_on": "2025-05-02",
                                    "document_number": ""})
    assert response.status_code == 400
    response = client.post(detail, {"action": "pay", "expense": committed.pk, "paid_on": "2025-05-02",
                                    "document_number": "SF-77"})
    assert response.status_code == 302
    committed.refresh_from_db()
    assert (committed.status, committed.paid_on, committed.document_number) == (
        Expense.Status.SPENT, dt.date(2025, 5, 2), "SF-77")
    other = ExpenseFactory(source=world["s1"], amount=D("10"))
    assert client.post(detail, {"action": "release", "expense": other.pk}).status_code == 302
    other.refresh_from_db()
    assert other.status == Expense.Status.RELEASED


def test_centre_staff_manage_centre_sources_but_not_schools(client, world):
    client.force_login(world["staff"])
    response = client.get(reverse("funding:school_overview"), {"year": YEAR})
    assert response.context["organisation"] == world["centre"] and response.context["can_manage"]
    assert client.get(reverse("funding:source_detail", args=[world["s1"].pk])).status_code == 404


def test_reports_as_page_pdf_and_spreadsheet(client, world):
    client.force_login(world["director"])
    statement, statement_pdf, statement_xlsx, year_end, year_end_pdf, year_end_xlsx = report_urls(world["school"])
    assert "2 649,50 €" in client.get(statement).content.decode()
    page = client.get(year_end).content.decode()
    assert "1 779,00 €" in page and "59,39 €" in page and "Konferencija Rygoje" in page

    pdf = client.get(year_end_pdf)
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Ąžuolyno progimnazija" in text and "2 233,75 €" in text
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(client.get(statement_pdf).content)).pages)
    assert "Mokymo lėšos" in text and "2 149,50 €" in text

    book = load_workbook(io.BytesIO(client.get(year_end_xlsx).content))
    sheet = book.worksheets[0]
    totals = [row for row in sheet.iter_rows(values_only=True) if row[0] in ("Total", "Iš viso")][0]
    assert [D(str(v)) for v in totals[2:]] == [D("2649.5"), D("0"), D("120"), D("295.75"), D("2233.75")]
    book = load_workbook(io.BytesIO(client.get(statement_xlsx).content))
    planned = {row[0]: row[4] for row in book.worksheets[0].iter_rows(min_row=3, values_only=True)}
    assert D(str(planned["Mokymo lėšos"])) == D("2149.50")


def test_district_page_has_charts_data_and_filters(client, world):
    client.force_login(member(Role.ADMINISTRATOR))
    response = client.get(reverse("funding:district_report"), {"year": YEAR})
    html = response.content.decode()
    assert 'id="district-chart-data"' in html and "js/funding-charts.js" in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "4 649,50 €" in html and "102,25 €" in html and "25,0 %" in html
    assert "<script>" not in html.replace('<script id="district-chart-data" type="application/json">', "")
    response = client.get(reverse("funding:district_report"), {"year": YEAR, "school": world["other"].pk})
    assert [r["name"] for r in response.context["rows"]] == ["Šilo gimnazija"]


def test_small_district_export_is_built_at_once(client, world, monkeypatch):
    monkeypatch.setattr(exports, "ASYNC_EXPORT_MIN_SCHOOLS", 10)
    client.force_login(member(Role.ADMINISTRATOR))
    response = client.post(reverse("funding:district_export"), {"year": YEAR, "fmt": "xlsx"})
    export = ReportExport.objects.get()
    assert response.status_code == 302 and response.url == reverse("funding:export_download", args=[export.pk])
    assert export.status == ReportExport.Status.READY
    book = load_workbook(io.BytesIO(b"".join(client.get(response.url).streaming_content)))
    assert book.worksheets[0].max_row == 6  # title, header, three organisations, total


def test_large_district_export_runs_in_the_background_after_commit(client, world, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    monkeypatch.setattr(exports, "ASYNC_EXPORT_MIN_SCHOOLS", 1)
    admin = member(Role.ADMINISTRATOR)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("funding:district_export"), {"year": YEAR, "fmt": "pdf"})
    export = ReportExport.objects.get()
    assert response.status_code == 302 and export.status == ReportExport.Status.PENDING
    status = client.get(reverse("funding:export_status", args=[export.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in status
    assert len(callbacks) == 1
    callbacks[0]()  # the task runs eagerly in tests
    export.refresh_from_db()
    assert export.status == ReportExport.Status.READY
    status = client.get(reverse("funding:export_status", args=[export.pk])).content.decode()
    assert "hx-trigger" not in status and reverse("funding:export_download", args=[export.pk]) in status
    pdf = b"".join(client.get(reverse("funding:export_download", args=[export.pk])).streaming_content)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Šilo gimnazija" in text and "4 649,50 €" in text
    # another administrator cannot download it
    client.force_login(member(Role.ADMINISTRATOR))
    assert client.get(reverse("funding:export_download", args=[export.pk])).status_code == 404


def test_centre_staff_record_a_paid_fee_as_income(client):
    centre = CentreFactory()
    staff = member(Role.CENTRE_STAFF, centre)
    event = EventFactory(organiser=centre, fee=D("40.00"), starts_on=dt.date(YEAR, 3, 3), plan_year=YEAR)
    source = FundingSourceFactory(owner=centre, kind=FundingKind.PERSONAL, amount=D("0"), year=YEAR)
    school = SchoolFactory()
    registration = RegistrationFactory(event=event, teacher=teacher(school), school=school)
    RegistrationFactory(event=EventFactory(organiser=centre, fee=D("0"), plan_year=YEAR))  # free: not listed
    client.force_login(staff)
    page = client.get(reverse("funding:centre_fees"), {"year": YEAR})
    assert list(page.context["registrations"]) == [registration]
    response = client.post(reverse("funding:record_fee", args=[registration.pk]),
                           {"payer": "school", "paid_on": "2025-03-10", "document_number": "ŠC-15"})
    assert response.status_code == 302
    income = Expense.objects.get(registration=registration)
    assert (income.source, income.amount, income.payer, income.document_number) == (
        source, D("40.00"), "school", "ŠC-15")
    assert client.get(reverse("funding:centre_fees"), {"year": YEAR}).context["registrations"][0].fee_recorded
    # a director cannot record fees
    client.force_login(member(Role.DIRECTOR))
    assert client.post(reverse("funding:record_fee", args=[registration.pk]), {}).status_code == 403


def _district(schools, teachers_each):
    centre = CentreFactory()
    event = EventFactory(organiser=centre, academic_hours=6, starts_on=dt.date(YEAR, 5, 5), plan_year=YEAR)
    for _ in range(schools):
        school = SchoolFactory()
        for kind in (FundingKind.TEACHING_FUNDS, FundingKind.OWN_FUNDS):
            source = FundingSourceFactory(owner=school, kind=kind, year=YEAR)
            ExpenseFactory(source=source, amount=D("10"))
        for _ in range(teachers_each):
            RegistrationFactory(event=event, teacher=teacher(school), school=school, status="attended")
    return centre


@pytest.mark.parametrize("schools", [2, 8])
def test_district_report_queries_do_not_grow_with_schools(client, django_assert_max_num_queries, schools):
    _district(schools, teachers_each=schools)
    client.force_login(member(Role.ADMINISTRATOR))
    client.get(reverse("funding:district_report"), {"year": YEAR})  # warm the session
    with django_assert_max_num_queries(14):  # two more: planned seats and approved requests
        response = client.get(reverse("funding:district_report"), {"year": YEAR})
    assert len(response.context["rows"]) == schools + 1


@pytest.mark.parametrize("teachers_count", [2, 8])
def test_school_reports_queries_do_not_grow_with_teachers(client, django_assert_max_num_queries, teachers_count):
    school = SchoolFactory()
    director = member(Role.DIRECTOR, school)
    event = EventFactory(academic_hours=6, starts_on=dt.date(YEAR, 5, 5), plan_year=YEAR)
    source = FundingSourceFactory(owner=school, year=YEAR)
    for _ in range(teachers_count):
        registration = RegistrationFactory(event=event, teacher=teacher(school), school=school, status="attended")
        ExpenseFactory(source=source, amount=D("5"), registration=registration)
    client.force_login(director)
    client.get(reverse("funding:school_overview"), {"year": YEAR})
    for url in (reverse("funding:year_end", args=[school.pk, YEAR]),
                reverse("funding:statement", args=[school.pk, YEAR]),
                f"{reverse('funding:school_overview')}?year={YEAR}",
                reverse("funding:source_detail", args=[source.pk])):
        with django_assert_max_num_queries(14):  # two more: planned seats and approved requests
            assert client.get(url).status_code == 200
