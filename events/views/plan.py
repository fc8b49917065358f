"""The yearly plan: the public page and PDF, and the staff page that publishes it and shows the build."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalifikacija import params
from people import roles
from people.models import Organisation

from .. import permissions
from ..forms import PlanForm
from ..fragments import plan_body
from ..models import Event, YearPlan
from ..pdf import MONTHS, plan_context, render_plan_pdf
from ..selectors import plan_events
from ..services import plan as plan_services

PLAN_PAGE_SIZE = 100  # events per page of the plan page: its cost does not grow with the district


def plan_page(request, year):
    """The year's published events by month, with their forms and months counted, PLAN_PAGE_SIZE events a
    page (the month index leads to the page where each month starts; the PDF has the whole year). Each
    page's body is the same for every viewer and is rendered once per change of the plan
    (events/fragments.py, the changes that make the PDF stale); only the manage link is per viewer."""
    organiser = plan_services.plan_centre(year)
    if organiser is None:
        raise Http404
    plan = YearPlan.objects.filter(organiser=organiser, year=year).first()
    number = params.int_param(request.GET.get("page"), default=1, minimum=1, maximum=1000)

    def render_body():
        return _render_plan_body(organiser=organiser, year=year, plan=plan, number=number)

    count, body = plan_body(organiser=organiser, year=year, plan=plan, render=render_body, part=number)
    return render(request, "events/plan/plan_page.html", {
        "organiser": organiser, "year": year, "plan": plan, "count": count, "plan_body": body,
        "pdf_built_at": plan.built_at if _has_built_pdf(plan) else None,
        "can_manage": organiser.pk in roles.centre_ids(request.user),
    })


def _render_plan_body(*, organiser, year, plan, number):
    """(count of the year's events, HTML of page `number` of the plan's body): the year's figures from
    two aggregate queries (per month: events, hours; per form: events), the page's events in full."""
    events = plan_events(organiser=organiser, year=year)
    totals = events.prefetch_related(None).order_by()
    per_month = list(totals.annotate(month=ExtractMonth("starts_on")).values("month").annotate(
        n=Count("id"), hours=Sum("academic_hours")).order_by("month"))
    per_form = dict(totals.values_list("form").annotate(n=Count("id")).values_list("form", "n"))
    count = sum(row["n"] for row in per_month)
    page = Paginator(range(count), PLAN_PAGE_SIZE).get_page(number)  # the numbers only: no query
    entries = [plan_services.event_entry(e) for e in events[page.start_index() - 1 if count else 0:page.end_index()]]
    context = plan_context(organiser=organiser, year=year, plan=plan, entries=entries)
    index, before = [], 0
    for row in per_month:  # each month links to the page its first event is on
        month = row["month"] or 0
        index.append((month, str(MONTHS.get(month, "")).capitalize(), row["n"], before // PLAN_PAGE_SIZE + 1))
        before += row["n"]
    forms = dict(Event._meta.get_field("form").choices)
    context.update(
        count=count, total_hours=sum(row["hours"] or 0 for row in per_month), month_index=index,
        forms=sorted((str(forms.get(form, form)), n) for form, n in per_form.items()), years=[year - 1, year + 1],
        page_obj=page,
    )
    return count, render_to_string("events/plan/_plan_body.html", context)


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
