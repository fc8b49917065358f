"""Invoices for participants' fees: numbering in the centre's series, one invoice per payer per event or
month, the PDF with both parties and the total in Lithuanian words, sending through the notice log,
payment recorded as income today, the director's view, the accountant's spreadsheet, credit notes."""

import datetime as dt
import io
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from events.models import Registration
from funding import invoices
from funding.models import Expense, FundingKind, Invoice, InvoiceLine
from notices.models import NoticeLog
from people.models import Role
from tests.conftest import require
from tests.factories import (
    CentreFactory,
    EventFactory,
    FundingSourceFactory,
    RegistrationFactory,
    SchoolFactory,
    member,
    teacher,
)
from workflows.places import give_up_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    return CentreFactory(name="Pavyzdžio švietimo centras", legal_code="190000001", address="Mokyklos g. 1, Pavyzdys")


@pytest.fixture
def school():
    return SchoolFactory(name="Ąžuolyno progimnazija", legal_code="190000002", address="Ąžuolų g. 5, Pavyzdys")


def paid_event(centre, fee="30.00", **kwargs):
    return EventFactory(organiser=centre, fee=Decimal(fee), **kwargs)


@pytest.mark.parametrize(("amount", "words"), [
    ("60", "šešiasdešimt eurų 00 ct"),
    ("21.50", "dvidešimt vienas euras 50 ct"),
    ("1", "vienas euras 00 ct"),
    ("12", "dvylika eurų 00 ct"),
    ("34.05", "trisdešimt keturi eurai 05 ct"),
    ("111", "vienas šimtas vienuolika eurų 00 ct"),
    ("-15", "minus penkiolika eurų 00 ct"),
])
def test_amount_in_lithuanian_words(amount, words):
    assert invoices.amount_in_words(Decimal(amount)) == words


def test_one_invoice_per_school_with_a_line_per_participant(centre, school, settings):
    settings.INVOICE_SERIES = "KVC"
    event = paid_event(centre)
    first, second = (RegistrationFactory(event=event, school=school) for _ in range(2))
    no_school = RegistrationFactory(event=event)
    RegistrationFactory(event=event, school=school, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=event, school=school, status=Registration.Status.CANCELLED)
    issued = invoices.invoice_event(event=event, by=None, issued_on=dt.date(2026, 3, 2))
    assert [i.number for i in issued] == ["KVC 2026-00001", "KVC 2026-00002"]
    to_school = next(i for i in issued if i.payer_school_id)
    assert to_school.payer_name == "Ąžuolyno progimnazija" and to_school.total == Decimal("60.00")
    assert {line.registration_id for line in to_school.lines.all()} == {first.pk, second.pk}
    assert to_school.due_on == dt.date(2026, 3, 16)
    personal = next(i for i in issued if i.payer_person_id)
    assert personal.payer_person == no_school.teacher and personal.total == Decimal("30.00")
    # Nothing new to invoice: a second run issues nothing, and the database refuses a second invoice.
    with pytest.raises(invoices.NothingToInvoice):
        invoices.invoice_event(event=event, by=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invoice.objects.create(issuer=centre, series="KVC", year=2026, sequence=99, number="X", payer_school=school,
                               event=event, payer_name="x", issuer_name="y", issued_on=dt.date(2026, 3, 2),
                               due_on=dt.date(2026, 3, 2), total=1)


def test_a_month_is_invoiced_once_per_payer(centre, school):
    march = dt.date(2026, 3, 10)
    one = paid_event(centre, starts_on=march)
    two = paid_event(centre, fee="15.50", starts_on=march + dt.timedelta(days=5))
    april = paid_event(centre, starts_on=dt.date(2026, 4, 2))
    RegistrationFactory(event=one, school=school)
    RegistrationFactory(event=two, school=school)
    RegistrationFactory(event=april, school=school)
    (invoice,) = invoices.invoice_month(centre=centre, year=2026, month=3, by=None)
    assert invoice.period == dt.date(2026, 3, 1) and invoice.total == Decimal("45.50")
    assert invoice.lines.count() == 2
    RegistrationFactory(event=one, school=school)  # a late place: the month's invoice for this school exists
    with pytest.raises(invoices.NothingToInvoice):
        invoices.invoice_month(centre=centre, year=2026, month=3, by=None)


def test_the_pdf_shows_both_parties_lines_and_the_total_in_words(centre, school):
    event = paid_event(centre)
    RegistrationFactory(event=event, school=school, teacher=teacher(school, first_name="Rūta", last_name="Žemaitytė"))
    RegistrationFactory(event=event, school=school)
    (invoice,) = invoices.invoice_event(event=event, by=None)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(
        io.BytesIO(invoices.invoice_pdf(invoice))).pages).split())  # table cells wrap long names
    for expected in ("SĄSKAITA FAKTŪRA", invoice.number, "Pavyzdžio švietimo centras", "190000001",
                     "Ąžuolyno progimnazija", "190000002", "Rūta Žemaitytė", "Iš viso: šešiasdešimt eurų 00 ct",
                     "Apmokėti iki"):
        assert expected in text


