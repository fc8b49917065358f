"""Leave requests, the deputy's and the director's queues, priorities, recommendations, reports back."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Registration
from funding.services import BudgetExceeded, FundingError, OverrideNotAllowed
from kvalifikacija.params import year_param
from kvalifikacija.uploads import private_file_response
from kvalifikacija.views import object_or_404
from lithuanian.collation import lt_order
from people import roles
from people.models import Organisation, Role
from workflows import leave_requests

from . import permissions, selectors, services
from .forms import (
    CatalogueRequestForm,
    CoverForm,
    DecisionForm,
    OutsideRequestForm,
    PlanForm,
    PriorityForm,
    RecommendationForm,
    ReportBackForm,
)
from .models import LeaveRequest, Recommendation, ReportBack, SchoolPriority, SchoolQualificationPlan
from .pdf import request_pdf as request_document
from .ranking import rank


def _year(request):
    return year_param(request.GET.get("year"))


def _headed_school(request, among=roles.SCHOOL_HEADS):
    """The school a head works on: ?school=<id> among the schools the user heads, else the first."""
    ids = roles.headed_school_ids(request.user, roles=among)
    if not ids:
        raise PermissionDenied
    wanted = request.GET.get("school") or request.POST.get("school")
    if wanted:
        try:
            wanted = int(wanted)
        except ValueError:
            raise Http404
        if wanted not in ids:
            raise Http404
        return get_object_or_404(Organisation, pk=wanted)
    return Organisation.objects.filter(pk__in=ids).order_by(lt_order("name")).first()


def _headed_schools(request, among=roles.SCHOOL_HEADS):
    return Organisation.objects.filter(pk__in=roles.headed_school_ids(request.user, roles=among)).order_by(lt_order("name"))


_visible_request = object_or_404(lambda user: selectors.request_list(permissions.leave_requests_visible_to(user)))


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
    leave_request = _visible_request(request, pk)
    if not permissions.can_edit_leave_request(request.user, leave_request):
        raise PermissionDenied
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
    leave_request = _visible_request(request, pk)
    actions = services.allowed_actions(leave_request, request.user)
    days = selectors.days_by_teacher([leave_request.teacher_id], leave_request.year)[leave_request.teacher_id]
    return render(request, "leave/detail.html", {
        "leave_request": leave_request, "actions": actions,
        "steps": leave_request.steps.select_related("actor"), "standing": days,
        "serves_priority": selectors.serves_priority(leave_request),
        "cover_form": CoverForm(), "can_decide": permissions.can_decide_leave(request.user, leave_request),
    })


@login_required
@require_POST
def teacher_action(request, pk):
    leave_request = _visible_request(request, pk)
    if not permissions.can_edit_leave_request(request.user, leave_request):
        raise PermissionDenied
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
@require_POST
def cover(request, pk):
    leave_request = _visible_request(request, pk)
    if not permissions.can_agree_cover(request.user, leave_request):
        raise PermissionDenied
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
    leave_request = _visible_request(request, pk)
    if not permissions.can_decide_leave(request.user, leave_request):
        raise PermissionDenied
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


@login_required
def request_pdf(request, pk):
    """The request as a PDF to sign, with the director's resolution on it once decided."""
    leave_request = _visible_request(request, pk)
    response = HttpResponse(request_document(leave_request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="prasymas-{leave_request.pk}.pdf"'
    return response


@login_required
def decision_pdf(request, pk):
    """The former decision document's address: the resolution is now on the request."""
    leave_request = _visible_request(request, pk)
    return redirect("leave:request_pdf", pk=leave_request.pk)


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


@login_required
def director_queue(request):
    if not roles.is_director(request.user):
        raise PermissionDenied
    year = timezone.localdate().year
    schools = _headed_schools(request, among=(Role.DIRECTOR,))
    plans = {p.school_id: p for p in SchoolQualificationPlan.objects.filter(school__in=schools, year=year)}
    overview = [
        {"school": s, "plan": plans.get(s.pk), "approved_days": selectors.approved_days(s, year)} for s in schools
    ]
    return render(request, "leave/director_queue.html", {
        "rows": selectors.ranked_for_director(request.user), "overview": overview, "year": year,
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


@login_required
def school_days(request):
    school = _headed_school(request)
    year = _year(request)
    teachers = list(selectors.school_teachers(school).select_related("teacher_profile"))
    days = selectors.days_by_teacher([t.pk for t in teachers], year)
    rows = [{"teacher": t, "standing": days[t.pk]} for t in teachers]
    return render(request, "leave/school_days.html", {
        "school": school, "year": year, "rows": rows, "schools": _headed_schools(request),
        "planned_days": selectors.planned_days(school, year), "approved_days": selectors.approved_days(school, year),
        "hours_per_day": settings.ACADEMIC_HOURS_PER_DAY,
    })


@login_required
def priorities(request):
    school = _headed_school(request)
    year = _year(request)
    items = SchoolPriority.objects.filter(school=school, year=year).prefetch_related("events")
    plan = SchoolQualificationPlan.objects.filter(school=school, year=year).first()
    form = PriorityForm(year=year, prefix="priority")
    plan_form = PlanForm(instance=plan, prefix="plan")
    if request.method == "POST":
        try:
            if "plan-planned_days" in request.POST:
                plan_form = PlanForm(request.POST, instance=plan, prefix="plan")
                if plan_form.is_valid():
                    services.set_planned_days(school=school, year=year, by=request.user,
                                              planned_days=plan_form.cleaned_data["planned_days"],
                                              note=plan_form.cleaned_data["note"])
                    messages.success(request, _("The planned days are saved."))
                    return redirect(f"{request.path}?school={school.pk}&year={year}")
            else:
                form = PriorityForm(request.POST, year=year, prefix="priority")
                if form.is_valid():
                    services.save_priority(school=school, year=year, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The priority is saved."))
                    return redirect(f"{request.path}?school={school.pk}&year={year}")
        except services.LeaveError as exc:
            messages.error(request, str(exc))
    return render(request, "leave/priorities.html", {
        "school": school, "year": year, "items": items, "form": form, "plan_form": plan_form, "plan": plan,
        "schools": _headed_schools(request),
    })


@login_required
def priority_edit(request, pk):
    priority = get_object_or_404(SchoolPriority.objects.select_related("school"), pk=pk,
                                 school_id__in=roles.headed_school_ids(request.user))
    form = PriorityForm(request.POST or None, instance=priority, year=priority.year,
                        initial={"events": priority.events.all()})
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            services.delete_priority(priority=priority, by=request.user)
            messages.success(request, _("The priority is removed."))
            return redirect(f"{_url('leave:priorities')}?school={priority.school_id}&year={priority.year}")
        if form.is_valid():
            services.save_priority(school=priority.school, year=priority.year, by=request.user, priority=priority,
                                   **form.cleaned_data)
            messages.success(request, _("The priority is saved."))
            return redirect(f"{_url('leave:priorities')}?school={priority.school_id}&year={priority.year}")
    return render(request, "leave/priority_form.html", {"form": form, "priority": priority})


def _url(name):
    return reverse(name)


@login_required
def recommendations(request):
    school = _headed_school(request)
    teachers = selectors.school_teachers(school)
    form = RecommendationForm(request.POST or None, teachers=teachers)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommend(school=school, by=request.user, **form.cleaned_data)
            messages.success(request, _("The recommendation is sent."))
            return redirect(f"{request.path}?school={school.pk}")
        except services.LeaveError as exc:
            exc.add_to_form(form)
    items = (
        Recommendation.objects.filter(school=school)
        .select_related("event", "recommended_by")
        .prefetch_related(Prefetch("teachers", queryset=teachers.model.objects.order_by(lt_order("last_name"))))
        .order_by("-created_at")[:50]
    )
    return render(request, "leave/recommendations.html", {
        "school": school, "form": form, "items": items, "schools": _headed_schools(request),
    })


@login_required
def report_new(request, kind, pk):
    if kind == "registration":
        subject = get_object_or_404(Registration.objects.select_related("event"), pk=pk, teacher=request.user)
        target = {"registration": subject}
        title = subject.event.title
    else:
        subject = get_object_or_404(LeaveRequest, pk=pk, teacher=request.user)
        target = {"leave_request": subject}
        title = subject.event_title
    form = ReportBackForm(request.POST or None, request.FILES or None,
                          initial={"reported_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_report_back(teacher=request.user, **target, **form.cleaned_data)
            messages.success(request, _("The report is recorded."))
            return redirect("leave:my_requests")
        except services.ReportError as exc:
            exc.add_to_form(form)
        except services.LeaveError as exc:
            exc.add_to_form(form)
    return render(request, "leave/report_form.html", {"form": form, "title": title})


_visible_report = object_or_404(ReportBack.objects.select_related("teacher"), permissions.can_view_report_back,
                                hidden=True)


@login_required
def report_materials(request, pk):
    report = _visible_report(request, pk)
    if not report.materials:
        raise Http404
    return private_file_response(report.materials, filename_base=f"ataskaitos-medziaga-{report.pk}")
