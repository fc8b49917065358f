"""A school's qualification work: days per teacher, priorities and the plan, recommendations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lithuanian.collation import lt_order
from people import roles
from people.school_pages import headed_school, headed_schools

from .. import selectors, services
from ..forms import (
    PlanForm,
    PriorityForm,
    RecommendationForm,
)
from ..models import Recommendation, SchoolPriority, SchoolQualificationPlan
from .shared import asked_year


@login_required
def school_days(request):
    school = headed_school(request)
    year = asked_year(request)
    teachers = list(selectors.school_teachers(school).select_related("teacher_profile"))
    days = selectors.days_by_teacher([t.pk for t in teachers], year)
    rows = [{"teacher": t, "standing": days[t.pk]} for t in teachers]
    return render(request, "leave/school_days.html", {
        "school": school, "year": year, "rows": rows, "schools": headed_schools(request),
        "planned_days": selectors.planned_days(school, year), "approved_days": selectors.approved_days(school, year),
        "hours_per_day": settings.ACADEMIC_HOURS_PER_DAY,
    })


@login_required
def priorities(request):
    school = headed_school(request)
    year = asked_year(request)
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
        "schools": headed_schools(request),
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
    school = headed_school(request)
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
        "school": school, "form": form, "items": items, "schools": headed_schools(request),
    })
