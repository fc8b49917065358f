"""Invoices (*sąskaitos faktūros*) for participants' fees and credit notes when a place is given up.

Numbers come from the centre's series (`INVOICE_SERIES`) per year, taken under a row lock, so two
invoices issued at the same moment never share a number. One invoice per payer (a school or, for a
participant without a school, the person) per event or per month; a registration is invoiced once.
An issued invoice is never edited: a place cancelled after invoicing gets a credit note.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from num2words import num2words

from events.models import Registration
from kvalifikacija.exceptions import DomainError
from kvalifikacija.locks import lock_row
from notices.services import notify
from people.models import Membership, Role

from .formatting import to_money
from .models import Expense, Invoice, InvoiceCounter, InvoiceLine
from .pdf import render_pdf
from .services import FundingError, fee_income_source, record_income

# Places that owe the fee: a confirmed seat, attended or not.
BILLABLE = (Registration.Status.CONFIRMED, Registration.Status.ATTENDED, Registration.Status.NO_SHOW)


class InvoiceError(DomainError):
    default_message = _("The invoice cannot be issued.")


class NothingToInvoice(InvoiceError):
    default_message = _("There is nothing to invoice: every paid place is invoiced already.")


# --- numbers and words -----------------------------------------------------------------------------------

def lock_series(*, issuer, year) -> InvoiceCounter:
    """Lock the centre's invoice counter for `year` until the transaction commits (created on first use)."""
    InvoiceCounter.objects.get_or_create(issuer=issuer, year=year)
    return InvoiceCounter.objects.select_for_update().get(issuer=issuer, year=year)


