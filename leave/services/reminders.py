"""The leave app's reminders: directors about requests waiting for their decision, teachers about
reports back that are overdue. Each person is told once per duty (the notice key says what and when),
so a retried task sends nothing twice."""

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from notices.services import notify
from people.models import Role

from .. import selectors
from ..models import LeaveRequest, ReportBack
from .requests import _decidable, leave_request_url

S = LeaveRequest.Status


def remind_waiting_decisions(*, today=None) -> int:
    """Remind directors of requests waiting for their decision for three days or more; once a week per
    request (the notice key holds the ISO week), so a retried task sends nothing twice."""
    today = today or timezone.localdate()
    week = today.isocalendar()
    cutoff = timezone.now() - dt.timedelta(days=3)
    sent = 0
    waiting = LeaveRequest.objects.filter(
        status__in=(S.COVER_AGREED, S.SUBMITTED), submitted_at__lte=cutoff
    ).select_related("teacher", "school", "registration__event")
    for leave_request in waiting:
        if not _decidable(leave_request):
            continue
        for director in selectors.school_heads(leave_request.school, Role.DIRECTOR):
            if notify(kind="leave_decision_needed", recipient=director,
                      key=f"leave_decision_reminder:{leave_request.pk}:{director.pk}:{week[0]}-{week[1]}",
                      context={"leave_request": leave_request}, link=leave_request_url(leave_request)):
                sent += 1
    return sent


REPORT_BACK_AFTER_DAYS = 30
# Reports back are not chased for events longer ago than this (old data when the portal starts).
REPORT_BACK_LOOKBACK_DAYS = 180


def overdue_report_backs(*, today):
    """Attended events that ended 30 to 180 days ago with no report back, by the registration or by the
    leave request that carried it."""
    return (
        Registration.objects.filter(
            status=Registration.Status.ATTENDED,
            event__ends_on__lt=today - dt.timedelta(days=REPORT_BACK_AFTER_DAYS),
            event__ends_on__gte=today - dt.timedelta(days=REPORT_BACK_LOOKBACK_DAYS),
        )
        .filter(~Exists(ReportBack.objects.filter(registration=OuterRef("pk"))))
        .filter(~Exists(ReportBack.objects.filter(leave_request__registration=OuterRef("pk"))))
        .select_related("teacher", "event")
        .order_by("event__ends_on", "id")
    )


def send_overdue_report_back_reminders(*, today=None) -> int:
    """One notice per teacher listing every attended event that ended more than 30 days ago without a
    report back (not one e-mail per event), with a link to each report form; run twice on the same day,
    it sends nothing new. Returns the number of notices."""
    today = today or timezone.localdate()
    by_teacher = {}
    for registration in overdue_report_backs(today=today):
        by_teacher.setdefault(registration.teacher_id, []).append(registration)
    created = 0
    with transaction.atomic():
        for registrations in by_teacher.values():
            for registration in registrations:
                registration.report_link = reverse("leave:report_for_registration", args=[registration.pk])
            first = registrations[0]
            notice = notify(
                kind="report_back_overdue", recipient=first.teacher,
                key=f"report_back_overdue:{first.teacher_id}:{today.isoformat()}",
                context={"registrations": registrations, "registration": first, "event": first.event,
                         "count": len(registrations), "days": REPORT_BACK_AFTER_DAYS},
                link=first.report_link if len(registrations) == 1 else reverse("leave:my_requests"),
            )
            created += notice is not None
    return created
