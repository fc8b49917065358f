"""Money pages: a school's or the centre's sources, the director's reports, the district report,
the centre's fees. Permissions only through funding.permissions (over people.roles)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import permissions as event_permissions
from events.models import Registration
from kvalifikacija.exceptions import DomainError
from kvalifikacija.params import id_param, year_param
from kvalifikacija.views import allowed_for, attempt, form_errors_text, object_or_404
from lithuanian.collation import lt_order, sort_key
from people import roles
from people.models import Organisation

from . import exports, pdf, permissions, reports, selectors, services, xlsx
from .forms import (
    AmendmentForm,
    CommitForm,
    CouncilForm,
    DistrictFilterForm,
    ExportForm,
    FeeForm,
    PaidForm,
    SourceForm,
)
from .models import Expense, FundingSource, ReportExport


def _require_money_role(user):
    if not permissions.can_use_funding_pages(user):
        raise PermissionDenied


def _year(request):
    return year_param(request.GET.get("year") or request.POST.get("year"))


# A school or the centre the user may see (404 outside their scope).
_visible_organisation = object_or_404(
    Organisation.objects.filter(kind__in=[Organisation.Kind.SCHOOL, Organisation.Kind.CENTRE]),
    permissions.can_view_funding_of, hidden=True)


def _organisation(request, org_id):
    return _visible_organisation(request, id_param(org_id))


def _overview_url(org, year):
    return f"{reverse('funding:school_overview')}?{urlencode({'org': org.pk, 'year': year})}"


# --- A school's or the centre's sources ---------------------------------------------------------------

@login_required
def school_overview(request):
    user = request.user
    _require_money_role(user)
    year = _year(request)
    own = list(selectors.organisations_with_funding(user))
    if request.GET.get("org") or request.POST.get("org"):
        org = _organisation(request, request.GET.get("org") or request.POST.get("org"))
    elif own:
        org = sorted(own, key=lambda o: (o.kind != Organisation.Kind.SCHOOL, sort_key(o.name)))[0]
    else:  # an administrator without a school of their own
        return redirect("funding:district_report")
    can_manage = permissions.can_manage_funding_of(user, org)
    form = SourceForm()
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = SourceForm(request.POST)
        if form.is_valid():
            try:
                source = services.create_source(owner=org, year=year, by=user, **form.cleaned_data)
            except DomainError as exc:
                exc.add_to_form(form)
            else:
                messages.success(request, _("The source “%(name)s” was added.") % {"name": source.name})
                return redirect(_overview_url(org, year))
    sources = selectors.sources_of(org, year)
    totals = reports.Figures()
    for source in sources:
        source.figures = reports.Figures.of(source)
        totals.add(source.figures)
    return render(request, "funding/overview.html", {
        "organisation": org, "organisations": own, "year": year, "sources": sources, "totals": totals,
        "commitments": selectors.open_commitments(org, year), "can_manage": can_manage, "form": form,
        "years": range(year - 2, year + 2),
    })


def _source(user, pk):
    _require_money_role(user)
    source = permissions.funding_sources_visible_to(user).filter(pk=pk).select_related("owner").first()
    if source is None:
        raise Http404
    return source


@login_required
def source_detail(request, pk):
    """One source: balances, dated amendments, commitments and spending; the director acts here."""
    user = request.user
    source = _source(user, pk)
    can_manage = permissions.can_manage_funding_source(user, source)
    # Two forms on one page with a field of the same name: distinct ids keep the labels right.
    amend_id, commit_id = "amend_%s", "commit_%s"
    amend_form, commit_form = AmendmentForm(auto_id=amend_id), CommitForm(auto_id=commit_id)
    paid_form, paid_expense = PaidForm(), None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action")
        if action in ("pay", "release"):
            paid_expense = get_object_or_404(Expense, pk=id_param(request.POST.get("expense")), source=source)
        # action → (its form, or None: a button; the service; the message when it is done)
        if action == "amend":
            amend_form = form = AmendmentForm(request.POST, auto_id=amend_id)
            act, done = partial(services.amend, source=source), _("The amendment was recorded.")
        elif action == "commit":
            commit_form = form = CommitForm(request.POST, auto_id=commit_id)
            act, done = partial(services.commit, source=source), _("The commitment was recorded.")
        elif action == "release":
            form, act, done = None, partial(services.release, expense=paid_expense), _("The commitment was released.")
        elif action == "pay":
            paid_form = form = PaidForm(request.POST)
            act, done = partial(services.mark_paid, expense=paid_expense), _("The payment was recorded.")
        else:
            raise Http404
        if form is None or form.is_valid():
            try:
                act(by=user, **(form.cleaned_data if form is not None else {}))
            except DomainError as exc:
                exc.add_to_form(form if form is not None else paid_form)
            else:
                messages.success(request, done)
                return redirect("funding:source_detail", pk=source.pk)
    balance = services.with_balances(FundingSource.objects.filter(pk=source.pk)).get()
    return render(request, "funding/source_detail.html", {
        "source": source, "balance": balance, "figures": reports.Figures.of(balance), "can_manage": can_manage,
        "amendments": selectors.amendments_of_source(source), "expenses": selectors.expenses_of_source(source),
        "amend_form": amend_form, "commit_form": commit_form, "paid_form": paid_form,
        "paid_expense": paid_expense, "year": source.year,
    }, status=400 if request.method == "POST" else 200)


# --- The director's reports ---------------------------------------------------------------------------

REPORTS = {
    "statement": (reports.start_of_year_statement, "funding/statement.html", pdf.statement_pdf,
                  xlsx.statement_xlsx, "metu-pradzios-ataskaita"),
    "year_end": (reports.year_end_report, "funding/year_end.html", pdf.year_end_pdf, xlsx.year_end_xlsx,
                 "metu-pabaigos-ataskaita"),
}


def _report(request, org_id, year, name, fmt):
    _require_money_role(request.user)
    org = _organisation(request, org_id)
    build, template, to_pdf, to_xlsx, filename = REPORTS[name]
    council = CouncilForm(request.GET)
    if not council.is_valid():
        if fmt != "html":
            return HttpResponse(_("Enter the meeting's date as YYYY-MM-DD."), status=400,
                                content_type="text/plain; charset=utf-8")
        data = build(owner=org, year=year)
        data["frame"] = reports.council_frame(owner=org)
        return render(request, template, {**data, "organisation": org, "council_form": council}, status=400)
    data = build(owner=org, year=year)
    if council.cleaned_data["tarybai"]:
        data = reports.for_whole_council(data)
    data["frame"] = reports.council_frame(owner=org, meeting_on=council.cleaned_data["posedis"])
    query = urlencode({key: value for key, value in (
        ("posedis", council.cleaned_data["posedis"].isoformat() if council.cleaned_data["posedis"] else ""),
        ("tarybai", "1" if council.cleaned_data["tarybai"] else "")) if value})
    filename = f"{filename}-{year}-{org.pk}" + ("-tarybai" if council.cleaned_data["tarybai"] else "")
    if fmt == "pdf":
        response = HttpResponse(to_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            to_xlsx(data), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    return render(request, template, {**data, "organisation": org, "council_form": council, "query": query})


@login_required
def statement(request, org_id, year, fmt="html"):
    return _report(request, org_id, year, "statement", fmt)


@login_required
def year_end(request, org_id, year, fmt="html"):
    return _report(request, org_id, year, "year_end", fmt)


# --- The administrator's district report --------------------------------------------------------------

def _require_district(user):
    if not permissions.can_view_district_reports(user):
        raise PermissionDenied


@login_required
def district_report(request):
    _require_district(request.user)
    form = DistrictFilterForm(request.GET or None)
    year, school = timezone.localdate().year, None
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        school = form.cleaned_data["school"]
    data = reports.district_report(year=year, school_id=school.pk if school else None)
    recent = list(ReportExport.objects.filter(requested_by=request.user).order_by("-created_at", "-id")[:5])
    return render(request, "funding/district.html", {
        **data, "form": form, "school": school, "chart_data": reports.district_chart_data(data),
        "exports": recent, "async_threshold": exports.ASYNC_EXPORT_MIN_SCHOOLS,
    })


@login_required
@require_POST
def district_export(request):
    _require_district(request.user)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the year and the format of the export."))
        return redirect("funding:district_report")
    export = exports.request_district_export(
        year=form.cleaned_data["year"], fmt=form.cleaned_data["fmt"], school=form.cleaned_data["school"],
        by=request.user)
    if export.status == ReportExport.Status.READY:
        return redirect("funding:export_download", pk=export.pk)
    messages.info(request, _("The report is being built; it will appear below when it is ready."))
    query = {"year": export.year}
    if export.school_id:
        query["school"] = export.school_id
    return redirect(f"{reverse('funding:district_report')}?{urlencode(query)}")


# One of the administrator's own exports (403 for other roles).
_export = object_or_404(lambda user: ReportExport.objects.filter(requested_by=user),
                        allowed=permissions.can_view_district_reports)


@login_required
def export_status(request, pk):
    """The htmx-polled status row of one export."""
    return render(request, "funding/_export_row.html", {"export": _export(request, pk)})


@login_required
def export_download(request, pk):
    export = _export(request, pk)
    if export.status != ReportExport.Status.READY or not export.file:
        raise Http404
    content_type = "application/pdf" if export.fmt == ReportExport.Format.PDF else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename,
                        content_type=content_type)


# --- The centre's fees --------------------------------------------------------------------------------

@login_required
@allowed_for(roles.is_centre_staff)
def centre_fees(request):
    """Paid registrations of the centre's events; staff record that a fee was invoiced and paid."""
    user = request.user
    year = _year(request)
    income = Expense.objects.filter(registration=OuterRef("pk"), direction=Expense.Direction.INCOME).exclude(
        status=Expense.Status.RELEASED)
    registrations = (
        Registration.objects.filter(event__in=event_permissions.events_managed_by(user), event__fee__gt=0,
                                    event__plan_year=year)
        .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.WAITLISTED])
        .select_related("event", "teacher", "school")
        .annotate(fee_recorded=Exists(income))
        .order_by("fee_recorded", "event__starts_on", "event_id", lt_order("teacher__last_name"), "id")
    )
    page = Paginator(registrations, 50).get_page(request.GET.get("page"))
    return render(request, "funding/centre_fees.html", {
        "page_obj": page, "registrations": page.object_list, "year": year, "form": FeeForm(),
        "query_string": urlencode({"year": year}),
        "years": range(year - 2, year + 2),
    })


@login_required
@require_POST
@allowed_for(roles.is_centre_staff)
def record_fee(request, registration_id):
    user = request.user
    registration = get_object_or_404(
        Registration.objects.select_related("event", "teacher"), pk=registration_id,
        event__in=event_permissions.events_managed_by(user))
    form = FeeForm(request.POST)
    year = registration.event.plan_year
    if form.is_valid():
        attempt(request, lambda: services.record_fee_income(registration=registration, by=user, **form.cleaned_data),
                _("The fee of %(name)s was recorded as the centre's income.")
                % {"name": registration.teacher.get_full_name()})
    else:
        errors = form_errors_text(form)
        messages.error(request, _("The fee was not recorded: %(errors)s") % {"errors": errors})
    return redirect(f"{reverse('funding:centre_fees')}?{urlencode({'year': year})}")
