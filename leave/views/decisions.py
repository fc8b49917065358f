"""The heads' work on a request: the deputy agrees the cover, the director (or the municipality, for a
director's own request) decides; and their queues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from funding.services import BudgetExceeded, FundingError, OverrideNotAllowed
from people import roles
from people.models import Role
from people.school_pages import headed_schools
from workflows import leave_requests

from .. import permissions, selectors, services
from ..forms import (
    CoverForm,
    DecisionForm,
)
from ..models import LeaveRequest, SchoolQualificationPlan
from ..ranking import rank
from .shared import coverable_request, decidable_request


@login_required
@require_POST
def cover(request, pk):
    leave_request = coverable_request(request, pk)
    form = CoverForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    try:
        if request.POST.get("action") == "return":
            services.return_request(leave_request=leave_request, by=request.user, comment=comment)
            messages.success(request, _("The request is sent back to the teacher."))
        else:
            services.agree_cover(leave_request=leave_request, by=request.user, comment=comment)
            messages.success(request, _("The lesson cover is agreed; the request goes to the director."))
    except services.LeaveError as exc:
        messages.error(request, str(exc))
        return redirect("leave:detail", pk=pk)
    return redirect("leave:deputy_queue")


@login_required
def decide(request, pk):
    leave_request = decidable_request(request, pk)
    form = DecisionForm(request.POST or None, leave_request=leave_request)
    source = leave_request.funding_source
    shortfall = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = data.get("funding_source") or source
        try:
            if request.POST.get("action") == "reject":
                leave_requests.reject_request(leave_request=leave_request, by=request.user, reason=data["note"])
                messages.success(request, _("The request is rejected."))
            else:
                leave_requests.approve_request(
                    leave_request=leave_request, by=request.user, funding_source=source, note=data["note"],
                    override_reason=data.get("override_reason", ""), warnings_seen=data["warnings_seen"],
                )
                messages.success(request, _("The request is approved."))
            if permissions.is_directors_request(leave_request):
                return redirect("leave:municipality_queue")
            return redirect("leave:director_queue")
        except BudgetExceeded as exc:
            shortfall = exc.shortfall
            form.add_error("override_reason", str(exc))
        except (services.LeaveError, OverrideNotAllowed, FundingError) as exc:
            exc.add_to_form(form)
    warnings = services.approval_warnings(leave_request, source) if leave_request.status != "approved" else []
    rows = selectors.ranking_inputs([leave_request])

    return render(request, "leave/decide.html", {
        "leave_request": leave_request, "form": form, "warnings": warnings, "shortfall": shortfall,
        "standing": selectors.days_by_teacher([leave_request.teacher_id], leave_request.year)[leave_request.teacher_id],
        "reasons": rank(rows)[0].reasons, "actions": services.allowed_actions(leave_request, request.user),
        "planned_days": selectors.planned_days(leave_request.school, leave_request.year),
        "approved_days": selectors.approved_days(leave_request.school, leave_request.year),
    })


# --- Heads ---------------------------------------------------------------------------------------------

@login_required
def deputy_queue(request):
    if not roles.is_school_head(request.user):
        raise PermissionDenied
    schools = roles.headed_school_ids(request.user)
    owed_registrations, owed_outside = selectors.reports_owed(schools)
    recent = selectors.request_list(
        LeaveRequest.objects.filter(school_id__in=schools).exclude(status=LeaveRequest.Status.DRAFT)
    ).order_by("-updated_at")[:20]
    return render(request, "leave/deputy_queue.html", {
        "requests": selectors.awaiting_cover(request.user), "recent": recent,
        "owed_registrations": owed_registrations[:50], "owed_outside": owed_outside[:50],
    })


DIRECTOR_QUEUE_PAGE_SIZE = 50  # requests a page of the director's queue


@login_required
def director_queue(request):
    if not roles.is_director(request.user):
        raise PermissionDenied
    year = timezone.localdate().year
    schools = headed_schools(request, among=(Role.DIRECTOR,))
    plans = {p.school_id: p for p in SchoolQualificationPlan.objects.filter(school__in=schools, year=year)}
    overview = [
        {"school": s, "plan": plans.get(s.pk), "approved_days": selectors.approved_days(s, year)} for s in schools
    ]
    # Ranked as a whole, then paged: each row keeps its rank, so page 2 starts at 51. A bad page number
    # answers the first or the last page, as the school's teachers do.
    page_obj = Paginator(selectors.ranked_for_director(request.user), DIRECTOR_QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "leave/director_queue.html", {
        "rows": page_obj.object_list, "page_obj": page_obj, "overview": overview, "year": year,
        "waiting_cover": selectors.awaiting_cover(request.user).filter(
            school_id__in=roles.headed_school_ids(request.user, roles=(Role.DIRECTOR,))).count(),
    })


@login_required
def municipality_queue(request):
    """Directors' own leave requests, decided by the municipality administrator (the school's founder)."""
    if not roles.is_administrator(request.user):
        raise PermissionDenied
    return render(request, "leave/municipality_queue.html", {
        "rows": selectors.ranked_for_director(request.user, selectors.awaiting_municipality(request.user))})