def test_the_invoice_goes_to_the_schools_director_once_with_the_pdf(centre, school):
    director = member(Role.DIRECTOR, school)
    member(Role.DEPUTY, school)
    event = paid_event(centre)
    RegistrationFactory(event=event, school=school)
    (invoice,) = invoices.invoice_event(event=event, by=None)
    assert invoices.send_invoice(invoice=invoice) == 1
    assert invoices.send_invoice(invoice=invoice) == 0
    notice = NoticeLog.objects.get(kind="invoice_issued")
    assert notice.recipient == director
    assert notice.attachments[0]["name"].endswith(".pdf")
    invoice.refresh_from_db()
    assert invoice.sent_at is not None


def test_paid_invoice_records_each_fee_as_income_today(centre, school):
    source = FundingSourceFactory(owner=centre, kind=FundingKind.PERSONAL, year=timezone.localdate().year)
    event = paid_event(centre)
    registrations = [RegistrationFactory(event=event, school=school) for _ in range(2)]
    (invoice,) = invoices.invoice_event(event=event, by=None)
    invoices.mark_paid(invoice=invoice, by=None)
    invoice.refresh_from_db()
    assert invoice.is_paid and invoice.paid_on == timezone.localdate()
    income = Expense.objects.filter(direction=Expense.Direction.INCOME, source=source)
    assert {e.registration_id for e in income} == {r.pk for r in registrations}
    assert all(e.paid_on == timezone.localdate() and e.document_number == invoice.number for e in income)
    with pytest.raises(invoices.InvoiceError):
        invoices.mark_paid(invoice=invoice, by=None)
    assert income.count() == 2


def test_cancelling_an_invoiced_place_makes_a_credit_note_and_leaves_the_invoice(
        centre, school, django_capture_on_commit_callbacks):
    member(Role.DIRECTOR, school)
    event = paid_event(centre)
    keep, leave = (RegistrationFactory(event=event, school=school) for _ in range(2))
    (invoice,) = invoices.invoice_event(event=event, by=None)
    with django_capture_on_commit_callbacks(execute=True):
        give_up_place(registration=leave, by=leave.teacher)
    invoice.refresh_from_db()
    assert invoice.total == Decimal("60.00") and invoice.lines.count() == 2  # never edited
    credit = Invoice.objects.get(kind=Invoice.Kind.CREDIT_NOTE)
    assert credit.credit_for == invoice and credit.total == Decimal("-30.00")
    assert credit.number != invoice.number and credit.sequence == invoice.sequence + 1
    assert list(credit.lines.values_list("registration_id", flat=True)) == [leave.pk]
    # A place never invoiced, or already credited, gets no credit note.
    assert invoices.credit_cancelled_place(registration=leave) is None
    assert NoticeLog.objects.filter(kind="invoice_issued").count() == 1
    assert keep.invoice_lines.count() == 1


@pytest.mark.django_db(transaction=True)
def test_invoice_numbers_stay_unique_under_concurrency():
    require(connection.vendor == "postgresql", "real concurrency needs PostgreSQL")
    centre = CentreFactory()
    events = []
    for _ in range(8):
        event = EventFactory(organiser=centre, fee=Decimal("10"))
        RegistrationFactory(event=event, school=SchoolFactory())
        events.append(event)
    barrier = threading.Barrier(len(events))
    errors = []

    def issue(event):
        try:
            barrier.wait(timeout=30)
            invoices.invoice_event(event=event, by=None)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(event,)) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(Invoice.objects.values_list("sequence", flat=True)) == list(range(1, 9))
    assert Invoice.objects.values("number").distinct().count() == 8


