"""Demo notices: a few in the demo people's inboxes and one failed notice in the staff's dead letter.

Rows are recorded as already sent (nothing is e-mailed while seeding); idempotent by key.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from events.models import Event

from .models import NoticeLog
from .services import render_notice


def _record(*, key, kind, recipient, context, link="/", status=NoticeLog.Status.SENT, read=False, error="",
            age=dt.timedelta(0)):
    if NoticeLog.objects.filter(key=key).exists():
        return
    context = {"recipient": recipient, "site_url": settings.SITE_URL, "link": f"{settings.SITE_URL}{link}",
               **context}
    subject, text, html = render_notice(kind=kind, context=context, language=recipient.language)
    now = timezone.now()
    notice = NoticeLog.objects.create(
        key=key, kind=kind, recipient=recipient, email=recipient.email, subject=subject[:300], body_text=text,
        body_html=html, link=link, status=status, attempts=1 if status == NoticeLog.Status.SENT else 7,
        sent_at=now - age if status == NoticeLog.Status.SENT else None, last_error=error,
        read_at=now - age if read else None,
    )
    NoticeLog.objects.filter(pk=notice.pk).update(created_at=now - age)


def seed(ctx):
    demo = ctx.get("demo")
    if not demo:
        return
    today = timezone.localdate()
    upcoming = list(Event.objects.filter(status=Event.Status.PUBLISHED, starts_on__gte=today).order_by("starts_on")[:4])
    past = Event.objects.filter(status=Event.Status.COMPLETED).order_by("-ends_on").first()
    school = ctx.get("demo_school")
    if upcoming and school:
        for role in ("director", "deputy"):
            _record(key=f"demo:digest_new_events:{role}", kind="digest_new_events", recipient=demo[role],
                    context={"school": school, "items": upcoming, "since": timezone.now()}, link="/renginiai/",
                    age=dt.timedelta(days=2), read=role == "deputy")
        month_start = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        _record(key="demo:digest_monthly_plan:director", kind="digest_monthly_plan", recipient=demo["director"],
                context={"school": school, "items": upcoming, "month_start": month_start}, link="/renginiai/",
                age=dt.timedelta(days=5))
    if past:
        survey = {"kind": "evaluation", "closes_on": today + dt.timedelta(days=14)}
        _record(key="demo:survey_invitation:teacher", kind="survey_invitation", recipient=demo["teacher"],
                context={"event": past, "survey": survey}, link="/apklausos/", age=dt.timedelta(days=1))
        registration = past.registrations.select_related("teacher").first()
        _record(key="demo:report_back_overdue:teacher", kind="report_back_overdue", recipient=demo["teacher"],
                context={"event": past, "registration": registration, "days": 30}, link="/prasymai/",
                age=dt.timedelta(days=3), read=True)
        _record(key="demo:failed:survey_invitation", kind="survey_invitation", recipient=demo["director"],
                context={"event": past, "survey": survey}, link="/apklausos/", status=NoticeLog.Status.FAILED,
                error="SMTPServerDisconnected: Connection unexpectedly closed", age=dt.timedelta(hours=6))