def next_number(*, issuer, year) -> tuple[str, int, str]:
    """Take the next number of the series for `year` (inside a transaction): (series, sequence, number)."""
    counter = lock_series(issuer=issuer, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    series = settings.INVOICE_SERIES
    return series, counter.last_number, f"{series} {year}-{counter.last_number:05d}"


def _euro_word(euros: int) -> str:
    if euros % 10 == 1 and euros % 100 != 11:
        return "euras"
    if 2 <= euros % 10 <= 9 and not 12 <= euros % 100 <= 19:
        return "eurai"
    return "eurų"


def amount_in_words(amount) -> str:
    """A sum in Lithuanian words as invoices print it: 60 → "šešiasdešimt eurų 00 ct"; 21,50 →
    "dvidešimt vienas euras 50 ct"; a credit note's negative sum starts with "minus"."""
    amount = to_money(amount)
    sign = "minus " if amount < 0 else ""
    amount = abs(amount)
    euros = int(amount)
    cents = int((amount - euros) * 100)
    return f"{sign}{num2words(euros, lang='lt')} {_euro_word(euros)} {cents:02d} ct"


# --- issuing ---------------------------------------------------------------------------------------------

def payer_of(registration, *, to_persons=False):
    """Who pays a place: the participant's school, or the person (no school, or asked for)."""
    if registration.school_id and not to_persons:
        return ("school", registration.school_id)
    return ("person", registration.teacher_id)


def _invoiceable(queryset):
    already_invoiced = InvoiceLine.objects.filter(registration=OuterRef("pk"), is_credit=False)
    fee_recorded = Expense.objects.filter(registration=OuterRef("pk"), direction=Expense.Direction.INCOME).exclude(
        status=Expense.Status.RELEASED)
    return (
        queryset.filter(status__in=BILLABLE, event__fee__gt=0)
        .exclude(Exists(already_invoiced)).exclude(Exists(fee_recorded))
        .select_related("event", "teacher", "school", "event__organiser")
        .order_by("event__starts_on", "event_id", "teacher__last_name", "teacher__first_name", "id")
    )


def _parties(issuer, payer, registrations):
    kind, pk = payer
    issuer_part = {
        "issuer_name": issuer.name, "issuer_code": issuer.legal_code, "issuer_address": issuer.address,
        "issuer_bank_account": settings.INVOICE_BANK_ACCOUNT,
    }
    if kind == "school":
        school = registrations[0].school
        return {**issuer_part, "payer_school": school, "payer_name": school.name, "payer_code": school.legal_code,
                "payer_address": school.address, "payer_email": school.email}
    person = registrations[0].teacher
    return {**issuer_part, "payer_person": person, "payer_name": person.get_full_name() or person.email,
            "payer_email": person.email}


def _issue(*, issuer, payer, registrations, by, issued_on, event=None, period=None) -> Invoice:
    year = issued_on.year
    series, sequence, number = next_number(issuer=issuer, year=year)
    lines = [
        InvoiceLine(
            registration=r, amount=to_money(r.event.fee),
            description=f"Dalyvio mokestis: {r.event.title} ({r.event.starts_on:%Y-%m-%d})" if r.event.starts_on
            else f"Dalyvio mokestis: {r.event.title}",
            participant=r.teacher.get_full_name() or r.teacher.email,
        )
        for r in registrations
    ]
    invoice = Invoice.objects.create(
        kind=Invoice.Kind.INVOICE, issuer=issuer, series=series, year=year, sequence=sequence, number=number,
        event=event, period=period, issued_on=issued_on,
        due_on=issued_on + dt.timedelta(days=settings.INVOICE_DUE_DAYS),
        total=sum((line.amount for line in lines), Decimal("0.00")), created_by=by,
        **_parties(issuer, payer, registrations),
    )
    for line in lines:
        line.invoice = invoice
    InvoiceLine.objects.bulk_create(lines)
    return invoice


def _issue_grouped(*, issuer, registrations, by, issued_on, to_persons, event=None, period=None) -> list[Invoice]:
    by_payer = defaultdict(list)
    for registration in registrations:
        by_payer[payer_of(registration, to_persons=to_persons)].append(registration)
    if not by_payer:
        raise NothingToInvoice()
    invoices = []
    try:
        with transaction.atomic():
            for payer, group in by_payer.items():
                invoices.append(_issue(issuer=issuer, payer=payer, registrations=group, by=by,
                                       issued_on=issued_on, event=event, period=period))
    except IntegrityError:
        # Another invoice for the same payer and event (or month), or the same place, was issued meanwhile.
        raise InvoiceError(_("Some of these places were invoiced at the same moment by someone else; "
                             "open the list of invoices and try again."))
    return invoices


def invoice_event(*, event, by, to_persons=False, issued_on=None) -> list[Invoice]:
    """Issue one invoice per payer for the event's paid places not yet invoiced (confirmed, attended or
    absent); a payer invoiced for this event already gets no second invoice for it."""
    issued_on = issued_on or timezone.localdate()
    if event.fee <= 0:
        raise InvoiceError(_("This event is free: there is nothing to invoice."))
    with transaction.atomic():
        lock_row(event)
        invoiced_payers = set()
        for invoice in Invoice.objects.filter(event=event, kind=Invoice.Kind.INVOICE):
            invoiced_payers.add(("school", invoice.payer_school_id) if invoice.payer_school_id
                                else ("person", invoice.payer_person_id))
        registrations = [
            r for r in _invoiceable(Registration.objects.filter(event=event))
            if payer_of(r, to_persons=to_persons) not in invoiced_payers
        ]
        return _issue_grouped(issuer=event.organiser, registrations=registrations, by=by, issued_on=issued_on,
                              to_persons=to_persons, event=event)


def invoice_month(*, centre, year, month, by, to_persons=False, issued_on=None) -> list[Invoice]:
    """Issue one invoice per payer for the paid places, not yet invoiced, of the centre's events that
    start in the month; a payer invoiced for that month already gets no second invoice for it."""
    issued_on = issued_on or timezone.localdate()
    period = dt.date(year, month, 1)
    with transaction.atomic():
        lock_series(issuer=centre, year=issued_on.year)
        invoiced_payers = {
            ("school", i.payer_school_id) if i.payer_school_id else ("person", i.payer_person_id)
            for i in Invoice.objects.filter(issuer=centre, period=period, kind=Invoice.Kind.INVOICE)
        }
        registrations = [
            r for r in _invoiceable(Registration.objects.filter(
                event__organiser=centre, event__starts_on__year=year, event__starts_on__month=month))
            if payer_of(r, to_persons=to_persons) not in invoiced_payers
        ]
        return _issue_grouped(issuer=centre, registrations=registrations, by=by, issued_on=issued_on,
                              to_persons=to_persons, period=period)


# --- the document and sending ----------------------------------------------------------------------------

def invoice_context(invoice) -> dict:
    lines = list(invoice.lines.all())
    return {"invoice": invoice, "lines": lines, "in_words": amount_in_words(invoice.total)}


def invoice_pdf(invoice) -> bytes:
    return render_pdf("funding/pdf/invoice.html", invoice_context(invoice))


def invoice_filename(invoice) -> str:
    return f"saskaita-{invoice.number.replace(' ', '-')}.pdf"


def recipients_of(invoice):
    """Who receives the invoice: the paying school's director(s), or the paying person."""
    if invoice.payer_person_id:
        return [invoice.payer_person]
    memberships = Membership.objects.active().filter(
        organisation_id=invoice.payer_school_id, role=Role.DIRECTOR, user__is_active=True).select_related("user")
    return [m.user for m in memberships]


def send_invoice(*, invoice, by=None) -> int:
    """Send the invoice (its PDF attached) to the school's director or the paying person through the
    notice log; sending twice sends nothing new. Returns how many notices were recorded."""
    recipients = recipients_of(invoice)
    if not recipients:
        raise InvoiceError(_("The school has no director with an account to send the invoice to."))
    path = f"funding/invoices/{invoice.year}/{invoice_filename(invoice)}"
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(invoice_pdf(invoice)))
    attachment = [{"path": path, "name": invoice_filename(invoice), "mimetype": "application/pdf"}]
    sent = 0
    with transaction.atomic():
        for person in recipients:
            notice = notify(
                kind="invoice_issued", recipient=person, key=f"invoice_issued:{invoice.pk}:{person.pk}",
                context={"invoice": invoice, "in_words": amount_in_words(invoice.total)},
                link=reverse("funding:invoice_detail", args=[invoice.pk]), attachments=attachment,
                centre_id=invoice.issuer_id,
            )
            sent += notice is not None
        if invoice.sent_at is None:
            invoice.sent_at = timezone.now()
            invoice.save(update_fields=["sent_at"])
    return sent


