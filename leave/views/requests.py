"""The teacher's leave requests: asking, changing, withdrawing, and the request and decision PDFs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Registration
from kvalifikacija import audit
from people import roles
from people.models import Organisation
from workflows import leave_requests

from .. import permissions, selectors, services
from ..forms import (
    CatalogueRequestForm,
    CoverForm,
    OutsideRequestForm,
)
from ..models import LeaveRequest, Recommendation, ReportBack
from ..pdf import request_pdf as request_document
from .shared import editable_request, visible_request

# --- Teacher -------------------------------------------------------------------------------------------

@login_required
def my_requests(request):
    user = request.user
    if not roles.can_ask_leave(user):
        raise PermissionDenied
    year = timezone.localdate().year
    requests = selectors.request_list(LeaveRequest.objects.filter(teacher=user)).order_by("-created_at")
    recommendations = (
        Recommendation.objects.filter(teachers=user)
        .select_related("event", "recommended_by")
        .order_by("-created_at")[:20]
    )
    owed_registrations, owed_outside = selectors.reports_owed_by(user)
    reports = ReportBack.objects.filter(teacher=user).select_related("registration__event", "leave_request")
    return render(request, "leave/my_requests.html", {
        "requests": requests, "standing": selectors.days_by_teacher([user.pk], year)[user.pk], "year": year,
        "recommendations": recommendations, "owed_registrations": owed_registrations,
        "owed_outside": owed_outside, "reports": reports,
    })


def _submitting(request):
    return request.POST.get("intent") == "submit"


def _save_and_maybe_submit(request, leave_request):
    if _submitting(request):
        services.submit(leave_request=leave_request, by=request.user)
        messages.success(request, _("The request is submitted."))
    else:
        messages.success(request, _("The draft is saved."))
    return redirect("leave:detail", pk=leave_request.pk)


@login_required
def create_for_registration(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("event", "school"), pk=pk,
                                     teacher=request.user)
    existing = LeaveRequest.objects.filter(registration=registration).first()
    if existing:
        return redirect("leave:detail", pk=existing.pk)
    if registration.status not in (Registration.Status.PENDING, Registration.Status.WAITLISTED):
        messages.info(request, _("This registration does not wait for the director's approval."))
        return redirect(registration.event.get_absolute_url())
    event = registration.event
    school = registration.school or Organisation.objects.filter(
        pk__in=roles.teacher_school_ids(request.user)).order_by("pk").first()
    year = (event.starts_on or timezone.localdate()).year
    form = CatalogueRequestForm(request.POST or None, school=school, year=year, submitting=_submitting(request),
                                initial={"during_lessons": not event.outside_working_hours})
    if request.method == "POST" and form.is_valid():
        try:
            leave_request = services.create_for_registration(registration=registration, by=request.user,
                                                             **form.cleaned_data)
            return _save_and_maybe_submit(request, leave_request)
        except services.LeaveError as exc:
            exc.add_to_form(form)
    return render(request, "leave/request_form.html", {"form": form, "event": event, "registration": registration})


@login_required
def create_outside(request):
    if not roles.can_ask_leave(request.user):
        raise PermissionDenied
    # A teacher of two schools chooses the school the request goes to (?school=, kept in the form); a
    # director asks too, and the municipality decides.
    schools = Organisation.objects.filter(pk__in=roles.leave_school_ids(request.user)).order_by("pk")
    wanted = request.POST.get("school") or request.GET.get("school") or ""
    school = schools.filter(pk=int(wanted)).first() if wanted.isdigit() else None
    if wanted and school is None:
        raise Http404
    school = school or schools.first()
    year = timezone.localdate().year
    if request.method == "POST" and request.POST.get("starts_on", "")[:4].isdigit():
        year = int(request.POST["starts_on"][:4])
    form = OutsideRequestForm(request.POST or None, school=school, year=year, submitting=_submitting(request))
    if request.method == "POST" and form.is_valid():
        try:
            leave_request = services.create_outside(teacher=request.user, school=school, **form.cleaned_data)
            _warn_of_overlaps(request, leave_request)
            return _save_and_maybe_submit(request, leave_request)
        except services.LeaveError as exc:
            exc.add_to_form(form)
    return render(request, "leave/request_form.html", {"form": form, "outside": True, "school": school,
                                                       "schools": schools})


def _warn_of_overlaps(request, leave_request):
    overlaps = selectors.overlapping_commitments(leave_request)
    if overlaps:
        messages.warning(request, _("On these dates you also have: %(events)s.") % {"events": "; ".join(overlaps)})


@login_required
def edit(request, pk):
    leave_request = editable_request(request, pk)
    if leave_request.status not in (LeaveRequest.Status.DRAFT, LeaveRequest.Status.RETURNED):
        messages.error(request, _("Only a draft or a returned request can be changed."))
        return redirect("leave:detail", pk=pk)
    form_class = CatalogueRequestForm if leave_request.registration_id else OutsideRequestForm
    form = form_class(request.POST or None, instance=leave_request, school=leave_request.school,
                      year=leave_request.year, submitting=_submitting(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_request(leave_request=leave_request, by=request.user, **form.cleaned_data)
            return _save_and_maybe_submit(request, leave_request)
        except services.LeaveError as exc:
            exc.add_to_form(form)
    return render(request, "leave/request_form.html", {
        "form": form, "leave_request": leave_request, "outside": not leave_request.registration_id,
        "event": leave_request.event,
    })


@login_required
def detail(request, pk):
    leave_request = visible_request(request, pk)
    actions = services.allowed_actions(leave_request, request.user)
    days = selectors.days_by_teacher([leave_request.teacher_id], leave_request.year)[leave_request.teacher_id]
    return render(request, "leave/detail.html", {
        "leave_request": leave_request, "actions": actions,
        "trail": selectors.request_trail(leave_request), "standing": days,
        "serves_priority": selectors.serves_priority(leave_request),
        "cover_form": CoverForm(), "can_decide": permissions.can_decide_leave(request.user, leave_request),
    })


@login_required
def history(request, pk):
    """The request's whole audit trail, for those who may see the request."""
    leave_request = visible_request(request, pk)
    return audit.history_page(
        request, title=leave_request.event_title, rows=selectors.request_trail(leave_request),
        back_url=reverse("leave:detail", args=[pk]), back_label=_("Leave request"))


@login_required
@require_POST
def teacher_action(request, pk):
    leave_request = editable_request(request, pk)
    action = request.POST.get("action")
    try:
        if action == "submit":
            services.submit(leave_request=leave_request, by=request.user)
            messages.success(request, _("The request is submitted."))
        elif action == "withdraw":
            leave_requests.withdraw_request(leave_request=leave_request, by=request.user)
            messages.success(request, _("The request is withdrawn."))
        else:
            raise Http404
    except services.LeaveError as exc:
        messages.error(request, str(exc))
    return redirect("leave:detail", pk=pk)


@login_required
def request_pdf(request, pk):
    """The request as a PDF to sign, with the director's resolution on it once decided."""
    leave_request = visible_request(request, pk)
    response = HttpResponse(request_document(leave_request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="prasymas-{leave_request.pk}.pdf"'
    return response


@login_required
def decision_pdf(request, pk):
    """The former decision document's address: the resolution is now on the request."""
    leave_request = visible_request(request, pk)
    return redirect("leave:request_pdf", pk=leave_request.pk)
