"""Periodic notices to people: event reminders, survey invitations, overdue reports back.

Each person is told once: the notice key names the survey and the person; overdue reports back go
as one notice per person and day, listing every event.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from events.models import Registration

from .services import notify

REPORT_BACK_AFTER_DAYS = 30
# Reports back are not chased for events longer ago than this (old data when the portal starts).
REPORT_BACK_LOOKBACK_DAYS = 180


def _link(name, args=(), default="/"):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return default


def send_event_reminders(*, today=None) -> int:
    """Remind people holding a seat the day before the event (the registration service decides who)."""
    try:
        from events.services.reminders import send_reminders
    except ImportError:
        return 0
    return send_reminders(day=today or timezone.localdate())


def survey_link(survey):
    for name in ("surveys:respond", "surveys:answer", "surveys:detail"):
        link = _link(name, args=[survey.pk], default="")
        if link:
            return link
    return "/apklausos/"


def send_survey_invitations(*, today=None) -> int:
    """Invite each participant who attended the survey's event to an open evaluation or follow-up survey,
    once per survey and person; people who already answered are not invited."""
    from surveys.models import Response, Survey

    today = today or timezone.localdate()
    surveys = (
        Survey.objects.filter(is_active=True, opens_on__lte=today, event__isnull=False)
        .exclude(closes_on__lt=today)
        .select_related("event")
    )
    created = 0
    with transaction.atomic():
        for survey in surveys:
            answered = Response.objects.filter(survey=survey, respondent=OuterRef("teacher"))
            registrations = (
                Registration.objects.filter(event=survey.event, status=Registration.Status.ATTENDED)
                .filter(~Exists(answered))
                .select_related("teacher")
            )
            link = survey_link(survey)
            for registration in registrations:
                notice = notify(
                    kind="survey_invitation", recipient=registration.teacher,
                    key=f"survey_invitation:{survey.pk}:{registration.teacher_id}",
                    context={"survey": survey, "event": survey.event}, link=link,
                )
                created += notice is not None
    return created


def overdue_report_backs(*, today):
    from leave.models import ReportBack

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
    report back (not one e-mail per event); run twice on the same day, it sends nothing new. Returns
    the number of notices."""
    today = today or timezone.localdate()
    by_teacher = {}
    for registration in overdue_report_backs(today=today):
        by_teacher.setdefault(registration.teacher_id, []).append(registration)
    created = 0
    with transaction.atomic():
        for registrations in by_teacher.values():
            for registration in registrations:
                registration.report_link = _link("leave:report_for_registration", args=[registration.pk],
                                                 default="/prasymai/")
            first = registrations[0]
            notice = notify(
                kind="report_back_overdue", recipient=first.teacher,
                key=f"report_back_overdue:{first.teacher_id}:{today.isoformat()}",
                context={"registrations": registrations, "registration": first, "event": first.event,
                         "count": len(registrations), "days": REPORT_BACK_AFTER_DAYS},
                link=first.report_link if len(registrations) == 1 else _link("leave:my_requests",
                                                                             default="/prasymai/"),
            )
            created += notice is not None
    return created
