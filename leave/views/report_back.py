"""Reports back after an event or an approved request, and their materials."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Registration
from kvalifikacija.uploads import private_file_response
from kvalifikacija.views import object_or_404

from .. import permissions, services
from ..forms import (
    ReportBackForm,
)
from ..models import LeaveRequest, ReportBack


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