# --- payment and credit notes ----------------------------------------------------------------------------

def mark_paid(*, invoice, by, paid_on=None) -> Invoice:
    """Mark an invoice paid: each participant's fee becomes the centre's income, dated today (or
    `paid_on`), on its personal-fees (or own-funds) source; a credit note marked settled records the
    refund as money spent. Marking twice is refused."""
    paid_on = paid_on or timezone.localdate()
    with transaction.atomic():
        invoice = lock_row(invoice)
        if invoice.is_paid:
            raise InvoiceError(_("This invoice is already marked paid."))
        source = fee_income_source(centre=invoice.issuer, year=paid_on.year)
        if source is None:
            raise FundingError(_("The centre has no personal-fees or own-funds source for %(year)s.")
                               % {"year": paid_on.year})
        payer = Expense.Payer.PERSON if invoice.payer_person_id else Expense.Payer.SCHOOL
        for line in invoice.lines.select_related("registration__event", "registration__teacher"):
            registration = line.registration
            if line.is_credit:
                Expense.objects.create(
                    source=source, direction=Expense.Direction.EXPENSE, status=Expense.Status.SPENT,
                    amount=-line.amount, description=f"Grąžinta pagal {invoice.number}: {line.participant}"[:300],
                    registration=registration, event=registration.event, teacher=registration.teacher,
                    created_by=by, paid_on=paid_on, payer=payer, document_number=invoice.number,
                )
            else:
                record_income(
                    source=source, amount=line.amount, by=by, registration=registration, event=registration.event,
                    teacher=registration.teacher, payer=payer, paid_on=paid_on, document_number=invoice.number,
                    description=f"{registration.event.title} – {line.participant}",
                )
        invoice.status = Invoice.Status.PAID
        invoice.paid_on = paid_on
        invoice.save(update_fields=["status", "paid_on"])
    return invoice


def credit_cancelled_place(*, registration, by=None, issued_on=None) -> Invoice | None:
    """A place cancelled after it was invoiced gets a credit note taking its line back (never an edit
    of the invoice); nothing happens for a place never invoiced or already credited."""
    line = (InvoiceLine.objects.filter(registration=registration, is_credit=False)
            .select_related("invoice").first())
    if line is None or InvoiceLine.objects.filter(registration=registration, is_credit=True).exists():
        return None
    original = line.invoice
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        series, sequence, number = next_number(issuer=original.issuer, year=issued_on.year)
        fields = {f: getattr(original, f) for f in (
            "issuer_id", "issuer_name", "issuer_code", "issuer_address", "issuer_bank_account", "payer_school_id",
            "payer_person_id", "payer_name", "payer_code", "payer_address", "payer_email", "event_id", "period")}
        credit = Invoice.objects.create(
            kind=Invoice.Kind.CREDIT_NOTE, credit_for=original, series=series, year=issued_on.year,
            sequence=sequence, number=number, issued_on=issued_on, due_on=issued_on, total=-line.amount,
            reason=f"Dalyvavimas atšauktas: {line.participant}"[:300], created_by=by, **fields,
        )
        InvoiceLine.objects.create(invoice=credit, registration=registration, is_credit=True,
                                   description=f"Grąžinama: {line.description}"[:400], participant=line.participant,
                                   amount=-line.amount)
        transaction.on_commit(lambda: send_invoice(invoice=credit) if recipients_of(credit) else None)
    return credit