# --- pages ------------------------------------------------------------------------------------------------

def test_staff_issue_send_and_mark_paid_from_the_pages(client, centre, school):
    staff = member(Role.CENTRE_STAFF, centre)
    member(Role.DIRECTOR, school)
    FundingSourceFactory(owner=centre, kind=FundingKind.PERSONAL, year=timezone.localdate().year)
    event = paid_event(centre)
    RegistrationFactory(event=event, school=school)
    client.force_login(staff)
    assert client.get(reverse("funding:invoice_list"), {"year": event.plan_year}).status_code == 200
    response = client.post(reverse("funding:invoice_create"), {"year": event.plan_year, "event": event.pk})
    assert response.status_code == 302
    invoice = Invoice.objects.get()
    assert client.post(reverse("funding:invoice_send", args=[invoice.pk])).status_code == 302
    assert client.post(reverse("funding:invoice_paid", args=[invoice.pk])).status_code == 302
    invoice.refresh_from_db()
    assert invoice.is_paid and invoice.sent_at
    page = client.get(reverse("funding:invoice_detail", args=[invoice.pk])).content.decode()
    assert "šešiasdešimt" not in page and "trisdešimt eurų 00 ct" in page
    pdf = client.get(reverse("funding:invoice_pdf", args=[invoice.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_invoice_form_needs_an_event_or_a_month(client, centre):
    client.force_login(member(Role.CENTRE_STAFF, centre))
    response = client.post(reverse("funding:invoice_create"), {"year": 2026}, follow=True)
    assert response.status_code == 200
    assert not Invoice.objects.exists()


def test_the_schools_director_sees_the_schools_invoices_only(client, centre, school):
    director = member(Role.DIRECTOR, school)
    other_school = SchoolFactory()
    event = paid_event(centre)
    RegistrationFactory(event=event, school=school)
    RegistrationFactory(event=event, school=other_school)
    own, other = sorted(invoices.invoice_event(event=event, by=None), key=lambda i: i.payer_school_id != school.pk)
    client.force_login(director)
    listing = client.get(reverse("funding:invoice_list"), {"year": own.year}).content.decode()
    assert own.number in listing and other.number not in listing
    assert client.get(reverse("funding:invoice_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("funding:invoice_detail", args=[other.pk])).status_code == 403
    assert client.get(reverse("funding:invoice_pdf", args=[other.pk])).status_code == 403
    assert client.post(reverse("funding:invoice_paid", args=[own.pk])).status_code == 403


def test_the_accountants_spreadsheet_lists_invoices_and_credit_notes(client, centre, school):
    event = paid_event(centre)
    keep, leave = (RegistrationFactory(event=event, school=school) for _ in range(2))
    (invoice,) = invoices.invoice_event(event=event, by=None)
    invoices.credit_cancelled_place(registration=leave)
    client.force_login(member(Role.CENTRE_STAFF, centre))
    response = client.get(reverse("funding:invoice_xlsx"), {"year": invoice.year})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [invoice.number, InvoiceLine.objects.get(is_credit=True).invoice.number]
    assert rows[0][7] == 60 and rows[1][7] == -30 and rows[1][10] == invoice.number


def test_invoice_list_query_count_is_constant(client, centre, django_assert_max_num_queries):
    client.force_login(member(Role.CENTRE_STAFF, centre))
    for _ in range(3):
        event = paid_event(centre)
        RegistrationFactory(event=event, school=SchoolFactory())
        invoices.invoice_event(event=event, by=None)
    year = Invoice.objects.first().year
    with django_assert_max_num_queries(12):
        client.get(reverse("funding:invoice_list"), {"year": year})
    for _ in range(6):
        event = paid_event(centre)
        RegistrationFactory(event=event, school=SchoolFactory())
        invoices.invoice_event(event=event, by=None)
    with django_assert_max_num_queries(12):
        client.get(reverse("funding:invoice_list"), {"year": year})
