"""Invoices for fees: the centre issues, sends and marks them paid; the paying school's director and the
paying person see theirs; the accountant gets the year's list as a spreadsheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import permissions as event_permissions
from kvalifikacija import spreadsheets
from kvalifikacija.exceptions import DomainError
from kvalifikacija.views import allowed_for, attempt, form_errors_text
from people import roles
from people.models import Organisation

from . import invoices, permissions
from .forms import InvoiceForm
from .models import Invoice
from .views import _year


def _invoice(user, pk, *, manage=False):
    invoice = get_object_or_404(Invoice.objects.select_related("issuer", "payer_school", "event"), pk=pk)
    allowed = permissions.can_manage_invoice(user, invoice) if manage else permissions.can_view_invoice(user, invoice)
    if not allowed:
        raise PermissionDenied
    return invoice


def _paid_events(user, year):
    return event_permissions.events_managed_by(user).filter(fee__gt=0, plan_year=year).order_by("starts_on", "title")


@login_required
def invoice_list(request):
    """Centre staff: the centre's invoices of the year and the form to issue new ones; a director:
    the school's invoices; anyone else: invoices addressed to them personally."""
    user = request.user
    year = _year(request)
    is_staff = roles.is_centre_staff(user)
    queryset = (permissions.invoices_visible_to(user).filter(year=year)
                .select_related("payer_school", "payer_person", "event", "credit_for"))
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    form = InvoiceForm(events=_paid_events(user, year)) if is_staff else None
    return render(request, "funding/invoices/list.html", {
        "page_obj": page, "invoices": page.object_list, "year": year, "form": form, "is_staff": is_staff,
        "years": range(year - 2, year + 2), "query_string": urlencode({"year": year}),
    })


@login_required
@require_POST
@allowed_for(roles.is_centre_staff)
def invoice_create(request):
    user = request.user
    year = _year(request)
    form = InvoiceForm(request.POST, events=_paid_events(user, year))
    if not form.is_valid():
        errors = form_errors_text(form)
        messages.error(request, _("No invoice was issued: %(errors)s") % {"errors": errors})
        return redirect(f"{reverse('funding:invoice_list')}?{urlencode({'year': year})}")
    data = form.cleaned_data
    try:
        if data["event"]:
            issued = invoices.invoice_event(event=data["event"], by=user, to_persons=data["to_persons"])
        else:
            month = data["month"]
            centre = Organisation.objects.get(pk=min(roles.centre_ids(user)))
            issued = invoices.invoice_month(centre=centre, year=month.year, month=month.month,
                                            by=user, to_persons=data["to_persons"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Invoices issued: %(numbers)s.") % {"numbers": ", ".join(i.number for i in issued)})
    return redirect(f"{reverse('funding:invoice_list')}?{urlencode({'year': year})}")


@login_required
def invoice_detail(request, pk):
    invoice = _invoice(request.user, pk)
    context = invoices.invoice_context(invoice)
    context["can_manage"] = permissions.can_manage_invoice(request.user, invoice)
    context["credit_notes"] = invoice.credit_notes.all()
    return render(request, "funding/invoices/detail.html", context)


@login_required
def invoice_pdf(request, pk):
    invoice = _invoice(request.user, pk)
    response = HttpResponse(invoices.invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoices.invoice_filename(invoice)}"'
    return response


@login_required
@require_POST
def invoice_send(request, pk):
    invoice = _invoice(request.user, pk, manage=True)
    try:
        sent = invoices.send_invoice(invoice=invoice, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if sent:
            messages.success(request, _("The invoice was sent; it is in the notice log."))
        else:
            messages.info(request, _("The invoice had been sent already; nothing was sent twice."))
    return redirect("funding:invoice_detail", pk=invoice.pk)


@login_required
@require_POST
def invoice_paid(request, pk):
    invoice = _invoice(request.user, pk, manage=True)
    attempt(request, lambda: invoices.mark_paid(invoice=invoice, by=request.user),
            _("The invoice is marked paid; the fees are recorded as the centre's income today."))
    return redirect("funding:invoice_detail", pk=invoice.pk)


@login_required
@allowed_for(roles.is_centre_staff)
def invoice_xlsx(request):
    """The year's invoices and credit notes of the user's centre for the accountant."""
    user = request.user
    year = _year(request)
    rows = (Invoice.objects.filter(issuer_id__in=roles.centre_ids(user), year=year)
            .select_related("credit_for", "event").order_by("sequence"))
    workbook = spreadsheets.new_workbook()
    sheet = workbook.active
    sheet.title = _("Invoices")[:31]
    spreadsheets.append_row(sheet, [
        _("Number"), _("Kind"), _("Invoice date"), _("Due on"), _("Payer"), _("Payer's code"), _("Event or month"),
        _("Total, EUR"), _("Status"), _("Paid on"), _("Credit note for"),
    ], bold=True)
    for invoice in rows:
        what = invoice.event.title if invoice.event_id else (invoice.period.strftime("%Y-%m") if invoice.period else "")
        spreadsheets.append_row(sheet, [
            invoice.number, invoice.get_kind_display(), invoice.issued_on, invoice.due_on, invoice.payer_name,
            invoice.payer_code, what, invoice.total, invoice.get_status_display(), invoice.paid_on,
            invoice.credit_for.number if invoice.credit_for_id else "",
        ])
    for column, width in zip("ABCDEFGHIJK", (18, 14, 12, 12, 40, 14, 40, 12, 16, 12, 18), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2, min_col=8, max_col=8):
        for cell in row:
            cell.number_format = "#,##0.00"
    response = HttpResponse(spreadsheets.workbook_bytes(workbook), content_type=spreadsheets.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="saskaitos-{year}.xlsx"'
    return response
