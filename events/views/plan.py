"""The yearly plan: the public page and PDF, and the staff page that publishes it and shows the build."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people import roles
from people.models import Organisation

from .. import permissions
from ..forms import PlanForm
from ..fragments import plan_body
from ..models import Event, YearPlan
from ..pdf import plan_context, render_plan_pdf
from ..selectors import plan_events
from ..services import plan as plan_services


def plan_page(request, year):
    """The year's published events by month, with their forms counted. The body is the same for every
    viewer and is rendered once per change (events/fragments.py); only the manage link is per viewer."""
    organiser = plan_services.plan_centre(year)
    if organiser is None:
        raise Http404
    plan = YearPlan.objects.filter(organiser=organiser, year=year).first()

    def render_body():
        events = list(plan_events(organiser=organiser, year=year))
        context = plan_context(organiser=organiser, year=year, plan=plan,
                               entries=[plan_services.event_entry(e) for e in events])
        forms = {}
        for event in events:
            label = str(event.get_form_display())
            forms[label] = forms.get(label, 0) + 1
        context.update(forms=sorted(forms.items()), years=[year - 1, year + 1])
        return context["count"], render_to_string("events/plan/_plan_body.html", context)

    count, body = plan_body(organiser=organiser, year=year, plan=plan, render=render_body)
    return render(request, "events/plan/plan_page.html", {
        "organiser": organiser, "year": year, "plan": plan, "count": count, "plan_body": body,
        "pdf_built_at": plan.built_at if _has_built_pdf(plan) else None,
        "can_manage": organiser.pk in roles.centre_ids(request.user),
    })


def _has_built_pdf(plan) -> bool:
    return bool(plan and plan.is_published and plan.pdf and plan.built_at and plan.pdf.storage.exists(plan.pdf.name))


def plan_pdf(request, year):
    """The last built PDF of the published plan, saying when it was built (`Last-Modified`) and, while
    the events have changed since, that a newer one is being built (`X-Plan-Status: updating`; the plan
    page says it in words). A plan never built is built on the spot when small."""
    organiser = plan_services.plan_centre(year)
    if organiser is None:
        raise Http404
    filename = f"renginiu-planas-{year}.pdf"
    plan = YearPlan.objects.filter(organiser=organiser, year=year).first()
    if _has_built_pdf(plan):
        fresh = plan_services.is_fresh(plan)
        if not fresh and plan.build_status == YearPlan.BuildStatus.READY:
            # Changed by something no event service saw (a lecturer's name, a subject): built again, once.
            plan_services.schedule_rebuild(organiser_id=organiser.pk, year=year)
        response = FileResponse(plan.pdf.open("rb"), content_type="application/pdf")
        response["Last-Modified"] = http_date(plan.built_at.timestamp())
        response["X-Plan-Status"] = "current" if fresh else "updating"
    else:
        count = Event.objects.published().filter(organiser=organiser, plan_year=year).count()
        if not count:
            raise Http404
        if count <= plan_services.SYNC_BUILD_LIMIT:
            response = HttpResponse(render_plan_pdf(organiser=organiser, year=year, plan=plan),
                                    content_type="application/pdf")
        elif plan and plan.pdf and plan.pdf.storage.exists(plan.pdf.name):
            response = FileResponse(plan.pdf.open("rb"), content_type="application/pdf")  # last built, while rebuilding
        else:
            response = HttpResponse(_("The plan's PDF is being prepared; try again in a minute."), status=503,
                                    content_type="text/plain; charset=utf-8")
            response["Retry-After"] = "60"
            return response
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _staff_centre(request):
    if not request.user.is_authenticated:
        return None
    if not permissions.can_manage_events(request.user):
        raise PermissionDenied
    return Organisation.objects.get(pk=min(roles.centre_ids(request.user)))


def _year(request, default=None):
    value = request.GET.get("year") or request.POST.get("year") or ""
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else (default or timezone.localdate().year)


def _plan_state(organiser, year):
    plan = plan_services.get_plan(organiser=organiser, year=year)
    event_count = Event.objects.published().filter(organiser=organiser, plan_year=year).count()
    fresh = plan_services.is_fresh(plan) if plan.build_status == YearPlan.BuildStatus.READY else False
    return {"plan": plan, "year": year, "event_count": event_count, "fresh": fresh,
            "out_of_date": plan.build_status == YearPlan.BuildStatus.READY and not fresh,
            "progress_class": f"w-progress-{min(plan.build_progress, 100) // 10 * 10}",
            "building": plan.build_status in (YearPlan.BuildStatus.QUEUED, YearPlan.BuildStatus.BUILDING)}


def plan_manage(request):
    organiser = _staff_centre(request)
    if organiser is None:
        return redirect(f"{reverse('login')}?next={request.path}")
    year = _year(request)
    state = _plan_state(organiser, year)
    plan = state["plan"]
    form = PlanForm(initial={"title": plan.title, "introduction": plan.introduction,
                             "approval_order_number": plan.approval_order_number,
                             "approval_order_date": plan.approval_order_date})
    state.update(form=form, organiser=organiser, years=[year - 1, year, year + 1],
                 draft_count=Event.objects.filter(organiser=organiser, plan_year=year,
                                                  status=Event.Status.DRAFT).count())
    return render(request, "events/plan/manage.html", state)


def plan_status(request):
    """The small part of the staff page that htmx polls while the PDF is built."""
    organiser = _staff_centre(request)
    if organiser is None:
        raise PermissionDenied
    return render(request, "events/plan/_build_status.html", _plan_state(organiser, _year(request)))


@require_POST
def plan_publish(request):
    organiser = _staff_centre(request)
    if organiser is None:
        raise PermissionDenied
    year = _year(request)
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the plan's title and introduction."))
    else:
        try:
            plan_services.publish_plan(organiser=organiser, year=year, by=request.user,
                                       title=form.cleaned_data["title"], introduction=form.cleaned_data["introduction"],
                                       approval_order_number=form.cleaned_data["approval_order_number"],
                                       approval_order_date=form.cleaned_data["approval_order_date"])
        except plan_services.PlanError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The plan is published; its PDF is being built."))
    return redirect(f"{reverse('events:plan_manage')}?year={year}")
